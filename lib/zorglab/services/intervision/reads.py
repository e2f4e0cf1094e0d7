"""The trainer's read models: the live overview (who joined, who answered which round, who is missing) and
the anonymous answers frame every reveal, export and statistic starts from.

A mixin of ``IntervisionService`` (it needs its ``storage``): reading for display is one job, the session
logic another.
"""

from __future__ import annotations

import time

import pandas as pd
from sqlalchemy import select

from zorglab.services.intervision.models import stored_payload
from zorglab.services.intervision.records import Overview, effective_status
from zorglab.services.intervision.storage import Storage, answers, participants, rounds, sessions


class SessionReads:
    """Read-only views of a session for the console, the reveals and the exports."""

    storage: Storage

    def overview(self, session_id: int) -> Overview:
        with self.storage.read() as conn:
            version = conn.execute(select(sessions.c.version).where(sessions.c.id == session_id)).scalar() or 0
            ps = pd.DataFrame(conn.execute(
                select(participants.c.id, participants.c.number, participants.c.pseudonym, participants.c.role,
                       participants.c.municipality, participants.c.joined_at)
                .where(participants.c.session_id == session_id).order_by(participants.c.number)).mappings().all(),
                columns=["id", "number", "pseudonym", "role", "municipality", "joined_at"])
            ans = pd.DataFrame(conn.execute(
                select(answers.c.id, answers.c.round_id, answers.c.participant_id)
                .join(rounds, rounds.c.id == answers.c.round_id)
                .where(rounds.c.session_id == session_id)).mappings().all(),
                columns=["id", "round_id", "participant_id"])
            rs = pd.DataFrame(conn.execute(
                select(rounds.c.id.label("round_id"), rounds.c.position, rounds.c.kind, rounds.c.catalogue,
                       rounds.c.status, rounds.c.deadline_at).where(rounds.c.session_id == session_id)
                .order_by(rounds.c.position)).mappings().all(),
                columns=["round_id", "position", "kind", "catalogue", "status", "deadline_at"])
        ps = ps.astype({"role": object, "municipality": object})
        ps[["role", "municipality"]] = ps[["role", "municipality"]].where(ps[["role", "municipality"]].notna(), None)
        per_p = ans.groupby("participant_id").size()
        ps["n_answers"] = ps["id"].map(per_p).fillna(0).astype(int)
        now = time.time()
        rs["status"] = [effective_status(st, None if pd.isna(d) else d, now)[0]
                        for st, d in zip(rs["status"], rs["deadline_at"], strict=True)]
        rs["n_answers"] = rs["round_id"].map(ans.groupby("round_id").size()).fillna(0).astype(int)
        rs["n_participants"] = rs["round_id"].map(ans.groupby("round_id")["participant_id"].nunique()).fillna(0).astype(int)
        rs["n_joined"] = len(ps)
        answered = ans.groupby("round_id")["participant_id"].agg(set).to_dict()
        missing = {int(rid): [p for i, p in zip(ps["id"], ps["pseudonym"], strict=True)
                              if i not in answered.get(rid, set())] for rid in rs["round_id"]}
        return Overview(int(version), ps.drop(columns="id"), rs.drop(columns="deadline_at"),
                        set(ans["id"].astype(int)), missing)

    def answers_frame(self, session_id: int, round_id: int | None = None) -> pd.DataFrame:
        """Anonymous answers: participant number (never the pseudonym), role, municipality, payload, and whether
        the trainer hid the rationale."""
        q = (select(answers.c.id.label("answer_id"), answers.c.round_id, rounds.c.position.label("round_position"),
                    rounds.c.kind, rounds.c.catalogue, participants.c.number.label("participant"),
                    participants.c.role, participants.c.municipality, answers.c.case_id, answers.c.payload,
                    answers.c.rationale, answers.c.hidden, answers.c.revision, answers.c.submitted_at,
                    answers.c.updated_at)
             .join(rounds, rounds.c.id == answers.c.round_id)
             .join(participants, participants.c.id == answers.c.participant_id)
             .where(rounds.c.session_id == session_id))
        if round_id is not None:
            q = q.where(answers.c.round_id == round_id)
        with self.storage.read() as conn:
            rows = conn.execute(q.order_by(answers.c.id)).mappings().all()
        df = pd.DataFrame(rows, columns=["answer_id", "round_id", "round_position", "kind", "catalogue",
                                         "participant", "role", "municipality", "case_id", "payload", "rationale",
                                         "hidden", "revision", "submitted_at", "updated_at"])
        df["payload"] = df["payload"].map(stored_payload)  # old Dutch role codes read as today's codes
        df["hidden"] = df["hidden"].fillna(False).astype(bool)
        return df
