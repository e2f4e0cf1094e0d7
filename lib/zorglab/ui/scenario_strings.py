"""UI text of the scenario explorer (Dutch, English); parameter labels live with the model in lib."""

from __future__ import annotations

from zorglab.core.i18n import Translator

# words: lib/zorglab/core/i18n/messages/explorer.toml

tr = Translator("explorer")
