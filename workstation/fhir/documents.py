"""Signed notes as DocumentReference: the text inline (UTF-8) and the printed PDF as an
attachment served by `Binary/{note id}` (so a search does not render a PDF per note)."""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from typing import Any

from fhir.resources.R4B.attachment import Attachment
from fhir.resources.R4B.binary import Binary
from fhir.resources.R4B.documentreference import (
    DocumentReference,
    DocumentReferenceContent,
    DocumentReferenceContext,
)

from workstation.fhir.common import (
    NOTE_TYPE_SYSTEM,
    coding,
    concept,
    instant,
    meta,
    person,
    reference,
)

PDF = "application/pdf"


def note_text(row: Mapping[str, Any], addenda: Sequence[Mapping[str, Any]]) -> str:
    """The note's text followed by its addenda, as the chart shows them."""
    parts = [row["text"]]
    parts += [f"[{a['recorded_at']}] {a['text']}" for a in addenda]
    return "\n\n".join(parts)


def document_reference(
    row: Mapping[str, Any],
    *,
    addenda: Sequence[Mapping[str, Any]] = (),
    last_updated: str | None = None,
    staff: Mapping[str, str],
) -> DocumentReference:
    """A signed note; amended when it has addenda, preliminary while it awaits co-signature."""
    awaiting = bool(row.get("needs_cosign")) and not row.get("cosigned_by")
    title = row.get("title") or row["note_type"]
    text = note_text(row, addenda)
    inline = Attachment(
        contentType="text/plain; charset=utf-8", language="zh-CN", title=title,
        data=base64.b64encode(text.encode("utf-8")).decode("ascii"),
        creation=instant(row["signed_at"]),
    )  # fmt: skip
    printed = Attachment(contentType=PDF, url=f"Binary/{row['note_id']}", title=f"{title}.pdf")
    author = person(row.get("author_id"), staff)
    return DocumentReference(
        id=row["note_id"],
        meta=meta(last_updated),
        status="current",
        docStatus="preliminary" if awaiting else "amended" if addenda else "final",
        type=concept(coding(NOTE_TYPE_SYSTEM, row["note_type"]), text=title),
        category=[concept(coding(NOTE_TYPE_SYSTEM, "clinical-note"), text="clinical note")],
        subject=reference("Patient", row["patient_id"]),
        date=instant(row["signed_at"]),
        author=[author] if author else None,
        authenticator=person(row.get("cosigned_by"), staff),
        description=title,
        content=[
            DocumentReferenceContent(attachment=inline),
            DocumentReferenceContent(attachment=printed),
        ],  # fmt: skip
        context=DocumentReferenceContext(encounter=[reference("Encounter", row["patient_id"])]),
    )


def pdf_binary(note_id: str, pdf: bytes) -> Binary:
    """The printed note as a Binary resource (for a client that asks for FHIR JSON)."""
    return Binary(id=note_id, contentType=PDF, data=base64.b64encode(pdf).decode("ascii"))
