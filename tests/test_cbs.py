from __future__ import annotations

import csv
import math

import pandas as pd
import pytest

from zorglab.core.errors import DataValidationError, UnknownNameError
from zorglab.core.paths import data_dir
from zorglab.domain.cbs import (
    municipality_code,
    municipality_figures,
    municipality_table,
    national_figures,
    national_youth_care_share,
    youth_care_indicators,
    youth_care_share,
    youth_care_share_by_code,
)
from zorglab.domain.cbs_files import indicator_name, normalise_cbsodata, read_cbs_file, read_statline_csv

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


# ---- real CBS figures per municipality, joined by GM code ---------------------------------------------------
# Expected values below are read by hand from the shipped files in data/cbs/ (file and line in comments):
#   bevolking = bevolking_gemeenten_2022.csv, kern = kerncijfers_gemeenten_2021.csv,
#   jeugd = indicatoren_jeugdzorg_gemeenten_2022.csv.


def _rows(name: str) -> list[list[str]]:
    with (data_dir() / "cbs" / name).open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh, delimiter=";"))


def test_table_has_one_row_per_2022_municipality_with_exact_columns():
    table = municipality_table()
    assert table.index.name == "cbs_code"
    assert list(table.columns) == ["name", "population", "youth_share", "elderly_share", "wmo_per_1000",
                                   "jeugdhulp_pct", "key_figures_note"]
    assert len(table) == 345 and table.index.is_unique  # 345 data lines in bevolking
    assert table.index.str.fullmatch(r"GM\d{4}").all()
    assert str(table["population"].dtype) == "int64"
    for col in ("youth_share", "elderly_share", "wmo_per_1000", "jeugdhulp_pct"):
        assert table[col].dtype == float
    assert int(table["population"].sum()) == 17_590_672  # data/README: sum of 1 January 2022
    # every code has age shares after filling the merged municipalities from their predecessors
    assert table["youth_share"].notna().all() and table["elderly_share"].notna().all()
    assert table["youth_share"].between(0, 1).all() and table["elderly_share"].between(0, 1).all()


def test_tiel_and_oss_by_hand():
    tiel = municipality_table().loc["GM0281"]
    assert tiel["name"] == "Tiel" and tiel["population"] == 42277  # bevolking line 276
    assert tiel["youth_share"] == pytest.approx((15.31 + 0.3 * 12.5) / 100)  # kern line 283: 15,31; 12,5
    assert tiel["elderly_share"] == pytest.approx(0.1855)  # kern line 283: 18,55
    assert tiel["wmo_per_1000"] == pytest.approx(73.0)  # kern line 283: 73,0
    assert tiel["jeugdhulp_pct"] == pytest.approx(22.9)  # jeugd line 286
    assert tiel["key_figures_note"] == ""
    oss = municipality_figures("GM0828")
    assert oss["population"] == 93307  # bevolking line 221
    assert oss["youth_share"] == pytest.approx((14.97 + 0.3 * 11.94) / 100)  # kern line 228
    assert oss["elderly_share"] == pytest.approx(0.2021) and oss["wmo_per_1000"] == pytest.approx(86.0)
    assert oss["jeugdhulp_pct"] == pytest.approx(17.5)  # jeugd line 230


