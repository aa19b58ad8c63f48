"""Name search keys: pinyin initials for Chinese names (`zs` finds 张三), word initials otherwise.

A surname is read as a surname (曾 zeng, 单 shan, 仇 qiu, 区 ou, 查 zha, 解 xie, 朴 piao, 盖 ge,
乐 yue ...), not with the reading the character has in ordinary words; `name_readings` lists every
reading of a name whose characters have several, the surname reading first."""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

_CJK = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f]")
_MOST_READINGS = 16  # a name of polyphonic characters: the first readings, not every product

# Surnames read otherwise than in ordinary words (《百家姓》 readings, GB/T 28039-2011 汉语拼音
# 正词法 for personal names). Compound surnames first: they are matched before single ones.
SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    "尉迟": ("yu", "chi"), "万俟": ("mo", "qi"), "单于": ("chan", "yu"), "长孙": ("zhang", "sun"),
    "澹台": ("tan", "tai"), "令狐": ("ling", "hu"), "曾": ("zeng",), "单": ("shan",),
    "仇": ("qiu",), "区": ("ou",), "查": ("zha",), "解": ("xie",), "朴": ("piao",), "盖": ("ge",),
    "乐": ("yue",), "覃": ("qin",), "缪": ("miao",), "翟": ("zhai",), "员": ("yun",), "宿": ("su",),
    "种": ("chong",), "召": ("shao",), "秘": ("bi",), "黑": ("he",), "贲": ("ben",), "藏": ("zang",),
    "句": ("gou",), "冼": ("xian",), "折": ("she",), "隗": ("wei",), "眭": ("sui",), "谌": ("chen",),
    "阚": ("kan",), "燕": ("yan",), "逄": ("pang",), "那": ("na",), "薄": ("bo",), "重": ("chong",),
    "华": ("hua",), "纪": ("ji",), "任": ("ren",), "曲": ("qu",), "过": ("guo",), "能": ("nai",),
    "洗": ("xian",), "繁": ("po",), "朝": ("chao",), "沈": ("shen",), "长": ("chang",),
    "柏": ("bai",), "蔚": ("yu",), "卜": ("bu",), "粘": ("nian",), "尉": ("wei",),
}  # fmt: skip


def _surname(name: str) -> tuple[str, tuple[str, ...]] | None:
    for length in (2, 1):
        readings = SURNAME_READINGS.get(name[:length])
        if readings:
            return name[:length], readings
    return None


def _syllables(name: str) -> list[list[str]]:
    """Each Han character's readings, the likeliest first; a surname's own reading first of all
    (曾国藩: [zeng, ceng], [guo], [fan])."""
    from pypinyin import Style, lazy_pinyin, pinyin  # imported on first use: it takes ~0.7 s

    chars = "".join(c for c in name if _CJK.match(c))
    likeliest = lazy_pinyin(chars, style=Style.NORMAL, errors="ignore")
    every = pinyin(chars, style=Style.NORMAL, heteronym=True, errors="ignore")
    if len(likeliest) != len(every) or len(every) != len(chars):  # a character without a reading
        every = [[syllable] for syllable in likeliest]
    syllables = [
        list(dict.fromkeys([first, *readings]))
        for first, readings in zip(likeliest, every, strict=False)
    ]
    surname = _surname(name)
    if surname and len(syllables) >= len(surname[0]):
        for index, reading in enumerate(surname[1]):
            syllables[index] = list(dict.fromkeys([reading, *syllables[index]]))
    return syllables


@lru_cache(maxsize=4096)
def name_readings(name: str) -> tuple[str, ...]:
    """Every full-pinyin reading of a Chinese name (`zengguofan`, `cengguofan`), the surname's
    own reading first; at most 16. A Latin name: its lower-cased letters."""
    if not _CJK.search(name):
        return (re.sub(r"[^a-z]", "", name.lower()),)
    products = itertools.islice(itertools.product(*_syllables(name)), _MOST_READINGS)
    return tuple(dict.fromkeys("".join(p).lower() for p in products))


@lru_cache(maxsize=4096)
def initials_readings(name: str) -> tuple[str, ...]:
    """Every pinyin-initials reading of a name (`zgf`, `cgf` for 曾国藩), the surname's first."""
    if not _CJK.search(name):
        return ("".join(word[0] for word in re.findall(r"[A-Za-z]+", name)).lower(),)
    letters = [dict.fromkeys(s[0] for s in readings) for readings in _syllables(name)]
    products = itertools.islice(itertools.product(*letters), _MOST_READINGS)
    return tuple(dict.fromkeys("".join(p).lower() for p in products))


@lru_cache(maxsize=4096)
def search_initials(name: str) -> str:
    """Lower-case initials of a word or drug name: pinyin first letters for Han characters (their
    ordinary reading), word initials for Latin names. Patients: `person_initials`."""
    if _CJK.search(name):
        from pypinyin import Style, lazy_pinyin

        letters = lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore")
        return "".join(letters).lower()
    return "".join(word[0] for word in re.findall(r"[A-Za-z]+", name)).lower()


@lru_cache(maxsize=4096)
def search_pinyin(name: str) -> str:
    """Full pinyin without tones (`zhangsan`), or the lower-cased name for Latin names."""
    if _CJK.search(name):
        from pypinyin import lazy_pinyin

        return "".join(lazy_pinyin(name, errors="ignore")).lower()
    return re.sub(r"[^a-z]", "", name.lower())


def person_initials(name: str) -> str:
    """A person's pinyin initials, the surname read as a surname (曾国藩 `zgf`)."""
    return initials_readings(name)[0]


def person_pinyin(name: str) -> str:
    """A person's full pinyin, the surname read as a surname (曾国藩 `zengguofan`)."""
    return name_readings(name)[0]
