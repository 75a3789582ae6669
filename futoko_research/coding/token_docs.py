"""spaCy Docs rebuilt from the tokens table, for the codebook's token rules (no model needed).

The Docs share one :class:`spacy.vocab.Vocab` (:func:`token_vocab`) with the rule matchers, so
the NORM values of the tokens and of the rules' phrases are the same strings.
"""

from __future__ import annotations

import functools

import pandas as pd


@functools.lru_cache(maxsize=1)
def token_vocab():
    """The spaCy ``Vocab`` shared by the rebuilt Docs and the matchers (created once)."""
    from spacy.vocab import Vocab

    return Vocab()


def doc_from_tokens(tok: pd.DataFrame):
    """A spaCy Doc (text, lemma, norm, tag, pos) from one statement's rows of the tokens table.

    Returns
    -------
    tuple
        (doc, starts, ends): the Doc and the character offsets of its tokens in the statement's
        ``text`` (``start_char``, ``end_char``).
    """
    from spacy.tokens import Doc

    words = [str(w) for w in tok["text"].tolist()]
    starts = tok["start_char"].astype("int64").tolist()
    ends = tok["end_char"].astype("int64").tolist()
    spaces = [ends[i] < starts[i + 1] for i in range(len(words) - 1)] + [False]

    def col(name):
        if name not in tok.columns:
            return None
        values = tok[name].tolist()
        return [("" if v is None or v is pd.NA or (isinstance(v, float) and v != v) else str(v)) for v in values]

    lemmas = col("lemma")
    norms = col("norm")
    tags = col("tag")
    pos = col("pos")
    kwargs = {}
    if lemmas:
        kwargs["lemmas"] = [lem or w for lem, w in zip(lemmas, words)]
    if tags and any(tags):
        kwargs["tags"] = tags
    if pos and all(pos):
        kwargs["pos"] = pos
    try:
        doc = Doc(token_vocab(), words=words, spaces=spaces, **kwargs)
    except ValueError:  # unknown POS values: drop POS
        kwargs.pop("pos", None)
        doc = Doc(token_vocab(), words=words, spaces=spaces, **kwargs)
    if norms:
        for token, norm in zip(doc, norms):
            token.norm_ = norm or token.text
    return doc, starts, ends
