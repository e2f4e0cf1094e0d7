"""The answer form of a round: one small Viewer per round kind, chosen from ``FORMS`` (keyed by ``RoundKind``).

Each form builds its widgets once and follows the language in a watcher (labels and option names change, the
chosen codes stay). Bounds and lengths come from the answer model's limits (``services.intervision.models``)
and the storage's column sizes, so the form never accepts what the service would refuse.
"""

from __future__ import annotations

from collections.abc import Callable

import panel as pn
import param
from param.parameters import NoNone

from zorglab.core.formatting import format_eur
from zorglab.domain.cases import STAKEHOLDERS
from zorglab.domain.catalogue import harmonised_products, price_list, products
from zorglab.domain.vocabulary import ArenaRole, CatalogueKind
from zorglab.services.intervision.models import (
    ARENA_ROLES,
    MDO_SUPPORTS_MAX,
    QUANTITY_MAX,
    UNITS_PER_WEEK_MAX,
    WEEKS_MAX,
    WELLBEING_MAX,
    WELLBEING_MIN,
    RoundKind,
    RoundSpec,
)
from zorglab.services.intervision.storage import RATIONALE_MAX
from zorglab.services.labels import payer_label, role_verb, stakeholder_label
from zorglab.ui.intervision_strings import tr, unit_words

MDO_LINES = min(3, MDO_SUPPORTS_MAX)  # support lines shown on a phone
UNITS_PER_WEEK_STEP = 0.5
QUANTITY_STEP = 0.5


def quantity_label(activity: str | None, language: str) -> str:
    """'Aantal uren per jaar' for the chosen activity's unit (price list), the plain label without one."""
    unit = price_list().set_index("activity")["unit"].get(activity) if activity else None
    if unit is None:
        return tr("quantity", language)
    return tr("quantity_unit", language, unit=unit_words(unit, language))


class RoundForm(pn.viewable.Viewer):
    """Fields of one round kind, a one-line rationale and the submit button; ``answer()`` is what is sent."""

    spec = param.ClassSelector(class_=RoundSpec, allow_None=NoNone)
    language: param.Selector[str] = param.Selector(default="nl", objects=["nl", "en"])

    def __init__(self, on_submit: Callable[[dict], object], **params):
        super().__init__(**params)
        self.rationale = pn.widgets.TextInput(max_length=RATIONALE_MAX)
        self.submit = pn.widgets.Button(color="primary")

        def _submit(event: object) -> None:
            on_submit(self.answer())

        self.submit.on_click(_submit)
        self._layout = pn.Column(*self._fields(), self.rationale, self.submit, sizing_mode="stretch_width")
        self.param.watch(lambda event: self._relabel(), "language")
        self._relabel()

    def __panel__(self):
        return self._layout

    def _fields(self) -> list:
        raise NotImplementedError

    def _label_fields(self, language: str) -> None:
        raise NotImplementedError

    def _relabel(self) -> None:
        self.rationale.label = tr("rationale", self.language, max=RATIONALE_MAX)
        self.submit.label = tr("submit", self.language)
        self._label_fields(self.language)

    def answer(self) -> dict:
        raise NotImplementedError


class IndicatieForm(RoundForm):
    """Choose a product of the round's catalogue (old or harmonised) and how much of it."""

    def _fields(self) -> list:
        self._table = products() if self.spec.catalogue == CatalogueKind.OLD else harmonised_products()
        self.product = pn.widgets.Select(options=self._options("nl"))
        self.units = pn.widgets.FloatInput(value=2.0, start=UNITS_PER_WEEK_STEP, end=UNITS_PER_WEEK_MAX,
                                           step=UNITS_PER_WEEK_STEP)
        self.weeks = pn.widgets.IntInput(value=WEEKS_MAX, start=1, end=WEEKS_MAX)
        return [self.product, self.units, self.weeks]

    def _options(self, language: str) -> dict[str, str]:
        names = self._table[f"name_{language}"]
        return {tr("per_unit", language, name=n, price=format_eur(tariff), unit=unit_words(u, language, count=1)): c
                for c, n, tariff, u in zip(self._table["code"], names, self._table["tariff_eur"], self._table["unit"],
                                           strict=True)}

    def _label_fields(self, language: str) -> None:
        self.product.param.update(options=self._options(language), label=tr("product", language))
        self.units.label, self.weeks.label = tr("units_per_week", language), tr("weeks", language)

    def answer(self) -> dict:
        return {"lines": [{"product": self.product.value, "units_per_week": self.units.value,
                           "weeks": self.weeks.value}], "rationale": self.rationale.value}


