"""No two window-wide shortcuts of the shell share a key: Qt would call the key ambiguous and do
nothing at all (a nurse pressing the round key would record no round)."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from pytestqt.qtbot import QtBot

WINDOW_WIDE = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)


def test_no_two_window_wide_shortcuts_share_a_key(qtbot: QtBot, open_station) -> None:  # noqa: ANN001
    station = open_station()
    owners: dict[str, set[str]] = defaultdict(set)
    for action in station.view.findChildren(QAction):
        if action.shortcutContext() in WINDOW_WIDE:
            for key in action.shortcuts():
                owners[key.toString(QKeySequence.SequenceFormat.PortableText)].add(action.text())
    for shortcut in station.view.findChildren(QShortcut):
        if shortcut.context() in WINDOW_WIDE:
            key = shortcut.key().toString(QKeySequence.SequenceFormat.PortableText)
            owners[key].add(shortcut.objectName() or repr(shortcut))
    owners.pop("", None)
    assert len(owners) > 20  # the shell's menus and shortcuts were found
    clashes = {key: sorted(names) for key, names in owners.items() if len(names) > 1}
    assert clashes == {}
