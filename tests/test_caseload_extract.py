"""Reading an analyst's own anonymised caseload extract: schema, privacy refusal and conversion.

Expected numbers are worked out by hand from data/products.csv (typical_units_per_year, tariff, ...).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zorglab.core.errors import DataValidationError, ParameterRangeError
from zorglab.core.paths import data_dir
from zorglab.domain.caseload_extract import EXTRACT_SCHEMA_DOC, read_caseload_extract
from zorglab.domain.extract_privacy import elfproef, mask
from zorglab.domain.funding import MODELS
from zorglab.domain.generator import CASELOAD_COLUMNS, validate_caseload

HEADER = "client_key;law;product_code;units;period;area_team;municipality;outcome"
# Yearly periods, ';' and decimal comma as Dutch Excel writes them.
VALID_SEMICOLON = "\n".join([
    HEADER,
    "A-001;Wmo;WMO_BEG_IND;70;2023;Team Oost;Tiel;",
    "A-001;wmo;WMO_BEG_IND;50;2023;Team Oost;Tiel;",
    "B-002;Jeugdwet;JW_GGZ;25,5;2023;;GM0281;7",
    "B-002;Jeugdwet;JW_GGZ;14,5;2023;;GM0281;",
    "C-003;Wmo;WMO_HH1;200;2023;Team West;Culemborg;",
    "D-004;Jeugd;JW_AMB_BASIS;30,0;2023;;;",
]) + "\n"
COLUMNS = CASELOAD_COLUMNS + ["weight", "area_team"]


def write(tmp_path: Path, text: str, name: str = "extract.csv", bom: bool = False) -> Path:
    path = tmp_path / name
    path.write_text(("\ufeff" if bom else "") + text, encoding="utf-8")
    return path


def problems_of(path: Path, **kwargs) -> list[tuple[object, str, str]]:
    with pytest.raises(DataValidationError) as info:
        read_caseload_extract(path, **kwargs)
    return info.value.problems


def where(problems) -> set[tuple[object, str]]:
    return {(row, column) for row, column, _ in problems}


def row(frame: pd.DataFrame, case_id: str) -> pd.Series:
    match = frame[frame["case_id"] == case_id]
    assert len(match) == 1
    return match.iloc[0]


# --- a valid extract --------------------------------------------------------------------------------------

def test_valid_extract_exact_values(tmp_path):
    cl = read_caseload_extract(write(tmp_path, VALID_SEMICOLON), region="Rivierenland")
    assert list(cl.columns) == COLUMNS
    assert len(cl) == 4  # one row per client and product
    assert cl["law_code"].dtype == np.int8 and cl["intensity"].dtype == np.int8
    for col in ("severity", "needed_units", "tariff_eur", "staff_hours_per_unit", "wellbeing_before", "weight"):
        assert cl[col].dtype == np.float64, col

    a = row(cl, "A-001")
    # WMO_BEG_IND: typical 150/yr, tariff 62.5, 1.0 staff h, intensity 2. Units 70 + 50 = 120.
    # severity = (120/150 - 0.6) / 0.8 = (0.8 - 0.6) / 0.8 = 0.25; wellbeing = rint(7 - 4*0.25) = 6.
    assert a["needed_units"] == pytest.approx(120.0)
    assert a["severity"] == pytest.approx(0.25)
    assert a["wellbeing_before"] == 6.0
    assert (a["law"], a["law_code"], a["intensity"]) == ("Wmo", 0, 2)
    assert (a["tariff_eur"], a["staff_hours_per_unit"]) == (62.5, 1.0)
    assert (a["municipality"], a["area_team"], a["region"], a["weight"]) == ("Tiel", "Team Oost", "Rivierenland", 1.0)

    b = row(cl, "B-002")
    # JW_GGZ: typical 40/yr, tariff 110, intensity 3. Units 25.5 + 14.5 = 40 -> (40/40 - 0.6)/0.8 = 0.5.
    # The outcome 7 is given, so wellbeing_before = 7 (the rule would give rint(7 - 2) = 5).
    assert b["needed_units"] == pytest.approx(40.0)
    assert b["severity"] == pytest.approx(0.5)
    assert b["wellbeing_before"] == 7.0
    assert (b["law"], b["law_code"], b["intensity"], b["tariff_eur"]) == ("Jeugdwet", 1, 3, 110.0)
    assert b["municipality"] == "Tiel"  # GM0281 is Tiel in data/regions.csv
    assert b["area_team"] == ""

    c = row(cl, "C-003")
    # WMO_HH1: typical 100. 200/100 = 2.0 -> (2.0 - 0.6)/0.8 = 1.75 -> clipped to 1; wellbeing rint(7-4) = 3.
    assert (c["needed_units"], c["severity"], c["wellbeing_before"]) == (200.0, 1.0, 3.0)

    d = row(cl, "D-004")
    # JW_AMB_BASIS: typical 60. 30/60 = 0.5 -> (0.5 - 0.6)/0.8 < 0 -> 0; wellbeing rint(7) = 7. "Jeugd" = Jeugdwet.
    assert (d["needed_units"], d["severity"], d["wellbeing_before"], d["law"]) == (30.0, 0.0, 7.0, "Jeugdwet")
    assert d["municipality"] == "Rivierenland"  # no municipality: the region name


def test_comma_separated_with_decimal_point_and_bom_reads_the_same(tmp_path):
    semicolon = read_caseload_extract(write(tmp_path, VALID_SEMICOLON, "a.csv"), region="Rivierenland")
    comma_text = VALID_SEMICOLON.replace(",", ".").replace(";", ",")
    comma = read_caseload_extract(write(tmp_path, comma_text, "b.csv", bom=True), region="Rivierenland")
    pd.testing.assert_frame_equal(semicolon, comma)
    # A quoted decimal comma in a ','-separated file is fine too.
    quoted = comma_text.replace("25.5", '"25,5"')
    assert read_caseload_extract(write(tmp_path, quoted, "c.csv"))["needed_units"].sum() == pytest.approx(390.0)


def test_crlf_excel_trailing_empty_column_and_blank_lines(tmp_path):
    text = "\r\n".join(line + ";" for line in VALID_SEMICOLON.splitlines()) + "\r\n;;;;;;;;\r\n\r\n"
    cl = read_caseload_extract(write(tmp_path, text, bom=True))
    assert len(cl) == 4 and list(cl.columns) == COLUMNS


def test_optional_columns_may_be_left_out(tmp_path):
    text = "client_key,law,product_code,units,period\nX1,Wmo,WMO_HH1,100,2022\n"
    cl = read_caseload_extract(write(tmp_path, text), region="Oss")
    # WMO_HH1 typical 100: (1.0 - 0.6)/0.8 = 0.5; wellbeing rint(7 - 2) = 5.
    r = cl.iloc[0]
    assert (r["municipality"], r["area_team"], r["severity"], r["wellbeing_before"]) == ("Oss", "", 0.5, 5.0)


def test_monthly_periods_are_annualised_over_the_months_in_the_extract(tmp_path):
    text = "\n".join([
        HEADER,
        "E-1;Wmo;WMO_BEG_IND;10;2023-01;Team A;Tiel;",
        "E-1;Wmo;WMO_BEG_IND;10;2023-02;;Tiel;6",
        "E-1;Wmo;WMO_BEG_IND;10;2023-03;Team B;Tiel;8",
        "F-2;Jeugdwet;JW_AMB_BASIS;5;2023-02;;;",
        "G-3;Jeugdwet;JW_PLEEGZORG;31;2023-01;;;",
        "G-3;Jeugdwet;JW_PLEEGZORG;28;2023-02;;;",
        "G-3;Jeugdwet;JW_PLEEGZORG;31;2023-03;;;",
    ]) + "\n"
    cl = read_caseload_extract(write(tmp_path, text))
    assert cl.attrs["months_present"] == 3
    e = row(cl, "E-1")
    # 3 months present (Jan-Mar): 10+10+10 = 30 x 12/3 = 120; severity (120/150 - 0.6)/0.8 = 0.25.
    # Earliest outcome (Feb: 6) is wellbeing_before; latest area team is Team B.
    assert e["needed_units"] == pytest.approx(120.0) and e["severity"] == pytest.approx(0.25)
    assert (e["wellbeing_before"], e["area_team"]) == (6.0, "Team B")
    # F-2 only has February, but the extract has three months: 5 x 12/3 = 20 (not 5 x 12).
    assert row(cl, "F-2")["needed_units"] == pytest.approx(20.0)
    # Foster care: 31 + 28 + 31 = 90 etmaal x 4 = 360 (under the cap of 365).
    assert row(cl, "G-3")["needed_units"] == pytest.approx(360.0)


def test_annualising_never_exceeds_a_year_of_stay(tmp_path):
    text = "\n".join([
        "client_key;law;product_code;units;period",
        "H-1;Wmo;WMO_BESCHERMD_WONEN;31;2024-01",
        "H-2;Jeugdwet;JW_JEUGDBESCHERMING;1;2024-01",
        "H-3;Wmo;WMO_HH1;4;2024-01",
    ]) + "\n"
    cl = read_caseload_extract(write(tmp_path, text))
    # One month present: 31 x 12 = 372 etmaal -> capped at 365; 1 maand x 12 = 12; 4 uur x 12 = 48 (no cap).
    assert row(cl, "H-1")["needed_units"] == 365.0
    assert row(cl, "H-2")["needed_units"] == 12.0
    assert row(cl, "H-3")["needed_units"] == 48.0


def test_full_year_of_months_is_not_annualised(tmp_path):
    lines = ["client_key;law;product_code;units;period"]
    lines += [f"M-{m};Wmo;WMO_HH1;10;2023-{m:02d}" for m in range(1, 13)]
    lines += ["M-1;Wmo;WMO_HH1;10;2023-02"]
    cl = read_caseload_extract(write(tmp_path, "\n".join(lines) + "\n"))
    # 12 months present: no annualisation. M-1 has January and February: 10 + 10 = 20.
    assert row(cl, "M-1")["needed_units"] == 20.0 and row(cl, "M-7")["needed_units"] == 10.0


def test_year_selection(tmp_path):
    text = HEADER + "\nY-1;Wmo;WMO_HH1;100;2022;;;\nY-1;Wmo;WMO_HH1;60;2023;;;\nY-2;Wmo;WMO_HH1;80;2023;;;\n"
    path = write(tmp_path, text)
    assert read_caseload_extract(path, year=2022)["needed_units"].tolist() == [100.0]
    assert sorted(read_caseload_extract(path, year=2023)["case_id"]) == ["Y-1", "Y-2"]
    [(_, column, reason)] = problems_of(path)
    assert column == "period" and "2022, 2023" in reason and "year=" in reason
    [(_, column, reason)] = problems_of(path, year=2021)
    assert column == "period" and "2021" in reason and "2022, 2023" in reason
    with pytest.raises(ParameterRangeError):
        read_caseload_extract(path, year="2023")


def test_the_caseload_can_be_evaluated_by_every_funding_model(tmp_path):
    cl = read_caseload_extract(write(tmp_path, VALID_SEMICOLON), region="Rivierenland")
    validate_caseload(cl)
    for key, model in MODELS.items():
        result = model().evaluate(cl)
        assert result.clients == 4, key
        assert np.isfinite(result.total_spend), key


def test_shipped_example_reads_cleanly():
    cl = read_caseload_extract(data_dir() / "examples" / "caseload_extract_example.csv", region="Rivierenland")
    assert list(cl.columns) == COLUMNS
    assert len(cl) == 7 and cl.attrs["months_present"] == 6 and cl.attrs["extract_rows"] == 42
    p4 = row(cl, "PSN-004")
    # JW_AMB_BASIS, Jan-Jun: 4.6 + 4.4 + 5.0 + 4.1 + 4.3 + 4.8 = 27.2 x 12/6 = 54.4;
    # severity (54.4/60 - 0.6)/0.8 = 0.38333; no outcome -> rint(7 - 1.5333) = 5.
    assert p4["needed_units"] == pytest.approx(54.4)
    assert p4["severity"] == pytest.approx(0.383333, abs=1e-6)
    assert p4["wellbeing_before"] == 5.0
    p6 = row(cl, "PSN-006")
    # Foster care 6 x 30 = 180 x 2 = 360 etmaal; municipality GM0214 = Buren; outcome 5 in January.
    assert (p6["needed_units"], p6["municipality"], p6["wellbeing_before"]) == (360.0, "Buren", 5.0)


def test_schema_doc_is_the_one_in_the_data_readme():
    readme = (data_dir() / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Bring your own caseload", 1)[1]
    assert EXTRACT_SCHEMA_DOC in section


# --- schema errors ----------------------------------------------------------------------------------------

def test_every_problem_names_its_line_and_column(tmp_path):
    text = "\n".join([
        HEADER,
        "K-1;Wmo;WMO_XYZ;10;2023;;;",        # line 2: unknown product
        "K-2;Wlz;WMO_HH1;10;2023;;;",        # line 3: law
        "K-3;Wmo;WMO_HH1;abc;2023;;;",       # line 4: units not a number
        "K-4;Wmo;WMO_HH1;10;23-01;;;",       # line 5: period format
        "K-5;Jeugdwet;WMO_HH1;10;2023;;;",   # line 6: product law differs from law
        "K-6;Wmo;WMO_HH1;0;2023;;;",         # line 7: units not > 0
        "",                                  # line 8: blank, skipped but counted
        "K 7;Wmo;WMO_HH1;10;2023;;;",        # line 9: space in client_key
        "K-8;Wmo;WMO_HH1;10;2023-13;;;",     # line 10: month 13
        "K-9;Wmo;WMO_HH1;10;2023;;;11",      # line 11: outcome out of range
        ";Wmo;WMO_HH1;1.234,5;2023;;;",      # line 12: empty client_key, thousands separator
    ]) + "\n"
    problems = problems_of(write(tmp_path, text))
    assert where(problems) == {
        (2, "product_code"), (3, "law"), (4, "units"), (5, "period"), (6, "law"), (7, "units"),
        (9, "client_key"), (10, "period"), (11, "outcome"), (12, "client_key"), (12, "units"),
    }
    reasons = {(r, c): reason for r, c, reason in problems}
    assert reasons[(2, "product_code")].startswith("unknown product code 'WMO_XYZ'; valid: WMO_BEG_IND")
    assert "JW_" not in reasons[(2, "product_code")]  # only the Wmo codes for a Wmo row
    assert "law must be Wmo or Jeugdwet" in reasons[(3, "law")]
    assert reasons[(4, "units")].startswith("units must be a number > 0") and "'abc'" in reasons[(4, "units")]
    assert "period must be YYYY or YYYY-MM" in reasons[(5, "period")]
    assert "WMO_HH1 is a Wmo product but law is Jeugdwet" in reasons[(6, "law")]
    assert "' '" in reasons[(9, "client_key")]
    assert "empty" in reasons[(12, "client_key")]
    message = str(DataValidationError("extract.csv", problems))
    assert "row 2, column 'product_code'" in message


def test_header_problems(tmp_path):
    text = "client_key;law;product_code;period;notes;;outcome\nK-1;Wmo;WMO_HH1;2023;x;y;5\n"
    problems = problems_of(write(tmp_path, text))
    reasons = {(r, c): reason for r, c, reason in problems}
    assert set(reasons) == {("header", "units"), ("header", "notes"), ("header", "(column 6)")}
    assert "required column missing" in reasons[("header", "units")]
    assert "unexpected column" in reasons[("header", "notes")]
    assert "no name" in reasons[("header", "(column 6)")]


def test_duplicate_column_and_too_many_fields(tmp_path):
    text = "client_key,law,product_code,units,period,Law\nK-1,Wmo,WMO_HH1,12,5,2023,Wmo\n"
    problems = problems_of(write(tmp_path, text))
    reasons = {(r, c): reason for r, c, reason in problems}
    assert "appears twice" in reasons[("header", "Law")]
    # "12,5" unquoted in a ','-file: one field too many on line 2.
    assert "quote" in reasons[(2, "-")] and "7 fields but the header has 6" in reasons[(2, "-")]


def test_same_column_name_twice(tmp_path):
    text = "client_key;law;product_code;units;period;law\nK-1;Wmo;WMO_HH1;12;2023;Wmo\n"
    [(row_, column, reason)] = problems_of(write(tmp_path, text))
    assert (row_, column) == ("header", "law (column 6)") and "appears twice" in reason


def test_mixing_whole_year_and_months_in_one_year_is_refused(tmp_path):
    text = HEADER + "\nK-1;Wmo;WMO_HH1;100;2023;;;\nK-2;Wmo;WMO_HH1;10;2023-04;;;\n"
    [(line, column, reason)] = problems_of(write(tmp_path, text))
    assert (line, column) == (3, "period") and "one kind of period" in reason


def test_unreadable_files(tmp_path):
    assert problems_of(write(tmp_path, "")) [0][2].startswith("the file is empty")
    assert problems_of(write(tmp_path, HEADER + "\n"))[0][2] == "no data rows below the header"
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes((HEADER + "\nK-1;Wmo;WMO_HH1;10;2023;Wijk Zuid;Tiel;\nK-2;Wmo;WMO_HH1;10;2023;Café;Tiel;\n")
                       .encode("latin-1"))
    [(line, _, reason)] = problems_of(latin1)
    assert line == 3 and "UTF-8" in reason
    assert problems_of(tmp_path / "missing.csv")[0][2] == "file not found"


# --- privacy ----------------------------------------------------------------------------------------------

def test_elfproef_by_hand():
    # 9*1 + 8*1 + 7*1 + 6*2 + 5*2 + 4*2 + 3*3 + 2*3 - 1*3 = 66 = 6 x 11 -> passes.
    assert elfproef("111222333")
    # 9*1 + 8*2 + 7*3 + 6*4 + 5*5 + 4*6 + 3*7 + 2*8 - 1*9 = 147; 147 % 11 = 4 -> fails.
    assert not elfproef("123456789")
    # Same but last digit 2: 156 - 2 = 154 = 14 x 11 -> passes, also written with dots.
    assert elfproef("123456782") and elfproef("123.456.782")
    assert not elfproef("000000000")  # all zeros is not a BSN
    assert not elfproef("11122233")  # eight digits
    assert mask("111222333") == "*******33"


@pytest.mark.parametrize("cell", ["111222333", "123.456.782", "123 456 782", "Team 123-456-782 Oost"])
def test_bsn_in_any_cell_is_refused_and_masked(tmp_path, cell):
    text = HEADER + f"\nK-1;Wmo;WMO_HH1;10;2023;{cell};Tiel;\n"
    [(line, column, reason)] = problems_of(write(tmp_path, text))
    assert (line, column) == (2, "area_team") and "looks like a BSN" in reason and "remove" in reason
    digits = "".join(ch for ch in cell if ch.isdigit())
    assert digits not in reason and cell not in reason
    assert reason.count("*") >= 7 and digits[-2:] in reason


def test_bsn_as_client_key_is_refused_but_a_non_bsn_number_is_not(tmp_path):
    text = HEADER + "\n111222333;Wmo;WMO_HH1;10;2023;;;\n123456789;Wmo;WMO_HH1;10;2023;;;\n"
    problems = problems_of(write(tmp_path, text))
    assert where(problems) == {(2, "client_key")}
    assert "111222333" not in str(DataValidationError("x.csv", problems))
    # A longer number containing nine BSN-like digits (1.111.222.333) is not a BSN.
    ok = HEADER + "\n123456789;Wmo;WMO_HH1;10;2023;Team 1.111.222.333;;\n"
    assert read_caseload_extract(write(tmp_path, ok, "ok.csv"))["case_id"].tolist() == ["123456789"]


def test_bsn_in_a_number_column_is_refused_without_echoing_it(tmp_path):
    text = HEADER + "\nK-1;Wmo;WMO_HH1;111222333;2023;;;\n"
    [(line, column, reason)] = problems_of(write(tmp_path, text))
    assert (line, column) == (2, "units") and "BSN" in reason and "111222333" not in reason


@pytest.mark.parametrize("column", ["naam", "Achternaam", "geboortedatum", "date_of_birth", "DOB", "adres",
                                    "Postcode", "BSN", "telefoonnummer", "phone", "E-mail", "client_name"])
def test_personal_data_columns_are_refused_by_name(tmp_path, column):
    text = f"client_key;law;product_code;units;period;{column}\nK-1;Wmo;WMO_HH1;10;2023;Jansen\n"
    problems = problems_of(write(tmp_path, text))
    [(row_, col, reason)] = problems
    assert (row_, col) == ("header", column) and "personal data" in reason and "remove this column" in reason
    assert "Jansen" not in str(DataValidationError("x.csv", problems))


def test_municipality_name_column_is_unexpected_not_personal(tmp_path):
    text = "client_key;law;product_code;units;period;gemeentenaam\nK-1;Wmo;WMO_HH1;10;2023;Tiel\n"
    [(_, col, reason)] = problems_of(write(tmp_path, text))
    assert col == "gemeentenaam" and "unexpected column" in reason


@pytest.mark.parametrize("cell", ["geb. 03-04-1987", "03/04/1987", "3.4.1987", "1987-04-03"])
def test_date_of_birth_is_refused(tmp_path, cell):
    text = HEADER + f"\nK-1;Wmo;WMO_HH1;10;2023;{cell};;\n"
    [(line, column, reason)] = problems_of(write(tmp_path, text))
    assert (line, column) == (2, "area_team") and "date of birth" in reason and "remove" in reason
    assert "1987" not in reason


def test_dates_that_cannot_be_a_birth_date_are_not_refused(tmp_path):
    # Year before 1900, month 13, and the period column (which is checked as a period instead).
    text = HEADER + "\nK-1;Wmo;WMO_HH1;10;2023;01-01-1899;;\nK-2;Wmo;WMO_HH1;10;2023;01-13-1990;;\n"
    assert len(read_caseload_extract(write(tmp_path, text))) == 2
    text = HEADER + "\nK-1;Wmo;WMO_HH1;10;01-01-2023;;;\n"
    [(line, column, reason)] = problems_of(write(tmp_path, text, "p.csv"))
    assert (line, column) == (2, "period") and "period must be YYYY or YYYY-MM" in reason


def test_date_of_birth_as_client_key_is_refused(tmp_path):
    text = HEADER + "\n1987-04-03;Wmo;WMO_HH1;10;2023;;;\n"
    [(line, column, reason)] = problems_of(write(tmp_path, text))
    assert (line, column) == (2, "client_key") and "date of birth" in reason


@pytest.mark.parametrize(("key", "what"), [("jan.jansen@example.nl", "e-mail"), ("Jan Jansen", "name"),
                                          ("Anna de Vries", "name")])
def test_client_key_with_email_or_name_is_refused_masked(tmp_path, key, what):
    text = HEADER + f"\n{key};Wmo;WMO_HH1;10;2023;;;\n"
    problems = problems_of(write(tmp_path, text))
    assert (2, "client_key") in where(problems)
    message = str(DataValidationError("x.csv", problems))
    assert what in message and key not in message
    assert "Jansen" not in message and "Vries" not in message


def test_area_team_names_are_not_mistaken_for_person_names(tmp_path):
    text = HEADER + "\nK-1;Wmo;WMO_HH1;10;2023;West Betuwe;West Maas en Waal;\n"
    assert read_caseload_extract(write(tmp_path, text))["area_team"].tolist() == ["West Betuwe"]


# --- property: the elfproef decides a BSN refusal in free text ---------------------------------------------

def _passes_by_hand(number: str) -> bool:
    total = sum(int(d) * w for d, w in zip(number, [9, 8, 7, 6, 5, 4, 3, 2, -1], strict=True))
    return total % 11 == 0 and number != "000000000"


def _read_with_area_team(cell: str) -> list[tuple[object, str, str]]:
    """Problems (empty when the file reads) of a valid one-row extract with ``cell`` as area_team."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "extract.csv"
        path.write_text(HEADER + f"\nK-1;Wmo;WMO_HH1;10;2023;{cell};;\n", encoding="utf-8")
        try:
            read_caseload_extract(path)
        except DataValidationError as err:
            return err.problems
        return []


