"""The words of an order sentence: routes, frequencies, PRN, form words, and the scanner that
splits the text after the drug name into tokens (dose, duration, route, frequency...)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from workstation.clinical.formulary import unit_words
from workstation.clinical.frequencies import FREQUENCY_WORDS

ROUTE_WORDS: dict[str, str] = {
    **dict.fromkeys(("po", "oral", "orally", "by mouth", "口服", "口服给药", "嚼服", "冲服"), "po"),
    **dict.fromkeys(("iv", "ivp", "iv push", "iv bolus", "intravenous", "intravenously", "静注",
                     "静推", "静脉注射", "静脉推注", "静脉推", "缓慢静注", "缓慢静推"), "iv"),
    **dict.fromkeys(("ivgtt", "iv gtt", "iv drip", "ivdrip", "ivd", "iv infusion", "infusion",
                     "静滴", "静脉滴注", "静点", "静脉输液", "输液", "滴注",
                     # syringe pump: a continuous infusion
                     "泵入", "微泵", "微泵泵入", "微量泵", "微量泵泵入", "静脉泵入", "持续泵入"),
                    "ivgtt"),
    **dict.fromkeys(("im", "intramuscular", "intramuscularly", "肌注", "肌肉注射", "肌内注射"), "im"),
    **dict.fromkeys(("sc", "sq", "subq", "subcut", "subcutaneous", "subcutaneously", "ih", "h",
                     "皮下", "皮下注射"), "sc"),
    **dict.fromkeys(("sl", "sublingual", "sublingually", "舌下", "舌下含服", "含服", "舌下含化"), "sl"),
    **dict.fromkeys(("inh", "inhaled", "inhalation", "inhal", "吸入", "气雾吸入", "喷吸"), "inh"),
    **dict.fromkeys(("neb", "nebulised", "nebulized", "nebuliser", "nebulizer", "雾化",
                     "雾化吸入"), "neb"),
    **dict.fromkeys(("pr", "rectal", "rectally", "per rectum", "直肠", "直肠给药", "塞肛", "纳肛",
                     "肛塞", "肛门给药"), "pr"),
    **dict.fromkeys(("top", "topical", "topically", "外用", "局部", "外敷", "外涂", "涂抹"), "top"),
    **dict.fromkeys(("id", "intradermal", "皮内", "皮内注射"), "id"),
    **dict.fromkeys(("pv", "vaginal", "vaginally", "阴道", "阴道给药", "阴道用"), "pv"),
    **dict.fromkeys(("ng", "via ng", "ng tube", "鼻饲", "胃管", "胃管注入"), "ng"),
    **dict.fromkeys(("epidural", "epidurally", "硬膜外", "硬膜外注射", "硬膜外给药", "硬膜外泵入",
                     "硬膜外镇痛"), "epidural"),
    **dict.fromkeys(("infil", "infiltration", "local infiltration", "局部浸润", "浸润麻醉",
                     "局部浸润麻醉", "局部注射"), "infil"),
    **dict.fromkeys(("eye", "ophthalmic", "eye drops", "滴眼", "点眼", "涂眼", "眼用"), "eye"),
    **dict.fromkeys(("ear", "otic", "ear drops", "滴耳", "耳用"), "ear"),
    **dict.fromkeys(("nasal", "intranasal", "nasally", "滴鼻", "喷鼻", "鼻喷", "鼻用"), "nasal"),
}  # fmt: skip

# presentation and salt words written after a drug name; they do not change the order
FORM_WORDS = (
    "tab", "tabs", "tablet", "tablets", "cap", "caps", "capsule", "capsules", "inj", "injection",
    "sr", "er", "cr", "xl", "mr", "ec", "片", "胶囊", "注射液", "针", "粉针", "注射剂", "缓释片",
    "控释片", "肠溶片", "肠溶胶囊", "分散片", "颗粒", "口服液", "混悬液", "气雾剂", "栓", "钠", "钾",
    "钙", "片剂", "针剂", "静脉用", "缓释", "控释", "肠溶", "缓释胶囊", "控释胶囊", "软胶囊", "胶丸",
    "滴丸", "干混悬剂", "冻干粉", "粉针剂", "琥珀酸钠", "磷酸钠", "琥珀酸", "磷酸", "盐酸盐",
    "酯", "sulphate", "sulfate", "hydrochloride", "hcl", "sodium", "potassium", "calcium", "tartrate",
    "succinate", "phosphate", "mesylate", "besylate", "maleate", "citrate", "长期", "长期医嘱",
    "bisulfate", "bisulphate", "hydrobromide", "fumarate", "acetate", "magnesium", "hyclate",
    "monohydrate", "dihydrate", "trihydrate", "disodium", "tromethamine", "钙片", "钠片", "钾片",
    # eye, ear, nose and skin products (氯霉素滴眼液): the route says where it goes
    "滴眼液", "滴眼剂", "眼膏", "眼用凝胶", "滴耳液", "滴耳剂", "滴鼻液", "鼻喷雾剂", "乳膏", "软膏",
    # a premixed infusion named with its carrier (盐酸左氧氟沙星氯化钠注射液)
    "氯化钠注射液", "葡萄糖注射液",
)  # fmt: skip
# Instructions for the nurse and the pharmacy that change no structured field but must reach them
# (the order's description carries them): a skin test before a penicillin, the patient's own
# supply (not dispensed), and when or how to give it (TIMING_WORDS, clock times).
NOTE_WORDS = ("皮试", "皮试阴性", "皮试后", "皮试-", "需皮试", "自备", "自备药")
TIMING_WORDS = (
    "ac", "pc", "with meals", "with food", "before meals", "after meals", "餐前", "餐后", "饭前",
    "饭后", "餐中", "随餐", "空腹", "早餐前", "早餐后", "早餐时", "晚餐前", "晚餐后", "晚餐时",
    "晨起空腹", "早饭前", "早饭后", "before breakfast", "after breakfast", "with breakfast",
    "早上", "上午", "中午", "下午", "晚上", "晨服", "晚服", "睡前服", "顿服", "术前", "术中", "术后",
    "术前30分钟", "术前半小时", "术前1小时", "pre-op", "preop", "post-op", "postop", "早晚餐前",
    "早晚餐后", "早晚饭前", "早晚饭后", "快速", "缓慢", "慢滴", "快滴", "避光",
)  # fmt: skip
# a second order on the same line (`0.2g tid ×7天 后改 0.2g qd`): refused, one order per line
SEQUENCE_WORDS = ("then", "followed by", "后改", "改为", "之后改", "然后")
LEADING_ZH = ("注射用", "盐酸", "硫酸氢", "硫酸", "酒石酸", "马来酸", "甲磺酸", "苯磺酸", "枸橼酸",
              "琥珀酸", "富马酸", "醋酸", "磷酸")  # fmt: skip
# `/次`, `每次`, `一次` mark the dose of one administration (`0.5g/次`, `一次0.5g 一日3次`)
_FILLERS = ("for", "x", "×", "共", "用", "连用", "连续", "持续", "疗程", "and", ",", ";",
            "滴速", "速度", "at", "rate", "/次", "每次", "一次")  # fmt: skip

# Carrier fluids of a compound infusion line (`NS 100ml + 头孢曲松 2g ivgtt qd`): code -> names.
VEHICLES: dict[str, tuple[str, str]] = {
    "ns": ("0.9% sodium chloride", "0.9%氯化钠注射液"),
    "gs5": ("5% glucose", "5%葡萄糖注射液"),
    "gs10": ("10% glucose", "10%葡萄糖注射液"),
    "gns": ("5% glucose in 0.9% sodium chloride", "葡萄糖氯化钠注射液"),
    "lr": ("lactated Ringer's", "乳酸钠林格注射液"),
}
VEHICLE_WORDS: dict[str, str] = {
    **dict.fromkeys(("ns", "0.9%ns", "normal saline", "saline", "0.9% saline", "0.9% nacl",
                     "0.9%nacl", "nacl", "0.9% sodium chloride", "sodium chloride 0.9%",
                     "sodium chloride", "生理盐水", "盐水", "0.9%氯化钠", "0.9%氯化钠注射液",
                     "氯化钠注射液", "氯化钠"), "ns"),
    **dict.fromkeys(("gs", "5%gs", "5% gs", "d5w", "5% glucose", "5% dextrose", "glucose 5%",
                     "5%葡萄糖", "5%葡萄糖注射液", "葡萄糖注射液", "葡萄糖", "5%gs液"), "gs5"),
    **dict.fromkeys(("10%gs", "10% gs", "d10w", "10% glucose", "10% dextrose", "10%葡萄糖",
                     "10%葡萄糖注射液"), "gs10"),
    **dict.fromkeys(("gns", "5%gns", "d5ns", "葡萄糖氯化钠", "5%葡萄糖氯化钠", "葡萄糖氯化钠注射液",
                     "糖盐水"), "gns"),
    **dict.fromkeys(("lr", "ringer's lactate", "lactated ringer's", "hartmann's", "乳酸林格",
                     "乳酸钠林格", "乳酸林格液", "林格液", "林格"), "lr"),
}  # fmt: skip

_NUMBER = r"(\d+(?:\.\d+)?|\.\d+)"
_UNIT = "|".join(re.escape(u) for u in unit_words())
DOSE = re.compile(rf"{_NUMBER}\s*(万)?\s*(?:({_UNIT})(?![a-z]))?")
PERCENT = re.compile(rf"{_NUMBER}\s*%")
DURATION = re.compile(
    r"(?:(?:x|×|\*|共|连用|连续|持续|用|for|疗程)\s*)?(\d+)\s*"
    r"(days?|d|天|日|weeks?|wks?|w|周)(?![a-z])"
)
_WEEK_WORDS = ("week", "weeks", "wk", "wks", "w", "周")
# British `5/7` (five days) and `2/52` (two weeks)
DURATION_FRACTION = re.compile(r"(\d+)\s*/\s*(7|52)(?!\d)")
# a clock time (`22:00`, `晚8点`): when the nurse gives it, not part of the structured order
CLOCK_TIME = re.compile(
    r"\d{1,2}\s*:\s*\d{2}|[早晚上下中午]*\d{1,2}\s*点(?:钟)?|\d{1,2}\s*(?:am|pm)(?![a-z])"
)
# a pack size copied from the hospital system (`0.25g*24粒`, `100mg×30片`): not a dose
PACK_SIZE = re.compile(rf"{_NUMBER}\s*(?:{_UNIT})\s*[*×x]\s*\d+\s*(?:{_UNIT})")
# infusion rate: `100ml/h`, `40滴/分`; kept beside the order for the nurse, not checked
RATE_UNITS: dict[str, str] = {
    **dict.fromkeys(("ml/h", "ml/hr", "ml/hour", "毫升/小时", "ml/小时"), "mL/h"),
    **dict.fromkeys(("滴/分", "滴/分钟", "滴/min", "gtt/min", "drops/min", "d/min"), "drops/min"),
}  # fmt: skip
# `over 20 min`, `30分钟内`: how long an infusion or slow injection runs, kept as a rate in min
OVER = re.compile(r"(?:over|in)\s*(\d+)\s*(?:min|mins|minutes)(?![a-z])|(\d+)\s*分钟(?:内|以上)?")
# refused with a clear message: a dose range (`2-4mg`), a weight-based dose (`1mg/kg`) and a
# number of doses (`q12h ×3次`) where a duration in days belongs
RANGE = re.compile(rf"{_NUMBER}\s*(?:-|~|～|至|到)\s*{_NUMBER}\s*(?:({_UNIT})(?![a-z]))?")
PER_KG = re.compile(rf"{_NUMBER}\s*({_UNIT})\s*/\s*kg(?![a-z])")
DOSE_COUNT = re.compile(r"(?:x|×|\*|共)\s*(\d+)\s*(?:次|doses?)(?![a-z])")
RATE = re.compile(
    rf"{_NUMBER}\s*({'|'.join(re.escape(u) for u in sorted(RATE_UNITS, key=len, reverse=True))})"
)
INTERVAL = re.compile(
    r"(?:q\s*(\d+)\s*h(?:rs?|ours?)?|每\s*(\d+)\s*(?:小时|h))(?![a-z])"
    # n times a day beyond the vocabulary's qid (`5 times daily`, `每日5次`)
    r"|(\d+)\s*times\s*(?:daily|a day|per day)|(?:每日|每天|一日|日)\s*(\d+)\s*次"
)


@dataclass(frozen=True, slots=True)
class Token:
    """One piece of the sentence after the drug name."""

    kind: str  # dose, duration, rate, percent, route, frequency, form, instruction, filler,
    # interval, range, per_kg, dose_count, sequence, unknown
    text: str
    value: float | None = None
    unit: str | None = None
    code: str | None = None


def _vocabulary() -> dict[str, list[tuple[str, str, str]]]:
    """Written word -> (word, kind, code), grouped by first character, longest first."""
    words: dict[str, tuple[str, str]] = {}
    words.update({w: ("form", w) for w in FORM_WORDS})
    words.update({w: ("instruction", w) for w in (*NOTE_WORDS, *TIMING_WORDS)})
    words.update({w: ("sequence", w) for w in SEQUENCE_WORDS})
    words.update({w: ("frequency", code) for w, code in FREQUENCY_WORDS.items()})
    words.update({w: ("route", code) for w, code in ROUTE_WORDS.items()})
    grouped: dict[str, list[tuple[str, str, str]]] = {}
    for word in sorted(words, key=len, reverse=True):
        grouped.setdefault(word[0], []).append((word, *words[word]))
    return grouped


_VOCABULARY = _vocabulary()
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN_RUN = re.compile(r"[a-zμ][a-z0-9μ\-]*")
_LIST_NUMBER = re.compile(r"^\s*\d{1,2}\s*(?:[、)]|\.(?!\d))\s*")


def normalise_sentence(sentence: str) -> str:
    """NFKC (full-width to half-width), lower case, Latin abbreviation dots and separators removed."""
    text = unicodedata.normalize("NFKC", sentence).lower().replace("µ", "μ")
    text = _LIST_NUMBER.sub("", text)  # `1. 阿莫西林...`, `2、头孢曲松...` pasted from a list
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)  # 1,000 mg
    text = re.sub(r"(?<=[a-z])\.", "", text)  # b.i.d. / p.o.
    text = re.sub(r"[,;!?。，、；！？()\[\]{}\"'“”‘’]|:(?!\d)|(?<!\d):", " ", text)  # not 22:00
    text = _GLUED.sub(_unglued, text)
    return " ".join(text.split())


# Latin words typed without spaces after a number (`47.5mgpoqd`, `0.5givgttq12h`): a run that is
# wholly a unit, routes and frequencies is split into them; anything else is left for the scanner
_GLUED = re.compile(r"(?<=\d)[a-zμ][a-z0-9μ]*")
_GLUABLE = frozenset(
    w
    for w in (*unit_words(), *ROUTE_WORDS, *FREQUENCY_WORDS)
    if w.isascii() and w.isalnum() and (len(w) > 1 or w == "g")  # not `u`, `l`, `h` alone
) | {"μg"}


def _unglued(match: re.Match[str]) -> str:
    run = match.group()
    if run in _GLUABLE:
        return run
    pieces = _split_known(run)
    return " ".join(pieces) if pieces else run


def _split_known(run: str) -> list[str] | None:
    """run as known words, longest first at each step; None when it is not wholly made of them."""
    if not run:
        return []
    for end in range(len(run), 0, -1):
        if run[:end] in _GLUABLE:
            rest = _split_known(run[end:])
            if rest is not None:
                return [run[:end], *rest]
    return None


def _ends_word(text: str, end: int) -> bool:
    return end >= len(text) or not (text[end - 1].isascii() and text[end - 1].isalpha()
                                    and text[end].isascii() and text[end].isalpha())  # fmt: skip


def vocabulary_at(text: str, pos: int) -> Token | None:
    """The longest route, frequency or form word starting at pos."""
    for word, kind, code in _VOCABULARY.get(text[pos], ()):
        if text.startswith(word, pos) and _ends_word(text, pos + len(word)):
            return Token(kind, word, code=code)
    return None


def token_at(text: str, pos: int) -> tuple[Token, int]:
    """The token starting at pos and the position after it."""
    found = vocabulary_at(text, pos)
    if found is not None:
        return found, pos + len(found.text)
    for pattern, build in _PATTERNS:
        match = pattern.match(text, pos)
        if match and match.end() > pos:
            return build(match), match.end()
    for filler in _FILLERS:
        if text.startswith(filler, pos) and _ends_word(text, pos + len(filler)):
            return Token("filler", filler), pos + len(filler)
    return _unknown_at(text, pos)


def _unknown_at(text: str, pos: int) -> tuple[Token, int]:
    """A run of text that is none of the known words: a Latin word, or Chinese up to a known word."""
    latin = _LATIN_RUN.match(text, pos)
    if latin:
        return Token("unknown", latin.group()), latin.end()
    end = pos + 1
    if _CJK.match(text, pos):
        while end < len(text) and _CJK.match(text, end) and vocabulary_at(text, end) is None:
            end += 1
    return Token("unknown", text[pos:end]), end


def _dose(match: re.Match[str]) -> Token:
    value = float(match.group(1)) * (10_000 if match.group(2) else 1)
    return Token("dose", match.group(), value=value, unit=match.group(3))


def _duration(match: re.Match[str]) -> Token:
    days = int(match.group(1)) * (7 if match.group(2) in _WEEK_WORDS else 1)
    return Token("duration", match.group(), value=days)


def _interval(match: re.Match[str]) -> Token:
    number = next(group for group in match.groups() if group)
    return Token("interval", match.group(), value=float(number))


def _duration_fraction(match: re.Match[str]) -> Token:
    days = int(match.group(1)) * (7 if match.group(2) == "52" else 1)
    return Token("duration", match.group(), value=days)


def _clock_time(match: re.Match[str]) -> Token:
    return Token("instruction", match.group())


def _pack_size(match: re.Match[str]) -> Token:
    return Token("form", match.group())


def _rate(match: re.Match[str]) -> Token:
    return Token(
        "rate", match.group(), value=float(match.group(1)), unit=RATE_UNITS[match.group(2)]
    )


def _over(match: re.Match[str]) -> Token:
    return Token("rate", match.group(), value=float(match.group(1) or match.group(2)), unit="min")


def _range(match: re.Match[str]) -> Token:
    return Token("range", match.group(), unit=match.group(3))


def _dose_count(match: re.Match[str]) -> Token:
    return Token("dose_count", match.group(), value=float(match.group(1)))


def _per_kg(match: re.Match[str]) -> Token:
    return Token("per_kg", match.group(), value=float(match.group(1)), unit=match.group(2))


def _percent(match: re.Match[str]) -> Token:
    return Token("percent", match.group(), value=float(match.group(1)))


_PATTERNS = (
    (INTERVAL, _interval), (DURATION, _duration), (DURATION_FRACTION, _duration_fraction),
    (CLOCK_TIME, _clock_time), (PACK_SIZE, _pack_size), (DOSE_COUNT, _dose_count),
    (RATE, _rate), (OVER, _over), (PER_KG, _per_kg), (RANGE, _range), (PERCENT, _percent),
    (DOSE, _dose),
)  # fmt: skip


def tokens(text: str) -> list[Token]:
    """Every token of normalised text (spaces skipped)."""
    found: list[Token] = []
    pos = 0
    while pos < len(text):
        if text[pos] == " ":
            pos += 1
            continue
        token, pos = token_at(text, pos)
        found.append(token)
        if token.kind == "frequency" and token.code == "prn":
            indication, pos = _indication_at(text, pos)
            if indication:
                found.append(indication)
    return found


_STOP_KINDS = ("route", "frequency", "duration")


def _indication_at(text: str, pos: int) -> tuple[Token | None, int]:
    """What a PRN order is for (`prn pain`, `必要时 体温>38.5℃时`): the text up to the next route,
    frequency or duration, numbers included."""
    while pos < len(text) and text[pos] == " ":
        pos += 1
    if text.startswith("for ", pos):
        pos += 4
    end = pos
    while end < len(text):
        boundary = end == pos or text[end - 1] == " " or _CJK.match(text, end)
        if boundary and token_at(text, end)[0].kind in _STOP_KINDS:
            break
        end += 1
    words = text[pos:end].strip()
    return (Token("indication", words) if words else None), end
