"""One regional evaluation report: its inputs, every table (computed once, lazily) and its key figures.

Why in the library: the notebook stays thin (one call per section), the runner, the exports and the tests
use the very same numbers, and the conclusions are generated from those numbers so the text can never
contradict a table. What each section computes and shows lives in ``zorglab.services.reports.sections``;
this class holds the shared inputs and caches every section's tables under a stable attribute name.
"""

from __future__ import annotations

import html
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from zorglab.core.formatting import format_number
from zorglab.core.i18n import t
from zorglab.domain.cases import Case, cases_for_region
from zorglab.domain.catalogue import LAWS
from zorglab.domain.funding import BASELINE, MODELS, FundingResult, make_model
from zorglab.domain.generator import generate_caseload
from zorglab.domain.regions import Region, get_region
from zorglab.domain.scenario_result import ScenarioResult
from zorglab.domain.sizing import caseload_size, use_cbs_file
from zorglab.services.reports import bokehjs
from zorglab.services.reports.params import ReportParams, check_params
from zorglab.services.reports.sections import SECTIONS
from zorglab.services.reports.sections import agreement as agreement_section
from zorglab.services.reports.sections import conclusions as conclusions_section
from zorglab.services.reports.sections import effects as effects_section
from zorglab.services.reports.sections import methods as methods_section
from zorglab.services.reports.sections import money as money_section
from zorglab.services.reports.sections import profile as profile_section
from zorglab.services.reports.sections import scenario as scenario_section
from zorglab.services.reports.tables import CSS, Table
from zorglab.services.reports.words import model_label, scenario_label, tr

KEY_FIGURES_TABLE = "kerncijfers"


class RegionalReport:
    """Every number of one region report, computed once and lazily (a section costs only when shown)."""

    def __init__(self, params: ReportParams | None = None, **kwargs: Any):
        self.params = params if params is not None else check_params(**kwargs)

    # ---- inputs ---------------------------------------------------------------------------------------
    @property
    def language(self) -> str:
        return self.params.language

    def make_table(self, name: str, title: str, frame: pd.DataFrame, formats: dict[str, str] | None = None,
              note: str = "") -> Table:
        """A table whose headers render in the report's language (the frame keeps column ids)."""
        return Table(name, title, frame, formats or {}, note, language=self.language)

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

    @property
    def data_notice(self) -> str:
        """Whether the figures rest on synthetic or supplied clients (and supplied rows from elsewhere)."""
        if self.synthetic:
            return t("common.synthetic_notice", self.language)
        text = tr("supplied_notice", self.language)
        known = {m.name.lower() for m in self.region.municipalities}
        foreign = sorted({str(m) for m in self.caseload["municipality"]
                          if str(m).lower() not in known and str(m) != self.params.region})
        if foreign:
            text += " " + tr("supplied_foreign", self.language, region=self.params.region,
                             names=", ".join(foreign[:8]))
        return text

    # ---- the sections' tables and figures (see zorglab.services.reports.sections) ----------------------
    @cached_property
    def profile(self) -> Table:
        return profile_section.profile_table(self)

    @property
    def national_youth_care(self) -> float:
        return profile_section.national_youth_care()

    @property
    def region_youth_care(self) -> float:
        return profile_section.region_youth_care(self)

    @cached_property
    def spend(self) -> Table:
        return money_section.spend_table(self)

    @cached_property
    def providers(self) -> Table:
        return money_section.providers_table(self)

    @cached_property
    def ratings(self) -> pd.DataFrame:
        return agreement_section.ratings(self)

    @cached_property
    def agreement_figures(self) -> dict[str, dict[str, float]]:
        return agreement_section.agreement_figures(self)

    @cached_property
    def agreement(self) -> Table:
        return agreement_section.agreement_table(self)

    @cached_property
    def per_payer(self) -> pd.DataFrame:
        return effects_section.per_payer(self)

    @cached_property
    def wrong_pocket_cases(self) -> int:
        return effects_section.wrong_pocket_cases(self)

    @cached_property
    def effects(self) -> Table:
        return effects_section.effects_table(self)

    @cached_property
    def wellbeing(self) -> Table:
        return effects_section.wellbeing_table(self)

    @cached_property
    def scenario_result(self) -> ScenarioResult | None:
        return scenario_section.scenario_result(self)

    @cached_property
    def scenario(self) -> Table | None:
        return scenario_section.scenario_table(self)

    @cached_property
    def assumptions(self) -> Table:
        return methods_section.assumptions_table(self)

    @cached_property
    def sizing_table(self) -> Table:
        return methods_section.sizing_table(self)

    @cached_property
    def seed_range(self) -> Table:
        return methods_section.seed_range_table(self)

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
            "continuity_risk_model": str(getattr(r.continuity_risk, "value", r.continuity_risk)),
            "clients_waiting_model": r.clients_waiting, "clients_waiting_baseline": b.clients_waiting,
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
        return conclusions_section.conclusions(self)

    # ---- tables for export ------------------------------------------------------------------------------
    def tables(self) -> dict[str, Table]:
        """Every table in section order (registry ``SECTIONS``), then the key figures."""
        found = (getattr(self, attr) for section in SECTIONS.values() for attr in section.tables)
        out = {table.name: table for table in found if table is not None}
        figures = pd.DataFrame({"indicator": list(self.key_figures), "value": list(self.key_figures.values())})
        # the key-figure table keeps its machine-readable headers in both languages (researchers script against them)
        out[KEY_FIGURES_TABLE] = Table(KEY_FIGURES_TABLE, tr("key_figures_title", self.language), figures,
                                       language=self.language, plain_headers=True)
        return out

    # ---- notebook display ---------------------------------------------------------------------------------
    def header_html(self) -> str:
        p, lang = self.params, self.language
        title = tr("report_title", lang, where=self.where, year=p.year)
        sub = tr("subtitle" if self.synthetic else "subtitle_supplied", lang,
                 model=model_label(p.funding_model, lang), baseline=model_label(BASELINE, lang),
                 scenario=scenario_label(p.scenario, lang), n=format_number(len(self.caseload)), seed=p.seed)
        notice = self.data_notice
        if p.municipality:
            notice += " " + tr("municipality_notice", lang, municipality=p.municipality,
                               pop=format_number(self.population), region=p.region,
                               region_pop=format_number(self.region.population))
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
