"""A usage record: what the station sends about how it is used, never about a patient.

Every field is a code-made identifier (an action id, a screen's class name, an exception type, a
code location), a number or a time. There is no field a person types into: a record that carries
anything else is refused by `validate_record` on both sides."""

from __future__ import annotations

import re
import uuid
from dataclasses import asdict, dataclass
from types import TracebackType
from typing import Any

KINDS = frozenset(
    {"login", "logout", "lock", "unlock", "action", "screen", "error", "failure", "sync", "catalog"}
)
NAME = re.compile(r"^[A-Za-z0-9_.:+\-/\\,=]{1,80}$")  # ASCII identifiers: no name, no sentence
VERSION = re.compile(r"^[A-Za-z0-9_.+\-]{1,32}$")
FUNCTION = re.compile(r"^[A-Za-z_<>][A-Za-z0-9_<>.]{0,79}$")
FILE = re.compile(r"^[A-Za-z0-9_.\-/]{1,120}$")
MAX_FRAMES = 30
MAX_COUNT = 1_000_000
MAX_DURATION_MS = 24 * 3600 * 1000
TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
_PACKAGES = ("workstation", "offline_cache", "ui", "tests", "bench")


class InvalidRecord(ValueError):
    """A usage record with a field outside its bounds."""


@dataclass(frozen=True, slots=True)
class UsageRecord:
    """One usage record as it travels (the user and device come from the token, not from here)."""

    record_id: str
    kind: str
    name: str
    at: str
    version: str
    screen: str | None = None
    count: int = 0
    duration_ms: int = 0
    frames: tuple[tuple[str, int, str], ...] = ()

    def wire(self) -> dict[str, Any]:
        """The JSON object sent to the server."""
        data = asdict(self)
        data["frames"] = [list(f) for f in self.frames]
        return data


def _text(
    data: dict[str, Any], key: str, pattern: re.Pattern[str], *, optional: bool = False
) -> Any:
    value = data.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not pattern.match(value):
        raise InvalidRecord(f"{key} is missing or not an identifier")
    return value


def _number(data: dict[str, Any], key: str, largest: int) -> int:
    value = data.get(key, 0)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= largest:
        raise InvalidRecord(f"{key} must be a whole number from 0 to {largest}")
    return value


def _frames(value: Any) -> tuple[tuple[str, int, str], ...]:
    if not isinstance(value, list) or len(value) > MAX_FRAMES:
        raise InvalidRecord(f"frames must be a list of at most {MAX_FRAMES} code locations")
    frames = []
    for frame in value:
        if not (isinstance(frame, list | tuple) and len(frame) == 3):
            raise InvalidRecord("a frame is [file, line, function]")
        file, line, function = frame
        if not (isinstance(file, str) and FILE.match(file) and isinstance(function, str)
                and FUNCTION.match(function) and isinstance(line, int) and 0 <= line < 10**6):  # fmt: skip
            raise InvalidRecord("a frame is [file, line, function] of code")
        frames.append((file, line, function))
    return tuple(frames)


def validate_record(data: Any) -> UsageRecord:
    """The record in `data`, checked field by field; InvalidRecord naming the first bad field."""
    if not isinstance(data, dict):
        raise InvalidRecord("a record is a JSON object")
    unknown = set(data) - set(UsageRecord.__slots__)
    if unknown:
        raise InvalidRecord(f"unknown fields: {', '.join(sorted(unknown))[:100]}")
    record_id = data.get("record_id")
    try:
        uuid.UUID(str(record_id))
    except ValueError:
        raise InvalidRecord("record_id must be a UUID") from None
    if not isinstance(record_id, str) or len(record_id) != 36:
        raise InvalidRecord("record_id must be a UUID")
    kind = data.get("kind")
    if kind not in KINDS:
        raise InvalidRecord("kind is not a usage record kind")
    at = data.get("at")
    if not isinstance(at, str) or not TIME.match(at):
        raise InvalidRecord("at must be an ISO 8601 time with its offset")
    return UsageRecord(
        record_id=record_id, kind=kind, name=_text(data, "name", NAME), at=at,
        version=_text(data, "version", VERSION), screen=_text(data, "screen", NAME, optional=True),
        count=_number(data, "count", MAX_COUNT), duration_ms=_number(data, "duration_ms", MAX_DURATION_MS),
        frames=_frames(data.get("frames", [])),
    )  # fmt: skip


def code_file(path: str) -> str:
    """A source file named from its package (`ui/screens/chart/view.py`), never the folder it is
    installed in (which may hold a user's name); other files by their base name."""
    parts = re.split(r"[\\/]", path)
    for index, part in enumerate(parts):
        if part in _PACKAGES and index < len(parts) - 1:
            return "/".join(parts[index:])[-120:]
    name = parts[-1] or "?"
    return re.sub(r"[^A-Za-z0-9_.\-]", "_", name)[:120]


def code_frames(tb: TracebackType | None) -> tuple[tuple[str, int, str], ...]:
    """The code locations of a traceback, innermost last: file, line, function. Nothing else of a
    frame is read (no locals, no arguments, no source line)."""
    frames: list[tuple[str, int, str]] = []
    while tb is not None:
        code = tb.tb_frame.f_code
        function = code.co_name if FUNCTION.match(code.co_name) else "?"
        frames.append((code_file(code.co_filename), tb.tb_lineno or 0, function))
        tb = tb.tb_next
    return tuple(frames[-MAX_FRAMES:])


def error_name(kind: type[BaseException]) -> str:
    """The exception's type as `module.Name` (its message is never kept)."""
    name = f"{kind.__module__}.{kind.__qualname__}"
    return name if NAME.match(name) else "UnnamedError"
