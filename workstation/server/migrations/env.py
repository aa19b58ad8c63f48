"""Alembic environment: migrations run on the connection handed over by workstation.server.schema."""

from __future__ import annotations

from alembic import context

from workstation.server.models import ALL_METADATA

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "run migrations through workstation.server.schema, which passes a connection"
    )

context.configure(
    connection=connection,
    target_metadata=ALL_METADATA,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
