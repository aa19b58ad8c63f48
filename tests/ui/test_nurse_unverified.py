"""Orders the pharmacist has not verified: the MAR follows the pharmacy's rule (urgent st doses
may be given before verification when the ward's setting allows it; other orders may not)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.ui.flows import log_in_to_worklist
from tests.ui.helpers import LOGIN_SECONDS_MS
from tests.ui.nurse_ward import add_staff, place_unverified, record_number, scan
from workstation.clinical.barcodes import label_code, wristband_code
from workstation.clinical.mar import NursingSettings

WAIT = LOGIN_SECONDS_MS


def test_urgent_st_is_due_before_verification_and_a_regular_order_is_not(
    qtbot: QtBot, open_station, tmp_path, ward_server
) -> None:  # noqa: ANN001
    server, ward = ward_server
    add_staff(ward.database_url)
    urgent = place_unverified(tmp_path, server.url, ward.zhang_san, drug="furosemide",
                              name="Furosemide", dose=40, unit="mg", route="iv", frequency="st")  # fmt: skip
    regular = place_unverified(tmp_path, server.url, ward.zhang_san, drug="metoprolol",
                               name="Metoprolol", dose=25, unit="mg", route="po", frequency="bid")  # fmt: skip
    assert NursingSettings.load().st_before_verification  # the shipped ward setting
    station = open_station()
    log_in_to_worklist(qtbot, station)
    nurse = station.shell.nurse
    view, mar = nurse.mar_view, nurse.mar
    with qtbot.waitSignal(station.shell.chart.sig_chart_opened, timeout=WAIT):
        scan(qtbot, wristband_code(record_number(station, ward.zhang_san)))
    qtbot.waitUntil(lambda: view.model.rowCount() > 0 and view.table.hasFocus(), timeout=WAIT)
    states = {d.order_id: d.status for d in view.model.doses}
    assert states[urgent] == "due"
    assert {d.status for d in view.model.doses if d.order_id == regular} == {"unverified"}
    with qtbot.waitSignal(mar.sig_scan_checked, timeout=WAIT) as checked:
        scan(qtbot, label_code(regular))
    check = checked.args[0]
    assert check.blocked and check.problems[0].code == "wrong_time"
    assert "not verified by pharmacy" in view.message.text()
    view.table.setFocus()
    with qtbot.waitSignal(mar.sig_scan_checked, timeout=WAIT) as checked:
        scan(qtbot, label_code(urgent))
    check = checked.args[0]
    assert not check.blocked and check.dose.order_id == urgent
    assert "pharmacy has not verified" in " ".join(view.model._text(d, 3) for d in view.model.doses)
