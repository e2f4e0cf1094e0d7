"""Exports of a played purchasing game for research notebooks: strict JSON and a Dutch-Excel CSV.

- JSON (``game_json``): the set-up, every contract year's outcome and the decisions in force, events,
  teams (member counts, never pseudonyms) and the game's assumptions (``zorglab.domain.assumptions.GAME_ASSUMPTIONS``:
  value, unit and source of every number the world model used, as in this zorglab version). Strict: NaN/inf become ``null``. ``read_game_json`` reads one
  back; ``years_frame`` flattens it to one row per year and payer/provider for pandas.
- CSV (``years_csv``): that table with ``;`` between fields, a decimal comma and a BOM, every text cell
  formula-safe (``zorglab.services.reports.export.csv_value``). Read it with
  ``pandas.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig")``.
"""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path
from typing import Any

import pandas as pd

from zorglab.domain import assumptions
from zorglab.services.game.errors import ErrorCode, GameError
from zorglab.services.game.service import GameService

EXPORT_VERSION = 1
KIND = "zorglab-purchasing-game"
CSV_OPTIONS = {"sep": ";", "decimal": ",", "encoding": "utf-8-sig"}


def _strict(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _strict(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_strict(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def game_document(service: GameService, game_id: int) -> dict[str, Any]:
    info = service.game(game_id)
    team_sizes: dict[str, int] = {}
    for m in service.members(game_id):
        team_sizes[m.team] = team_sizes.get(m.team, 0) + 1
    return _strict({
        "kind": KIND, "version": EXPORT_VERSION, "synthetic": True,
        "game": {"code": info.code, "title": info.title, "language": info.language, "status": info.status.value,
                 "round": info.round, "config": info.config.__dict__, "cases": info.cases,
                 "teams": {t: team_sizes.get(t, 0) for t in info.config.teams()}},
        "events": [{"round": r, "event": e} for r, e in service.events(game_id)],
        "assumptions": {a.key: {"value": a.value, "unit": a.unit, "label": a.label_en, "source": a.source_en}
                        for a in assumptions.GAME_ASSUMPTIONS},
        "years": [{"round": y.round, "outcome": y.outcome, "decisions": y.decisions, "state": y.state.to_dict()}
                  for y in service.years(game_id)],
    })


def game_json(service: GameService, game_id: int) -> str:
    return json.dumps(game_document(service, game_id), ensure_ascii=False, allow_nan=False, indent=1)


def read_game_json(path_or_text: str | Path) -> dict[str, Any]:
    """A game export (path or the JSON text itself); refuses anything that is not one."""
    text = str(path_or_text)
    if not text.lstrip().startswith("{"):
        text = Path(path_or_text).read_text(encoding="utf-8")
    doc = json.loads(text)
    if not isinstance(doc, dict) or doc.get("kind") != KIND or "years" not in doc:
        raise GameError(ErrorCode.BAD_EXPORT)
    return doc


def years_frame(doc: dict[str, Any]) -> pd.DataFrame:
    """One row per contract year and party (municipality, insurer, residents, each provider): tidy figures."""
    rows: list[dict[str, Any]] = []
    game = doc["game"]
    base = {"game": game["code"], "title": game["title"], "region": game["config"]["region"],
            "municipality": game["config"]["municipality"]}
    for y in doc["years"]:
        o, d = y["outcome"], y["decisions"]
        muni = d.get("municipality", {})
        common = {**base, "round": y["round"], "calendar_year": o["calendar_year"],
                  "funding": muni.get("funding", o.get("funding", "pxq")),
                  "events": ",".join(o.get("events", []))}
        rows.append({**common, "party": "municipality", "spend": o["municipality"]["total"],
                     "mdo_count": o["municipality"]["mdo_count"],
                     "spend_per_inhabitant": o["municipality"]["per_inhabitant"]})
        rows.append({**common, "party": "insurer", "spend": o["insurer"]["total"]})
        rows.append({**common, "party": "residents", "clients": o["clients"], "served": o["served"],
                     "waiting": o["waiting"], "wellbeing": o["wellbeing"]})
        for p in o["providers"]:
            pd_ = d.get(f"provider_{p['provider']}", {})
            rows.append({**common, "party": f"provider_{p['provider']}", "revenue": p["revenue"], "cost": p["cost"],
                         "margin": p["margin"], "reserves": p["reserves"], "status": p["status"],
                         "clients": p["allocated"], "served": p["served"], "waiting": p["waiting"],
                         "delivered_share": p["delivered_share"], "turned_away": p["turned_away"],
                         "capacity_pct": pd_.get("capacity_pct"), "hours_pct": pd_.get("hours_pct"),
                         "intake": pd_.get("intake"), "prevention_eur": pd_.get("prevention_eur")})
    cols = ["game", "title", "region", "municipality", "round", "calendar_year", "funding", "events", "party",
            "spend", "spend_per_inhabitant", "mdo_count", "revenue", "cost", "margin", "reserves", "status",
            "clients", "served", "waiting", "wellbeing", "delivered_share", "turned_away", "capacity_pct",
            "hours_pct", "intake", "prevention_eur"]
    return pd.DataFrame(rows).reindex(columns=cols)


def years_csv(doc: dict[str, Any]) -> str:
    """``years_frame`` as Dutch-Excel CSV text (``;``, decimal comma, BOM, formula-safe text cells)."""
    from zorglab.services.reports.export import (
        csv_value,  # lazy: the reports package loads the plotting stack
    )

    frame = years_frame(doc)
    buf = io.StringIO()
    buf.write("\ufeff")
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(frame.columns)
    for row in frame.itertuples(index=False):
        writer.writerow([csv_value(None if isinstance(v, float) and math.isnan(v) else v) for v in row])
    return buf.getvalue()


# Two scripted plays for the shipped examples: per round (municipality, provider 1, provider 2, MDO %, events).
PLAYS: dict[str, list[tuple]] = {
    "a": [({"funding": "pxq", "price_factor": 1.0}, {"capacity_pct": 105}, {"capacity_pct": 100}, 10, ()),
          ({"funding": "output", "price_factor": 0.9}, {"capacity_pct": 105, "intake": "selective"},
           {"capacity_pct": 110, "prevention_eur": 100}, 20, ("demand_rise",)),
          ({"funding": "lumpsum", "budget_factor": 1.0, "corridor": True}, {"capacity_pct": 100},
           {"capacity_pct": 105, "prevention_eur": 200}, 30, ("wage_rise",))],
    "b": [({"funding": "pxq", "price_factor": 1.05}, {"capacity_pct": 105, "prevention_eur": 100},
           {"capacity_pct": 105, "intake": "open"}, 20, ()),
          ({"funding": "result", "price_factor": 1.0}, {"capacity_pct": 110, "prevention_eur": 150},
           {"capacity_pct": 105, "intake": "open"}, 30, ("demand_rise",)),
          ({"funding": "result", "price_factor": 1.05}, {"capacity_pct": 105, "prevention_eur": 150},
           {"capacity_pct": 105, "hours_pct": 90}, 30, ("wage_rise",))],
}


def play_example(variant: str = "a", seed: int = 7) -> dict[str, Any]:
    """A small played game (municipality, two providers and the area team over three years, scripted in
    ``PLAYS``) in a throw-away database, as an export document. The same variant and seed give the same document."""
    import tempfile

    from zorglab.services.game.model import GameConfig
    from zorglab.services.intervision.storage import Storage

    with tempfile.TemporaryDirectory() as tmp:
        store = Storage(f"sqlite:///{Path(tmp) / 'example.sqlite'}")
        try:
            svc = GameService(store)
            g = svc.create_game(GameConfig(region="Rivierenland", municipality="Tiel", rounds=3, n_providers=2,
                                           insurer=True, seed=seed), title=f"Voorbeeldspel Tiel {variant.upper()}")
            code = svc.game(g.game_id).code
            tokens = [svc.join(code, team, name)[1] for team, name in (
                ("municipality", "Inkoop"), ("provider_1", "Aanbieder A"), ("provider_2", "Aanbieder B"),
                ("area_team", "Wijkteam"))]
            for rnd, (m, a, b, mdo, evs) in enumerate(PLAYS[variant], start=1):
                for token, raw in zip(tokens, (m, a, b), strict=False):
                    svc.submit(token, raw)
                cases = svc.game(g.game_id).cases[rnd]
                svc.submit(tokens[3], {"mdo_pct": mdo, "assignments": {c: 1 + k % 2 for k, c in enumerate(cases)}})
                for e in evs:
                    svc.trigger_event(g.trainer_secret, e)
                svc.advance(g.trainer_secret)
            doc = game_document(svc, g.game_id)
        finally:
            store.dispose()
    doc["game"]["code"] = f"VOORBEELD-{variant.upper()}"
    return doc


def write_example(path: Path | str, variant: str = "a", seed: int = 7) -> Path:
    """``play_example`` written as strict JSON (the notebook's shipped example data)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(play_example(variant, seed), ensure_ascii=False, allow_nan=False, indent=1) + "\n",
                    encoding="utf-8")
    return path


EXAMPLES = {"a": "data/examples/purchasing_game_a.json", "b": "data/examples/purchasing_game_b.json"}


# ---- comparing games (the research notebook) ---------------------------------------------------------------
def years_from_doc(doc: dict[str, Any]) -> list:
    """The export's years as ``service.Year`` objects (for ``zorglab.services.game.debrief``)."""
    from zorglab.services.game.service import Year
    from zorglab.services.game.world import WorldState

    return [Year(int(y["round"]), WorldState.from_dict(y["state"]), y["outcome"], y["decisions"]) for y in doc["years"]]


def compare_games(docs: list[dict[str, Any]]) -> pd.DataFrame:
    """One row per game: the funding path, money per payer over the played years, providers, residents."""
    rows = []
    for doc in docs:
        played = [y for y in doc["years"] if y["round"] > 0]
        first, last = doc["years"][0]["outcome"], played[-1]["outcome"] if played else doc["years"][0]["outcome"]
        rows.append({
            "game": doc["game"]["code"], "title": doc["game"]["title"],
            "funding_path": " > ".join(y["decisions"].get("municipality", {}).get("funding", "pxq") for y in played),
            "events": ", ".join(e["event"] for e in doc.get("events", [])),
            "municipality_spend": sum(y["outcome"]["municipality"]["total"] for y in played),
            "insurer_spend": sum(y["outcome"]["insurer"]["total"] for y in played),
            "provider_margin": sum(p["margin"] for y in played for p in y["outcome"]["providers"]),
            "providers_in_trouble": sum(p["status"] in ("trouble", "failed") for p in last["providers"]),
            "waiting_before": first["waiting"], "waiting_last": last["waiting"],
            "wellbeing_before": first["wellbeing"], "wellbeing_last": last["wellbeing"],
        })
    return pd.DataFrame(rows).set_index("game")


def compare_teams(docs: list[dict[str, Any]]) -> pd.DataFrame:
    """One row per game and provider team: what it chose on average and where it ended."""
    frame = pd.concat([years_frame(d) for d in docs], ignore_index=True)
    prov = frame[frame["party"].str.startswith("provider_") & (frame["round"] > 0)]
    return prov.groupby(["game", "party"]).agg(
        margin_total=("margin", "sum"), reserves_last=("reserves", "last"), status_last=("status", "last"),
        capacity_pct_mean=("capacity_pct", "mean"), hours_pct_mean=("hours_pct", "mean"),
        prevention_eur_mean=("prevention_eur", "mean"), served_total=("served", "sum"),
        waiting_last=("waiting", "last"))


if __name__ == "__main__":  # python -m zorglab.services.game.export: regenerate the shipped examples
    from zorglab.core.paths import REPO_ROOT

    for key, rel in EXAMPLES.items():
        print(write_example(REPO_ROOT / rel, key))
