"""Reveal plots of the live intervision app (HoloViews/Bokeh), built from zorglab.services.intervision.stats results.

Each plot comes with a one-sentence text alternative giving its key numbers (``*_summary``) and the table behind
it (``*_table``): a screen reader, or anyone who cannot tell the colours apart, gets the same facts (WCAG 1.1.1).
Colours are the Okabe-Ito set (distinguishable with the common forms of colour blindness).
"""

from __future__ import annotations

import holoviews as hv
import pandas as pd

from zorglab.core.axis_format import eur_axis
from zorglab.core.formatting import format_eur, format_number
from zorglab.domain.catalogue import product_name
from zorglab.domain.vocabulary import ArenaRole
from zorglab.services.intervision import render
from zorglab.services.intervision.stats import ArenaReveal, IndicatieReveal, MdoReveal
from zorglab.services.labels import payer_label, role_verb, stakeholder_label
from zorglab.ui.intervision_strings import tr
from zorglab.ui.theme import NAVY, ORANGE, SAFE_PALETTE

hv.extension("bokeh", logo=False)

_OPTS = {"responsive": True, "height": 320, "toolbar": None, "fontscale": 1.1}


def _name(code: str, language: str) -> str:
    try:
        return product_name(code, language)
    except ValueError:
        return code


def product_counts(rev: IndicatieReveal, language: str) -> hv.Bars:
    """How many participants chose each product, per case (stacked): the spread at a glance."""
    long = rev.counts.stack().rename("n").reset_index()
    long = long[long["n"] > 0]
    long["product"] = long["product"].map(lambda c: _name(c, language))
    return hv.Bars(long, [("case_id", tr("case", language)), ("product", tr("product", language))],
                   ("n", tr("count", language))).opts(stacked=True, legend_position="right", cmap=SAFE_PALETTE,
                                                      title=tr("kappa_products", language), **_OPTS)


def cost_spread(rev: IndicatieReveal, language: str) -> hv.Overlay:
    """Each participant's annual cost per case as a dot, with the median as a bar behind it."""
    r = rev.ratings
    med = r.groupby("case_id", as_index=False)["cost_eur"].median()
    kd, vd = ("case_id", tr("case", language)), ("cost_eur", tr("cost", language) + " (€)")
    bars = hv.Bars(med, kd, vd).opts(color="#d7dee6", line_color=None)
    dots = hv.Scatter(r, kd, vd).opts(color=ORANGE, size=11, jitter=0.3)
    return (bars * dots).opts(title=tr("cost_spread", language), yformatter=eur_axis(), **_OPTS)


def payer_costs(rev: MdoReveal, language: str) -> hv.Bars:
    pp = rev.per_payer.groupby("payer", as_index=False)[["mean_cost_eur", "reference_eur"]].sum()
    long = pd.concat([
        pd.DataFrame({"payer": pp["payer"], "series": tr("proposal", language), "eur": pp["mean_cost_eur"]}),
        pd.DataFrame({"payer": pp["payer"], "series": tr("reference", language), "eur": pp["reference_eur"]})])
    long["payer"] = long["payer"].map(lambda p: payer_label(p, language))
    return hv.Bars(long, [("payer", tr("payer", language)), ("series", " ")], ("eur", tr("amount", language) + " (€)")).opts(
        color=hv.dim("series").categorize({tr("proposal", language): ORANGE, tr("reference", language): NAVY}),
        title=tr("per_payer", language), yformatter=eur_axis(), xlabel=tr("payer", language), **_OPTS)


_MONEY_ROLES = [ArenaRole.INVESTOR.value, ArenaRole.BENEFICIARY.value]  # the counts' columns a plot shows


def arena_roles(rev: ArenaReveal, language: str) -> hv.Bars:
    c = rev.counts.groupby("stakeholder", as_index=False)[_MONEY_ROLES].sum()
    c["stakeholder"] = c["stakeholder"].map(lambda s: stakeholder_label(s, language))
    lab = {role: role_verb(role, language) for role in _MONEY_ROLES}
    long = c.melt("stakeholder", var_name="role", value_name="n")
    long["role"] = long["role"].map(lab)
    colours = {lab[ArenaRole.INVESTOR.value]: NAVY, lab[ArenaRole.BENEFICIARY.value]: ORANGE}
    return hv.Bars(long, [("stakeholder", tr("stakeholder", language)), ("role", " ")], ("n", tr("count", language))).opts(
        color=hv.dim("role").categorize(colours),
        title=tr("kappa_arena", language), xlabel=tr("stakeholder", language), xrotation=30, **_OPTS)


