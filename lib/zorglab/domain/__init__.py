"""Domain layer: the model itself (catalogue, cases, regions and CBS sizing, funding models, effects,
scenarios, exercises). Pure functions and param models; returns codes, never words shown to users.

May import ``zorglab.core`` only.
"""
