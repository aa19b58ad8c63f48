"""The first-run task of bench/keystrokes.py (real keys).

  demo_login  a new user of `workstation demo` logs in as the ward nurse from the demo users list
      that opens over the login: Down (the nurse's row, below the doctor's), Enter (fills the
      user name and the 16-character password), Enter (logs in) = 3 keys, where typing them was
      the user name, Enter, the password, Enter (about 30).
The task waits until the login is done.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def demo_login(folder: Path, server_url: str, database_url: str, users: dict[str, str],
               ward: str, count: Any, wait_until: Callable[..., None]) -> Any:  # fmt: skip
    """Log in from the demo users list on a fresh station (its window closed afterwards)."""
    from offline_cache.workstation import Workstation
    from ui.app import demo_users_dialog
    from ui.screens.settings.controller import SettingsController
    from ui.screens.shell.controller import ShellController
    from ui.screens.shell.view import ShellView
    from ui.settings import StationSettings, save_settings, settings_path
    from ui.workers import Workers
    from workstation.server.db import make_engine
    from workstation.server.demo_roster import demo_roster

    engine = make_engine(database_url)
    roster = demo_roster(engine, users)
    engine.dispose()
    station = folder / "first-run-station"
    settings = StationSettings(server_url=server_url, ward_id=ward, language="en")
    save_settings(settings_path(station), settings)
    ws = Workstation.open(station, server_url=server_url, ward_id=ward)
    view = ShellView()
    shell = ShellController(view, ws, SettingsController(settings_path(station), settings, view),
                            workers=Workers("work", view), sync_workers=Workers("sync", view), parent=view)  # fmt: skip
    shell.start()
    view.show()
    dialog = demo_users_dialog(shell, roster, folder / "demo-passwords.json")
    dialog.show()
    wait_until(dialog.table.hasFocus)
    count.chord(dialog.table, Qt.Key.Key_Down)
    count.chord(dialog.table, Qt.Key.Key_Return)
    wait_until(view.login.password.hasFocus)
    count.chord(QApplication.focusWidget(), Qt.Key.Key_Return)
    wait_until(lambda: shell.session is not None, 60)
    shell.shut_down()
    ws.close()
    view.close()
    return count
