"""Lesson 4's effectenarena with all effects and all stakeholders: a case as effect cards, and the check.

The effectenarena establishes whether solutions really bring better outcomes for the resident and the
neighbourhood: it is about *all* effects (also those not in euros) for *all* stakeholders, not only the payers.
``arena_cards`` turns a case into effect cards: the non-money effects the case names, the money effects per payer
from the effectencalculator (the 'other' payer split into housing association, police and volunteers), and for the
Oss cases effects on family, school and others that the case text supports (``EXTRA_EFFECTS``, content in both
languages like the case library). Stakeholders and roles are codes; words in ``messages/casuistry.toml``,
feedback in ``feedback.toml``. All cases are synthetic and contain no personal data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from zorglab.core.formatting import format_eur
from zorglab.domain import case_text as ct
from zorglab.domain.cases import Case
from zorglab.domain.catalogue import price_list
from zorglab.domain.effects import EffectCalculator
from zorglab.domain.feedback import Content, Feedback, Joined, Line, Term, feedback_of, line
from zorglab.domain.vocabulary import ArenaRole, Payer

ARENA_STAKEHOLDERS = ("bewoner", "familie", "buurt", "werkgever", "woningcorporatie", "politie", "school", "gemeente",
                      "zorgverzekeraar", "zorgkantoor", "aanbieder")
# invests (bears the effect) / benefits: the effectenarena's ArenaRole codes; words: casuistry.role_<code>
ARENA_ROLES = (ArenaRole.INVESTOR.value, ArenaRole.BENEFICIARY.value)
_FROM_CASE = {"bewoner": "bewoner", "gemeente": "gemeente", "zorgverzekeraar": "zorgverzekeraar",
              "zorgkantoor": "zorgkantoor", "aanbieder": "aanbieder", "werkgever_uwv": "werkgever", "buurt": "buurt",
              "overig": "buurt"}
_PAYER_HOLDER = {"Wmo": "gemeente", "Jeugdwet": "gemeente", "Participatiewet": "gemeente", "Wgs": "gemeente",
                 "Zvw": "zorgverzekeraar", "Wlz": "zorgkantoor"}
_OTHER_ACTIVITY_HOLDER = {"HUISUITZETTING": "woningcorporatie", "POLITIE_INZET": "politie", "VRIJWILLIGERSINZET": "buurt"}
# Effects on stakeholders the case data has no key for (family, school, ...), written from the case text.
# (case_id, stakeholder, role, nl, en)
EXTRA_EFFECTS: tuple[tuple[str, str, str, str, str], ...] = (
    ("OSS-01", "familie", "beneficiary", "Zoon in het buitenland weet dat zijn vader niet meer de hele dag alleen is",
     "Son abroad knows his father is no longer alone all day"),
    ("OSS-02", "school", "beneficiary", "De oudste zoon komt uitgerust en op tijd op school",
     "The eldest son arrives at school rested and on time"),
    ("OSS-04", "woningcorporatie", "investor", "Corporatie schort de ontruiming op en doet mee in één plan",
     "Housing association suspends the eviction and joins one plan"),
    ("OSS-05", "familie", "beneficiary", "De oudste dochter hoeft minder zorgtaken over te nemen",
     "The eldest daughter has to take on fewer care tasks"),
    ("OSS-05", "school", "beneficiary", "De zoon van elf is rustiger in de klas", "The eleven-year-old son is calmer in class"),
    ("OSS-06", "familie", "beneficiary", "De vrouw hoeft haar man niet meer de trap op te helpen en valt niet meer",
     "The wife no longer has to help her husband up the stairs and stops falling"),
    ("OSS-07", "school", "beneficiary", "De leerplichtambtenaar hoeft niet meer te handhaven: de jongen leert weer",
     "The school attendance officer no longer has to enforce: the boy is learning again"),
    ("OSS-09", "school", "beneficiary", "School ziet de kinderen verzorgd en op tijd", "School sees the children cared for "
     "and on time"),
    ("OSS-11", "familie", "beneficiary", "Ouders hoeven niet meer de hele dag voor hun zoon te zorgen",
     "Parents no longer have to look after their son all day"),
    ("OSS-12", "familie", "beneficiary", "De kinderen kunnen om het weekend bij hun vader logeren",
     "The children can stay with their father every other weekend"),
    ("OSS-12", "woningcorporatie", "investor", "Corporatie zet een woning in via maatwerk in de urgentieregeling",
     "Housing association provides a home through tailoring of the urgency scheme"),
    ("WES-08", "familie", "investor", "Een oom biedt tijdelijk een logeerplek", "An uncle offers a temporary place to stay"),
)
# Case effects whose stakeholder key ('buurt', 'overig') also stands for someone more specific.
_ALSO = (("politie", "politie"), ("police", "politie"), ("oom", "familie"), ("corporatie", "woningcorporatie"))


def stakeholder(code: str) -> Term:
    return Term(f"casuistry.stakeholder_{code}")


def role(code: str) -> Term:
    return Term(f"casuistry.role_{code}")


@dataclass(frozen=True)
class EffectCard:
    """One effect in the arena: who it concerns (one or more acceptable stakeholders), which way, in euros or not."""

    key: str
    label: Content | Term
    stakeholders: tuple[str, ...]
    role: str  # an ARENA_ROLES code: 'investor' (invests, bears the effect) or 'beneficiary' (benefits)
    money: bool
    amount_eur: float | None = None

    def text(self, language: str = "nl") -> str:
        return self.label.text(language)


def _lower_first(text: str) -> str:
    """'Bezoek spoedeisende hulp' -> 'bezoek spoedeisende hulp'; abbreviations ('GGZ-behandeling', 'MDO') stay."""
    return text[0].lower() + text[1:] if len(text) > 1 and not text[1].isupper() else text


def _money_cards(case: Case, calculator: EffectCalculator) -> list[EffectCard]:
    priced = calculator.priced([case])
    names = price_list().set_index("activity")
    cards: list[EffectCard] = []
    groups: dict[str, list[str]] = {}
    for payer in priced["payer"].unique():
        if payer == Payer.OTHER:  # card ids keep the old prefix 'Overig:' (stored answers refer to them)
            for act in priced.loc[priced["payer"] == Payer.OTHER, "activity"].unique():
                groups.setdefault(f"Overig:{act}", [act])
        else:
            groups[payer] = list(priced.loc[priced["payer"] == payer, "activity"].unique())
    for key, acts in groups.items():
        rows = priced[priced["activity"].isin(acts) & (priced["payer"] == (Payer.OTHER if key.startswith("Overig:") else key))]
        saving = float(rows.loc[rows["scenario"] == "reference", "cost_eur"].sum()
                       - rows.loc[rows["scenario"] == "intervention", "cost_eur"].sum())
        if abs(saving) < 0.5:
            continue
        holder = _OTHER_ACTIVITY_HOLDER.get(acts[0], "buurt") if key.startswith("Overig") else _PAYER_HOLDER[key]
        by_act = rows.assign(sign=rows["scenario"].map({"reference": 1.0, "intervention": -1.0}))
        change = (by_act["cost_eur"] * by_act["sign"]).groupby(by_act["activity"]).sum()
        changed = [a for a in acts if abs(float(change.get(a, 0.0))) >= 0.5][:4]
        what = Joined([Content(_lower_first(str(names.loc[a, "name_nl"])), _lower_first(str(names.loc[a, "name_en"])))
                       for a in changed])
        label = Term("feedback.money_card_less" if saving > 0 else "feedback.money_card_more",
                     {"amount": format_eur(abs(saving), 0), "what": what})
        cards.append(EffectCard(f"geld:{key}", label, (holder,), ArenaRole.of_saving(saving).value,
                                True, abs(saving)))
    return cards


def arena_cards(case: Case, calculator: EffectCalculator | None = None) -> list[EffectCard]:
    """Every effect of a case as a card: non-money effects first (case, then extra), then the money per payer."""
    calc = calculator or EffectCalculator()
    cards: list[EffectCard] = []
    en_effects = ct.arena_effects(case, "en")
    for i, (holder, role_code, nl) in enumerate(ct.arena_effects(case, "nl")):
        main = _FROM_CASE[holder]
        also = {who for word, who in _ALSO if word in nl.lower() or word in en_effects[i][2].lower()}
        cards.append(EffectCard(f"effect:{i}", Content(nl, en_effects[i][2]), tuple(dict.fromkeys([main, *sorted(also)])),
                                role_code, False))
    for j, (_cid, holder, role_code, nl, en) in enumerate(e for e in EXTRA_EFFECTS if e[0] == case.case_id):
        cards.append(EffectCard(f"extra:{j}", Content(nl, en), (holder,), role_code, False))
    return cards + _money_cards(case, calc)


def arena_stakeholders(cards: Sequence[EffectCard]) -> set[str]:
    """The stakeholders the case's effects concern (the first acceptable one of every card)."""
    return {c.stakeholders[0] for c in cards}


