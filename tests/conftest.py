"""Fixtures shared by every test: databases on SQLite and PostgreSQL, the live server, a test keyring."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyrings.alt.file import PlaintextKeyring
from sqlalchemy import Engine, make_url

from offline_cache import keystore
from tests.support.keyring import ENV_FILE, use_test_keyring
from tests.support.live_server import LiveServer
from tests.support.postgres import PostgresCluster

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# A light argon2id profile for the suite (see workstation.security.passwords); set before any test
# module imports the hasher, and inherited by the server subprocesses.
os.environ.setdefault("CW_ARGON2_PROFILE", "test")
SERVER_TEMPLATE = "server"


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PostgresCluster]:
    """A throwaway PostgreSQL cluster for the whole run (skipped only when CW_SKIP_POSTGRES=1)."""
    if os.environ.get("CW_SKIP_POSTGRES") == "1":
        pytest.skip("CW_SKIP_POSTGRES=1: PostgreSQL tests skipped")
    with PostgresCluster() as cluster:  # a missing binary fails loudly: CI must install it
        yield cluster


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new empty database for this test: a file in tmp_path, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'server.db'}"
        return
    cluster: PostgresCluster = request.getfixturevalue("pg_cluster")
    url = cluster.create_database()
    yield url
    cluster.drop_database(url)


@pytest.fixture(scope="session")
def sqlite_server_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite server database initialised once for the run, copied by server_engine."""
    from tests.support import templates  # imports the server: after CW_ARGON2_PROFILE is set

    path = tmp_path_factory.mktemp("server-template") / "server.db"
    templates.build_template(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def pg_server_template(pg_cluster: PostgresCluster) -> str:
    """A PostgreSQL server database initialised once for the run; its label for create_database."""
    from tests.support import templates

    templates.build_template(pg_cluster.create_template(SERVER_TEMPLATE))
    return SERVER_TEMPLATE


@pytest.fixture
def server_engine(request: pytest.FixtureRequest, database_url: str) -> Iterator[Engine]:
    """An engine on an initialised server database (schema at head, epoch, reference data): a
    copy of a database `initialise` made once for the run, with its own new epoch."""
    from tests.support import templates
    from workstation.server.db import make_engine

    if database_url.startswith("sqlite"):
        template: Path = request.getfixturevalue("sqlite_server_template")
        templates.copy_sqlite(template, Path(make_url(database_url).database or ""))
    else:
        cluster: PostgresCluster = request.getfixturevalue("pg_cluster")
        cluster.refill_database(database_url, request.getfixturevalue("pg_server_template"))
    engine = make_engine(database_url)
    templates.new_identity(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def live_server(server_engine: Engine, database_url: str, tmp_path: Path) -> Iterator[LiveServer]:
    """The real server in a subprocess on a free loopback port, over this test's database."""
    server = LiveServer(database_url, log_dir=tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def test_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[PlaintextKeyring]:
    """A keyring the test owns: a plaintext file in tmp_path that the keystore accepts in this
    process only (`keystore.accept_backend`); a child worker is told the file by CW_TEST_KEYRING_FILE."""
    data_home = tmp_path / "xdg-data"
    data_home.mkdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    file = data_home / "python_keyring" / "keyring_pass.cfg"
    monkeypatch.setenv(ENV_FILE, str(file))
    previous = keyring.get_keyring()
    yield use_test_keyring(file)
    keystore.forget_accepted_backends()
    keyring.set_keyring(previous)
