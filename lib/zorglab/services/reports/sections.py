"""The content of one regional evaluation report: tables, plots, key figures and conclusions.

Why in the library: the notebook stays thin (one call per section), the runner, the exports and the
tests use the very same numbers, and the conclusions are generated from those numbers so the text can
never contradict a table.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from zorglab.core.axis_format import eur_axis
from zorglab.core.formatting import format_eur, format_number, format_pct
from zorglab.core.i18n import t
from zorglab.domain.agreement import agreement_summary, simulate_assessments, spread
from zorglab.domain.assumptions import ASSUMPTIONS
from zorglab.domain.cases import Case, cases_for_region
from zorglab.domain.catalogue import LAWS, payer_label
from zorglab.domain.cbs import NATIONAL, SOURCE_NOTE, youth_care_indicators, youth_care_share_by_code
from zorglab.domain.effects import EffectCalculator, wrong_pocket_summary
from zorglab.domain.funding import BASELINE, MODELS, FundingResult, make_model
from zorglab.domain.generator import generate_caseload
from zorglab.domain.regions import Region, get_region
from zorglab.domain.scenario import RISK_LABELS, Scenario, ScenarioResult, explain
from zorglab.domain.sizing import RateSource, caseload_size, use_cbs_file
from zorglab.services.reports import bokehjs, plots
from zorglab.services.reports.params import (
    SCENARIO_LABELS,
    SCENARIOS,
    SEED_SPREAD,
    ReportParams,
    check_params,
)
from zorglab.services.reports.tables import Table

N_TEAMS = 8  # simulated area teams assessing the same cases
MAX_AGREEMENT_CASES = 300  # enough for a stable kappa; keeps the section fast at national scale

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
    "scenario_intro": ("Het scenario berekend met zorglab.domain.scenario op dezelfde cliënten als hierboven ({n} cliënten), "
                       "vergeleken met dezelfde basislijn P x Q.",
                       "The scenario computed with zorglab.domain.scenario on the same clients as above ({n} clients), "
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


POPULATION_NOTE = "inwoners: CBS 37259 (1 januari 2022) of regioregister; verwachte cliënten: zorglab.domain.sizing"


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

    def _table(self, name: str, title: str, frame: pd.DataFrame, formats: dict[str, str], note: str = "") -> Table:
        """A table whose headers render in the report's language (the frame keeps column ids)."""
        return Table(name, title, frame, formats, note, language=self.language)

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
            from zorglab.domain.caseload_extract import read_caseload_extract

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
        """Expected clients per municipality and law (inhabitants x CBS rates), see ``zorglab.domain.sizing``."""
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
        chosen = self.params.municipality
        frame = pd.DataFrame({
            "municipality": [m.name for m in munis],
            "cbs_code": [m.cbs_code or "–" for m in munis],
            "population": [m.population for m in munis],
            "youth_care_pct": share,
            "against_national_pp": np.array(share) - nat,
            "wmo_clients_expected": [float(wide.loc[m.name, ("clients", "Wmo")]) for m in munis],
            "youth_act_clients_expected": [float(wide.loc[m.name, ("clients", "Jeugdwet")]) for m in munis],
            "note": [_source_note(wide.loc[m.name, ("rate_source", "Wmo")], wide.loc[m.name, ("rate_source", "Jeugdwet")],
                                  self.language) for m in munis],
            "this_report": [("▶ " + ("yes" if self.en else "ja")) if chosen and m.name == chosen else "" for m in munis],
        })
        national = pd.DataFrame({"municipality": ["Nederland"], "cbs_code": ["NL01"], "population": [np.nan],
                                 "youth_care_pct": [nat], "against_national_pp": [0.0], "wmo_clients_expected": [np.nan],
                                 "youth_act_clients_expected": [np.nan], "note": [""], "this_report": [""]})
        frame = pd.concat([frame, national], ignore_index=True)
        title = ("Municipalities: CBS figures and expected clients" if self.en
                 else "Gemeenten: CBS-cijfers en verwachte cliënten")
        fmt = {"population": "int", "youth_care_pct": "pct", "against_national_pp": "pp",
               "wmo_clients_expected": "int", "youth_act_clients_expected": "int"}
        return self._table("regioprofiel", title, frame, fmt, SOURCE_NOTE + "; " + POPULATION_NOTE)

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
        table = self.profile
        frame = table.frame.iloc[:-1].dropna(subset=["youth_care_pct"])  # without the national row
        if frame.empty:
            return None
        title = ("Young people with youth care, dashed = national (Source: CBS)" if self.en
                 else "Jongeren met jeugdhulp, stippellijn = landelijk (Bron: CBS)")
        return plots.bar(table.headed(frame), table.header("municipality"), table.header("youth_care_pct"), title,
                         hline=self.national_youth_care)

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
        cols = ["funding_model", "wmo_eur", "youth_act_eur", "total_eur", "per_inhabitant_eur", "per_client_eur",
                "against_pxq_eur", "against_pxq_share"]
        frame = pd.DataFrame(rows, columns=cols)
        fmt = {c: "eur" for c in cols[1:7]} | {"per_inhabitant_eur": "eur2", "against_pxq_share": "share"}
        title = "Municipal spend per year" if self.en else "Uitgaven gemeente per jaar"
        return self._table("uitgaven", title, frame, fmt, self.data_notice)

    @property
    def data_notice(self) -> str:
        if self.synthetic:
            return t("common.synthetic_notice", "en" if self.en else "nl")
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
        t = self.spend
        model = t.header("funding_model")
        long = t.headed(t.frame[["funding_model", "wmo_eur", "youth_act_eur"]]).melt(
            id_vars=model, var_name="law", value_name="eur")
        title = "Spend per law (EUR per year)" if self.en else "Uitgaven per wet (EUR per jaar)"
        return plots.bar(long, model, "eur", title, by="law", stacked=True, ylabel="EUR", yformatter=eur_axis())

    # ---- 3. providers ---------------------------------------------------------------------------------
    @cached_property
    def providers(self) -> Table:
        rows = [[model_label(k, self.language), r.provider_revenue, r.provider_cost, r.provider_margin, r.margin_pct,
                 RISK_LABELS[r.continuity_risk][int(self.en)], r.behaviour["delivered_share"],
                 r.behaviour["upcoded_share"], r.clients_waiting, r.incentive.extra_hour_margin]
                for k, r in self.results.items()]
        cols = ["funding_model", "revenue_eur", "cost_eur", "margin_eur", "margin_share", "continuity_risk",
                "delivered_share", "upcoded_share", "clients_waiting", "extra_hour_margin_eur"]
        frame = pd.DataFrame(rows, columns=cols)
        fmt = {"revenue_eur": "eur", "cost_eur": "eur", "margin_eur": "eur", "margin_share": "share",
               "delivered_share": "share", "upcoded_share": "share", "clients_waiting": "int",
               "extra_hour_margin_eur": "eur2"}
        title = "Providers together" if self.en else "Aanbieders samen"
        note = ("Behaviour follows from what each model pays for one more hour or client (see Methods)." if self.en
                else "Het gedrag volgt uit wat elk model betaalt voor één uur of cliënt meer (zie Methode).")
        return self._table("aanbieders", title, frame, fmt, note)

    def providers_plot(self):
        t = self.providers
        frame = t.headed(t.frame).assign(pct=t.frame["margin_share"] * 100)
        title = "Provider margin (% of revenue)" if self.en else "Marge aanbieders (% van omzet)"
        return plots.bar(frame, t.header("funding_model"), "pct", title, hline=0.0, ylabel="%")

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
        labels = (["Products used", "Same product as most teams (%)", "Pairwise agreement (%)", "Fleiss' kappa"]
                  if self.en else ["Gebruikte producten", "Zelfde product als de meeste teams (%)",
                                   "Paarsgewijze overeenstemming (%)", "Fleiss' kappa"])
        keys = ["categories", "pct_agreement", "pairwise_agreement", "fleiss_kappa"]
        scale = [1, 100, 100, 1]
        frame = pd.DataFrame({"measure": labels,
                              "old_catalogue": [f["old"][k] * s for k, s in zip(keys, scale, strict=True)],
                              "harmonised_catalogue": [f["harmonised"][k] * s for k, s in zip(keys, scale, strict=True)]})
        note = (f"Spread of assigned cost per client: median coefficient of variation "
                f"{format_number(f['old']['median_cv_cost'], 2)}, highest/lowest team "
                f"{format_number(f['old']['median_max_over_min_cost'], 2)}x (median over clients)." if self.en else
                f"Spreiding van de toegekende kosten per cliënt: mediane variatiecoëfficiënt "
                f"{format_number(f['old']['median_cv_cost'], 2)}, hoogste/laagste team "
                f"{format_number(f['old']['median_max_over_min_cost'], 2)}x (mediaan over cliënten).")
        title = "Agreement between area teams" if self.en else "Overeenstemming tussen gebiedsteams"
        return self._table("consistentie", title, frame, {"old_catalogue": "num3", "harmonised_catalogue": "num3"},
                           note)

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
        frame = pd.DataFrame({
            "payer": [payer_label(p, self.language) for p in pp["payer"]],
            "old_way_eur": pp["reference"].to_numpy(float), "new_way_eur": pp["intervention"].to_numpy(float),
            "saving_eur": pp["saving"].to_numpy(float), "role": [roles[r][int(self.en)] for r in pp["role"]],
        })
        title = "Cost over three years per payer" if self.en else "Kosten over drie jaar per betaler"
        note = wrong_pocket_summary(pp, self.language) if len(pp) else _t("effects_none", self.language)
        return self._table("effecten", title, frame, dict.fromkeys(("old_way_eur", "new_way_eur", "saving_eur"), "eur"),
                           note)

    def effects_plot(self):
        if not len(self.per_payer):
            return None
        t = self.effects
        title = "Saving per payer over three years (EUR; below 0 = invests)" if self.en else \
            "Besparing per betaler over drie jaar (EUR; onder 0 = investeert)"
        return plots.bar(t.headed(), t.header("payer"), t.header("saving_eur"), title, hline=0.0, ylabel="EUR",
                         yformatter=eur_axis())

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
        cols = ["group", "before", "after", "change"]
        title = "Mean wellbeing (1-10)" if self.en else "Gemiddeld welbevinden (1-10)"
        return self._table("welbevinden", title, pd.DataFrame(rows, columns=cols), dict.fromkeys(cols[1:], "num2"))

    def wellbeing_plot(self):
        t = self.wellbeing
        short = list(self.results) + (["cases" if self.en else "casussen"] if self.cases else [])
        frame = t.frame[["group", "before", "after"]].assign(group=short)  # long labels overlap in a grouped plot
        group = t.header("group")
        long = t.headed(frame).melt(id_vars=group, var_name="moment", value_name="score")
        title = "Wellbeing before and after (1-10)" if self.en else "Welbevinden vooraf en na (1-10)"
        return plots.bar(long, group, "score", title, by="moment", ylabel="1-10")

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
        cols = ["baseline_eur", "scenario_eur", "difference_eur"]
        df = res.spend_table(self.language)[["label", *cols]].rename(columns={"label": "line"})
        title = SCENARIO_LABELS[self.params.scenario][int(self.en)]
        return self._table("scenario", title, df, dict.fromkeys(cols, "eur"), explain(res, None, self.language))

    # ---- methods, assumptions and uncertainty ------------------------------------------------------------
    @cached_property
    def assumptions(self) -> Table:
        units = {"share": ("aandeel (0-1)", "share (0-1)"), "factor": ("factor", "factor"), "EUR": ("EUR", "EUR"),
                 "points": ("punten (1-10)", "points (1-10)")}
        rows = [[a.label(self.language), a.value, units.get(a.unit, (a.unit, a.unit))[int(self.en)],
                 a.source(self.language)] for a in ASSUMPTIONS]
        cols = ["assumption", "value", "unit", "source"]
        title = "Assumptions and sources" if self.en else "Aannames en bronnen"
        return self._table("aannames", title, pd.DataFrame(rows, columns=cols), {"value": "num2"})

    @cached_property
    def sizing_table(self) -> Table:
        sz = self.sizing
        en = int(self.en)
        frame = pd.DataFrame({
            "municipality": sz["municipality"], "law": sz["law"], "population": sz["population"],
            "clients_per_1000": sz["rate"] * 1000, "expected_clients": sz["clients"],
            "national_per_1000": sz["national_rate"] * 1000,
            "note": [_SOURCE_NOTES.get(src, ("", ""))[en] for src in sz["rate_source"]],
        })
        title = "Caseload: inhabitants × CBS rates" if self.en else "Caseload: inwoners × CBS-cijfers"
        note = self.year_caveat()
        fmt = {"population": "int", "clients_per_1000": "num1", "expected_clients": "int", "national_per_1000": "num1"}
        return self._table("caseload", title, frame, fmt, note)

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
        keys = ["pxq_spend_eur", "model_spend_eur", "against_pxq_share", "margin_share", "clients_waiting",
                "wellbeing_after"]
        frame = pd.DataFrame({"result": labels, "this_report": arr[0], "lowest": arr.min(axis=0),
                              "highest": arr.max(axis=0)}, index=pd.Index(keys, name="key"))
        title = (f"Spread over {len(seeds)} synthetic samples (seeds {seeds[0]}–{seeds[-1]})" if self.en
                 else f"Spreiding over {len(seeds)} synthetische steekproeven (zaden {seeds[0]}–{seeds[-1]})")
        return self._table("onzekerheid", title, frame, dict.fromkeys(("this_report", "lowest", "highest"), "num3"))

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
            "spend_difference_pct_low": float(self.seed_range.frame.loc["against_pxq_share", "lowest"]),
            "spend_difference_pct_high": float(self.seed_range.frame.loc["against_pxq_share", "highest"]),
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
        """Every table in section order (registry ``SECTIONS``), then the key figures."""
        tables = (getattr(self, attr) for section in SECTIONS.values() for attr in section.tables)
        out = {t.name: t for t in tables if t is not None}
        figures = pd.DataFrame({"indicator": list(self.key_figures), "value": list(self.key_figures.values())})
        out["kerncijfers"] = Table("kerncijfers", "Key figures" if self.en else "Kerncijfers", figures,
                                   language=self.language, headers=_KEY_FIGURE_HEADERS)
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
        return SECTIONS[name].render(self)

    def show(self, name: str | None = None) -> None:
        """Display the header (no name) or one section in a notebook."""
        from IPython.display import HTML, display

        display(HTML(self.header_html() if name is None else self.section_html(name)))


