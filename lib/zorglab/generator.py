"""Seeded synthetic caseloads for statistics and scale tests, calibrated on real CBS youth-care shares.

A caseload is a plain DataFrame with one row per client and numeric columns the funding models read
as numpy arrays. Synthetic: no row describes a real person.
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd

from .catalogue import LAWS, products
from .cbs import national_youth_care_share, youth_care_share
from .errors import ParameterRangeError
from .regions import get_region

MAX_CASES = 5_000_000
# Share of Jeugdwet clients among municipal clients in a municipality with the national youth-care share.
BASE_YOUTH_CLIENT_SHARE = 0.40
PRODUCT_WEIGHTS = {
    "Wmo": {"WMO_BEG_IND": 0.30, "WMO_BEG_IND_SPEC": 0.10, "WMO_BEG_GRP": 0.20, "WMO_DAGB_ZWAAR": 0.08,
            "WMO_HH1": 0.20, "WMO_HH2": 0.08, "WMO_KORT_VERBLIJF": 0.02, "WMO_BESCHERMD_WONEN": 0.02},
    "Jeugdwet": {"JW_AMB_BASIS": 0.35, "JW_AMB_SPEC": 0.25, "JW_GGZ": 0.18, "JW_DAGBEHANDELING": 0.08,
                 "JW_PLEEGZORG": 0.06, "JW_VERBLIJF_RES": 0.04, "JW_JEUGDBESCHERMING": 0.04},
}
CASELOAD_COLUMNS = ["case_id", "region", "municipality", "law", "law_code", "product", "intensity", "severity",
                    "needed_units", "tariff_eur", "staff_hours_per_unit", "wellbeing_before"]


def youth_client_share(municipality: str) -> float:
    """Jeugdwet share of clients, scaled by the municipality's CBS youth-care share against the national one."""
    share = youth_care_share(municipality)
    if np.isnan(share):
        share = national_youth_care_share()
    return float(np.clip(BASE_YOUTH_CLIENT_SHARE * share / national_youth_care_share(), 0.1, 0.8))


def generate_caseload(region: str = "Rivierenland", n: int = 1000, seed: int = 0, year: int = 2022) -> pd.DataFrame:
    """``n`` synthetic clients of ``region`` in ``year``; the same seed gives the same caseload."""
    if not isinstance(n, int | np.integer) or not 1 <= n <= MAX_CASES:
        raise ParameterRangeError("n", n, f"whole number 1-{MAX_CASES:,}")
    reg = get_region(region, year)
    # The region name joins the seed so that two regions without own CBS figures still differ.
    rng = np.random.default_rng([seed, zlib.crc32(region.encode("utf-8"))])
    names = np.array(reg.municipality_names())
    pop = np.array([m.population for m in reg.municipalities], dtype=float)
    muni_idx = rng.choice(len(names), size=n, p=pop / pop.sum())
    youth_p = np.array([youth_client_share(m) for m in names])[muni_idx]
    law_code = (rng.random(n) < youth_p).astype(np.int8)  # index into LAWS: 0 Wmo, 1 Jeugdwet

    cat = products().set_index("code")
    product = np.empty(n, dtype=object)
    for code_value, law in enumerate(LAWS):
        mask = law_code == code_value
        weights = PRODUCT_WEIGHTS[law]
        codes = np.array(list(weights))
        probs = np.array(list(weights.values()))
        product[mask] = codes[rng.choice(len(codes), size=int(mask.sum()), p=probs / probs.sum())]
    prod = cat.loc[product]
    severity = rng.beta(2.0, 2.0, size=n)
    typical = prod["typical_units_per_year"].to_numpy(float)
    needed = typical * rng.lognormal(0.0, 0.35, size=n) * (0.6 + 0.8 * severity)
    # Stays and supervision orders cannot exceed a year.
    cap = np.where(np.isin(prod["unit"].to_numpy(), ["etmaal"]), 365.0,
                   np.where(prod["unit"].to_numpy() == "maand", 12.0, np.inf))
    needed = np.minimum(needed, cap)
    wellbeing = np.clip(np.rint(7.0 - 4.0 * severity + rng.normal(0.0, 1.0, n)), 1, 10)
    prefix = region[:3].upper()
    return pd.DataFrame({
        "case_id": [f"{prefix}-{i:06d}" for i in range(1, n + 1)],
        "region": region,
        "municipality": names[muni_idx],
        "law": np.array(LAWS)[law_code],
        "law_code": law_code,
        "product": product.astype(str),
        "intensity": prod["intensity"].to_numpy(np.int8),
        "severity": severity,
        "needed_units": needed,
        "tariff_eur": prod["tariff_eur"].to_numpy(float),
        "staff_hours_per_unit": prod["staff_hours_per_unit"].to_numpy(float),
        "wellbeing_before": wellbeing,
    })


def validate_caseload(caseload: pd.DataFrame) -> pd.DataFrame:
    """Reject a caseload that lacks columns the funding models need, naming the missing ones."""
    missing = [c for c in CASELOAD_COLUMNS if c not in caseload.columns]
    if missing:
        raise ValueError(f"caseload lacks column(s) {', '.join(missing)}; build one with zorglab.generate_caseload()")
    if len(caseload) == 0:
        raise ValueError("caseload is empty: generate at least one case")
    return caseload
