"""Session exports for the research notebooks: a Dutch CSV, an Excel workbook and a strict JSON document.

Why: trainers hand session data to analysts; the exports carry only participant numbers (never
pseudonyms), plus the derived ratings the reveal showed, so a notebook can recompute every figure.

- CSV: opens in Dutch Excel by double-click -- ``;`` between fields, decimal comma, UTF-8 with BOM,
  times in ISO 8601 (local time with offset), one column per answer field (``product_1``, ``units_per_week_1``,
  ``activity_1``, ``role_gemeente`` ...) with the product or activity name next to each code. Read it with
  ``pandas.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig")``.
- Excel: the same answers sheet (numbers numeric, times as dates), derived tables per round type, 'info'.
- JSON: strict (missing values are ``null``, never ``NaN``), payload kept as objects for
  ``read_session_json`` and the statistics.

Every text cell (a rationale, the session title) that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return is written with a leading ``'`` so a spreadsheet shows it instead of running it; numbers,
negative ones included, stay numbers.
"""

from __future__ import annotations

import csv
import io
import json
import math
from datetime import datetime
from typing import Any

import pandas as pd

from zorglab.core.i18n import t
from zorglab.domain.cases import STAKEHOLDERS
from zorglab.domain.catalogue import harmonised_products, price_list, products
from zorglab.services.intervision.service import IntervisionService
from zorglab.services.intervision.stats import arena_ratings, indicatie_ratings, mdo_lines

EXPORT_VERSION = 3  # 3: arena roles as ArenaRole codes (investor / beneficiary / neutral); 2 held the Dutch ones
CSV_OPTIONS = {"sep": ";", "decimal": ",", "encoding": "utf-8-sig"}  # pandas.read_csv(path, **CSV_OPTIONS)
BASE_COLUMNS = ["answer_id", "round_position", "kind", "catalogue", "participant", "role", "municipality", "case_id"]
TAIL_COLUMNS = ["rationale", "rationale_hidden", "revision", "submitted_at", "updated_at"]


def _formula_tools():
    from zorglab.services.reports.export import (  # lazy: the reports package loads the plotting stack
        csv_value,
        safe_text,
    )

    return csv_value, safe_text


def iso_time(ts: Any) -> str | None:
    """Unix seconds -> ISO 8601 in local time with its UTC offset (e.g. 2025-03-04T10:15:02+01:00)."""
    if ts is None or (isinstance(ts, float) and math.isnan(ts)):
        return None
    return datetime.fromtimestamp(float(ts)).astimezone().isoformat(timespec="seconds")


def _names(language: str) -> dict[str, tuple[str, str]]:
    """code -> (name, unit) for both catalogues and the price list."""
    col = f"name_{language}"
    out: dict[str, tuple[str, str]] = {}
    for table in (products(), harmonised_products(), price_list().rename(columns={"activity": "code"})):
        out.update({c: (n, u) for c, n, u in zip(table["code"], table[col], table["unit"], strict=True)})
    return out


def _none(v: Any) -> Any:
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else v


