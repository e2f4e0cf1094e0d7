"""Region reports worded from the catalogue: hand-computed tables and conclusions in both languages, and no
word of the other language in a report, the index page, the README or the comparison.

Expected values are worked out by hand in the comments; the report is given hand-made figures (its cached
results or key figures replaced), so the tests check the wording and arithmetic of the report itself.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import pandas as pd
import pytest

from zorglab.core.i18n import LANGUAGES, has
from zorglab.services.reports import SECTIONS, RegionalReport, check_params
from zorglab.services.reports import runner as runner_module
from zorglab.services.reports.compare import observations, side_by_side
from zorglab.services.reports.export import write_readme
from zorglab.services.reports.index_page import write_index
from zorglab.services.reports.runner import ReportResult, plan, run_reports
from zorglab.services.reports.sections import conclusions as conclusions_section
from zorglab.services.reports.tables import COLUMN_NAMESPACE

# Words that must not appear in an English page (Dutch) and in a Dutch page (English). Official Dutch terms
# (Wmo, Jeugdwet, maatwerk, algemene voorziening, MDO, ...) are allowed in English and not listed.
DUTCH = ["uur", "maand", "activiteit", "Overig", "laag", "hoog", "verhoogd", "MISLUKT", "Mislukt", "Bron", "inwoners",
         "Nederland", "ja", "cliënten", "jeugdhulp", "Uitgaven", "tabellen", "Kerncijfers", "investeerder",
         "incasseerder", "gemeenten", "wet", "Gemeente", "Regio", "Marge", "Risico", "Toelichting", "het", "een", "van"]
ENGLISH = ["the", "and", "Source", "Spend", "Municipality", "Reports", "FAILED", "Failed", "low", "high", "elevated",
           "yes", "tables", "Key figures", "investor", "beneficiary", "Netherlands", "inhabitants", "Margin", "Risk"]


def _text(page: str) -> str:
    """What a reader sees: tags, scripts, styles and file names (ids like ``x__uitgaven.csv``) left out."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<[^>]+>", " ", page)
    return re.sub(r"\S+__\S+|\S+\.(html|xlsx|csv|json)\b", " ", page)


def _foreign(text: str, words: list[str]) -> list[str]:
    return [w for w in words if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]


@pytest.fixture(scope="module", params=LANGUAGES)
def report(request) -> RegionalReport:
    # Oss: real CBS figures (youth-care sentence), worked cases (effects), a scenario (its table and note)
    return RegionalReport(region="Oss", n_cases=120, seed=4, funding_model="lumpsum", scenario="preventie",
                          language=request.param)


def test_every_report_page_is_in_one_language(report):
    page = report.header_html() + "".join(report.section_html(name) for name in SECTIONS)
    other = DUTCH if report.language == "en" else ENGLISH
    assert _foreign(_text(page), other) == []


def test_every_column_of_every_table_has_a_header_in_the_catalogue(report):
    for name, table in report.tables().items():
        if table.plain_headers:
            assert list(table.frame.columns) == ["indicator", "value"]  # machine-readable in both languages
            continue
        missing = [c for c in table.frame.columns if not has(f"{COLUMN_NAMESPACE}.{c}")]
        assert missing == [], (name, missing)


def test_readme_index_and_comparison_are_in_the_reports_language(report, tmp_path):
    lang, other = report.language, (DUTCH if report.language == "en" else ENGLISH)
    tables = report.tables()
    readme = write_readme(tables, {n: f"x__{n}.csv" for n in tables}, tmp_path / "README.txt", "zorglab", lang)
    ok = ReportResult(report.params, True, 1.0, {"html": "a.html", "csv:uitgaven": "a__uitgaven.csv"},
                      dict(report.key_figures))
    bad = ReportResult(check_params(region="Westkust", language=lang), False, 0.5, {}, error="RuntimeError")
    index = write_index([ok, bad], tmp_path, lang).read_text(encoding="utf-8")
    summary = pd.DataFrame([report.key_figures])
    compare = side_by_side(summary, lang).to_string() + " ".join(observations(summary, lang))
    for text in (readme.read_text(encoding="utf-8-sig"), _text(index), compare):
        assert _foreign(_text(text), other) == []
    # the index words the risk code the report recorded (RiskLevel: low / medium / high)
    risk = {"low": ("laag", "low"), "medium": ("verhoogd", "elevated"), "high": ("hoog", "high")}
    word = risk[report.key_figures["continuity_risk_model"]][lang == "en"]
    assert f"<td>{word}</td>" in index


@pytest.mark.parametrize("language", LANGUAGES)
def test_progress_bar_says_failed_in_the_runs_language(tmp_path, monkeypatch, capsys, language):
    def fails(params, out_dir, **_):
        return ReportResult(params, False, 0.1, {}, error="RuntimeError: kapot")

    monkeypatch.setattr(runner_module, "run_report", fails)
    run_reports(plan(["Westkust"], n_cases=60), tmp_path, progress=True, language=language)
    err = capsys.readouterr().err
    assert ("Westkust_lumpsum_basis FAILED; failed: 1" if language == "en"
            else "Westkust_lumpsum_basis MISLUKT; mislukt: 1") in err


