"""Formulary administration: choose a CSV or Excel file of drugs or interactions, read the
validation report (every bad row named), publish only a file without a bad row. Publishing goes
through the server, which checks the rows again and makes them the next version of the hospital's
formulary (or interaction rules) on every station; checking works offline, publishing does not.

Nothing is kept on the station between the check and the publication: the checked report is the
draft, and a station-local copy would be one more formulary that no order check reads."""

from __future__ import annotations

from functools import partial
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

from offline_cache.link import Offline, Refused
from offline_cache.reference import publish
from offline_cache.workstation import Workstation
from ui.workers import Workers
from workstation.clinical.formulary_io import KINDS, ImportReport, RowProblem, check_file


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
        self.apply = QPushButton(self.tr("Publish to every station"), objectName="importApply",
                                 enabled=False)  # fmt: skip
        self.report = QPlainTextEdit(objectName="importReport", readOnly=True)
        self.scope = QLabel(self.tr("A checked file is published through the server as the next "
                                    "version of the hospital's formulary (or interaction rules): in "
                                    "force on this station at once, on every other station from its "
                                    "next sync. Checking works offline; publishing needs the "
                                    "server."), objectName="importScope", wordWrap=True)  # fmt: skip
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
        """The validation report; Publish is offered only for a file without a bad row."""
        if report.ok:
            lines = [self.tr("%1 rows, no problems. Publish to put them in force on every "
                             "station.").replace("%1", str(len(report.records)))]  # fmt: skip
        else:
            lines = [self.tr("%1 bad row(s): nothing will be published. Correct the file and "
                             "check it again.").replace("%1", str(len(report.problems)))]  # fmt: skip
            lines += self._rows(report.problems)
        self.report.setPlainText("\n".join(lines))
        self.apply.setEnabled(report.ok)
        self.message.clear()

    def _rows(self, problems: list[RowProblem]) -> list[str]:
        return [self.tr("Row %1 (%2): %3").replace("%1", str(p.row)).replace("%2", p.key or "-")
                .replace("%3", p.problem) for p in problems]  # fmt: skip

    def show_published(self, version: int, rows: int) -> None:
        """The server published the file as this version."""
        self.apply.setEnabled(False)
        self.message.setText(self.tr("Published as version %1 (%2 rows): in force on this station "
                                     "now, on every other station from its next sync.")
                             .replace("%1", str(version)).replace("%2", str(rows)))  # fmt: skip

    def show_refused(self, problems: list[RowProblem]) -> None:
        """The server's own check found bad rows: its report replaces the local one."""
        self.apply.setEnabled(False)
        lines = [self.tr("The server refused the file: %1 bad row(s); nothing was published.")
                 .replace("%1", str(len(problems)))]  # fmt: skip
        self.report.setPlainText("\n".join(lines + self._rows(problems)))
        self.message.setText(lines[0])

    def show_offline(self) -> None:
        """The server cannot be reached; the checked file can be published later."""
        self.apply.setEnabled(True)
        self.message.setText(self.tr("Offline: publishing needs the server. The check above was "
                                     "made on this station; publish again when the server can be "
                                     "reached."))  # fmt: skip

    def show_forbidden(self) -> None:
        """The server refused this user."""
        self.apply.setEnabled(False)
        self.message.setText(
            self.tr("Only a pharmacist or an administrator may publish the formulary.")
        )


class FormularyImportController(QObject):
    """Checks on the worker lane, keeps the last good report and publishes it to the server."""

    sig_checked = Signal(object)  # ImportReport
    sig_published = Signal(int)  # the new version
    sig_publish_failed = Signal(object)  # the error (Offline, Refused...)

    def __init__(self, view: FormularyImportView, workers: Workers, workstation: Workstation,
                 parent: QObject | None = None):  # fmt: skip
        super().__init__(parent)
        self.view, self.workers, self.workstation = view, workers, workstation
        self.report: ImportReport | None = None
        self.source = ""
        view.sig_check_requested.connect(self.check)
        view.sig_import_requested.connect(self.apply)

    def check(self, path: str, kind: str) -> None:
        """Read and check the file on this station (offline too); show every bad row."""

        def checked(report: ImportReport) -> None:
            self.report = report
            self.view.show_report(report)
            self.sig_checked.emit(report)

        self.report, self.source = None, Path(path).name
        self.workers.run(check_file, Path(path), kind, done=checked,
                         failed=lambda error: self.view.message.setText(str(error)))  # fmt: skip

    def apply(self) -> None:
        """Publish the checked file through the server (refused for a file with a bad row)."""
        report = self.report
        if report is None or not report.ok:
            return

        def published(version: int) -> None:
            self.view.show_published(version, len(report.records))
            self.sig_published.emit(version)

        self.view.apply.setEnabled(False)
        self.workers.run(partial(publish, source=self.source), self.workstation, report,
                         done=published, failed=self._not_published)  # fmt: skip

    def _not_published(self, error: Any) -> None:
        if isinstance(error, Offline):
            self.view.show_offline()
        elif isinstance(error, Refused) and error.status == 422:
            self.view.show_refused([RowProblem(**p) for p in error.detail.get("problems", [])])
        elif isinstance(error, Refused) and error.status == 403:
            self.view.show_forbidden()
        else:
            self.view.message.setText(str(error))
        self.sig_publish_failed.emit(error)