# The key-figure table keeps its machine-readable headers in both languages (researchers script against them).
_KEY_FIGURE_HEADERS = {"indicator": ("indicator", "indicator"), "value": ("value", "value")}


@dataclass(frozen=True)
class Section:
    """One numbered part of the report. Why a registry: ``section_html`` (the notebook's ``show``), the
    exports (``tables()``) and the benchmarks iterate the same ordered list, so a new section is one entry."""

    id: str
    title_key: str  # key in TEXT
    tables: tuple[str, ...]  # RegionalReport attributes holding its tables, in export order
    body: Callable[[RegionalReport, Section], str]

    def title(self, language: str, **fmt: Any) -> str:
        return _t(self.title_key, language, **fmt)

    def render(self, report: RegionalReport) -> str:
        """The section as HTML in the report's language."""
        return self.body(report, self)


def _table_section(intro: Callable[[RegionalReport], tuple[str, dict[str, Any]]],
                   no_plot: Callable[[RegionalReport], str] | None = None) -> Callable[[RegionalReport, Section], str]:
    """Body of a section with heading, introduction, its one table and its plot (``<id>_plot``)."""
    def body(r: RegionalReport, section: Section) -> str:
        key, fmt = intro(r)
        parts = [f"<h2>{html.escape(section.title(r.language))}</h2>",
                 f"<p>{html.escape(_t(key, r.language, **fmt))}</p>", getattr(r, section.tables[0]).to_html()]
        plot = getattr(r, f"{section.id}_plot")()
        if plot is not None:
            parts.append(plots.to_html(plot))
        elif no_plot is not None:
            parts.append(no_plot(r))
        return "".join(parts)
    return body


