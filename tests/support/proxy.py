"""The shipped HAProxy configuration (installer/server/haproxy.cfg) run on loopback in front of
the test's or bench's server processes: its TLS listener made a plain loopback one (the
certificate is the hospital's) and its two servers moved to the given ports."""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

import httpx

SHIPPED = Path(__file__).resolve().parents[2] / "installer" / "server" / "haproxy.cfg"
SHIPPED_PORTS = ("8765", "8766")
READY_S = 20


def proxy_config(frontend_port: int, backend_ports: tuple[int, int]) -> str:
    """The shipped configuration, listening on 127.0.0.1:frontend_port, balancing the two ports."""
    text = SHIPPED.read_text(encoding="utf-8")
    text, bound = re.subn(r"bind :443 ssl crt \S+", f"bind 127.0.0.1:{frontend_port}", text)
    for port, shipped in zip(backend_ports, SHIPPED_PORTS, strict=True):
        text = text.replace(f"127.0.0.1:{shipped} check", f"127.0.0.1:{port} check")
    if bound != 1 or not all(f":{p} check" in text for p in backend_ports):
        raise ValueError("installer/server/haproxy.cfg no longer has the lines this replaces")
    return text.replace("log stdout format raw local0", "log stderr format raw local0")


class Proxy:
    """HAProxy in a child process with the shipped configuration; stop() ends it."""

    def __init__(self, folder: Path, frontend_port: int, backend_ports: tuple[int, int]):
        self.port = frontend_port
        self.config = folder / "haproxy.cfg"
        self.config.write_text(proxy_config(frontend_port, backend_ports), encoding="utf-8")
        self.log = folder / "haproxy.log"
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The proxy's base URL."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Proxy:
        """Check the configuration, start HAProxy and wait until /readyz answers 200 through it."""
        checked = subprocess.run(["haproxy", "-c", "-f", str(self.config)],
                                 capture_output=True, text=True, timeout=30)  # fmt: skip
        if checked.returncode != 0:
            raise RuntimeError(f"haproxy -c: {checked.stdout}{checked.stderr}")
        with self.log.open("ab") as log:
            self._process = subprocess.Popen(["haproxy", "-db", "-f", str(self.config)],
                                             stdout=subprocess.DEVNULL, stderr=log)  # fmt: skip
        deadline = time.monotonic() + READY_S
        with httpx.Client(base_url=self.url, timeout=5) as client:
            while True:
                try:
                    if client.get("/readyz").status_code == 200:
                        return self
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline or self._process.poll() is not None:
                    self.stop()
                    raise RuntimeError(f"HAProxy did not answer within {READY_S} s")
                time.sleep(0.1)  # poll interval, bounded by the deadline

    def stop(self) -> None:
        """End HAProxy."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            process.wait(timeout=10)
