"""The text beside the queue: who the patient is and what the pharmacist must weigh."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from PySide6.QtCore import QCoreApplication, QLocale

from ui.icons import icon_html
from ui.terms import check_term, lab_name, local_time, order_text, term, user_language
from workstation.clinical.verification import WaitingOrder

translate = QCoreApplication.translate


def _status(entry: WaitingOrder, names: Mapping[str, str]) -> str:
    """The allergy status words (the core's one pair) with who and when (on the ward clock),
    (verification waits on them when `entry.held`: drawn with the warning icon, see detail_html)."""
    words = entry.allergy_status.text(user_language(), when=local_time,
                                      name=lambda user: names.get(user, ""))  # fmt: skip
    return words


def detail_html(entry: WaitingOrder, names: Mapping[str, str] | None = None) -> str:
    """Patient context, checks, overrides and earlier change requests of one waiting order."""
    p, o = entry.patient, entry.order
    bed = translate("PharmacyDetail", "Bed %1").replace("%1", str(p["bed"]))
    mrn = translate("PharmacyDetail", "MRN %1").replace("%1", str(p["record_number"]))
    parts = [f"<h3>{escape(p['name'])} · {escape(bed)} · {escape(mrn)}</h3>",
             f"<p><b>{escape(order_text(o))}</b></p>",
             _line(translate("PharmacyDetail", "Allergies"), ", ".join(entry.allergies) or _status(entry, names or {}),
                   kind="warning" if entry.held and not entry.allergies else None),
             *([_line(translate("PharmacyDetail", "Skin test"), _skin(entry.skin_test))] if entry.skin_test else []),
             _line(translate("PharmacyDetail", "Weight"), f"{p['weight_kg']:g} kg" if p.get("weight_kg") else "—"),
             _line(translate("PharmacyDetail", "Renal"), "; ".join(_lab(x) for x in entry.renal_labs) or "—"),
             _line(translate("PharmacyDetail", "Active medicines"), "; ".join(order_text(o) for o in entry.active_medications) or "—"),
             _line(translate("PharmacyDetail", "Recent labs"), "; ".join(_lab(x) for x in entry.recent_labs) or "—")]  # fmt: skip
    checks, no_alert = (
        translate("PharmacyDetail", "Checks"),
        translate("PharmacyDetail", "no alert"),
    )
    parts.append(f"<p><b>{checks}</b></p><ul>")
    zh = QLocale().name().startswith("zh")
    parts += [f"<li>[{escape(check_term(a.severity))}] {escape(a.message_zh if zh else a.message)}</li>"
              for a in entry.alerts]  # fmt: skip
    parts.append("</ul>" if entry.alerts else f"<li>{no_alert}</li></ul>")
    for override in entry.overrides:
        reason = override.get("reason", "")
        parts.append(_line(translate("PharmacyDetail", "Prescriber's override"),
                           f"{override.get('rule_id', '')}: {reason}"))  # fmt: skip
    for request in entry.change_requests:
        parts.append(_line(translate("PharmacyDetail", "Change asked"), request["message"]))
    return "".join(parts)


def _skin(status: str) -> str:
    """皮试 result shown to the pharmacist (pending and positive refuse verification)."""
    return {"pending": translate("PharmacyDetail", "pending — no negative result on file"),
            "negative": translate("PharmacyDetail", "negative"),
            "positive": translate("PharmacyDetail", "POSITIVE — do not verify")}[status]  # fmt: skip


def _line(label: str, value: str, *, kind: str | None = None) -> str:
    mark = f"{icon_html(kind)} " if kind else ""
    return f"<p><b>{escape(label)}:</b> {mark}{escape(str(value))}</p>"


def _lab(lab: dict) -> str:  # type: ignore[type-arg]
    unit = f" {lab['unit']}" if lab.get("unit") else ""
    flag = f"({term(lab['flag'])})" if lab.get("flag") else ""
    return f"{lab_name(lab)} {lab['value']}{unit} {flag}".strip()
