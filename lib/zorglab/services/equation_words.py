"""The model reference page in words: every group's equations, symbols and parameters from the registry
(``zorglab.domain.equations``), with titles, meanings and worded formulas in the reader's language.
"""

from __future__ import annotations

from zorglab.core.i18n import has, t
from zorglab.domain.assumptions import AV_WELLBEING_GAIN, WMO_COVERED_SHARE
from zorglab.domain.equations import GROUPS, SCENARIO_PARAMETERS, Equation, equations
from zorglab.domain.funding import MODELS
from zorglab.domain.scenario import Scenario
from zorglab.services.scenario_tables import model_label

# Assumed values some symbol meanings name (kept in the code, not copied into the catalogue).
_VALUES = {"covered_share": f"{WMO_COVERED_SHARE:g}", "av_gain": f"{AV_WELLBEING_GAIN:g}"}


def equation_title(e: Equation, language: str = "nl") -> str:
    return t(f"equations.title_{e.key}", language)


def symbol_meanings(e: Equation, language: str = "nl") -> list[tuple[str, str]]:
    """(symbol, what it means) for every symbol of an equation."""
    return [(s, t(f"equations.symbol_{e.key}_{i}", language, covered_share=_VALUES["covered_share"],
                  av_gain=_VALUES["av_gain"])) for i, s in enumerate(e.symbols)]


def equation_text(e: Equation, language: str = "nl") -> str:
    """The formula as plain text (screen readers); the catalogue holds it per language where it has words."""
    key = f"equations.text_{e.key}"
    return t(key, language) if has(key) else e.text


def equation_latex(e: Equation, language: str = "nl") -> str:
    key = f"equations.latex_{e.key}"
    return t(key, language) if has(key) else e.latex


def group_title(group: str, language: str = "nl") -> str:
    return model_label(group, language) if group in MODELS else t(f"equations.group_{group}", language)


def parameter_meaning(name: str, language: str = "nl") -> str:
    """What a funding-model or scenario parameter means, in the reader's language."""
    key = f"equations.meaning_{name}"
    return t(key, language) if has(key) else t(f"scenario.meaning_{name}", language)


def model_parameters(key: str, language: str = "nl") -> list[tuple[str, object, str]]:
    """(name, default, meaning) of a funding model's parameters."""
    cls = MODELS[key]
    return [(n, cls.param[n].default, parameter_meaning(n, language)) for n in cls.param if n != "name"]


def scenario_parameters(language: str = "nl") -> list[tuple[str, object, str]]:
    """(name, default, meaning) of the scenario levers the scenario equations use."""
    return [(n, Scenario.param[n].default, parameter_meaning(n, language)) for n in SCENARIO_PARAMETERS]


def reference_markdown(language: str = "nl") -> str:
    """The model reference page: every group's equations, symbols and parameters."""
    out: list[str] = []
    for group in GROUPS:
        eqs = equations(group)
        if not eqs:
            continue
        out.append(f"### {group_title(group, language)}")
        if group in MODELS:
            out.append(f"*{t(f'equations.model_doc_{group}', language)}*")
        for e in eqs:
            out.append(f"**{equation_title(e, language)}**\n\n$$\n{equation_latex(e, language)}\n$$\n\n"
                       f"`{equation_text(e, language)}`")
            if e.symbols:
                out.append("; ".join(f"{s}: {meaning}" for s, meaning in symbol_meanings(e, language)))
        rows = (model_parameters(group, language) if group in MODELS
                else scenario_parameters(language) if group == "scenario" else [])
        if rows:
            out.append("\n".join([t("equations.table_head", language), "|---|---|---|",
                                  *(f"| `{n}` | {d} | {doc} |" for n, d, doc in rows)]))
    return "\n\n".join(out)
