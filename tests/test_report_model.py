"""Report figures follow the place: spend scales with the municipality, the lump-sum effect with its need."""

from __future__ import annotations

import pytest

from zorglab.domain.funding import make_model
from zorglab.domain.generator import generate_caseload
from zorglab.services.reports import RegionalReport, check_params

N = 400  # small samples: totals do not depend on the sample size, only their precision does

# Expected clients worked out by hand in tests/test_sizing.py (CBS figures read from the shipped files).
TIEL_CLIENTS = 42_277 * 0.1906 * 0.229 + 42_277 * 0.073 * 0.6  # 1,845.29 + 1,851.73 = 3,697.02
OSS_CLIENTS = 93_307 * 0.18552 * 0.175 + 93_307 * 0.086 * 0.6  # 3,029.31 + 4,814.64 = 7,843.95


def report(**kw) -> RegionalReport:
    return RegionalReport(n_cases=N, seed=7, **kw)


def test_spend_scales_with_the_place():
    oss, lindendaal = report(region="Oss"), report(region="Lindendaal")
    assert oss.key_figures["clients"] == pytest.approx(OSS_CLIENTS, rel=1e-6)
    # Oss has 93,307 inhabitants, Lindendaal 22,500 (4.1x); Oss also has more Wmo clients per inhabitant
    # (86 per 1,000 against about 71 nationally), so its P x Q spend is 3.5-7 times Lindendaal's.
    ratio = oss.key_figures["spend_baseline_eur"] / lindendaal.key_figures["spend_baseline_eur"]
    assert 3.5 < ratio < 7.0
    # Per inhabitant the two are of the same order (EUR hundreds), not a constant total.
    per_inh = [r.key_figures["spend_per_inhabitant_baseline_eur"] for r in (oss, lindendaal)]
    assert min(per_inh) > 300 and max(per_inh) < 2000


def test_lump_sum_effect_differs_between_regions():
    # Tiel's youth-care share (22.9 %) is far above the national 13.2 %, Lindendaal (fictional) is at the
    # national rate: a budget set on the national rate per inhabitant is far below Tiel's P x Q spend and
    # close to Lindendaal's.
    tiel = report(region="Tiel", funding_model="lumpsum").key_figures
    lind = report(region="Lindendaal", funding_model="lumpsum").key_figures
    d_tiel = tiel["spend_difference_eur"] / tiel["spend_baseline_eur"]
    d_lind = lind["spend_difference_eur"] / lind["spend_baseline_eur"]
    assert d_tiel < d_lind - 0.10
    assert tiel["margin_pct_model"] < 0 < lind["margin_pct_model"]  # the provider in Tiel is squeezed


def test_lump_sum_on_last_years_spend_pays_what_p_x_q_paid():
    cl = generate_caseload("Oss", 600, seed=2)
    pxq = make_model("pxq").evaluate(cl)
    lump = make_model("lumpsum", budget_basis="history", budget_factor=1.0).evaluate(cl)
    assert lump.total_spend == pytest.approx(pxq.total_spend, rel=1e-9)
    # Same money, less work (nothing extra earned per hour): the provider's margin rises.
    assert lump.provider_margin > pxq.provider_margin


def test_a_municipality_is_reported_on_its_own_numbers():
    params = check_params(region="tiel", n_cases=N)
    assert params.region == "Tiel"
    own = RegionalReport(params).key_figures
    assert own["population"] == 42_277 and own["clients"] == pytest.approx(TIEL_CLIENTS, rel=1e-6)
    inside = report(region="Rivierenland", municipality="Tiel")
    k = inside.key_figures
    assert k["population"] == 42_277 and k["municipalities"] == 1
    assert k["clients"] == pytest.approx(TIEL_CLIENTS, rel=1e-6)
    assert k["region_population"] > 200_000  # the region is shown alongside, not used for the money
    marked = inside.profile.frame.set_index("municipality")["this_report"]
    assert marked["Tiel"] == "▶ ja" and marked.drop("Tiel").eq("").all()


def test_scenario_shares_the_reports_client_set():
    r = report(region="Oss", scenario="algemene_voorziening", funding_model="output")
    assert r.scenario_result.baseline_spend == pytest.approx(r.baseline.total_spend, rel=1e-12)
    assert r.conclusions()[-1].startswith("In het scenario:")


def test_reports_say_where_cbs_has_no_figure():
    old = report(region="Rivierenland", year=2016)
    assert "2016" in old.sizing_table.note and "2022" in old.sizing_table.note
    notes = old.profile.frame.set_index("municipality")["note"]
    assert "landelijk cijfer" in notes["Geldermalsen"]
    assert notes["Tiel"] == ""


def test_methods_section_lists_assumptions_and_a_seed_range():
    r = report(region="Oss", funding_model="lumpsum")
    html = r.section_html("methods")
    assert "Aannames en bronnen" in html and "Kerncijfers wijken en buurten 2021" in html
    spread = r.seed_range.frame
    assert (spread["lowest"] <= spread["this_report"]).all() and (spread["this_report"] <= spread["highest"]).all()
    assert (spread["lowest"] < spread["highest"]).any()  # several samples really differ


