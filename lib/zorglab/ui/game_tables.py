"""The purchasing game's figures as escaped HTML: what each role knows, its contract, the game's assumptions, a
decision in words, the debrief's balance and paths, the dashboard's year table.

Pure functions of the stored years (``GameService.years``) and a language, so tests read them without a page;
every word comes from the catalogue (``zorglab.ui.game_strings``), every number from the service.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from zorglab.core.formatting import format_eur, format_number, format_pct
from zorglab.domain import assumptions
from zorglab.services.game import debrief
from zorglab.services.game.model import Funding, Role, team_role
from zorglab.services.intervision.render import esc
from zorglab.ui.game_strings import say, team_label, tr


def html_table(header: list[str], rows: list[list[str]], text: bool = False) -> str:
    """An HTML table; cells are escaped here. ``text``: cells of running text wrap (left-aligned, zl-text)."""
    head = "".join(f"<th scope='col'>{esc(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>" for r in rows)
    cls = "zl-table zl-text" if text else "zl-table"
    return (f"<div class='pg-scroll'><table class='{cls}'><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table></div>")


def eur(value: float) -> str:
    return format_eur(value, 0)


def _tick(value: Any) -> str:
    return "✓" if value else "–"


# ---------------------------------------------------------------------------------------------- what a role knows
def _municipality_rows(last: dict, language: str) -> list[list[str]]:
    def w(k: str) -> str:
        return tr(k, language)
    rows = [[w("spend"), eur(last["municipality"]["total"])],
            [w("spend") + " " + w("per_inhabitant"), format_eur(last["municipality"]["per_inhabitant"], 2)],
            [w("clients"), format_number(last["clients"])], [w("waiting"), format_number(last["waiting"])],
            [w("wellbeing"), format_number(last["wellbeing"], 2)],
            [w("mdo_count"), format_number(last["municipality"]["mdo_count"])]]
    return rows + [[team_label(f"provider_{p['provider']}", language) + ": " + w("status").lower(),
                    w(f"status_{p['status']}")] for p in last["providers"]]


def _provider_rows(last: dict, number: int, language: str) -> list[list[str]]:
    def w(k: str) -> str:
        return tr(k, language)
    p = last["providers"][number - 1]
    return [[w("clients"), format_number(p["allocated"])], [w("served"), format_number(p["served"])],
            [w("waiting"), format_number(p["waiting"])], [w("revenue"), eur(p["revenue"])],
            [w("margin"), eur(p["margin"])], [w("reserves"), eur(p["reserves"])],
            [w("status"), w(f"status_{p['status']}")], [w("delivered"), format_pct(p["delivered_share"], 0)],
            [w("extra_hour"), format_eur(p["extra_hour_margin"], 2)],
            [w("turned_away"), format_number(p["turned_away"])]]


def _area_team_rows(last: dict, language: str) -> list[list[str]]:
    def w(k: str) -> str:
        return tr(k, language)
    rows = [[w("clients"), format_number(last["clients"])], [w("served"), format_number(last["served"])],
            [w("waiting"), format_number(last["waiting"])], [w("wellbeing"), format_number(last["wellbeing"], 2)],
            [w("mdo_count"), format_number(last["municipality"]["mdo_count"])]]
    return rows + [[team_label(f"provider_{p['provider']}", language) + ": " + w("clients").lower(),
                    format_number(p["allocated"])] for p in last["providers"]]


def _insurer_rows(last: dict, language: str) -> list[list[str]]:
    def w(k: str) -> str:
        return tr(k, language)
    return [[w("insurer_spend"), eur(last["insurer"]["total"])], [w("waiting"), format_number(last["waiting"])],
            [w("wellbeing"), format_number(last["wellbeing"], 2)],
            [w("mdo_count"), format_number(last["municipality"]["mdo_count"])]]


def contract_html(contract: dict, language: str) -> str:
    """The municipality's terms a provider works under this year."""
    def w(k: str) -> str:
        return tr(k, language)
    funding = contract.get("funding", Funding.PXQ.value)
    terms = [[w("funding"), w(f"funding_{funding}")]]
    if funding == Funding.LUMPSUM.value:
        terms += [[w("budget_factor"), format_number(contract.get("budget_factor", 1.0), 2)],
                  [w("corridor"), _tick(contract.get("corridor"))]]
    else:
        terms.append([w("price_factor"), format_number(contract.get("price_factor", 1.0), 2)])
    terms.append([w("pay_on_time"), _tick(contract.get("pay_on_time", True))])
    return f"<h3>{esc(w('contract'))}</h3>" + html_table(["", ""], terms)


def role_view(team: str, years: list, contract: dict | None, language: str) -> str:
    """The figures a team's role would know after the last computed year (HTML, escaped)."""
    if not years:
        return esc(tr("no_year_yet", language))
    last = years[-1].outcome
    role = team_role(team)
    if role == Role.MUNICIPALITY:
        rows = _municipality_rows(last, language)
    elif role == Role.PROVIDER:
        rows = _provider_rows(last, int(team.split("_", 1)[1]), language)
    elif role == Role.AREA_TEAM:
        rows = _area_team_rows(last, language)
    else:
        rows = _insurer_rows(last, language)
    page = html_table([tr("last_year", language, year=last["calendar_year"]), ""], rows)
    if contract and role == Role.PROVIDER:
        page += contract_html(contract, language)
    return page


