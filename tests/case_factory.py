"""A minimal valid case record for tests; override fields per test."""

from __future__ import annotations

import copy

BASE = {
    "case_id": "TST-01", "title_nl": "Testcasus", "title_en": "Test case", "region": "Oss", "municipality": "Oss",
    "neighbourhood": "Ruwaard", "household_nl": "Alleenstaande man (58)", "main_age": 58, "age_group": "volwassene",
    "needs": {"financien": 3, "wonen": 2, "gezondheid": 2, "opvoeding": 0, "school": 0, "werk": 1,
              "eenzaamheid": 2, "dagelijks_functioneren": 1},
    "ik_wil": "Ik wil in mijn huis blijven wonen.", "ik_kan": "Ik kan zelf koken.",
    "ik_heb_nodig": "Ik heb nodig dat iemand mijn post met me doorneemt.",
    "context_nl": "Schulden lopen op en er dreigt een huisuitzetting.",
    "current_support": [{"product": "WMO_BEG_IND", "units_per_week": 2, "weeks": 52}],
    "wellbeing_before": 3, "wellbeing_after": 8,
    "scenarios": {
        # reference: 2 SEH visits (Zvw 2*300), eviction in year 2 (Overig 6000), 104 h begeleiding (Wmo 104*62.5)
        "reference": [{"activity": "SEH", "year": 1, "quantity": 2},
                      {"activity": "HUISUITZETTING", "year": 2, "quantity": 1},
                      {"activity": "WMO_BEG_IND", "year": 1, "quantity": 104}],
        # intervention: 8 MDO hours (Wmo 8*95), debt help (Wgs 2500), 52 h begeleiding (Wmo 52*62.5)
        "intervention": [{"activity": "MDO", "year": 1, "quantity": 8},
                         {"activity": "SCHULDHULP", "year": 1, "quantity": 1},
                         {"activity": "WMO_BEG_IND", "year": 1, "quantity": 52}],
    },
    "arena": [{"stakeholder": "buurt", "effect_nl": "Minder overlast", "role": "incasseerder"}],
}


def record(**overrides) -> dict:
    rec = copy.deepcopy(BASE)
    rec.update(overrides)
    return rec
