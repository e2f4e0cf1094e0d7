"""HTML fragments for the intervision views. Everything a participant typed is escaped here.

Why a separate module: escaping is the one thing that must never be forgotten, so all user text goes
through these small pure functions, which the unit tests check with a ``<script>`` payload. Words come
from the ``intervision`` namespace of the catalogue; the domain's codes (stakeholders, arena roles, life domains,
need levels) are worded by ``zorglab.services.labels``, like everywhere else.
"""

from __future__ import annotations

import re
from html import escape

import pandas as pd

from zorglab.core.formatting import format_eur, format_number, format_pct
from zorglab.core.i18n import Translator
from zorglab.domain import case_text
from zorglab.domain.cases import DOMAINS, Case
from zorglab.domain.vocabulary import ArenaRole
from zorglab.services.labels import need_domain_label, need_level_label, role_verb, stakeholder_label

tr = Translator("intervision")


def esc(text: object) -> str:
    return escape(str(text), quote=True)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def md_esc(text: object) -> str:
    """Text for a Markdown pane, shown literally: Markdown punctuation backslash-escaped, then HTML escaped
    (so neither ``<script>`` nor ``[link](javascript:...)`` nor ``**`` does anything)."""
    return esc(_MD_SPECIAL.sub(r"\\\1", str(text)))


def case_card(case: Case, language: str = "nl") -> str:
    """The case as participants read it: the resident's own words first, then needs and context (the case
    material in the reader's language, ``zorglab.domain.case_text``)."""
    needs = "".join(f"<li>{esc(need_domain_label(d, language))}: <b>{esc(need_level_label(case.needs[d], language))}"
                    "</b></li>" for d in DOMAINS if case.needs[d] > 0)

    def lab(key: str) -> str:
        return esc(tr(key, language))

    return (
        f'<div class="iv-case"><h3>{esc(case.case_id)} · {esc(case.title(language))}</h3>'
        f"<p><b>{lab('case_household')}:</b> {esc(case_text.household(case, language))} · {esc(case.municipality)}</p>"
        f"<p><b>{lab('case_i_want')}:</b> {esc(case_text.ik_wil(case, language))}</p>"
        f"<p><b>{lab('case_i_can')}:</b> {esc(case_text.ik_kan(case, language))}</p>"
        f"<p><b>{lab('case_i_need')}:</b> {esc(case_text.ik_heb_nodig(case, language))}</p>"
        f"<p><b>{lab('case_needs')}:</b></p><ul>{needs}</ul>"
        f"<p><b>{lab('case_context')}:</b> {esc(case_text.context(case, language))}</p>"
        "</div>")


def rationale_list(pairs: list[tuple[str, str]], language: str = "nl") -> str:
    """Anonymous rationales grouped per case; the text is escaped, never interpreted."""
    if not pairs:
        return f"<p><i>{esc(tr('no_rationales', language))}</i></p>"
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
        return f"<p><i>{esc(tr('nobody_joined', language))}</i></p>"
    items = "".join(
        f"<li><b>{esc(p)}</b>{' · ' + esc(r) if r else ''}{' · ' + esc(m) if m else ''} "
        f'<span class="iv-count">({format_number(n)})</span></li>' for p, r, m, n in rows)
    return f'<ul class="iv-participants">{items}</ul>'


def kappa_badge(summary: dict | None, label: str, language: str = "nl") -> str:
    if not summary:
        return f"<p>{esc(label)}: <i>{esc(tr('kappa_too_few', language))}</i></p>"
    line = tr("kappa_line", language, pct=format_pct(summary["pct_agreement"]),
              kappa=format_number(summary["fleiss_kappa"], 2), cases=format_number(summary["cases"]))
    return f'<p class="iv-kappa">{esc(label)}: {line}</p>'


def _no_answers(language: str) -> str:
    return f"<p><i>{esc(tr('no_answers_case', language))}</i></p>"


def _bar(n: int, total: int, mine: bool, label: str, language: str) -> str:
    pct = 100.0 * n / total if total else 0.0
    you = f' <b class="iv-you">{esc(tr("your_choice", language))}</b>' if mine else ""
    return (f'<div class="iv-bar-row"><div class="iv-bar-label">{esc(label)}{you}</div>'
            f'<div class="iv-bar"><span style="width:{pct:.0f}%"></span></div>'
            f'<div class="iv-bar-n">{format_number(n)}</div></div>')


def phone_indicatie(rev, case_id: str, me: int, names: dict[str, str], language: str = "nl") -> str:
    """The reveal on a participant's phone: who chose what for this case, your own choice marked."""
    r = rev.ratings[rev.ratings["case_id"] == case_id]
    if r.empty:
        return _no_answers(language)
    mine = set(r.loc[r["participant"] == me, "product"])
    counts = r["product"].value_counts()
    rows = "".join(_bar(int(n), len(r), code in mine, names.get(code, code), language) for code, n in counts.items())
    summary = kappa_badge(rev.summary, tr("all_cases", language), language)
    med = r["cost_eur"].median()
    cost = (f"<p>{esc(tr('median_cost', language))}: <b>{format_eur(med)}</b> "
            f"({format_eur(r['cost_eur'].min())} – {format_eur(r['cost_eur'].max())})</p>")
    return f'<div class="iv-phone-results">{rows}{cost}{summary}</div>'


def phone_mdo(rev, case_id: str, me: int, payer_names: dict[str, str], language: str = "nl") -> str:
    pp = rev.per_payer[rev.per_payer["case_id"] == case_id]
    if pp.empty:
        return _no_answers(language)
    head = "".join(f"<th>{esc(tr(k, language))}</th>" for k in ("payer", "mean_proposal", "now"))
    rows = "".join(f"<tr><td>{esc(payer_names.get(p.payer, p.payer))}</td><td>{format_eur(p.mean_cost_eur)}</td>"
                   f"<td>{format_eur(p.reference_eur)}</td></tr>" for p in pp.itertuples())
    own = rev.proposals[(rev.proposals["case_id"] == case_id) & (rev.proposals["participant"] == me)]
    you = (f"<p>{esc(tr('your_proposal', language))}: <b>{format_eur(own['total_eur'].iloc[0])}</b></p>"
           if len(own) else "")
    return f'<div class="iv-phone-results"><table class="zl-table"><tr>{head}</tr>{rows}</table>{you}</div>'


def phone_arena(rev, case_id: str, me_roles: dict[str, str] | None, language: str = "nl") -> str:
    c = rev.counts[rev.counts["case_id"] == case_id] if len(rev.counts) else pd.DataFrame()
    if c.empty:
        return _no_answers(language)
    money_roles = (ArenaRole.INVESTOR, ArenaRole.BENEFICIARY)
    head = "".join(f"<th>{esc(h)}</th>" for h in (tr("stakeholder", language), *(role_verb(r, language) for r in money_roles),
                                                   tr("case_material", language)))

    def reference(code: object) -> str:
        return esc(role_verb(str(code), language)) if code in money_roles else "–"

    rows = "".join(
        f"<tr><td>{esc(stakeholder_label(r.stakeholder, language))}</td><td>{format_number(r.investor)}</td>"
        f"<td>{format_number(r.beneficiary)}</td><td>{reference(r.reference)}</td></tr>" for r in c.itertuples())
    return (f'<div class="iv-phone-results"><table class="zl-table"><tr>{head}</tr>{rows}</table>'
            f'{kappa_badge(rev.summary, tr("arena_short", language), language)}</div>')
