"""Finding 5: an attacker who can write the database but holds no key alters an audit row and
recomputes every later hash and the head with plain SHA-256; `verify-audit` still names the row.
A rewrite of the whole table even with the key is caught by the signed checkpoints."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select, update

from tests.security.support import config_of, keyed_engine, run_cli, write_config
from workstation.security.audit_chain import row_hash
from workstation.security.signing import new_private_key
from workstation.server import audit, checkpoints, meta
from workstation.server.audit import AuditEntry, AuditKeyMismatch
from workstation.server.checkpoints import FILE_NAME
from workstation.server.db import make_engine, reader, writer
from workstation.server.keys import read_keys
from workstation.server.models import audit_log


@pytest.fixture
def server(tmp_path: Path, database_url: str) -> tuple[Path, Engine]:
    """An initialised, keyed server (config in tmp_path) with a few audited reads after init."""
    config_file = write_config(tmp_path / "srv", database_url)
    done = run_cli("init", "--config", str(config_file))
    assert done.returncode == 0, done.stderr
    engine = keyed_engine(config_of(config_file))
    for n in range(6):
        audit.record(engine, [AuditEntry("chart_opened", f"nurse-{n}", f"patient-{n}", "pc-1")])
    return config_file, engine


def _rows(engine: Engine) -> list[dict]:
    with reader(engine) as conn:
        return [dict(r._mapping) for r in conn.execute(select(audit_log).order_by("audit_id"))]


def _chain_of(audit_id: int) -> audit.Chain:
    return next(chain for chain in audit.CHAINS if chain.holds(audit_id))


def _rewrite_from(engine: Engine, audit_id: int, key: bytes | None) -> None:
    """Alter row audit_id's actor and rehash it and every later row of its chain and the chain's
    head (with key)."""
    chain = _chain_of(audit_id)
    rows = [row for row in _rows(engine) if chain.holds(row["audit_id"])]
    at = audit_id - chain.first_id
    prev = rows[at - 1]["hash"] if at > 0 else "0" * 64
    with writer(engine) as conn:
        for row in rows[at:]:
            if row["audit_id"] == audit_id:
                row["actor_id"] = "someone-else"
            row["prev_hash"], row["hash"] = prev, row_hash(prev, row, key)
            conn.execute(update(audit_log).where(audit_log.c.audit_id == row["audit_id"]).values(
                actor_id=row["actor_id"], prev_hash=row["prev_hash"], hash=row["hash"]))  # fmt: skip
            prev = row["hash"]
        meta.put(conn, chain.head_key, f"{rows[-1]['audit_id']}:{prev}")


def _checkpoint_lines(config_file: Path) -> list[str]:
    path = config_file.parent / "checkpoints" / FILE_NAME
    return path.read_text().splitlines() if path.exists() else []


def test_rows_recomputed_with_plain_sha256_are_named(server: tuple[Path, Engine]) -> None:
    config_file, engine = server
    intact = run_cli("verify-audit", "--config", str(config_file))
    assert intact.returncode == 0, intact.stdout + intact.stderr
    assert "keyed" in intact.stdout
    tampered = _rows(engine)[-3]["audit_id"]  # after init's checkpoint: only the key guards it
    _rewrite_from(make_engine(config_of(config_file).database_url or ""), tampered, None)
    broken = run_cli("verify-audit", "--config", str(config_file))
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert f"BROKEN at row {tampered}:" in broken.stdout


def test_a_writer_without_the_key_is_refused(server: tuple[Path, Engine]) -> None:
    config_file, _engine = server
    unkeyed = make_engine(config_of(config_file).database_url or "")
    with pytest.raises(AuditKeyMismatch, match="hashed with hmac-sha256"):
        audit.record(unkeyed, [AuditEntry("chart_opened", "nurse-x", "patient-x", "pc-9")])


def test_key_file_readable_by_others_is_refused(server: tuple[Path, Engine]) -> None:
    config_file, _engine = server
    key_file = config_file.parent / "keys" / "audit.key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    key_file.chmod(0o640)
    refused = run_cli("verify-audit", "--config", str(config_file))
    assert refused.returncode == 1 and "chmod 600" in refused.stderr, refused.stderr


def test_the_key_is_never_printed(tmp_path: Path, database_url: str) -> None:
    config_file = write_config(tmp_path / "srv", database_url)
    done = run_cli("init", "--config", str(config_file))
    key = (config_file.parent / "keys" / "audit.key").read_text().strip()
    assert done.returncode == 0 and key not in done.stdout + done.stderr


def test_a_rewrite_with_the_key_is_caught_by_a_signed_checkpoint(
    server: tuple[Path, Engine],
) -> None:
    config_file, engine = server
    backed = run_cli(
        "backup", "--config", str(config_file), "--to", str(config_file.parent / "b.gz")
    )
    assert backed.returncode == 0, backed.stderr
    # init's (record chain) and the backup's (both chains' heads)
    assert len(_checkpoint_lines(config_file)) == 3
    checkpointed = _rows(engine)[-1]["audit_id"]  # the backup row, the access chain's head
    first_read = audit.ACCESS.first_id + 1
    _rewrite_from(engine, first_read, read_keys(config_of(config_file)).audit)  # holds the key
    assert audit.verify(engine) is None  # the key alone no longer tells
    broken = run_cli("verify-audit", "--config", str(config_file))
    assert broken.returncode == 1, broken.stdout
    assert f"BROKEN at row {checkpointed}:" in broken.stdout and "checkpoint" in broken.stdout


def test_a_table_cut_shorter_than_the_last_checkpoint_is_named(
    server: tuple[Path, Engine],
) -> None:
    config_file, engine = server
    assert run_cli("backup", "--config", str(config_file), "--to",
                   str(config_file.parent / "b.gz")).returncode == 0  # fmt: skip
    rows = _rows(engine)
    keep = rows[-4]
    with writer(engine) as conn:
        conn.execute(audit_log.delete().where(audit_log.c.audit_id > keep["audit_id"]))
        meta.put(conn, _chain_of(keep["audit_id"]).head_key, f"{keep['audit_id']}:{keep['hash']}")
    broken = run_cli("verify-audit", "--config", str(config_file))
    assert broken.returncode == 1
    assert f"BROKEN at row {rows[-1]['audit_id']}:" in broken.stdout
    assert f"ends at row {keep['audit_id']}" in broken.stdout


def test_a_checkpoint_signed_by_another_key_is_refused(server: tuple[Path, Engine]) -> None:
    config_file, engine = server
    checkpoints.write(engine, config_file.parent / "checkpoints", new_private_key())
    broken = run_cli("verify-audit", "--config", str(config_file))
    assert broken.returncode == 1 and "not signed by this server's key" in broken.stdout