def test_names_that_differ_between_files_are_joined_by_code():
    table = municipality_table()
    # Utrecht: bevolking "Utrecht Municipality" (line 285), kern "Utrecht" (293), jeugd "Utrecht (gemeente)" (296)
    assert table.loc["GM0344", "name"] == "Utrecht"
    assert table.loc["GM0344", "population"] == 361699
    assert table.loc["GM0344", "wmo_per_1000"] == pytest.approx(56.0)
    assert table.loc["GM0344", "jeugdhulp_pct"] == pytest.approx(15.2)
    # Hengelo: bevolking "Hengelo (O.)" (131), kern "Hengelo" (137), jeugd "Hengelo (O.)" (136)
    assert table.loc["GM0164", "name"] == "Hengelo (O.)"
    assert table.loc["GM0164", "elderly_share"] == pytest.approx(0.204)
    assert table.loc["GM0164", "jeugdhulp_pct"] == pytest.approx(14.2)
    # The Hague: bevolking "The Hague", kern "'s-Gravenhage" (line 2), jeugd "'s-Gravenhage (gemeente)" (111)
    assert table.loc["GM0518", "name"] == "'s-Gravenhage" and table.loc["GM0518", "jeugdhulp_pct"] == 14.1
    # 's-Hertogenbosch: bevolking "s-Hertogenbosch" (346), jeugd line 137: 12,8
    assert table.loc["GM0796", "name"] == "'s-Hertogenbosch" and table.loc["GM0796", "jeugdhulp_pct"] == 12.8
    assert table.loc["GM0014", "name"] == "Groningen" and table.loc["GM0014", "jeugdhulp_pct"] == 15.3  # jeugd 112
    # two Bergens: the suffix decides (jeugd lines 33, 34)
    assert table.loc["GM0893", "jeugdhulp_pct"] == 14.0 and table.loc["GM0373", "jeugdhulp_pct"] == 12.7


def test_merged_2022_municipalities_use_their_predecessors():
    table = municipality_table()
    # Maashorst (GM1991) <- Uden (kern 289: 42291; 15,28; 11,53; 21,69; 65,0) and Landerd (kern 163: 15817;
    # 15,2; 11,99; 22,55; 51,0)
    maashorst = table.loc["GM1991"]
    weights = (42291, 15817)
    assert maashorst["youth_share"] == pytest.approx(
        ((15.28 + 0.3 * 11.53) * 42291 + (15.2 + 0.3 * 11.99) * 15817) / sum(weights) / 100)
    assert maashorst["elderly_share"] == pytest.approx((21.69 * 42291 + 22.55 * 15817) / sum(weights) / 100)
    assert maashorst["wmo_per_1000"] == pytest.approx((65 * 42291 + 51 * 15817) / sum(weights))
    assert maashorst["jeugdhulp_pct"] == pytest.approx(12.1)  # jeugd line 185
    assert maashorst["key_figures_note"] == "2021 figures of predecessors Uden, Landerd (population-weighted)"
    # Dijk en Waard (GM1980) <- Heerhugowaard (kern 129: 58387; 41,0) and Langedijk (kern 166: 28335; 43,0)
    assert table.loc["GM1980", "wmo_per_1000"] == pytest.approx((41 * 58387 + 43 * 28335) / (58387 + 28335))
    assert "Heerhugowaard, Langedijk" in table.loc["GM1980", "key_figures_note"]
    # Purmerend kept GM0439 but absorbed Beemster (kern 237: 81683; 90,0 and kern 30: 10110; 60,0)
    assert table.loc["GM0439", "wmo_per_1000"] == pytest.approx((90 * 81683 + 60 * 10110) / (81683 + 10110))
    assert "Purmerend, Beemster" in table.loc["GM0439", "key_figures_note"]
    # Land van Cuijk: Boxmeer (kern 50) and Sint Anthonis (kern 261) publish no Wmo figure -> none for the whole
    lvc = table.loc["GM1982"]
    assert math.isnan(lvc["wmo_per_1000"]) and "Boxmeer, Cuijk, Grave, Mill en Sint Hubert, Sint Anthonis" in \
        lvc["key_figures_note"] and "Wmo not published for Boxmeer, Sint Anthonis" in lvc["key_figures_note"]
    assert lvc["elderly_share"] == pytest.approx(
        (23.58 * 29609 + 21.67 * 25404 + 22.99 * 12486 + 22.25 * 11004 + 22.21 * 11691)
        / (29609 + 25404 + 12486 + 11004 + 11691) / 100)
    others = table.drop(index=["GM1991", "GM1980", "GM0439", "GM1982"])
    assert (others["key_figures_note"] == "").all()


