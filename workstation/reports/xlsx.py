"""Excel workbooks of tables (the dashboards' export, the stock and formulary exports): one sheet
per table, a bold header row, columns sized to their text, the header frozen."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

MAX_TITLE = 31  # Excel's limit on a sheet's name
_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})  # characters Excel refuses in a name


@dataclass(frozen=True, slots=True)
class Sheet:
    """One table of a workbook: its name, its column headers and its rows of plain values."""

    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Any]]


def workbook_bytes(sheets: Iterable[Sheet]) -> bytes:
    """The .xlsx file of these sheets (names made unique and valid for Excel)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for table in sheets:
        sheet = book.create_sheet(_unique_title(table.title, taken))
        sheet.append(list(table.headers))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append(list(row))
        sheet.freeze_panes = "A2"
        _size_columns(sheet)
    if not book.sheetnames:
        book.create_sheet("empty")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _unique_title(title: str, taken: set[str]) -> str:
    base = (title.translate(_FORBIDDEN).strip() or "sheet")[:MAX_TITLE]
    name, number = base, 2
    while name.lower() in taken:
        suffix = f" ({number})"
        name, number = base[: MAX_TITLE - len(suffix)] + suffix, number + 1
    taken.add(name.lower())
    return name


def _size_columns(sheet: Any) -> None:
    """Each column as wide as its longest text (CJK characters count double), within bounds."""
    from openpyxl.utils import get_column_letter

    for index, column in enumerate(sheet.iter_cols(values_only=True), start=1):
        width = max((_display_width(value) for value in column), default=8)
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 8), 60)


def _display_width(value: Any) -> int:
    text = "" if value is None else str(value)
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
