from __future__ import annotations

import math

import pandas as pd
import pytest

from zorglab.cbs import (
    indicator_name,
    national_youth_care_share,
    normalise_cbsodata,
    read_statline_csv,
    youth_care_indicators,
    youth_care_share,
)
from zorglab.errors import DataValidationError

HEADER = ('\ufeff"Regio\'s";"Perioden";"Jongeren met jeugdhulp in natura (% (zie toelichting))";'
          '"Jongeren met jeugdreclassering (% (zie toelichting))"\n')


def test_shipped_statline_export_is_read_exactly():
    table = youth_care_indicators()
    assert table.loc["Tiel", "jeugdhulp_pct"] == pytest.approx(22.9)
    assert national_youth_care_share() == pytest.approx(13.2)
    assert table.loc["Aa en Hunze", "year"] == 2022 and bool(table.loc["Aa en Hunze", "provisional"])
    assert math.isnan(table.loc["Aa en Hunze", "jeugdreclassering_pct"])  # empty cell = suppressed
    assert len(table) == 356


def test_missing_municipality_is_nan():
    assert math.isnan(youth_care_share("Lindendaal"))
    assert math.isnan(youth_care_share("Geldermalsen"))  # merged into West Betuwe in 2019


def test_statline_csv_decimal_comma_and_bom(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(HEADER + '"Tiel";"2022*";22,9;0,3\n"Buren";"2021";14;\n', encoding="utf-8")
    df = read_statline_csv(path)
    assert df["region"].tolist() == ["Tiel", "Buren"]
    assert df["jeugdhulp_pct"].tolist() == [22.9, 14.0]
    assert df["provisional"].tolist() == [True, False]
    assert df["year"].tolist() == [2022, 2021]
    assert math.isnan(df.loc[1, "jeugdreclassering_pct"])


def test_statline_csv_bad_cell_names_file_row_column(tmp_path):
    path = tmp_path / "broken.csv"
    path.write_text(HEADER + '"Tiel";"2022*";22,9;0,3\n"Buren";"2022*";veel;0,1\n', encoding="utf-8")
    with pytest.raises(DataValidationError) as err:
        read_statline_csv(path)
    message = str(err.value)
    assert "broken.csv" in message and "row 3" in message and "Jongeren met jeugdhulp in natura" in message
    assert "'veel'" in message


def test_statline_csv_bad_period(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text(HEADER + '"Tiel";"twintig";22,9;0,3\n', encoding="utf-8")
    with pytest.raises(DataValidationError, match="row 2.*Perioden.*unrecognised CBS period"):
        read_statline_csv(path)


def test_statline_csv_missing_columns(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text('"Naam";"Waarde"\n"Tiel";1\n', encoding="utf-8")
    with pytest.raises(DataValidationError, match="Regio's.*required StatLine column missing"):
        read_statline_csv(path)


def test_cbsodata_records_are_normalised():
    records = [
        {"ID": 0, "RegioS": "NL01  ", "Perioden": "2022JJ00", "JongerenMetJeugdhulpInNatura_1": 13.2,
         "JongerenMetJeugdreclassering_5": 0.3},
        {"ID": 1, "RegioS": "GM0281", "Perioden": "2022JJ00", "JongerenMetJeugdhulpInNatura_1": 22.9,
         "JongerenMetJeugdreclassering_5": "."},
    ]
    df = normalise_cbsodata(records, region_names={"GM0281": "Tiel"})
    assert df["region"].tolist() == ["Nederland", "Tiel"]
    assert df["region_code"].tolist() == ["NL01", "GM0281"]
    assert df["year"].tolist() == [2022, 2022]
    assert df["jeugdhulp_pct"].tolist() == [13.2, 22.9]
    assert math.isnan(df.loc[1, "jeugdreclassering_pct"])


def test_cbsodata_dataframe_with_padding_and_bad_fields():
    df = pd.DataFrame({"RegioS": ["GM0214    "], "Perioden": ["2021JJ00"], "Waarde": [" 12.5 "]})
    out = normalise_cbsodata(df)
    assert out.loc[0, "region_code"] == "GM0214" and out.loc[0, "waarde"] == 12.5
    with pytest.raises(ValueError, match="RegioS"):
        normalise_cbsodata([{"Perioden": "2022JJ00"}])
    with pytest.raises(ValueError, match="no records"):
        normalise_cbsodata([])


def test_csv_and_odata_names_agree():
    assert indicator_name("Jongeren met jeugdh. met verbl. in nat. (% (zie toelichting))") == \
        indicator_name("JongerenMetJeugdhMetVerblInNat_2") == "jeugdhulp_verblijf_pct"
