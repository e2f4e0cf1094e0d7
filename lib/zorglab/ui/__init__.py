"""Reusable Panel components of the zorglab apps (import the submodule you need; nothing is loaded eagerly)."""
