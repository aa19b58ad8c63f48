"""The running total of a Morse or Braden form and its risk band: the sum so far while items are
still open, then the total with its level in words, icon and colour together (never colour
alone), above the scale's bands with the one reached in bold and the source they come from."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.icons import pixmap
from ui.theme import severity_colour
from workstation.clinical.assessments import BAND_SOURCES, risk_bands, score

translate = QCoreApplication.translate

RISKS = {
    "low": QT_TRANSLATE_NOOP("Assessments", "low risk"),
    "moderate": QT_TRANSLATE_NOOP("Assessments", "moderate risk"),
    "high": QT_TRANSLATE_NOOP("Assessments", "high risk"),
    "very_high": QT_TRANSLATE_NOOP("Assessments", "very high risk"),
    "mild": QT_TRANSLATE_NOOP("Assessments", "mild risk (at risk)"),
    "none": QT_TRANSLATE_NOOP("Assessments", "no risk"),
}
# Severity of each level: critical (red, critical icon), warning (amber, warning icon), or none.
SEVERITY = {"high": "critical", "very_high": "critical", "moderate": "warning", "mild": "warning"}
ICONS = ("critical", "warning")
ICON_SIZE = 20


def risk_words(risk: str) -> str:
    """The translated words of a core risk code."""
    return translate("Assessments", str(RISKS[risk])) if risk in RISKS else risk


def bands_html(kind: str, reached: str | None) -> str:
    """ "Bands (source): 0–24 low risk · 25–44 moderate risk · 45–125 high risk", the band
    reached in bold."""
    parts = []
    for low, high, level in risk_bands(kind):
        text = escape(f"{low}–{high} {risk_words(level)}")
        text = f"<b>{text}</b>" if level == reached else text
        parts.append(f'<span style="white-space: nowrap">{text}</span>')  # a band stays whole
    label = translate("Assessments", "Risk bands (%1):").replace("%1", BAND_SOURCES[kind])
    return f"{escape(label)} {' · '.join(parts)}"


class RiskResult(QWidget):
    """The total line (`total`, a QLabel the tests read) with its icon, and the bands below."""

    def __init__(self, kind: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self.icon = QLabel(objectName="scaleRiskIcon")
        self.icon.setFixedWidth(ICON_SIZE)
        self.total = QLabel(objectName="scaleResult")
        self.bands = QLabel(objectName="scaleBands", wordWrap=True)
        self.bands.setTextFormat(Qt.TextFormat.RichText)
        line = QHBoxLayout()
        line.addWidget(self.icon)
        line.addWidget(self.total, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(line)
        layout.addWidget(self.bands)

    def show_answers(self, items: dict[str, int], item_count: int) -> None:
        """The sum so far while items are open; the total and its level once all are answered."""
        if len(items) < item_count:
            self.total.setText(translate("Assessments", "Total so far %1 (%2 of %3 items answered)")
                               .replace("%1", str(sum(items.values()))).replace("%2", str(len(items)))
                               .replace("%3", str(item_count)))  # fmt: skip
            self._severity(None)
            self.bands.setText(bands_html(self.kind, None))
            return
        result = score(self.kind, items)
        self.total.setText(translate("Assessments", "Total %1: %2")
                           .replace("%1", str(result.total)).replace("%2", risk_words(result.risk)))  # fmt: skip
        self._severity(SEVERITY.get(result.risk))
        self.bands.setText(bands_html(self.kind, result.risk))

    def _severity(self, severity: str | None) -> None:
        self.setProperty("severity", severity or "")
        colour = severity_colour(severity).name() if severity else ""
        self.total.setStyleSheet(f"font-weight: bold; color: {colour};" if colour else "")
        if severity in ICONS:
            self.icon.setPixmap(pixmap(severity, ICON_SIZE))
        else:
            self.icon.clear()
