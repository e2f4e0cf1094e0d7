from __future__ import annotations

import pytest

from zorglab import get_region, regions
from zorglab.core.errors import ParameterRangeError, UnknownNameError, UnknownRegionError
from zorglab.domain.regions import all_municipalities, neighbourhoods

RIVIERENLAND_2016 = {"Buren", "Culemborg", "Geldermalsen", "Lingewaal", "Maasdriel", "Neder-Betuwe", "Neerijnen",
                     "Tiel", "West Maas en Waal", "Zaltbommel"}


def test_regions_listed():
    assert regions() == ["Lindendaal", "Oss", "Rivierenland", "Westkust"]


def test_rivierenland_has_ten_municipalities_until_2018():
    assert set(get_region("Rivierenland", 2016).municipality_names()) == RIVIERENLAND_2016
    assert len(get_region("Rivierenland", 2018).municipalities) == 10


def test_rivierenland_merger_in_2019():
    names = set(get_region("Rivierenland", 2019).municipality_names())
    assert len(names) == 8
    assert "West Betuwe" in names
    assert not names & {"Geldermalsen", "Lingewaal", "Neerijnen"}


def test_fictional_municipality_of_about_22500():
    lindendaal = get_region("Lindendaal", 2022)
    assert lindendaal.fictional
    assert lindendaal.population == 22_500


def test_oss_has_ruwaard():
    assert get_region("Oss").municipality_names() == ["Oss"]
    assert "Ruwaard" in set(neighbourhoods()["neighbourhood"])


def test_unknown_region_lists_valid_ones():
    # Utrecht is a CBS municipality and so a region of its own now; a name that is neither still fails.
    assert get_region("Utrecht").municipalities[0].cbs_code == "GM0344"
    with pytest.raises(UnknownRegionError) as err:
        get_region("Utrechtse Waard")
    assert "Valid regions: Lindendaal, Oss, Rivierenland, Westkust" in str(err.value)


def test_region_name_is_case_insensitive():
    assert get_region("rivierenland").name == "Rivierenland"


@pytest.mark.parametrize("year", [2014, 2026, 2020.5, "2020"])
def test_year_out_of_range(year):
    with pytest.raises(ParameterRangeError, match="2015-2025"):
        get_region("Oss", year)


def test_unknown_municipality_lists_valid():
    with pytest.raises(UnknownNameError, match="Tiel"):
        get_region("Rivierenland", 2022).municipality("Geldermalsen")


def test_all_municipalities_table():
    table = all_municipalities(2022)
    assert len(table) == 8 + 1 + 4 + 1
    assert table["population"].gt(0).all()
