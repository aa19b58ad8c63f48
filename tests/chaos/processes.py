"""Run `ws_worker.py` in a child process, read what it says line by line, and kill it hard."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
WAIT_SECONDS = 90.0


class WorkerFailed(AssertionError):
    """The worker exited or fell silent before saying what the test waited for."""


def faketime_prefix(offset: str) -> list[str]:
    """The command prefix that runs a program with its clock moved by offset (e.g. '+24h')."""
    tool = shutil.which("faketime")
    if tool is None:
        raise WorkerFailed(
            "faketime is not installed: `apt-get install faketime` (installer/dev-setup.sh)"
        )
    return [tool, "-f", offset]


class Worker:
    """One ws_worker process; its output lines are collected as they arrive."""

    def __init__(self, data_dir: Path, server_url: str, ward_id: str, username: str, password: str,
                 *, events: int = 200, sync_every: int = 10, seed: int = 0, clock: str | None = None):  # fmt: skip
        prefix = faketime_prefix(clock) if clock else []
        self.command = [
            *prefix, sys.executable, "-m", "tests.chaos.ws_worker", str(data_dir), server_url, ward_id,
            username, password, "--events", str(events), "--sync-every", str(sync_every), "--seed", str(seed),
        ]  # fmt: skip
        self.lines: list[str] = []
        self._changed = threading.Condition()
        self._process: subprocess.Popen[str] | None = None
        self._reader: threading.Thread | None = None

    @property
    def pid(self) -> int:
        """The child's process id."""
        assert self._process is not None
        return self._process.pid

    def start(self) -> Worker:
        """Start the child with this test's environment (and so its keyring)."""
        self._process = subprocess.Popen(
            self.command, cwd=REPO_ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )  # fmt: skip
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        return self

    def _read(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        for line in self._process.stdout:
            with self._changed:
                self.lines.append(line.rstrip("\n"))
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    def said(self, word: str) -> list[str]:
        """The rest of every line that started with word, so far."""
        with self._changed:
            return [line[len(word) + 1 :] for line in self.lines if line.split(" ", 1)[0] == word]

    def wait_for(self, word: str, count: int = 1, timeout: float = WAIT_SECONDS) -> list[str]:
        """Block until the worker said `word` count times; raise with its stderr if it cannot."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self.said(word)) < count:
                exited = self._process is not None and self._process.poll() is not None
                left = deadline - time.monotonic()
                if (exited and not self._reader_alive()) or left <= 0:
                    raise WorkerFailed(
                        f"worker never said {word!r} {count} times:\n{self.stderr()}"
                    )
                self._changed.wait(min(left, 0.5))
        return self.said(word)

    def _reader_alive(self) -> bool:
        return self._reader is not None and self._reader.is_alive()

    def kill(self) -> None:
        """SIGKILL now, then collect whatever it printed before dying."""
        assert self._process is not None
        if self._process.poll() is None:
            os.kill(self._process.pid, signal.SIGKILL)
        self.wait_exit()

    def wait_exit(self, timeout: float = WAIT_SECONDS) -> int:
        """Wait for the process to end and its output to be read; its return code."""
        assert self._process is not None and self._reader is not None
        code = self._process.wait(timeout=timeout)
        self._reader.join(timeout=timeout)
        return code

    def stderr(self) -> str:
        """What the worker wrote on stderr (only once it has exited)."""
        if self._process is None or self._process.poll() is None or self._process.stderr is None:
            return "(still running)"
        return self._process.stderr.read()[-4000:]

    def statuses(self) -> list[dict[str, Any]]:
        """Every status the worker printed after a sync."""
        return [json.loads(text) for text in self.said("synced")]
