"""The content of one regional evaluation report: tables, plots, key figures and conclusions.

Why in the library: the notebook stays thin (one call per section), the runner, the exports and the
tests use the very same numbers, and the conclusions are generated from those numbers so the text can
never contradict a table.
"""

from __future__ import annotations

import html
import math
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from ..agreement import agreement_summary, simulate_assessments, spread
from ..assumptions import ASSUMPTIONS
from ..axis_format import eur_axis
from ..cases import Case, cases_for_region
from ..catalogue import LAWS, payer_label
from ..cbs import NATIONAL, SOURCE_NOTE, youth_care_indicators, youth_care_share_by_code
from ..effects import EffectCalculator, wrong_pocket_summary
from ..formatting import format_eur, format_number, format_pct
from ..funding import BASELINE, MODELS, FundingResult, make_model
from ..generator import generate_caseload
from ..i18n import COMMON
from ..regions import Region, get_region
from ..scenario import RISK_LABELS, Scenario, ScenarioResult, explain
from ..sizing import RateSource, caseload_size, use_cbs_file
from . import bokehjs, plots
from .params import SCENARIO_LABELS, SCENARIOS, SEED_SPREAD, ReportParams, check_params
from .tables import Table

N_TEAMS = 8  # simulated area teams assessing the same cases
MAX_AGREEMENT_CASES = 300  # enough for a stable kappa; keeps the section fast at national scale

SECTIONS = ("profile", "spend", "providers", "agreement", "effects", "wellbeing", "scenario", "methods", "conclusions")

TEXT: dict[str, tuple[str, str]] = {
    "title": ("Regionale evaluatie {where}, {year}", "Regional evaluation {where}, {year}"),
    "subtitle": ("Bekostigingsmodel {model} vergeleken met de basislijn {baseline}; scenario: {scenario}; "
                 "steekproef van {n} cliëntregels (zaad {seed}) die samen voor de echte caseload staan.",
                 "Funding model {model} compared with the baseline {baseline}; scenario: {scenario}; "
                 "a sample of {n} client rows (seed {seed}) standing together for the real caseload."),
    "subtitle_supplied": ("Bekostigingsmodel {model} vergeleken met de basislijn {baseline}; scenario: {scenario}; "
                          "aangeleverde caseload van {n} cliëntregels.",
                          "Funding model {model} compared with the baseline {baseline}; scenario: {scenario}; "
                          "supplied caseload of {n} client rows."),
    "profile": ("1. Regioprofiel", "1. Region profile"),
    "profile_intro": ("{region} telt in {year} {k} gemeente(n) met samen {pop} inwoners. Het aandeel jongeren "
                      "met jeugdhulp per gemeente (echte CBS-cijfers, gekoppeld op CBS-code) staat naast het "
                      "landelijke cijfer, met het verwachte aantal cliënten per wet.",
                      "In {year}, {region} has {k} municipality(ies) with {pop} inhabitants together. The share "
                      "of young people with youth care per municipality (real CBS figures) is shown next to the "
                      "national figure."),
    "profile_single_intro": ("{region} telt in {year} {pop} inwoners. Het aandeel jongeren met jeugdhulp (echte "
                             "CBS-cijfers, gekoppeld op CBS-code) staat naast het landelijke cijfer, met het verwachte "
                             "aantal cliënten per wet.",
                             "In {year}, {region} has {pop} inhabitants. Its share of young people with youth care "
                             "(real CBS figures, joined by CBS code) is shown next to the national figure, with the "
                             "expected number of clients per law."),
    "profile_none": ("Voor deze (fictieve) gemeenten heeft het CBS geen cijfers; het landelijke cijfer is {nat}.",
                     "CBS has no figures for these (fictional) municipalities; the national figure is {nat}."),
    "spend": ("2. Uitgaven per wet onder elk bekostigingsmodel", "2. Spend per law under each funding model"),
    "spend_intro": ("Wat de gemeente per jaar uitgeeft aan Wmo-maatwerk en jeugdhulp voor dezelfde synthetische "
                    "cliënten, per bekostigingsmodel.",
                    "What the municipality spends per year on individual Wmo support and youth care for the same "
                    "synthetic clients, per funding model."),
    "providers": ("3. Marges van aanbieders en continuïteit van zorg", "3. Provider margins and continuity of care"),
    "providers_intro": ("Omzet, kosten en marge van de aanbieders samen, en het risico voor de continuïteit van zorg "
                        "(hoog bij meer dan 5% verlies).",
                        "Revenue, cost and margin of all providers together, and the continuity-of-care risk "
                        "(high beyond a 5% loss)."),
    "agreement": ("4. Consistentie tussen gebiedsteams", "4. Consistency between area teams"),
    "agreement_intro": ("{teams} gebiedsteams beoordelen dezelfde {n} cliënten. Fleiss' kappa meet hoe vaak ze "
                        "hetzelfde product kiezen (1 = altijd, 0 = toeval); de spreiding laat zien hoeveel de "
                        "toegekende kosten per cliënt uiteenlopen. Rechts: wat de productindikking verandert.",
                        "{teams} area teams assess the same {n} clients. Fleiss' kappa measures how often they "
                        "choose the same product (1 = always, 0 = chance); the spread shows how far the assigned "
                        "cost per client diverges. Right: what the harmonised catalogue changes."),
    "effects": ("5. Effectencalculator: oude en nieuwe aanpak per betaler",
                "5. Effect calculator: old and new way per payer"),
    "effects_intro": ("De {n} uitgewerkte casussen van {region}: kosten over drie jaar in de oude aanpak en met "
                      "MDO en een integrale oplossing, per betaler.",
                      "The {n} worked cases of {region}: cost over three years the old way and with an MDO and an "
                      "integrated solution, per payer."),
    "effects_none": ("Voor deze regio zijn geen uitgewerkte casussen beschikbaar.",
                     "No worked cases are available for this region."),
    "wellbeing": ("6. Welbevinden voor en na", "6. Wellbeing before and after"),
    "wellbeing_intro": ("Gemiddeld welbevinden (1-10) van de synthetische cliënten vooraf en verwacht na een jaar, "
                        "per bekostigingsmodel; en van de uitgewerkte casussen in de oude en de nieuwe aanpak.",
                        "Mean wellbeing (1-10) of the synthetic clients before and expected after a year, per "
                        "funding model; and of the worked cases the old and the new way."),
    "scenario": ("7. Scenario: {label}", "7. Scenario: {label}"),
    "scenario_intro": ("Het scenario berekend met zorglab.scenario op dezelfde cliënten als hierboven ({n} cliënten), "
                       "vergeleken met dezelfde basislijn P x Q.",
                       "The scenario computed with zorglab.scenario on the same clients as above ({n} clients), "
                       "compared with the same P x Q baseline."),
    "scenario_basis": ("Geen extra scenario gekozen (scenario = 'basis'): de uitkomsten hierboven gelden.",
                       "No extra scenario chosen (scenario = 'basis'): the results above apply."),
    "methods": ("8. Methode, aannames en onzekerheid", "8. Methods, assumptions and uncertainty"),
    "methods_intro": ("Het aantal cliënten volgt uit het aantal inwoners en CBS-cijfers per gemeente (op CBS-code); "
                      "de synthetische steekproef van {n} cliënten bepaalt alleen de precisie: elke rij staat voor een "
                      "deel van de echte cliënten. Het gedrag van aanbieders volgt uit wat elk model betaalt voor één "
                      "uur of cliënt meer. Elke aanname staat hieronder met waarde en bron; de spreiding over "
                      "steekproeven laat zien hoeveel van een uitkomst toeval is.",
                      "The number of clients follows from inhabitants and CBS figures per municipality (by CBS code); "
                      "the synthetic sample of {n} clients only sets the precision: each row stands for part of the "
                      "real clients. Provider behaviour follows from what each model pays for one more hour or client. "
                      "Every assumption is listed below with its value and source; the spread over samples shows how "
                      "much of a result is chance."),
    "methods_supplied": ("Deze uitkomsten rusten op de aangeleverde caseload ({n} cliëntregels), niet op synthetische "
                         "cliënten. De budgetnorm (lumpsum) volgt uit inwoners × landelijke CBS-cijfers.",
                         "These results rest on the supplied caseload ({n} client rows), not on synthetic clients. The "
                         "budget norm (lump sum) follows from inhabitants × national CBS figures."),
    "conclusions": ("9. Conclusies", "9. Conclusions"),
}


