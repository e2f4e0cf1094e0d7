"""The purchasing game: a multi-team role-play of contract years played on the live-session platform.

Domain only (no words): ``model`` (roles, decisions, events and their allowed ranges, as codes),
``world`` (one contract year from state + decisions + events, with ``zorglab.domain.funding``),
``storage`` (tables next to the intervision ones, same database), ``service`` (validated actions),
``export`` (strict JSON and Dutch CSV). Words live in ``zorglab.ui.game_strings``.
"""