def _profile_intro(r: RegionalReport) -> tuple[str, dict[str, Any]]:
    p = r.params
    key = "profile_single_intro" if len(r.region.municipalities) == 1 else "profile_intro"
    return key, {"region": p.region, "year": p.year, "k": len(r.region.municipalities),
                 "pop": format_number(r.region.population)}


def _profile_no_plot(r: RegionalReport) -> str:
    nat = format_number(r.national_youth_care, 1) + "%"
    return f"<p>{html.escape(_t('profile_none', r.language, nat=nat))}</p>"


def _scenario_body(r: RegionalReport, section: Section) -> str:
    label = SCENARIO_LABELS[r.params.scenario][int(r.en)]
    head = f"<h2>{html.escape(section.title(r.language, label=label))}</h2>"
    if r.scenario is None:
        return head + f"<p>{_t('scenario_basis', r.language)}</p>"
    n = format_number(r.scenario_result.baseline_clients)
    return head + f"<p>{_t('scenario_intro', r.language, n=n)}</p>" + r.scenario.to_html()


def _methods_body(r: RegionalReport, section: Section) -> str:
    intro = _t("methods_intro" if r.synthetic else "methods_supplied", r.language, n=format_number(len(r.caseload)))
    return (f"<h2>{html.escape(section.title(r.language))}</h2><p>{html.escape(intro)}</p>"
            + "".join(getattr(r, attr).to_html() for attr in section.tables))


