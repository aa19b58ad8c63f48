"""The shape bounds of a payload hold wherever the offending member sits: first or last among
its siblings, beside containers or inside them, as a key or as a value."""

from __future__ import annotations

import math

import pytest

from workstation.events.shape import ShapeLimits, shape_problem

SMALL = ShapeLimits(depth=3, items=8, text=20, key_length=5)


def _placed(bad: object) -> list[object]:
    """The bad value first, last and nested among ordinary members."""
    ordinary = {"a": 1, "b": None, "c": True, "d": "x", "e": 2.5}
    return [
        {"bad": bad, **ordinary},
        {**ordinary, "bad": bad},
        {"n": [False, {"m": [None, bad]}], **ordinary},
        [bad, 1, "x"],
        bad,
    ]


@pytest.mark.parametrize(
    ("bad", "phrase"),
    [
        ("a\x00b", "must not contain a NUL character"),
        (math.nan, "must not contain NaN or infinity"),
        (-math.inf, "must not contain NaN or infinity"),
        (2**53, "integers must lie within"),
        (-(2**53), "integers must lie within"),
        (b"bytes", "holds a bytes, which is not a JSON value"),
        ({1, 2}, "holds a set, which is not a JSON value"),
        ({"k\x00": 1}, "must not contain a NUL character"),
        ({3: "v"}, "has an object key that is not text"),
    ],
)
def test_a_bad_member_is_found_wherever_it_sits(bad, phrase):
    for payload in _placed(bad):
        found = shape_problem(payload)
        assert found is not None and phrase in found, (payload, found)


def test_ordinary_members_pass():
    payload = {"a": 1, "b": None, "c": True, "d": False, "e": 2.5, "f": [1, "x", {"g": []}]}
    assert shape_problem(payload) is None
    assert shape_problem(2**53 - 1) is None and shape_problem("text") is None


def test_the_limits_count_every_level():
    assert shape_problem({"a": {"b": {"c": 1}}}, SMALL) is None
    assert "deeper than 3" in (shape_problem({"a": {"b": {"c": {}}}}, SMALL) or "")
    assert shape_problem({"a": [1, 2, 3], "b": [4, 5]}, SMALL) is None  # 7 members and elements
    assert "more than 8 members" in (shape_problem({"a": [1, 2, 3], "b": [4, 5, [6]]}, SMALL) or "")
    assert "longer than 5" in (shape_problem({"a": {"abcdef": 1}}, SMALL) or "")
    assert shape_problem({"a": "x" * 19}, SMALL) is None  # 20 characters with the key
    too_long = "more than 20 characters of text"
    assert too_long in (shape_problem({"a": "x" * 20}, SMALL) or "")
    assert too_long in (shape_problem([["x" * 10], ["y" * 11]], SMALL) or "")
    assert too_long in (
        shape_problem({"abcde": {"fghij": {"klmno": {}}}, "pqrst": 0, "u": 1}, ShapeLimits(text=20))
        or ""
    )
    assert too_long in (shape_problem("x" * 21, SMALL) or "")
