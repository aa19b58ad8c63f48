"""Unsigned note drafts, kept in the encrypted replica (never in a plain file) until signed.

One draft per author, patient and note type; a draft is not an event and is never sent."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text

from offline_cache.store import LocalStore
from workstation.clock import now_iso

_CREATE = """
CREATE TABLE IF NOT EXISTS note_drafts (
    author_id VARCHAR(64) NOT NULL,
    patient_id VARCHAR(36) NOT NULL,
    note_type VARCHAR(32) NOT NULL,
    text TEXT NOT NULL,
    saved_at VARCHAR(32) NOT NULL,
    PRIMARY KEY (author_id, patient_id, note_type)
)"""


@dataclass(frozen=True)
class NoteDraft:
    """A note being written: whose, for which patient, of which type, and its text so far."""

    author_id: str
    patient_id: str
    note_type: str
    text: str
    saved_at: str


class NoteDrafts:
    """Save, read and drop drafts; each call is its own short transaction."""

    def __init__(self, store: LocalStore):
        self.store = store
        self._ready = False

    def _ensure(self, conn: Connection) -> None:
        if not self._ready:
            conn.execute(text(_CREATE))
            self._ready = True

    def save(self, *, author_id: str, patient_id: str, note_type: str, body: str) -> NoteDraft:
        """Keep the text of a draft (replacing the previous save)."""
        draft = NoteDraft(author_id, patient_id, note_type, body, now_iso())
        with self.store.writing() as conn:
            self._ensure(conn)
            conn.execute(
                text("INSERT OR REPLACE INTO note_drafts VALUES (:a, :p, :t, :x, :s)"),
                {"a": author_id, "p": patient_id, "t": note_type, "x": body, "s": draft.saved_at},
            )
        return draft

    def for_patient(self, *, author_id: str, patient_id: str) -> list[NoteDraft]:
        """An author's drafts for one patient, latest first."""
        with self.store.writing() as conn:
            self._ensure(conn)
            rows = conn.execute(
                text(
                    "SELECT author_id, patient_id, note_type, text, saved_at FROM note_drafts "
                    "WHERE author_id = :a AND patient_id = :p ORDER BY saved_at DESC"
                ),
                {"a": author_id, "p": patient_id},
            ).all()
        return [NoteDraft(*row) for row in rows]

    def drop(self, *, author_id: str, patient_id: str, note_type: str) -> None:
        """Forget a draft (after it was signed, or when its author discards it)."""
        with self.store.writing() as conn:
            self._ensure(conn)
            conn.execute(
                text(
                    "DELETE FROM note_drafts "
                    "WHERE author_id = :a AND patient_id = :p AND note_type = :t"
                ),
                {"a": author_id, "p": patient_id, "t": note_type},
            )
