"""Core layer: errors, formatting, paths, validation and the translation catalogue.

Imports nothing else from zorglab; every other layer may import it.
"""
