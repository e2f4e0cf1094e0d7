"""Reveal plots of the live intervision app (HoloViews/Bokeh), built from zorglab.intervision.stats results."""

from __future__ import annotations

import holoviews as hv
import pandas as pd

from zorglab.axis_format import eur_axis
from zorglab.cases import STAKEHOLDER_LABELS
from zorglab.catalogue import payer_label, product_name
from zorglab.intervision.stats import ArenaReveal, IndicatieReveal, MdoReveal
from zorglab.ui.intervision_strings import tr
from zorglab.ui.theme import NAVY, ORANGE

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
                   ("n", tr("count", language))).opts(stacked=True, legend_position="right", cmap="Category10",
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


def arena_roles(rev: ArenaReveal, language: str) -> hv.Bars:
    c = rev.counts.groupby("stakeholder", as_index=False)[["investeerder", "incasseerder"]].sum()
    c["stakeholder"] = c["stakeholder"].map(lambda s: STAKEHOLDER_LABELS[s][1 if language == "en" else 0])
    lab = {"investeerder": "investeert" if language == "nl" else "invests",
           "incasseerder": "incasseert" if language == "nl" else "benefits"}
    long = c.melt("stakeholder", var_name="role", value_name="n")
    long["role"] = long["role"].map(lab)
    return hv.Bars(long, [("stakeholder", tr("stakeholder", language)), ("role", " ")], ("n", tr("count", language))).opts(
        color=hv.dim("role").categorize({lab["investeerder"]: NAVY, lab["incasseerder"]: ORANGE}),
        title=tr("kappa_arena", language), xlabel=tr("stakeholder", language), xrotation=30, **_OPTS)
