"""The formulary import screen: a file with one bad row is refused whole, the row named, and
nothing reaches the server; the corrected file is published through the server and is in force on
the station at once; offline, the screen says publishing needs the server. A doctor's order entry
on another station then reads and checks with the published formulary."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from offline_cache.link import Offline
from offline_cache.reference import publish
from offline_cache.workstation import Workstation
from tests.support.formulary import formulary_table, write_formulary
from tests.ui.flows import CTRL, log_in, open_by_search, wait_for_census
from tests.ui.helpers import LOGIN_SECONDS_MS
from tests.ui.ward import PASSWORD, WARD
from ui.screens.pharmacy.formulary_view import FormularyImportController, FormularyImportView
from ui.workers import Workers
from workstation.clinical.formulary_io import RowProblem, check_rows
from workstation.server import auth, refdata
from workstation.server.db import make_engine, reader, writer


def pharmacist_station(tmp_path: Path, ward_server) -> Workstation:  # noqa: ANN001
    server, ward = ward_server
    engine = make_engine(ward.database_url)
    with writer(engine) as conn:
        auth.add_user(conn, username="pharm", password=PASSWORD, display_name="Pharmacist Sun",
                      role="pharmacist", wards=[WARD])  # fmt: skip
    engine.dispose()
    ws = Workstation.open(tmp_path / "pharmacy", server_url=server.url, ward_id=WARD, attempts=1,
                          base_delay=0.01, timeout=3)  # fmt: skip
    ws.login("pharm", PASSWORD)
    return ws


def server_formulary_version(ward_server) -> int:  # noqa: ANN001
    engine = make_engine(ward_server[1].database_url)
    with reader(engine) as conn:
        version = refdata.versions(conn)["formulary"]
    engine.dispose()
    return version


def test_a_bad_file_is_refused_whole_and_a_good_one_is_published(
    qtbot: QtBot, tmp_path: Path, ward_server
) -> None:  # noqa: ANN001
    ws = pharmacist_station(tmp_path, ward_server)
    view = FormularyImportView()
    qtbot.addWidget(view)
    workers = Workers("formulary-test")
    controller = FormularyImportController(view, workers, ws)
    before = server_formulary_version(ward_server)
    source = tmp_path / "drugs.csv"
    rows = write_formulary(source, bad_row=3)
    qtbot.keyClicks(view.path, str(source))
    with qtbot.waitSignal(controller.sig_checked, timeout=LOGIN_SECONDS_MS) as checked:
        qtbot.keyClick(view.path, Qt.Key.Key_Return)
    assert not checked.args[0].ok
    report = view.report.toPlainText()
    assert "1 bad row(s): nothing will be published" in report
    assert f"Row 3 ({rows[1]['code']})" in report and "two capsules" in report
    assert not view.apply.isEnabled()
    controller.apply()  # even if asked, a refused file is not sent
    workers.wait()
    assert server_formulary_version(ward_server) == before

    write_formulary(source)
    with qtbot.waitSignal(controller.sig_checked, timeout=LOGIN_SECONDS_MS):
        view.check.click()
    assert f"{len(rows)} rows, no problems" in view.report.toPlainText()
    with qtbot.waitSignal(controller.sig_published, timeout=LOGIN_SECONDS_MS) as published:
        view.apply.click()
    assert published.args[0] == before + 1 == server_formulary_version(ward_server)
    assert f"Published as version {before + 1}" in view.message.text()
    assert not view.apply.isEnabled()
    assert ws.store.reference.formulary().by_code("flucloxacillin") is not None

    ward_server[0].stop()
    with qtbot.waitSignal(controller.sig_checked, timeout=LOGIN_SECONDS_MS):
        view.check.click()  # checking works offline
    with qtbot.waitSignal(controller.sig_publish_failed, timeout=LOGIN_SECONDS_MS) as failed:
        view.apply.click()
    assert isinstance(failed.args[0], Offline)
    assert "Offline: publishing needs the server" in view.message.text()
    assert view.apply.isEnabled()  # the checked file can be published once the server is back
    workers.wait()  # no worker may outlive the widgets it reports to
    ws.close()


def test_the_servers_report_replaces_the_local_one(qtbot: QtBot) -> None:
    view = FormularyImportView()
    qtbot.addWidget(view)
    view.show_refused([RowProblem(5, "aspirin", "default_dose: 'x' is not a number")])
    text = view.report.toPlainText()
    assert "The server refused the file: 1 bad row(s); nothing was published." in text
    assert "Row 5 (aspirin): default_dose: 'x' is not a number" in text
    assert not view.apply.isEnabled()


def test_order_entry_reads_and_checks_with_the_published_formulary(
    qtbot: QtBot, tmp_path: Path, ward_server, open_station
) -> None:  # noqa: ANN001
    pharmacy = pharmacist_station(tmp_path, ward_server)
    version = publish(pharmacy, check_rows("formulary", formulary_table()))
    pharmacy.close()
    station = open_station()
    log_in(qtbot, station)
    reference = station.workstation.store.reference
    # the login sync brings the published version into this station's replica
    qtbot.waitUntil(lambda: reference.in_force().formulary_version == version,
                    timeout=LOGIN_SECONDS_MS)  # fmt: skip
    wait_for_census(qtbot, station)
    open_by_search(qtbot, station, "ls")
    qtbot.keyClick(station.view, Qt.Key.Key_3, CTRL)
    orders = station.view.chart.orders
    qtbot.waitUntil(lambda: station.shell.chart.orders.context_ready, timeout=LOGIN_SECONDS_MS)
    qtbot.keyClicks(orders.line, "fluclox 2g po qid 7d")
    assert "Flucloxacillin" in orders.preview.text()
    assert "single dose 2 g exceeds the maximum 1 g" in orders.alerts.text()
