"""What a reveal shows: on the trainer's screen one ``RevealView`` per revealed round (charts, agreement,
tables, rationales), chosen by round kind from ``REVEALS``; on a phone ``PhoneResults`` for the participant's case.

Panes are built once; ``show`` sets their objects from the round's answers, so a late answer or a hidden
rationale updates what is there instead of building a new page.
"""

from __future__ import annotations

import pandas as pd
import panel as pn
import param

from zorglab.domain.catalogue import harmonised_products, products
from zorglab.domain.vocabulary import CatalogueKind
from zorglab.services.intervision import render, stats
from zorglab.services.intervision.models import RoundKind
from zorglab.services.intervision.records import RoundInfo, SessionInfo
from zorglab.services.labels import payer_label
from zorglab.ui import intervision_plots as plots
from zorglab.ui.intervision_strings import round_label, tr


def chart_text() -> tuple[pn.pane.HTML, pn.pane.HTML, pn.Card]:
    """A chart's key numbers in words and, one click away, the table behind it (for screen readers and anyone
    who cannot tell the colours apart): (summary pane, table pane, card holding the table)."""
    summary = pn.pane.HTML("", sizing_mode="stretch_width")
    table = pn.pane.HTML("", sizing_mode="stretch_width")
    return summary, table, pn.Card(table, collapsed=True, sizing_mode="stretch_width")


def _summary(text: str) -> str:
    return f'<p class="zl-chart-summary">{render.esc(text)}</p>'


class RevealView(pn.viewable.Viewer):
    """One revealed round on the trainer's screen; subclasses add the panes of their round kind."""

    language: param.Selector[str] = param.Selector(default="nl", objects=["nl", "en"])

    def __init__(self, **params):
        super().__init__(**params)
        self.title = pn.pane.Markdown("")
        self.empty = pn.pane.Markdown("", visible=False)
        self.body = pn.Column(*self._panes(), sizing_mode="stretch_width")
        self.why_title = pn.pane.Markdown("")
        self.why = pn.pane.HTML("", sizing_mode="stretch_width")
        self._layout = pn.Column(self.title, self.empty, self.body, self.why_title, self.why,
                                 sizing_mode="stretch_width")

    def __panel__(self):
        return self._layout

    def _panes(self) -> list:
        raise NotImplementedError

    def _fill(self, df: pd.DataFrame, info: SessionInfo, lang: str) -> None:
        raise NotImplementedError

    def reveal(self, info: SessionInfo, rnd: RoundInfo, df: pd.DataFrame) -> None:
        """(Not ``show``: that is Viewer.show(), which serves the view.) Fill the panes from the round's answers (``df``) in the current language and make them visible."""
        lang = self.language
        self.title.object = (f"## {tr('reveal_of', lang)} {tr('round', lang).lower()} {rnd.position}: "
                             f"{round_label(rnd.spec, lang)}")
        self.empty.param.update(object=f"*{tr('no_answers', lang)}*", visible=df.empty)
        self.body.visible = not df.empty
        if not df.empty:
            self._fill(df, info, lang)
        self.why_title.object = f"### {tr('rationales', lang)}"
        self.why.object = render.rationale_list(stats.anonymous_rationales(df, seed=rnd.round_id), lang)


class IndicatieReveal(RevealView):
    def _panes(self) -> list:
        self.kappa = pn.pane.HTML("")
        self.counts = pn.pane.HoloViews(None, sizing_mode="stretch_width")
        self.spread = pn.pane.HoloViews(None, sizing_mode="stretch_width")
        self.summary, self.table, self.card = chart_text()
        self.spread_table = pn.pane.HTML("")
        return [self.kappa, pn.Row(self.counts, self.spread), self.summary, self.card, self.spread_table]

    def _fill(self, df: pd.DataFrame, info: SessionInfo, lang: str) -> None:
        rev = stats.indicatie_reveal(df)
        self.kappa.object = (render.kappa_badge(rev.summary, tr("kappa_products", lang), lang)
                             + render.kappa_badge(rev.summary_harmonised, tr("kappa_harmonised", lang), lang))
        self.counts.object, self.spread.object = plots.product_counts(rev, lang), plots.cost_spread(rev, lang)
        self.summary.object = _summary(plots.product_summary(rev, lang))
        self.table.object, self.card.title = plots.product_table(rev, lang), tr("chart_table", lang)
        self.spread_table.object = plots.cost_spread_table(rev, lang)


