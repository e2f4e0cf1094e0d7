"""ExplorerState: saved scenarios (max 4), predict-then-reveal, loading a shared or tampered link."""

from __future__ import annotations

import pytest

from zorglab.core.errors import UnknownNameError
from zorglab.domain.cases import load_cases
from zorglab.domain.scenario import Scenario
from zorglab.services.scenario_tables import notice_message
from zorglab.ui.scenario_state import MAX_SAVED, ExplorerState, SavedScenarioError

N = 1000


def state(**params) -> ExplorerState:
    return ExplorerState(scenario=Scenario(n_clients=N, **params))


def test_save_compare_and_limit():
    st = state()
    st.save("oud")
    st.scenario.param.update(funding_model="lumpsum", budget_factor=0.9)
    st.save("lumpsum 90%")
    table = st.comparison()
    assert list(table.columns) == ["indicator", "label", "Basislijn (P x Q)", "oud", "lumpsum 90%"]
    spend = table.set_index("indicator").loc["municipal_spend"]
    # Each column is what the library computes for that scenario on its own.
    assert spend["lumpsum 90%"] == pytest.approx(Scenario(n_clients=N, funding_model="lumpsum",
                                                          budget_factor=0.9).evaluate().municipal_spend)
    assert spend["oud"] == pytest.approx(spend["Basislijn (P x Q)"])
    st.save("oud")  # the same name overwrites, it does not count twice
    assert len(st.saved) == 2
    st.save("c")
    st.save("d")
    assert len(st.saved) == MAX_SAVED == 4
    with pytest.raises(SavedScenarioError, match="remove one of: oud, lumpsum 90%, c, d"):
        st.save("e")
    st.remove("c")
    st.save("e")
    with pytest.raises(UnknownNameError, match="Valid values"):
        st.remove("nope")


def test_load_restores_a_saved_scenario_and_blank_names_are_numbered():
    st = state(tariff_factor=1.2)
    name = st.save("   ")
    assert name == "Scenario 1"
    st.scenario.tariff_factor = 0.8
    st.load(name)
    assert st.scenario.tariff_factor == 1.2


def test_comparison_of_nothing_is_an_empty_table():
    assert state().comparison().empty


def test_predict_mode_hides_the_next_change_until_revealed():
    st = state()
    st.predict_mode = True
    assert not st.hidden  # switching the mode on keeps the current numbers
    st.scenario.tariff_factor = 1.1
    assert st.hidden
    st.reveal()
    assert not st.hidden
    st.scenario.funding_model = "output"
    assert st.hidden
    st.predict_mode = False
    assert not st.hidden
    st.scenario.tariff_factor = 1.2  # outside predict mode nothing is hidden
    assert not st.hidden


def test_tampered_link_loads_nearest_valid_values_with_notices():
    st = state()
    notices = st.apply_query({"tariff_factor": "9", "n_clients": "abc", "region": "Atlantis", "year": 1900,
                              "corridor_enabled": "maybe", "language": "fr", "case_id": "XX-99",
                              "utm_source": "mail"})
    sc = st.scenario
    assert sc.tariff_factor == 1.5  # upper bound of the tariff factor
    assert sc.n_clients == Scenario.param["n_clients"].default == 5000  # unreadable: the parameter's default
    assert sc.region == "Rivierenland" and sc.year == 2015 and sc.corridor_enabled is False
    assert st.language == "nl" and st.case_id == load_cases()[0].case_id
    by_name = {n.parameter: n for n in notices}
    assert set(by_name) == {"tariff_factor", "n_clients", "region", "year", "corridor_enabled", "language", "case_id"}
    assert "0,5 – 1,5" in notice_message(by_name["tariff_factor"], "nl")
    assert "Lindendaal, Oss, Rivierenland, Westkust" in notice_message(by_name["region"], "en")
    assert st.notices == notices


def test_valid_link_restores_everything_without_notices():
    original = state(funding_model="result", bonus=900.0, general_provision_share=0.4)
    original.language, original.case_id = "en", load_cases()[3].case_id
    query = {**original.scenario.to_query(), "language": "en", "case_id": original.case_id}
    copy = ExplorerState()
    assert copy.apply_query(query) == []
    assert copy.scenario.values() == original.scenario.values()
    assert (copy.language, copy.case_id) == ("en", original.case_id)
    assert copy.scenario.evaluate().municipal_spend == pytest.approx(original.scenario.evaluate().municipal_spend)


def test_link_to_a_cbs_municipality_and_a_history_budget_loads_without_notices():
    st = state()
    assert st.apply_query({"region": "gm0281", "funding_model": "lumpsum", "budget_basis": "history"}) == []
    assert (st.scenario.region, st.scenario.budget_basis) == ("Tiel", "history")
    notices = st.apply_query({"budget_basis": "guess", "av_extra_uptake": "-1"})
    assert {n.parameter: n.used for n in notices} == {"budget_basis": "norm", "av_extra_uptake": 0.0}
    assert "norm, history" in notice_message(next(n for n in notices if n.parameter == "budget_basis"), "en")


@pytest.mark.parametrize(("given", "expected"), [("true", True), ("1", True), ("ja", True), (True, True),
                                                 ("false", False), ("nee", False), ("", False), (False, False)])
def test_large_numbers_follow_the_link(given, expected):
    st = state()
    assert st.large_numbers is False  # default: normal size
    assert st.apply_query({"large_numbers": given}) == []
    assert st.large_numbers is expected


def test_a_tampered_large_numbers_value_keeps_the_current_size_with_a_notice():
    st = ExplorerState(scenario=Scenario(n_clients=N), large_numbers=True)
    notices = st.apply_query({"large_numbers": "groot!"})
    assert st.large_numbers is True
    assert [(n.parameter, n.given, n.used) for n in notices] == [("large_numbers", "groot!", True)]
    assert "Grote cijfers" in notice_message(notices[0], "nl") and "Large numbers" in notice_message(notices[0], "en")


def test_metrics_are_computed_once_and_callers_get_their_own_copy():
    res = Scenario(n_clients=N, tariff_factor=1.1).evaluate()
    first = res.metrics()
    first["municipal_spend"]["scenario"] = -1.0  # a caller scribbling on its copy ...
    again = res.metrics()
    assert again["municipal_spend"]["scenario"] == pytest.approx(res.municipal_spend)  # ... changes nothing
    assert again["municipal_spend"]["scenario"] > again["municipal_spend"]["baseline"]  # 10% dearer hours


def test_cached_weights_of_a_result_are_read_only():
    res = Scenario(n_clients=N).evaluate().result
    with pytest.raises(ValueError, match="read-only"):
        res.weight[0] = 0.0
    with pytest.raises(ValueError, match="read-only"):
        res.served_weight[0] = 0.0
    assert res.clients_exact == pytest.approx(float(res.caseload["weight"].sum()))
