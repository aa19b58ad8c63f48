"""The words of the shift handoff text in Simplified Chinese and English. The handoff is written
in the core (it must work offline, without Qt), so its phrase table lives here beside it; patient
data (names, problems, drug descriptions) stays as recorded."""

from __future__ import annotations

# key -> (zh_CN, English)
WORDS: dict[str, tuple[str, str]] = {
    # I-PASS (Starmer 2014) and SBAR (NHS Improvement 2018) section headings
    "ipass_i": ("I 病情严重程度：", "I (illness severity): "),
    "ipass_p": ("P 病情摘要：", "P (patient summary): "),
    "ipass_a": ("A 待办事项：", "A (action list): "),
    "ipass_s": ("S 情况预判与应对：", "S (situation awareness): "),
    "ipass_synthesis": ("S 接班者复述与确认：", "S (synthesis by receiver): "),
    "sbar_s": ("S 现状：", "S (situation): "),
    "sbar_b": ("B 背景：", "B (background): "),
    "sbar_a": ("A 评估：", "A (assessment): "),
    "sbar_r": ("R 建议：", "R (recommendation): "),
    # sentence parts
    "patient": ("{name}，{bed} 床，{record_number}", "{name}, bed {bed}, {record_number}"),
    "problems": ("问题：{items}", "Problems: {items}"),
    "allergies": ("过敏：{items}", "Allergies: {items}"),
    "pending": ("待回报检查：{items}", "Pending results: {items}"),
    "fluid": ("出入量 {day}：入 {intake} mL，出 {output} mL，平衡 {balance} mL",
              "Fluid balance {day}: in {intake} mL, out {output} mL, balance {balance} mL"),
    "news2": ("NEWS2 {trend}", "NEWS2 {trend}"),
    "lines": ("管路：{lines}", "lines: {lines}"),
    "paren": ("（{text}）", " ({text})"),
    "sep": ("；", "; "),
    "comma": ("，", ", "),
    "stop": ("。", ". "),
    "none": ("无", "none"),
    "no_vitals": ("无生命体征记录", "no vitals"),
    "prn": ("必要时", "prn"),
    # NEWS2 clinical risk (RCP 2017) and the handoff's own "not scored"
    "not scored": ("未评分", "not scored"),
    "low": ("低危", "low"),
    "low_medium": ("低中危", "low-medium"),
    "medium": ("中危", "medium"),
    "high": ("高危", "high"),
    # MAR dose states
    "due": ("待给", "due"),
    "overdue": ("逾时", "overdue"),
    "coming": ("即将", "coming"),
    "unverified": ("待药师审核", "awaiting verification"),
    # scored assessments and their risk levels (Morse, Braden)
    "morse": ("Morse 跌倒评分", "Morse"),
    "braden": ("Braden 压疮评分", "Braden"),
    "risk_low": ("低风险", "low"),
    "risk_moderate": ("中风险", "moderate"),
    "risk_high": ("高风险", "high"),
    "risk_very_high": ("极高风险", "very high"),
    "risk_mild": ("轻度风险", "mild"),
    "risk_none": ("无风险", "none"),
}  # fmt: skip


def is_chinese(language: str) -> bool:
    """True for zh_CN (and any other zh locale name); everything else reads English."""
    return language.lower().startswith("zh")


def word(language: str, key: str, **values: object) -> str:
    """A handoff phrase in the language, placeholders filled; an unknown key is shown as it is."""
    pair = WORDS.get(key)
    if pair is None:
        return key
    text = pair[0] if is_chinese(language) else pair[1]
    return text.format(**values) if values else text


def heading(language: str, key: str) -> str:
    """A section's label as a printed heading (the handoff sheet): the text's label without its
    colon, so the sheet and the editable text name the I-PASS sections alike."""
    return word(language, key).rstrip(": ：")
