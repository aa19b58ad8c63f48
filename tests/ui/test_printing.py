"""Printing from the shell: the preview, save as PDF, printing to a PDF printer, the audit of each
print and the downtime pack built with the server stopped — all from the local replica."""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from offline_cache.tables import audit_outbox
from tests.ui.flows import CTRL, log_in, open_patient
from tests.ui.helpers import LOGIN_SECONDS_MS
from tests.ui.test_pharmacy import pharmacy  # noqa: F401 - the pharmacist's station
from ui.screens.printing.preview import PrintPreviewDialog
from workstation.projections import tables as pt


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip


def _pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(
        next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:"))
    )


def _record_number(station, patient_id: str) -> str:  # noqa: ANN001
    with station.workstation.store.reading() as conn:
        return conn.execute(select(pt.patients.c.record_number)
                            .where(pt.patients.c.patient_id == patient_id)).scalar_one()  # fmt: skip


def _print_audits(station) -> list[tuple[str, str | None]]:  # noqa: ANN001
    with station.workstation.store.reading() as conn:
        rows = conn.execute(select(audit_outbox.c.action, audit_outbox.c.patient_id))
        return [(r.action, r.patient_id) for r in rows if r.action == "print"]


def _ctrl_p(qtbot: QtBot, station) -> PrintPreviewDialog:  # noqa: ANN001
    with qtbot.waitSignal(
        station.shell.printing.sig_preview_opened, timeout=LOGIN_SECONDS_MS
    ) as got:
        qtbot.keyClick(station.view, Qt.Key.Key_P, CTRL)
    preview = got.args[0]
    qtbot.waitExposed(preview)
    return preview


def test_ctrl_p_previews_the_order_sheets_saves_them_and_audits_the_print(
    qtbot: QtBot,
    open_station,
    tmp_path: Path,
    monkeypatch,  # noqa: ANN001
) -> None:
    station = open_station()
    patient_id = open_patient(qtbot, station)
    record_number = _record_number(station, patient_id)
    assert _print_audits(station) == []
    qtbot.keyClick(station.view, Qt.Key.Key_3, CTRL)  # the Orders tab prints the order sheets
    preview = _ctrl_p(qtbot, station)
    saved = tmp_path / "saved.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(saved), ""))
    qtbot.keyClick(preview, Qt.Key.Key_S, CTRL)
    assert saved.read_bytes().startswith(b"%PDF")
    assert preview.page_count() == _pdf_pages(saved) >= 1
    text = _pdf_text(saved)
    assert record_number in text and "Long-term orders" in text
    assert preview.current_page() == 0
    qtbot.keyClick(preview, Qt.Key.Key_PageDown)
    assert preview.current_page() == min(1, preview.page_count() - 1)
    qtbot.keyClick(preview, Qt.Key.Key_PageUp)
    assert preview.current_page() == 0
    assert _print_audits(station) == [("print", patient_id)]
    qtbot.keyClick(preview, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not preview.isVisible())
    qtbot.waitUntil(station.view.isActiveWindow)  # the shell's keys work again


def test_the_vitals_tab_prints_the_temperature_chart_in_chinese_to_a_pdf_printer(
    qtbot: QtBot, open_station, tmp_path: Path
) -> None:  # noqa: ANN001
    station = open_station()
    station.shell.settings.settings.language = "zh_CN"
    patient_id = open_patient(qtbot, station)
    qtbot.keyClick(station.view, Qt.Key.Key_5, CTRL)
    preview = _ctrl_p(qtbot, station)
    saved = preview.save_to(tmp_path / "chart.pdf")
    text = _pdf_text(saved)
    assert "体温单" in text and _record_number(station, patient_id) in text
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert preview.print_to(printer) == preview.page_count()
    assert _pdf_pages(tmp_path / "printed.pdf") == preview.page_count()
    assert _print_audits(station) == [("print", patient_id)]


def test_downtime_pack_is_built_with_the_server_stopped(
    qtbot: QtBot, open_station, ward_server
) -> None:  # noqa: ANN001
    server, _ward = ward_server
    station = open_station()
    patient_id = open_patient(qtbot, station)
    station.shell.printing.stop_refresher()  # only the action below writes the pack
    server.stop()
    with qtbot.waitSignal(station.shell.printing.sig_pack_built, timeout=LOGIN_SECONDS_MS) as got:
        station.shell.printing.downtime_action.trigger()
    path: Path = got.args[0]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    text = _pdf_text(path)
    assert _record_number(station, patient_id) in text and "penicillin" in text
    assert str(path) in station.view.status.currentMessage()


def test_the_refresher_starts_at_login_and_stops_at_shut_down(qtbot: QtBot, open_station) -> None:  # noqa: ANN001
    station = open_station()
    printing = station.shell.printing
    assert printing.refresher is None
    printing.first_pack.setInterval(0)
    log_in(qtbot, station)
    refresher = printing.refresher
    assert refresher is not None
    qtbot.waitUntil(lambda: refresher.last_path is not None, timeout=LOGIN_SECONDS_MS)
    assert refresher.last_path.is_file()
    qtbot.waitUntil(lambda: not station.shell.sync_workers.busy(), timeout=LOGIN_SECONDS_MS)
    with qtbot.waitSignal(station.shell.sig_synced, timeout=LOGIN_SECONDS_MS) as synced:
        station.shell.sync_now()  # the pack's audit row is accepted by the server
    assert synced.args[0].error is None
    station.shell.shut_down()
    assert printing.refresher is None and not refresher._thread.is_alive()


def test_ctrl_p_on_the_stock_screen_previews_the_stock_report(
    qtbot: QtBot,
    pharmacy,  # noqa: ANN001, F811
    tmp_path: Path,
) -> None:
    station = pharmacy
    qtbot.waitUntil(lambda: station.shell.pharmacy.actions[3].isEnabled(), timeout=LOGIN_SECONDS_MS)
    qtbot.keyClick(station.view, Qt.Key.Key_F12, CTRL)
    preview = _ctrl_p(qtbot, station)
    text = _pdf_text(preview.save_to(tmp_path / "stock.pdf"))
    assert "AMX-SOON" in text and "omeprazole" in text.lower()
    assert _print_audits(station) == [("print", None)]
