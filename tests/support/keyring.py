"""The test suite's keyring: a file the test owns, accepted by the keystore in this process only.

A real station refuses a plaintext keyring whatever its configuration says (offline_cache.keystore);
tests, benchmarks and the chaos workers (child processes) call `use_test_keyring` themselves, in-process,
which no file or environment variable a user could set can do for a station.
"""

from __future__ import annotations

from pathlib import Path

from keyrings.alt.file import PlaintextKeyring

from offline_cache import keystore

ENV_FILE = "CW_TEST_KEYRING_FILE"  # read only by the test workers (tests/chaos/ws_worker.py)


def use_test_keyring(file: Path) -> PlaintextKeyring:
    """Keep this process's replica keys and refresh tokens in `file`, accepted by the keystore."""
    backend = PlaintextKeyring()
    backend.file_path = str(file)
    keystore.accept_backend(backend)
    return backend
