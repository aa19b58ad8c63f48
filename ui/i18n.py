"""Translations: the .ts sources in resources/i18n are compiled to .qm (never committed).

An installed station (the PyInstaller bundle) ships .qm files compiled at build time next to
where the .ts would be, and no .ts: it never runs lrelease. A source checkout compiles the .ts
at start-up into the user's data folder, when its .qm there is older.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from workstation.resources import resource

DOMAIN = "workstation"
TRANSLATOR_NAME = "workstationTranslator"  # how install_language finds its own to remove


class TranslationBuildFailed(RuntimeError):
    """pyside6-lrelease is missing or could not compile a .ts file."""


def ts_source(language: str) -> Path:
    """The translation source for a language, e.g. resources/i18n/workstation_zh_CN.ts."""
    return resource("i18n", f"{DOMAIN}_{language}.ts")


def prebuilt_translation(language: str) -> Path:
    """Where a build-time .qm lives, e.g. resources/i18n/workstation_zh_CN.qm (bundles only)."""
    return resource("i18n", f"{DOMAIN}_{language}.qm")


def _lrelease() -> str:
    bundled = Path(PySide6.__file__).parent / "lrelease"
    if bundled.exists():
        return str(bundled)
    found = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    if not found:
        raise TranslationBuildFailed("pyside6-lrelease was not found")
    return found


def compile_translation(language: str, build_dir: Path) -> Path | None:
    """The .qm for a language: the prebuilt one when it is not older than the .ts (or there is
    no .ts), else compiled into build_dir when its .ts is newer; None when the language has none."""
    source, prebuilt = ts_source(language), prebuilt_translation(language)
    if prebuilt.exists() and (
        not source.exists() or prebuilt.stat().st_mtime >= source.stat().st_mtime
    ):
        return prebuilt
    if not source.exists():
        return None
    target = Path(build_dir) / f"{DOMAIN}_{language}.qm"
    if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
        return target
    return _run_lrelease(source, target)


def _run_lrelease(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [_lrelease(), "-silent", str(source), "-qm", str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0 or not target.exists():
        raise TranslationBuildFailed(f"lrelease failed on {source.name}: {done.stderr.strip()}")
    return target


def build_translations(target_dir: Path) -> list[Path]:
    """Compile every .ts in resources/i18n into target_dir (the installer's build step: the
    bundle ships these as its prebuilt translations)."""
    return [
        _run_lrelease(source, Path(target_dir) / source.with_suffix(".qm").name)
        for source in sorted(ts_source("en").parent.glob(f"{DOMAIN}_*.ts"))
    ]


def install_language(app: QCoreApplication, language: str, build_dir: Path) -> list[QTranslator]:
    """Install the program's and Qt's own translators for a language (Qt's qtbase catalogue
    words the standard buttons: OK, Cancel, Yes, No); English needs none. The translators of
    the language before are removed first, so a switch back to English leaves none behind."""
    QLocale.setDefault(QLocale(language))
    for old in app.findChildren(QTranslator, TRANSLATOR_NAME):
        app.removeTranslator(old)
        old.setParent(None)
    installed: list[QTranslator] = []
    if language == "en":
        return installed
    qt_own = QTranslator(app, objectName=TRANSLATOR_NAME)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_own)
        installed.append(qt_own)
    compiled = compile_translation(language, build_dir)
    ours = QTranslator(app, objectName=TRANSLATOR_NAME)
    if compiled is not None and ours.load(str(compiled)):
        app.installTranslator(ours)
        installed.append(ours)
    return installed
