"""Region reports without a kernel: parameter checks, report numbers against the library, exports."""

from __future__ import annotations

import math
import re

import openpyxl
import pandas as pd
import pytest

from zorglab import generate_caseload, make_model
from zorglab.core.errors import ParameterRangeError, UnknownNameError, UnknownRegionError
from zorglab.core.formatting import format_eur
from zorglab.domain.cbs import youth_care_indicators
from zorglab.domain.funding import MODELS
from zorglab.services.reports import RegionalReport, check_params
from zorglab.services.reports.cli import main
from zorglab.services.reports.compare import compute_summary, observations, side_by_side
from zorglab.services.reports.export import dutch_number, json_safe, write_exports
from zorglab.services.reports.index_page import read_summary, write_index, write_summary
from zorglab.services.reports.params import SCENARIOS
from zorglab.services.reports.runner import ReportResult, plan
from zorglab.services.reports.sections import SECTIONS
from zorglab.services.reports.tables import Table
from zorglab.services.reports.words import model_label

N = 200


@pytest.fixture(scope="module")
def report() -> RegionalReport:
    return RegionalReport(region="Rivierenland", n_cases=N, seed=3, funding_model="output")


# ---- bad input ------------------------------------------------------------------------------------------
def test_unknown_region_lists_valid_regions():
    with pytest.raises(UnknownRegionError) as err:
        check_params(region="Atlantis")
    assert "Lindendaal, Oss, Rivierenland, Westkust" in str(err.value)


@pytest.mark.parametrize(("name", "value", "allowed"), [
    ("n_cases", 10, "50-500.000"), ("n_cases", "300", "50-500.000"), ("n_cases", True, "50-500.000"),
    ("year", 2031, "2015-2025"), ("year", 2020.5, "2015-2025"), ("seed", -1, "0-"), ("language", "de", "nl or en"),
])
def test_out_of_range_parameter_names_itself_and_the_allowed_range(name, value, allowed):
    with pytest.raises(ParameterRangeError) as err:
        check_params(**{name: value})
    assert err.value.name == name
    assert allowed in str(err.value)


def test_unknown_model_scenario_and_municipality_list_valid_values():
    with pytest.raises(UnknownNameError, match="lumpsum, output, pxq, result"):
        check_params(funding_model="fixed")
    with pytest.raises(UnknownNameError, match="algemene_voorziening, basis, preventie"):
        check_params(scenario="utopia")
    # Geldermalsen merged into West Betuwe in 2019: valid in 2016, not in 2022.
    assert check_params(municipality="Geldermalsen", year=2016).municipality == "Geldermalsen"
    with pytest.raises(UnknownNameError, match="West Betuwe"):
        check_params(municipality="Geldermalsen", year=2022)


def test_cli_rejects_unknown_region_before_any_work(tmp_path, capsys):
    out = tmp_path / "never"
    assert main(["Oss", "Atlantis", "--out", str(out), "--no-progress"]) == 2
    assert "Valid regions: Lindendaal, Oss, Rivierenland, Westkust" in capsys.readouterr().err
    assert not out.exists()  # nothing started, nothing written


def test_cli_rejects_out_of_range_values_before_any_work(tmp_path, capsys):
    assert main(["--all", "--n-cases", "5", "--out", str(tmp_path / "x"), "--no-progress"]) == 2
    assert "'n_cases'" in capsys.readouterr().err
    assert main(["Oss", "--models", "nope", "--out", str(tmp_path / "x"), "--no-progress"]) == 2
    assert main(["--out", str(tmp_path / "x"), "--no-progress"]) == 2  # no region at all
    assert not (tmp_path / "x").exists()


def test_plan_builds_the_grid_with_unique_file_names():
    jobs = plan(["Oss", "Westkust"], models=["all"], scenarios=["all"], n_cases=100)
    assert len(jobs) == 2 * len(MODELS) * len(SCENARIOS)
    assert len({j.stem for j in jobs}) == len(jobs)
    per_muni = plan(["Rivierenland"], per_municipality=True, year=2016)
    assert len(per_muni) == 10  # Rivierenland had 10 municipalities in 2016
    assert {j.municipality for j in per_muni} >= {"Geldermalsen", "Lingewaal", "Neerijnen"}
    assert [j.region for j in plan(["oss", "Oss"])] == ["Oss"]  # case-insensitive, once


