"""Text normalisation helpers: wrapped lines, letter-spacing, NFKC with offsets.

Notes
-----
- ``text`` columns keep the report's own characters (full-width ＩＣＴ stays full-width);
  ``text_norm`` is their Unicode NFKC form (ICT), which is what regex rules and matching read.
- Wrapped lines are joined with nothing between them: a Japanese PDF wraps anywhere, even
  inside a word (「コミュニ」+「ケーション」), so joining never invents a space.
- Letter-spacing (「学 校 や 関 係 機 関」, from justified PDF boxes) is repaired by joining
  runs of three or more single Japanese characters separated by spaces; ordinary spaces
  (「センターの Wi-Fi 環境」) are kept.
- Kangxi radicals (U+2F00–U+2FDF, e.g. ⽂ for 文) and CJK radicals supplement (e.g. ⻑ for 長)
  that PDF extraction leaves behind are folded to the ordinary ideograph one character for one,
  so offsets stay valid.
"""

from __future__ import annotations

import re
import unicodedata

_JA = (
    "\u3005\u3006\u3007\u303b"  # 々〆〇〻
    "\u3040-\u309f"  # hiragana
    "\u30a0-\u30ff"  # katakana (incl. ・ ー)
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs
    "\uff01-\uff60\uff66-\uff9f"  # full-width forms, half-width katakana
    "\u3001\u3002\u300c-\u300f"  # 、。「」『』
)
RE_JA_CHAR = re.compile(f"[{_JA}]")
RE_SPACES = re.compile(r"[ \t\u3000\u00a0]+")
RE_WS = re.compile(r"\s+")
KANGXI_START, KANGXI_END = 0x2F00, 0x2FDF


def is_japanese_char(ch: str) -> bool:
    """True for kana, kanji, full-width forms and Japanese punctuation."""
    return bool(RE_JA_CHAR.fullmatch(ch))


#: CJK Radicals Supplement characters that PDF extraction leaves for ordinary Japanese kanji but
#: that NFKC does not fold (Unicode's EquivalentUnifiedIdeograph.txt, the Japanese forms)
CJK_RADICAL_SUPPLEMENT_FOLD = {
    "\u2ec4": "西", "\u2ec6": "角", "\u2ed1": "長", "\u2ed8": "青", "\u2edd": "食", "\u2ee3": "骨",
    "\u2ee4": "鬼", "\u2ee8": "麦", "\u2ee9": "黄", "\u2eed": "歯", "\u2eef": "竜", "\u2ef2": "亀",
}


def fold_kangxi(text: str) -> str:
    """Replace Kangxi radicals and CJK radicals supplement by their ideograph (1:1).

    Kangxi radicals (U+2F00–U+2FDF) fold by NFKC; the supplement (U+2E80–U+2EFF) folds by NFKC
    where Unicode defines it and by :data:`CJK_RADICAL_SUPPLEMENT_FOLD` otherwise. Anything
    else in the two blocks is left as it is, so the length never changes.
    """
    if not any(0x2E80 <= ord(c) <= KANGXI_END for c in text):
        return text
    out = []
    for ch in text:
        if 0x2E80 <= ord(ch) <= KANGXI_END:
            folded = CJK_RADICAL_SUPPLEMENT_FOLD.get(ch) or unicodedata.normalize("NFKC", ch)
            out.append(folded if len(folded) == 1 else ch)
        else:
            out.append(ch)
    return "".join(out)


def repair_letter_spacing(line: str) -> str:
    """Join runs of >= 3 single Japanese characters separated by spaces.

    >>> repair_letter_spacing("が 連 携 し た 生 徒 へ")
    'が連携した生徒へ'
    >>> repair_letter_spacing("センターの Wi-Fi 環境や")
    'センターの Wi-Fi 環境や'
    """
    parts = re.split(r"([ \t\u3000\u00a0]+)", line)
    # parts alternates token, sep, token, ...
    tokens = parts[0::2]
    seps = parts[1::2]
    n = len(tokens)
    join = [False] * len(seps)
    i = 0
    while i < n:
        if len(tokens[i]) == 1 and is_japanese_char(tokens[i]):
            j = i
            while j + 1 < n and len(tokens[j + 1]) == 1 and is_japanese_char(tokens[j + 1]):
                j += 1
            if j - i + 1 >= 3:
                for k in range(i, j):
                    join[k] = True
                # a trailing multi-character Japanese token belongs to the spaced word too
                if j + 1 < n and tokens[j + 1] and is_japanese_char(tokens[j + 1][0]):
                    join[j] = True
                if i > 0 and tokens[i - 1] and is_japanese_char(tokens[i - 1][-1]) and seps[i - 1] == " ":
                    join[i - 1] = True
            i = j + 1
        else:
            i += 1
    out = [tokens[0]]
    for k, sep in enumerate(seps):
        out.append("" if join[k] else sep)
        out.append(tokens[k + 1])
    return "".join(out)


def clean_line(line: str) -> str:
    """Strip a physical line and repair its letter-spacing (original characters kept)."""
    return repair_letter_spacing(fold_kangxi(line.strip(" \t\u3000\u00a0\v")))


def join_wrapped(lines: list[str]) -> str:
    """Join hard-wrapped physical lines of one paragraph without inventing spaces."""
    return "".join(clean_line(line) for line in lines if line.strip())


def squash(text: str) -> str:
    """Remove all whitespace (for comparing headers and labels)."""
    return RE_WS.sub("", text)


def nfkc(text: str) -> str:
    """Unicode NFKC (full-width letters and digits → ASCII, half-width kana → full-width)."""
    return unicodedata.normalize("NFKC", text)


def nfkc_with_offsets(text: str) -> tuple[str, list[int]]:
    """NFKC-normalise ``text`` and map every output character back to the input.

    Returns
    -------
    (norm, origin) : ``origin[i]`` is the index in ``text`` of the character that produced
        ``norm[i]``; ``origin`` has one extra final element ``len(text)`` so that end offsets
        map too. Characters that NFKC merges (half-width kana + sound mark) map to the first.
    """
    norm_parts: list[str] = []
    origin: list[int] = []
    i = 0
    n = len(text)
    while i < n:
        # group a base character with following combining marks / half-width sound marks
        j = i + 1
        while j < n and (unicodedata.combining(text[j]) or text[j] in "\uff9e\uff9f"):
            j += 1
        piece = unicodedata.normalize("NFKC", text[i:j])
        norm_parts.append(piece)
        origin.extend([i] * len(piece))
        i = j
    origin.append(n)
    return "".join(norm_parts), origin


def norm_span_to_text_span(origin: list[int], start: int, end: int) -> tuple[int, int]:
    """Map a ``[start, end)`` span of the NFKC text back to the original text."""
    s = origin[start]
    if end <= 0:
        return s, s
    last = origin[end - 1]
    # the end is the start of the next original character group
    e = next((o for o in origin[end:] if o > last), origin[-1])
    return s, e
