"""Trial (not shipped, session 10): does a chiVe seed-similarity feature per code help the coder?

Each code gets seed words: the NORM forms of its Japanese label and of the Japanese terms of its
definition (SudachiPy via ``compute_tokens(profile="lexical")``; particles, one- and two-kana words
and a short stop list dropped). For each sentence and code, two features: the highest cosine
between any content token's chiVe vector (``ja_ginza``'s static vectors, nothing downloaded) and
any seed, and the mean of the three highest per-token maxima. They are appended, times ``SCALE``,
to the character (1, 3)-gram TF-IDF of the shipped model. Procedure as ``eval_codebook_real.py``
scores the shipped hybrid: 10 host folds; the SYNTHETIC rows (weight 3) in every training fold;
thresholds from 5 inner host folds on the real training rows; hybrid thresholds for
rules-or-model. ``SCALE`` 0 is the shipped model (its figures match eval_codebook_real's).

    .venv/bin/python benchmarks/trials/coder_seed_similarity.py [SCALE ...]   # default 0 1 3

Prints micro precision / recall / F1 of the model alone and of the hybrid on all sentences, on
the sets the rules were not written from, and on the fresh sets c5 + c6. Measured 2026-12-07:
docs/coding.md, "Session 10".
"""
import re
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hybrid_trial import load_trial_corpus, lr_trainer, oof_probabilities, report  # noqa: E402

STOP = set("こと もの ため よう 等 など 中 的 場 する ある いる なる れる られる 出来る 行う 思う".split())


def content_norms(texts, compute_tokens):
    """NORM forms of each text's content words (no particles, no one- or two-kana words)."""
    st = pd.DataFrame({"statement_id": [str(i) for i in range(len(texts))], "case_id": "x", "section": "goal",
                       "text": list(texts)}).astype("string")
    tokens = compute_tokens(st, profile="lexical")
    out = {str(i): [] for i in range(len(texts))}
    for sid, norm in tokens[["statement_id", "norm"]].itertuples(index=False):
        norm = str(norm)
        if not (re.fullmatch(r"[\u3040-\u309f]{1,2}|[\W\d_]+", norm) or norm in STOP):
            out[str(sid)].append(norm)
    return [out[str(i)] for i in range(len(texts))]


def unit_vectors(words, vocab):
    """Rows of L2-normalised chiVe vectors of the words that have one."""
    vs = [vocab.get_vector(w) for w in words if vocab.has_vector(w)]
    if not vs:
        return np.zeros((0, vocab.vectors.shape[1]))
    v = np.asarray(vs, dtype=np.float64)
    return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)


def seed_features(sentence_words, seeds, vocab):
    """(n, 2 × codes): max cosine to a code's seeds, and the mean of the three best tokens."""
    out = np.zeros((len(sentence_words), 2 * len(seeds)))
    for i, words in enumerate(sentence_words):
        v = unit_vectors(words, vocab)
        if not len(v):
            continue
        for j, s in enumerate(seeds):
            if len(s):
                m = (v @ s.T).max(axis=1)
                out[i, j], out[i, len(seeds) + j] = m.max(), np.sort(m)[-3:].mean()
    return out


def main(argv=None) -> int:
    import spacy

    from futoko_research.coding import compute_tokens

    scales = [float(a) for a in (sys.argv[1:] if argv is None else argv)] or [0.0, 1.0, 3.0]
    c = load_trial_corpus()
    cb, keys = c.cb, c.keys
    vocab = spacy.load("ja_ginza", exclude=["ner", "parser", "attribute_ruler", "compound_splitter",
                                            "bunsetu_recognizer"]).vocab
    seed_texts = ["、".join([cb[k].label_ja] + re.findall(r"[\u3040-\u30ff\u4e00-\u9fff〜ー]{2,}", cb[k].definition))
                  for k in keys]
    seed_words = [sorted(set(w)) for w in content_norms(seed_texts, compute_tokens)]
    for k, w in zip(keys, seed_words):
        print(f"{k:22s} {len(w):3d} seeds: {' '.join(w[:12])} …")
    dense = seed_features(content_norms(c.texts, compute_tokens), [unit_vectors(w, vocab) for w in seed_words], vocab)
    print(f"{c.n_real} real sentences, {len(c.synthetic)} SYNTHETIC training rows", flush=True)
    for scale in scales:
        t0 = time.time()
        fit_predict = lr_trainer(c.texts, c.y_all, keys, c.weight, dense=dense, scale=scale)
        outer, inner_p = oof_probabilities(fit_predict, c.hosts, c.n_real, c.synthetic, len(keys), 5, c.outer_folds)
        report(c, f"scale {scale:.1f}", outer, inner_p)
        print(f"  {time.time() - t0:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