# ---- numbers against the library --------------------------------------------------------------------------
def test_spend_table_shows_each_funding_model_on_the_reports_clients(report):
    """The wiring: row by row the model's own evaluation of the same clients (the arithmetic of the table is
    checked by hand in tests/test_report_language.py)."""
    caseload = generate_caseload("Rivierenland", N, seed=3)
    frame = report.spend.frame.assign(key=list(report.results)).set_index("key")
    assert list(frame.index) == ["pxq", "output", "result", "lumpsum"]  # the baseline first
    for key in MODELS:
        expected = make_model(key).evaluate(caseload)
        assert frame.loc[key, "total_eur"] == pytest.approx(expected.total_spend)
        assert frame.loc[key, "wmo_eur"] == pytest.approx(expected.spend_by_law["Wmo"])
        assert frame.loc[key, "youth_act_eur"] == pytest.approx(expected.spend_by_law["Jeugdwet"])
        # per inhabitant: Rivierenland had 250,968 inhabitants on 1 January 2022 (CBS, sum of its 8 municipalities)
        assert frame.loc[key, "per_inhabitant_eur"] == pytest.approx(expected.total_spend / 250_968)
    assert report.key_figures["spend_model_eur"] == pytest.approx(frame.loc["output", "total_eur"])


def test_profile_shows_real_cbs_figures_with_source(report):
    frame = report.profile.frame.set_index("municipality")
    cbs = youth_care_indicators()
    assert frame.loc["Tiel", "youth_care_pct"] == pytest.approx(22.9) == pytest.approx(cbs.loc["Tiel", "jeugdhulp_pct"])
    assert frame.loc["Tiel", "against_national_pp"] == pytest.approx(22.9 - 13.2)
    assert "Bron: CBS" in report.profile.note
    assert "22,9%" in report.profile.to_html()


def test_conclusions_follow_the_sign_of_the_numbers():
    for key in MODELS:
        r = RegionalReport(region="Oss", n_cases=150, seed=1, funding_model=key)
        text = " ".join(r.conclusions())
        diff = r.key_figures["spend_difference_eur"]
        if key == "pxq":
            assert "evenveel uit als onder de oude P x Q-aanpak" in text
        else:
            assert (" minder uit dan" in text) == (diff < 0), (key, diff, text)
            assert format_eur(abs(diff), 0) in text
        assert "Bron: CBS" in text  # Oss has real CBS figures


def test_english_report_and_empty_states():
    r = RegionalReport(region="Westkust", n_cases=100, language="en")
    html = r.section_html("profile")
    assert "CBS has no figures for these (fictional) municipalities" in html  # empty state, not an empty plot
    assert "Municipal spend" in r.spend.title
    assert r.section_html("scenario").count("basis") == 1


def test_scenario_section_uses_the_scenario_model():
    from zorglab.domain.scenario import Scenario

    r = RegionalReport(region="Oss", n_cases=300, seed=5, scenario="preventie", funding_model="pxq")
    expected = Scenario(region="Oss", n_clients=300, seed=5, funding_model="pxq",
                        prevention_per_client=250.0).evaluate()
    assert r.key_figures["scenario_spend_eur"] == pytest.approx(expected.municipal_spend)
    lines = r.scenario.frame.set_index("line")
    assert lines.loc["Totaal gemeente", "scenario_eur"] == pytest.approx(expected.municipal_spend)


def test_municipality_report_uses_only_that_municipality():
    r = RegionalReport(region="Rivierenland", municipality="Tiel", n_cases=120, seed=2)
    assert len(r.caseload) == 120
    assert set(r.caseload["municipality"]) == {"Tiel"}
    assert r.key_figures["youth_care_pct_region"] == pytest.approx(22.9)


