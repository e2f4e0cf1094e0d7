"""Session exports for the research notebooks: tidy CSV, an Excel workbook and a JSON document.

Why: trainers hand session data to analysts; the exports carry only participant numbers (never
pseudonyms), plus the derived ratings the reveal showed, so a notebook can recompute every figure.
"""

from __future__ import annotations

import io
import json

import pandas as pd

from ..i18n import COMMON
from .service import IntervisionService
from .stats import arena_ratings, indicatie_ratings, mdo_lines

EXPORT_VERSION = 1


def answers_table(service: IntervisionService, session_id: int) -> pd.DataFrame:
    """One row per stored answer, payload as a JSON string (flat enough for CSV)."""
    df = service.answers_frame(session_id)
    out = df.drop(columns=["payload"]).copy()
    out.insert(out.columns.get_loc("rationale"), "payload",
               df["payload"].map(lambda p: json.dumps(p, ensure_ascii=False, sort_keys=True)))
    return out


def answers_csv(service: IntervisionService, session_id: int) -> bytes:
    return answers_table(service, session_id).to_csv(index=False).encode("utf-8")


def _derived(df: pd.DataFrame) -> dict[str, pd.DataFrame]:
    return {
        "indicatie": indicatie_ratings(df[df["kind"] == "indicatie"]),
        "mdo": mdo_lines(df[df["kind"] == "mdo"]),
        "arena": arena_ratings(df[df["kind"] == "arena"]),
    }


def excel_bytes(service: IntervisionService, session_id: int) -> bytes:
    """Workbook with the raw answers, derived tables per round type and an 'info' sheet."""
    info = service.session(session_id)
    df = service.answers_frame(session_id)
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xl:
        pd.DataFrame({"veld": ["titel", "cases", "rondes", "let op"],
                      "waarde": [info.title, ", ".join(info.case_ids),
                                 ", ".join(r.spec.label("nl") for r in info.rounds), COMMON["synthetic_notice"][0]]}
                     ).to_excel(xl, sheet_name="info", index=False)
        answers_table(service, session_id).to_excel(xl, sheet_name="answers", index=False)
        for name, frame in _derived(df).items():
            frame.to_excel(xl, sheet_name=name, index=False)
    return buf.getvalue()


def session_document(service: IntervisionService, session_id: int) -> dict:
    """JSON-ready dict: session, rounds, anonymous participants and answers (payload kept as objects)."""
    info = service.session(session_id)
    ov = service.overview(session_id)
    df = service.answers_frame(session_id)
    return {
        "format": "zorglab.intervision", "version": EXPORT_VERSION, "notice": COMMON["synthetic_notice"][1],
        "session": {"title": info.title, "language": info.language, "cases": info.case_ids},
        "rounds": [{"round_id": r.round_id, "position": r.position, "kind": r.spec.kind,
                    "catalogue": r.spec.catalogue, "status": r.status} for r in info.rounds],
        "participants": ov.participants[["number", "role", "municipality"]].to_dict(orient="records"),
        "answers": df.to_dict(orient="records"),
    }


def session_json(service: IntervisionService, session_id: int) -> bytes:
    return json.dumps(session_document(service, session_id), ensure_ascii=False, indent=1, default=str).encode("utf-8")


def read_session_json(data: bytes | str) -> pd.DataFrame:
    """Back from the JSON export to the answers frame the statistics take (for notebooks)."""
    doc = json.loads(data)
    if doc.get("format") != "zorglab.intervision":
        raise ValueError("not a zorglab intervision export (missing format 'zorglab.intervision')")
    return pd.DataFrame(doc["answers"])
