"""A signed note as a list line and as a document: authors, times, co-signature, addenda."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication

from ui.terms import local_time, term
from ui.theme import severity_colour
from workstation.clinical.note_deadlines import NoteDue


def cosign_state(note: dict[str, Any], names: dict[str, str]) -> str:
    """'' when no co-signature is needed, else who co-signed when, or that it is still needed."""
    if not note.get("needs_cosign"):
        return ""
    if note.get("cosigned_by"):
        who = names.get(note["cosigned_by"], note["cosigned_by"])
        return (
            QCoreApplication.translate("NoteDocuments", "co-signed by %1 at %2")
            .replace("%1", who)
            .replace("%2", local_time(note["cosigned_at"]))
        )
    return QCoreApplication.translate("NoteDocuments", "co-signature needed")


def note_line(note: dict[str, Any], names: dict[str, str]) -> str:
    """One row of the notes list."""
    bits = [local_time(note["signed_at"]), note.get("title") or term(note["note_type"]),
            names.get(note["author_id"], note["author_id"])]  # fmt: skip
    state = cosign_state(note, names)
    if state:
        bits.append(state)
    if note.get("voided"):
        bits.append(QCoreApplication.translate("NoteDocuments", "voided"))
    return " · ".join(bits)


def note_html(note: dict[str, Any], addenda: list[dict[str, Any]], names: dict[str, str]) -> str:
    """The note with its signer and time, co-signature and addenda (patient text escaped)."""
    author = names.get(note["author_id"], note["author_id"])
    signed = (
        QCoreApplication.translate("NoteDocuments", "Signed by %1 at %2")
        .replace("%1", author)
        .replace("%2", local_time(note["signed_at"]))
    )
    parts = [f"<h3>{escape(note.get('title') or term(note['note_type']))}</h3>",
             f"<p>{escape(term(note['note_type']))} · {escape(signed)}</p>"]  # fmt: skip
    state = cosign_state(note, names)
    if state:
        colour = severity_colour("success" if note.get("cosigned_by") else "critical").name()
        parts.append(f"<p style='color:{colour}'><b>{escape(state)}</b></p>")
    body = escape(note["text"]).replace("\n", "<br>")
    if note.get("voided"):
        body = f"<s>{body}</s> <i>({escape(QCoreApplication.translate('NoteDocuments', 'voided'))})</i>"
    parts.append(f"<p>{body}</p>")
    for addendum in addenda:
        head = (
            QCoreApplication.translate("NoteDocuments", "Addendum by %1 at %2")
            .replace("%1", names.get(addendum["author_id"], addendum["author_id"]))
            .replace("%2", local_time(addendum["recorded_at"]))
        )
        text = escape(addendum["text"]).replace("\n", "<br>")
        parts.append(f"<hr><p><b>{escape(head)}</b><br>{text}</p>")
    return "".join(parts)


def due_text(due: list[NoteDue]) -> str:
    """'Notes due: OVERDUE admission note (since 03-01 08:00); daily progress note by 14:00'."""
    if not due:
        return ""
    parts = []
    for item in due:
        when = local_time(item.due_at.isoformat())
        if item.overdue:
            parts.append(
                QCoreApplication.translate("NoteDocuments", "OVERDUE %1 (due %2)")
                .replace("%1", term(item.note_type))
                .replace("%2", when)
            )
        else:
            parts.append(
                QCoreApplication.translate("NoteDocuments", "%1 due by %2")
                .replace("%1", term(item.note_type))
                .replace("%2", when)
            )
    return QCoreApplication.translate("NoteDocuments", "Notes due: %1").replace(
        "%1", "; ".join(parts)
    )


def census_due_text(due: list[NoteDue]) -> str:
    """Short census cell (the overdue clock icon beside it): 'overdue: ward round note +1' or 'due: daily progress note'."""
    if not due:
        return ""
    overdue = [term(item.note_type) for item in due if item.overdue]
    names = overdue or [term(item.note_type) for item in due]
    short = names[0] + (f" +{len(names) - 1}" if len(names) > 1 else "")
    if overdue:
        return QCoreApplication.translate("NoteDocuments", "overdue: %1").replace("%1", short)
    return QCoreApplication.translate("NoteDocuments", "due: %1").replace("%1", short)
