"""The formulary import screen: a file with one bad row is refused whole, the row named; the
corrected file imports into this station's own copy."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.helpers import LOGIN_SECONDS_MS
from ui.screens.pharmacy.formulary_view import FormularyImportController, FormularyImportView
from ui.workers import Workers
from workstation.clinical.formulary import default_formulary, load_formulary
from workstation.clinical.formulary_io import export_formulary


def _write(path: Path, bad_dose: str | None) -> list[str]:
    drugs = [d.entry for d in list(default_formulary())[:3]]
    export_formulary(path, drugs)
    if bad_dose is not None:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        rows[1]["default_dose"] = bad_dose  # spreadsheet row 3
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    return [d["code"] for d in drugs]


def test_a_file_with_one_bad_row_is_refused_whole_and_the_row_named(
    qtbot: QtBot, tmp_path: Path
) -> None:
    view = FormularyImportView()
    qtbot.addWidget(view)
    workers = Workers("formulary-test")
    controller = FormularyImportController(view, workers, tmp_path / "station")
    source = tmp_path / "drugs.csv"
    codes = _write(source, bad_dose="two tablets")
    qtbot.keyClicks(view.path, str(source))
    with qtbot.waitSignal(controller.sig_checked, timeout=LOGIN_SECONDS_MS) as checked:
        qtbot.keyClick(view.path, Qt.Key.Key_Return)
    assert not checked.args[0].ok
    report = view.report.toPlainText()
    assert "1 bad row(s): nothing will be imported" in report
    assert f"Row 3 ({codes[1]})" in report and "two tablets" in report
    assert not view.apply.isEnabled()
    controller.apply()  # even if asked, a refused file writes nothing
    assert not (tmp_path / "station").exists()

    _write(source, bad_dose=None)
    with qtbot.waitSignal(controller.sig_checked, timeout=LOGIN_SECONDS_MS):
        view.check.click()
    assert "3 rows, no problems" in view.report.toPlainText() and view.apply.isEnabled()
    with qtbot.waitSignal(controller.sig_imported, timeout=LOGIN_SECONDS_MS) as imported:
        view.apply.click()
    target = imported.args[0]
    assert target.parent == tmp_path / "station"
    assert [d["code"] for d in json.loads(target.read_text(encoding="utf-8"))["drugs"]] == codes
    assert len(load_formulary(target)) == 3
    assert "this station only" in view.message.text()
    workers.wait()  # no worker may outlive the widgets it reports to
