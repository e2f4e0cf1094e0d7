"""HTML fragments for the intervision views. Everything a participant typed is escaped here.

Why a separate module: escaping is the one thing that must never be forgotten, so all user text goes
through these small pure functions, which the unit tests check with a ``<script>`` payload.
"""

from __future__ import annotations

import re
from html import escape

import pandas as pd

from zorglab.core.formatting import format_eur, format_number, format_pct
from zorglab.domain.cases import DOMAIN_LABELS, DOMAINS, STAKEHOLDER_LABELS, Case

NEED_WORDS = {0: ("geen", "none"), 1: ("licht", "mild"), 2: ("matig", "moderate"), 3: ("ernstig", "severe")}


def esc(text: object) -> str:
    return escape(str(text), quote=True)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def md_esc(text: object) -> str:
    """Text for a Markdown pane, shown literally: Markdown punctuation backslash-escaped, then HTML escaped
    (so neither ``<script>`` nor ``[link](javascript:...)`` nor ``**`` does anything)."""
    return esc(_MD_SPECIAL.sub(r"\\\1", str(text)))


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


def _bar(n: int, total: int, mine: bool, label: str, language: str) -> str:
    pct = 100.0 * n / total if total else 0.0
    you = f' <b class="iv-you">{"your answer" if language == "en" else "jouw keuze"}</b>' if mine else ""
    return (f'<div class="iv-bar-row"><div class="iv-bar-label">{esc(label)}{you}</div>'
            f'<div class="iv-bar"><span style="width:{pct:.0f}%"></span></div>'
            f'<div class="iv-bar-n">{format_number(n)}</div></div>')


def phone_indicatie(rev, case_id: str, me: int, names: dict[str, str], language: str = "nl") -> str:
    """The reveal on a participant's phone: who chose what for this case, your own choice marked."""
    en = language == "en"
    r = rev.ratings[rev.ratings["case_id"] == case_id]
    if r.empty:
        return f"<p><i>{'No answers for this case.' if en else 'Geen antwoorden voor deze casus.'}</i></p>"
    mine = set(r.loc[r["participant"] == me, "product"])
    counts = r["product"].value_counts()
    rows = "".join(_bar(int(n), len(r), code in mine, names.get(code, code), language) for code, n in counts.items())
    summary = kappa_badge(rev.summary, "All cases" if en else "Alle casussen", language)
    med = r["cost_eur"].median()
    cost = (f"<p>{'Median annual cost' if en else 'Mediane kosten per jaar'}: <b>{format_eur(med)}</b> "
            f"({format_eur(r['cost_eur'].min())} – {format_eur(r['cost_eur'].max())})</p>")
    return f'<div class="iv-phone-results">{rows}{cost}{summary}</div>'


def phone_mdo(rev, case_id: str, me: int, payer_names: dict[str, str], language: str = "nl") -> str:
    en = language == "en"
    pp = rev.per_payer[rev.per_payer["case_id"] == case_id]
    if pp.empty:
        return f"<p><i>{'No answers for this case.' if en else 'Geen antwoorden voor deze casus.'}</i></p>"
    head = (f"<tr><th>{'Payer' if en else 'Betaler'}</th><th>{'Mean proposal' if en else 'Gem. voorstel'}</th>"
            f"<th>{'Now' if en else 'Nu'}</th></tr>")
    rows = "".join(f"<tr><td>{esc(payer_names.get(p.payer, p.payer))}</td><td>{format_eur(p.mean_cost_eur)}</td>"
                   f"<td>{format_eur(p.reference_eur)}</td></tr>" for p in pp.itertuples())
    own = rev.proposals[(rev.proposals["case_id"] == case_id) & (rev.proposals["participant"] == me)]
    you = (f"<p>{'Your proposal' if en else 'Jouw voorstel'}: <b>{format_eur(own['total_eur'].iloc[0])}</b></p>"
           if len(own) else "")
    return f'<div class="iv-phone-results"><table class="zl-table">{head}{rows}</table>{you}</div>'


def phone_arena(rev, case_id: str, me_roles: dict[str, str] | None, language: str = "nl") -> str:
    en = language == "en"
    c = rev.counts[rev.counts["case_id"] == case_id] if len(rev.counts) else pd.DataFrame()
    if c.empty:
        return f"<p><i>{'No answers for this case.' if en else 'Geen antwoorden voor deze casus.'}</i></p>"
    head = (f"<tr><th>{'Stakeholder' if en else 'Belanghebbende'}</th><th>{'invests' if en else 'investeert'}</th>"
            f"<th>{'benefits' if en else 'incasseert'}</th><th>{'case material' if en else 'casusmateriaal'}</th></tr>")
    ref_words = {"investeerder": "invests" if en else "investeert", "incasseerder": "benefits" if en else "incasseert"}
    rows = "".join(
        f"<tr><td>{esc(STAKEHOLDER_LABELS[r.stakeholder][1 if en else 0])}</td><td>{format_number(r.investeerder)}</td>"
        f"<td>{format_number(r.incasseerder)}</td>"
        f"<td>{esc(ref_words.get(r.reference, '–') if isinstance(r.reference, str) else '–')}</td></tr>"
        for r in c.itertuples())
    return (f'<div class="iv-phone-results"><table class="zl-table">{head}{rows}</table>'
            f'{kappa_badge(rev.summary, "Effects arena" if en else "Effectenarena", language)}</div>')
