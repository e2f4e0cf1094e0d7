"""How many clients a municipality has per law: the real caseload a synthetic sample stands for.

Why: money, clients and waiting lists must scale with the place, not with the size of the synthetic
sample. A sample of ``n`` synthetic clients is only a precision knob; each row carries a ``weight``
(how many real clients it stands for) so that totals are those of the municipality.

Rates (see ``zorglab.domain.assumptions`` for values and sources):

* Jeugdwet clients = inhabitants x share aged 0-17 x share of young people with youth care (CBS).
* Wmo clients = inhabitants x Wmo clients per 1,000 (CBS) / 1,000 x share of Wmo clients whose
  provision is in the product catalogue (assumption: support at home, household help, short stay and
  sheltered housing; not aids, home adaptations or transport).

Where CBS has no figure (fictional municipality, a municipality merged before 2022, a suppressed cell)
the national rate is used and the row says so (``rate_source``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from zorglab.domain.assumptions import WMO_COVERED_SHARE
from zorglab.domain.catalogue import LAWS
from zorglab.domain.cbs import municipality_table, national_figures
from zorglab.domain.regions import Municipality, Region

CBS_POPULATION_YEAR = 2022  # inhabitants on 1 January 2022 (CBS 37259)
CBS_WMO_YEAR = 2021  # Wmo clients per 1,000 and age shares (CBS 85039NED)
CBS_YOUTH_CARE_YEAR = 2022  # young people with youth care (CBS, Indicatoren jeugdzorg, 2022*)


class RateSource:
    """Codes for where a municipality's rate comes from (translated in the UI, never shown raw)."""

    CBS = "cbs"
    NATIONAL_NO_CODE = "national_no_code"  # fictional or merged before the CBS year
    NATIONAL_SUPPRESSED = "national_suppressed"  # CBS row exists, the cell is empty


@dataclass(frozen=True)
class LawRates:
    """Clients per inhabitant for the two laws, and where each rate came from."""

    wmo: float
    jeugdwet: float
    wmo_source: str
    jeugdwet_source: str
    youth_share: float
    jeugdhulp_pct: float
    wmo_per_1000: float

    def per_inhabitant(self, law: str) -> float:
        return self.wmo if law == "Wmo" else self.jeugdwet


def rates_from_figures(youth_share: float, jeugdhulp_pct: float, wmo_per_1000: float,
                       covered_share: float = WMO_COVERED_SHARE) -> tuple[float, float]:
    """(Wmo, Jeugdwet) clients per inhabitant from CBS-style figures (pure arithmetic)."""
    return wmo_per_1000 / 1000.0 * covered_share, youth_share * jeugdhulp_pct / 100.0


@cache
def national_rates() -> LawRates:
    """Clients per inhabitant at the national average (the norm a population budget is set on)."""
    nat = national_figures()
    wmo, jw = rates_from_figures(nat["youth_share"], nat["jeugdhulp_pct"], nat["wmo_per_1000"])
    return LawRates(wmo, jw, RateSource.CBS, RateSource.CBS, nat["youth_share"], nat["jeugdhulp_pct"],
                    nat["wmo_per_1000"])


_youth_care_override: dict[str, float] = {}


def use_cbs_file(path: str) -> int:
    """Take the youth-care share per municipality from a newer CBS export (StatLine CSV or open data).

    Returns how many municipalities it covers; rows are joined by GM code (names are mapped to codes).
    ``''`` goes back to the shipped 2022* figures.
    """
    from zorglab.domain.cbs import municipality_code
    from zorglab.domain.cbs_files import read_cbs_file

    _youth_care_override.clear()
    if not path:
        return 0
    df = read_cbs_file(path)
    if "jeugdhulp_pct" not in df.columns:
        from zorglab.core.errors import DataValidationError

        raise DataValidationError(path, [("header", "-", "no youth-care share column (e.g. 'Jongeren met "
                                                           "jeugdhulp in natura'); columns: " + ", ".join(df.columns))])
    for code, name, value in zip(df["region_code"], df["region"], df["jeugdhulp_pct"], strict=True):
        key = str(code).strip() if isinstance(code, str) and code.strip().startswith("GM") else None
        if key is None:
            try:
                key = municipality_code(str(name))
            except KeyError:
                continue
        if not math.isnan(value):
            _youth_care_override[key] = float(value)
    return len(_youth_care_override)


