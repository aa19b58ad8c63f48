"""What the chart says about an archived record (病案归档), in the user's language, in words (a
colour alone would not do): locked, unlocked until when and by whose approval, requests waiting."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from ui.terms import local_time

REQUEST_UNLOCK_KEYS = "Ctrl+Shift+U"


def _tr(text: str) -> str:
    return QCoreApplication.translate("RecordArchive", text)


def locked_refusal() -> str:
    """Why a change to a locked record is refused, and what to do instead."""
    return _tr(
        "This record is archived and locked: it cannot be changed. Ask the medical-records office "
        "for an unlock with Request unlock… (%1); once it is approved, record the change again."
    ).replace("%1", REQUEST_UNLOCK_KEYS)


def archive_banner(archive: dict[str, Any] | None, names: dict[str, str]) -> str:
    """The banner line of an archived record; empty when the record is not archived."""
    if not archive or not archive.get("archived_at"):
        return ""
    return " ".join(filter(None, (_state(archive, names), _traced(archive))))


def _traced(archive: dict[str, Any]) -> str:
    changes = len(archive.get("unlocked_changes") or [])
    return _tr("%1 change(s) made under an unlock.").replace("%1", str(changes)) if changes else ""


def _state(archive: dict[str, Any], names: dict[str, str]) -> str:
    unlock = archive.get("unlock")
    if unlock is not None:
        return _tr("Archived — unlocked for %1 until %2 (approved by %3); only they may change "
                   "it, and each change is traced to this unlock.").replace(
            "%1", names.get(unlock["requested_by"], unlock["requested_by"])).replace(
            "%2", local_time(unlock["unlocked_until"])).replace(
            "%3", names.get(unlock["decided_by"], unlock["decided_by"]))  # fmt: skip
    text = _tr("Archived — locked since %1. Changes need an approved unlock: Request unlock… "
               "(%2).").replace("%1", local_time(archive["archived_at"])).replace(
        "%2", REQUEST_UNLOCK_KEYS)  # fmt: skip
    waiting = [r for r in archive.get("unlock_requests") or [] if r["status"] == "pending"]
    if waiting:
        first = waiting[0]
        text += " " + _tr("Unlock asked by %1 at %2, waiting for the medical-records office.").replace(
            "%1", names.get(first["requested_by"], first["requested_by"])).replace(
            "%2", local_time(first["requested_at"]))  # fmt: skip
    return text