def test_which_municipalities_have_no_wmo_figure():
    # empty Wmo cell in kern for these current municipalities, plus Land van Cuijk (see above)
    expected = {"GM0358", "GM0362", "GM0226", "GM0114", "GM0160", "GM0252", "GM0353", "GM1884", "GM1699",
                "GM0175", "GM0431", "GM0339", "GM1742", "GM0285", "GM0293", "GM0880", "GM1982"}
    table = municipality_table()
    assert set(table.index[table["wmo_per_1000"].isna()]) == expected
    assert table["jeugdhulp_pct"].notna().all()  # every 2022 municipality has a 2022* youth-care figure


def test_every_youth_care_row_maps_to_exactly_one_code():
    from zorglab.domain.cbs import _codes_for_name

    population_codes = {r[0] for r in _rows("bevolking_gemeenten_2022.csv")[1:]}
    key_figure_codes = {r[0] for r in _rows("kerncijfers_gemeenten_2021.csv")[1:]}
    names = [r[0] for r in _rows("indicatoren_jeugdzorg_gemeenten_2022.csv")[1:]]
    assert len(names) == 356 and names[0] == "Nederland"
    for name in names[1:]:
        codes = _codes_for_name(name, current_only=False)
        assert len(codes) == 1, (name, codes)
        assert codes <= population_codes | key_figure_codes
    table = youth_care_indicators()
    assert table["region_code"].notna().all() and table["region_code"].is_unique
    assert table.loc["Nederland", "region_code"] == "NL01"
    assert table.loc["Utrecht (gemeente)", "region_code"] == "GM0344"
    assert table.loc["Hengelo (O.)", "region_code"] == "GM0164"
    assert table.loc["Tiel", "region_code"] == "GM0281" and table.loc["Oss", "region_code"] == "GM0828"
    assert table.loc["Uden", "region_code"] == "GM0856"  # merged on 1-1-2022; its 2022* row is empty
    # all 345 municipalities of 2022 appear exactly once
    assert population_codes <= set(table["region_code"])


def test_youth_care_share_by_code_and_name_variants():
    assert youth_care_share_by_code("GM0281") == pytest.approx(22.9)  # jeugd line 286
    assert youth_care_share_by_code(" gm0828 ") == pytest.approx(17.5)  # jeugd line 230
    assert youth_care_share_by_code("NL01") == pytest.approx(13.2)
    assert math.isnan(youth_care_share_by_code("GM9999"))
    assert math.isnan(youth_care_share_by_code("GM0856"))  # Uden: row present, all cells empty
    for name in ("Utrecht", "utrecht (gemeente)", "GM0344", " Utrecht (gemeente) "):
        assert youth_care_share(name) == pytest.approx(15.2)
    assert youth_care_share("Hengelo") == youth_care_share("Hengelo (O.)") == pytest.approx(14.2)
    assert youth_care_share("Bergen (NH.)") == pytest.approx(12.7)
    with pytest.raises(UnknownNameError, match=r"Bergen \(L\.\), Bergen \(NH\.\)"):
        youth_care_share("Bergen")


def test_municipality_code_normalises_names():
    assert municipality_code("Tiel") == "GM0281"
    assert municipality_code("Hengelo") == municipality_code("Hengelo (O.)") == "GM0164"
    assert municipality_code("  UTRECHT  ") == municipality_code("Utrecht (gemeente)") == "GM0344"
    assert municipality_code("The Hague") == municipality_code("'s-Gravenhage") == "GM0518"
    assert municipality_code("s-Hertogenbosch") == municipality_code("'s-Hertogenbosch") == "GM0796"
    assert municipality_code("Bergen (L.)") == "GM0893" and municipality_code("Bergen (NH.)") == "GM0373"
    assert municipality_code("Rijswijk") == "GM0603" and municipality_code("Middelburg (Z.)") == "GM0687"
    with pytest.raises(UnknownNameError, match="Bergen"):
        municipality_code("Bergen")
    with pytest.raises(UnknownNameError, match="Hengelo"):  # a suffix that is not Hengelo's own
        municipality_code("Hengelo (Gld.)")
    with pytest.raises(UnknownNameError, match=r"merged into Maashorst \(GM1991\)") as err:
        municipality_code("Uden")
    assert "Tiel" in err.value.valid
    with pytest.raises(UnknownNameError, match="Valid values"):
        municipality_code("Lindendaal")