def municipality_rates(cbs_code: str | None) -> LawRates:
    """A municipality's rates from CBS by GM code; national rates where CBS has no figure."""
    nat = national_rates()
    table = municipality_table()
    if not cbs_code or cbs_code not in table.index:
        return LawRates(nat.wmo, nat.jeugdwet, RateSource.NATIONAL_NO_CODE, RateSource.NATIONAL_NO_CODE,
                        nat.youth_share, nat.jeugdhulp_pct, nat.wmo_per_1000)
    row = table.loc[cbs_code]
    youth = float(row["youth_share"]) if not math.isnan(row["youth_share"]) else nat.youth_share
    jh, wmo_k = _youth_care_override.get(cbs_code, float(row["jeugdhulp_pct"])), float(row["wmo_per_1000"])
    jw_src = RateSource.CBS if not math.isnan(jh) else RateSource.NATIONAL_SUPPRESSED
    wmo_src = RateSource.CBS if not math.isnan(wmo_k) else RateSource.NATIONAL_SUPPRESSED
    jh = jh if not math.isnan(jh) else nat.jeugdhulp_pct
    wmo_k = wmo_k if not math.isnan(wmo_k) else nat.wmo_per_1000
    wmo, jw = rates_from_figures(youth, jh, wmo_k)
    return LawRates(wmo, jw, wmo_src, jw_src, youth, jh, wmo_k)


def caseload_size(region: Region, municipality: str = "") -> pd.DataFrame:
    """Expected clients per municipality and law: the strata a synthetic sample is drawn from.

    Columns: municipality, cbs_code, population, law, law_code, rate (clients per inhabitant), clients,
    national_rate, norm_clients (clients at the national rate), rate_source.
    """
    munis: tuple[Municipality, ...] = region.municipalities
    if municipality:
        munis = (region.municipality(municipality),)
    nat = national_rates()
    rows = []
    for m in munis:
        r = municipality_rates(m.cbs_code)
        for code, law in enumerate(LAWS):
            rate = r.per_inhabitant(law)
            rows.append({
                "municipality": m.name, "cbs_code": m.cbs_code or "", "population": m.population,
                "law": law, "law_code": code, "rate": rate, "clients": m.population * rate,
                "national_rate": nat.per_inhabitant(law), "norm_clients": m.population * nat.per_inhabitant(law),
                "rate_source": r.wmo_source if law == "Wmo" else r.jeugdwet_source,
            })
    return pd.DataFrame(rows)


def allocate(sizes: np.ndarray, n: int) -> np.ndarray:
    """Split ``n`` sample rows over strata in proportion to ``sizes`` (largest remainder).

    Every stratum with clients gets at least one row when ``n`` allows it, so no municipality or law
    silently drops out of a small sample.
    """
    sizes = np.asarray(sizes, dtype=float)
    positive = sizes > 0
    out = np.zeros(len(sizes), dtype=np.int64)
    if n <= 0 or not positive.any():
        return out
    k = int(positive.sum())
    base = np.where(positive, 1, 0) if n >= k else np.zeros(len(sizes), dtype=np.int64)
    rest = n - int(base.sum())
    quota = sizes / sizes.sum() * rest
    floor = np.floor(quota).astype(np.int64)
    remainder = rest - int(floor.sum())
    order = np.argsort(-(quota - floor), kind="stable")
    floor[order[:remainder]] += 1
    return base + floor
