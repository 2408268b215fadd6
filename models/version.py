"""The program's version: the one source of truth (pyproject.toml reads it from here)."""

VERSION = "0.1.0"