def test_municipality_figures_by_code():
    fig = municipality_figures(" gm0281 ")
    assert fig["cbs_code"] == "GM0281" and fig["name"] == "Tiel" and fig["population"] == 42277
    assert isinstance(fig["population"], int) and isinstance(fig["youth_share"], float)
    with pytest.raises(UnknownNameError, match="CBS municipality code 'GM9999'") as err:
        municipality_figures("GM9999")
    assert "GM0281" in err.value.valid and len(err.value.valid) == 345
    with pytest.raises(UnknownNameError):
        municipality_figures("GM0856")  # Uden no longer exists on 1 January 2022


def test_national_figures():
    nat = national_figures()
    assert nat["population"] == 17_590_672  # data/README
    assert nat["jeugdhulp_pct"] == pytest.approx(13.2)  # jeugd line 2, "Nederland"
    # an independent plain-Python weighted mean over the unmerged municipalities only must be close
    population = {r[0]: int(r[2]) for r in _rows("bevolking_gemeenten_2022.csv")[1:]}
    key = {r[0]: r for r in _rows("kerncijfers_gemeenten_2021.csv")[1:]}
    common = [c for c in population if c in key]
    elderly = sum(float(key[c][5].replace(",", ".")) * population[c] for c in common) / \
        sum(population[c] for c in common) / 100
    assert nat["elderly_share"] == pytest.approx(elderly, abs=0.001)
    assert 0.15 < nat["youth_share"] < 0.25
    assert 40 < nat["wmo_per_1000"] < 120


# ---- open-data exports saved with pandas --------------------------------------------------------------------

# What `cbsodata.get_data("85039NED")` (keys kept) gives after `df.to_csv(path)`: a leading unnamed index
# column, region codes padded with spaces, '.' for a suppressed value, text columns.
EXPORT = (
    ",ID,WijkenEnBuurten,Gemeentenaam_1,SoortRegio_2,Codering_3,Perioden,AantalInwoners_5,WmoClienten_7\n"
    "0,0,NL01      ,Nederland                               ,Land      ,NL01      ,2022JJ00,17590672,70.5\n"
    "1,1,GM0281    ,Tiel                                    ,Gemeente  ,GM0281    ,2022JJ00,42277,.\n"
    "2,2,WK028101  ,Tiel                                    ,Wijk      ,WK028101  ,2022JJ00,,12.25\n"
)


def test_open_data_export_read_with_text_columns(tmp_path):
    path = tmp_path / "kwb.csv"
    path.write_text(EXPORT, encoding="utf-8")
    df = read_cbs_file(path)
    assert list(df.columns[:5]) == ["region_code", "region", "period", "year", "provisional"]
    assert df["region_code"].tolist() == ["NL01", "GM0281", "WK028101"]
    # names from the name column; Gemeentenaam is the municipality, so a district keeps its code
    assert df["region"].tolist() == ["Nederland", "Tiel", "WK028101"]
    assert df["year"].tolist() == [2022] * 3 and not df["provisional"].any()
    assert df["period"].tolist() == ["2022JJ00"] * 3
    assert df["aantalinwoners_5"].dtype == float and df["aantalinwoners_5"].iloc[1] == 42277
    assert math.isnan(df["aantalinwoners_5"].iloc[2])  # empty cell
    assert df["wmoclienten_7"].iloc[0] == 70.5 and math.isnan(df["wmoclienten_7"].iloc[1])  # '.'
    for text in ("gemeentenaam_1", "soortregio_2", "codering_3"):
        assert pd.api.types.is_string_dtype(df[text]) or df[text].dtype == object, text
    assert df["soortregio_2"].tolist() == ["Land", "Gemeente", "Wijk"]
    assert df["codering_3"].tolist() == ["NL01", "GM0281", "WK028101"]
    assert "unnamed_0" not in df.columns and "id" not in df.columns