def _t(key: str, language: str, **fmt: Any) -> str:
    text = TEXT[key][1 if language == "en" else 0]
    return text.format(**fmt) if fmt else text


def model_label(key: str, language: str = "nl") -> str:
    return MODELS[key]().label(language)


POPULATION_NOTE = "inwoners: CBS 37259 (1 januari 2022) of regioregister; verwachte cliënten: zorglab.sizing"


def _share(code: str | None) -> float:
    """CBS youth-care share (%) of a municipality by GM code (NaN when CBS has none)."""
    return youth_care_share_by_code(code) if code else float("nan")


_SOURCE_NOTES = {
    RateSource.NATIONAL_NO_CODE: ("geen CBS-rij (fictief of heringedeeld): landelijk cijfer gebruikt",
                                  "no CBS row (fictional or merged): national figure used"),
    RateSource.NATIONAL_SUPPRESSED: ("CBS-cijfer niet gepubliceerd: landelijk cijfer gebruikt",
                                     "CBS figure not published: national figure used"),
}


def _source_note(wmo: str, jeugdwet: str, language: str) -> str:
    en = int(language == "en")
    parts = []
    for law, src in (("Wmo", wmo), ("Jeugdwet", jeugdwet)):
        if src in _SOURCE_NOTES:
            parts.append(f"{law}: {_SOURCE_NOTES[src][en]}")
    return "; ".join(parts)


