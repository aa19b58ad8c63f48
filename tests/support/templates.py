"""Initialised server databases made once per run and copied for each test.

`initialise` (every migration, the shipped formulary, the directory) costs a test a third of a
second of CPU on SQLite and more on PostgreSQL; hundreds of tests start from that same state. The
template is built once by the real `initialise`, then copied: on SQLite with the backup API, on
PostgreSQL with `CREATE DATABASE ... TEMPLATE`. Each copy gets its own new epoch, as a database
initialised on its own would, so no two tests share a server identity.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine

from workstation.server import meta
from workstation.server.db import make_engine, writer
from workstation.server.setup import initialise


def build_template(url: str) -> None:
    """Initialise the (empty) database at url as the template, and close every connection to it."""
    engine = make_engine(url)
    try:
        initialise(engine)
    finally:
        engine.dispose()


def copy_sqlite(template: Path, target: Path) -> None:
    """Copy the SQLite template into a new file, consistently (the backup API, page by page)."""
    if target.exists():
        raise FileExistsError(f"not a new database file: {target}")
    source = sqlite3.connect(template)
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()


def new_identity(engine: Engine) -> str:
    """Give a copied database its own epoch (the template's is shared by every copy)."""
    with writer(engine) as conn:
        return meta.new_epoch(conn)
