"""Benchmark (issue 19): the chain on REAL published text, against bare GiNZA full on the same text.

The synthetic cases of ``bench_scale.py`` pad each case with filler sentences that carry link cues
but no code, so the links' prefilter keeps only ≈ 10 % of their characters. This script measures
the same chain on real sentences of published reports — ``data/validation/sentences.csv`` (each
sentence its own statement) and ``data/validation/links/sentences.csv`` (each sentence after its
previous sentence, in one case) — where codes are as dense as in real reports: lexical features
(``features.extract(profile="lexical")``), the rule coder (``coding.code_statements``) and the
links (``pipeline.streaming.stream_links``: prefilter, ``fast`` parse of the candidates with a
cold cache, extraction), then bare GiNZA ``full`` (``nlp.pipe``, model loaded first) on the same
statements. Each part runs in its own process (``--child``) so that model loading is counted in
the chain as in ``futoko-research run``, never in bare.

    .venv/bin/python benchmarks/bench_scale_real.py

Nothing is written outside a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def real_statements() -> pd.DataFrame:
    """The two real sets as one statements table (statement_id, case_id, text)."""
    rows = []
    for r in pd.read_csv(ROOT / "data" / "validation" / "sentences.csv").itertuples(index=False):
        rows.append({"statement_id": f"v:{r.sentence_id}", "case_id": f"v:{r.sentence_id}", "text": r.text})
    for r in pd.read_csv(ROOT / "data" / "validation" / "links" / "sentences.csv").itertuples(index=False):
        if isinstance(r.previous, str) and r.previous.strip():
            rows.append({"statement_id": f"l:{r.sentence_id}:prev", "case_id": f"l:{r.sentence_id}", "text": r.previous})
        rows.append({"statement_id": f"l:{r.sentence_id}", "case_id": f"l:{r.sentence_id}", "text": r.text})
    st = pd.DataFrame(rows).astype("string")
    st["section"] = pd.array(["activity"] * len(st), dtype="string")
    return st


def child(args: argparse.Namespace) -> int:
    import warnings

    warnings.simplefilter("ignore")
    st = real_statements()
    t0 = time.perf_counter()
    if args.child == "chain":
        from futoko_research.analysis.link_prefilter import link_candidates
        from futoko_research.analysis.links import prefilter_statements
        from futoko_research.coding import code_statements
        from futoko_research.features import extract
        from futoko_research.pipeline.streaming import stream_links

        times = {}
        extract(st, profile="lexical", progress=False, cache_dir=False)
        times["features"] = time.perf_counter() - t0
        code_statements(st)
        times["code"] = time.perf_counter() - t0 - sum(times.values())
        links, stats = stream_links(st, args.tmp, cache_dir=Path(args.tmp) / "cache", side_method="rules")
        times["links"] = time.perf_counter() - t0 - sum(times.values())
        lengths = st["text"].str.len()
        out = {"times": times, "n_links": len(links), "stats": stats,
               "cue_chars": int(lengths[prefilter_statements(st).to_numpy(dtype=bool)].sum()),
               "candidate_chars": int(lengths[link_candidates(st).to_numpy(dtype=bool)].sum())}
    else:
        from futoko_research.nlp import load_nlp

        nlp = load_nlp("full")
        list(nlp.pipe(["準備のための短い文です。"] * 8))
        t0 = time.perf_counter()
        for _doc in nlp.pipe(st["text"].astype(str).tolist(), batch_size=64):
            pass
        out = {"wall": time.perf_counter() - t0}
    out["total"] = time.perf_counter() - t0
    print("RESULT " + json.dumps(out))
    return 0


def run(argv: list[str]) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, __file__, *argv], capture_output=True, text=True, env=env, check=True).stdout
    data = json.loads(next(ln for ln in out.splitlines() if ln.startswith("RESULT "))[len("RESULT "):])
    data["process_s"] = time.perf_counter() - t0
    return data


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--child", default=None, help=argparse.SUPPRESS)
    p.add_argument("--tmp", default=None, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        return child(args)
    st = real_statements()
    chars = int(st["text"].str.len().sum())
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; load average {os.getloadavg()[0]:.2f}; "
          f"{len(st):,} real statements, {chars:,} characters")
    with tempfile.TemporaryDirectory() as tmp:
        chain = run(["--child", "chain", "--tmp", tmp])
    load = os.getloadavg()[0]
    bare = run(["--child", "bare"])
    chain_s = sum(chain["times"].values())
    print(f"links' prefilter: a cue in {chain['cue_chars'] / chars:.1%} of the characters, kept "
          f"{chain['candidate_chars'] / chars:.1%}; {chain['n_links']} links")
    print("chain (features lexical + code + links, incl. model loading): " + ", ".join(
        f"{k} {v:.1f} s" for k, v in chain["times"].items()) + f"; total {chain_s:.1f} s = {chars / chain_s:,.0f} chars/s")
    print(f"bare GiNZA full (model loaded first; load average {load:.2f}): {bare['wall']:.1f} s = "
          f"{chars / bare['wall']:,.0f} chars/s")
    print(f"chain ÷ bare full = {bare['wall'] / chain_s:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
