"""Services layer: what runs the domain for users: live sessions (intervision, game), region reports,
lessons and trainer materials, shipped-data generation.

May import ``zorglab.core`` and ``zorglab.domain``; never ``zorglab.ui``.
"""
