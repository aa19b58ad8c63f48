"""Run the server with uvicorn (used by `workstation-server serve` and by the tests)."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import ipaddress
import signal
import socket
import sys
import threading
from collections.abc import Iterator

import uvicorn

from workstation.server import audit, checkpoints, hl7_listener, request_log, roster_store
from workstation.server.app import create_app
from workstation.server.app_settings import AppSettings
from workstation.server.config import ServerConfig
from workstation.server.db import make_engine, safe_url, writer
from workstation.server.hl7_inbound import Inbox
from workstation.server.hl7_sender import Sender
from workstation.server.keys import read_keys
from workstation.server.schema import is_current

GRACEFUL_SHUTDOWN_S = 20  # on SIGTERM, requests in flight get this long to finish
# A station syncs on one kept-alive connection every 30 s (ui SYNC_INTERVAL_MS; 5 s in the load
# brief): at uvicorn's default of 5 s the server closed it as the next request went out, which
# then failed as a reset connection (bench/load.py saw it as sporadic push errors).
KEEP_ALIVE_S = 75


class NotInitialised(RuntimeError):
    """The database has no schema or an old one."""


class PlainHttpRefused(ValueError):
    """A non-loopback listener without TLS and without --insecure-http."""


def build_app(
    database_url: str, *, settings: AppSettings | None = None, audit_key: bytes | None = None
):  # type: ignore[no-untyped-def]
    """The app for a database that is initialised at the newest schema."""
    engine = make_engine(database_url)
    if not is_current(engine):
        raise NotInitialised(
            f"database {safe_url(database_url)} is not initialised or needs migrating: run `workstation-server init`"
        )
    return create_app(audit.with_key(engine, audit_key), settings)


def record_staffing_standard(database_url: str, config: ServerConfig) -> None:
    """Keep the config's [staffing] standard (or the national default) where every server
    process's roster and dashboard read it (workstation.server.roster_store.standard)."""
    engine = make_engine(database_url)
    try:
        with writer(engine) as conn:
            roster_store.record_standard(conn, config.staffing)
    finally:
        engine.dispose()


def is_loopback(host: str) -> bool:
    """True when every address host names is a loopback address (127.0.0.0/8, ::1)."""
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(i[4][0]).is_loopback for i in infos)


def check_transport(host: str, config: ServerConfig) -> str | None:
    """Refuse plain HTTP off loopback unless insecure_http; the warning to print, if any."""
    if (config.certfile is None) != (config.keyfile is None):
        raise PlainHttpRefused("TLS needs both a certificate file and its key file")
    if config.certfile is not None or is_loopback(host):
        return None
    if not config.insecure_http:
        raise PlainHttpRefused(
            f"refusing to serve plain HTTP on {host}, which is not a loopback address: give "
            "--certfile and --keyfile (or [server] certfile/keyfile in the config), or, behind a "
            "TLS proxy on a private link, --insecure-http"
        )
    return (
        f"WARNING: serving PLAIN HTTP on {host}: passwords, tokens and patient data cross the "
        "network unencrypted unless a TLS proxy is in front of this server"
    )


def _uvicorn_config(app, host: str, port: int, log_level: str, config: ServerConfig):  # type: ignore[no-untyped-def]
    return uvicorn.Config(
        app, host=host, port=port, log_level=log_level, access_log=False,
        ssl_certfile=str(config.certfile) if config.certfile else None,
        ssl_keyfile=str(config.keyfile) if config.keyfile else None,
        proxy_headers=False,  # the app decides whom to believe (login_throttle.client_address)
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_S, log_config=None,  # request_log.configure
        timeout_keep_alive=KEEP_ALIVE_S,
    )  # fmt: skip


def _stop(signum: int, _frame: object) -> None:
    raise SystemExit(0)