# ---------------------------------------------------------------- text alternatives and the tables behind the plots


def _table(caption: str, header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{render.esc(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{render.esc(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f'<table class="zl-table"><caption>{render.esc(caption)}</caption><tr>{head}</tr>{body}</table>'


def product_summary(rev: IndicatieReveal, language: str) -> str:
    """Per case the product chosen most and by how many of the participants who answered."""
    parts = []
    for case_id, row in rev.counts.iterrows():
        n, top = int(row.sum()), row.idxmax()
        parts.append(tr("top_product", language, case=case_id, product=_name(top, language),
                        k=format_number(int(row.max())), n=format_number(n), kinds=format_number(int((row > 0).sum()))))
    return " ".join(parts)


def product_table(rev: IndicatieReveal, language: str) -> str:
    rows = [[str(case_id), _name(code, language), format_number(int(n))]
            for (case_id, code), n in rev.counts.stack().items() if n > 0]
    return _table(tr("kappa_products", language), [tr("case", language), tr("product", language), tr("count", language)],
                  rows)


def cost_spread_table(rev: IndicatieReveal, language: str) -> str:
    rows = [[str(s.case_id), format_number(s.n), format_eur(s.min), format_eur(s.median), format_eur(s.max)]
            for s in rev.cost_spread.itertuples()]
    return _table(tr("cost_spread", language), [tr("case", language), "n", tr("min", language), tr("median", language),
                                                tr("max", language)], rows)


def payer_summary(rev: MdoReveal, language: str) -> str:
    pp = rev.per_payer.groupby("payer")[["mean_cost_eur", "reference_eur"]].sum()
    return tr("payer_sum", language, proposal=format_eur(pp["mean_cost_eur"].sum()),
              reference=format_eur(pp["reference_eur"].sum()),
              top=payer_label(pp["mean_cost_eur"].idxmax(), language) if len(pp) else "-")


def payer_table(rev: MdoReveal, language: str) -> str:
    pp = rev.per_payer.groupby("payer", as_index=False)[["mean_cost_eur", "reference_eur"]].sum()
    rows = [[payer_label(r.payer, language), format_eur(r.mean_cost_eur), format_eur(r.reference_eur)]
            for r in pp.itertuples()]
    return _table(tr("per_payer", language), [tr("payer", language), tr("proposal", language), tr("reference", language)],
                  rows)


def wellbeing_table(rev: MdoReveal, language: str) -> str:
    rows = [[str(w.case_id), format_number(w.before, 1), format_number(w.proposed_mean, 1), format_number(w.case_after, 1)]
            for w in rev.wellbeing.itertuples()]
    return _table(tr("wellbeing_table", language), [tr("case", language), tr("wb_before", language),
                                                    tr("wb_proposed", language), tr("wb_case", language)], rows)


def _arena_counts(rev: ArenaReveal, language: str) -> pd.DataFrame:
    c = rev.counts.groupby("stakeholder", as_index=False)[_MONEY_ROLES].sum()
    c["label"] = c["stakeholder"].map(lambda s: stakeholder_label(s, language))
    return c


def arena_summary(rev: ArenaReveal, language: str) -> str:
    c = _arena_counts(rev, language).set_index("label")
    if c.empty:
        return ""
    inv, ben = c[ArenaRole.INVESTOR.value], c[ArenaRole.BENEFICIARY.value]
    return tr("arena_sum", language, investor=inv.idxmax(), ni=format_number(int(inv.max())),
              beneficiary=ben.idxmax(), nb=format_number(int(ben.max())))


def arena_table(rev: ArenaReveal, language: str) -> str:
    c = _arena_counts(rev, language)
    rows = [[r.label, format_number(int(r.investor)), format_number(int(r.beneficiary))] for r in c.itertuples()]
    return _table(tr("kappa_arena", language), [tr("stakeholder", language),
                                                *(role_verb(r, language) for r in _MONEY_ROLES)], rows)
