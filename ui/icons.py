"""Icons from the Font Awesome font (qtawesome), in the current theme's colours: a severity is
shown by colour, icon and word together, never by colour alone."""

from __future__ import annotations

import os

os.environ.setdefault("QT_API", "pyside6")  # qtpy (under qtawesome) must bind to PySide6

from functools import lru_cache  # noqa: E402

import qtawesome  # noqa: E402
from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QSize  # noqa: E402
from PySide6.QtGui import QIcon, QPixmap  # noqa: E402
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget  # noqa: E402

from ui.theme import current_theme, severity_colour  # noqa: E402

# one icon per meaning; 病危 and 病重 and an allergy each have their own, so they are not confused
ICONS = {
    "critical": "fa5s.exclamation-circle",
    "warning": "fa5s.exclamation-triangle",
    "info": "fa5s.info-circle",
    "success": "fa5s.check-circle",
    "high_alert": "fa5s.bolt",
    "acuity_critical": "fa5s.heartbeat",  # 病危
    "acuity_serious": "fa5s.procedures",  # 病重
    "allergy": "fa5s.allergies",
    "overdue": "fa5s.clock",
    "failed": "fa5s.times-circle",
    "clock": "fa5s.clock",
    "edited": "fa5s.pen",
}
# the meaning (colour) each icon is drawn in
MEANING = {"acuity_critical": "critical", "acuity_serious": "high_alert", "allergy": "critical",
           "overdue": "critical", "failed": "critical", "clock": "critical", "edited": "info"}  # fmt: skip


def high_alert_word() -> str:
    """The word shown with the high-alert icon on screens (printouts keep issue 11's ▲)."""
    return QCoreApplication.translate("Icons", "High-alert")


def high_alert_html() -> str:
    """The high-alert icon and its word, for rich text."""
    return f"{icon_html('high_alert')} <b>{high_alert_word()}</b>"


def icon(kind: str, colour: str | None = None) -> QIcon:
    """The icon of a meaning (a severity or one of ICONS), in its colour or in `colour`."""
    painted = colour or severity_colour(MEANING.get(kind, kind)).name()
    return _icon(ICONS.get(kind, ICONS["info"]), painted)


@lru_cache(maxsize=128)
def _icon(name: str, colour: str) -> QIcon:
    return qtawesome.icon(name, color=colour)


def pixmap(kind: str, size: int, colour: str | None = None) -> QPixmap:
    """The icon as a pixmap of `size` pixels."""
    return icon(kind, colour).pixmap(QSize(size, size))


def icon_html(kind: str, colour: str | None = None) -> str:
    """An <img> of the icon for rich text (a label's HTML), a line high, in the meaning's colour."""
    painted = colour or severity_colour(MEANING.get(kind, kind)).name()
    return _icon_html(kind, painted, icon_px())


@lru_cache(maxsize=128)
def _icon_html(kind: str, colour: str, size: int) -> str:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pixmap(kind, size, colour).save(buffer, "PNG")
    encoded = bytes(data.toBase64().data()).decode("ascii")
    return f'<img src="data:image/png;base64,{encoded}" width="{size}" height="{size}" style="vertical-align: middle">'


def icon_px() -> int:
    """Icon size in pixels for the theme's body text (a line's height)."""
    return round(current_theme().type.body * 1.6)


class SeverityLabel(QWidget):
    """Icon and words side by side, coloured by the meaning: the form every alert on a screen
    takes. `boxed` draws a critical alert's box around it (ui/stylesheet.py alertBox)."""

    def __init__(self, object_name: str, parent: QWidget | None = None, *, word_wrap: bool = True):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.glyph = QLabel(objectName=f"{object_name}Icon")
        self.glyph.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.text = QLabel(objectName=f"{object_name}Text", wordWrap=word_wrap)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.glyph)
        layout.addWidget(self.text, 1)
        self.kind = ""

    def show_alert(self, kind: str, words: str, *, colour: str | None = None) -> None:
        """Show `words` with the icon of `kind`; hidden when there are no words."""
        self.kind = kind
        self.text.setText(words)
        self.glyph.setPixmap(pixmap(kind, icon_px(), colour))
        self.setVisible(bool(words))

    def clear_alert(self) -> None:
        """Nothing to show."""
        self.text.clear()
        self.hide()