def _conclusions_body(r: RegionalReport, section: Section) -> str:
    items = "".join(f"<li>{html.escape(s)}</li>" for s in r.conclusions())
    return f"<h2>{section.title(r.language)}</h2><ul class='zl-conclusions'>{items}</ul>"


SECTIONS: dict[str, Section] = {s.id: s for s in (
    Section("profile", "profile", ("profile",), _table_section(_profile_intro, _profile_no_plot)),
    Section("spend", "spend", ("spend",), _table_section(lambda r: ("spend_intro", {}))),
    Section("providers", "providers", ("providers",), _table_section(lambda r: ("providers_intro", {}))),
    Section("agreement", "agreement", ("agreement",), _table_section(lambda r: (
        "agreement_intro", {"teams": N_TEAMS, "n": format_number(min(len(r.caseload), MAX_AGREEMENT_CASES))}))),
    Section("effects", "effects", ("effects",), _table_section(lambda r: (
        "effects_intro", {"n": len(r.cases), "region": r.params.region}))),
    Section("wellbeing", "wellbeing", ("wellbeing",), _table_section(lambda r: ("wellbeing_intro", {}))),
    Section("scenario", "scenario", ("scenario",), _scenario_body),
    Section("methods", "methods", ("sizing_table", "seed_range", "assumptions"), _methods_body),
    Section("conclusions", "conclusions", (), _conclusions_body),
)}
"""Every section in report order: what ``section_html`` renders and whose tables ``tables()`` exports."""

CSS = """
.zl-table {border-collapse: collapse; margin: 0.5em 0; font-size: 0.9em}
.zl-table th, .zl-table td {padding: 3px 8px; border-bottom: 1px solid #ddd; text-align: right}
.zl-table th:first-child, .zl-table td:first-child {text-align: left}
.zl-note {color: #555; font-size: 0.85em}
.zl-notice {background: #fff6d6; padding: 6px 10px; border-left: 4px solid #e0b000}
"""