@contextlib.contextmanager
def _sigterm_exits() -> Iterator[None]:
    """uvicorn re-raises SIGTERM once it has shut down; make that a clean exit that runs the
    shutdown work (the last checkpoint) instead of killing the process."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


async def _serve_with_interfaces(
    server: uvicorn.Server, sockets: list[socket.socket] | None, inbox: Inbox | None,
    sender: Sender | None, config: ServerConfig,
) -> None:  # fmt: skip
    """The HTTP API, the HL7 MLLP listener and the HL7 order sender in one event loop, stopped
    together."""
    listener = None
    if inbox is not None and config.mllp_port is not None:
        listener = await hl7_listener.start(inbox, config.mllp_host, config.mllp_port)
    sending = asyncio.create_task(sender.run()) if sender is not None else None
    try:
        await server.serve(sockets=sockets)
    finally:
        if sending is not None:
            sending.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sending
        if listener is not None:
            await listener.stop()


GIL_SWITCH_S = 0.0005
# A push of 1,000 events makes a few hundred thousand objects that live until its commit: at
# Python's default gen-0 threshold (700) the collector ran ~50 times a push re-walking them, about
# a tenth of the push's CPU (bench/sync.py); the server makes few garbage cycles.
GC_GEN0_THRESHOLD = 10_000


def run(
    database_url: str,
    host: str = "127.0.0.1",
    port: int = 8765,
    *,
    fd: int | None = None,
    workers_log_level: str = "warning",
    config: ServerConfig | None = None,
) -> None:
    """Serve the API until interrupted; on the inherited socket `fd` when given (already bound to
    host:port by the parent, which so holds the port from the moment it chose it). With a
    checkpoint key and folder, a signed checkpoint of the audit head is written at start, every
    config.checkpoint_minutes and at shutdown. With config.mllp_port, the HL7 v2 MLLP listener
    (workstation.server.hl7_listener) runs beside the API in the same process; with an [hl7_out]
    section, so does the HL7 order sender (workstation.server.hl7_sender)."""
    config = config or ServerConfig()
    # A thread back from the database waits for the GIL until the running one yields it: at
    # Python's 5 ms default, a push of some forty statements among busy poll threads spends most
    # of its time (and the server-wide write lock's) waiting its turn.
    sys.setswitchinterval(GIL_SWITCH_S)
    request_log.configure()
    keys = read_keys(config)
    app = build_app(database_url, settings=config.app_settings(), audit_key=keys.audit)
    record_staffing_standard(database_url, config)
    gc.freeze()  # what the app keeps for good (tables, vocabulary, pinyin) out of every collection
    gc.set_threshold(GC_GEN0_THRESHOLD, 10, 10)
    server = uvicorn.Server(_uvicorn_config(app, host, port, workers_log_level, config))
    scheduler = None
    if keys.checkpoint is not None and config.checkpoint_folder is not None:
        engine, folder, key = make_engine(database_url), config.checkpoint_folder, keys.checkpoint
        scheduler = checkpoints.Scheduler(
            lambda: checkpoints.write(engine, folder, key), config.checkpoint_minutes
        ).start()
    sockets = None if fd is None else [socket.socket(fileno=fd)]
    try:
        with _sigterm_exits():
            outbound = config.outbound()
            if config.mllp_port is None and outbound is None:
                server.run(sockets=sockets)
            else:
                engine = audit.with_key(make_engine(database_url), keys.audit)
                inbox = Inbox(engine) if config.mllp_port is not None else None
                sender = Sender(engine, outbound) if outbound is not None else None
                asyncio.run(_serve_with_interfaces(server, sockets, inbox, sender, config))
    finally:
        if scheduler is not None:
            scheduler.stop()


if __name__ == "__main__":  # python -m workstation.server.serve DATABASE_URL PORT [FD]
    import sys

    from workstation.security.files import restrict_umask
    from workstation.server.config import for_database

    restrict_umask()
    run(
        sys.argv[1], port=int(sys.argv[2]), fd=int(sys.argv[3]) if len(sys.argv) > 3 else None,
        config=for_database(ServerConfig(), sys.argv[1]),
    )  # fmt: skip