def answers_table(service: IntervisionService, session_id: int, language: str | None = None) -> pd.DataFrame:
    """One row per stored answer, one column per answer field, names next to codes, ISO 8601 times."""
    info = service.session(session_id)
    lang = language or info.language
    df = service.answers_frame(session_id)
    names = _names(lang)
    rows: list[dict[str, Any]] = []
    n_lines = max([len(p.get("lines", [])) for p in df["payload"]] + [0])
    n_supports = max([len(p.get("supports", [])) for p in df["payload"]] + [0])
    kinds = set(df["kind"])
    for r in df.itertuples(index=False):
        row: dict[str, Any] = {c: _none(getattr(r, c)) for c in BASE_COLUMNS}
        p = r.payload
        if "indicatie" in kinds:
            lines = p.get("lines", [])
            for i in range(n_lines):
                line = lines[i] if i < len(lines) else None
                code = line["product"] if line else None
                row[f"product_{i + 1}"] = code
                row[f"product_{i + 1}_name"] = names.get(code, ("", ""))[0] if code else None
                row[f"product_{i + 1}_unit"] = names.get(code, ("", ""))[1] if code else None
                row[f"units_per_week_{i + 1}"] = float(line["units_per_week"]) if line else None
                row[f"weeks_{i + 1}"] = int(line["weeks"]) if line else None
        if "mdo" in kinds:
            sup = p.get("supports", [])
            for i in range(n_supports):
                s = sup[i] if i < len(sup) else None
                code = s["activity"] if s else None
                row[f"activity_{i + 1}"] = code
                row[f"activity_{i + 1}_name"] = names.get(code, ("", ""))[0] if code else None
                row[f"quantity_{i + 1}"] = float(s["quantity"]) if s else None
                row[f"quantity_{i + 1}_unit"] = names.get(code, ("", ""))[1] if code else None
            row["wellbeing_after"] = p.get("wellbeing_after")
        if "arena" in kinds:
            roles = p.get("roles", {})
            for s in STAKEHOLDERS:
                row[f"role_{s}"] = roles.get(s)
        row.update(rationale=r.rationale, rationale_hidden=bool(r.hidden), revision=int(r.revision),
                   submitted_at=iso_time(r.submitted_at), updated_at=iso_time(r.updated_at))
        rows.append(row)
    if not rows:
        return pd.DataFrame(columns=BASE_COLUMNS + TAIL_COLUMNS)
    out = pd.DataFrame(rows)
    middle = [c for c in out.columns if c not in BASE_COLUMNS + TAIL_COLUMNS]
    return out[BASE_COLUMNS + middle + TAIL_COLUMNS]


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as a Dutch Excel CSV: ``;``, decimal comma, BOM, CRLF, formula-safe text, empty = missing."""
    csv_value, safe_text = _formula_tools()
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    w.writerow([safe_text(str(c)) for c in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        w.writerow([csv_value(v) for v in row])
    return buf.getvalue().encode("utf-8-sig")


def answers_csv(service: IntervisionService, session_id: int) -> bytes:
    return csv_bytes(answers_table(service, session_id))


def _derived(df: pd.DataFrame, language: str) -> dict[str, pd.DataFrame]:
    names = _names(language)
    ind = indicatie_ratings(df[df["kind"] == "indicatie"])
    ind.insert(ind.columns.get_loc("product") + 1, "product_name", ind["product"].map(lambda c: names.get(c, ("",))[0]))
    ind.insert(ind.columns.get_loc("harmonised_product") + 1, "harmonised_product_name",
               ind["harmonised_product"].map(lambda c: names.get(c, ("",))[0]))
    mdo = mdo_lines(df[df["kind"] == "mdo"])
    mdo.insert(mdo.columns.get_loc("activity") + 1, "activity_name", mdo["activity"].map(lambda c: names.get(c, ("",))[0]))
    mdo.insert(mdo.columns.get_loc("quantity") + 1, "unit", mdo["activity"].map(lambda c: names.get(c, ("", ""))[1]))
    return {"indicatie": ind, "mdo": mdo, "arena": arena_ratings(df[df["kind"] == "arena"])}


def _excel_safe(frame: pd.DataFrame) -> pd.DataFrame:
    _, safe_text = _formula_tools()
    out = frame.copy()
    for c in out.columns:
        if not pd.api.types.is_numeric_dtype(out[c]):  # object or (pandas 3) str columns
            out[c] = out[c].map(lambda v: safe_text(v) if isinstance(v, str) else v)
    out.columns = [safe_text(str(c)) for c in out.columns]
    return out


def excel_bytes(service: IntervisionService, session_id: int) -> bytes:
    """Workbook with the answers (one column per field), derived tables per round type and an 'info' sheet."""
    info = service.session(session_id)
    df = service.answers_frame(session_id)
    table = answers_table(service, session_id)
    for c in ("submitted_at", "updated_at"):  # real dates in Excel (local time; the CSV carries the offset)
        table[c] = [datetime.fromisoformat(v).replace(tzinfo=None) if v else None for v in table[c]]
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xl:
        _excel_safe(pd.DataFrame({"veld": ["titel", "cases", "rondes", "let op"],
                                  "waarde": [info.title, ", ".join(info.case_ids),
                                             ", ".join(t(r.spec.label_key, "nl") for r in info.rounds),
                                             t("common.synthetic_notice", "nl")]})).to_excel(xl, sheet_name="info", index=False)
        _excel_safe(table).to_excel(xl, sheet_name="answers", index=False)
        for name, frame in _derived(df, info.language).items():
            _excel_safe(frame).to_excel(xl, sheet_name=name, index=False)
    return buf.getvalue()


def _strict(value: Any) -> Any:
    """NaN/inf/NaT -> None and numpy scalars -> Python, recursively: the JSON parses in any strict parser."""
    if isinstance(value, dict):
        return {str(k): _strict(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_strict(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        value = value.item()
    if value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def session_document(service: IntervisionService, session_id: int) -> dict:
    """JSON-ready dict: session, rounds, anonymous participants and answers (payload kept as objects)."""
    info = service.session(session_id)
    ov = service.overview(session_id)
    df = service.answers_frame(session_id)
    ans = df.assign(submitted_at=df["submitted_at"].map(iso_time), updated_at=df["updated_at"].map(iso_time))
    return _strict({
        "format": "zorglab.services.intervision", "version": EXPORT_VERSION, "notice": t("common.synthetic_notice", "en"),
        "session": {"title": info.title, "language": info.language, "cases": info.case_ids},
        "rounds": [{"round_id": r.round_id, "position": r.position, "kind": r.spec.kind,
                    "catalogue": r.spec.catalogue, "status": r.status} for r in info.rounds],
        "participants": ov.participants[["number", "role", "municipality"]].to_dict(orient="records"),
        "answers": ans.to_dict(orient="records"),
    })


def session_json(service: IntervisionService, session_id: int) -> bytes:
    return json.dumps(session_document(service, session_id), ensure_ascii=False, indent=1,
                      allow_nan=False).encode("utf-8")


def read_session_json(data: bytes | str) -> pd.DataFrame:
    """Back from the JSON export to the answers frame the statistics take (for notebooks)."""
    doc = json.loads(data)
    if doc.get("format") != "zorglab.services.intervision":
        raise ValueError("not a zorglab intervision export (missing format 'zorglab.services.intervision')")
    return pd.DataFrame(doc["answers"])
