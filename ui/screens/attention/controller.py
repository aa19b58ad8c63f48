"""Needs attention: list the refused events, show what the server has now for a conflict, and
let their author void them with a reason or send an amended version."""

from __future__ import annotations

import json
from html import escape
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

from offline_cache.workstation import SyncStatus, Workstation
from ui import tasks
from ui.refusals import refusal_text
from ui.screens.attention.view import AttentionView
from ui.terms import local_time, term
from ui.workers import Workers

CONFLICT = "conflict"
# the record's fields compared for a conflict, with their words (the table showed "weight_kg")
RECORD_FIELDS = {
    "name": QT_TRANSLATE_NOOP("AttentionDetails", "Name"),
    "sex": QT_TRANSLATE_NOOP("AttentionDetails", "Sex"),
    "birth_date": QT_TRANSLATE_NOOP("AttentionDetails", "Date of birth"),
    "ward_id": QT_TRANSLATE_NOOP("AttentionDetails", "Ward"),
    "bed": QT_TRANSLATE_NOOP("AttentionDetails", "Bed"),
    "acuity": QT_TRANSLATE_NOOP("AttentionDetails", "Acuity"),
    "weight_kg": QT_TRANSLATE_NOOP("AttentionDetails", "Weight kg"),
    "status": QT_TRANSLATE_NOOP("AttentionDetails", "Status"),
    "discharged_at": QT_TRANSLATE_NOOP("AttentionDetails", "Discharged"),
    "version": QT_TRANSLATE_NOOP("AttentionDetails", "Version"),
    "base_version": QT_TRANSLATE_NOOP("AttentionDetails", "Version read"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("AttentionDetails", text)


def refusal_words(item: dict[str, Any]) -> str:
    """Why the server refused, in the user's language for a conflict (the server words every
    refusal in English; the Chinese list read "conflict: the record changed since it was read")."""
    patient = item.get("patient") or {}
    if item.get("reject_code") == CONFLICT and "version" in patient:
        return (_tr("changed by someone else since it was read (your version %1, the server's %2)")
                .replace("%1", str(item["payload"].get("base_version", "")))
                .replace("%2", str(patient["version"])))  # fmt: skip
    return refusal_text(item.get("reject_code"), item.get("reject_message"))


class AttentionController(QObject):
    """One open list; sig_resolved carries the status after a void or an amendment."""

    sig_resolved = Signal(object)  # SyncStatus

    def __init__(self, workstation: Workstation, workers: Workers, parent: QObject | None = None):
        super().__init__(parent)
        self.workstation, self.workers = workstation, workers
        self.view: AttentionView | None = None
        self.items: list[dict[str, Any]] = []

    def open(self, parent: QWidget) -> AttentionView:
        """Show the list (non-blocking) and load it on the worker lane."""
        view = AttentionView(parent)
        self.view = view
        view.sig_row_changed.connect(self._show_item)
        view.sig_void_requested.connect(self._void)
        view.sig_amend_started.connect(self._start_amend)
        view.sig_amend_requested.connect(self._amend)
        view.finished.connect(lambda _result: self._closed(view))
        view.open()
        self.reload()
        return view

    def _closed(self, view: AttentionView) -> None:
        if self.view is view:
            self.view = None

    def reload(self) -> None:
        """Read the list again."""
        self.workers.run(tasks.needs_attention, self.workstation, done=self._loaded)

    def _loaded(self, items: list[dict[str, Any]]) -> None:
        if self.view is None:
            return
        self.items = items
        self.view.set_rows([(
            self._patient_name(item), _event_name(item["type"]), local_time(item["recorded_at"]),
            refusal_words(item),
        ) for item in items])  # fmt: skip

    @staticmethod
    def _patient_name(item: dict[str, Any]) -> str:
        patient = item.get("patient")
        if not patient:
            return "—"
        ward = patient.get("ward_name") or patient["ward_id"]
        return f"{patient['name']} ({ward} {patient['bed']})"

    def _current(self) -> dict[str, Any] | None:
        if self.view is None:
            return None
        row = self.view.table.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _show_item(self, row: int) -> None:
        if self.view is None or not 0 <= row < len(self.items):
            return
        item = self.items[row]
        self.view.details.setHtml(details_html(item))
        self.view.show_amend(False)
        mine = item["author_id"] == self.workstation.user.user_id
        for widget in (self.view.void_button, self.view.amend_button, self.view.reason):
            widget.setEnabled(mine)
        self.view.show_message(
            "" if mine else self.tr("Only its author can void or amend this change.")
        )

    def _void(self, reason: str) -> None:
        item = self._current()
        if item is None or self.view is None:
            return
        if not reason:
            self.view.show_message(self.tr("Write why this change is voided first."))
            self.view.reason.setFocus()
            return
        self.workers.run(tasks.void_rejected, self.workstation, item["event_id"], reason,
                         done=self._resolved, failed=self._failed)  # fmt: skip

    def _start_amend(self) -> None:
        item = self._current()
        if item is None or self.view is None:
            return
        payload = dict(item["payload"])
        if (
            item.get("reject_code") == CONFLICT
            and "base_version" in payload
            and item.get("patient")
        ):
            payload["base_version"] = item["patient"]["version"]  # re-based on what the server has
        self.view.show_amend(True, json.dumps(payload, ensure_ascii=False, indent=2))

    def _amend(self, text: str) -> None:
        item = self._current()
        if item is None or self.view is None:
            return
        try:
            payload = json.loads(text)
        except json.JSONDecodeError as exc:
            self.view.show_message(
                self.tr("The amended text is not valid: %1").replace("%1", str(exc))
            )
            return
        self.workers.run(tasks.amend_rejected, self.workstation, item["event_id"], payload,
                         done=self._resolved, failed=self._failed)  # fmt: skip

    def _resolved(self, status: SyncStatus) -> None:
        if self.view is not None:
            self.view.reason.clear()
            self.view.show_message(self.tr("Done."))
        self.sig_resolved.emit(status)
        self.reload()

    def _failed(self, error: BaseException) -> None:
        if self.view is not None:
            self.view.show_message(self.tr("Not done: %1").replace("%1", str(error)))


def _event_name(event_type: str) -> str:
    return term(event_type)


def details_html(item: dict[str, Any]) -> str:
    """The refused change, and for a conflict what the server has now beside what was sent."""
    parts = [f"<p><b>{escape(_tr('Refused because'))}:</b> {escape(refusal_words(item))}</p>"]
    payload, patient = item["payload"], item.get("patient")
    if item.get("reject_code") == CONFLICT and patient:
        rows = "".join(
            f"<tr><td>{escape(_tr(word))}</td><td>{escape(_value(key, payload.get(key, ''), patient))}</td>"
            f"<td><b>{escape(_value(key, patient.get(key), patient))}</b></td></tr>"
            for key, word in RECORD_FIELDS.items() if key in payload or key in ("ward_id", "bed", "version")
        )  # fmt: skip
        parts.append(f"<p><b>{escape(_tr('The server has now'))}:</b></p><table border='1' cellpadding='3'>"
                     f"<tr><th></th><th>{escape(_tr('You sent'))}</th><th>{escape(_tr('Server now'))}</th></tr>"
                     f"{rows}</table>")  # fmt: skip
    else:  # the change as sent, field by field
        rows = "".join(f"<tr><td>{escape(_tr(RECORD_FIELDS.get(key, key)))}</td>"
                       f"<td>{escape(_value(key, value, patient or {}))}</td></tr>"
                       for key, value in payload.items())  # fmt: skip
        parts.append(f"<table border='1' cellpadding='3'>{rows}</table>")
    return "".join(parts)


def _value(key: str, value: Any, patient: dict[str, Any]) -> str:
    """A field's value in words: the ward by its name, coded values translated, times local."""
    if value is None:
        return ""
    if key == "ward_id":
        return (
            str(patient.get("ward_name") or value)
            if value == patient.get("ward_id")
            else str(value)
        )
    if key.endswith("_at"):
        return local_time(str(value))
    return term(value) if isinstance(value, str) else str(value)