FORMATS = st.sampled_from(["{}", "{0}{1}{2}.{3}{4}{5}.{6}{7}{8}", "{0}{1}{2} {3}{4}{5} {6}{7}{8}",
                           "{0}{1}{2}{3}-{4}{5}-{6}{7}{8}"])
PROPERTY = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _cell(number: str, fmt: str, prefix: str) -> str:
    grouped = number if fmt == "{}" else fmt.format(*number)
    return f"{prefix} {grouped} notitie".strip()


@PROPERTY
@given(first8=st.lists(st.integers(0, 9), min_size=8, max_size=8), fmt=FORMATS,
       prefix=st.sampled_from(["", "Team", "wijk Noord:"]))
def test_any_number_passing_the_elfproef_is_refused(first8, fmt, prefix):
    # Choose the ninth digit so that the sum is divisible by 11 (possible when it comes out 0-9).
    last = sum(d * w for d, w in zip(first8, [9, 8, 7, 6, 5, 4, 3, 2], strict=True)) % 11
    number = "".join(map(str, first8)) + str(last)
    if last > 9 or set(number) == {"0"}:
        return
    assert _passes_by_hand(number)
    problems = _read_with_area_team(_cell(number, fmt, prefix))
    assert [(r, c) for r, c, reason in problems if "BSN" in reason] == [(2, "area_team")]
    assert number not in str(problems)


@PROPERTY
@given(value=st.integers(0, 999_999_999), fmt=FORMATS, prefix=st.sampled_from(["", "Team", "wijk Noord:"]))
def test_a_nine_digit_number_is_refused_as_bsn_exactly_when_it_passes(value, fmt, prefix):
    number = f"{value:09d}"
    problems = _read_with_area_team(_cell(number, fmt, prefix))
    if _passes_by_hand(number):
        assert [(r, c) for r, c, reason in problems if "BSN" in reason] == [(2, "area_team")]
    else:
        assert problems == []
