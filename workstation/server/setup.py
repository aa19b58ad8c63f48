"""Bring a database to a working server: schema by migration, an epoch, reference data."""

from __future__ import annotations

import json

from sqlalchemy import Engine

from workstation.resources import resource
from workstation.server import meta, refdata, schema
from workstation.server.db import writer


def initialise(engine: Engine) -> str:
    """Migrate to the newest schema, give the database an epoch and publish reference data.
    Safe to run again on an initialised database; returns the epoch."""
    schema.upgrade(engine)
    with writer(engine) as conn:
        epoch = meta.get(conn, "epoch") or meta.new_epoch(conn)
        formulary = resource("formulary", "formulary.json")
        if formulary.exists():
            refdata.publish_shipped(
                conn, "formulary", json.loads(formulary.read_text(encoding="utf-8"))
            )
        refdata.publish_directory(conn)
    return epoch