# ---------------------------------------------------------------------------------------------- assumptions
def assumption_value(a: assumptions.Assumption, language: str) -> str:
    """A registry value as a reader expects it: shares as percentages, money in euros, hours and points worded."""
    if a.unit == "share":
        return format_pct(a.value, 0 if float(a.value * 100).is_integer() else 1)
    if a.unit == "EUR":
        return format_eur(a.value, 0)
    number = format_number(a.value, 0 if float(a.value).is_integer() else 2)
    if a.unit in ("hours", "points"):
        return f"{number} {tr('unit_' + a.unit, language)}"
    return number


def assumptions_html(language: str) -> str:
    """The game's assumptions (``zorglab.domain.assumptions.GAME_ASSUMPTIONS``, read now): name, value, source."""
    rows = [[a.label(language), assumption_value(a, language), a.source(language)]
            for a in assumptions.GAME_ASSUMPTIONS]
    header = [tr("col_assumption", language), tr("col_value", language), tr("col_source", language)]
    return f"<p>{esc(tr('assumptions_intro', language))}</p>" + html_table(header, rows, text=True)


# ---------------------------------------------------------------------------------------------- decisions, debrief
def decision_words(team: str, d: dict, language: str) -> str:
    """A team's decision in words, e.g. 'capaciteit 110%; intake selectief; ...'."""
    if not d:
        return ""

    def w(k: str) -> str:
        return tr(k, language)

    def yes(v: Any) -> str:
        return w("yes") if v else w("no")
    role = team_role(team)
    if role == Role.MUNICIPALITY:
        money = (f"{w('budget_factor')} × {format_number(d.get('budget_factor', 1.0), 2)}, {w('corridor')}: "
                 f"{yes(d.get('corridor'))}" if d.get("funding") == Funding.LUMPSUM.value else
                 f"{w('price_factor')} × {format_number(d.get('price_factor', 1.0), 2)}")
        return (f"{w('funding_' + d.get('funding', 'pxq'))}; {money}; "
                f"{w('pay_on_time')}: {yes(d.get('pay_on_time', True))}")
    if role == Role.PROVIDER:
        return (f"{w('capacity_pct')}: {d.get('capacity_pct', 100)}%; {w('intake')}: "
                f"{w('intake_' + d.get('intake', 'standard'))}; {w('hours_pct')}: {d.get('hours_pct', 100)}%; "
                f"{w('prevention_eur')}: {format_eur(d.get('prevention_eur', 0), 0)}")
    if role == Role.AREA_TEAM:
        sent: dict[int, int] = {}
        for p in d.get("assignments", {}).values():
            sent[p] = sent.get(p, 0) + 1
        cases = ", ".join(f"{team_label(f'provider_{p}', language)} ({n})" for p, n in sorted(sent.items()))
        return (f"{w('assign')} {cases or '–'}; {w('mdo_pct')}: {d.get('mdo_pct', 0)}%; "
                f"{w('agree_results')}: {yes(d.get('agree_results'))}")
    return f"{w('cofund_eur')}: {format_eur(d.get('cofund_eur', 0), 0)}"


def balance_html(years: list, language: str) -> str:
    """Who gained, who paid, what happened to residents: start, end, change and total per party and measure."""
    rows = []
    for b in debrief.balance(years):
        money = b.measure in ("spend", "insurer_spend", "reserves")
        fmt = eur if money else (lambda v: format_number(v, 2)) if b.measure == "wellbeing" else format_number
        rows.append([team_label(b.team, language), tr(b.measure, language), fmt(b.start), fmt(b.end), fmt(b.change),
                     eur(b.total) if b.total is not None else ""])
    header = [tr(k, language) for k in ("party", "measure", "start", "end", "change", "total")]
    return html_table(header, rows)


def path_html(years: list, language: str, team: str | None = None) -> str:
    """Per role, each year's decision in force and what followed from it; ``team``: only that team (and residents)."""
    found: dict[tuple[str, int], list[str]] = {}
    for f in debrief.findings(years):
        found.setdefault((f.team, f.round), []).append(say(f"finding_{f.code}", language, team=f.team, **f.params))
    teams = [k for k in (years[-1].decisions if len(years) > 1 else {})] + ["residents"]
    if team is not None:
        teams = [x for x in teams if x in (team, "residents")]
    start = years[0].outcome["calendar_year"]
    parts = []
    for who in teams:
        items = []
        for y in years[1:]:
            lines = found.get((who, y.round), [])
            choice = decision_words(who, y.decisions.get(who, {}), language) if who != "residents" else ""
            if not (choice or lines):
                continue
            body = (f"<b>{esc(tr('decision', language))}:</b> {esc(choice)}" if choice else "") + (
                "<ul>" + "".join(f"<li>{esc(x)}</li>" for x in lines) + "</ul>" if lines else "")
            items.append(f"<li><b>{esc(tr('year', language))} {start + y.round}</b> — {body}</li>")
        if items:
            parts.append(f"<h4>{esc(team_label(who, language))}</h4><ul>{''.join(items)}</ul>")
    return "".join(parts)


def years_html(df: Any, language: str) -> str:
    """The dashboard's table: one row per computed year (``game_plots.year_table``)."""
    cols: list[tuple[str, str, Callable[[Any], str]]] = [("year", tr("year", language), str), ("spend", tr("spend", language), eur),
            ("insurer", tr("insurer_spend", language), eur), ("clients", tr("clients", language), format_number),
            ("waiting", tr("waiting", language), format_number),
            ("wellbeing", tr("wellbeing", language), lambda v: format_number(v, 2))]
    cols += [(c, team_label(f"provider_{c.split('_')[1]}", language) + ": " + tr("reserves", language).lower(), eur)
             for c in df.columns if c.startswith("reserves_")]
    return html_table([c[1] for c in cols], [[f(r[k]) for k, _, f in cols] for r in df.to_dict("records")])
