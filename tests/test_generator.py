from __future__ import annotations

import filecmp

import numpy as np
import pytest

from zorglab import generate_caseload
from zorglab.core.errors import ParameterRangeError, UnknownRegionError
from zorglab.domain.regions import get_region, regions
from zorglab.domain.sizing import caseload_size
from zorglab.services.datagen import extract_example_path, sample_path, write_extract_example, write_samples

# Hand-read from data/cbs/*.csv (see tests/test_sizing.py): Tiel, 42,277 inhabitants;
# Jeugdwet clients = 42,277 x 0.1906 x 0.229 = 1,845.28; Wmo clients = 42,277 x 73/1000 x 0.6 = 1,851.73.
TIEL_JW, TIEL_WMO = 42_277 * 0.1906 * 0.229, 42_277 * 0.073 * 0.6


def test_same_seed_same_caseload():
    a = generate_caseload("Oss", 300, seed=5)
    b = generate_caseload("Oss", 300, seed=5)
    assert a.equals(b)
    assert not a.equals(generate_caseload("Oss", 300, seed=6))


def test_caseload_uses_the_year_composition():
    old = generate_caseload("Rivierenland", 1000, seed=1, year=2016)
    new = generate_caseload("Rivierenland", 1000, seed=1, year=2022)
    assert set(old["municipality"]) == set(get_region("Rivierenland", 2016).municipality_names())
    assert "West Betuwe" in set(new["municipality"]) and "Neerijnen" not in set(new["municipality"])


def test_sample_is_stratified_by_law_on_cbs_rates_by_hand():
    cl = generate_caseload("Tiel", 1000, seed=1)
    # One row per stratum first; the other 998 split by clients: Wmo 998 x 1851.73 / 3697.01 = 499.87,
    # Jeugdwet 498.13; the row left over goes to the largest remainder (Wmo): 501 Wmo and 499 Jeugdwet rows.
    assert cl["law"].value_counts().to_dict() == {"Wmo": 501, "Jeugdwet": 499}
    weights = cl.groupby("law")["weight"].sum()
    assert weights["Jeugdwet"] == pytest.approx(TIEL_JW, rel=1e-6)
    assert weights["Wmo"] == pytest.approx(TIEL_WMO, rel=1e-6)
    assert cl.loc[cl["law"] == "Jeugdwet", "weight"].iloc[0] == pytest.approx(TIEL_JW / 499, rel=1e-6)


def test_every_municipality_and_law_of_a_region_is_in_the_sample_with_its_clients():
    region = get_region("Rivierenland", 2022)
    cl = generate_caseload("Rivierenland", 300, seed=4)
    expected = caseload_size(region).set_index(["municipality", "law"])["clients"]
    got = cl.groupby(["municipality", "law"])["weight"].sum()
    assert set(got.index) == set(expected.index)  # no stratum drops out of a small sample
    assert got.loc[expected.index].to_numpy() == pytest.approx(expected.to_numpy(), rel=1e-9)


def test_one_municipality_of_a_region():
    cl = generate_caseload("Rivierenland", 400, seed=2, municipality="Tiel")
    assert set(cl["municipality"]) == {"Tiel"} and cl["case_id"].iloc[0].startswith("TIE-")
    assert cl["weight"].sum() == pytest.approx(TIEL_JW + TIEL_WMO, rel=1e-6)


def test_any_cbs_municipality_is_a_region():
    cl = generate_caseload("GM0281", 200, seed=1)  # Tiel by its CBS code
    assert set(cl["municipality"]) == {"Tiel"}
    assert cl["weight"].sum() == pytest.approx(TIEL_JW + TIEL_WMO, rel=1e-6)


def test_rows_come_in_random_order():
    # Any prefix is a fair mix: the first rows are not all one municipality or one law.
    head = generate_caseload("Rivierenland", 2000, seed=3).head(100)
    assert head["law"].nunique() == 2 and head["municipality"].nunique() > 3


def test_stays_never_exceed_a_year():
    cl = generate_caseload("Westkust", 5000, seed=3)
    stays = cl[cl["product"].isin(["JW_PLEEGZORG", "WMO_BESCHERMD_WONEN"])]
    assert len(stays) > 0 and stays["needed_units"].max() <= 365
    assert np.all((cl["wellbeing_before"] >= 1) & (cl["wellbeing_before"] <= 10))


@pytest.mark.parametrize("n", [0, -1, 10_000_000, 2.5])
def test_bad_n(n):
    with pytest.raises(ParameterRangeError, match="n"):
        generate_caseload("Oss", n)


def test_bad_region():
    with pytest.raises(UnknownRegionError, match="Valid regions.*municipalities of the CBS file"):
        generate_caseload("Atlantis", 10)


def test_shipped_samples_are_reproducible(tmp_path):
    for path in write_samples(tmp_path):
        region = path.stem.removeprefix("caseload_")
        shipped = sample_path(next(r for r in regions() if r.lower() == region))
        assert filecmp.cmp(path, shipped, shallow=False), f"{shipped} differs from `python -m zorglab.services.datagen`"


def test_the_shipped_extract_example_is_reproducible(tmp_path):
    written = write_extract_example(tmp_path)
    assert written.read_bytes() == extract_example_path().read_bytes(), "run `python -m zorglab.services.datagen`"
    assert written.read_text("utf-8-sig").count("\n") == 1 + 7 * 6  # header + 7 clients x 6 months, by hand


def test_regions_without_cbs_figures_still_differ():
    # Lindendaal and Westkust both fall back to the national CBS rates; the region must still enter the seed.
    a = generate_caseload("Lindendaal", 500, seed=1)
    b = generate_caseload("Westkust", 500, seed=1)
    assert not np.allclose(a["needed_units"].to_numpy(), b["needed_units"].to_numpy())
