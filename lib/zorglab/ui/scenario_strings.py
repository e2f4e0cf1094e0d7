"""UI text of the scenario explorer (Dutch, English): ``tr`` is the catalogue bound to the ``explorer`` namespace.

Words for the model's codes (parameters, indicators, spend lines) are in the ``scenario`` namespace
(``zorglab.services.scenario_tables``); payers, roles and risk levels in ``domain`` (``zorglab.services.labels``).
"""

from __future__ import annotations

from zorglab.core.i18n import Translator

# words: lib/zorglab/core/i18n/messages/explorer.toml

tr = Translator("explorer")
