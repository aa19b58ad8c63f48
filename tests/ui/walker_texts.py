"""What the screen walker reads off a window (every visible text, with where it stands) and the
three things it must never find there: a time on UTC instead of the ward's clock, a raw code, and
a word of the other language."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from ui.screens.trends.plot import TrendPlot

ROWS_READ = 60  # rows of a table read (the first screenfuls: enough to meet every kind of row)
# codes the server and the replica use, which a screen must name instead (ward, stock location,
# role): a word on its own, in capitals or with an underscore, never part of a sentence
RAW_CODES = (
    "CARD",
    "PHARM",
    "trainee_physician",
    "privacy_officer",
    "awaiting_cosign",
    "not_given",
)
# Latin words a Chinese screen legitimately shows: units and scores written the same in both
# languages, keys on the keyboard, names of scales and formats, and the abbreviations Chinese
# wards write in Latin letters (《处方管理办法》 Art. 6 allows them in prescriptions too)
LATIN_IN_CHINESE = set(
    [
        "mg",
        "g",
        "mcg",
        "μg",
        "ug",
        "ml",
        "mL",
        "l",
        "L",
        "kg",
        "U",
        "IU",
        "mmol",
        "umol",
        "μmol",
        "mmHg",
        "h",
        "bpm",
        "cm",
        "mm",
        "ng",
        "pg",
        "dl",
        "dL",
        "mEq",
        "mmol/L",
        "SpO",
        "SpO2",
        "NEWS",
        "NEWS2",
        "BP",
        "HR",
        "RR",
        "INR",
        "pH",
        "K",
        "Na",
        "Cl",
        "CO2",
        "PaCO",
        "PaO",
        "eGFR",
        "BMI",
        "ICD",
        "CM",
        "ATC",
        "ST",
        "VTE",
        "IV",
        "PRN",
        "Ctrl",
        "Shift",
        "Alt",
        "Enter",
        "Return",
        "Esc",
        "Tab",
        "Del",
        "Delete",
        "PgUp",
        "PgDn",
        "Home",
        "End",
        "Space",
        "Backspace",
        "Up",
        "Down",
        "Left",
        "Right",
        "F",
        "OK",
        "Morse",
        "Braden",
        "Barthel",
        "ACVPU",
        "SBAR",
        "ISBAR",
        "I",
        "PASS",
        "MAR",
        "PDF",
        "QR",
        "ID",
        "HL7",
        "FHIR",
        "UTC",
        "HH",
        "MM",
        "YYYY",
        "DD",
        "csv",
        "xlsx",
        "Excel",
    ]
)
# what a user types into the order line, shown as examples of it in either language
ORDER_SYNTAX = ("amox 500mg po tid 7d", "阿莫西林 0.5g 口服 tid 7天", "血常规", "os pneumonia", "n daily weight", "CXR", "n ...", "tid 7", "加 dc",
                ".vitals .meds .allergies .problems .labs")  # fmt: skip
# an English sentence may quote the Chinese term of a rule or a form in brackets: (重整医嘱)
QUOTED_CHINESE = re.compile(r"[(（][\u3400-\u9fff·]+[)）]")
URL = re.compile(r"https?://\S+")  # an address, the same in every language
# a published source, cited the same in every language: Morse et al. 1989, Ayello & Braden 2002
CITATION = re.compile(r"[A-Z][a-z]+(?: et al\.| & [A-Z][a-z]+)? (?:19|20)\d\d")
CJK = re.compile(r"[\u3400-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
TIME = re.compile(r"(?<!\d)([01]\d|2[0-3]):[0-5]\d(?!\d)")
# a stored timestamp shown as it is stored: UTC, whatever moment it is
STORED_STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]00:?00)")


@dataclass(frozen=True)
class Seen:
    """One text on the screen and where: the screen's name and the widget's class/object name."""

    screen: str
    where: str
    text: str


def _plain(text: str) -> str:
    return QTextDocumentFragment.fromHtml(text).toPlainText() if "<" in text else text


def _model_texts(model: QAbstractItemModel | None) -> Iterable[str]:
    if model is None:
        return
    columns = model.columnCount(QModelIndex())
    for column in range(columns):
        header = model.headerData(column, Qt.Orientation.Horizontal)
        if isinstance(header, str):
            yield header
    for row in range(min(model.rowCount(QModelIndex()), ROWS_READ)):
        for column in range(max(columns, 1)):
            value = model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)
            if isinstance(value, str):
                yield value


def widget_texts(widget: QWidget) -> Iterable[str]:
    """The texts one widget shows (not what a user typed into a field: that is theirs)."""
    if isinstance(widget, QLabel):
        yield _plain(widget.text())
    elif isinstance(widget, QAbstractButton):
        yield widget.text()
    elif isinstance(widget, QLineEdit):
        yield widget.placeholderText()
    elif isinstance(widget, QTextEdit) and widget.isReadOnly():
        yield widget.toPlainText()
    elif isinstance(widget, QGroupBox):
        yield widget.title()
    elif isinstance(widget, QComboBox):
        yield from (widget.itemText(i) for i in range(widget.count()))
    if isinstance(widget, QTabWidget):
        yield from (widget.tabText(i) for i in range(widget.count()))
    if isinstance(widget, QAbstractItemView) and not isinstance(widget, QListWidget | QHeaderView):
        yield from _model_texts(widget.model())
    elif isinstance(widget, QListWidget):
        yield from (widget.item(i).text() for i in range(widget.count()))
    if isinstance(widget, TrendPlot):
        yield from widget.drawn_texts()


def visible_texts(screen: str, window: QWidget) -> list[Seen]:
    """Every text of the window and its visible dialogs, as the user sees them now."""
    roots = [window] + [w for w in QApplication.topLevelWidgets()
                        if w is not window and w.isVisible() and w.isWindow()]  # fmt: skip
    seen = []
    for root in roots:
        seen.append(Seen(screen, "window title", root.windowTitle()))
        for widget in [root, *root.findChildren(QWidget)]:
            if not widget.isVisible():
                continue
            where = f"{type(widget).__name__}#{widget.objectName()}"
            seen += [Seen(screen, where, text) for text in widget_texts(widget) if text]
    return seen


def utc_times(seen: Iterable[Seen], ward: set[str], utc: set[str]) -> list[Seen]:
    """Texts with a time that is a seeded moment on UTC rather than on the ward's clock, or with
    a timestamp shown as stored (ISO on UTC)."""
    wrong = utc - ward
    return [s for s in seen if STORED_STAMP.search(s.text)
            or any(m.group(0) in wrong for m in TIME.finditer(s.text))]  # fmt: skip


def raw_codes(seen: Iterable[Seen]) -> list[Seen]:
    """Texts showing a code as a word of its own."""
    found = []
    for item in seen:
        words = set(re.findall(r"[A-Za-z_]+", item.text))
        if words & set(RAW_CODES):
            found.append(item)
    return found


def other_language(seen: Iterable[Seen], language: str, allowed: Iterable[str]) -> list[Seen]:
    """Texts in the other language: a Chinese character on an English screen, a Latin word on a
    Chinese one. `allowed` is data shown as recorded (people's names, free text), removed first."""
    allowed = sorted(allowed, key=len, reverse=True)
    found = []
    for item in seen:
        text = item.text
        for words in (*allowed, *ORDER_SYNTAX):
            text = text.replace(words, " ")
        text = QUOTED_CHINESE.sub(" ", CITATION.sub(" ", URL.sub(" ", text)))
        if language.startswith("zh"):
            latin = [w for w in LATIN_WORD.findall(text) if w not in LATIN_IN_CHINESE
                     and not re.fullmatch(r"[A-Z]?\d+|F\d+|[A-Z]\d?", w)]  # fmt: skip
            if latin:
                found.append(item)
        elif CJK.search(text):
            found.append(item)
    return found
