"""The downtime pack on the workstation: built from the local replica alone (no server), and
refreshed on a schedule into a folder only this OS user can read, so the ward has it ready
when the network or the power fails.

The PDF is deliberately readable without the program (that is its purpose), so it is the one
place patient data leaves the encrypted replica: the folder is mode 0700 and each file 0600,
and each refresh replaces the previous file atomically.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from offline_cache import logs, state
from offline_cache.workstation import Workstation
from workstation.clock import utc_now
from workstation.reports.context import make_context
from workstation.reports.downtime import downtime_pack

FOLDER = "downtime"
DEFAULT_INTERVAL_HOURS = 4.0
_log = logs.get("downtime")


def protected_folder(data_dir: Path) -> Path:
    """The downtime folder inside the workstation data dir, created (or tightened) to mode 0700."""
    folder = Path(data_dir) / FOLDER
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    return folder


def pack_path(data_dir: Path, ward_id: str, lang: str) -> Path:
    """Where a ward's current pack is kept."""
    return protected_folder(data_dir) / f"downtime-{ward_id}-{lang}.pdf"


def _write_private(path: Path, data: bytes) -> None:
    """Write a 0600 file beside path, flush it to disk, then replace path with it."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def build_downtime_pack(
    ws: Workstation, *, ward_id: str | None = None, lang: str = "zh_CN",
    now: datetime | None = None,
) -> Path:  # fmt: skip
    """Build the ward's pack from the replica and write it to the protected folder; returns its path.
    Needs no server; the pack says how fresh its data is (the last sync)."""
    ward = ward_id or ws.config.get("ward_id")
    if not ward:
        raise ValueError("this workstation has no ward: choose one to build a downtime pack for")
    current = ws.sessions.current
    printed_by = current.display_name if current else f"{ws.config['device_id']} (automatic)"
    with ws.store.reading() as conn:
        ctx = make_context(conn, lang=lang, printed_by=printed_by, printed_at=now or utc_now())
        pdf = downtime_pack(ctx, conn, ward, data_as_of=state.get(conn, "last_sync_at"))
    path = pack_path(ws.data_dir, ward, lang)
    _write_private(path, pdf)
    if current is not None:
        ws.record_access("downtime_pack_written")
    _log.info("downtime pack written ward=%s bytes=%d", ward, len(pdf))
    return path


class DowntimeRefresher:
    """Runs a build function now and then every interval on a daemon thread until stopped.
    The UI starts it after login and stops it on exit; results and errors come back by callback."""

    def __init__(
        self, build: Callable[[], Path], *, interval_hours: float = DEFAULT_INTERVAL_HOURS,
        on_built: Callable[[Path], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ):  # fmt: skip
        if interval_hours <= 0:
            raise ValueError("the refresh interval must be positive")
        self.build, self.interval_s = build, interval_hours * 3600
        self.on_built, self.on_error = on_built, on_error
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.last_path: Path | None = None

    @classmethod
    def for_workstation(cls, ws: Workstation, **options: object) -> DowntimeRefresher:
        """A refresher that rebuilds ws's ward pack."""
        return cls(lambda: build_downtime_pack(ws), **options)  # type: ignore[arg-type]

    def refresh_now(self) -> Path | None:
        """Build once on the calling thread; None (and on_error called) when it failed."""
        try:
            self.last_path = self.build()
        except Exception as exc:  # noqa: BLE001 - a failed refresh must not stop the schedule
            _log.warning("downtime pack not written: %s", type(exc).__name__)
            if self.on_error is not None:
                self.on_error(exc)
            return None
        if self.on_built is not None:
            self.on_built(self.last_path)
        return self.last_path

    def start(self) -> None:
        """Build at once, then every interval, on a background thread."""
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="downtime-pack", daemon=True)
        self._thread.start()

    def stop(self, timeout: float | None = 30) -> None:
        """Ask the thread to finish and wait for it."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.refresh_now()
            self._stop.wait(self.interval_s)
