"""UUIDv7 ids, ISO timestamps and the name search keys."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest

from workstation import ids
from workstation.clock import iso, now_iso, parse_iso, utc_now
from workstation.domain.names import search_initials, search_pinyin
from workstation.ids import is_uuid, uuid7


def test_uuid7_has_version_7_and_rfc_variant():
    for _ in range(200):
        value = uuid.UUID(uuid7())
        assert value.version == 7
        assert value.variant == uuid.RFC_4122


def test_uuid7_carries_the_unix_milliseconds(monkeypatch):
    millis = 1_709_280_000_123
    monkeypatch.setattr(ids.time, "time_ns", lambda: millis * 1_000_000 + 999_999)
    assert uuid.UUID(uuid7()).int >> 80 == millis


def test_uuid7_is_time_ordered(monkeypatch):
    moments = iter(range(1_709_280_000_000, 1_709_280_000_500))
    monkeypatch.setattr(ids.time, "time_ns", lambda: next(moments) * 1_000_000)
    made = [uuid7() for _ in range(500)]
    assert made == sorted(made)
    assert len(set(made)) == 500


def test_uuid7_made_now_sorts_after_one_made_earlier():
    earlier = uuid7()
    later_millis = (uuid.UUID(earlier).int >> 80) + 1
    deadline = utc_now() + timedelta(seconds=2)
    while time_millis() < later_millis and utc_now() < deadline:
        pass
    assert uuid7() > earlier


def time_millis() -> int:
    """The current Unix time in milliseconds, as uuid7 reads it."""
    return ids.time.time_ns() // 1_000_000


def test_uuid7_is_canonical_and_unique():
    made = {uuid7() for _ in range(2000)}
    assert len(made) == 2000
    assert all(is_uuid(value) for value in made)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0190b8e2-7c3a-7d1e-9f00-0123456789ab", True),
        ("0190B8E2-7C3A-7D1E-9F00-0123456789AB", False),
        ("0190b8e27c3a7d1e9f000123456789ab", False),
        ("{0190b8e2-7c3a-7d1e-9f00-0123456789ab}", False),
        ("urn:uuid:0190b8e2-7c3a-7d1e-9f00-0123456789ab", False),
        ("not a uuid", False),
        ("", False),
        (None, False),
        (123, False),
    ],
)
def test_is_uuid_accepts_only_the_canonical_form(text, expected):
    assert is_uuid(text) is expected


def test_iso_is_utc_with_milliseconds_and_z():
    moment = datetime(2024, 3, 1, 16, 5, 9, 123_999, tzinfo=timezone(timedelta(hours=8)))
    assert iso(moment) == "2024-03-01T08:05:09.123Z"


def test_iso_round_trips_through_parse_iso():
    text = now_iso()
    assert iso(parse_iso(text)) == text
    assert parse_iso(text).tzinfo is not None


def test_parse_iso_takes_naive_times_as_utc():
    assert parse_iso("2024-03-01T08:00:00") == datetime(2024, 3, 1, 8, tzinfo=UTC)
    assert parse_iso("2024-03-01T16:00:00+08:00") == datetime(2024, 3, 1, 8, tzinfo=UTC)


def test_parse_iso_refuses_nonsense():
    with pytest.raises(ValueError):
        parse_iso("yesterday")


def test_iso_strings_sort_in_time_order():
    start = datetime(2024, 12, 31, 23, 59, 59, 999_000, tzinfo=UTC)
    moments = [start + timedelta(milliseconds=n * 7) for n in range(50)]
    texts = [iso(m) for m in moments]
    assert texts == sorted(texts)


@pytest.mark.parametrize(
    ("name", "initials", "pinyin"),
    [
        ("张三", "zs", "zhangsan"),
        ("李小明", "lxm", "lixiaoming"),
        ("Mary Ann Smith", "mas", "maryannsmith"),
        ("O'Brien, Pat", "obp", "obrienpat"),
    ],
)
def test_name_search_keys(name, initials, pinyin):
    assert search_initials(name) == initials
    assert search_pinyin(name) == pinyin
