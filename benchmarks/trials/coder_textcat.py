"""Trial (not shipped, issue 15): a spaCy neural text classifier over chiVe as the hybrid's model layer.

The model's probabilities come from a spaCy ``textcat_multilabel`` (``spacy.TextCatEnsemble.v2``:
a ``Tok2Vec.v2`` of ``MultiHashEmbed.v2`` (NORM, PREFIX, SUFFIX, SHAPE hashes plus ``ja_ginza``'s
300-d chiVe static vectors, ``include_static_vectors``) and a maxout window encoder, mean+max
reduced, ensembled with a ``TextCatBOW.v3`` unigram+bigram linear layer), trained end-to-end from
scratch for a fixed number of epochs (nothing downloaded; the tokenizer is GiNZA's SudachiPy,
``ja_ginza`` loaded without any of its trained components). SYNTHETIC rows are repeated
``SYNTHETIC_WEIGHT`` (3) times per epoch, the textcat's stand-in for the LR's sample weight.
Seeds fixed (``spacy.util.fix_random_seed(0)`` before each training, seeded shuffles, one BLAS
thread): the figures are deterministic.

Methods (``--methods``): ``lr`` the shipped logistic regression on character (1, 3)-gram TF-IDF
(reproduces eval_codebook_real.py), ``textcat`` the spaCy classifier alone, ``mean`` the mean of
the two probabilities. Procedure exactly as ``coder_seed_similarity.py`` / ``eval_codebook_real.py``
score the shipped hybrid: 10 host folds; the SYNTHETIC rows (weight 3) in every training fold;
model and hybrid (rules OR p >= t) thresholds chosen on ``--inner`` (default 5) inner host folds of
the real training rows; 10 x (inner + 1) trainings per model. Out-of-fold probabilities are cached
in ``--cache`` (``/tmp/coder_textcat_<model>_<inner>_<epochs>.npz``) so that ``mean`` reuses them.

    .venv/bin/python benchmarks/trials/coder_textcat.py [--methods lr textcat mean] [--inner 5]
        [--epochs 8] [--n-boot 2000] [--time-one]

Prints micro precision / recall / F1 of the model alone and of the hybrid on all sentences, on
the sets the rules were not written from (HONEST) and on the fresh sets c5 + c6, then the paired
host bootstrap of hybrid-F1(method) - hybrid-F1(lr) on the HONEST sets.

Measured 2026-12-07 (``--epochs 4``, 5 inner folds: the full procedure; one textcat training on
~1,550 real + 350 x 3 synthetic rows took 22 s alone, ~105-170 s per outer fold of 6 trainings
on the shared 2-core machine, 23 min for the 60; LR 60 trainings in 29 s)::

    method  set     model P/R/F1         hybrid P/R/F1
    lr      all     0.627/0.662/0.644    0.784/0.765/0.775   (= eval_codebook_real.py)
    lr      HONEST  0.618/0.648/0.633    0.746/0.714/0.730
    lr      c5+c6   0.625/0.747/0.681    0.764/0.753/0.759
    textcat all     0.598/0.534/0.564    0.812/0.734/0.771
    textcat HONEST  0.590/0.511/0.547    0.772/0.681/0.724
    textcat c5+c6   0.622/0.594/0.607    0.799/0.701/0.747
    mean    all     0.620/0.668/0.643    0.793/0.752/0.772
    mean    HONEST  0.612/0.649/0.630    0.757/0.702/0.729
    mean    c5+c6   0.627/0.751/0.683    0.769/0.728/0.748

    paired host bootstrap (2,000, seed 20240615), HONEST, hybrid F1 minus lr:
    textcat -0.006 [-0.015, +0.003];  mean -0.001 [-0.008, +0.005]

Verdict: no gain. The textcat alone is well below the LR (HONEST model F1 0.547 vs 0.633), as a
hybrid it trades recall for precision and ends flat-to-worse; the mean is the LR again.
Single-level diagnostic (``--epoch-check 4 8 12``, outer folds 0-2, 516 sentences, micro average
precision, no thresholds): lr 0.668; textcat 4 / 8 / 12 epochs 0.568 / 0.621 / 0.628; mean of
textcat and lr 0.665 / 0.679 / 0.680 (102 / 207 / 251 s). Four epochs under-train the textcat;
even at 12 it ranks below the LR, and the mean ranks only ~0.01 AP above the LR.
Full procedure at 8 epochs with 3 inner folds (``--epochs 8 --inner 3``; 5 inner folds would not
fit the time budget; lr re-scored with the same 3 inner folds; textcat 40 trainings in 1,503 s)::

    lr      all     0.617/0.684/0.649    0.789/0.766/0.777
    lr      HONEST  0.606/0.671/0.637    0.753/0.719/0.735
    lr      c5+c6   0.635/0.772/0.697    0.760/0.744/0.752
    textcat all     0.596/0.590/0.593    0.792/0.739/0.764
    textcat HONEST  0.586/0.570/0.578    0.752/0.687/0.718
    textcat c5+c6   0.617/0.632/0.625    0.767/0.712/0.738
    mean    all     0.613/0.691/0.650    0.786/0.752/0.768
    mean    HONEST  0.602/0.669/0.634    0.752/0.701/0.725
    mean    c5+c6   0.618/0.742/0.674    0.760/0.728/0.744

    HONEST hybrid F1 minus lr: textcat -0.017 [-0.026, -0.009];  mean -0.010 [-0.017, -0.003]

Verdict holds with more training: both are worse than the shipped LR hybrid, by intervals below 0.
"""
import argparse
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hybrid_trial import (  # noqa: E402
    SEED,
    load_trial_corpus,
    lr_trainer,
    masks,
    oof_probabilities,
    paired_bootstrap,
    report,
)

