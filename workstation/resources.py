"""Where the shipped resources (formulary, demo ward, themes...) live."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    """Path of a file under resources/."""
    return RESOURCES.joinpath(*parts)
