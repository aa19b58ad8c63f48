"""The server's refusals in the user's words, by their code: the server words every refusal in
English for its logs, and a screen never shows that text to a Chinese user nor parses it."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from offline_cache.link import Offline
from ui.terms import user_language

REFUSALS = {
    "malformed": QT_TRANSLATE_NOOP("Refusals", "the change could not be read by the server"),
    "invalid": QT_TRANSLATE_NOOP("Refusals", "the change is incomplete or has a value out of range"),
    "tampered": QT_TRANSLATE_NOOP("Refusals", "a different change was already sent under the same id"),
    "unknown_author": QT_TRANSLATE_NOOP("Refusals", "its author is not an active user"),
    "unsigned": QT_TRANSLATE_NOOP("Refusals", "it carries no electronic signature"),
    "bad_signature": QT_TRANSLATE_NOOP("Refusals", "its electronic signature does not verify"),
    "revoked_key": QT_TRANSLATE_NOOP("Refusals", "it was signed with a withdrawn signing key"),
    "device_mismatch": QT_TRANSLATE_NOOP("Refusals", "it was sent from another workstation than the one that signed it"),
    "device_revoked": QT_TRANSLATE_NOOP("Refusals", "this workstation has been withdrawn"),
    "replayed": QT_TRANSLATE_NOOP("Refusals", "it was already sent once"),
    "backdated": QT_TRANSLATE_NOOP("Refusals", "its time is earlier than this workstation's clock allows"),
    "future_dated": QT_TRANSLATE_NOOP("Refusals", "its time is later than the server's clock"),
    "device_seq_taken": QT_TRANSLATE_NOOP("Refusals", "this workstation's numbering clashes with an earlier change"),
    "forbidden": QT_TRANSLATE_NOOP("Refusals", "your role may not make this change"),
    "needs_cosign": QT_TRANSLATE_NOOP("Refusals", "it needs a co-signature"),
    "needs_approval": QT_TRANSLATE_NOOP("Refusals", "it needs an approval"),
    "conflict": QT_TRANSLATE_NOOP("Refusals", "the record was changed by someone else since it was read"),
    "out_of_scope": QT_TRANSLATE_NOOP("Refusals", "the patient is not on your ward (break the glass to reach them)"),
    "unknown_patient": QT_TRANSLATE_NOOP("Refusals", "the server does not know this patient"),
    "record_archived": QT_TRANSLATE_NOOP("Refusals", "the record is archived and locked"),
    "depends_on_rejected": QT_TRANSLATE_NOOP("Refusals", "it depends on another change that was refused"),
    "wrong_record": QT_TRANSLATE_NOOP("Refusals", "the MRN is not this patient's"),
    "record_incomplete": QT_TRANSLATE_NOOP("Refusals", "the record is not complete (discharge summary, co-signatures, front sheet): see the record"),
    "bad_request": QT_TRANSLATE_NOOP("Refusals", "the request is incomplete or has a value out of range"),
    "not_found": QT_TRANSLATE_NOOP("Refusals", "the server has no such record"),
    "forbidden_ward": QT_TRANSLATE_NOOP("Refusals", "the patient is not on your ward (break the glass to reach them)"),
    "not_discharged": QT_TRANSLATE_NOOP("Refusals", "only a discharged patient's record can be archived"),
    "already_archived": QT_TRANSLATE_NOOP("Refusals", "the record is already archived and locked"),
    "not_archived": QT_TRANSLATE_NOOP("Refusals", "the record is not locked"),
    "unknown_request": QT_TRANSLATE_NOOP("Refusals", "there is no such unlock request"),
    # user_rights.RightsProblem: titles and prescribing rights (抗菌药物临床应用管理办法 Art. 24, 27)
    "rights_not_a_doctor": QT_TRANSLATE_NOOP("Refusals", "only a doctor with a doctor's title holds prescribing rights"),
    "rights_nurse_grade": QT_TRANSLATE_NOOP("Refusals", "this title is a nurse's grade"),
    "rights_trainee_title": QT_TRANSLATE_NOOP("Refusals", "a trainee physician's title is trainee"),
    "rights_tier_above_title": QT_TRANSLATE_NOOP("Refusals", "this antibiotic tier is above what the title may hold (Art. 24)"),
    "rights_approver_title": QT_TRANSLATE_NOOP("Refusals", "an antibiotic consultant must be an associate chief or chief physician (Art. 27)"),
}  # fmt: skip
UNKNOWN = QT_TRANSLATE_NOOP("Refusals", "the server refused this change")


def refusal_text(code: str | None, message: str | None = None) -> str:
    """A refusal in the user's language by its code; for a code this station does not know, a
    general sentence (with the server's own words only on an English screen)."""
    source = REFUSALS.get(code or "")
    if source is not None:
        return QCoreApplication.translate("Refusals", source)
    general = QCoreApplication.translate("Refusals", UNKNOWN)
    english = not user_language().startswith("zh")
    return f"{general}: {message}" if english and message else general


def refusal_words(error: BaseException) -> str:
    """A refused request (offline_cache.link.Refused: its `code`) in the user's language; an
    English screen adds the server's own explanation (a rule, say), a Chinese one cannot."""
    text, message = refusal_text(getattr(error, "code", None), str(error)), str(error)
    english = not user_language().startswith("zh")
    return f"{text}: {message}" if english and message and message not in text else text


def failure_words(error: BaseException, offline: str) -> str:
    """What a page that reads the server says when a request failed: its own `offline` sentence
    when the server cannot be reached, else the server's refusal in the user's words."""
    if isinstance(error, Offline):
        return offline
    refused = QCoreApplication.translate("Refusals", "The server refused: %1")
    return refused.replace("%1", refusal_words(error))
