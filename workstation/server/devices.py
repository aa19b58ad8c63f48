"""Workstation registration: each device gets its ward and a block of temporary record numbers."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from workstation.clock import now_iso
from workstation.security.policy import device_ward_problem
from workstation.server.auth import User
from workstation.server.models import devices, wards

TEMP_BLOCK_SIZE = 1000


def registration_problem(conn: Connection, user: User, ward_id: str) -> str | None:
    """Why this user may not register a device to `ward_id` (policy.device_ward_problem; a
    hospital-wide role only to a ward that exists), or None when they may."""
    problem = device_ward_problem(user.role, user.wards, ward_id)
    if problem is None and ward_id not in user.wards:
        known = conn.execute(select(wards.c.ward_id).where(wards.c.ward_id == ward_id)).first()
        return None if known else f"there is no ward {ward_id}"
    return problem


def register(conn: Connection, *, device_id: str, ward_id: str) -> dict[str, Any]:
    """Register a device (or return its registration): ward and temporary-number block."""
    row = conn.execute(select(devices).where(devices.c.device_id == device_id)).first()
    if row is None:
        start = (conn.execute(select(func.max(devices.c.temp_block_end))).scalar() or 0) + 1
        values = {
            "device_id": device_id, "ward_id": ward_id, "temp_block_start": start,
            "temp_block_end": start + TEMP_BLOCK_SIZE - 1, "registered_at": now_iso(), "last_seen_at": now_iso(),
        }  # fmt: skip
        conn.execute(insert(devices).values(**values))
        return values
    if row.ward_id != ward_id:
        conn.execute(
            update(devices).where(devices.c.device_id == device_id).values(ward_id=ward_id)
        )
    # str(): column names come back as quoted_name, a str subclass orjson refuses as a key
    return {**{str(k): v for k, v in row._mapping.items()}, "ward_id": ward_id}
