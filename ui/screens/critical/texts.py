"""The words of the ward's safety systems on screen: a critical value (危急值) on the banner, the
census and the status bar; the nursing level (护理级别) with its round; a consultation (会诊)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ui.terms import lab_name, local_time

LEVELS = {
    "special": QT_TRANSLATE_NOOP("Safety", "Special care"),  # 特级护理
    "first": QT_TRANSLATE_NOOP("Safety", "Level 1 care"),  # 一级护理
    "second": QT_TRANSLATE_NOOP("Safety", "Level 2 care"),  # 二级护理
    "third": QT_TRANSLATE_NOOP("Safety", "Level 3 care"),  # 三级护理
}
SHORT_LEVELS = {  # the census column, headed "Care level": a narrow cell keeps the level itself
    "special": QT_TRANSLATE_NOOP("CareLevelShort", "Special"),  # 特级
    "first": QT_TRANSLATE_NOOP("CareLevelShort", "1"),  # 一级
    "second": QT_TRANSLATE_NOOP("CareLevelShort", "2"),  # 二级
    "third": QT_TRANSLATE_NOOP("CareLevelShort", "3"),  # 三级
}
CRITICAL_STATES = {
    "reported": QT_TRANSLATE_NOOP("Safety", "not yet received"),
    "received": QT_TRANSLATE_NOOP("Safety", "received, doctor to acknowledge"),
    "escalated": QT_TRANSLATE_NOOP("Safety", "ESCALATED: not acknowledged in time"),
    "acknowledged": QT_TRANSLATE_NOOP("Safety", "acknowledged"),
}
CONSULT_STATES = {
    "pending": QT_TRANSLATE_NOOP("Safety", "waiting"),
    "overdue": QT_TRANSLATE_NOOP("Safety", "OVERDUE"),
    "arrived": QT_TRANSLATE_NOOP("Safety", "consultant arrived"),
    "completed": QT_TRANSLATE_NOOP("Safety", "done"),
}
URGENCIES = {
    "emergency": QT_TRANSLATE_NOOP("Safety", "Emergency consultation"),  # 急会诊
    "routine": QT_TRANSLATE_NOOP("Safety", "Consultation"),  # 普通会诊
}


def tr(text: str) -> str:
    """Translate in the Safety context."""
    return QCoreApplication.translate("Safety", text)


def level_name(level: str | None) -> str:
    """特级 / 一级 / 二级 / 三级护理 in the user's language, or empty."""
    return tr(LEVELS[level]) if level in LEVELS else ""


def care_level_text(patient: dict[str, Any], *, short: bool = False) -> str:
    """The census cell (short: "1", 一级, the column says what it is) or its tooltip: the level,
    and "round overdue" when its round is late. "Level 1 care" elided in a narrow column read
    "Level …" and hid the level."""
    level = patient.get("nursing_level")
    if short and level in SHORT_LEVELS:
        name = QCoreApplication.translate("CareLevelShort", SHORT_LEVELS[level])
    else:
        name = level_name(level)
    if name and patient.get("round_state") == "overdue":
        return tr("%1 · round overdue").replace("%1", name)
    return name


def critical_text(patient: dict[str, Any]) -> str:
    """The census alert: how many critical values wait for acknowledgement."""
    return tr("critical value ×%1").replace("%1", str(patient.get("critical_open", 0)))


def critical_line(value: dict[str, Any]) -> str:
    """One banner line: test, value and flag, when reported and by whom, its state, the key."""
    unit = f" {value['unit']}" if value.get("unit") else ""
    flag = f" ({value['flag']})" if value.get("flag") else ""
    return (tr("CRITICAL VALUE %1 %2 reported %3 by %4 — %5 (Ctrl+Shift+K)")
            .replace("%1", lab_name(value)).replace("%2", f"{value['value']}{unit}{flag}")
            .replace("%3", local_time(value["reported_at"])).replace("%4", value["reporter"])
            .replace("%5", tr(CRITICAL_STATES[value["status"]])))  # fmt: skip


def consultation_line(consult: dict[str, Any]) -> str:
    """One banner line per open consultation: urgency, department, state."""
    return (tr("%1 %2 requested %3 — %4").replace("%1", tr(URGENCIES[consult["urgency"]]))
            .replace("%2", consult["department"]).replace("%3", local_time(consult["requested_at"]))
            .replace("%4", tr(CONSULT_STATES[consult["status"]])))  # fmt: skip


def care_states(safety: dict[str, Any]) -> set[str]:
    """The round's state and each open consultation's state (to colour the line)."""
    nursing = safety.get("nursing") or {}
    return {
        nursing.get("round_state", ""),
        *(c["status"] for c in safety.get("consultations") or []),
    }


def care_line(safety: dict[str, Any]) -> str:
    """The banner's care line: level, Barthel, next round, and each open consultation."""
    parts = []
    nursing, barthel = safety.get("nursing") or {}, safety.get("barthel")
    if nursing:
        parts.append(level_name(nursing["level"]))
        if nursing.get("round_state") == "overdue":
            parts.append(tr("round OVERDUE since %1").replace("%1", _clock(nursing["round_due"])))
        elif nursing.get("round_state") == "due":
            parts.append(tr("next round %1").replace("%1", _clock(nursing["round_due"])))
    if barthel:
        parts.append(tr("Barthel %1").replace("%1", str(barthel["total"])))
    parts += [consultation_line(c) for c in safety.get("consultations") or []]
    return "   ".join(parts)


def _clock(moment: Any) -> str:
    return local_time(moment.isoformat().replace("+00:00", "Z"))[-5:] if moment else ""
