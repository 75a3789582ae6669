"""The project's stop-word list for the KH Coder-style views (a versioned resource file with reasons)."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

import pandas as pd

RESOURCE = "stopwords_ja.yaml"


@functools.cache
def _read(path: str | None) -> tuple[str, tuple[tuple[str, str], ...]]:
    import yaml

    text = (Path(path).read_text(encoding="utf-8") if path is not None
            else resources.files("futoko_research.resources").joinpath(RESOURCE).read_text(encoding="utf-8"))
    data = yaml.safe_load(text) or {}
    words = data.get("words") or []
    bad = [i for i, w in enumerate(words) if not isinstance(w, dict) or not w.get("term") or not w.get("reason")]
    if bad or "version" not in data:
        where = path or RESOURCE
        raise ValueError(f"{where}: stop-word list needs a version and a term and reason per word "
                         f"(bad entries: {bad})")
    return str(data["version"]), tuple((str(w["term"]), str(w["reason"])) for w in words)


def load_stopwords(path: str | Path | None = None) -> pd.DataFrame:
    """The stop-word list: ``term``, ``reason`` (string) and ``version`` in ``attrs``.

    Parameters
    ----------
    path : a YAML file of the same shape (``version``, ``words: [{term, reason}]``); ``None``
        for the list shipped in ``futoko_research/resources/stopwords_ja.yaml``.
    """
    version, words = _read(None if path is None else str(path))
    out = pd.DataFrame(words, columns=["term", "reason"]).astype("string")
    out.attrs["stopwords_version"] = version
    return out


def stopword_set(stopwords=True) -> frozenset[str]:
    """Terms to drop: ``True`` → the shipped list, ``False``/``None`` → none, a path → that
    list, an iterable of strings → those terms."""
    if stopwords is True:
        return frozenset(load_stopwords()["term"].tolist())
    if stopwords is False or stopwords is None:
        return frozenset()
    if isinstance(stopwords, (str, Path)):
        return frozenset(load_stopwords(stopwords)["term"].tolist())
    return frozenset(str(t) for t in stopwords)


def drop_stopwords(tokens: pd.DataFrame, unit: str = "term", stopwords=True) -> pd.DataFrame:
    """Tokens whose ``unit`` is not a stop word (see :func:`stopword_set`)."""
    stop = stopword_set(stopwords)
    if not stop:
        return tokens
    return tokens[~tokens[unit].astype("string").isin(stop).fillna(False)]
