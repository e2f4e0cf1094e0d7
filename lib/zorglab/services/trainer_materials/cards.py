"""The case cards (one per case and page, Dutch and English) and the blank casuistry form of lesson 4.

The form's explanation is trainer content in Dutch (the form is filled in by hand in a Dutch session); the case
cards follow the reader's language, their labels from the catalogue (``messages/trainer.toml``).
"""

from __future__ import annotations

from collections.abc import Iterable

from zorglab.core.i18n import Translator
from zorglab.domain import case_text as ct
from zorglab.domain.cases import Case, load_cases
from zorglab.services.trainer_materials.html_page import _e, notice, page

t = Translator("trainer")


def case_card_html(case: Case, language: str = "nl") -> str:
    """One case card: the resident's words, context, needs, current support and wellbeing, with the notice."""
    lab = {key: _e(t(f"card_{key}", language)) for key in ("ik_wil", "ik_kan", "ik_heb_nodig", "needs", "support",
                                                            "wellbeing", "region")}
    where = f"{case.municipality}" + (f", {case.neighbourhood}" if case.neighbourhood else "")
    return (f'<section class="card" id="{_e(case.case_id)}">\n<h2>{_e(case.case_id)} — {_e(case.title(language))}</h2>\n'
            f'<p class="meta"><em>{_e(ct.household(case, language))}</em> · {_e(where)} · {lab["region"]} '
            f'{_e(case.region)}</p>\n'
            f'<ul class="words"><li><strong>{lab["ik_wil"]}:</strong> {_e(ct.ik_wil(case, language))}</li>'
            f'<li><strong>{lab["ik_kan"]}:</strong> {_e(ct.ik_kan(case, language))}</li>'
            f'<li><strong>{lab["ik_heb_nodig"]}:</strong> {_e(ct.ik_heb_nodig(case, language))}</li></ul>\n'
            f"<p>{_e(ct.context(case, language))}</p>\n"
            f'<p><strong>{lab["needs"]}:</strong> {_e(ct.needs_text(case, language))}<br>\n'
            f'<strong>{lab["support"]}:</strong> {_e(ct.support_text(case, language))}<br>\n'
            f'<strong>{lab["wellbeing"]}:</strong> {case.wellbeing_before}</p>\n'
            f'<p class="notice">{_e(notice(language))}</p>\n</section>')


def case_cards(language: str = "nl", cases: Iterable[Case] | None = None) -> str:
    """All case cards (every shipped case unless ``cases`` is given), one per printed page."""
    pool = list(cases) if cases is not None else load_cases()
    body = f"<p class='no-print'>{_e(t('cards_intro', language))}</p>" + "\n".join(case_card_html(c, language)
                                                                                 for c in pool)
    return page(t("cards_title", language), body, language)


# ---- the casuistry form -----------------------------------------------------------------------------------------
def casuistry_form() -> str:
    from zorglab.domain.casuistry import STEP_PLAN, choices, form_fields

    labels = dict(form_fields("nl"))
    ticks = lambda kind: " ".join(f"☐ {_e(label)}" for label in choices(kind, "nl"))  # noqa: E731
    steps = "".join(f"<tr><td>{_e(s.label('nl'))}</td><td>{s.max_days}</td><td></td></tr>" for s in STEP_PLAN)
    body = (
        "<p>zorglab-sjabloon naar de bronnen over proeftuin Ruwaard (de bronnen publiceren het formulier zelf niet). "
        "Vul het in na het MDO bij de bewoner thuis, in de woorden van de bewoner. De termijnen zijn voorbeelden; "
        "de bron zegt alleen: <em>de termijnen in het stappenplan zijn maximale doorlooptijden</em>.</p>"
        f"<h3>{_e(labels['case'])}</h3><div class='line'></div>"
        + "".join(f"<h3>{_e(labels[k])}</h3><div class='box'></div>" for k in ("ik_wil", "ik_kan", "ik_heb_nodig"))
        + f"<h3>{_e(labels['participants'])}</h3><p>{ticks('participants')}</p>"
        f"<h3>{_e(labels['barriers'])}</h3><p>{ticks('barriers')}</p><div class='box'></div>"
        f"<h3>{_e(labels['solution'])}</h3><div class='box'></div>"
        f"<h3>{_e(labels['enablers'])}</h3><p>{ticks('enablers')}</p>"
        f"<h3>{_e(labels['steps'])}</h3><table><thead><tr><th>stap</th><th>max. werkdagen</th><th>gepland (datum)</th>"
        f"</tr></thead><tbody>{steps}</tbody></table>"
        f"<h3>{_e(labels['effects'])}</h3><p>Bewoner:</p><div class='box'></div><p>Anderen (familie, buurt, werkgever, "
        "corporatie, politie, school, gemeente, zorgverzekeraar, zorgkantoor):</p><div class='box'></div>"
        f"<h3>{_e(labels['learning'])}</h3><div class='box'></div>")
    return page("Casuïstiekformulier — proeftuin", body)