# ---- hand-computed figures ----------------------------------------------------------------------------
def _result(total: float, wmo: float, clients: float) -> SimpleNamespace:
    return SimpleNamespace(total_spend=total, spend_by_law={"Wmo": wmo, "Jeugdwet": total - wmo}, clients_exact=clients)


@pytest.mark.parametrize("language", LANGUAGES)
def test_spend_table_by_hand(language):
    # Lindendaal has 22,500 inhabitants. P x Q: EUR 1,000,000 (Wmo 600,000) for 500 clients;
    # lump sum: EUR 900,000 (Wmo 540,000) for 450 clients.
    r = RegionalReport(region="Lindendaal", n_cases=60, funding_model="lumpsum", language=language)
    r.__dict__["results"] = {"pxq": _result(1_000_000, 600_000, 500), "lumpsum": _result(900_000, 540_000, 450)}
    spend = r.spend.frame.set_index("funding_model")
    pxq, lump = spend.iloc[0], spend.iloc[1]  # rows: the baseline first, then the models
    assert pxq["per_inhabitant_eur"] == pytest.approx(44.444444)  # 1,000,000 / 22,500
    assert lump["per_inhabitant_eur"] == pytest.approx(40.0)  # 900,000 / 22,500
    assert lump["per_client_eur"] == pytest.approx(2000.0)  # 900,000 / 450
    assert lump["youth_act_eur"] == pytest.approx(360_000)  # 900,000 - 540,000
    assert lump["against_pxq_eur"] == pytest.approx(-100_000) and lump["against_pxq_share"] == pytest.approx(-0.10)
    assert pxq["against_pxq_eur"] == 0 and pxq["against_pxq_share"] == 0
    html = r.spend.to_html()
    assert "€ 44,44" in html and "€ -100.000" in html and "-10,0%" in html
    assert ("Per inhabitant (EUR)" if language == "en" else "Per inwoner (EUR)") in html


FIGURES = {  # one report's key figures, made up so every sentence can be written out by hand
    "spend_baseline_eur": 1_000_000.0, "spend_model_eur": 900_000.0, "spend_difference_eur": -100_000.0,
    "margin_pct_model": -0.08, "margin_pct_baseline": 0.04, "continuity_risk_model": "high",
    "spend_difference_pct_low": -0.12, "spend_difference_pct_high": -0.08,
    "kappa_old": 0.412, "kappa_harmonised": 0.587, "effect_cases": 0,
    "youth_care_pct_region": 22.9, "youth_care_pct_national": 13.2,
}
CONCLUSIONS = {
    "nl": [
        "Onder Taakgericht (lumpsum / populatiebudget) geeft de gemeente € 900.000 per jaar uit (P x Q: € 1.000.000).",
        "<the explorer's explanation>",
        "Aanbieders houden een marge van -8,0% over (P x Q: 4,0%); het risico voor de continuïteit van zorg is hoog.",
        "Over 5 synthetische steekproeven ligt het verschil met P x Q tussen -12,0% en -8,0%.",
        "De productindikking verhoogt de overeenstemming tussen gebiedsteams: kappa 0,412 → 0,587.",
        "Het aandeel jongeren met jeugdhulp in Lindendaal (22,9%) ligt boven het landelijke 13,2% (Bron: CBS).",
    ],
    "en": [
        "Under Task-based (lump sum / population budget) the municipality spends € 900.000 per year "
        "(P x Q: € 1.000.000).",
        "<the explorer's explanation>",
        "Providers keep a margin of -8,0% (P x Q: 4,0%); the continuity-of-care risk is high.",
        "Over 5 synthetic samples the difference with P x Q lies between -12,0% and -8,0%.",
        "The harmonised catalogue raises agreement between area teams: kappa 0,412 → 0,587.",
        "The share of young people with youth care in Lindendaal (22,9%) is above the national 13,2% (Source: CBS).",
    ],
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_conclusions_by_hand(language, monkeypatch):
    r = RegionalReport(region="Lindendaal", n_cases=60, funding_model="lumpsum", language=language)
    r.__dict__["key_figures"] = FIGURES
    monkeypatch.setattr(conclusions_section, "model_sentences", lambda report: ["<the explorer's explanation>"])
    assert r.conclusions() == CONCLUSIONS[language]


def test_conclusions_explain_the_model_as_the_explorer_does():
    """The model's explanation in the conclusions is the explorer's (zorglab.services.narrative), on the same
    clients: the same sentences as the explorer shows for these settings."""
    from zorglab.domain.scenario import Scenario
    from zorglab.services.narrative import explain_sentences

    r = RegionalReport(region="Oss", n_cases=300, seed=5, funding_model="result")
    explorer = Scenario(region="Oss", n_clients=300, seed=5, funding_model="result")
    said = explain_sentences(explorer.evaluate(), explorer, "nl")
    assert r.conclusions()[1:1 + len(said)] == said
