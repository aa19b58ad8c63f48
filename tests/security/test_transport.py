"""Finding 7: TLS on `serve`, plain HTTP refused off loopback, stations that verify the server
against the OS trust store plus the hospital CA file; checkpoints written by `serve`."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from offline_cache.link import Offline, ServerLink, tls_context
from tests.security.support import make_ca, run_cli, write_config
from tests.support import free_loopback_port
from workstation.server.checkpoints import FILE_NAME


def _serve(config_file: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "workstation.server.cli", "serve", "--config", str(config_file),
         *extra], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        preexec_fn=lambda: os.umask(0o022),
    )  # fmt: skip


def _wait_serving(process: subprocess.Popen[str], url: str, ca: Path) -> None:
    """Wait until the TLS server answers /healthz (or fail with its output if it exits)."""
    deadline = time.monotonic() + 60
    context = tls_context(str(ca))
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.TransportError):
            if httpx.get(f"{url}/healthz", verify=context, timeout=2).status_code == 200:
                return
        try:
            process.wait(timeout=0.05)  # the poll interval, ending early if the server exits
        except subprocess.TimeoutExpired:
            continue
        raise AssertionError(f"server exited: {process.stdout.read() if process.stdout else ''}")
    raise AssertionError("server did not answer within 60 s")


def _link(url: str, ca_file: Path | None) -> ServerLink:
    return ServerLink(url, attempts=1, timeout=10, ca_file=str(ca_file) if ca_file else None)


@pytest.fixture
def tls_server(tmp_path: Path, database_url: str):  # noqa: ANN201
    """`serve` with a certificate signed by a throwaway hospital CA, on a loopback port."""
    ca, cert, key = make_ca(tmp_path / "pki")
    port = free_loopback_port()
    config_file = write_config(tmp_path / "srv", database_url, host="127.0.0.1", port=port,
                               certfile=str(cert), keyfile=str(key))  # fmt: skip
    assert run_cli("init", "--config", str(config_file)).returncode == 0
    process = _serve(config_file, "--insecure-http")  # ignored: TLS is on
    url = f"https://127.0.0.1:{port}"
    try:
        _wait_serving(process, url, ca)
        yield url, ca, config_file, process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)


def test_station_trusting_the_hospital_ca_connects_and_one_that_does_not_is_refused(
    tls_server,  # noqa: ANN001
) -> None:
    url, ca, _config, _process = tls_server
    trusting = _link(url, ca)
    try:
        assert trusting.request("GET", "/healthz") == {"status": "ok"}
    finally:
        trusting.close()
    stranger = _link(url, None)
    try:
        with pytest.raises(Offline, match="CERTIFICATE_VERIFY_FAILED|certificate verify failed"):
            stranger.request("GET", "/healthz")
    finally:
        stranger.close()


def test_serve_writes_a_checkpoint_at_start_and_at_shutdown(tls_server) -> None:  # noqa: ANN001
    _url, _ca, config_file, process = tls_server
    path = config_file.parent / "checkpoints" / FILE_NAME
    started = len(path.read_text().splitlines())
    assert started >= 2  # init's and serve's first
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0
    assert len(path.read_text().splitlines()) == started + 1
    assert path.stat().st_mode & 0o077 == 0


def test_plain_http_off_loopback_is_refused_before_listening(tmp_path: Path) -> None:
    config_file = write_config(tmp_path / "srv", f"sqlite:///{tmp_path / 'server.db'}")
    assert run_cli("init", "--config", str(config_file)).returncode == 0
    refused = run_cli("serve", "--config", str(config_file), "--host", "0.0.0.0", "--port",
                      str(free_loopback_port()), timeout=60)  # fmt: skip
    assert refused.returncode == 1
    assert "refusing to serve plain HTTP on 0.0.0.0" in refused.stderr
    assert "--certfile" in refused.stderr and "--insecure-http" in refused.stderr
    assert "serving" not in refused.stdout


def test_half_a_tls_setting_is_refused(tmp_path: Path) -> None:
    config_file = write_config(tmp_path / "srv", f"sqlite:///{tmp_path / 'server.db'}")
    assert run_cli("init", "--config", str(config_file)).returncode == 0
    refused = run_cli("serve", "--config", str(config_file), "--certfile", "x.pem", timeout=60)
    assert refused.returncode == 1 and "both a certificate file and its key" in refused.stderr
