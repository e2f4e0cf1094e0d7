"""HTML fragments for the intervision views. Everything a participant typed is escaped here.

Why a separate module: escaping is the one thing that must never be forgotten, so all user text goes
through these small pure functions, which the unit tests check with a ``<script>`` payload.
"""

from __future__ import annotations

from html import escape

from ..cases import DOMAIN_LABELS, DOMAINS, Case
from ..formatting import format_number, format_pct

NEED_WORDS = {0: ("geen", "none"), 1: ("licht", "mild"), 2: ("matig", "moderate"), 3: ("ernstig", "severe")}


def esc(text: object) -> str:
    return escape(str(text), quote=True)


def case_card(case: Case, language: str = "nl") -> str:
    """The case as participants read it: the resident's own words first, then needs and context."""
    en = language == "en"
    needs = "".join(
        f"<li>{esc(DOMAIN_LABELS[d][1 if en else 0])}: <b>{esc(NEED_WORDS[case.needs[d]][1 if en else 0])}</b></li>"
        for d in DOMAINS if case.needs[d] > 0)
    lab = (("I want", "I can", "I need", "Needs", "Context", "Household") if en
           else ("Ik wil", "Ik kan", "Ik heb nodig", "Ondersteuningsbehoefte", "Context", "Huishouden"))
    return (
        f'<div class="iv-case"><h3>{esc(case.case_id)} · {esc(case.title(language))}</h3>'
        f"<p><b>{lab[5]}:</b> {esc(case.household_nl)} · {esc(case.municipality)}</p>"
        f"<p><b>{lab[0]}:</b> {esc(case.ik_wil)}</p><p><b>{lab[1]}:</b> {esc(case.ik_kan)}</p>"
        f"<p><b>{lab[2]}:</b> {esc(case.ik_heb_nodig)}</p>"
        f"<p><b>{lab[3]}:</b></p><ul>{needs}</ul><p><b>{lab[4]}:</b> {esc(case.context_nl)}</p></div>")


def rationale_list(pairs: list[tuple[str, str]], language: str = "nl") -> str:
    """Anonymous rationales grouped per case; the text is escaped, never interpreted."""
    if not pairs:
        return f"<p><i>{'No rationales yet.' if language == 'en' else 'Nog geen toelichtingen.'}</i></p>"
    out, current = [], None
    for case_id, text in pairs:
        if case_id != current:
            if current is not None:
                out.append("</ul>")
            out.append(f'<h4>{esc(case_id)}</h4><ul class="iv-rationales">')
            current = case_id
        out.append(f"<li>{esc(text)}</li>")
    out.append("</ul>")
    return "".join(out)


def participant_list(rows: list[tuple[str, str | None, str | None, int]], language: str = "nl") -> str:
    """Trainer's live list: pseudonym, role, municipality, answers given (never which answer)."""
    if not rows:
        return (f"<p><i>{'Nobody has joined yet. Share the code or QR code.' if language == 'en' else 'Nog niemand doet mee. Deel de code of de QR-code.'}</i></p>")
    items = "".join(
        f"<li><b>{esc(p)}</b>{' · ' + esc(r) if r else ''}{' · ' + esc(m) if m else ''} "
        f'<span class="iv-count">({format_number(n)})</span></li>' for p, r, m, n in rows)
    return f'<ul class="iv-participants">{items}</ul>'


def kappa_badge(summary: dict | None, label: str, language: str = "nl") -> str:
    if not summary:
        return (f"<p>{esc(label)}: <i>{'at least 2 answers per case needed' if language == 'en' else 'minstens 2 antwoorden per casus nodig'}</i></p>")
    return (f'<p class="iv-kappa">{esc(label)}: {"agreement" if language == "en" else "overeenstemming"} '
            f"<b>{format_pct(summary['pct_agreement'])}</b>, Fleiss' kappa <b>{format_number(summary['fleiss_kappa'], 2)}</b>"
            f" ({format_number(summary['cases'])} {'cases' if language == 'en' else 'casussen'})</p>")
