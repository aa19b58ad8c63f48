"""The downtime pack is built from the workstation's replica with the server stopped, into a
folder only this user can read, and the refresher rebuilds it on its schedule."""

from __future__ import annotations

import stat
import subprocess
import threading
from pathlib import Path

import pytest

from offline_cache.downtime import DowntimeRefresher, build_downtime_pack
from offline_cache.tables import audit_outbox
from offline_cache.workstation import Workstation
from workstation.server.demo import load_demo


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout  # fmt: skip


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_pack_is_built_offline_from_the_replica(tmp_path, server_engine, live_server) -> None:
    passwords = load_demo(server_engine)
    ws = Workstation.open(tmp_path / "nurse-pc", server_url=live_server.url, ward_id="CARD",
                          attempts=1, base_delay=0.01, timeout=5)  # fmt: skip
    try:
        ws.login("card.nurse", passwords["card.nurse"])
        ws.sync()
        census = ws.census()
        live_server.stop()

        path = build_downtime_pack(ws, lang="zh_CN")

        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary left behind
        text = pdf_text(path)
        assert "停机应急资料" in text and "未来 12 小时给药记录" in text and "从未同步" not in text
        for patient in census:
            assert patient["name"] in text and patient["record_number"] in text
        pages = int(subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
                    .stdout.split("Pages:")[1].split()[0])  # fmt: skip
        assert pages >= len(census) + 1  # the census, then at least a page per patient
        subprocess.run(["pdftoppm", "-png", "-r", "20", "-f", "1", "-l", "3", str(path),
                        str(tmp_path / "page")], check=True)  # fmt: skip
        assert len(list(tmp_path.glob("page-*.png"))) == 3
        with ws.store.reading() as conn:
            actions = [r.action for r in conn.execute(audit_outbox.select())]
        assert "downtime_pack_written" in actions
    finally:
        ws.close()


def test_refresher_builds_now_and_on_its_schedule_and_survives_a_failure(tmp_path) -> None:
    built: list[Path] = []
    errors: list[BaseException] = []
    two_builds = threading.Event()
    outcomes = iter([RuntimeError("replica busy"), None, None, None])

    def build() -> Path:
        failure = next(outcomes, None)
        if failure is not None:
            raise failure
        path = tmp_path / f"pack-{len(built)}.pdf"
        path.write_bytes(b"%PDF")
        return path

    def on_built(path: Path) -> None:
        built.append(path)
        if len(built) >= 2:
            two_builds.set()

    refresher = DowntimeRefresher(build, interval_hours=0.1 / 3600, on_built=on_built,
                                  on_error=errors.append)  # fmt: skip
    refresher.start()
    try:
        assert two_builds.wait(timeout=10), "the refresher did not rebuild on its schedule"
    finally:
        refresher.stop()
    assert [str(e) for e in errors] == ["replica busy"]
    assert refresher.last_path == built[-1]
    with pytest.raises(ValueError):
        DowntimeRefresher(build, interval_hours=0)
