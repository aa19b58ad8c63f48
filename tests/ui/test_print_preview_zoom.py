"""The print preview opens at page width, and Ctrl+= / Ctrl+- / Ctrl+0 zoom it by keyboard."""

from __future__ import annotations

import io

from PySide6.QtCore import Qt
from PySide6.QtPdfWidgets import QPdfView
from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from ui.screens.printing.preview import ZOOM_STEP, PrintPreviewDialog
from ui.shortcuts import SHORTCUTS

CTRL = Qt.KeyboardModifier.ControlModifier


def _pdf() -> bytes:
    out = io.BytesIO()
    page = Canvas(out, pagesize=A4)
    page.drawString(72, 760, "Order sheet")
    page.showPage()
    page.save()
    return out.getvalue()


def test_the_preview_opens_at_page_width_and_zooms_by_keys(qtbot: QtBot) -> None:
    preview = PrintPreviewDialog(_pdf(), "Preview", "sheet.pdf")
    qtbot.addWidget(preview)
    preview.resize(900, 700)
    with qtbot.waitActive(preview):  # shortcuts reach the active window only
        preview.show()
        preview.activateWindow()
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    width = preview.zoom()  # what fits the page's width into the view
    assert width == preview.page_width_zoom() > 0.5
    qtbot.keyClick(preview.view, Qt.Key.Key_Equal, CTRL)
    assert preview.view.zoomMode() == QPdfView.ZoomMode.Custom
    assert abs(preview.zoom() - width * ZOOM_STEP) < 1e-6
    qtbot.keyClick(preview.view, Qt.Key.Key_Minus, CTRL)
    qtbot.keyClick(preview.view, Qt.Key.Key_Minus, CTRL)
    assert abs(preview.zoom() - width / ZOOM_STEP) < 1e-6
    qtbot.keyClick(preview.view, Qt.Key.Key_0, CTRL)
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert abs(preview.zoom() - width) < 1e-6


def test_f1_lists_the_preview_zoom_keys() -> None:
    keys = {key for key, _text in SHORTCUTS}
    assert "Ctrl+= / Ctrl+- / Ctrl+0" in keys
