"""Caseloads sized by the place: inhabitants x CBS rates, joined by GM code; any municipality is a region."""

from __future__ import annotations

import numpy as np
import pytest

from zorglab.core.errors import DataValidationError, UnknownRegionError
from zorglab.domain.generator import generate_caseload
from zorglab.domain.regions import clear_registered_regions, get_region, register_regions, resolve_region
from zorglab.domain.sizing import RateSource, allocate, caseload_size

# Hand-read from data/cbs/*.csv:
# Tiel GM0281: 42,277 inhabitants (1 Jan 2022); 2021: 0-15 15.31 %, 15-25 12.5 %, Wmo 73.0 per 1,000;
#   2022*: 22.9 % of young people with youth care.
#   youth share = (15.31 + 0.3 x 12.5) / 100 = 0.1906; Jeugdwet = 42,277 x 0.1906 x 0.229 = 1,845.29
#   Wmo = 42,277 x 73 / 1000 x 0.6 = 1,851.73
# Oss GM0828: 93,307; 2021: 0-15 14.97 %, 15-25 11.94 %, Wmo 86.0; 2022*: 17.5 %.
#   youth share = (14.97 + 3.582) / 100 = 0.18552; Jeugdwet = 93,307 x 0.18552 x 0.175 = 3,029.31
#   Wmo = 93,307 x 0.086 x 0.6 = 4,814.64
TIEL = {"Jeugdwet": 42_277 * 0.1906 * 0.229, "Wmo": 42_277 * 0.073 * 0.6}
OSS = {"Jeugdwet": 93_307 * 0.18552 * 0.175, "Wmo": 93_307 * 0.086 * 0.6}


@pytest.mark.parametrize(("name", "expected"), [("Tiel", TIEL), ("Oss", OSS)])
def test_caseload_size_from_cbs_by_hand(name, expected):
    sz = caseload_size(get_region(name)).set_index("law")
    assert sz.loc["Jeugdwet", "clients"] == pytest.approx(expected["Jeugdwet"], rel=1e-6)
    assert sz.loc["Wmo", "clients"] == pytest.approx(expected["Wmo"], rel=1e-6)
    assert set(sz["rate_source"]) == {RateSource.CBS}


def test_sample_weights_add_up_to_the_real_caseload():
    cl = generate_caseload("Tiel", 500, seed=3)
    by_law = cl.groupby("law")["weight"].sum()
    assert by_law["Jeugdwet"] == pytest.approx(TIEL["Jeugdwet"], rel=1e-9)
    assert by_law["Wmo"] == pytest.approx(TIEL["Wmo"], rel=1e-9)
    # 500 rows, not 3,697 clients: the sample size is precision only.
    assert len(cl) == 500


def test_sample_size_does_not_change_the_totals():
    small, large = generate_caseload("Oss", 300, seed=1), generate_caseload("Oss", 3000, seed=1)
    assert small["weight"].sum() == pytest.approx(large["weight"].sum())
    assert small["weight"].sum() == pytest.approx(OSS["Jeugdwet"] + OSS["Wmo"], rel=1e-6)


def test_region_is_the_sum_of_its_municipalities():
    region = caseload_size(get_region("Rivierenland", 2022))
    tiel = region[region["municipality"] == "Tiel"].set_index("law")["clients"]
    assert tiel["Jeugdwet"] == pytest.approx(TIEL["Jeugdwet"], rel=1e-6)
    assert len(region) == 8 * 2  # 8 municipalities in 2022, 2 laws


def test_fictional_and_merged_municipalities_use_the_national_rate_and_say_so():
    lindendaal = caseload_size(get_region("Lindendaal"))
    assert set(lindendaal["rate_source"]) == {RateSource.NATIONAL_NO_CODE}
    assert (lindendaal["rate"] == lindendaal["national_rate"]).all()
    riv2016 = caseload_size(get_region("Rivierenland", 2016)).set_index("municipality")
    # Geldermalsen merged into West Betuwe in 2019: no 2022 CBS row.
    assert set(riv2016.loc["Geldermalsen", "rate_source"]) == {RateSource.NATIONAL_NO_CODE}
    assert set(riv2016.loc["Tiel", "rate_source"]) == {RateSource.CBS}


