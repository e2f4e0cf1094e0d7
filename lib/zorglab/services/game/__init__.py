"""The purchasing game: a multi-team role-play of contract years played on the live-session platform.

Domain only (no words): ``model`` (roles, decisions, events and their allowed ranges, as codes),
``world`` (one contract year from state + decisions + events, with ``zorglab.domain.funding``),
``storage`` (tables next to the intervision ones, same database), ``service`` (validated actions; with
``trainer_access`` for signing in, ``reading`` for reading back and ``records`` for what they hand out),
``live`` (per-browser state for the views), ``debrief``, ``export`` (strict JSON and Dutch CSV), ``web`` (the
console's cookie route). Words live in ``zorglab.ui.game_strings`` and ``core/i18n/messages/game.toml``; the
pages in ``zorglab.ui.game_views`` (app), ``game_team``, ``game_console``, ``game_widgets``, ``game_tables``.
"""