class MdoForm(RoundForm):
    """An integrated solution: up to ``MDO_LINES`` activities of the price list with a quantity in their unit,
    and the wellbeing expected afterwards."""

    def _fields(self) -> list:
        self.lines: list[tuple[pn.widgets.Select, pn.widgets.FloatInput]] = []
        boxes = []
        for _ in range(MDO_LINES):
            activity = pn.widgets.Select(options=self._options("nl"))
            quantity = pn.widgets.FloatInput(value=10.0, start=QUANTITY_STEP, end=QUANTITY_MAX, step=QUANTITY_STEP)
            activity.param.watch(lambda e, q=quantity: setattr(q, "label", quantity_label(e.new, self.language)),
                                 "value")  # the unit follows the chosen activity (uren, dagdelen, gesprekken ...)
            self.lines.append((activity, quantity))
            boxes.append(pn.Column(activity, quantity, sizing_mode="stretch_width"))
        self.wellbeing = pn.widgets.IntSlider(value=7, start=WELLBEING_MIN, end=WELLBEING_MAX)
        return [*boxes, self.wellbeing]

    @staticmethod
    def _options(language: str) -> dict[str, str]:
        pl = price_list()
        names = pl[f"name_{language}"]
        return {tr("none", language): "",
                **{f"{n} · {payer_label(p, language)} ({format_eur(u)})": a
                   for a, n, p, u in zip(pl["activity"], names, pl["payer"], pl["unit_price_eur"], strict=True)}}

    def _label_fields(self, language: str) -> None:
        options = self._options(language)
        for i, (activity, quantity) in enumerate(self.lines, start=1):
            activity.param.update(options=options, label=f"{tr('support', language)} {i}")
            quantity.label = quantity_label(activity.value, language)
        self.wellbeing.label = tr("wellbeing_after", language)

    def answer(self) -> dict:
        return {"supports": [{"activity": a.value, "quantity": q.value} for a, q in self.lines if a.value],
                "wellbeing_after": self.wellbeing.value, "rationale": self.rationale.value}


class ArenaForm(RoundForm):
    """Effectenarena: per stakeholder, does it invest, benefit or play no role?"""

    def _fields(self) -> list:
        self.help = pn.pane.Markdown("")
        self.roles: dict[str, pn.widgets.RadioButtonGroup] = {}
        self.names: dict[str, pn.pane.Markdown] = {}
        boxes = []
        for s in STAKEHOLDERS:
            self.names[s] = pn.pane.Markdown("", margin=(0, 5))
            self.roles[s] = pn.widgets.RadioButtonGroup(options=self._options("nl"), value=ArenaRole.NEUTRAL.value,
                                                        variant="outline", sizing_mode="stretch_width")
            boxes.append(pn.Column(self.names[s], self.roles[s], sizing_mode="stretch_width"))
        return [self.help, *boxes]

    @staticmethod
    def _options(language: str) -> dict[str, str]:
        return {role_verb(r, language): r for r in ARENA_ROLES}

    def _label_fields(self, language: str) -> None:
        self.help.object = tr("arena_help", language)
        options = self._options(language)
        for s in STAKEHOLDERS:
            self.names[s].object = f"**{stakeholder_label(s, language)}**"
            self.roles[s].options = options

    def answer(self) -> dict:
        return {"roles": {s: w.value for s, w in self.roles.items()}, "rationale": self.rationale.value}


FORMS: dict[RoundKind, type[RoundForm]] = {RoundKind.INDICATIE: IndicatieForm, RoundKind.MDO: MdoForm,
                                           RoundKind.ARENA: ArenaForm}


def form_for(spec: RoundSpec, language: str, on_submit: Callable[[dict], object]) -> RoundForm:
    """The form of ``spec``'s round kind."""
    return FORMS[RoundKind(spec.kind)](on_submit, spec=spec, language=language)