def test_report_on_a_supplied_caseload_says_so(tmp_path):
    from pathlib import Path

    example = Path(__file__).resolve().parents[1] / "data" / "examples" / "caseload_extract_example.csv"
    r = RegionalReport(check_params(region="Rivierenland", year=2023, caseload_file=str(example)))
    k = r.key_figures
    assert k["data_source"] == "supplied"
    assert k["clients"] == len(r.caseload)  # each supplied row is one real client, no scaling
    head = r.header_html()
    assert "aangeleverde caseload" in head and "synthetisch" not in head.split("zl-notice")[1]
    assert "buiten Rivierenland" not in head  # the example's municipalities belong to the region
    other = RegionalReport(check_params(region="Oss", year=2023, caseload_file=str(example)))
    assert "buiten Oss" in other.header_html()


def test_missing_input_file_is_refused_before_anything_runs(tmp_path):
    from zorglab.core.errors import ParameterRangeError

    with pytest.raises(ParameterRangeError, match="existing CSV file"):
        check_params(region="Oss", caseload_file=str(tmp_path / "nope.csv"))


def test_a_newer_cbs_export_replaces_the_youth_care_share(tmp_path):
    # An open-data export as an analyst saves it with pandas: index column, RegioS codes with trailing
    # spaces, periods 2023JJ00, '.' for a suppressed cell, a text column.
    path = tmp_path / "jeugdzorg_2023.csv"
    path.write_text(",ID,RegioS,Perioden,Gemeentenaam_1,JongerenMetJeugdhulpInNatura_1\n"
                    "0,0,GM0281    ,2023JJ00,Tiel,30.0\n"
                    "1,1,GM0828    ,2023JJ00,Oss,.\n", encoding="utf-8")
    try:
        r = RegionalReport(check_params(region="Tiel", n_cases=N, cbs_file=str(path)))
        jw = r.sizing.set_index("law").loc["Jeugdwet", "clients"]
        # 42,277 inhabitants x youth share 0.1906 x 30.0 % = 2,417.36 (instead of 22.9 %: 1,845.29)
        assert jw == pytest.approx(42_277 * 0.1906 * 0.30, rel=1e-6)
        assert r.key_figures["clients"] == pytest.approx(42_277 * 0.1906 * 0.30 + 42_277 * 0.073 * 0.6, rel=1e-6)
    finally:
        plain = RegionalReport(check_params(region="Tiel", n_cases=N))
        # The next report without the file is back on the shipped 2022* figure.
        assert plain.sizing.set_index("law").loc["Jeugdwet", "clients"] == pytest.approx(42_277 * 0.1906 * 0.229,
                                                                                          rel=1e-6)


def test_cli_plans_any_municipality_and_all_345(tmp_path):
    from zorglab.services.reports.cli import parser, preflight

    args = parser().parse_args(["Tiel", "GM0281", "tiel", "--out", str(tmp_path / "out")])
    jobs, _ = preflight(args)
    assert [j.stem for j in jobs] == ["Tiel_lumpsum_basis"]  # one municipality named three ways runs once
    args = parser().parse_args(["--all-municipalities", "--out", str(tmp_path / "out")])
    jobs, _ = preflight(args)
    assert len(jobs) == 345  # every municipality of the CBS population file (1 January 2022)
    stems = [j.stem for j in jobs]
    assert len(set(stems)) == 345 and all(s.replace("_", "").replace("-", "").isalnum() for s in stems)


def test_cli_reports_on_an_own_region_and_refuses_a_missing_caseload(tmp_path, capsys):
    from zorglab.domain.regions import clear_registered_regions
    from zorglab.services.reports.cli import main, parser, preflight

    regions = tmp_path / "regio.csv"
    regions.write_text("region,municipality,cbs_code,population,population_year,population_source\n"
                       "Rivierduo,Tiel,GM0281,42277,2022,CBS\nRivierduo,Culemborg,GM0216,29397,2022,CBS\n",
                       encoding="utf-8")
    try:
        args = parser().parse_args(["Rivierduo", "--regions-file", str(regions), "--per-municipality",
                                    "--out", str(tmp_path / "out")])
        jobs, _ = preflight(args)
        assert [j.municipality for j in jobs] == ["Tiel", "Culemborg"]
        assert all(j.regions_file == str(regions.resolve()) for j in jobs)  # the kernel registers it too
    finally:
        clear_registered_regions()
    code = main(["Oss", "--caseload", str(tmp_path / "missing.csv"), "--out", str(tmp_path / "o2")])
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error:") and "caseload_file" in err[0]


def test_explorer_lessons_and_reports_agree_for_the_same_settings():
    from zorglab.domain.scenario import Scenario

    # Same region, year, sample size and seed: the report (section 2), the explorer's baseline and a lesson's
    # own caseload (generate_caseload + make_model, as lesson 1 does) give the same P x Q spend.
    rep = report(region="Oss", funding_model="lumpsum")
    explorer = Scenario(region="Oss", n_clients=N, seed=7, funding_model="lumpsum").evaluate()
    lesson = make_model("pxq").evaluate(generate_caseload("Oss", N, seed=7))
    assert rep.baseline.total_spend == pytest.approx(explorer.baseline_spend, rel=1e-12)
    assert lesson.total_spend == pytest.approx(rep.baseline.total_spend, rel=1e-12)
    assert rep.chosen.total_spend == pytest.approx(explorer.municipal_spend, rel=1e-12)
