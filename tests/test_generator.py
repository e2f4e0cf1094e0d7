from __future__ import annotations

import filecmp

import numpy as np
import pytest

from zorglab import generate_caseload
from zorglab.datagen import sample_path, write_samples
from zorglab.errors import ParameterRangeError, UnknownRegionError
from zorglab.generator import youth_client_share
from zorglab.regions import get_region, regions


def test_same_seed_same_caseload():
    a = generate_caseload("Oss", 300, seed=5)
    b = generate_caseload("Oss", 300, seed=5)
    assert a.equals(b)
    assert not a.equals(generate_caseload("Oss", 300, seed=6))


def test_caseload_uses_the_year_composition():
    old = generate_caseload("Rivierenland", 3000, seed=1, year=2016)
    new = generate_caseload("Rivierenland", 3000, seed=1, year=2022)
    assert set(old["municipality"]) == set(get_region("Rivierenland", 2016).municipality_names())
    assert "West Betuwe" in set(new["municipality"]) and "Neerijnen" not in set(new["municipality"])


def test_youth_share_calibrated_on_cbs():
    # Tiel 22.9% vs 13.2% nationally -> 0.40 * 22.9 / 13.2
    assert youth_client_share("Tiel") == pytest.approx(0.40 * 22.9 / 13.2)
    cl = generate_caseload("Rivierenland", 40_000, seed=2)
    youth = cl.groupby("municipality")["law"].apply(lambda s: (s == "Jeugdwet").mean())
    assert youth["Tiel"] == pytest.approx(0.40 * 22.9 / 13.2, abs=0.03)
    assert youth["Zaltbommel"] == pytest.approx(0.40 * 12.3 / 13.2, abs=0.03)


def test_stays_never_exceed_a_year():
    cl = generate_caseload("Westkust", 20_000, seed=3)
    stays = cl[cl["product"].isin(["JW_PLEEGZORG", "WMO_BESCHERMD_WONEN"])]
    assert len(stays) > 0 and stays["needed_units"].max() <= 365
    assert np.all((cl["wellbeing_before"] >= 1) & (cl["wellbeing_before"] <= 10))


@pytest.mark.parametrize("n", [0, -1, 10_000_000, 2.5])
def test_bad_n(n):
    with pytest.raises(ParameterRangeError, match="n"):
        generate_caseload("Oss", n)


def test_bad_region():
    with pytest.raises(UnknownRegionError, match="Valid regions"):
        generate_caseload("Amsterdam", 10)


def test_shipped_samples_are_reproducible(tmp_path):
    for path in write_samples(tmp_path):
        region = path.stem.removeprefix("caseload_")
        shipped = sample_path(next(r for r in regions() if r.lower() == region))
        assert filecmp.cmp(path, shipped, shallow=False), f"{shipped} differs from `python -m zorglab.datagen`"


def test_regions_without_cbs_figures_still_differ():
    # Lindendaal and Westkust both fall back to the national CBS share; the region must still enter the seed.
    a = generate_caseload("Lindendaal", 500, seed=1)
    b = generate_caseload("Westkust", 500, seed=1)
    assert not np.allclose(a["needed_units"].to_numpy(), b["needed_units"].to_numpy())
