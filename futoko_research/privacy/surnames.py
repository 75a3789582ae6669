"""SudachiDict's family names as a second family-name lexicon (round 11).

The ``gimei`` lexicon (:mod:`~futoko_research.privacy.names`) has only 500 family names; common
ones such as 鳴海, 沖田, 中条 are missing. SudachiDict tags thousands of family names with the part
of speech 名詞-固有名詞-人名-姓. A kanji word of two or three characters that SudachiDict lists
as a family name (any of its entries), and that is not also listed as an ordinary noun, counts
as a family name here. Most Japanese family names are also places (鳴海, 平田, 宮崎): a place entry
does not exclude a word; the slots and the place guards decide. An ordinary word (大橋 the big
bridge) is left to the ``gimei`` list and to the slots. A word ending in 家 or 宅 (泉家: the
Izumi household) is none, nor two kanji ending in 小 / 中 / 高 (西中, 北小: a school's short name), nor a number and its
counter (二名).
"""

from __future__ import annotations

import functools
import re

from futoko_research.privacy.text import sudachi_dictionary

_KANJI = re.compile(r"[一-龥々]{2,3}")
RE_COUNT = re.compile(r"[一二三四五六七八九十百千数何]+[名人件回日月年時分歳個度校部組枚]")


@functools.lru_cache(maxsize=20_000)
def is_sudachi_family_name(word: str) -> bool:
    """``word`` (2-3 kanji) is a family name for SudachiDict and no ordinary noun.

    Examples
    --------
    >>> is_sudachi_family_name("鳴海"), is_sudachi_family_name("中条")
    (True, True)
    >>> is_sudachi_family_name("学校"), is_sudachi_family_name("鳴")
    (False, False)
    """
    if not _KANJI.fullmatch(word) or word[-1] in "家宅":
        return False  # 泉家, 三宅: the family's house (a gimei family name such as 三宅 stays one)
    if RE_COUNT.fullmatch(word):
        return False  # 二名, 三人: a number and its counter
    if len(word) == 2 and word[-1] in "小中高":
        return False  # 西中, 北小: a school's short name (田中 is in the gimei list)
    try:
        entries = [m.part_of_speech() for m in sudachi_dictionary().lookup(word) if m.surface() == word]
    except Exception:  # pragma: no cover - lookup unsupported
        return False
    family = any(p[1:4] == ("固有名詞", "人名", "姓") for p in entries)
    other = any(p[0] != "名詞" or p[1] != "固有名詞" for p in entries)
    return family and not other