def test_sections_registry_orders_the_report_and_its_tables(report):
    assert list(SECTIONS) == ["profile", "spend", "providers", "agreement", "effects", "wellbeing", "scenario",
                              "methods", "conclusions"]
    # scenario 'basis' has no scenario table; the methods section holds three
    assert list(report.tables()) == ["regioprofiel", "uitgaven", "aanbieders", "consistentie", "effecten",
                                     "welbevinden", "caseload", "onzekerheid", "aannames", "kerncijfers"]
    assert report.section_html("spend").startswith("<h2>2. Uitgaven per wet onder elk bekostigingsmodel</h2>")
    for name, table in report.tables().items():
        ids = [c for c in table.frame.columns if not re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", c)]
        assert not ids, (name, ids)  # stable snake_case ids, never a translated header
    with pytest.raises(ValueError, match="sections: profile, spend"):
        report.section_html("samenvatting")


# ---- formatting and exports -------------------------------------------------------------------------------
def test_table_formats_numbers_for_dutch_readers():
    t = Table("t", "T", pd.DataFrame({"a": ["x", "y"], "eur": [1234.6, math.nan], "share": [0.1234, -0.05]}),
              {"eur": "eur", "share": "share"})
    f = t.formatted()
    assert list(f["eur"]) == ["€ 1.235", "–"]  # 1234,6 rounds to 1.235 (0 decimals)
    assert list(f["share"]) == ["12,3%", "-5,0%"]
    assert t.frame["eur"].iloc[0] == 1234.6  # the data itself stays numeric


def test_dutch_number_and_json_safe():
    assert dutch_number(1234.5) == "1234,50"
    assert dutch_number(-0.12345, 4) == "-0,1235"
    assert dutch_number(7) == "7"
    assert dutch_number(float("nan")) == ""
    assert json_safe({"a": float("nan"), "b": 1.5}) == {"a": None, "b": 1.5}


def test_exports_keep_numbers_numeric_and_credit_cbs(report, tmp_path):
    paths = write_exports(report, tmp_path)
    output = model_label("output")  # the report's model, by its row label
    total = float(report.spend.frame.set_index("funding_model").loc[output, "total_eur"])
    wb = openpyxl.load_workbook(paths["xlsx"])
    assert {"toelichting", "regioprofiel", "uitgaven", "aanbieders", "consistentie", "effecten", "welbevinden",
            "kerncijfers"} <= set(wb.sheetnames)
    sheet = wb["uitgaven"]
    headers = [c.value for c in sheet[1]]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    cell = rows[output][headers.index(report.spend.header("total_eur"))]  # by header and row label, not position
    assert isinstance(cell.value, int | float) and cell.value == pytest.approx(total)  # a number, not text
    assert "€" in cell.number_format
    assert any("Bron: CBS" in str(c.value) for c in wb["toelichting"]["A"])
    assert "Bron: CBS" in paths["readme"].read_text(encoding="utf-8")
    spend = pd.read_csv(paths["csv:uitgaven"], sep=";", decimal=",", encoding="utf-8-sig").set_index("Bekostigingsmodel")
    assert spend.loc[output, "Totaal (EUR)"] == pytest.approx(total)  # read back as a number
    raw = paths["csv:uitgaven"].read_text(encoding="utf-8-sig").splitlines()[2].split(";")[3]
    assert "," in raw or raw.isdigit()  # decimal comma, no thousands dots in a data cell
    assert "." not in raw


# ---- index, summary, compare ------------------------------------------------------------------------------
def test_index_lists_figures_and_failures(report, tmp_path):
    ok = ReportResult(report.params, True, 1.0, {"html": "a.html", "csv": "a.csv"}, json_safe(report.key_figures))
    bad = ReportResult(check_params(region="Oss"), False, 0.5, {}, error="ValueError: kapot")
    index = write_index([ok, bad], tmp_path).read_text(encoding="utf-8")
    assert format_eur(report.key_figures["spend_model_eur"], 0) in index
    assert 'href="a.html"' in index
    assert "Mislukt (1)" in index and "ValueError: kapot" in index
    summary = read_summary(write_summary([ok, bad], tmp_path))
    assert list(summary["status"]) == ["ok", "failed"]
    assert summary.loc[0, "spend_model_eur"] == pytest.approx(report.key_figures["spend_model_eur"])


def test_compare_side_by_side_by_hand():
    # two made-up reports: Oss spends EUR 9,000 per client with a 5% margin, Tiel EUR 7,500 with -2%
    summary = pd.DataFrame({"region": ["Oss", "Tiel"], "municipality": ["", ""], "funding_model": ["lumpsum"] * 2,
                            "scenario": ["basis"] * 2, "spend_per_client_model_eur": [9000.0, 7500.0],
                            "margin_pct_model": [0.05, -0.02], "continuity_risk_model": ["low", "medium"]})
    raw = side_by_side(summary, formatted=False)
    assert raw.loc["spend_per_client_model_eur", "Tiel · lumpsum · basis"] == 7500.0
    text = side_by_side(summary)
    assert list(text.index) == ["spend_per_client_model_eur", "margin_pct_model", "continuity_risk_model"]
    assert text.loc["spend_per_client_model_eur", "indicator"] == "Uitgaven per cliënt"
    assert text.loc["margin_pct_model", "Tiel · lumpsum · basis"] == "-2,0%"
    assert text.loc["continuity_risk_model", "Tiel · lumpsum · basis"] == "verhoogd"  # the code, worded
    english = side_by_side(summary, "en")
    assert english.loc["spend_per_client_model_eur", "indicator"] == "Spend per client"
    assert english.loc["continuity_risk_model", "Oss · lumpsum · basis"] == "low"
    assert observations(summary) == [
        "Uitgaven per cliënt: hoogst bij Oss · lumpsum · basis (€ 9.000), laagst bij Tiel · lumpsum · basis (€ 7.500).",
        "Marge aanbieders: hoogst bij Oss · lumpsum · basis (5,0%), laagst bij Tiel · lumpsum · basis (-2,0%).",
    ]  # kappa and youth care are not in this summary: no sentence about them


def test_compare_computes_key_figures_without_a_runner():
    summary = compute_summary(["Oss", "Rivierenland"], n_cases=100, seed=4)
    assert list(summary["region"]) == ["Oss", "Rivierenland"]
    # Oss: 93,307 inhabitants (CBS, 1 January 2022); youth care 17.5% (CBS 2022*)
    oss = summary.set_index("region").loc["Oss"]
    assert oss["population"] == 93_307 and oss["youth_care_pct_region"] == pytest.approx(17.5)
