"""Print preview: the PDF in Qt's PDF view; PgUp/PgDn pages, Ctrl+P prints, Ctrl+S saves, Esc closes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QVBoxLayout, QWidget

from ui.dialogs import fitted
from workstation.security.files import write_private

PRINT_DPI = 300


class PrintPreviewDialog(QDialog):
    """Shows one PDF page by page and prints or saves exactly those bytes."""

    def __init__(self, pdf: bytes, title: str, file_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("printPreview")
        self.setWindowTitle(title)
        self.pdf, self.file_name = pdf, file_name
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.SinglePage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.page_label = QLabel(objectName="pageLabel")
        self.hint = QLabel(
            self.tr("PgUp / PgDn: page — Ctrl+P: print — Ctrl+S: save as PDF — Esc: close")
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.page_label)
        layout.addWidget(self.hint)
        self._shortcuts()
        self.view.pageNavigator().currentPageChanged.connect(self._show_page_number)
        self._show_page_number(0)
        self.resize(fitted(QSize(900, 1000), parent))

    def _shortcuts(self) -> None:
        for keys, act in (("PgDown", lambda: self.go_to(self.current_page() + 1)),
                          ("PgUp", lambda: self.go_to(self.current_page() - 1)),
                          ("Ctrl+Home", lambda: self.go_to(0)),
                          ("Ctrl+End", lambda: self.go_to(self.page_count() - 1)),
                          (QKeySequence.StandardKey.Print, self.print_with_dialog),
                          (QKeySequence.StandardKey.Save, self.save_with_dialog)):  # fmt: skip
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(act)

    def page_count(self) -> int:
        """Pages in the document."""
        return self.document.pageCount()

    def current_page(self) -> int:
        """The page shown (from 0)."""
        return self.view.pageNavigator().currentPage()

    def go_to(self, page: int) -> None:
        """Show a page (clamped to the document)."""
        page = max(0, min(page, self.page_count() - 1))
        self.view.pageNavigator().jump(page, QPointF(), 0)

    def _show_page_number(self, page: int) -> None:
        self.page_label.setText(
            self.tr("Page %1 of %2")
            .replace("%1", str(page + 1))
            .replace("%2", str(self.page_count()))
        )

    def save_to(self, path: Path) -> Path:
        """Write the PDF as it is to path."""
        return write_private(path, self.pdf)

    def save_with_dialog(self) -> None:
        """Ctrl+S: ask where, then save."""
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save as PDF"), str(Path.home() / self.file_name), self.tr("PDF (*.pdf)")
        )
        if name:
            self.save_to(Path(name if name.lower().endswith(".pdf") else f"{name}.pdf"))

    def print_with_dialog(self) -> None:
        """Ctrl+P: the system print dialog, then print every page."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.file_name)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Render each page at the printer's resolution, fitted to its page; the pages printed."""
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError("the printer could not be opened")
        try:
            target = printer.pageLayout().paintRectPixels(printer.resolution())
            for page in range(self.page_count()):
                if page:
                    printer.newPage()
                self._paint_page(painter, page, QRect(0, 0, target.width(), target.height()))
        finally:
            painter.end()
        return self.page_count()

    def _paint_page(self, painter: QPainter, page: int, area: QRect) -> None:
        points = self.document.pagePointSize(page)
        scale = min(area.width() / points.width(), area.height() / points.height())
        size = QSize(round(points.width() * scale), round(points.height() * scale))
        image = self.document.render(page, size)
        painter.drawImage(QRect(area.topLeft(), size), image)
