"""The schema moves only by migration: head matches the models, and it goes down and up cleanly."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from workstation.server import schema
from workstation.server.db import make_engine
from workstation.server.models import ALL_METADATA

ALEMBIC_TABLE = "alembic_version"


@pytest.fixture
def empty_engine(database_url: str) -> Iterator[Engine]:
    """An engine on a brand-new, empty database."""
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


def _model_tables() -> set[str]:
    return {name for metadata in ALL_METADATA for name in metadata.tables}


def _tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names()) - {ALEMBIC_TABLE}


def test_upgrade_to_head_creates_every_model_table(empty_engine: Engine) -> None:
    assert _tables(empty_engine) == set()
    schema.upgrade(empty_engine)
    assert _tables(empty_engine) == _model_tables()
    assert schema.current_revision(empty_engine) == schema.head_revision()
    assert schema.is_current(empty_engine)


def test_head_schema_has_no_difference_from_the_models(empty_engine: Engine) -> None:
    schema.upgrade(empty_engine)
    with empty_engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, ALL_METADATA)  # type: ignore[arg-type]
    assert differences == [], f"migrations and models disagree: {differences}"


def test_downgrade_to_base_leaves_no_tables_and_upgrades_again(empty_engine: Engine) -> None:
    schema.upgrade(empty_engine)
    schema.downgrade(empty_engine, "base")
    assert _tables(empty_engine) == set()
    assert schema.current_revision(empty_engine) is None
    assert not schema.is_current(empty_engine)

    schema.upgrade(empty_engine)
    assert _tables(empty_engine) == _model_tables()
    assert schema.is_current(empty_engine)
