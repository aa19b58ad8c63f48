"""Note templates from resources/templates: the doctor's note types, a title and a body with
`***` blanks, chart facts filled in where the template names a dot-phrase as {{.vitals}}."""

from __future__ import annotations

import re
from typing import Any

from workstation.clinical.dot_phrases import expand
from workstation.resources import resource

DOCTOR_NOTE_TYPES = (
    "admission_note",
    "first_progress_note",
    "daily_progress_note",
    "ward_round_note",
    "discharge_summary",
    "consultation_note",
)
BLANK = "***"
_PLACEHOLDER = re.compile(r"\{\{(\.[a-z]+)\}\}")


def template_language(language: str) -> str:
    """The template folder for a UI language (Chinese for zh*, English otherwise)."""
    return "zh_CN" if language.lower().startswith("zh") else "en"


def load_template(note_type: str, language: str) -> tuple[str, str]:
    """(title, body) of a note type's template in a language."""
    path = resource("templates", template_language(language), f"{note_type}.txt")
    title, _, body = path.read_text(encoding="utf-8").partition("\n")
    return title.strip(), body.rstrip("\n") + "\n"


def fill_template(body: str, chart: dict[str, Any], language: str) -> str:
    """The body with every {{.phrase}} replaced by the chart's text (unknown ones left as blanks)."""

    def replace(match: re.Match[str]) -> str:
        return expand(match.group(1), chart, language) or BLANK

    return _PLACEHOLDER.sub(replace, body)


def start_note(note_type: str, chart: dict[str, Any], language: str) -> tuple[str, str]:
    """A new note of a type: its title and its body filled from the chart."""
    title, body = load_template(note_type, language)
    return title, fill_template(body, chart, language)
