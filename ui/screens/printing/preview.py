"""Print preview: the PDF in Qt's PDF view, opened at page width (readable at once); Ctrl+= and
Ctrl+- zoom, Ctrl+0 goes back to page width; PgUp/PgDn pages, Ctrl+P prints, Ctrl+S saves, Esc
closes."""

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
ZOOM_STEP = 1.25
ZOOM_RANGE = (0.25, 5.0)


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
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.page_label = QLabel(objectName="pageLabel")
        self.hint = QLabel(
            self.tr(
                "PgUp / PgDn: page — Ctrl+= / Ctrl+-: zoom — Ctrl+0: page width — "
                "Ctrl+P: print — Ctrl+S: save as PDF — Esc: close"
            )
        )
        self.hint.setWordWrap(True)
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
                          ("Ctrl+=", lambda: self.zoom_by(ZOOM_STEP)),
                          ("Ctrl++", lambda: self.zoom_by(ZOOM_STEP)),
                          ("Ctrl+-", lambda: self.zoom_by(1 / ZOOM_STEP)),
                          ("Ctrl+0", self.fit_width),
                          (QKeySequence.StandardKey.Print, self.print_with_dialog),
                          (QKeySequence.StandardKey.Save, self.save_with_dialog)):  # fmt: skip
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(act)

    def zoom(self) -> float:
        """The zoom factor the page is shown at (1.0: its size on paper), at page width too."""
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom:
            return self.view.zoomFactor()
        return self.page_width_zoom()

    def page_width_zoom(self) -> float:
        """The factor that fits the page's width into the view (what Ctrl+0 shows)."""
        points = self.document.pagePointSize(max(0, self.current_page())).width() or 595.0
        margins = self.view.documentMargins()
        room = self.view.viewport().width() - margins.left() - margins.right()
        return max(ZOOM_RANGE[0], room / (points * self.view.logicalDpiX() / 72))

    def zoom_by(self, factor: float) -> None:
        """Ctrl+= / Ctrl+-: zoom in or out from what is shown (page width included)."""
        shown = self.zoom()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(ZOOM_RANGE[0], min(shown * factor, ZOOM_RANGE[1])))

    def fit_width(self) -> None:
        """Ctrl+0: back to page width."""
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

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