class RegionalReport:
    """Every number of one region report, computed once and lazily (a section costs only when shown)."""

    def __init__(self, params: ReportParams | None = None, **kwargs: Any):
        self.params = params if params is not None else check_params(**kwargs)
        self.en = self.params.language == "en"

    # ---- inputs ---------------------------------------------------------------------------------------
    @property
    def language(self) -> str:
        return self.params.language

    @cached_property
    def region(self) -> Region:
        return get_region(self.params.region, self.params.year)

    @property
    def where(self) -> str:
        p = self.params
        return f"{p.municipality} ({p.region})" if p.municipality else p.region

    @cached_property
    def caseload(self) -> pd.DataFrame:
        """The client set of the whole report: a supplied extract, or ``n_cases`` synthetic clients that stand
        for the real caseload of the region (or of one municipality)."""
        p = self.params
        if p.caseload_file:
            from ..caseload_extract import read_caseload_extract

            cl = read_caseload_extract(p.caseload_file, region=p.region, year=p.year)
            if p.municipality:
                cl = cl[cl["municipality"].str.lower().isin([p.municipality.lower(), self.municipality.cbs_code or ""])]
            if "norm_weight" not in cl.columns or cl["norm_weight"].isna().all():
                cl = cl.assign(norm_weight=self._norm_weights(cl))
            return cl.reset_index(drop=True)
        _ = self.sizing  # a newer CBS file must be in force before the caseload is sized
        return generate_caseload(p.region, p.n_cases, seed=p.seed, year=p.year, municipality=p.municipality)

    def _norm_weights(self, cl: pd.DataFrame) -> np.ndarray:
        """For a supplied caseload: each client counts national-rate clients / actual clients of its law."""
        sizes = self.sizing.groupby("law")[["clients", "norm_clients"]].sum()
        ratio = (sizes["norm_clients"] / sizes["clients"]).reindex(cl["law"]).to_numpy(float)
        return cl["weight"].to_numpy(float) * np.nan_to_num(ratio, nan=1.0)

    @property
    def synthetic(self) -> bool:
        return not self.params.caseload_file

    @cached_property
    def sizing(self) -> pd.DataFrame:
        """Expected clients per municipality and law (inhabitants x CBS rates), see ``zorglab.sizing``."""
        use_cbs_file(self.params.cbs_file)  # '' restores the shipped figures (one report per process state)
        return caseload_size(self.region, self.params.municipality)

    @property
    def municipality(self):
        return self.region.municipality(self.params.municipality)

    @property
    def population(self) -> int:
        """Inhabitants of what the report is about: the municipality if one is chosen, else the region."""
        return self.municipality.population if self.params.municipality else self.region.population

    @cached_property
    def results(self) -> dict[str, FundingResult]:
        """Every funding model evaluated on the same caseload, baseline first."""
        _ = self.sizing  # a newer CBS file must be in force before the caseload is sized
        keys = [BASELINE] + [k for k in MODELS if k != BASELINE]
        return {k: make_model(k).evaluate(self.caseload) for k in keys}

    @property
    def chosen(self) -> FundingResult:
        return self.results[self.params.funding_model]

    @property
    def baseline(self) -> FundingResult:
        return self.results[BASELINE]

    @cached_property
    def cases(self) -> list[Case]:
        """The hand-written cases of the region (of the municipality if it has any)."""
        cases = cases_for_region(self.params.region)
        mine = [c for c in cases if c.municipality == self.params.municipality]
        return mine or cases

    # ---- 1. profile -----------------------------------------------------------------------------------
    @cached_property
    def profile(self) -> Table:
        """Per municipality: inhabitants, CBS figures by GM code, expected clients; the chosen one marked."""
        cbs = youth_care_indicators()
        sz = self.sizing if not self.params.municipality else caseload_size(self.region)
        wide = sz.pivot_table(index="municipality", columns="law", values=["clients", "rate_source"],
                              aggfunc="first", sort=False)
        col = "jeugdhulp_pct"
        nat = float(cbs.loc[NATIONAL, col])
        munis = self.region.municipalities
        share = [_share(m.cbs_code) for m in munis]
        cols = (["Municipality", "CBS code", "Inhabitants", "Youth care (%)", "Against national (pp)",
                 "Wmo clients (expected)", "Youth Act clients (expected)", "Note", "This report"] if self.en
                else ["Gemeente", "CBS-code", "Inwoners", "Jeugdhulp (%)", "T.o.v. landelijk (pp)",
                      "Wmo-cliënten (verwacht)", "Jeugdwet-cliënten (verwacht)", "Toelichting", "Dit rapport"])
        chosen = self.params.municipality
        frame = pd.DataFrame({
            cols[0]: [m.name for m in munis],
            cols[1]: [m.cbs_code or "–" for m in munis],
            cols[2]: [m.population for m in munis],
            cols[3]: share,
            cols[4]: np.array(share) - nat,
            cols[5]: [float(wide.loc[m.name, ("clients", "Wmo")]) for m in munis],
            cols[6]: [float(wide.loc[m.name, ("clients", "Jeugdwet")]) for m in munis],
            cols[7]: [_source_note(wide.loc[m.name, ("rate_source", "Wmo")], wide.loc[m.name, ("rate_source", "Jeugdwet")],
                                   self.language) for m in munis],
            cols[8]: [("▶ " + ("yes" if self.en else "ja")) if chosen and m.name == chosen else "" for m in munis],
        })
        national = pd.DataFrame({cols[0]: ["Nederland"], cols[1]: ["NL01"], cols[2]: [np.nan], cols[3]: [nat],
                                 cols[4]: [0.0], cols[5]: [np.nan], cols[6]: [np.nan], cols[7]: [""], cols[8]: [""]})
        frame = pd.concat([frame, national], ignore_index=True)
        title = ("Municipalities: CBS figures and expected clients" if self.en
                 else "Gemeenten: CBS-cijfers en verwachte cliënten")
        fmt = {cols[2]: "int", cols[3]: "pct", cols[4]: "pp", cols[5]: "int", cols[6]: "int"}
        return Table("regioprofiel", title, frame, fmt, SOURCE_NOTE + "; " + POPULATION_NOTE)

    @property
    def national_youth_care(self) -> float:
        return float(youth_care_indicators().loc[NATIONAL, "jeugdhulp_pct"])

    @property
    def region_youth_care(self) -> float:
        """The chosen municipality's CBS share, else the population-weighted share over the region's
        municipalities CBS reports on (NaN when none)."""
        munis = [self.municipality] if self.params.municipality else list(self.region.municipalities)
        share = np.array([_share(m.cbs_code) for m in munis])
        pop = np.array([m.population for m in munis], dtype=float)
        ok = ~np.isnan(share)
        return float(np.average(share[ok], weights=pop[ok])) if ok.any() else float("nan")

    def profile_plot(self):
        frame = self.profile.frame.iloc[:-1].dropna(subset=[self.profile.frame.columns[3]])
        if frame.empty:
            return None
        x, y = frame.columns[0], frame.columns[3]
        title = ("Young people with youth care, dashed = national (Source: CBS)" if self.en
                 else "Jongeren met jeugdhulp, stippellijn = landelijk (Bron: CBS)")
        return plots.bar(frame, x, y, title, hline=self.national_youth_care)

    # ---- 2. spend ------------------------------------------------------------------------------------
    @cached_property
    def spend(self) -> Table:
        base = self.baseline.total_spend
        rows = []
        for key, r in self.results.items():
            law = r.spend_by_law
            rows.append([model_label(key, self.language), law["Wmo"], law["Jeugdwet"], r.total_spend,
                         r.total_spend / self.population, r.total_spend / r.clients_exact, r.total_spend - base,
                         (r.total_spend - base) / base if base else 0.0])
        cols = (["Funding model", "Wmo (EUR)", "Jeugdwet (EUR)", "Total (EUR)", "Per inhabitant (EUR)",
                 "Per client (EUR)", "Against P x Q (EUR)", "Against P x Q (%)"] if self.en else
                ["Bekostigingsmodel", "Wmo (EUR)", "Jeugdwet (EUR)", "Totaal (EUR)", "Per inwoner (EUR)",
                 "Per cliënt (EUR)", "T.o.v. P x Q (EUR)", "T.o.v. P x Q (%)"])
        frame = pd.DataFrame(rows, columns=cols)
        fmt = {c: "eur" for c in cols[1:7]} | {cols[4]: "eur2", cols[7]: "share"}
        title = "Municipal spend per year" if self.en else "Uitgaven gemeente per jaar"
        return Table("uitgaven", title, frame, fmt, self.data_notice)

    @property
    def data_notice(self) -> str:
        if self.synthetic:
            return COMMON["synthetic_notice"][int(self.en)]
        text = ("Based on the caseload extract supplied by the analyst (anonymised; no personal data)." if self.en
                else "Gebaseerd op de door de analist aangeleverde caseload (geanonimiseerd; geen persoonsgegevens).")
        known = {m.name.lower() for m in self.region.municipalities}
        foreign = sorted({str(m) for m in self.caseload["municipality"]
                          if str(m).lower() not in known and str(m) != self.params.region})
        if foreign:
            text += (f" Note: the file has municipalities outside {self.params.region}: {', '.join(foreign[:8])}." if self.en
                     else f" Let op: het bestand bevat gemeenten buiten {self.params.region}: {', '.join(foreign[:8])}.")
        return text

    def spend_plot(self):
        cols = self.spend.frame.columns
        long = self.spend.frame.melt(id_vars=cols[0], value_vars=list(cols[1:3]), var_name="law", value_name="eur")
        title = "Spend per law (EUR per year)" if self.en else "Uitgaven per wet (EUR per jaar)"
        return plots.bar(long, cols[0], "eur", title, by="law", stacked=True, ylabel="EUR", yformatter=eur_axis())

    # ---- 3. providers ---------------------------------------------------------------------------------
    @cached_property
    def providers(self) -> Table:
        rows = [[model_label(k, self.language), r.provider_revenue, r.provider_cost, r.provider_margin, r.margin_pct,
                 RISK_LABELS[r.continuity_risk][int(self.en)], r.behaviour["delivered_share"],
                 r.behaviour["upcoded_share"], r.clients_waiting, r.incentive.extra_hour_margin]
                for k, r in self.results.items()]
        cols = (["Funding model", "Revenue (EUR)", "Cost (EUR)", "Margin (EUR)", "Margin (%)", "Continuity risk",
                 "Need delivered (%)", "Upcoded (%)", "Clients waiting or turned away",
                 "Margin on an extra hour (EUR)"] if self.en else
                ["Bekostigingsmodel", "Omzet (EUR)", "Kosten (EUR)", "Marge (EUR)", "Marge (%)", "Risico continuïteit",
                 "Geleverd deel van de behoefte (%)", "Zwaarder geregistreerd (%)", "Cliënten wachtend of geweigerd",
                 "Marge op een extra uur (EUR)"])
        frame = pd.DataFrame(rows, columns=cols)
        fmt = {cols[1]: "eur", cols[2]: "eur", cols[3]: "eur", cols[4]: "share", cols[6]: "share", cols[7]: "share",
               cols[8]: "int", cols[9]: "eur2"}
        title = "Providers together" if self.en else "Aanbieders samen"
        note = ("Behaviour follows from what each model pays for one more hour or client (see Methods)." if self.en
                else "Het gedrag volgt uit wat elk model betaalt voor één uur of cliënt meer (zie Methode).")
        return Table("aanbieders", title, frame, fmt, note)

    def providers_plot(self):
        cols = self.providers.frame.columns
        frame = self.providers.frame.assign(pct=self.providers.frame[cols[4]] * 100)
        title = "Provider margin (% of revenue)" if self.en else "Marge aanbieders (% van omzet)"
        return plots.bar(frame, cols[0], "pct", title, hline=0.0, ylabel="%")

    # ---- 4. agreement ---------------------------------------------------------------------------------
    @cached_property
    def ratings(self) -> pd.DataFrame:
        sample = self.caseload.head(MAX_AGREEMENT_CASES)
        return simulate_assessments(sample, n_teams=N_TEAMS, seed=self.params.seed % (2**32))

    @cached_property
    def agreement_figures(self) -> dict[str, dict[str, float]]:
        old = agreement_summary(self.ratings, category_col="product")
        new = agreement_summary(self.ratings, category_col="harmonised_product")
        cost = spread(self.ratings, "cost_eur")
        old["median_cv_cost"] = float(cost["cv"].median())
        old["median_max_over_min_cost"] = float(cost["max_over_min"].median())
        return {"old": old, "harmonised": new}

    @cached_property
    def agreement(self) -> Table:
        f = self.agreement_figures
        cols = (["Measure", "Old catalogue", "Harmonised catalogue"] if self.en
                else ["Maat", "Oude catalogus", "Geharmoniseerde catalogus"])
        labels = (["Products used", "Same product as most teams (%)", "Pairwise agreement (%)", "Fleiss' kappa"]
                  if self.en else ["Gebruikte producten", "Zelfde product als de meeste teams (%)",
                                   "Paarsgewijze overeenstemming (%)", "Fleiss' kappa"])
        keys = ["categories", "pct_agreement", "pairwise_agreement", "fleiss_kappa"]
        scale = [1, 100, 100, 1]
        frame = pd.DataFrame({cols[0]: labels,
                              cols[1]: [f["old"][k] * s for k, s in zip(keys, scale, strict=True)],
                              cols[2]: [f["harmonised"][k] * s for k, s in zip(keys, scale, strict=True)]})
        note = (f"Spread of assigned cost per client: median coefficient of variation "
                f"{format_number(f['old']['median_cv_cost'], 2)}, highest/lowest team "
                f"{format_number(f['old']['median_max_over_min_cost'], 2)}x (median over clients)." if self.en else
                f"Spreiding van de toegekende kosten per cliënt: mediane variatiecoëfficiënt "
                f"{format_number(f['old']['median_cv_cost'], 2)}, hoogste/laagste team "
                f"{format_number(f['old']['median_max_over_min_cost'], 2)}x (mediaan over cliënten).")
        title = "Agreement between area teams" if self.en else "Overeenstemming tussen gebiedsteams"
        return Table("consistentie", title, frame, {cols[1]: "num3", cols[2]: "num3"}, note)

    def agreement_plot(self):
        team_cost = self.ratings.groupby("team", sort=False)["cost_eur"].mean().reset_index()
        title = ("Mean assigned cost per client, per area team (EUR)" if self.en
                 else "Gemiddeld toegekende kosten per cliënt, per gebiedsteam (EUR)")
        return plots.bar(team_cost, "team", "cost_eur", title, ylabel="EUR", yformatter=eur_axis())

    # ---- 5. effects -----------------------------------------------------------------------------------
    @cached_property
    def per_payer(self) -> pd.DataFrame:
        if not self.cases:
            return pd.DataFrame(columns=["payer", "reference", "intervention", "saving", "role"])
        return EffectCalculator().per_payer(self.cases)

    @cached_property
    def wrong_pocket_cases(self) -> int:
        if not self.cases:
            return 0
        return int(EffectCalculator().per_case(self.cases)["wrong_pocket"].sum())

    @cached_property
    def effects(self) -> Table:
        pp = self.per_payer
        roles = {"investeerder": ("investeerder", "investor"), "incasseerder": ("incasseerder", "collector"),
                 "neutraal": ("neutraal", "neutral")}
        cols = (["Payer", "Old way (EUR)", "New way (EUR)", "Saving (EUR)", "Role"] if self.en
                else ["Betaler", "Oude aanpak (EUR)", "Nieuwe aanpak (EUR)", "Besparing (EUR)", "Rol"])
        frame = pd.DataFrame({
            cols[0]: [payer_label(p, self.language) for p in pp["payer"]],
            cols[1]: pp["reference"].to_numpy(float), cols[2]: pp["intervention"].to_numpy(float),
            cols[3]: pp["saving"].to_numpy(float), cols[4]: [roles[r][int(self.en)] for r in pp["role"]],
        })
        title = "Cost over three years per payer" if self.en else "Kosten over drie jaar per betaler"
        note = wrong_pocket_summary(pp, self.language) if len(pp) else _t("effects_none", self.language)
        return Table("effecten", title, frame, {c: "eur" for c in cols[1:4]}, note)

    def effects_plot(self):
        if not len(self.per_payer):
            return None
        cols = self.effects.frame.columns
        title = "Saving per payer over three years (EUR; below 0 = invests)" if self.en else \
            "Besparing per betaler over drie jaar (EUR; onder 0 = investeert)"
        return plots.bar(self.effects.frame, cols[0], cols[3], title, hline=0.0, ylabel="EUR", yformatter=eur_axis())

    # ---- 6. wellbeing ---------------------------------------------------------------------------------
    @cached_property
    def wellbeing(self) -> Table:
        rows = [[model_label(k, self.language), r.wellbeing_before_mean, r.wellbeing_after_mean,
                 r.wellbeing_after_mean - r.wellbeing_before_mean] for k, r in self.results.items()]
        if self.cases:
            before = float(np.mean([c.wellbeing_before for c in self.cases]))
            after = float(np.mean([c.wellbeing_after for c in self.cases]))
            label = (f"Worked cases, old → new way ({len(self.cases)})" if self.en
                     else f"Uitgewerkte casussen, oude → nieuwe aanpak ({len(self.cases)})")
            rows.append([label, before, after, after - before])
        cols = (["Group", "Before", "After", "Change"] if self.en else ["Groep", "Vooraf", "Na", "Verandering"])
        title = "Mean wellbeing (1-10)" if self.en else "Gemiddeld welbevinden (1-10)"
        return Table("welbevinden", title, pd.DataFrame(rows, columns=cols), {c: "num2" for c in cols[1:]})

    def wellbeing_plot(self):
        cols = self.wellbeing.frame.columns
        short = list(self.results) + (["cases" if self.en else "casussen"] if self.cases else [])
        frame = self.wellbeing.frame.assign(**{cols[0]: short})  # long labels overlap in a grouped plot
        long = frame.melt(id_vars=cols[0], value_vars=list(cols[1:3]), var_name="moment",
                                         value_name="score")
        title = "Wellbeing before and after (1-10)" if self.en else "Welbevinden vooraf en na (1-10)"
        return plots.bar(long, cols[0], "score", title, by="moment", ylabel="1-10")

    # ---- 7. scenario ----------------------------------------------------------------------------------
    @cached_property
    def scenario_result(self) -> ScenarioResult | None:
        p = self.params
        if p.scenario == "basis":
            return None
        sc = Scenario(region=p.region, year=p.year, n_clients=int(np.clip(p.n_cases, 100, 200_000)),
                      seed=p.seed % 10_000, funding_model=p.funding_model, **SCENARIOS[p.scenario])
        return sc.use_caseload(self.caseload, self.population).evaluate()  # one client set for the whole report

    @cached_property
    def scenario(self) -> Table | None:
        res = self.scenario_result
        if res is None:
            return None
        df = res.spend_table(self.language)[["label", "baseline_eur", "scenario_eur", "difference_eur"]]
        cols = (["Line", "Baseline P x Q (EUR)", "Scenario (EUR)", "Difference (EUR)"] if self.en
                else ["Post", "Basislijn P x Q (EUR)", "Scenario (EUR)", "Verschil (EUR)"])
        df.columns = cols
        title = SCENARIO_LABELS[self.params.scenario][int(self.en)]
        return Table("scenario", title, df, {c: "eur" for c in cols[1:]}, explain(res, None, self.language))

    # ---- methods, assumptions and uncertainty ------------------------------------------------------------
    @cached_property
    def assumptions(self) -> Table:
        units = {"share": ("aandeel (0-1)", "share (0-1)"), "factor": ("factor", "factor"), "EUR": ("EUR", "EUR"),
                 "points": ("punten (1-10)", "points (1-10)")}
        rows = [[a.label(self.language), a.value, units.get(a.unit, (a.unit, a.unit))[int(self.en)],
                 a.source(self.language)] for a in ASSUMPTIONS]
        cols = (["Assumption", "Value", "Unit", "Source"] if self.en else ["Aanname", "Waarde", "Eenheid", "Bron"])
        title = "Assumptions and sources" if self.en else "Aannames en bronnen"
        return Table("aannames", title, pd.DataFrame(rows, columns=cols), {cols[1]: "num2"})

    @cached_property
    def sizing_table(self) -> Table:
        sz = self.sizing
        cols = (["Municipality", "Law", "Inhabitants", "Clients per 1,000 inhabitants", "Expected clients",
                 "National rate per 1,000", "Note"] if self.en else
                ["Gemeente", "Wet", "Inwoners", "Cliënten per 1.000 inwoners", "Verwachte cliënten",
                 "Landelijk per 1.000", "Toelichting"])
        en = int(self.en)
        frame = pd.DataFrame({
            cols[0]: sz["municipality"], cols[1]: sz["law"], cols[2]: sz["population"],
            cols[3]: sz["rate"] * 1000, cols[4]: sz["clients"], cols[5]: sz["national_rate"] * 1000,
            cols[6]: [_SOURCE_NOTES.get(src, ("", ""))[en] for src in sz["rate_source"]],
        })
        title = "Caseload: inhabitants × CBS rates" if self.en else "Caseload: inwoners × CBS-cijfers"
        note = self.year_caveat()
        return Table("caseload", title, frame, {cols[2]: "int", cols[3]: "num1", cols[4]: "int", cols[5]: "num1"},
                     note)

    def year_caveat(self) -> str:
        y = self.params.year
        if y == 2022:
            return ""
        return (f"CBS figures of 2022 (inhabitants, youth care) and 2021 (Wmo, age shares) are used for {y}."
                if self.en else
                f"Voor {y} zijn de CBS-cijfers van 2022 (inwoners, jeugdhulp) en 2021 (Wmo, leeftijd) gebruikt.")

    @cached_property
    def seed_range(self) -> Table:
        """Key results for several synthetic samples: how much of a figure is sampling noise."""
        p = self.params
        seeds = [p.seed] if not self.synthetic else [(p.seed + i) % (2**32) for i in range(SEED_SPREAD)]
        rows = []
        for seed in seeds:
            cl = self.caseload if seed == p.seed else generate_caseload(
                p.region, p.n_cases, seed=seed, year=p.year, municipality=p.municipality)
            base = make_model(BASELINE).evaluate(cl)
            chosen = base if p.funding_model == BASELINE else make_model(p.funding_model).evaluate(cl)
            rows.append([base.total_spend, chosen.total_spend, chosen.total_spend / base.total_spend - 1.0,
                         chosen.margin_pct, chosen.clients_waiting, chosen.wellbeing_after_mean])
        arr = np.array(rows, dtype=float)
        labels = (["P x Q spend (EUR)", "Spend, chosen model (EUR)", "Against P x Q (%)", "Margin (%)",
                   "Clients waiting or turned away", "Wellbeing after (1-10)"] if self.en else
                  ["Uitgaven P x Q (EUR)", "Uitgaven gekozen model (EUR)", "T.o.v. P x Q (%)", "Marge (%)",
                   "Cliënten wachtend of geweigerd", "Welbevinden na (1-10)"])
        cols = (["Result", "This report", "Lowest", "Highest"] if self.en
                else ["Uitkomst", "Dit rapport", "Laagste", "Hoogste"])
        frame = pd.DataFrame({cols[0]: labels, cols[1]: arr[0], cols[2]: arr.min(axis=0), cols[3]: arr.max(axis=0)})
        title = (f"Spread over {len(seeds)} synthetic samples (seeds {seeds[0]}–{seeds[-1]})" if self.en
                 else f"Spreiding over {len(seeds)} synthetische steekproeven (zaden {seeds[0]}–{seeds[-1]})")
        return Table("onzekerheid", title, frame, {c: "num3" for c in cols[1:]})

    # ---- key figures and conclusions --------------------------------------------------------------------
    @cached_property
    def key_figures(self) -> dict[str, Any]:
        """Machine-readable headline numbers (index page, tidy summary CSV, compare notebook)."""
        p, b, r, f = self.params, self.baseline, self.chosen, self.agreement_figures
        sc = self.scenario_result
        return {
            "region": p.region, "municipality": p.municipality, "year": p.year, "funding_model": p.funding_model,
            "scenario": p.scenario, "n_cases": len(self.caseload), "seed": p.seed, "clients": r.clients_exact,
            "data_source": "synthetic" if self.synthetic else "supplied",
            "population": self.population,
            "municipalities": 1 if p.municipality else len(self.region.municipalities),
            "region_population": self.region.population,
            "spend_per_inhabitant_baseline_eur": b.total_spend / self.population,
            "spend_per_inhabitant_model_eur": r.total_spend / self.population,
            "youth_care_pct_region": self.region_youth_care, "youth_care_pct_national": self.national_youth_care,
            "spend_baseline_eur": b.total_spend, "spend_model_eur": r.total_spend,
            "spend_difference_eur": r.total_spend - b.total_spend,
            "spend_per_client_model_eur": r.total_spend / r.clients_exact,
            **{f"spend_{law}_model_eur": r.spend_by_law[law] for law in LAWS},
            "margin_pct_baseline": b.margin_pct, "margin_pct_model": r.margin_pct,
            "continuity_risk_model": r.continuity_risk, "clients_waiting_model": r.clients_waiting,
            "clients_waiting_baseline": b.clients_waiting,
            "delivered_share_model": r.behaviour["delivered_share"],
            "spend_difference_pct_low": float(self.seed_range.frame.iloc[2, 2]),
            "spend_difference_pct_high": float(self.seed_range.frame.iloc[2, 3]),
            "kappa_old": f["old"]["fleiss_kappa"], "kappa_harmonised": f["harmonised"]["fleiss_kappa"],
            "median_cv_cost": f["old"]["median_cv_cost"],
            "effect_cases": len(self.cases), "effect_net_saving_eur": float(self.per_payer["saving"].sum()),
            "wrong_pocket_cases": self.wrong_pocket_cases,
            "wellbeing_before": r.wellbeing_before_mean, "wellbeing_after_baseline": b.wellbeing_after_mean,
            "wellbeing_after_model": r.wellbeing_after_mean,
            "scenario_spend_eur": sc.municipal_spend if sc else float("nan"),
            "scenario_spend_difference_eur": sc.spend_difference if sc else float("nan"),
            "scenario_clients_waiting": sc.clients_waiting if sc else float("nan"),
        }

    def conclusions(self) -> list[str]:
        """Sentences generated from the figures above (never text that can disagree with them)."""
        k, en = self.key_figures, self.en
        eur = lambda v: format_eur(v, 0)  # noqa: E731
        model = model_label(self.params.funding_model, self.language)
        out: list[str] = []
        diff, base = k["spend_difference_eur"], k["spend_baseline_eur"]
        rel = format_pct(abs(diff) / base) if base else "–"
        if self.params.funding_model == BASELINE:
            out.append(f"The chosen model is the P x Q baseline itself: the municipality spends {eur(base)} per year."
                       if en else f"Het gekozen model is de P x Q-basislijn zelf: de gemeente geeft {eur(base)} per jaar uit.")
        elif abs(diff) < 0.5:
            out.append(f"Under {model} the municipality spends as much as under P x Q ({eur(base)})." if en else
                       f"Onder {model} geeft de gemeente evenveel uit als onder P x Q ({eur(base)}).")
        else:
            more = diff > 0
            out.append(
                f"Under {model} the municipality spends {eur(abs(diff))} ({rel}) {'more' if more else 'less'} per year "
                f"than under P x Q ({eur(k['spend_model_eur'])} against {eur(base)})." if en else
                f"Onder {model} geeft de gemeente {eur(abs(diff))} ({rel}) {'meer' if more else 'minder'} per jaar uit "
                f"dan onder P x Q ({eur(k['spend_model_eur'])} tegenover {eur(base)}).")
        risk = RISK_LABELS[k["continuity_risk_model"]][int(en)]
        out.append(f"Providers keep a margin of {format_pct(k['margin_pct_model'])} (P x Q: "
                   f"{format_pct(k['margin_pct_baseline'])}); the continuity-of-care risk is {risk}." if en else
                   f"Aanbieders houden een marge van {format_pct(k['margin_pct_model'])} over (P x Q: "
                   f"{format_pct(k['margin_pct_baseline'])}); het risico voor de continuïteit van zorg is {risk}.")
        if k["clients_waiting_model"]:
            n = format_number(k["clients_waiting_model"])
            out.append(f"Under {model} (without a scenario) {n} clients wait or are turned away (P x Q: "
                       f"{format_number(k['clients_waiting_baseline'])})." if en else
                       f"Onder {model} (zonder scenario) wachten of worden {n} cliënten geweigerd (P x Q: "
                       f"{format_number(k['clients_waiting_baseline'])}).")
        lo, hi = k["spend_difference_pct_low"], k["spend_difference_pct_high"]
        if self.synthetic and self.params.funding_model != BASELINE:
            out.append(f"Over {SEED_SPREAD} synthetic samples the difference with P x Q lies between {format_pct(lo)} and "
                       f"{format_pct(hi)}." if en else
                       f"Over {SEED_SPREAD} synthetische steekproeven ligt het verschil met P x Q tussen {format_pct(lo)} "
                       f"en {format_pct(hi)}.")
        old, new = k["kappa_old"], k["kappa_harmonised"]
        if abs(new - old) < 0.005:
            verb = "hardly changes agreement between area teams" if en else \
                "verandert de overeenstemming tussen gebiedsteams nauwelijks"
        elif en:
            verb = f"{'raises' if new > old else 'lowers'} agreement between area teams"
        else:
            verb = f"{'verhoogt' if new > old else 'verlaagt'} de overeenstemming tussen gebiedsteams"
        out.append(f"The harmonised catalogue {verb}: kappa {format_number(old, 3)} → {format_number(new, 3)}." if en
                   else f"De productindikking {verb}: kappa {format_number(old, 3)} → {format_number(new, 3)}.")
        if k["effect_cases"]:
            out.append(self.effects.note)
        dw = k["wellbeing_after_model"] - k["wellbeing_after_baseline"]
        w = format_number(abs(dw), 2)
        if abs(dw) < 0.005:
            out.append("Expected wellbeing equals the baseline." if en else "Het verwachte welbevinden is gelijk aan de basislijn.")
        else:
            out.append(f"Expected wellbeing after a year is {w} points {'higher' if dw > 0 else 'lower'} than under P x Q."
                       if en else f"Het verwachte welbevinden na een jaar is {w} punt {'hoger' if dw > 0 else 'lager'} "
                       "dan onder P x Q.")
        yc, nat = k["youth_care_pct_region"], k["youth_care_pct_national"]
        if not math.isnan(yc):
            cmp_ = (("above" if yc > nat else "below") if en else ("boven" if yc > nat else "onder"))
            out.append(f"The share of young people with youth care in {self.where} ({format_number(yc, 1)}%) is {cmp_} "
                       f"the national {format_number(nat, 1)}% (Source: CBS)." if en else
                       f"Het aandeel jongeren met jeugdhulp in {self.where} ({format_number(yc, 1)}%) ligt {cmp_} het landelijke "
                       f"{format_number(nat, 1)}% (Bron: CBS).")
        if self.scenario is not None:
            out.append(("In the scenario: " if en else "In het scenario: ") + self.scenario.note)
        return out

    # ---- tables for export ------------------------------------------------------------------------------
    def tables(self) -> dict[str, Table]:
        out = {t.name: t for t in (self.profile, self.spend, self.providers, self.agreement, self.effects,
                                   self.wellbeing, self.scenario, self.sizing_table, self.seed_range,
                                   self.assumptions) if t is not None}
        figures = pd.DataFrame({"indicator": list(self.key_figures), "value": list(self.key_figures.values())})
        out["kerncijfers"] = Table("kerncijfers", "Key figures" if self.en else "Kerncijfers", figures)
        return out

    # ---- notebook display ---------------------------------------------------------------------------------
    def header_html(self) -> str:
        p = self.params
        title = _t("title", self.language, where=self.where, year=p.year)
        sub = _t("subtitle" if self.synthetic else "subtitle_supplied", self.language,
                 model=model_label(p.funding_model, self.language), baseline=model_label(BASELINE, self.language),
                 scenario=SCENARIO_LABELS[p.scenario][int(self.en)], n=format_number(len(self.caseload)), seed=p.seed)
        notice = self.data_notice
        if p.municipality:
            notice += (f" {p.municipality}: {format_number(self.population)} inhabitants, shown against its region "
                       f"{p.region} ({format_number(self.region.population)})." if self.en else
                       f" {p.municipality}: {format_number(self.population)} inwoners, afgezet tegen de regio "
                       f"{p.region} ({format_number(self.region.population)}).")
        return (f"{bokehjs.notebook_resources()}<style>{CSS}</style><h1>{html.escape(title)}</h1>"
                f"<p>{html.escape(sub)}</p><p class='zl-notice'>{html.escape(notice)}</p>")

    def section_html(self, name: str) -> str:
        """Heading, introduction, table(s) and plot of one section, as HTML."""
        if name not in SECTIONS:
            raise ValueError(f"unknown section {name!r}; sections: {', '.join(SECTIONS)}")
        lang, p = self.language, self.params
        if name == "conclusions":
            items = "".join(f"<li>{html.escape(s)}</li>" for s in self.conclusions())
            return f"<h2>{_t('conclusions', lang)}</h2><ul class='zl-conclusions'>{items}</ul>"
        if name == "scenario":
            label = SCENARIO_LABELS[p.scenario][int(self.en)]
            head = f"<h2>{html.escape(_t('scenario', lang, label=label))}</h2>"
            if self.scenario is None:
                return head + f"<p>{_t('scenario_basis', lang)}</p>"
            n = format_number(self.scenario_result.baseline_clients)
            return head + f"<p>{_t('scenario_intro', lang, n=n)}</p>" + self.scenario.to_html()
        if name == "methods":
            n = format_number(len(self.caseload))
            intro = _t("methods_intro" if self.synthetic else "methods_supplied", lang, n=n)
            return (f"<h2>{html.escape(_t('methods', lang))}</h2><p>{html.escape(intro)}</p>"
                    + self.sizing_table.to_html() + self.seed_range.to_html() + self.assumptions.to_html())
        fmt: dict[str, Any] = {}
        if name == "profile":
            fmt = {"region": p.region, "year": p.year, "k": len(self.region.municipalities),
                   "pop": format_number(self.region.population)}
            if len(self.region.municipalities) == 1:
                name = "profile_single"
        elif name == "agreement":
            fmt = {"teams": N_TEAMS, "n": format_number(min(len(self.caseload), MAX_AGREEMENT_CASES))}
        elif name == "effects":
            fmt = {"n": len(self.cases), "region": p.region}
        intro = _t(name + "_intro", lang, **fmt)
        name = "profile" if name == "profile_single" else name
        parts = [f"<h2>{html.escape(_t(name, lang))}</h2>", f"<p>{html.escape(intro)}</p>"]
        parts.append(getattr(self, name).to_html())
        plot = getattr(self, f"{name}_plot")()
        if plot is not None:
            parts.append(plots.to_html(plot))
        elif name == "profile":
            nat = format_number(self.national_youth_care, 1) + "%"
            parts.append(f"<p>{html.escape(_t('profile_none', lang, nat=nat))}</p>")
        return "".join(parts)

    def show(self, name: str | None = None) -> None:
        """Display the header (no name) or one section in a notebook."""
        from IPython.display import HTML, display

        display(HTML(self.header_html() if name is None else self.section_html(name)))


CSS = """
.zl-table {border-collapse: collapse; margin: 0.5em 0; font-size: 0.9em}
.zl-table th, .zl-table td {padding: 3px 8px; border-bottom: 1px solid #ddd; text-align: right}
.zl-table th:first-child, .zl-table td:first-child {text-align: left}
.zl-note {color: #555; font-size: 0.85em}
.zl-notice {background: #fff6d6; padding: 6px 10px; border-left: 4px solid #e0b000}
"""
