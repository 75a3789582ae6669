"""GiNZA ``Person`` entities, run only on sentences with a cue (GiNZA's other labels are unused)."""

from __future__ import annotations

import re
import unicodedata

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.rules import is_anonymised, is_place
from futoko_research.privacy.text import Candidate, Tok, is_lexicon_person, is_name_script

_RE_SENT = re.compile(r"[^。！？!?\n]*[。！？!?\n]?")
_TRIM_TAIL = sorted(lx.PERSON_SUFFIXES | lx.ROLE_SUFFIXES, key=len, reverse=True)


def detect_ner(views: list[str], toks_list: list[list[Tok]]) -> list[list[Candidate]]:
    """GiNZA Person entities on sentences with a cue (a non-place proper noun, an unknown word, an honorific)."""
    from futoko_research.nlp import load_nlp

    jobs: list[tuple[int, int, str]] = []
    for idx, (view, toks) in enumerate(zip(views, toks_list)):
        cue_starts = [
            t.start for t in toks
            if (len(t.pos) > 2 and t.pos[1] == "固有名詞" and t.pos[2] not in ("地名", "組織"))
            or (t.oov and len(t.surface) >= 2 and is_name_script(t.surface))
            or t.surface in lx.PERSON_SUFFIXES or t.surface in lx.ROLE_SUFFIXES
        ]
        if not cue_starts:
            continue
        for m in _RE_SENT.finditer(view):
            if m.end() == m.start():
                continue
            if any(m.start() <= s < m.end() for s in cue_starts):
                s0 = m.start()
                sent = m.group(0)
                for k in range(0, len(sent), 2000):  # stay far below Sudachi's input limit
                    jobs.append((idx, s0 + k, sent[k:k + 2000]))
    out: list[list[Candidate]] = [[] for _ in views]
    if not jobs:
        return out
    nlp = load_nlp("full")
    for (idx, off, _), doc in zip(jobs, nlp.pipe(j[2] for j in jobs)):
        for ent in doc.ents:
            if ent.label_ != "Person":
                continue
            s, e = ent.start_char, ent.end_char
            text = ent.text
            changed = True
            while changed:
                changed = False
                for suf in _TRIM_TAIL:
                    if text.endswith(suf) and len(text) > len(suf):
                        text = text[: -len(suf)]
                        e -= len(suf)
                        changed = True
                        break
                for pre in sorted(lx.ROLE_PREFIXES, key=len, reverse=True):
                    for p in (pre + "の", pre):
                        if text.startswith(p) and len(text) > len(p):
                            text = text[len(p):]
                            s += len(p)
                            changed = True
                            break
                    if changed:
                        break
            norm = unicodedata.normalize("NFKC", text).strip()
            if not norm or is_anonymised(norm) or norm in lx.NOT_NAMES or not is_name_script(norm, hiragana=True):
                continue
            a, b = off + s, off + e
            inside = [t for t in toks_list[idx] if t.start < b and a < t.end]
            if any(is_place(t) or (len(t.pos) > 2 and t.pos[2] == "組織") for t in inside):
                continue  # GiNZA often calls a municipality a Person
            after = [t for t in toks_list[idx] if t.start == b]
            if after and (after[0].surface in lx.NON_PERSON_NEXT or after[0].surface in lx.SCHOOL_SUFFIXES):
                continue  # 中川沿い, 小野市: a place, not a person
            conf = 0.75 if len(inside) == 1 and is_lexicon_person(norm) and len(norm) >= 2 else 0.5
            out[idx].append(Candidate(a, b, "person", "ginza", conf))
    return out
