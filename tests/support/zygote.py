"""A process that imports the server once and forks a server for each LiveServer start.

Starting `python -m workstation.server.serve` costs some 2.5 s of CPU, nearly all of it imports
(FastAPI, SQLAlchemy, Alembic, the FHIR models); the suite starts a server a few hundred times.
This process pays the imports once; each start forks it, and the child runs the very module
LiveServer used to run (`runpy`, as `python -m` does), with the test's environment, working folder,
log file and listening socket. Run by tests.support.live_server, never by hand:
`python -m tests.support.zygote CONTROL_FD`.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import runpy
import select
import signal
import socket
import subprocess
import sys
import threading
import traceback
from pathlib import Path
from typing import Any

MODULE = "workstation.server.serve"
MAX_MESSAGE = 1 << 20


def _run_child(request: dict[str, Any], listen_fd: int) -> int:
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    log = os.open(request["log"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(log)
    os.close(null)
    sys.argv = [MODULE, *request["args"], str(listen_fd)]
    try:
        runpy.run_module(MODULE, run_name="__main__", alter_sys=True)
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except BaseException:  # noqa: BLE001 - printed to the log as python would, then exit 1
        traceback.print_exc()
        return 1
    return 0


def _fork(request: dict[str, Any], fds: list[int], control: socket.socket) -> int:
    pid = os.fork()
    if pid == 0:  # the child: a server, never back into this loop
        code = 1
        try:
            control.close()
            code = _run_child(request, fds[0])
        finally:
            for stream in (sys.stdout, sys.stderr):
                with contextlib.suppress(Exception):  # exiting anyway
                    stream.flush()
            os._exit(code)
    for fd in fds:
        os.close(fd)
    return pid


def _reap(exited: dict[int, int]) -> None:
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        exited[pid] = os.waitstatus_to_exitcode(status)


def _status(pid: int, exited: dict[int, int]) -> int:
    if pid not in exited:
        _pid, status = os.waitpid(pid, 0)  # asked only once the child has exited
        exited[pid] = os.waitstatus_to_exitcode(status)
    return exited.pop(pid)


def serve(control: socket.socket) -> None:
    """Answer start and status requests until the test process closes the control socket."""
    exited: dict[int, int] = {}
    children: set[int] = set()
    while True:
        message, fds, _flags, _address = socket.recv_fds(control, MAX_MESSAGE, 1)
        if not message:
            break
        _reap(exited)
        request = json.loads(message)
        if request["op"] == "start":
            pid = _fork(request, fds, control)
            children.add(pid)
            control.send(json.dumps({"pid": pid}).encode())
        else:
            code = _status(int(request["pid"]), exited)
            children.discard(int(request["pid"]))
            control.send(json.dumps({"code": code}).encode())
    for pid in children - set(exited):  # the test run ended: no server outlives it
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    _reap(exited)


# -- the test process's side --------------------------------------------------------------------


class ZygoteUnavailable(RuntimeError):
    """The zygote could not be started or has gone; LiveServer starts a plain process instead."""


class ForkedServer:
    """A server forked by the zygote, with the part of subprocess.Popen that LiveServer uses. It is
    watched through a pidfd, so a signal or a wait can never reach another process reusing its pid."""

    def __init__(self, zygote: Zygote, pid: int, pidfd: int):
        self._zygote, self.pid, self._pidfd = zygote, pid, pidfd
        self.returncode: int | None = None

    def poll(self) -> int | None:
        """The exit code, or None while the server runs."""
        return self._finish() if self._exited(0) else None

    def wait(self, timeout: float | None = None) -> int:
        """Wait for the exit; subprocess.TimeoutExpired if it has not ended within timeout."""
        if not self._exited(timeout):
            raise subprocess.TimeoutExpired(f"server {self.pid}", timeout or 0)
        return self._finish()

    def send_signal(self, how: int) -> None:
        """Signal the server (nothing when it has already exited)."""
        if self.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                signal.pidfd_send_signal(self._pidfd, how)

    def kill(self) -> None:
        """SIGKILL."""
        self.send_signal(signal.SIGKILL)

    def _exited(self, timeout: float | None) -> bool:
        if self.returncode is not None:
            return True
        readable, _w, _x = select.select([self._pidfd], [], [], timeout)
        return bool(readable)

    def _finish(self) -> int:
        if self.returncode is None:
            self.returncode = self._zygote.exit_code(self.pid)
            os.close(self._pidfd)
        return self.returncode


class Zygote:
    """The zygote process, started on first use and ended when this process exits."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._control: socket.socket | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._broken = not hasattr(os, "pidfd_open") or os.environ.get("CW_TEST_NO_ZYGOTE") == "1"

    def start_server(self, args: list[str], listen: socket.socket, log: Path) -> ForkedServer:
        """Fork a server: `python -m workstation.server.serve *args FD` on the listen socket."""
        request = {"op": "start", "args": args, "env": dict(os.environ), "cwd": os.getcwd(),
                   "log": str(log)}  # fmt: skip
        with self._lock:
            control = self._connect()
            try:
                socket.send_fds(control, [json.dumps(request).encode()], [listen.fileno()])
                pid = int(json.loads(control.recv(MAX_MESSAGE))["pid"])
                return ForkedServer(self, pid, os.pidfd_open(pid))
            except (OSError, ValueError, KeyError) as exc:
                self._give_up()
                raise ZygoteUnavailable(f"the zygote failed: {exc}") from exc

    def exit_code(self, pid: int) -> int:
        """The exit code of a server that has exited (the zygote reaps it)."""
        with self._lock:
            if self._control is None:
                return -1
            self._control.send(json.dumps({"op": "status", "pid": pid}).encode())
            return int(json.loads(self._control.recv(MAX_MESSAGE))["code"])

    def close(self) -> None:
        """End the zygote (and any server it still has)."""
        with self._lock:
            self._give_up()

    def _connect(self) -> socket.socket:
        if self._control is not None:
            return self._control
        if self._broken:
            raise ZygoteUnavailable("no zygote on this machine")
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        with theirs:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "tests.support.zygote", str(theirs.fileno())],
                cwd=Path(__file__).resolve().parents[2], pass_fds=(theirs.fileno(),),
                stdin=subprocess.DEVNULL, env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )  # fmt: skip
        self._control = ours
        atexit.register(self.close)
        return ours

    def _give_up(self) -> None:
        self._broken = True
        control, self._control = self._control, None
        if control is not None:
            control.close()
        process, self._process = self._process, None
        if process is not None:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


ZYGOTE = Zygote()


if __name__ == "__main__":
    import workstation.server.config  # noqa: F401 - the imports the children share
    import workstation.server.serve  # noqa: F401

    serve(socket.socket(fileno=int(sys.argv[1])))
