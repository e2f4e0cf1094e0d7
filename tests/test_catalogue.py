from __future__ import annotations

import shutil

import pytest

from zorglab.core.errors import DataValidationError, UnknownNameError
from zorglab.core.paths import data_dir
from zorglab.core.validation import read_csv_validated
from zorglab.domain import catalogue
from zorglab.domain.catalogue import PRODUCTS_SCHEMA, harmonise, harmonised_products, price_list, products


def test_harmonised_catalogue_is_smaller_and_covers_every_product():
    assert len(harmonised_products()) < len(products())
    assert set(products()["harmonised_code"]) <= set(harmonised_products()["code"])


def test_harmonise_maps_and_rejects_unknown():
    assert harmonise(["WMO_BEG_IND", "WMO_BEG_IND_SPEC"]).tolist() == ["WMO_ONDERSTEUNING_THUIS"] * 2
    with pytest.raises(UnknownNameError, match="Unknown product code 'XYZ'.*JW_GGZ"):
        harmonise(["XYZ"])


def test_price_list_covers_all_payers():
    assert set(price_list()["payer"]) == set(catalogue.PAYERS)
    assert price_list()["activity"].is_unique


def _copy(tmp_path):
    target = tmp_path / "products.csv"
    shutil.copy(data_dir() / "products.csv", target)
    return target


def test_bad_tariff_names_row_and_column(tmp_path):
    path = _copy(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",42.0,", ",-42.0,")  # WMO_BEG_GRP is on file line 4
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as err:
        read_csv_validated(path, PRODUCTS_SCHEMA)
    assert err.value.problems[0][:2] == (4, "tariff_eur")
    assert "products.csv" in str(err.value)


def test_unquoted_separator_names_line(tmp_path):
    path = _copy(tmp_path)
    with path.open("a", encoding="utf-8") as f:
        f.write("X_NEW,Wmo,Nieuw,New,uur,10,1,1,10,WMO_HUISHOUDEN,beschrijving, met komma,en nog een\n")
    with pytest.raises(DataValidationError, match=r"row 17.*expected 11 fields but found 13"):
        read_csv_validated(path, PRODUCTS_SCHEMA)


def test_missing_column_is_reported(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("code,law\nA,Wmo\n", encoding="utf-8")
    with pytest.raises(DataValidationError, match="header.*tariff_eur"):
        read_csv_validated(path, PRODUCTS_SCHEMA)


def test_missing_file():
    with pytest.raises(DataValidationError, match="file not found"):
        read_csv_validated(data_dir() / "nope.csv", PRODUCTS_SCHEMA)
