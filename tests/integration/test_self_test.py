"""`workstation --self-test`, run as a real subprocess from the source checkout with no display:
one line per check, exit 0 only when every check passes; a broken installation fails."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from offline_cache.self_test import CHINESE_SAMPLE, embedded_cjk_fonts
from ui import i18n
from workstation.reports.fonts import register_font

REPO = Path(__file__).resolve().parents[2]
CHECKS = ["replica", "pdf", "window zh_CN", "window en"]
# The self-test with the shipped CJK font gone, as in a bundle built without it.
MISSING_FONT = (
    "import sys; from pathlib import Path; from workstation.reports import fonts; "
    "fonts.FONT_FILE = Path(sys.argv[1]); from ui.app import main; sys.exit(main(['--self-test']))"
)


def run_self_test(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """A fresh interpreter in the checkout, with no display and no platform chosen for it."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)  # the self-test must choose offscreen by itself
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), PYTHONPATH=str(REPO))
    return subprocess.run(
        [sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=240
    )


def check_lines(stdout: str) -> dict[str, str]:
    """Check name -> its whole line, for the lines of the four checks."""
    lines = {}
    for line in stdout.splitlines():
        for name in CHECKS:
            if line.startswith((f"ok  {name}: ", f"FAIL {name}: ")):
                lines[name] = line
    return lines


def test_self_test_passes_without_a_display_or_a_server(tmp_path: Path) -> None:
    done = run_self_test(tmp_path, "-m", "ui.app", "--self-test")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = check_lines(done.stdout)
    assert list(lines) == CHECKS, done.stdout
    assert all(line.startswith("ok  ") for line in lines.values()), done.stdout
    assert "SQLCipher 4." in lines["replica"] and "encrypted on disk" in lines["replica"]
    assert "WenQuanYiMicroHei" in lines["pdf"]
    assert "resources/fonts/wqy-microhei.ttc" in lines["pdf"]
    assert "工作站" in lines["window zh_CN"] and "'&Station'" in lines["window en"]
    assert done.stdout.rstrip().splitlines()[-1].startswith("all checks passed")
    assert not (tmp_path / "data" / "clinical-workstation").exists()  # the station's data untouched


def test_self_test_fails_when_the_shipped_font_is_missing(tmp_path: Path) -> None:
    done = run_self_test(tmp_path, "-c", MISSING_FONT, str(tmp_path / "no-such-font.ttc"))
    assert done.returncode == 1, done.stdout + done.stderr
    lines = check_lines(done.stdout)
    assert lines["pdf"].startswith("FAIL pdf: FileNotFoundError"), done.stdout
    assert "no-such-font.ttc" in lines["pdf"]
    assert all(lines[name].startswith("ok  ") for name in CHECKS if name != "pdf"), done.stdout
    assert "SELF-TEST FAILED" in done.stdout


def _pdf(font: str, words: str = "Clinical Workstation") -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.setFont(font, 12)
    canvas.drawString(72, 720, words)
    canvas.save()
    return out.getvalue()


def test_a_pdf_without_an_embedded_cjk_font_is_not_taken_for_one() -> None:
    assert embedded_cjk_fonts(_pdf("Helvetica"), CHINESE_SAMPLE) == []  # standard, not embedded


def test_the_embedded_font_must_map_every_chinese_character_printed() -> None:
    pdf = _pdf(register_font(), "临床")
    [(name, size)] = embedded_cjk_fonts(pdf, "临床")
    assert "+WenQuanYiMicroHei" in name and size > 1000  # a subset, embedded
    assert embedded_cjk_fonts(pdf, "临床工作站") == []  # 工作站 was not printed: not in the map


def test_a_prebuilt_translation_is_used_without_lrelease(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prebuilt = tmp_path / "resources" / "workstation_zh_CN.qm"
    prebuilt.parent.mkdir()
    prebuilt.write_bytes(b"compiled at build time")

    def no_lrelease() -> str:
        raise AssertionError("lrelease must not run when a current prebuilt .qm ships")

    monkeypatch.setattr(i18n, "prebuilt_translation", lambda language: prebuilt)
    monkeypatch.setattr(i18n, "_lrelease", no_lrelease)
    assert i18n.compile_translation("zh_CN", tmp_path / "build") == prebuilt
    os.utime(prebuilt, (0, 0))  # older than the .ts (a developer's stale build): recompiled
    monkeypatch.undo()
    monkeypatch.setattr(i18n, "prebuilt_translation", lambda language: prebuilt)
    compiled = i18n.compile_translation("zh_CN", tmp_path / "build")
    assert compiled == tmp_path / "build" / "workstation_zh_CN.qm"
    assert compiled.stat().st_size > 1000
