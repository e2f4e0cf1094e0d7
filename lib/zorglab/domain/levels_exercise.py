"""'Not only for the resident is it about ik wil, ik kan and ik heb nodig; the other levels work this way too':
lesson 4's exercise for a professional, a manager, a director and a funder, and examples for the answer key.

Levels and parts are codes (words in ``messages/casuistry.toml``, feedback in ``feedback.toml``); the examples are
content in both languages.
"""

from __future__ import annotations

from collections.abc import Mapping

from zorglab.domain.feedback import Feedback, Joined, Term, feedback_of, line

LEVELS = ("professional", "manager", "bestuurder", "financier")
PARTS = ("wil", "kan", "nodig")


def check_levels(answers: Mapping[str, Mapping[str, str]]) -> Feedback:
    """Lesson 4: each level's ik wil / ik kan / ik heb nodig.

    ``answers`` maps a level to {'wil': ..., 'kan': ..., 'nodig': ...}. Complete levels are confirmed; a level with
    an empty part is named, with what that part is for.
    """
    lines = []
    for level in LEVELS:
        parts = answers.get(level, {})
        empty = [p for p in PARTS if not str(parts.get(p, "")).strip()]
        name = Term(f"casuistry.level_{level}")
        if not empty:
            lines.append(line(True, "levels_complete", level=name))
        else:
            lines.append(line(False, "levels_missing", level=name,
                              parts=Joined([Term(f"feedback.part_{p}") for p in empty])))
    return feedback_of(lines)


LEVEL_EXAMPLES: dict[str, tuple[tuple[str, str, str], tuple[str, str, str]]] = {
    "professional": (("Ik wil doen wat de bewoner nodig heeft, ook buiten mijn eigen product.",
                      "Ik kan de bewoner goed lezen en weet wie ik moet bellen.",
                      "Ik heb nodig dat ik zonder toestemming vooraf uren mag inzetten."),
                     ("I want to do what the resident needs, also outside my own product.",
                      "I can read the resident well and know whom to call.",
                      "I need to be allowed to use hours without asking permission first.")),
    "manager": (("Ik wil dat mijn team over de grenzen van de organisatie heen werkt.",
                 "Ik kan roosters en budgetten vrijmaken voor MDO's.",
                 "Ik heb nodig dat mijn directie afwijken van het protocol dekt."),
                ("I want my team to work across the organisation's boundaries.",
                 "I can free up rosters and budgets for MDOs.",
                 "I need my board to cover departures from the protocol.")),
    "bestuurder": (("Ik wil dat de proeftuin-oplossing de normale werkwijze wordt.",
                    "Ik kan afspraken maken met de andere bestuurders in de steungroep.",
                    "Ik heb nodig dat de financiers de besparing met ons delen."),
                   ("I want the pilot solution to become the normal way of working.",
                    "I can make agreements with the other directors in the support group.",
                    "I need the funders to share the saving with us.")),
    "financier": (("Ik wil betalen voor wat werkt voor de bewoner, niet voor producten.",
                   "Ik kan een gezamenlijk budget met andere financiers afspreken.",
                   "Ik heb nodig dat de effectencalculator laat zien waar de besparing valt."),
                  ("I want to pay for what works for the resident, not for products.",
                   "I can agree a pooled budget with other funders.",
                   "I need the effects calculator to show where the saving lands.")),
}

