"""Fixtures shared by the integration tests of printing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from workstation.server.db import make_engine
from workstation.server.demo import load_demo
from workstation.server.setup import initialise


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Engine, str]]:
    """The demo ward, loaded once for the module, and the file URL of its database."""
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'server.db'}"
    engine = make_engine(url)
    initialise(engine)
    load_demo(engine)
    yield engine, url
    engine.dispose()