def test_open_data_export_written_by_pandas_with_titles_and_other_dimension_names(tmp_path):
    # cbsodata.get_data replaces dimension keys by titles ('Tiel', '2022*'); the code then comes from Codering
    records = [{"ID": 0, "Gemeenten": "Tiel", "Codering_3": "GM0281    ", "Perioden": "2022*",
                "JongerenMetJeugdhulpInNatura_1": 22.9},
               {"ID": 1, "Gemeenten": "Oss", "Codering_3": "GM0828    ", "Perioden": "2022*",
                "JongerenMetJeugdhulpInNatura_1": None}]
    path = tmp_path / "gem.csv"
    pd.DataFrame(records).to_csv(path)
    df = read_cbs_file(path)
    assert df["region_code"].tolist() == ["GM0281", "GM0828"]
    assert df["region"].tolist() == ["Tiel", "Oss"]
    assert df["provisional"].tolist() == [True, True]
    assert df["jeugdhulp_pct"].iloc[0] == 22.9 and math.isnan(df["jeugdhulp_pct"].iloc[1])
    for dim in ("RegioS", "Wijken"):
        out = normalise_cbsodata([{dim: "GM0281   ", "Perioden": "2022JJ00", "Gemeentenaam_1": "Tiel  ",
                                   "Aantal_2": "5"}])
        assert out.loc[0, "region_code"] == "GM0281" and out.loc[0, "region"] == "Tiel"
        assert out.loc[0, "gemeentenaam_1"] == "Tiel" and out.loc[0, "aantal_2"] == 5.0


def test_open_data_export_errors_name_file_row_column(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(EXPORT.replace("2022JJ00,42277", "twintig,42277"), encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"bad\.csv.*\n.*row 3, column 'Perioden'.*unrecognised"):
        read_cbs_file(path)
    no_period = tmp_path / "noperiod.csv"
    no_period.write_text(",WijkenEnBuurten,AantalInwoners_5\n0,GM0281    ,42277\n", encoding="utf-8")
    with pytest.raises(DataValidationError, match="Perioden.*year="):
        read_cbs_file(no_period)
    assert read_cbs_file(no_period, year=2021)["year"].tolist() == [2021]
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(DataValidationError, match="row 1.*StatLine CSV download.*cbsodata export"):
        read_cbs_file(other)
    with pytest.raises(DataValidationError, match="file not found"):
        read_cbs_file(tmp_path / "missing.csv")


def test_read_cbs_file_reads_a_statline_download(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(HEADER + '"Tiel";"2022*";22,9;0,3\n', encoding="utf-8")
    df = read_cbs_file(path)
    assert df["region"].tolist() == ["Tiel"] and df["jeugdhulp_pct"].tolist() == [22.9]


def test_comma_separated_statline_file_gets_separator_message(tmp_path):
    path = tmp_path / "comma.csv"
    path.write_text('\ufeff"Regio\'s","Perioden","Jongeren met jeugdhulp in natura (%)"\n"Tiel","2022*","22,9"\n',
                    encoding="utf-8")
    for reader in (read_statline_csv, read_cbs_file):
        with pytest.raises(DataValidationError, match="comma-separated; a StatLine CSV download uses ';'") as err:
            reader(path)
        assert "comma.csv" in str(err.value) and "row 1" in str(err.value)


def test_shipped_cbs_files_are_documented_with_provenance():
    readme = (data_dir() / "README.md").read_text(encoding="utf-8")
    for path in sorted((data_dir() / "cbs").glob("*.csv")):
        section = readme.split(f"## cbs/{path.name}")[1].split("\n## ")[0]  # IndexError if undocumented
        assert "Bron: CBS" in section and "CC BY 4.0" in section, path.name
