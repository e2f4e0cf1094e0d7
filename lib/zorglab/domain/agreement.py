"""How consistently assessors (area teams) assign products to the same cases.

Fleiss' kappa with per-subject rater counts (Fleiss 1971, generalised to unequal numbers of raters),
percentage agreement, and the spread of assigned volume or cost per case.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from zorglab.core.errors import ZorglabError


def _check_counts(counts: np.ndarray) -> np.ndarray:
    counts = np.asarray(counts, dtype=float)
    if counts.ndim != 2 or counts.shape[0] < 1 or counts.shape[1] < 1:
        raise ZorglabError("counts must be a 2-D table: one row per case, one column per category")
    if (counts < 0).any() or not np.allclose(counts, np.round(counts)):
        raise ZorglabError("counts must be non-negative whole numbers (raters per case and category)")
    if (counts.sum(axis=1) < 2).any():
        bad = int(np.flatnonzero(counts.sum(axis=1) < 2)[0])
        raise ZorglabError(f"case at row {bad} has fewer than 2 ratings; agreement needs at least 2 raters per case")
    return counts


def case_agreement(counts: np.ndarray) -> np.ndarray:
    """P_i: the share of rater pairs that agree on case i."""
    counts = _check_counts(counts)
    n = counts.sum(axis=1)
    return (counts * (counts - 1)).sum(axis=1) / (n * (n - 1))


def fleiss_kappa(counts: np.ndarray) -> float:
    """Fleiss' kappa for a cases x categories table of rater counts (1 = perfect, 0 = chance)."""
    counts = _check_counts(counts)
    p_bar = case_agreement(counts).mean()
    p_j = counts.sum(axis=0) / counts.sum()
    p_e = float((p_j**2).sum())
    if np.isclose(p_e, 1.0):
        return 1.0  # everyone used one category: agreement is perfect, chance agreement too
    return float((p_bar - p_e) / (1.0 - p_e))


def counts_table(ratings: pd.DataFrame, case_col: str = "case_id", category_col: str = "product") -> pd.DataFrame:
    """Long ratings (one row per rater and case) -> cases x categories count table."""
    for col in (case_col, category_col):
        if col not in ratings.columns:
            raise ZorglabError(f"ratings need a {col!r} column; got {', '.join(ratings.columns)}")
    return pd.crosstab(ratings[case_col], ratings[category_col])


def agreement_per_case(ratings: pd.DataFrame, case_col: str = "case_id", category_col: str = "product") -> pd.DataFrame:
    """Per case: raters, modal category, share choosing it (percentage agreement) and pairwise agreement."""
    table = counts_table(ratings, case_col, category_col)
    values = table.to_numpy()
    return pd.DataFrame({
        case_col: table.index,
        "n_raters": values.sum(axis=1),
        "n_categories_used": (values > 0).sum(axis=1),
        "modal_category": table.columns[values.argmax(axis=1)],
        "pct_agreement": values.max(axis=1) / values.sum(axis=1),
        "pairwise_agreement": case_agreement(values),
    }).reset_index(drop=True)


def agreement_summary(ratings: pd.DataFrame, case_col: str = "case_id", category_col: str = "product") -> dict[str, float]:
    table = counts_table(ratings, case_col, category_col).to_numpy()
    per_case = case_agreement(table)
    return {
        "cases": int(table.shape[0]),
        "categories": int((table.sum(axis=0) > 0).sum()),
        "pct_agreement": float((table.max(axis=1) / table.sum(axis=1)).mean()),
        "pairwise_agreement": float(per_case.mean()),
        "fleiss_kappa": fleiss_kappa(table),
    }


def spread(ratings: pd.DataFrame, value_col: str, case_col: str = "case_id") -> pd.DataFrame:
    """Spread of an assigned amount (volume or cost) per case: min, quartiles, max, CV."""
    if value_col not in ratings.columns:
        raise ZorglabError(f"ratings need a {value_col!r} column to compute its spread")
    g = ratings.groupby(case_col)[value_col]
    out = g.agg(n="count", min="min", q1=lambda s: s.quantile(0.25), median="median",
                q3=lambda s: s.quantile(0.75), max="max", mean="mean", std="std")
    out["cv"] = out["std"] / out["mean"].where(out["mean"] != 0)
    out["max_over_min"] = out["max"] / out["min"].where(out["min"] > 0)
    return out.reset_index()


def simulate_assessments(cases: pd.DataFrame, n_teams: int = 8, seed: int = 0, interpretation_spread: float = 0.35,
                         volume_spread: float = 0.30) -> pd.DataFrame:
    """Area teams assessing the same cases: each team drifts towards a lighter or heavier product.

    ``cases`` needs ``case_id``, ``product`` (the need as one old-catalogue product) and ``needed_units``.
    Returns one row per team and case with the old product, the harmonised product and the volume.
    """
    from zorglab.domain.catalogue import harmonise, products

    if not 2 <= n_teams <= 200:
        from zorglab.core.errors import ParameterRangeError

        raise ParameterRangeError("n_teams", n_teams, "2-200")
    rng = np.random.default_rng(seed)
    cat = products()
    # Neighbouring products of the same law, ordered light -> heavy, are the plausible mis-assignments.
    cat = cat.assign(order=cat["intensity"] * 1000 + cat["tariff_eur"]).sort_values(["law", "order"])
    ladder = {law: list(g["code"]) for law, g in cat.groupby("law")}
    pos = {code: (law, i) for law, codes in ladder.items() for i, code in enumerate(codes)}
    team_bias = rng.normal(0.0, interpretation_spread, n_teams)  # + = heavier reading of descriptions
    team_volume = rng.lognormal(0.0, volume_spread, n_teams)
    n = len(cases)
    teams = np.repeat(np.arange(n_teams), n)
    base_idx = np.tile(np.array([pos[p][1] for p in cases["product"]]), n_teams)
    laws = np.tile(np.array([pos[p][0] for p in cases["product"]]), n_teams)
    shift = np.rint(team_bias[teams] + rng.normal(0.0, interpretation_spread, n * n_teams)).astype(int)
    max_idx = np.array([len(ladder[law]) - 1 for law in laws])
    idx = np.clip(base_idx + shift, 0, max_idx)
    assigned = np.array([ladder[law][i] for law, i in zip(laws, idx, strict=True)])
    volume = np.tile(cases["needed_units"].to_numpy(float), n_teams) * team_volume[teams] * rng.lognormal(0, 0.1, n * n_teams)
    tariff = cat.set_index("code")["tariff_eur"]
    out = pd.DataFrame({
        "team": [f"Gebiedsteam {t + 1}" for t in teams],
        "case_id": np.tile(cases["case_id"].to_numpy(), n_teams),
        "product": assigned,
        "volume": volume,
    })
    out["harmonised_product"] = harmonise(out["product"]).to_numpy()
    out["cost_eur"] = out["volume"] * out["product"].map(tariff).to_numpy()
    return out
