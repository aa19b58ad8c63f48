"""Finding 10: after Ctrl+L no widget anywhere in the application holds patient text, whichever
screens were open: every widget of the QApplication is read (texts, titles, tooltips, documents,
every cell of every item model), shown or hidden."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
)
from pytestqt.qtbot import QtBot

from tests.ui.flows import CTRL, SHIFT, log_in, log_in_to_worklist, open_patient, start_note
from tests.ui.helpers import LOGIN_SECONDS_MS
from tests.ui.test_pharmacy import PHARMACIST, _seed
from tests.ui.ward import NURSE, PASSWORD, WARD
from workstation.server import auth, refdata
from workstation.server.db import make_engine, writer

PHI = ("张三", "李四", "penicillin", "potassium", "Breathless", "omeprazole", "paracetamol", "赵六",
       "Night cough", "atrial fibrillation")  # fmt: skip
ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.EditRole)


def _model_texts(model: QAbstractItemModel, parent: QModelIndex | None = None) -> list[str]:
    parent = parent or QModelIndex()
    flat = isinstance(model, (QAbstractListModel, QAbstractTableModel))
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)
    texts = []
    for row in range(model.rowCount(parent)):
        for column in range(max(1, columns)):
            index = model.index(row, column, parent)
            texts += [str(v) for role in ROLES if (v := model.data(index, role)) is not None]
            if column == 0 and not flat and model.hasChildren(index):
                texts += _model_texts(model, index)
    return texts


def application_texts() -> str:
    """Every string any widget of the application holds, after pending deletions are done."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    texts: list[str] = []
    for widget in QApplication.allWidgets():
        texts += [
            widget.windowTitle(),
            widget.toolTip(),
            widget.statusTip(),
            widget.accessibleName(),
        ]
        if isinstance(widget, (QLabel, QLineEdit, QAbstractButton)):
            texts.append(widget.text())
        if isinstance(widget, (QTextEdit, QPlainTextEdit)):
            texts.append(widget.toPlainText())
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())] + [widget.currentText()]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            texts += _model_texts(widget.model())
    return "\n".join(texts)


def _lock_and_walk(qtbot: QtBot, station, must_have: tuple[str, ...]) -> None:  # noqa: ANN001
    before = application_texts()
    assert all(phi in before for phi in must_have), [p for p in must_have if p not in before]
    with qtbot.waitSignal(station.shell.sig_locked):
        qtbot.keyClick(QApplication.focusWidget() or station.view, Qt.Key.Key_L, CTRL)
    assert [phi for phi in PHI if phi in application_texts()] == []
    qtbot.waitUntil(station.view.login.password.hasFocus)  # the keys stay on the lock page
    shell = station.shell  # and an answer the workers bring back after the lock fills nothing
    qtbot.waitUntil(lambda: not shell.workers.busy() and not shell.sync_workers.busy(),
                    timeout=LOGIN_SECONDS_MS)  # fmt: skip
    assert [phi for phi in PHI if phi in application_texts()] == []


def _add_user(database_url: str, username: str, role: str) -> None:
    engine = make_engine(database_url)
    with writer(engine) as conn:
        auth.add_user(conn, username=username, password=PASSWORD, display_name=f"{role} user",
                      role=role, wards=[WARD])  # fmt: skip
        refdata.publish_directory(conn)
    engine.dispose()


def test_a_doctors_screens_hold_no_patient_text_once_locked(qtbot: QtBot, open_station) -> None:  # noqa: ANN001
    station = open_station()
    open_patient(qtbot, station)
    for tab in (Qt.Key.Key_1, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5, Qt.Key.Key_6, Qt.Key.Key_7):
        qtbot.keyClick(station.view, tab, CTRL)
    start_note(qtbot, station, "3")
    qtbot.keyClicks(station.view.chart.notes.editor, "Night cough")
    qtbot.keyClick(station.view, Qt.Key.Key_P, CTRL)  # print preview of the open tab
    qtbot.waitUntil(lambda: any(d.isVisible() for d in station.view.findChildren(QDialog)),
                    timeout=LOGIN_SECONDS_MS)  # fmt: skip
    _lock_and_walk(qtbot, station, ("张三", "李四", "penicillin", "Night cough"))


