"""Reference data as versioned snapshots: wards and beds, the user directory, the formulary and
the interaction rules (the last two published by the pharmacy, checked row by row first)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import orjson
from sqlalchemy import Connection, func, insert, select

from workstation.clinical.formulary_io import ImportReport, check_rows, published_document
from workstation.clock import now_iso
from workstation.events.envelope import canonical_json
from workstation.server import meta
from workstation.server.models import refdata, users, wards
from workstation.server.user_rights import rights_of

PUBLISHER_ROLES = frozenset({"pharmacist", "admin"})  # who keeps the formulary (ARCHITECTURE.md)
_LOCAL_KEY = "refdata_published_by_pharmacy:"  # + name: the hospital's own version took over


def publish(conn: Connection, name: str, content: Any) -> int:
    """Store a new version of a snapshot when its content changed; return the current version."""
    latest = conn.execute(
        select(refdata.c.version, refdata.c.content)
        .where(refdata.c.name == name)
        .order_by(refdata.c.version.desc())
        .limit(1)
    ).first()
    body = canonical_json(content)
    if latest is not None and latest.content == body:
        return int(latest.version)
    version = (latest.version if latest else 0) + 1
    conn.execute(
        insert(refdata).values(name=name, version=version, published_at=now_iso(), content=body)
    )
    return version


def versions(conn: Connection) -> dict[str, int]:
    """The newest version of every snapshot."""
    rows = conn.execute(
        select(refdata.c.name, func.max(refdata.c.version)).group_by(refdata.c.name)
    )
    return {name: int(version) for name, version in rows}


def snapshot_bytes(conn: Connection, name: str) -> bytes | None:
    """The newest snapshot called name as its stored canonical JSON bytes, or None."""
    return conn.execute(
        select(refdata.c.content)
        .where(refdata.c.name == name)
        .order_by(refdata.c.version.desc())
        .limit(1)
    ).scalar()


def snapshot(conn: Connection, name: str) -> dict[str, Any] | None:
    """The newest snapshot called name, with its version, or None."""
    row = conn.execute(
        select(refdata).where(refdata.c.name == name).order_by(refdata.c.version.desc()).limit(1)
    ).first()
    if row is None:
        return None
    return {
        "name": name,
        "version": row.version,
        "published_at": row.published_at,
        "content": orjson.loads(row.content),
    }


def publish_shipped(conn: Connection, name: str, content: Any) -> int:
    """Publish a shipped file until the pharmacy has published its own: a software update (or
    `init` run again) must never put the shipped formulary back over the hospital's."""
    if meta.get(conn, _LOCAL_KEY + name) is not None:
        current = snapshot(conn, name)
        return int(current["version"]) if current else 0
    return publish(conn, name, content)


def publish_checked(
    conn: Connection, name: str, rows: Iterable[Mapping[str, str]]
) -> tuple[ImportReport, int | None, bool]:
    """Check a formulary or interactions table with the station's own import code and publish
    it as the next version only when every row is good: (report, the version in force or None,
    whether that version is new; a table identical to the one in force keeps its version)."""
    report = check_rows(name, rows)
    if not report.ok:
        return report, None, False
    current = snapshot(conn, name)
    version = publish(conn, name, published_document(report, current and current["content"]))
    meta.put(conn, _LOCAL_KEY + name, str(version))
    return report, version, current is None or int(current["version"]) != version


def publish_directory(conn: Connection) -> None:
    """Re-publish the wards and user-directory snapshots from their tables."""
    ward_rows = conn.execute(select(wards).order_by(wards.c.ward_id)).all()
    publish(conn, "wards", [{
        "ward_id": w.ward_id, "name_en": w.name_en, "name_zh": w.name_zh, "beds": w.beds.split(","),
    } for w in ward_rows])  # fmt: skip
    user_rows = conn.execute(select(users).order_by(users.c.username)).all()
    publish(conn, "users", [{
        "user_id": u.user_id, "username": u.username, "display_name": u.display_name, "role": u.role,
        "wards": [w for w in u.wards.split(",") if w], "licensed": bool(u.licensed), "active": bool(u.active),
        "rights": rights_of(u),
    } for u in user_rows])  # fmt: skip


def add_ward(
    conn: Connection, *, ward_id: str, name_en: str, name_zh: str, beds: list[str]
) -> None:
    """Create a ward with its beds."""
    conn.execute(
        insert(wards).values(ward_id=ward_id, name_en=name_en, name_zh=name_zh, beds=",".join(beds))
    )
