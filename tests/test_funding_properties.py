"""Invariants of the funding models, checked over many parameter sets and caseloads."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zorglab import generate_caseload
from zorglab.funding import MODELS, InspanningsModel, TaakgerichtModel

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def params_for(model_cls, draw):
    values = {}
    for name, p in model_cls.param.objects("existing").items():
        if name == "name" or getattr(p, "bounds", None) is None or name == "budget_eur":
            continue
        lo, hi = p.bounds
        if isinstance(p.default, bool):
            continue
        values[name] = draw(st.integers(lo, hi)) if isinstance(p.default, int) else draw(
            st.floats(lo, hi, allow_nan=False))
    return values


@SETTINGS
@given(data=st.data(), key=st.sampled_from(sorted(MODELS)), seed=st.integers(0, 10_000), n=st.integers(1, 300))
def test_money_is_conserved_between_payers_and_provider(data, key, seed, n):
    cl = generate_caseload("Oss", n, seed)
    model = MODELS[key](**params_for(MODELS[key], data.draw))
    r = model.evaluate(cl)
    assert sum(r.spend_by_law.values()) == pytest.approx(r.provider_revenue, rel=1e-9, abs=1e-6)
    assert r.per_case()["revenue_eur"].sum() == pytest.approx(r.total_spend, rel=1e-9, abs=1e-6)
    assert r.provider_margin == pytest.approx(r.provider_revenue - r.provider_cost, rel=1e-9, abs=1e-6)
    assert r.clients_served + r.clients_waiting == n
    assert np.all((r.wellbeing_after >= 1) & (r.wellbeing_after <= 10))


@SETTINGS
@given(scale=st.floats(0.1, 10.0), budget=st.floats(1e4, 1e8), seed=st.integers(0, 1000))
def test_lumpsum_spend_independent_of_volume(scale, budget, seed):
    cl = generate_caseload("Lindendaal", 200, seed)
    heavier = cl.assign(needed_units=cl["needed_units"] * scale)
    model = TaakgerichtModel(budget_eur=budget)
    assert model.evaluate(heavier).total_spend == pytest.approx(model.evaluate(cl).total_spend)
    assert model.evaluate(heavier).total_spend == pytest.approx(budget)


@SETTINGS
@given(k=st.floats(0.0, 20.0), seed=st.integers(0, 1000), sid=st.floats(0.0, 1.0))
def test_pxq_is_linear_in_volume(k, seed, sid):
    cl = generate_caseload("Westkust", 150, seed)
    model = InspanningsModel(supplier_induced_demand=sid)
    base = model.evaluate(cl).total_spend
    scaled = model.evaluate(cl.assign(needed_units=cl["needed_units"] * k)).total_spend
    assert scaled == pytest.approx(k * base, rel=1e-9, abs=1e-6)
