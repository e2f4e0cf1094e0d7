"""What a played game set in motion: per year the findings (codes + numbers), per party the balance.

Why codes: the debrief screen, the notebook and the tests read the same findings; the UI words them
(``zorglab.ui.game_strings``, keys ``finding_<code>``), so a finding is never a sentence in the model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zorglab.services.game.model import Role

OVERDELIVERY, UNDERDELIVERY = 1.02, 0.95  # delivered share of need that counts as more / less than needed
TURNED_AWAY_SHARE = 0.01  # share of a provider's clients turned away before it is a finding
FINDING_CODES = ("funding", "event", "overdelivery", "underdelivery", "turned_away", "capacity_short",
                 "status_watch", "status_trouble", "status_failed", "waiting_up", "waiting_down", "wrong_pocket",
                 "prevention", "margin", "insurer")
MEASURES = ("spend", "insurer_spend", "reserves", "served", "waiting", "wellbeing")


@dataclass(frozen=True)
class Finding:
    round: int
    team: str  # municipality | provider_N | area_team | insurer | residents
    code: str
    params: dict[str, Any]


def findings(years: list[Any]) -> list[Finding]:
    """The path: per contract year what the choices did, from the stored outcomes (``service.years``)."""
    out: list[Finding] = []
    for prev, y in zip(years, years[1:], strict=False):
        o, p = y.outcome, prev.outcome
        r = y.round
        muni = y.decisions.get(Role.MUNICIPALITY.value, {})
        out.append(Finding(r, "municipality", "funding", {"funding": muni.get("funding", o.get("funding", "pxq")),
                                                          "spend_eur": o["municipality"]["total"],
                                                          "change_eur": o["municipality"]["total"]
                                                          - p["municipality"]["total"]}))
        for e in o.get("events", []):
            out.append(Finding(r, "residents", "event", {"event": e}))
        for prov in o["providers"]:
            team = f"provider_{prov['provider']}"
            if prov["allocated"] <= 0:
                continue
            out.append(Finding(r, team, "margin", {"margin_eur": prov["margin"], "reserves_eur": prov["reserves"]}))
            if prov["delivered_share"] > OVERDELIVERY:
                out.append(Finding(r, team, "overdelivery", {"share_pct": prov["delivered_share"] - 1}))
            elif 0 < prov["delivered_share"] < UNDERDELIVERY:
                out.append(Finding(r, team, "underdelivery", {"share_pct": 1 - prov["delivered_share"]}))
            if prov["turned_away"] > TURNED_AWAY_SHARE * prov["allocated"]:
                out.append(Finding(r, team, "turned_away", {"clients": prov["turned_away"]}))
            if prov.get("capacity_waiting", 0) > TURNED_AWAY_SHARE * prov["allocated"]:
                out.append(Finding(r, team, "capacity_short", {"clients": prov["capacity_waiting"]}))
            if prov["status"] in ("trouble", "failed", "watch"):
                out.append(Finding(r, team, f"status_{prov['status']}", {"reserves_eur": prov["reserves"],
                                                                         "margin_eur": prov["margin"]}))
        if o["waiting"] > p["waiting"] + 1:
            out.append(Finding(r, "residents", "waiting_up", {"clients": o["waiting"], "change": o["waiting"] - p["waiting"]}))
        elif o["waiting"] < p["waiting"] - 1:
            out.append(Finding(r, "residents", "waiting_down", {"clients": o["waiting"],
                                                                "change": p["waiting"] - o["waiting"]}))
        out.append(Finding(r, "insurer", "insurer", {"spend_eur": o["insurer"]["total"],
                                                      "change_eur": o["insurer"]["total"] - p["insurer"]["total"]}))
        if o["municipality"]["mdo_count"] > 0:
            out.append(Finding(r, "insurer", "wrong_pocket", {"cost_eur": o["municipality"]["mdo"],
                                                              "saving_eur": o["insurer"]["mdo_saving"]}))
        if o.get("prevention_reduction", 0) > 0.001:
            out.append(Finding(r, "area_team", "prevention", {"share_pct": o["prevention_reduction"]}))
    return out


@dataclass(frozen=True)
class Balance:
    team: str
    measure: str  # spend | insurer_spend | margin_total | reserves | waiting | wellbeing | served
    start: float
    end: float
    total: float | None = None  # summed over the played years (money)

    @property
    def change(self) -> float:
        return self.end - self.start


def balance(years: list[Any]) -> list[Balance]:
    """Who gained, who paid, what happened to residents: the year before the game against the last year."""
    if len(years) < 2:
        return []
    first, last = years[0].outcome, years[-1].outcome
    played = [y.outcome for y in years[1:]]
    rows = [Balance("municipality", "spend", first["municipality"]["total"], last["municipality"]["total"],
                    sum(o["municipality"]["total"] for o in played))]
    rows.append(Balance("insurer", "insurer_spend", first["insurer"]["total"], last["insurer"]["total"],
                        sum(o["insurer"]["total"] for o in played)))
    for i, prov in enumerate(first["providers"]):
        team = f"provider_{prov['provider']}"
        rows.append(Balance(team, "reserves", prov["reserves"], last["providers"][i]["reserves"],
                            sum(o["providers"][i]["margin"] for o in played)))
    rows.append(Balance("residents", "served", first["served"], last["served"]))
    rows.append(Balance("residents", "waiting", first["waiting"], last["waiting"]))
    rows.append(Balance("residents", "wellbeing", first["wellbeing"], last["wellbeing"]))
    return rows
