"""The Qt-free checks of `workstation --self-test`: an installed station proves, without a
server and without a display, that its encrypted replica opens and that it prints Chinese.

Each check returns a Check; none raises. The replica check uses a throwaway key in a
throwaway in-memory keyring inside a temporary folder: the station's own keyring and data are
never touched.
"""

from __future__ import annotations

import base64
import contextlib
import re
import secrets
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend
from sqlalchemy import text

from offline_cache import keystore
from offline_cache.replica import open_replica
from workstation.clinical.schedule import AdministrationTimes
from workstation.reports import fonts
from workstation.reports.context import Hospital, PrintContext
from workstation.reports.page import build_pdf, para, styles

CHINESE_SAMPLE = "临床工作站自检：中文打印"
_PLAIN_SQLITE = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Check:
    """One self-test result: what was checked, whether it passed, and what was seen."""

    name: str
    ok: bool
    detail: str

    def line(self) -> str:
        """`ok  name: detail` or `FAIL name: detail`."""
        return f"{'ok  ' if self.ok else 'FAIL '}{self.name}: {self.detail}"


def run_check(name: str, check: Callable[[], str]) -> Check:
    """Run one check; its return value is the detail, any exception a failure."""
    try:
        return Check(name, True, check())
    except Exception as exc:  # noqa: BLE001 - a self-test reports every failure, it never crashes
        return Check(name, False, f"{type(exc).__name__}: {exc}")


class ThrowawayKeyring(KeyringBackend):
    """A keyring in memory, for the self-test's throwaway replica only."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        """The stored secret, or None."""
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        """Store a secret in memory."""
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        """Forget a secret."""
        self.secrets.pop((service, username), None)


@contextlib.contextmanager
def throwaway_keyring() -> Iterator[ThrowawayKeyring]:
    """Use an in-memory keyring for the duration; the one before is put back afterwards."""
    before = keyring.get_keyring()
    backend = ThrowawayKeyring()
    keystore.accept_backend(backend)  # in-process only: a real station never accepts it
    try:
        yield backend
    finally:
        keystore.forget_accepted_backends(backend)
        keyring.set_keyring(before)


def check_replica(folder: Path) -> str:
    """Make an encrypted replica with a throwaway key, close it, open it again with the key
    from the (throwaway) keyring and read it; the file on disk must not be plain SQLite."""
    path = Path(folder) / "self-test-replica.db"
    device_id = f"self-test-{secrets.token_hex(4)}"
    with throwaway_keyring() as backend:
        engine = open_replica(path, device_id)
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE self_test (word TEXT)"))
            conn.execute(text("INSERT INTO self_test VALUES (:w)"), {"w": CHINESE_SAMPLE})
        engine.dispose()
        if not backend.secrets:
            raise RuntimeError("the replica key was not kept in the keyring")
        engine = open_replica(path, device_id, create=False)
        try:
            with engine.connect() as conn:
                word = conn.execute(text("SELECT word FROM self_test")).scalar_one()
                cipher = conn.execute(text("PRAGMA cipher_version")).scalar()
        finally:
            engine.dispose()
    if word != CHINESE_SAMPLE:
        raise RuntimeError(f"read back {word!r}, wrote {CHINESE_SAMPLE!r}")
    if path.read_bytes()[:16] == _PLAIN_SQLITE:
        raise RuntimeError(f"{path.name} is a plain SQLite file, not encrypted")
    return (
        f"SQLCipher {cipher} replica made, reopened with its key and read back (encrypted on disk)"
    )


def _pdf_objects(pdf: bytes) -> dict[int, tuple[bytes, bytes]]:
    """Object number -> (dictionary, decoded stream) of a PDF written without object streams."""
    objects: dict[int, tuple[bytes, bytes]] = {}
    for match in re.finditer(rb"(\d+) 0 obj\s(.*?)endobj", pdf, re.S):
        head, _, rest = match.group(2).partition(b"stream")
        data = rest.lstrip(b"\r\n").rsplit(b"endstream", 1)[0] if rest else b""
        if b"/ASCII85Decode" in head:
            data = base64.a85decode(data.strip().removeprefix(b"<~").removesuffix(b"~>"))
        if b"/FlateDecode" in head:
            data = zlib.decompress(data)
        objects[int(match.group(1))] = (head, data)
    return objects


def _ref(head: bytes, key: bytes) -> int | None:
    match = re.search(rb"/" + key + rb"\s+(\d+) 0 R", head)
    return int(match.group(1)) if match else None


def embedded_cjk_fonts(pdf: bytes, sample: str) -> list[tuple[str, int]]:
    """(font name, embedded font file bytes) of each font in the PDF that is embedded and whose
    ToUnicode map covers every character of sample."""
    objects = _pdf_objects(pdf)
    wanted = {f"{ord(char):04x}" for char in sample if ord(char) > 0x2E7F}
    found: list[tuple[str, int]] = []
    for head, _ in objects.values():
        name = re.search(rb"/BaseFont\s*/([^\s/>\[]+)", head)
        descriptor, to_unicode = _ref(head, b"FontDescriptor"), _ref(head, b"ToUnicode")
        if not (name and b"/Type /Font" in head and descriptor and to_unicode):
            continue
        file_ref = _ref(objects.get(descriptor, (b"", b""))[0], b"FontFile2")
        embedded = objects.get(file_ref, (b"", b""))[1] if file_ref else b""
        mapped = set(re.findall(rb"<([0-9a-f]{4})>", objects[to_unicode][1].lower()))
        if embedded and wanted <= {code.decode() for code in mapped}:
            found.append((name.group(1).decode(), len(embedded)))
    return found


def check_chinese_pdf() -> str:
    """Render a Chinese document with the report code; the shipped CJK font must be embedded
    and map the Chinese characters (no dependency on the computer's own fonts)."""
    if not fonts.FONT_FILE.is_file():
        raise FileNotFoundError(f"the shipped CJK font is missing: {fonts.FONT_FILE}")
    ctx = PrintContext(
        "zh_CN", "自检", datetime.now(UTC), Hospital.load(), AdministrationTimes.load()
    )
    pdf = build_pdf(ctx, [para(CHINESE_SAMPLE, styles(ctx).body)], title="自检")
    found = embedded_cjk_fonts(pdf, CHINESE_SAMPLE + ctx.hospital_name)
    if not found:
        raise RuntimeError("no embedded font in the PDF maps the Chinese text")
    name, size = found[0]
    return f"Chinese PDF ({len(pdf)} bytes) embeds {name} ({size} bytes) from {fonts.FONT_FILE}"


def core_checks(folder: Path) -> list[Check]:
    """The replica and printing checks; folder is a temporary folder the caller removes."""
    return [
        run_check("replica", lambda: check_replica(folder)),
        run_check("pdf", check_chinese_pdf),
    ]
