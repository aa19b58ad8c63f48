"""Start-up work, as plain functions run off the UI thread: open the station, prepare the demo."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from offline_cache import keystore
from offline_cache.workstation import Workstation
from ui.settings import StationSettings
from workstation.server.db import make_engine
from workstation.server.demo_roster import DemoUser, demo_roster
from workstation.server.embedded import EmbeddedServer
from workstation.server.setup import initialise

DEMO_DATABASE = "server.db"
DEMO_PASSWORDS = "demo-passwords.json"


@dataclass
class Launched:
    """What the program runs on: the station, and in demo mode its embedded server and users."""

    workstation: Workstation
    server: EmbeddedServer | None = None
    demo_passwords: dict[str, str] | None = None
    passwords_file: Path | None = None
    demo_users: list[DemoUser] | None = None  # the passwords with each user's role and wards

    def close(self) -> None:
        """Close the replica and stop the embedded server."""
        self.workstation.close()
        if self.server is not None:
            self.server.stop()


def open_station(
    station_dir: Path, settings: StationSettings, *, server_url: str | None = None
) -> Launched:
    """Open the station's encrypted replica (KeyringUnavailable / MissingReplicaKey propagate)."""
    workstation = Workstation.open(
        station_dir,
        server_url=server_url or settings.server_url or None,
        ward_id=settings.ward_id or None,
    )
    return Launched(workstation)


def prepare_demo_server(demo_dir: Path) -> tuple[str, dict[str, str]]:
    """Create (first run) or migrate the demo server database; its URL and the demo users' passwords."""
    from workstation.server.demo import load_demo  # the demo ward ships with the server

    demo_dir = Path(demo_dir)
    demo_dir.mkdir(parents=True, exist_ok=True)
    database, passwords_file = demo_dir / DEMO_DATABASE, demo_dir / DEMO_PASSWORDS
    engine = make_engine(str(database))
    try:
        if database.exists() and passwords_file.exists():
            initialise(engine)
            return str(database), read_passwords(passwords_file)
        if database.exists():
            raise RuntimeError(
                f"{database} exists but its passwords file {passwords_file.name} is missing; "
                "remove the demo folder to start the demo afresh"
            )
        initialise(engine)
        passwords = load_demo(engine)
        write_passwords(passwords_file, passwords)
        return str(database), passwords
    finally:
        engine.dispose()


def read_roster(database: str, passwords: dict[str, str]) -> list[DemoUser]:
    """The demo users with their roles and wards, read from the demo server's database."""
    engine = make_engine(database)
    try:
        return demo_roster(engine, passwords)
    finally:
        engine.dispose()


def write_passwords(path: Path, passwords: dict[str, str]) -> None:
    """Keep the demo passwords (they cannot be recovered from the hashes), readable by the user only."""
    path.write_text(json.dumps(passwords, indent=2, ensure_ascii=False), encoding="utf-8")
    os.chmod(path, 0o600)


def read_passwords(path: Path) -> dict[str, str]:
    """The demo passwords saved on first run."""
    return {str(k): str(v) for k, v in json.loads(path.read_text(encoding="utf-8")).items()}


def start_demo(demo_dir: Path, settings: StationSettings) -> Launched:
    """Prepare the demo database, serve it on loopback and open the demo station pointed at it."""
    if keystore.use_demo_keyring(Path(demo_dir)):
        print(  # noqa: T201 - said on the console too, not only in the log
            f"demo: no secure keyring on this computer; the demo keeps its keys in {demo_dir}/demo-keyring.cfg "
            "(synthetic patients only; a real station refuses to run without a secure keyring)",
            file=sys.stderr,
        )
    database, passwords = prepare_demo_server(demo_dir)
    roster = read_roster(database, passwords)
    server = EmbeddedServer(database).start()
    try:
        launched = open_station(Path(demo_dir) / "station", settings, server_url=server.url)
    except BaseException:
        server.stop()
        raise
    launched.server = server
    launched.demo_passwords, launched.passwords_file = passwords, Path(demo_dir) / DEMO_PASSWORDS
    launched.demo_users = roster
    return launched