def test_allocate_is_proportional_and_keeps_every_stratum():
    # 10 rows over sizes 1:1:8 -> at least 1 each, the other 7 split 1:1:8 by largest remainder:
    # quotas 0.7, 0.7, 5.6 -> floors 0, 0, 5 (2 left) -> remainders .7 .7 .6 -> +1 to the first two -> 1+1, 1+1, 1+5
    assert allocate(np.array([1.0, 1.0, 8.0]), 10).tolist() == [2, 2, 6]
    assert allocate(np.array([0.0, 5.0]), 3).tolist() == [0, 3]


@pytest.mark.parametrize("name", ["Tiel", "tiel", "GM0281", " gm0281 "])
def test_any_municipality_is_a_region(name):
    region = get_region(name)
    assert region.name == "Tiel"
    assert region.population == 42_277
    assert region.municipalities[0].cbs_code == "GM0281"


def test_suffixed_cbs_names_join_by_code():
    # "Hengelo (O.)" in the youth-care file, "Hengelo" in the population file: one municipality.
    assert resolve_region("Hengelo") == resolve_region("Hengelo (O.)")
    sz = caseload_size(get_region("Hengelo")).set_index("law")
    assert sz.loc["Jeugdwet", "rate_source"] == RateSource.CBS


def test_unknown_region_lists_regions_and_hints_at_municipalities():
    with pytest.raises(UnknownRegionError) as err:
        get_region("Atlantis")
    text = str(err.value)
    assert "Rivierenland" in text and "GM code" in text


@pytest.fixture
def own_regions(tmp_path):
    clear_registered_regions()
    yield tmp_path
    clear_registered_regions()


def test_analyst_defined_region(own_regions):
    path = own_regions / "mijn_regio.csv"
    path.write_text("region;municipality;cbs_code;population;population_year;population_source\n"
                    "Betuwe-Oost;;GM0281;42277;2022;CBS\n"
                    "Betuwe-Oost;Culemborg;GM0216;29397;2022;CBS\n", encoding="utf-8")
    assert register_regions(path) == ["Betuwe-Oost"]
    region = get_region("Betuwe-Oost")
    assert region.municipality_names() == ["Tiel", "Culemborg"]  # the empty name is taken from the GM code
    assert region.population == 42_277 + 29_397
    sz = caseload_size(region).set_index(["municipality", "law"])["clients"]
    assert sz["Tiel", "Jeugdwet"] == pytest.approx(TIEL["Jeugdwet"], rel=1e-6)


def test_bad_region_file_names_row_and_column(own_regions):
    path = own_regions / "fout.csv"
    path.write_text("region,municipality,cbs_code,population,population_year,population_source\n"
                    "X,Tiel,GM9999,1000,2022,eigen\n"
                    "Oss,Oss,GM0828,93307,2022,CBS\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as err:
        register_regions(path)
    text = str(err.value)
    assert "row 2, column 'cbs_code'" in text and "GM9999" in text
    assert "row 3, column 'region'" in text and "shipped region" in text


def test_doubling_the_population_doubles_clients_and_spend(own_regions):
    from zorglab.domain.funding import make_model

    path = own_regions / "twee.csv"
    path.write_text("region,municipality,cbs_code,population,population_year,population_source\n"
                    "Enkel,Tiel,GM0281,40000,2022,test\nDubbel,Tiel,GM0281,80000,2022,test\n", encoding="utf-8")
    register_regions(path)
    one, two = generate_caseload("Enkel", 800, seed=5), generate_caseload("Dubbel", 800, seed=5)
    assert two["weight"].sum() == pytest.approx(2 * one["weight"].sum())
    for key in ("pxq", "lumpsum"):
        a, b = make_model(key).evaluate(one), make_model(key).evaluate(two)
        assert b.total_spend == pytest.approx(2 * a.total_spend, rel=0.05)  # other seed mix of the same place
        assert b.total_spend / b.clients_exact == pytest.approx(a.total_spend / a.clients_exact, rel=0.05)


def test_registry_populations_are_the_cbs_figures():
    from zorglab.domain.cbs import municipality_table
    from zorglab.domain.regions import all_municipalities

    cbs = municipality_table()
    rows = all_municipalities(2022)
    real = rows[rows["cbs_code"].notna() & (rows["population_year"] == 2022)]
    assert len(real) == 9  # 8 Rivierenland municipalities + Oss
    for r in real.itertuples():
        assert r.population == cbs.loc[r.cbs_code, "population"], r.municipality
