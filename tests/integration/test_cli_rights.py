"""`workstation-server user rights` and `antibiotic-indicators`, run as an operator would."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from tests.integration.test_cli import assert_one_line_error, keyed_engine, run_cli
from workstation.server import refdata
from workstation.server.db import reader, writer
from workstation.server.models import users


@pytest.fixture
def database(tmp_path: Path) -> Path:
    """An initialised SQLite server database with ward W1 and a resident and an attending on it."""
    path = tmp_path / "server.sqlite"
    assert run_cli("init", "--database", str(path)).returncode == 0
    engine = keyed_engine(path)
    with writer(engine) as conn:
        refdata.add_ward(conn, ward_id="W1", name_en="Ward 1", name_zh="一病区", beds=["1"])
    engine.dispose()
    for name in ("resident", "attending"):
        added = run_cli("user", "add", "--database", str(path), "--username", name, "--name", name,
                        "--role", "physician", "--wards", "W1", "--password", "long enough pw")  # fmt: skip
        assert added.returncode == 0, added.stderr
    return path


def test_the_medical_affairs_office_sets_title_and_rights(database: Path) -> None:
    result = run_cli("user", "rights", "--database", str(database), "--username", "attending",
                     "--title", "attending", "--antibiotic-tier", "restricted",
                     "--narcotic-right", "yes")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "title attending" in result.stdout and "antibiotic_tier restricted" in result.stdout
    engine = keyed_engine(database)
    with reader(engine) as conn:
        row = conn.execute(select(users).where(users.c.username == "attending")).one()
        directory = refdata.snapshot(conn, "users")
    engine.dispose()
    assert (row.title, row.antibiotic_tier, row.narcotic_right) == ("attending", "restricted", True)
    assert directory is not None
    [published] = [u for u in directory["content"] if u["username"] == "attending"]
    assert published["rights"]["antibiotic_tier"] == "restricted"


def test_a_tier_above_the_title_is_refused_in_one_line(database: Path) -> None:
    result = run_cli("user", "rights", "--database", str(database), "--username", "resident",
                     "--title", "resident", "--antibiotic-tier", "restricted")  # fmt: skip
    assert_one_line_error(result, 1, "Art. 24")


def test_indicators_print_one_line_per_ward(database: Path) -> None:
    result = run_cli("antibiotic-indicators", "--database", str(database), "--since", "2026-01-01")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("ward\tpatients\ton_antibiotics\tuse_rate")
    assert "emergency overrides not completed within 24 h: 0" in result.stdout
