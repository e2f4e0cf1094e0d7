"""Seeded synthetic caseloads that stand for a municipality's real caseload (sized on CBS figures).

A caseload is a plain DataFrame with one row per client and numeric columns the funding models read
as numpy arrays. Synthetic: no row describes a real person.
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd

from zorglab.core.errors import ParameterRangeError
from zorglab.domain.catalogue import LAWS, products
from zorglab.domain.regions import get_region
from zorglab.domain.sizing import allocate, caseload_size

MAX_CASES = 5_000_000
PRODUCT_WEIGHTS = {
    "Wmo": {"WMO_BEG_IND": 0.30, "WMO_BEG_IND_SPEC": 0.10, "WMO_BEG_GRP": 0.20, "WMO_DAGB_ZWAAR": 0.08,
            "WMO_HH1": 0.20, "WMO_HH2": 0.08, "WMO_KORT_VERBLIJF": 0.02, "WMO_BESCHERMD_WONEN": 0.02},
    "Jeugdwet": {"JW_AMB_BASIS": 0.35, "JW_AMB_SPEC": 0.25, "JW_GGZ": 0.18, "JW_DAGBEHANDELING": 0.08,
                 "JW_PLEEGZORG": 0.06, "JW_VERBLIJF_RES": 0.04, "JW_JEUGDBESCHERMING": 0.04},
}
CASELOAD_COLUMNS = ["case_id", "region", "municipality", "law", "law_code", "product", "intensity", "severity",
                    "needed_units", "tariff_eur", "staff_hours_per_unit", "wellbeing_before"]
# Columns with a default when a caseload lacks them (older files, hand-made test caseloads).
WEIGHT_COLUMNS = ["weight", "norm_weight"]


def generate_caseload(region: str = "Rivierenland", n: int = 1000, seed: int = 0, year: int = 2022,
                      municipality: str = "") -> pd.DataFrame:
    """``n`` synthetic clients standing for the real caseload of ``region`` (or one municipality) in ``year``.

    The sample is stratified by municipality and law in proportion to the expected number of clients
    (``zorglab.domain.sizing``); ``weight`` says how many real clients a row stands for, ``norm_weight`` how many
    it would stand for at the national rate (the basis of a population budget). The same seed gives the
    same caseload.
    """
    if not isinstance(n, int | np.integer) or not 1 <= n <= MAX_CASES:
        raise ParameterRangeError("n", n, f"whole number 1-{MAX_CASES:,}")
    reg = get_region(region, year)
    strata = caseload_size(reg, municipality)
    # The region name joins the seed so that two regions without own CBS figures still differ.
    rng = np.random.default_rng([seed, zlib.crc32(f"{region}|{municipality}".encode())])
    counts = allocate(strata["clients"].to_numpy(), int(n))
    stratum = np.repeat(np.arange(len(strata)), counts)
    n = len(stratum)
    law_code = strata["law_code"].to_numpy(np.int8)[stratum]
    weight = (strata["clients"].to_numpy() / np.maximum(counts, 1))[stratum]
    norm_weight = (strata["norm_clients"].to_numpy() / np.maximum(counts, 1))[stratum]

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
    order = rng.permutation(n)  # rows in random order: any prefix is a fair mix of municipalities and laws
    prefix = (municipality or region)[:3].upper()
    frame = pd.DataFrame({
        "region": region,
        "municipality": strata["municipality"].to_numpy()[stratum],
        "law": np.array(LAWS)[law_code],
        "law_code": law_code,
        "product": product.astype(str),
        "intensity": prod["intensity"].to_numpy(np.int8),
        "severity": severity,
        "needed_units": needed,
        "tariff_eur": prod["tariff_eur"].to_numpy(float),
        "staff_hours_per_unit": prod["staff_hours_per_unit"].to_numpy(float),
        "wellbeing_before": wellbeing,
        "weight": weight,
        "norm_weight": norm_weight,
    }).iloc[order].reset_index(drop=True)
    frame.insert(0, "case_id", [f"{prefix}-{i:06d}" for i in range(1, n + 1)])
    return frame


def validate_caseload(caseload: pd.DataFrame) -> pd.DataFrame:
    """Reject a caseload that lacks columns the funding models need, naming the missing ones."""
    missing = [c for c in CASELOAD_COLUMNS if c not in caseload.columns]
    if missing:
        raise ValueError(f"caseload lacks column(s) {', '.join(missing)}; build one with zorglab.generate_caseload()")
    if len(caseload) == 0:
        raise ValueError("caseload is empty: generate at least one case")
    if "weight" not in caseload.columns:
        caseload = caseload.assign(weight=1.0)
    if "norm_weight" not in caseload.columns:
        caseload = caseload.assign(norm_weight=caseload["weight"].to_numpy())
    return caseload
