"""`workstation --self-test`: one line per check, exit 0 only when every check passes.

Runs without a server and without a display (app.py forces the offscreen platform): the
encrypted replica and Chinese printing (offline_cache.self_test), then the main window built
in each language with the translations the station ships.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import TextIO

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from offline_cache.self_test import Check, core_checks, run_check
from ui import icons
from ui.i18n import compile_translation, install_language, prebuilt_translation
from ui.screens.shell.view import ShellView
from ui.settings import LANGUAGES
from ui.theme import CJK_FONT, apply_font, apply_theme, severity_colour

ENGLISH_STATION_MENU = "&Station"  # ShellView's source text, shown as is in English


def _translation_source(language: str, build_dir: Path) -> str:
    compiled = compile_translation(language, build_dir)
    if compiled is None:
        return "no translation file"
    where = "prebuilt" if compiled == prebuilt_translation(language) else "compiled from .ts"
    return f"{where} {compiled.name}"


def check_window(app: QApplication, language: str, build_dir: Path) -> str:
    """Build and paint the main window in a language; Chinese menus must come translated and
    the CJK screen font must be available."""
    install_language(app, language, build_dir)
    apply_font(app, language)
    apply_theme(app, "default")
    view = ShellView()
    try:
        menu = view.menus["station"].title()
        painted = not view.grab().isNull()
    finally:
        view.close()
        view.deleteLater()
    if not painted:
        raise RuntimeError("the main window could not be painted")
    if language == "en":
        if menu != ENGLISH_STATION_MENU:
            raise RuntimeError(f"English menu reads {menu!r}")
        return f"main window built and painted in en (menu {menu!r})"
    if menu == ENGLISH_STATION_MENU:
        raise RuntimeError(f"no {language} translation loaded: the menu reads {menu!r}")
    if language.startswith("zh") and CJK_FONT not in QFontDatabase.families():
        raise RuntimeError(f"the screen font {CJK_FONT} is not available")
    source = _translation_source(language, build_dir)
    return f"main window built and painted in {language} (menu {menu!r}, {source})"


def check_icons() -> str:
    """The icon font (qtawesome's Font Awesome, shipped in the bundle) draws the critical icon
    in the theme's red: severity is never shown by colour alone."""
    red = severity_colour("critical")
    image = icons.pixmap("critical", 32).toImage()
    painted = sum(1 for x in range(32) for y in range(32) if image.pixelColor(x, y) == red)
    if painted < 20:
        raise RuntimeError(f"the icon font drew {painted} pixels of the critical colour")
    return f"icon font draws the severity icons ({painted} px of {red.name()})"


def window_checks(app: QApplication, build_dir: Path) -> list[Check]:
    """The main window in every language the station offers, English last (left installed);
    then the icon font."""
    order = sorted(LANGUAGES, key=lambda language: language == "en")
    return [
        *(run_check(f"window {language}", lambda lang=language: check_window(app, lang, build_dir))
          for language in order),
        run_check("icons", check_icons),
    ]  # fmt: skip


def run_self_test(app: QApplication, out: TextIO = sys.stdout) -> int:
    """Run every check, print one line each, and return the exit code (0: all passed)."""
    checks: list[Check] = []
    with tempfile.TemporaryDirectory(prefix="cw-self-test-") as folder:
        for group in (lambda: core_checks(Path(folder)),
                      lambda: window_checks(app, Path(folder) / "i18n")):  # fmt: skip
            for check in group():
                print(check.line(), file=out, flush=True)
                checks.append(check)
    passed = all(check.ok for check in checks)
    summary = "all checks passed" if passed else "SELF-TEST FAILED"
    print(f"{summary} ({QCoreApplication.applicationName()})", file=out)
    return 0 if passed else 1
