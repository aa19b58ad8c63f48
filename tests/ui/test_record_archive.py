"""An archived record at the station, by keyboard: the banner says it is locked (in words), a
new note is refused with what to do, Ctrl+Shift+U asks for an unlock with a reason; the
medical-records office (an admin) logs in, opens the unlock requests from the command palette
and approves one with Alt+A."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from offline_cache.workstation import Workstation
from tests.support.ward import discharge_summary, front_sheet
from tests.ui.flows import CTRL, SHIFT, log_in, open_by_search
from tests.ui.helpers import LOGIN_SECONDS_MS
from tests.ui.ward import DOCTOR, PASSWORD
from ui.screens.archive.dialogs import UnlockRequestsDialog
from ui.screens.archive.texts import locked_refusal
from ui.screens.notes.dialogs import NoteTypeDialog
from ui.screens.orders.dialogs import ReasonDialog
from workstation.clock import now_iso
from workstation.projections import archive_queries, queries
from workstation.server import auth, refdata
from workstation.server.db import make_engine, reader, writer

OFFICE = "records"


def archive_li_si(tmp_path: Path, server_url: str, database_url: str, li_si: str) -> str:
    """Add a records-office user, discharge 李四 and archive the record; its record number."""
    engine = make_engine(database_url)
    with writer(engine) as conn:
        auth.add_user(conn, username=OFFICE, password=PASSWORD, display_name="Records Wu",
                      role="admin", wards=[])  # fmt: skip
        refdata.publish_directory(conn)
    engine.dispose()
    helper = Workstation.open(tmp_path / "office-helper", server_url=server_url, ward_id="W1")
    try:
        helper.login(DOCTOR, PASSWORD)
        helper.sync()
        helper.record("PatientDischarged", patient_id=li_si,
                      payload={"base_version": 0, "discharged_at": now_iso()})  # fmt: skip
        helper.record("NoteSigned", patient_id=li_si, payload=discharge_summary())
        helper.record("FrontSheetSaved", patient_id=li_si, payload=front_sheet())
        helper.sync()
        helper.login(OFFICE, PASSWORD)
        with helper.store.reading() as conn:
            record_number = str(queries.patient(conn, li_si)["record_number"])  # type: ignore[index]
        helper.archive_record(li_si, record_number=record_number)
    finally:
        helper.close()
    return record_number


def visible(kind: type) -> list:  # noqa: ANN401 - a widget class
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def test_locked_banner_refused_note_and_unlock_request_by_keyboard(
    qtbot, tmp_path, ward_server, open_station
):
    server, ward = ward_server
    record_number = archive_li_si(tmp_path, server.url, ward.database_url, ward.li_si)
    station = open_station()
    log_in(qtbot, station)
    qtbot.waitUntil(lambda: station.view.census_model.rowCount() == 1, timeout=LOGIN_SECONDS_MS)
    open_by_search(qtbot, station, record_number)
    banner = station.view.chart.banner.archive
    assert banner.isVisible() and "Archived — locked" in banner.text()

    qtbot.keyClick(station.view, Qt.Key.Key_N, CTRL)
    assert not visible(NoteTypeDialog)
    assert station.view.status.currentMessage() == locked_refusal()
    station.view.status.clearMessage()
    orders = station.view.chart.orders
    qtbot.keyClick(station.view, Qt.Key.Key_3, CTRL)
    qtbot.waitUntil(orders.line.hasFocus)
    qtbot.keyClicks(orders.line, "amox 500mg po tid 7d")
    qtbot.keyClick(orders.line, Qt.Key.Key_Return)
    qtbot.keyClick(orders.line, Qt.Key.Key_F9)  # the order is refused before it is saved
    qtbot.waitUntil(lambda: station.view.status.currentMessage() == locked_refusal(),
                    timeout=LOGIN_SECONDS_MS)  # fmt: skip
    assert station.workstation.store.pending_count() == 0

    qtbot.keyClick(station.view, Qt.Key.Key_U, CTRL | SHIFT)
    qtbot.waitUntil(lambda: bool(visible(ReasonDialog)))
    reason = visible(ReasonDialog)[0].findChild(QLineEdit, "reasonText")
    qtbot.waitUntil(reason.hasFocus)
    qtbot.keyClicks(reason, "discharge summary names the wrong drug")
    with qtbot.waitSignal(station.shell.archive.sig_unlock_requested, timeout=LOGIN_SECONDS_MS):
        qtbot.keyClick(reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "waiting for the medical-records office" in banner.text(),
                    timeout=LOGIN_SECONDS_MS)  # fmt: skip
    with qtbot.waitSignal(station.shell.sig_synced, timeout=LOGIN_SECONDS_MS):
        qtbot.keyClick(station.view, Qt.Key.Key_S, CTRL | SHIFT)
    engine = make_engine(ward.database_url)
    with reader(engine) as conn:
        [request] = archive_queries.pending_unlocks(conn)
    engine.dispose()
    assert request["reason"] == "discharge summary names the wrong drug"


def test_records_office_logs_in_and_approves_from_the_palette(
    qtbot, tmp_path, ward_server, open_station
):
    server, ward = ward_server
    archive_li_si(tmp_path, server.url, ward.database_url, ward.li_si)
    asker = Workstation.open(tmp_path / "asker", server_url=server.url, ward_id="W1")
    asker.login(DOCTOR, PASSWORD)
    asker.sync()
    request = asker.request_unlock(ward.li_si, reason="wrong dose in the summary")
    asker.sync()
    asker.close()

    station = open_station()
    log_in(qtbot, station, OFFICE)
    qtbot.keyClick(station.view, Qt.Key.Key_K, CTRL)
    palette = station.shell.palette.view
    qtbot.waitUntil(lambda: palette is not None and palette.input.hasFocus())
    qtbot.keyClicks(palette.input, "unlock requests")
    qtbot.keyClick(palette.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(visible(UnlockRequestsDialog)))
    dialog = visible(UnlockRequestsDialog)[0]
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=LOGIN_SECONDS_MS)
    qtbot.waitUntil(dialog.table.hasFocus)
    assert dialog.chosen()["request_id"] == request.event_id  # type: ignore[index]
    with qtbot.waitSignal(station.shell.archive.sig_unlock_decided, timeout=LOGIN_SECONDS_MS):
        qtbot.keyClick(dialog.table, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0, timeout=LOGIN_SECONDS_MS)
    engine = make_engine(ward.database_url)
    with reader(engine) as conn:
        state = archive_queries.archive_state(conn, ward.li_si, now=now_iso())
    engine.dispose()
    assert state["locked"] is False and state["unlock_request_id"] == request.event_id
