"""Lesson 4's casuistry form (Proeftuin Ruwaard): its fields and options, the step plan, the check of a filled-in
form, and the monthly case rhythm.

What the sources say, and what zorglab adds: the participants of the Ruwaard work conference worked with a
*casuïstiek-formulier*, "a tool to reach a proeftuin solution"; the sources do not publish the form.
``FORM_FIELDS`` is zorglab's template, built from what the sources describe: the resident's own words (ik wil /
ik kan / ik heb nodig), the MDO at the resident's home, the barriers of rules, protocols and systems that
professionals remove, the working groups that make the solution possible, the effectenarena and learning
together. "The terms in the step plan are maximum lead times" — the sources name the step plan but give no steps
or terms: ``STEP_PLAN`` is an illustrative plan and says so. Every organisation runs at least one case a month,
"so at least 6 in 2016" (agreed in May 2016: July to December).

Codes only; the words are in the catalogue (``messages/casuistry.toml``, feedback in ``feedback.toml``).
All cases are synthetic and contain no personal data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zorglab.core.formatting import format_number
from zorglab.core.i18n import t
from zorglab.domain import case_text as ct
from zorglab.domain.cases import Case
from zorglab.domain.catalogue import price_list
from zorglab.domain.feedback import Feedback, Joined, Line, Term, feedback_of, line, read_number

PARTICIPANTS = ("bewoner", "netwerk", "wijkteam", "huisarts", "wijkverpleging", "ggz", "jeugdhulp", "schuldhulp",
                "werk_inkomen", "woningcorporatie", "school", "welzijn")
BARRIERS = ("regel", "schotten", "indicatie", "wachtlijst", "gegevens", "systeem")
ENABLERS = ("anders_samenwerken", "flexibel_financieren", "steungroep")
FORM_FIELDS = ("case", "ik_wil", "ik_kan", "ik_heb_nodig", "participants", "barriers", "solution", "enablers", "steps",
               "effects", "learning")


def field_label(key: str, language: str = "nl") -> str:
    return t(f"casuistry.field_{key}", language)


@dataclass(frozen=True)
class Step:
    key: str
    max_days: int  # maximum lead time in working days after the case is registered (illustrative)

    def label(self, language: str = "nl") -> str:
        return t(f"casuistry.step_{self.key}", language)


STEP_PLAN: tuple[Step, ...] = (Step("aanmelden", 0), Step("mdo", 10), Step("oplossing", 10), Step("belemmering", 15),
                               Step("mogelijk", 30), Step("effecten", 60), Step("leren", 70))


@dataclass
class CasuistryForm:
    """One filled-in casuistry form (what a table hands in after its MDO); plain data, checked by ``check_form``."""

    case_id: str = ""
    mdo_date: str = ""
    ik_wil: str = ""
    ik_kan: str = ""
    ik_heb_nodig: str = ""
    participants: list[str] = field(default_factory=list)
    barriers: list[str] = field(default_factory=list)
    barrier_text: str = ""
    solution: str = ""
    enablers: list[str] = field(default_factory=list)
    step_days: dict[str, int | None] = field(default_factory=dict)  # step key -> planned working day
    effect_resident: str = ""
    effect_others: str = ""
    learning: str = ""

    def to_markdown(self, language: str = "nl") -> str:
        """The form as a document to print or mail (Markdown)."""
        lab = {key: field_label(key, language) for key in FORM_FIELDS}
        names = lambda keys, kind: ", ".join(t(f"casuistry.{kind}_{k}", language) for k in keys) or "–"  # noqa: E731
        steps = "\n".join(f"| {s.label(language)} | {self.step_days.get(s.key) if self.step_days.get(s.key) is not None else '–'} "
                          f"| {s.max_days} |" for s in STEP_PLAN)
        w = lambda key: t(f"casuistry.md_{key}", language)  # noqa: E731
        return "\n".join([
            f"# {w('title')}", f"*{w('note')}*", "",
            f"**{lab['case']}:** {self.case_id or '–'} · {self.mdo_date or '–'}", "",
            f"**{lab['ik_wil']}** {self.ik_wil or '–'}", "", f"**{lab['ik_kan']}** {self.ik_kan or '–'}", "",
            f"**{lab['ik_heb_nodig']}** {self.ik_heb_nodig or '–'}", "",
            f"**{lab['participants']}:** {names(self.participants, 'participant')}", "",
            f"**{lab['barriers']}** {names(self.barriers, 'barrier')}. {self.barrier_text}".rstrip(), "",
            f"**{lab['solution']}** {self.solution or '–'}", "",
            f"**{lab['enablers']}** {names(self.enablers, 'enabler')}", "",
            f"**{lab['steps']}**", "", f"| {w('step')} | {w('day')} | {w('max')} |", "|---|---|---|", steps, "",
            f"**{lab['effects']}** {self.effect_resident or '–'} / {self.effect_others or '–'}", "",
            f"**{lab['learning']}** {self.learning or '–'}",
        ])


_FIRST_PERSON = re.compile(r"^\s*(ik|i)\b", re.IGNORECASE)


def _step_plan_line(form: CasuistryForm) -> Line:
    planned = [(s, form.step_days.get(s.key)) for s in STEP_PLAN]
    filled = [(s, d) for s, d in planned if d is not None]
    late = [s for s, d in filled if d > s.max_days]
    order = [d for _, d in filled]
    if not filled:
        return line(False, "form_steps_missing")
    if late:
        return line(False, "form_steps_late", late=Joined([
            Term("feedback.form_step_late", {"step": Term(f"casuistry.step_{s.key}"), "day": form.step_days[s.key],
                                             "max": s.max_days}) for s in late], "; "))
    if order != sorted(order):
        return line(False, "form_steps_order")
    return line(True, "form_steps_ok")


def check_form(form: CasuistryForm) -> Feedback:
    """Feedback on a casuistry form: is it the resident's story, a solution without barriers, and a plan?

    The form has no single right answer; the check names what is missing and why it matters, from the sources.
    Each point is a pair of messages ``form_<point>_ok`` / ``form_<point>_missing``.
    """
    lines: list[Line] = []

    def add(ok: bool, point: str) -> None:
        lines.append(line(ok, f"form_{point}_{'ok' if ok else 'missing'}"))

    words = [form.ik_wil, form.ik_kan, form.ik_heb_nodig]
    add(all(w.strip() for w in words), "words")
    if any(w.strip() for w in words):
        add(all(_FIRST_PERSON.match(w) for w in words if w.strip()), "first_person")
    add("bewoner" in form.participants, "resident")
    add(len([p for p in form.participants if p != "bewoner"]) >= 2, "parties")
    has_barrier = bool(form.barriers) or bool(form.barrier_text.strip())
    add(has_barrier, "barrier")
    add(bool(form.solution.strip()), "solution")
    if has_barrier:
        add(bool(form.enablers), "enablers")
    lines.append(_step_plan_line(form))
    add(bool(form.effect_resident.strip()) and bool(form.effect_others.strip()), "effects")
    return feedback_of(lines)


def example_form(case: Case, language: str = "nl") -> CasuistryForm:
    """A filled-in example for the trainer's answer key: the case's own words and its intervention scenario."""
    names = price_list().set_index("activity")["name_en" if language == "en" else "name_nl"]
    solution = ", ".join(dict.fromkeys(str(names[e.activity]) for e in case.scenarios.intervention))
    effects = ct.arena_effects(case, language)
    return CasuistryForm(
        case_id=case.case_id, ik_wil=ct.ik_wil(case, language), ik_kan=ct.ik_kan(case, language),
        ik_heb_nodig=ct.ik_heb_nodig(case, language), participants=["bewoner", "wijkteam", "huisarts"],
        barriers=["schotten"], solution=solution, enablers=["flexibel_financieren"],
        step_days={s.key: s.max_days for s in STEP_PLAN},
        effect_resident="; ".join(e for s, _, e in effects if s == "bewoner") or "–",
        effect_others="; ".join(e for s, _, e in effects if s != "bewoner") or "–")


# ---- the monthly case rhythm --------------------------------------------------------------------------------
RHYTHM_MONTHS_2016 = 6  # "every organisation runs at least one case a month ... so at least 6 in 2016"


def check_monthly_cases(answer: object, organisations: int, months: int = RHYTHM_MONTHS_2016) -> Feedback:
    """Lesson 4: minimum number of pilot cases = organisations x months x 1 case a month."""
    value = read_number(answer, Term("feedback.what_cases"))
    if isinstance(value, Line):
        return feedback_of([value])
    expected = organisations * months
    calc = Term("feedback.rhythm_sum", {"organisations": organisations, "months": months, "expected": expected})
    if abs(value - expected) < 0.5:
        return feedback_of([line(True, "rhythm_right", calc=calc)])
    if abs(value - months) < 0.5:
        hint = "rhythm_per_organisation"
    elif abs(value - organisations) < 0.5:
        hint = "rhythm_one_month"
    elif abs(value - organisations * 12) < 0.5:
        hint = "rhythm_twelve_months"
    else:
        hint = "rhythm_compute"
    return feedback_of([line(False, "rhythm_wrong", value=format_number(value), hint=Term(f"feedback.{hint}"),
                             calc=calc)])
