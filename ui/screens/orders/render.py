"""How a reading, its alerts and a basket line are shown (HTML and text, translated)."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from PySide6.QtCore import QCoreApplication

from ui.icons import high_alert_html, high_alert_word, icon_html
from ui.screens.orders.entry import DraftOrder, Reading
from ui.terms import term
from ui.theme import current_theme, severity_colour, severity_tint
from workstation.clinical.checks import Alert
from workstation.clinical.high_alert import high_alert_routes, is_marked
from workstation.clinical.order_sheet import TEMPORARY


def _alert_box(severity: str, label: str, message: str) -> str:
    """One alert as a box with icon, word and the whole message: a critical one in red (light
    words on it), a warning on amber, information on blue; every box framed in its colour."""
    colours = current_theme().colours
    frame = severity_colour(severity).name()
    if severity == "critical":
        ground, ink, width = colours.critical, colours.on_critical, 3
    else:
        ground, ink, width = severity_tint(severity).name(), colours.ink_on_tint, 1
    return (f"<table width='100%' cellspacing='0' cellpadding='6' border='{width}' "
            f"style='border-color:{frame}; border-style:solid; background-color:{ground}; color:{ink}'>"
            f"<tr><td>{icon_html(severity, ink)} <b>{escape(label)}</b>: {escape(message)}</td></tr></table>")  # fmt: skip


def _tr(text: str) -> str:
    return QCoreApplication.translate("OrderRender", text)


def _high_alert(draft: DraftOrder) -> bool:
    """The line orders a high-alert drug on a high-alert route."""
    parsed = draft.parsed
    if parsed is None:
        return False
    return is_marked(high_alert_routes([parsed.drug.entry]), parsed.drug.code, parsed.route)


def _mark(draft: DraftOrder) -> str:
    """'High-alert: ' (its word; the icon is drawn beside the line) for a high-alert line."""
    return f"{high_alert_word()}: " if _high_alert(draft) else ""


def _draft_html(draft: DraftOrder) -> str:
    mark = f"{high_alert_html()} " if _high_alert(draft) else ""
    html = f"{escape(term(draft.kind))}: {mark}<b>{escape(draft.description)}</b>"
    if draft.urgent:
        html += f" <b>{escape(_tr('urgent'))}</b>"
    if draft.parsed is not None and draft.parsed.warnings:
        html += "".join(f"<br><i>{escape(w)}</i>" for w in draft.parsed.warnings)
    return html


def reading_html(reading: Reading, suggested: Reading | None, language: str) -> str:
    """The line's meaning, or what Enter would add from the highlighted suggestion, or the error."""
    if reading.draft is not None:
        return _draft_html(reading.draft) + f" <small>— {escape(_tr('Enter adds it'))}</small>"
    if reading.order_set is not None:
        order_set = reading.order_set
        return (f"{escape(_tr('Order set'))}: <b>{escape(order_set.name(language))}</b>, "
                f"{len(order_set.lines)} {escape(_tr('orders'))} — {escape(_tr('Enter adds them all'))}"
                f"<br><small>{escape(order_set.guideline)}</small>")  # fmt: skip
    if suggested is not None and suggested.draft is not None:
        return f"{escape(_tr('Enter adds'))} → {_draft_html(suggested.draft)}"
    if suggested is not None and suggested.order_set is not None:
        return f"{escape(_tr('Enter adds the order set'))} → <b>{escape(suggested.order_set.name(language))}</b>"
    if reading.error:
        colour = severity_colour("warning").name()
        return f"<span style='color:{colour}'>{icon_html('warning')} {escape(reading.error)}</span>"
    return ""


def alerts_html(alerts: Iterable[Alert], language: str) -> str:
    """Critical alerts boxed in red (a reason will be asked), warnings in amber, information in
    blue; each with its icon, its word and its whole message."""
    parts = []
    for alert in alerts:
        message = alert.message_zh if language.startswith("zh") else alert.message
        label = {"critical": _tr("CRITICAL — a reason is needed to sign"),
                 "warning": _tr("WARNING"), "info": _tr("info")}[alert.severity]  # fmt: skip
        parts.append(_alert_box(alert.severity, label, message))
    return "".join(parts)


def basket_icon(draft: DraftOrder) -> str | None:
    """The icon beside a basket line (ui.icons): its gravest alert, else high-alert, else none;
    the line says the same in words (basket_line)."""
    severities = {a.severity for a in draft.alerts}
    for severity in ("critical", "warning"):
        if severity in severities:
            return severity
    if _high_alert(draft):
        return "high_alert"
    return "info" if severities else None


def basket_line(draft: DraftOrder, language: str) -> str:
    """One basket line: its kind and description, then its alerts in words (the icon of the
    gravest is drawn beside the line: basket_icon)."""
    marks = []
    blocking = {a.rule_id for a in draft.blocking()}
    for alert in draft.alerts:
        if alert.severity == "critical":
            marks.append(
                _tr("Critical: reason needed")
                if alert.rule_id in blocking
                else _tr("Critical: overridden")
            )
        elif alert.severity == "warning":
            words = alert.message_zh if language.startswith("zh") else alert.message
            marks.append(_tr("Warning: %1").replace("%1", words))
    if draft.alerts and all(a.severity == "info" for a in draft.alerts):
        marks.append(_tr("info"))
    prefix = _tr("replaces an order") + " · " if draft.replaces_order_id else ""
    sheet = _tr("temporary") if draft.chosen_term() == TEMPORARY else _tr("long-term")
    text = f"[{sheet}] {prefix}{term(draft.kind)}: {_mark(draft)}{draft.description}"
    if draft.discharge is not None:  # 出院带药: what is handed over for its days
        supply = draft.discharge
        text += " [" + _tr("discharge medication: %1 %2 for %3 days").replace(
            "%1", f"{supply['quantity']:g}").replace("%2", term(supply["unit"])).replace(
            "%3", str(supply["days"])) + "]"  # fmt: skip
    if draft.urgent:
        text += f" [{_tr('urgent')}]"
    return f"{text}   {'  '.join(marks)}".rstrip()
