"""Name search keys: pinyin initials for Chinese names (`zs` finds 张三), word initials otherwise."""

from __future__ import annotations

import re
from functools import lru_cache

_CJK = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=4096)
def search_initials(name: str) -> str:
    """Lower-case initials: pinyin first letters for Han characters, word initials for Latin names."""
    if _CJK.search(name):
        from pypinyin import Style, lazy_pinyin  # imported on first use: it takes ~0.7 s

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