def _role_code(role: str | None) -> str | None:
    """A chosen role as an ``ArenaRole`` code; the old Dutch codes (investeerder / incasseerder) read too."""
    try:
        return None if role is None else ArenaRole.parse(role).value
    except ValueError:
        return role


def _card_line(card: EffectCard, who: str | None, chosen_role: str | None) -> Line:
    chosen_role = _role_code(chosen_role)
    right_who = Joined([stakeholder(k) for k in card.stakeholders])
    if who is None or chosen_role is None:
        return line(False, "arena_card_empty", card=card.label, who=right_who, role=role(card.role))
    if who in card.stakeholders and chosen_role == card.role:
        return line(True, "arena_card_right", card=card.label, who=stakeholder(who), role=role(chosen_role))
    why: list[Term] = [] if who in card.stakeholders else [
        Term("feedback.arena_wrong_who", {"who": right_who, "chosen": stakeholder(who)})]
    if chosen_role != card.role:
        saving = card.money and card.role == ArenaRole.BENEFICIARY
        why.append(Term("feedback.arena_wrong_role_saving" if saving else "feedback.arena_wrong_role",
                        {"role": role(card.role)}))
    return line(False, "arena_card_wrong", card=card.label, why=Joined(why, "; "))


def check_arena(chosen_stakeholders: Sequence[str], answers: Mapping[str, tuple[str | None, str | None]],
                cards: Sequence[EffectCard]) -> Feedback:
    """Lesson 4: who are the stakeholders, and per effect card who it concerns and which way it goes.

    ``answers`` maps a card key to (stakeholder, role). Feedback names missed stakeholders and every card that is
    wrong, and ends with how many effects are not in euros (the arena is about all effects, not only money).
    """
    needed = arena_stakeholders(cards)
    missed = sorted(needed - set(chosen_stakeholders or ()), key=ARENA_STAKEHOLDERS.index)
    lines: list[Line] = [line(False, "arena_missed", missed=Joined([stakeholder(k) for k in missed])) if missed
                         else line(True, "arena_all_named")]
    lines += [_card_line(card, *answers.get(card.key, (None, None))) for card in cards]
    lines.append(line(True, "arena_not_money", n=sum(not c.money for c in cards), total=len(cards)))
    return feedback_of(lines)
