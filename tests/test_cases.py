from __future__ import annotations

import json

import pytest

from zorglab.core.errors import DataValidationError, UnknownNameError
from zorglab.domain.cases import DOMAINS, cases_frame, get_case, load_cases, parse_cases, support_frame
from zorglab.domain.regions import regions

from .case_factory import record


def test_valid_record_parses():
    case = parse_cases([record()])[0]
    assert case.need_score == pytest.approx(11 / 8)
    assert case.title("en") == "Test case"


@pytest.mark.parametrize(("override", "field", "reason"), [
    ({"region": "Utrecht"}, "region", "valid: Lindendaal, Oss"),
    ({"municipality": "Tiel"}, "-", "not in region Oss"),
    ({"main_age": 12}, "-", "does not match main_age"),
    ({"wellbeing_before": 11}, "wellbeing_before", "less than or equal to 10"),
    ({"context_nl": "Haar BSN is 123456782."}, "-", "personal number"),
    ({"current_support": [{"product": "NOPE", "units_per_week": 1, "weeks": 1}]}, "current_support.0.product",
     "unknown product 'NOPE'"),
    ({"needs": {"financien": 1}}, "needs", "exactly the domains"),
    ({"extra": 1}, "extra", "Extra inputs are not permitted"),
])
def test_bad_records_name_record_field_and_reason(override, field, reason):
    with pytest.raises(DataValidationError) as err:
        parse_cases([record(), record(case_id="TST-02", **override)], "cases.json")
    problems = err.value.problems
    assert problems[0][0] == "2 (TST-02)"
    assert problems[0][1] == field
    assert reason in problems[0][2]


def test_duplicate_ids_rejected():
    with pytest.raises(DataValidationError, match="duplicate case_id"):
        parse_cases([record(), record()])


def test_invalid_json_names_line(tmp_path):
    path = tmp_path / "cases.json"
    path.write_text('[{"case_id": "X",\n  oops}]', encoding="utf-8")
    with pytest.raises(DataValidationError, match="line 2.*invalid JSON"):
        load_cases(path)


def test_shipped_library_is_valid_and_varied():
    cases = load_cases()
    assert len(cases) >= 40
    assert {c.region for c in cases} == set(regions())
    assert len({c.municipality for c in cases if c.region == "Rivierenland"}) >= 7
    assert {c.age_group for c in cases} == {"jeugd", "volwassene", "oudere"}
    assert all(c.neighbourhood == "Ruwaard" for c in cases if c.region == "Oss")


def test_shipped_library_roundtrips(tmp_path):
    cases = load_cases()
    path = tmp_path / "copy.json"
    path.write_text(json.dumps([c.model_dump() for c in cases], ensure_ascii=False), encoding="utf-8")
    assert load_cases(path) == cases


def test_frames():
    cases = load_cases()
    frame = cases_frame(cases)
    assert len(frame) == len(cases)
    assert {f"need_{d}" for d in DOMAINS} <= set(frame.columns)
    support = support_frame(cases)
    first = support.iloc[0]
    assert first["cost_eur"] == pytest.approx(first["units_per_week"] * first["weeks"] * first["tariff_eur"])
    assert frame["current_support_eur"].sum() == pytest.approx(support["cost_eur"].sum())


def test_get_case_unknown_lists_ids():
    with pytest.raises(UnknownNameError, match="Unknown case 'ZZZ-99'"):
        get_case("ZZZ-99")
