"""Dosing frequencies: every code of the event vocabulary, the words clinicians write for it
(English, Latin abbreviations and Chinese) and how many doses it gives a day."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from workstation.events.vocabulary import FREQUENCIES


@dataclass(frozen=True, slots=True)
class Frequency:
    """One frequency code: doses per day (None for as-needed), interval and display labels."""

    code: str
    doses_per_day: float | None
    interval_hours: float | None
    label_en: str
    label_zh: str
    words: tuple[str, ...]


_ZH_COUNT = {1: ("一", "1"), 2: ("两", "二", "2"), 3: ("三", "3"), 4: ("四", "4")}
_ZH_DAY = ("每日", "每天", "一日", "一天", "1日", "1天", "每1日", "日")
_ZH_HOURS = {2: "两", 4: "四", 6: "六", 8: "八", 12: "十二", 24: "二十四", 48: "四十八"}


def _times_a_day(n: int) -> tuple[str, ...]:
    """每日三次, 一日3次, 每天三次 ... for n doses a day."""
    return tuple(f"{day}{count}次" for day in _ZH_DAY for count in _ZH_COUNT[n])


def _every_hours(hours: int) -> tuple[str, ...]:
    """q6h, every 6 hours, 每6小时, 每六小时一次 ..."""
    numbers = [str(hours)] + ([_ZH_HOURS[hours]] if hours in _ZH_HOURS else [])
    chinese = [f"{every}{n}{unit}{tail}" for every in ("每", "每隔") for n in numbers
               for unit in ("小时", "h") for tail in ("", "一次", "1次")]  # fmt: skip
    return (f"q{hours}h", f"q{hours}hr", f"every {hours} hours", f"every {hours} hrs",
            f"every {hours}h", f"{hours} hourly", f"{hours}-hourly", f"{hours}hourly",
            *chinese)  # fmt: skip


def _table() -> dict[str, Frequency]:
    rows = [
        Frequency("qd", 1, 24, "once daily", "每日一次", (
            "qd", "od", "daily", "once daily", "once a day", "q24h", "qday", *_every_hours(24)[1:],
            *_times_a_day(1))),
        Frequency("bid", 2, 12, "twice daily", "每日两次", (
            "bid", "bd", "twice daily", "twice a day", "2 times daily", "two times daily", "早晚各一次", "早晚各1次",
            *_times_a_day(2))),
        Frequency("tid", 3, 8, "three times daily", "每日三次", (
            "tid", "tds", "three times daily", "three times a day", "3 times daily", "三餐前", "三餐后", "三餐时",
            "每餐前", "每餐后",
            *_times_a_day(3))),
        Frequency("qid", 4, 6, "four times daily", "每日四次", (
            "qid", "qds", "four times daily", "four times a day", "4 times daily",
            *_times_a_day(4))),
        # 每2小时一次: antiviral eye drops (阿昔洛韦滴眼液, 国家基本药物处方集 2009 基层 第二十一章)
        Frequency("q2h", 12, 2, "every 2 hours", "每2小时一次", _every_hours(2)),
        Frequency("q4h", 6, 4, "every 4 hours", "每4小时一次", _every_hours(4)),
        Frequency("q6h", 4, 6, "every 6 hours", "每6小时一次", _every_hours(6)),
        Frequency("q8h", 3, 8, "every 8 hours", "每8小时一次", _every_hours(8)),
        Frequency("q12h", 2, 12, "every 12 hours", "每12小时一次", _every_hours(12)),
        Frequency("qn", 1, 24, "at night", "每晚一次", (
            "qn", "hs", "nocte", "qhs", "at night", "at bedtime", "nightly", "bedtime", "每晚",
            "每晚一次", "每晚1次", "睡前", "睡前一次", "每晚睡前", "每日睡前", "晚上一次")),
        Frequency("qm", 1, 24, "every morning", "每晨一次", (
            "qm", "qam", "om", "every morning", "in the morning", "mane", "每晨", "每晨一次",
            "每早", "每早一次", "晨起", "每日早晨", "早上一次", "早晨一次")),
        Frequency("qod", 0.5, 48, "every other day", "隔日一次", (
            "qod", "every other day", "alternate days", "on alternate days", "q48h", "隔日",
            "隔日一次", "隔日1次", "隔天一次", "隔天", "每2日一次", "每两日一次", "每48小时",
            "每48小时一次")),
        Frequency("qw", 1 / 7, 168, "once weekly", "每周一次", (
            "qw", "qwk", "weekly", "once weekly", "once a week", "每周一次", "每周1次",
            "一周一次", "1周1次", "每周")),
        Frequency("st", 1, None, "once, immediately", "立即", (
            "st", "stat", "once", "now", "immediately", "立即", "立即执行", "即刻", "立刻",
            "临时", "临时医嘱")),
        Frequency("prn", None, None, "as needed", "必要时", (
            "prn", "as needed", "as required", "when required", "if needed", "必要时",
            "需要时", "必要时使用")),
    ]  # fmt: skip
    return {row.code: row for row in rows}


FREQUENCY_TABLE: dict[str, Frequency] = _table()
assert set(FREQUENCY_TABLE) == set(FREQUENCIES), "frequencies.py must cover vocabulary.FREQUENCIES"


def normalise_word(text: str) -> str:
    """Lower case, half-width, single spaces, without the dots of Latin abbreviations."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = "".join(
        ch for i, ch in enumerate(text) if not (ch == "." and i and text[i - 1].isalpha())
    )
    return " ".join(text.split())


FREQUENCY_WORDS: dict[str, str] = {
    normalise_word(word): row.code for row in FREQUENCY_TABLE.values() for word in row.words
}


def frequency_code(word: str) -> str | None:
    """The frequency code a written word stands for (`每日三次` -> `tid`, `b.i.d.` -> `bid`)."""
    return FREQUENCY_WORDS.get(normalise_word(word))


def frequency(code: str) -> Frequency:
    """The table row of a frequency code; KeyError for an unknown code."""
    return FREQUENCY_TABLE[code]


def doses_per_day(code: str) -> float | None:
    """Doses a day for a frequency code (None for PRN: as many as the order allows)."""
    return FREQUENCY_TABLE[code].doses_per_day
