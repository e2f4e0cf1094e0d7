from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zorglab.core.errors import ParameterRangeError, ZorglabError
from zorglab.domain.agreement import (
    agreement_per_case,
    agreement_summary,
    case_agreement,
    fleiss_kappa,
    simulate_assessments,
    spread,
)

# Published worked example (Wikipedia, "Fleiss' kappa"): 10 subjects, 14 raters, 5 categories.
WIKIPEDIA = np.array([
    [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
])


def test_fleiss_kappa_published_example():
    assert case_agreement(WIKIPEDIA)[:2] == pytest.approx([1.0, 0.253], abs=1e-3)  # P_1, P_2 as published
    assert case_agreement(WIKIPEDIA).mean() == pytest.approx(0.378, abs=1e-3)     # P-bar
    assert fleiss_kappa(WIKIPEDIA) == pytest.approx(0.210, abs=1e-3)


def test_kappa_bad_input():
    with pytest.raises(ZorglabError, match="fewer than 2 ratings"):
        fleiss_kappa(np.array([[1, 0], [1, 1]]))
    with pytest.raises(ZorglabError, match="non-negative whole numbers"):
        fleiss_kappa(np.array([[1.5, 1], [1, 1]]))
    with pytest.raises(ZorglabError, match="2-D"):
        fleiss_kappa(np.array([1, 2, 3]))


@settings(max_examples=60, deadline=None)
@given(labels=st.lists(st.integers(0, 4), min_size=1, max_size=30), raters=st.integers(2, 12))
def test_identical_raters_give_kappa_one(labels, raters):
    ratings = pd.DataFrame({"case_id": np.repeat(np.arange(len(labels)), raters),
                            "product": np.repeat(labels, raters)})
    summary = agreement_summary(ratings)
    assert summary["fleiss_kappa"] == pytest.approx(1.0)
    assert summary["pct_agreement"] == pytest.approx(1.0)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.integers(0, 6), min_size=3, max_size=3), min_size=1, max_size=15))
def test_kappa_invariant_to_category_order(rows):
    counts = np.array([r + [2] for r in rows])  # at least 2 ratings per case
    assert fleiss_kappa(counts) == pytest.approx(fleiss_kappa(counts[:, ::-1]))
    assert np.all((case_agreement(counts) >= 0) & (case_agreement(counts) <= 1))


def test_agreement_per_case_and_spread():
    ratings = pd.DataFrame({"case_id": ["a"] * 4 + ["b"] * 4,
                            "product": ["x", "x", "x", "y", "y", "z", "y", "z"],
                            "volume": [10, 10, 20, 40, 5, 5, 5, 5]})
    per_case = agreement_per_case(ratings).set_index("case_id")
    assert per_case.loc["a", "modal_category"] == "x"
    assert per_case.loc["a", "pct_agreement"] == pytest.approx(0.75)
    assert per_case.loc["a", "pairwise_agreement"] == pytest.approx(6 / 12)  # 3*2 agreeing ordered pairs of 12
    s = spread(ratings, "volume").set_index("case_id")
    assert s.loc["a", "max_over_min"] == pytest.approx(4.0)
    assert s.loc["b", "cv"] == pytest.approx(0.0)
    with pytest.raises(ZorglabError, match="'hours'"):
        spread(ratings, "hours")


def test_simulated_teams_disagree_and_harmonisation_merges(small_caseload):
    cases = small_caseload.head(40)
    a = simulate_assessments(cases, n_teams=6, seed=3)
    assert len(a) == 240
    old = agreement_summary(a)
    new = agreement_summary(a, category_col="harmonised_product")
    assert old["fleiss_kappa"] < 1.0
    assert new["categories"] < old["categories"]
    assert new["pct_agreement"] >= old["pct_agreement"]
    with pytest.raises(ParameterRangeError, match="2-200"):
        simulate_assessments(cases, n_teams=1)