def test_the_palette_holds_no_patient_text_once_locked(qtbot: QtBot, open_station) -> None:  # noqa: ANN001
    station = open_station()
    open_patient(qtbot, station)
    qtbot.keyClick(station.view, Qt.Key.Key_K, CTRL)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in station.view.findChildren(QDialog)))
    qtbot.keyClicks(QApplication.focusWidget(), "ls")
    qtbot.waitUntil(lambda: "李四" in application_texts(), timeout=LOGIN_SECONDS_MS)
    _lock_and_walk(qtbot, station, ("李四",))


def test_a_nurses_screens_hold_no_patient_text_once_locked(qtbot: QtBot, open_station) -> None:  # noqa: ANN001
    station = open_station()
    log_in_to_worklist(qtbot, station, NURSE)
    qtbot.keyClick(station.view, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(station.view.census.search, "zs")
    with qtbot.waitSignal(station.shell.chart.sig_chart_opened, timeout=LOGIN_SECONDS_MS):
        qtbot.keyClick(station.view.census.search, Qt.Key.Key_Return)
    qtbot.keyClick(station.view, Qt.Key.Key_8, CTRL)  # the MAR
    qtbot.keyClick(station.view, Qt.Key.Key_H, CTRL | SHIFT)  # the handoff
    qtbot.waitUntil(lambda: any(d.isVisible() for d in station.view.findChildren(QDialog)),
                    timeout=LOGIN_SECONDS_MS)  # fmt: skip
    _lock_and_walk(qtbot, station, ("张三",))


def test_the_pharmacy_screens_hold_no_patient_text_once_locked(
    qtbot: QtBot, open_station, ward_server, tmp_path: Path
) -> None:  # noqa: ANN001
    server, ward = ward_server
    _add_user(ward.database_url, PHARMACIST, "pharmacist")
    _seed(tmp_path, server.url, ward.li_si)
    station = open_station()
    log_in(qtbot, station, PHARMACIST)
    controller = station.shell.pharmacy
    qtbot.waitUntil(lambda: controller.actions[0].isEnabled(), timeout=LOGIN_SECONDS_MS)
    with qtbot.waitSignal(controller.sig_queue_shown, timeout=LOGIN_SECONDS_MS):
        qtbot.keyClick(station.view, Qt.Key.Key_F11)
    # the drug by its formulary name in the user's words (Omeprazole), whatever the order wrote
    qtbot.waitUntil(lambda: "meprazole" in application_texts(), timeout=LOGIN_SECONDS_MS)
    qtbot.keyClick(station.view, Qt.Key.Key_F12)  # the outpatient counter
    scan = station.view.findChild(object, "counterScan")
    qtbot.waitUntil(scan.hasFocus)
    qtbot.keyClick(scan, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: controller.serving is not None, timeout=LOGIN_SECONDS_MS)
    _lock_and_walk(qtbot, station, ("李四", "meprazole", "赵六"))


def test_the_archive_desk_holds_no_patient_text_once_locked(
    qtbot: QtBot, open_station, ward_server
) -> None:  # noqa: ANN001
    _server, ward = ward_server
    _add_user(ward.database_url, "records", "admin")
    station = open_station()
    log_in(qtbot, station, "records")
    qtbot.waitUntil(lambda: station.view.census_model.rowCount() == 2, timeout=LOGIN_SECONDS_MS)
    qtbot.keyClick(station.view, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(station.view.census.search, "zs")
    with qtbot.waitSignal(station.shell.chart.sig_chart_opened, timeout=LOGIN_SECONDS_MS):
        qtbot.keyClick(station.view.census.search, Qt.Key.Key_Return)
    station.shell.archive.requests_action.trigger()  # the desk of unlock requests
    _lock_and_walk(qtbot, station, ("张三",))
