"""Formulary administration: choose a CSV or Excel file of drugs or interactions, read the
validation report (every bad row named), import only a file without a bad row. The import is
this station's own copy; nothing is sent to the server or to other stations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.workers import Workers
from workstation.clinical.formulary_io import ImportReport, check_file, import_locally

KINDS = ("formulary", "interactions")


class FormularyImportView(QWidget):
    """Layout only: the file, its kind, the report and the two actions."""

    sig_check_requested = Signal(str, str)  # path, kind
    sig_import_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("formularyImportPage")
        self.path = QLineEdit(objectName="importPath",
                              placeholderText=self.tr("Type the path of a .csv or .xlsx file"))  # fmt: skip
        self.kind = QComboBox(objectName="importKind")
        self.kind.addItems([self.tr("Drugs (formulary)"), self.tr("Interactions")])
        browse = QPushButton(self.tr("Choose file…"), objectName="importBrowse")
        self.check = QPushButton(self.tr("Check (Enter)"), objectName="importCheck")
        self.apply = QPushButton(self.tr("Import"), objectName="importApply", enabled=False)
        self.report = QPlainTextEdit(objectName="importReport", readOnly=True)
        self.scope = QLabel(self.tr("An import is kept on this station only (its own reference "
                                    "data); it is not sent to the server or to other stations."),
                            objectName="importScope", wordWrap=True)  # fmt: skip
        self.message = QLabel(objectName="importMessage", wordWrap=True)
        line = QHBoxLayout()
        line.addWidget(self.path, 1)
        line.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("File"), line)
        form.addRow(self.tr("Contents"), self.kind)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check)
        buttons.addWidget(self.apply)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.scope)
        layout.addWidget(self.message)
        browse.clicked.connect(self._browse)
        self.path.returnPressed.connect(self._check)
        self.check.clicked.connect(self._check)
        self.apply.clicked.connect(self.sig_import_requested.emit)
        self.path.textChanged.connect(lambda _text: self.apply.setEnabled(False))
        self.kind.currentIndexChanged.connect(lambda _index: self.apply.setEnabled(False))

    def _browse(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Formulary file"), self.path.text(),
            self.tr("Spreadsheets (*.csv *.xlsx)"),
        )  # fmt: skip
        if name:
            self.path.setText(name)
            self._check()

    def _check(self) -> None:
        if self.path.text().strip():
            self.sig_check_requested.emit(self.path.text().strip(), KINDS[self.kind.currentIndex()])

    def show_report(self, report: ImportReport) -> None:
        """The validation report; Import is offered only for a file without a bad row."""
        if report.ok:
            lines = [self.tr("%1 rows, no problems. Import to use them on this station.")
                     .replace("%1", str(len(report.records)))]  # fmt: skip
        else:
            lines = [self.tr("%1 bad row(s): nothing will be imported. Correct the file and "
                             "check it again.").replace("%1", str(len(report.problems)))]  # fmt: skip
            lines += [self.tr("Row %1 (%2): %3").replace("%1", str(p.row))
                      .replace("%2", p.key or "-").replace("%3", p.problem)
                      for p in report.problems]  # fmt: skip
        self.report.setPlainText("\n".join(lines))
        self.apply.setEnabled(report.ok)
        self.message.clear()


class FormularyImportController(QObject):
    """Checks and imports on the worker lane; keeps the last good report to import."""

    sig_checked = Signal(object)  # ImportReport
    sig_imported = Signal(object)  # the Path written

    def __init__(self, view: FormularyImportView, workers: Workers, folder: Path,
                 parent: QObject | None = None):  # fmt: skip
        super().__init__(parent)
        self.view, self.workers, self.folder = view, workers, folder
        self.report: ImportReport | None = None
        view.sig_check_requested.connect(self.check)
        view.sig_import_requested.connect(self.apply)

    def _failed(self, error: Any) -> None:
        self.view.message.setText(str(error))

    def check(self, path: str, kind: str) -> None:
        """Read and check the file; show every bad row."""

        def checked(report: ImportReport) -> None:
            self.report = report
            self.view.show_report(report)
            self.sig_checked.emit(report)

        self.report = None
        self.workers.run(check_file, Path(path), kind, done=checked, failed=self._failed)

    def apply(self) -> None:
        """Save the checked file as this station's copy (refused for a file with a bad row)."""
        report = self.report
        if report is None or not report.ok:
            return

        def imported(target: Path) -> None:
            self.view.apply.setEnabled(False)
            self.view.message.setText(self.tr("Imported %1 rows into %2 (this station only).")
                                      .replace("%1", str(len(report.records)))
                                      .replace("%2", str(target)))  # fmt: skip
            self.sig_imported.emit(target)

        self.workers.run(import_locally, report, self.folder, done=imported, failed=self._failed)