class MdoReveal(RevealView):
    def _panes(self) -> list:
        self.costs = pn.pane.HoloViews(None, sizing_mode="stretch_width")
        self.summary, self.table, self.card = chart_text()
        self.wellbeing = pn.pane.HTML("")
        return [self.costs, self.summary, self.card, self.wellbeing]

    def _fill(self, df: pd.DataFrame, info: SessionInfo, lang: str) -> None:
        rev = stats.mdo_reveal(df, info.cases)
        self.costs.object = plots.payer_costs(rev, lang)
        self.summary.object = _summary(plots.payer_summary(rev, lang))
        self.table.object, self.card.title = plots.payer_table(rev, lang), tr("chart_table", lang)
        self.wellbeing.object = plots.wellbeing_table(rev, lang)


class ArenaReveal(RevealView):
    def _panes(self) -> list:
        self.kappa = pn.pane.HTML("")
        self.roles = pn.pane.HoloViews(None, sizing_mode="stretch_width")
        self.summary, self.table, self.card = chart_text()
        return [self.kappa, self.roles, self.summary, self.card]

    def _fill(self, df: pd.DataFrame, info: SessionInfo, lang: str) -> None:
        rev = stats.arena_reveal(df, info.cases)
        self.kappa.object = render.kappa_badge(rev.summary, tr("kappa_arena", lang), lang)
        self.roles.object = plots.arena_roles(rev, lang)
        self.summary.object = _summary(plots.arena_summary(rev, lang))
        self.table.object, self.card.title = plots.arena_table(rev, lang), tr("chart_table", lang)


REVEALS: dict[RoundKind, type[RevealView]] = {RoundKind.INDICATIE: IndicatieReveal, RoundKind.MDO: MdoReveal,
                                              RoundKind.ARENA: ArenaReveal}


def phone_results_html(info: SessionInfo, rnd: RoundInfo, df: pd.DataFrame, case_id: str, me: int,
                       lang: str) -> str:
    """The room's answers for one case on a participant's phone, their own answer marked."""
    if rnd.spec.kind == RoundKind.INDICATIE:
        table = products() if rnd.spec.catalogue == CatalogueKind.OLD else harmonised_products()
        names = dict(zip(table["code"], table[f"name_{lang}"], strict=True))
        return render.phone_indicatie(stats.indicatie_reveal(df), case_id, me, names, lang)
    if rnd.spec.kind == RoundKind.MDO:
        rev = stats.mdo_reveal(df, info.cases)
        return render.phone_mdo(rev, case_id, me, {p: payer_label(p, lang) for p in rev.per_payer["payer"]}, lang)
    return render.phone_arena(stats.arena_reveal(df, info.cases), case_id, None, lang)


class PhoneResults(pn.viewable.Viewer):
    """The results block on a phone after the reveal: title, the room's answers, the anonymous rationales."""

    def __init__(self, **params):
        super().__init__(**params)
        self.title = pn.pane.Markdown("")
        self.html = pn.pane.HTML("", sizing_mode="stretch_width")
        self.why_title = pn.pane.Markdown("")
        self.why = pn.pane.HTML("", sizing_mode="stretch_width")
        self._layout = pn.Column(self.title, self.html, self.why_title, self.why, sizing_mode="stretch_width",
                                 visible=False)

    def __panel__(self):
        return self._layout

    def reveal(self, info: SessionInfo, rnd: RoundInfo, df: pd.DataFrame, case_id: str, me: int, lang: str) -> None:
        """Fill and show the results of a revealed round (not ``show``: that is Viewer.show())."""
        self.title.object = f"### {tr('round_results', lang, n=rnd.position)} · {render.md_esc(case_id)}"
        has = not df.empty
        self.html.object = (phone_results_html(info, rnd, df, case_id, me, lang) if has
                            else f"<p><i>{render.esc(tr('no_answers', lang))}</i></p>")
        why = [p for p in stats.anonymous_rationales(df, seed=rnd.round_id) if p[0] == case_id] if has else []
        self.why_title.param.update(object=f"#### {tr('rationales', lang)}", visible=has)
        self.why.param.update(object=render.rationale_list(why, lang), visible=has)
        self._layout.visible = True

    def hide(self) -> None:
        self._layout.visible = False
