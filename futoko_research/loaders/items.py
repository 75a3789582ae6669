"""Item markers: the marks that open a numbered or bulleted item of a report.

A line that *begins* with one of these starts a new statement in every loader, even when the
previous item did not end with 。 (「（2）関係機関との連携で登校に繋がったケース」 followed by
「（3）中学校には…」 are two statements). A marker inside a line (「図1」「（図2）」「第1回」)
never starts one: only the start of a line (a PDF row, a Word paragraph, an HTML block) counts.

Markers recognised (full- or half-width, after leading spaces):

- parenthesised numbers, letters and kana: （1） (1) （ア） (a) （一）;
- a number, letter or kana followed by a full stop, 、 or ）: 1. １． 1) ア． イ、 a) 一、 第1章 is *not*
  one (no stop after the number);
- a single katakana of the アイウエオ row or a number alone followed by a space: 「ア 学校との…」;
  ア イ ウ エ オ directly before a kanji too (「ア学校との…」: PDF text often loses the space);
- circled numbers ①…⑳ and ㈠…;
- bullet marks: ・ ･ ○ ◯ ● ◎ ◆ ◇ ■ □ ▪ ▶ ► ※ ＊ * - – and 【 (a tag or heading opener);
- flowchart arrows on a line of their own or before a step: ↓ → ⇒ ▼ (dropped like bullets);
- a speaker tag of meeting minutes: at most 10 characters and a colon, 「A委員：」「司会:」
  (not 「10:30」).

``1.5倍`` and ``3.2%`` are not markers (a digit follows the stop).
"""

from __future__ import annotations

import re

_NUM = r"(?:[0-9０-９]{1,3}|[一二三四五六七八九十]{1,3}|[a-zａ-ｚA-ZＡ-Ｚ]|[アイウエオカキクケコサシスセソタチツテト])"
#: a line that starts an item (see the module docstring)
RE_ITEM_MARKER = re.compile(
    rf"""^[ \t\u3000]*(?:
        [（(]{_NUM}[）)]                                  # （1） (a) （ア）
      | {_NUM}[.．、)）](?![0-9０-９])                    # 1. １． ア． 一、 1)
      | (?:[0-9０-９]{{1,2}}|[アイウエオカキクケコ])[ \u3000](?=\S)   # 「ア 学校…」「1 学校…」
      | [アイウエオ](?=[\u4e00-\u9fff])                  # 「ア学校…」 (a PDF lost the space)
      | [①-⑳㈠-㈩⑴-⒇]                                   # ① ㈠ ⑴
      | [・･○◯●◎◆◇■□▪▶►※＊*↓→⇒▼]                       # bullets, flowchart arrows
      | [^\s：:。、]{{1,10}}[：:](?!\d)                     # speaker tag 「A委員：」「司会:」
      | [-–](?=[ \u3000])                                 # "- " dash bullet
      | 【
    )""",
    re.VERBOSE,
)
#: single-character bullet marks that are dropped from a statement's text (numbered markers
#: such as （1） are kept: they are part of what the report says)
BULLET_MARKS = "・･○◯●◎◆◇■□▪▶►＊*↓→⇒▼"


def starts_item(text: str) -> bool:
    """True when ``text`` (one line) begins with an item marker."""
    return bool(RE_ITEM_MARKER.match(text))


def strip_bullet(text: str) -> str:
    """``text`` without a leading single-character bullet mark (and the spaces after it)."""
    s = text.lstrip(" \t\u3000")
    if s and s[0] in BULLET_MARKS:
        return s[1:].lstrip(" \t\u3000")
    return text