TEXTCAT_MODEL = {
    "@architectures": "spacy.TextCatEnsemble.v2",
    "nO": None,
    "tok2vec": {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {"@architectures": "spacy.MultiHashEmbed.v2", "width": 64,
                  "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"], "rows": [5000, 1000, 2500, 2500],
                  "include_static_vectors": True},
        "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 64, "depth": 1,
                   "window_size": 1, "maxout_pieces": 3},
    },
    "linear_model": {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False,
                     "ngram_size": 2, "no_output_layer": False, "length": 262144, "nO": None},
}


class TextcatTrainer:
    """Train a fresh ``textcat_multilabel`` on given rows and return probabilities of others."""

    def __init__(self, texts, y, keys, weight, epochs, dropout=0.2):
        import spacy

        self.nlp = spacy.load("ja_ginza", exclude=["tok2vec", "parser", "ner", "morphologizer",
                                                   "attribute_ruler", "compound_splitter", "bunsetu_recognizer"])
        self.docs = [self.nlp.make_doc(t) for t in texts]
        self.y, self.keys, self.epochs, self.dropout = y, keys, epochs, dropout
        self.repeat = np.rint(weight).astype(int)

    def __call__(self, train, test):
        from spacy.training import Example
        from spacy.util import fix_random_seed, minibatch

        fix_random_seed(0)
        if "textcat_multilabel" in self.nlp.pipe_names:
            self.nlp.remove_pipe("textcat_multilabel")
        tc = self.nlp.add_pipe("textcat_multilabel", config={"model": TEXTCAT_MODEL, "threshold": 0.5})
        for k in self.keys:
            tc.add_label(k)
        examples = [Example.from_dict(self.docs[i], {"cats": {k: float(v) for k, v in zip(self.keys, self.y[i])}})
                    for i in train]
        tc.initialize(lambda: examples[:200], nlp=self.nlp)
        opt = self.nlp.create_optimizer()
        pool = [ex for ex, r in zip(examples, self.repeat[train]) for _ in range(r)]
        rng = random.Random(0)
        for _ in range(self.epochs):
            rng.shuffle(pool)
            for batch in minibatch(pool, size=32):
                tc.update(batch, sgd=opt, drop=self.dropout, losses={})
        scores = []
        test_docs = [self.docs[i] for i in test]
        for s in range(0, len(test_docs), 256):
            scores.append(tc.model.ops.to_numpy(tc.predict(test_docs[s:s + 256])))
        labels = list(tc.labels)
        p = np.vstack(scores)
        return p[:, [labels.index(k) for k in self.keys]]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--methods", nargs="+", default=["lr", "textcat", "mean"])
    ap.add_argument("--inner", type=int, default=5)
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--n-boot", type=int, default=2000)
    ap.add_argument("--cache", default="/tmp")
    ap.add_argument("--time-one", action="store_true", help="time one textcat training (outer fold 0) and stop")
    ap.add_argument("--epoch-check", type=int, nargs="+", metavar="EPOCHS",
                    help="single-level diagnostic: micro average precision of LR and of textcat after EPOCHS on "
                         "outer folds 0-2 (no thresholds), then stop")
    args = ap.parse_args(argv)

    from futoko_research.coding.training import SYNTHETIC_WEIGHT

    c = load_trial_corpus()
    keys, gold, texts, y_all, weight = c.keys, c.gold, c.texts, c.y_all, c.weight
    hosts, n_real, synthetic, outer_folds = c.hosts, c.n_real, c.synthetic, c.outer_folds
    extra = texts[n_real:]
    print(f"{n_real} real sentences, {len(extra)} SYNTHETIC training rows; inner folds {args.inner}, "
          f"textcat epochs {args.epochs}", flush=True)

    if args.time_one:
        t0 = time.time()
        trainer = TextcatTrainer(texts, y_all, keys, weight, args.epochs)
        print(f"tokenised in {time.time() - t0:.0f} s", flush=True)
        train, test = outer_folds[0]
        t0 = time.time()
        p = trainer(np.concatenate([train, synthetic]), test)
        print(f"one training ({len(train)} real + {len(synthetic)} synthetic x{SYNTHETIC_WEIGHT}, {args.epochs} "
              f"epochs) + prediction of {len(test)}: {time.time() - t0:.0f} s; mean p {p.mean():.3f}")
        return 0

    if args.epoch_check:
        from sklearn.metrics import average_precision_score

        folds = outer_folds[:3]
        test = np.concatenate([te for _, te in folds])
        lr = lr_trainer(texts, y_all, keys, weight)
        ap_lr = np.vstack([lr(np.concatenate([tr, synthetic]), te) for tr, te in folds])
        ap0 = average_precision_score(gold[test], ap_lr, average="micro")
        print(f"outer folds 0-2 ({len(test)} sentences), micro AP  lr {ap0:.3f}", flush=True)
        for ep in args.epoch_check:
            t0 = time.time()
            tc = TextcatTrainer(texts, y_all, keys, weight, ep)
            p = np.vstack([tc(np.concatenate([tr, synthetic]), te) for tr, te in folds])
            print(f"  textcat {ep:2d} epochs {average_precision_score(gold[test], p, average='micro'):.3f}  "
                  f"mean {average_precision_score(gold[test], (p + ap_lr) / 2, average='micro'):.3f}  "
                  f"({time.time() - t0:.0f} s)", flush=True)
        return 0

    def probabilities(name):
        path = Path(args.cache) / f"coder_textcat_{name}_{args.inner}_{args.epochs if name == 'textcat' else 0}.npz"
        if path.exists():
            z = np.load(path)
            return z["outer"], [z[f"inner{f}"] for f in range(len(outer_folds))]
        t0 = time.time()
        fp = lr_trainer(texts, y_all, keys, weight) if name == "lr" else TextcatTrainer(texts, y_all, keys, weight,
                                                                                         args.epochs)
        outer, inner_p = oof_probabilities(fp, hosts, n_real, synthetic, len(keys), args.inner, outer_folds)
        print(f"  {name}: {(args.inner + 1) * len(outer_folds)} trainings in {time.time() - t0:.0f} s", flush=True)
        np.savez(path, outer=outer, **{f"inner{f}": a for f, a in enumerate(inner_p)})
        return outer, inner_p

    probs = {}
    for m in args.methods:
        if m == "mean":
            (lo, li), (to, ti) = probabilities("lr"), probabilities("textcat")
            probs[m] = ((lo + to) / 2, [(a + b) / 2 for a, b in zip(li, ti)])
        else:
            probs[m] = probabilities(m)

    hybrids = {m: report(c, m, outer, inner_p) for m, (outer, inner_p) in probs.items()}
    if "lr" in hybrids and args.n_boot:
        for m in hybrids:
            if m != "lr":
                d, lo, hi = paired_bootstrap(gold, hybrids["lr"], hybrids[m], hosts, masks(c)["HONEST"],
                                             args.n_boot, SEED)
                print(f"paired host bootstrap, HONEST, hybrid F1 {m} - lr: {d:+.3f} [{lo:+.3f}, {hi:+.3f}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
