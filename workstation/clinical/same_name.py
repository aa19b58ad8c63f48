"""Same name on this ward: two 张伟 on a ward are told apart by bed, sex and age, and every
screen and printout that names one of them warns that the other is there."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def same_name_warning(others: Iterable[Mapping[str, Any] | str], lang: str) -> str:
    """`同名患者：本病区另有同名患者（12床）` / `Same name on this ward: also in bed 12`; ''
    when there is none. `others` are rows with a bed, or beds."""
    beds = [str(o["bed"]) if isinstance(o, Mapping) else str(o) for o in others]
    if not beds:
        return ""
    if lang.startswith("zh"):
        return "同名患者：本病区另有同名患者（" + "、".join(f"{b}床" for b in beds) + "）"
    return "Same name on this ward: also in bed " + ", ".join(beds)
