"""The server's usage and feedback tables: apart from the clinical record (no event, no patient).

`feedback` has no insertion-order column and, on SQLite, no rowid either (WITHOUT ROWID): its key
is a random UUID, so neither a column nor the storage order follows the order items came in."""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

usage_records = Table(
    "usage_records",
    metadata,
    Column("record_id", String(36), primary_key=True),
    Column("user_id", String(64), nullable=False),  # from the token, never from the body
    Column("device_id", String(64), nullable=False),  # from the token
    Column("ward_id", String(32)),  # the device's registered ward
    Column("kind", String(16), nullable=False),
    Column("name", String(80), nullable=False),
    Column("screen", String(80)),
    Column("version", String(32), nullable=False),
    Column("count", Integer, nullable=False),
    Column("duration_ms", Integer, nullable=False),
    Column("frames", Text),  # JSON [[file, line, function], ...] of an error
    Column("at", String(32), nullable=False),  # the station's clock
    Column("received_at", String(32), nullable=False),  # the server's clock: retention uses it
    Index("ix_usage_records_received", "received_at"),
    Index("ix_usage_records_kind_at", "kind", "at"),
)

feedback = Table(
    "feedback",
    metadata,
    Column("feedback_id", String(36), primary_key=True),  # UUID version 4
    Column("day", String(10), nullable=False),
    Column("category", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("ward_id", String(32)),  # None where fewer than five users could have sent it
    Column("tags", Text, nullable=False, default=""),  # comma-separated, by the quality office
    Column("answer", Text),
    Column("answered_on", String(10)),
    sqlite_with_rowid=False,
)
