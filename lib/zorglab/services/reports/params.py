"""The parameters of one region report, checked before any kernel starts.

Why here and not in the notebook: the runner must reject an unknown region or an out-of-range value
for every job before it spends minutes on kernels, and the notebook must give the same message when
someone runs it by hand. Both call ``check_params``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from zorglab.core.errors import ParameterRangeError, UnknownNameError
from zorglab.core.i18n import check_language
from zorglab.domain.funding import BASELINE, MODELS
from zorglab.domain.regions import YEAR_RANGE, get_region, register_regions, resolve_region

N_CASES_RANGE = (50, 500_000)
SEED_RANGE = (0, 2**32 - 1)
# Policy scenarios on top of the funding model (see zorglab.domain.scenario.Scenario for the levers); their
# names for readers: catalogue ``reports.scenario_<code>``.
SCENARIOS: dict[str, dict[str, float]] = {
    "basis": {},
    "algemene_voorziening": {"general_provision_share": 0.5},
    "preventie": {"prevention_per_client": 250.0},
}
SEED_SPREAD = 5  # key results are also computed for this many seeds (seed, seed + 1, ...) to show a range


@dataclass(frozen=True)
class ReportParams:
    """Validated parameters of ``notebooks/regional_evaluation.ipynb`` (same names, same meaning)."""

    region: str = "Rivierenland"
    municipality: str = ""
    year: int = 2022
    funding_model: str = "lumpsum"
    scenario: str = "basis"
    n_cases: int = 2000
    seed: int = 2016
    language: str = "nl"
    export_dir: str = ""
    regions_file: str = ""
    caseload_file: str = ""
    cbs_file: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def stem(self) -> str:
        """File name stem: region[_municipality]_model_scenario[_year][_inputs] (ASCII letters, digits, '-').

        Inputs that change the figures (a year other than 2022, a supplied caseload or CBS file) are in the
        name, so such runs never overwrite each other.
        """
        parts = [self.region, self.municipality, self.funding_model, self.scenario]
        if self.year != 2022:
            parts.append(str(self.year))
        for tag, path in (("caseload", self.caseload_file), ("cbs", self.cbs_file)):
            if path:
                parts.append(f"{tag}-{Path(path).stem}")
        return "_".join(_slug(p) for p in parts if p)


def _slug(text: str) -> str:
    """A file-name-safe part: accents dropped, anything but letters and digits becomes '-'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-") or "x"


def _whole(name: str, value: Any, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise ParameterRangeError(name, value, f"a whole number {lo:,}-{hi:,}".replace(",", "."))
    if not lo <= value <= hi:
        raise ParameterRangeError(name, value, f"whole numbers {lo:,}-{hi:,}".replace(",", "."))
    return int(value)


def _choice(name: str, value: Any, valid: list[str]) -> str:
    if value not in valid:
        raise UnknownNameError(name.replace("_", " "), str(value), valid)
    return str(value)


def _file(name: str, value: Any) -> str:
    """An optional input file: '' or the path of an existing file (checked before any kernel starts)."""
    if value in (None, ""):
        return ""
    if not isinstance(value, str) or not Path(value).is_file():
        raise ParameterRangeError(name, value, "the path of an existing CSV file, or '' for none")
    return str(Path(value).resolve())


def check_params(region: Any = "Rivierenland", municipality: Any = "", year: Any = 2022,
                 funding_model: Any = "lumpsum", scenario: Any = "basis", n_cases: Any = 2000,
                 seed: Any = 2016, language: Any = "nl", export_dir: Any = "", regions_file: Any = "",
                 caseload_file: Any = "", cbs_file: Any = "") -> ReportParams:
    """Every parameter checked, with an error naming the parameter and what is allowed.

    ``region`` may be a shipped region, a region from ``regions_file`` or any CBS municipality (name or GM
    code); 'oss' on the command line means Oss.
    """
    regions_file = _file("regions_file", regions_file)
    caseload_file = _file("caseload_file", caseload_file)
    cbs_file = _file("cbs_file", cbs_file)
    if regions_file:
        register_regions(regions_file)
    region = resolve_region(region)  # unknown names raise with the valid ones
    if isinstance(year, bool) or not isinstance(year, int | np.integer) or not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise ParameterRangeError("year", year, f"whole years {YEAR_RANGE[0]}-{YEAR_RANGE[1]}")
    year = int(year)
    municipality = municipality or ""
    if municipality:
        if not isinstance(municipality, str):
            raise ParameterRangeError("municipality", municipality, "a municipality name or '' for the whole region")
        municipality = get_region(region, year).municipality(municipality).name  # raises with the valid names
    language = check_language(language)
    if not isinstance(export_dir, str):
        raise ParameterRangeError("export_dir", export_dir, "a folder path as text, or '' for no export")
    return ReportParams(
        region=region,
        municipality=municipality,
        year=year,
        funding_model=_choice("funding_model", funding_model, list(MODELS)),
        scenario=_choice("scenario", scenario, list(SCENARIOS)),
        n_cases=_whole("n_cases", n_cases, *N_CASES_RANGE),
        seed=_whole("seed", seed, *SEED_RANGE),
        language=language,
        export_dir=export_dir,
        regions_file=regions_file,
        caseload_file=caseload_file,
        cbs_file=cbs_file,
    )


__all__ = ["BASELINE", "N_CASES_RANGE", "SCENARIOS", "SEED_RANGE", "SEED_SPREAD", "ReportParams", "check_params"]
