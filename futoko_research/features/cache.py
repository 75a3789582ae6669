"""Cache of parsed Docs (spaCy DocBin), so that no text is parsed twice.

Layout
------
``<cache_dir>/docbin/<profile>-<meta hash[:16]>/``
    ``meta.json``            what the key covers (versions, split mode, pipes, chunk policy, terms)
    ``<batch>.spacy``        a ``DocBin(store_user_data=True)`` with one Doc per parsed chunk
    ``<batch>.keys.json``    the chunk keys of that DocBin, in order (written last: the commit marker)

The unit of caching is the **chunk** (a statement, or a piece of a long one): its key is
:func:`cache_key` — sha256 over the run's metadata and the chunk text — so a warm run finds
every statement it has seen before, whatever selection or order it comes in. Docs are
*stored* in batches (one file per parsing call, at most :data:`MAX_DOCS_PER_FILE` docs),
because loading one large DocBin is far faster than many small ones. A file that cannot be read
is deleted with a :class:`CacheWarning` and its chunks are parsed again.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path

from futoko_research.errors import FutokoWarning
from futoko_research.features.chunking import CHUNK_POLICY, PREPROCESS_VERSION
from futoko_research.io import atomic_write_bytes
from futoko_research.nlp import DEFAULT_SPLIT_MODE, model_info

log = logging.getLogger("futoko_research")

MAX_DOCS_PER_FILE = 5000
#: bump when the way Docs are turned into rows changes in a way a cached Doc cannot follow
CACHE_FORMAT = "docbin-v1"


class CacheWarning(FutokoWarning):
    """A cache file was unreadable and is rebuilt."""


def cache_meta(profile: str, *, split_mode: str = DEFAULT_SPLIT_MODE, terms_hash: str = "") -> dict:
    """Everything that changes a parse, as recorded in (and hashed into) the cache key."""
    info = model_info(profile, split_mode)
    return {
        **info,
        "preprocess": PREPROCESS_VERSION,
        "chunk_policy": CHUNK_POLICY,
        "terms_hash": terms_hash,
        "cache_format": CACHE_FORMAT,
    }


def meta_hash(meta: Mapping) -> str:
    """sha256 of the metadata (JSON, sorted keys)."""
    return hashlib.sha256(json.dumps(dict(meta), sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def cache_key(text: str, meta: Mapping | str) -> str:
    """The sha256 key of one chunk of text under ``meta`` (a :func:`cache_meta` dict or its hash).

    Never Python's ``hash()`` (salted per process).
    """
    mh = meta if isinstance(meta, str) else meta_hash(meta)
    h = hashlib.sha256(mh.encode("ascii"))
    h.update(b"\0")
    h.update(text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


@functools.lru_cache(maxsize=1)
def _ja_vocab_factory():
    from spacy.lang.ja import JapaneseDefaults

    return JapaneseDefaults.syntax_iterators.get("noun_chunks")


def cache_vocab():
    """A Japanese-aware Vocab (noun_chunks works) that needs no model to be loaded."""
    from spacy.vocab import Vocab

    return Vocab(get_noun_chunks=_ja_vocab_factory())


@functools.cache
def _packer():
    import srsly.msgpack

    return srsly.msgpack.Packer(use_bin_type=True)


@functools.cache
def _object_hook():
    from srsly.msgpack import msgpack_decoders

    hook = None
    for decoder in msgpack_decoders.get_all().values():
        hook = functools.partial(decoder, chain=hook)
    return hook


def pack_user_data(doc) -> bytes:
    """``srsly.msgpack_dumps(doc.user_data)`` with one reused Packer.

    srsly builds a new Packer (scanning the package entry points) on every call, a few ms per
    Doc; this gives the same bytes.
    """
    return _packer().pack(doc.user_data)


def unpack_user_data(data: bytes) -> dict:
    """``srsly.msgpack_loads(data, use_list=False)`` with the decoder hook built once."""
    from srsly.msgpack import _unpackb

    return _unpackb(data, raw=False, use_list=False, object_hook=_object_hook())


def docs_to_bytes(docs: list) -> bytes:
    """A ``DocBin(store_user_data=True)`` of ``docs`` as bytes (user data packed as DocBin does)."""
    from spacy.tokens import DocBin

    docbin = DocBin(store_user_data=False, docs=docs)
    docbin.store_user_data = True
    docbin.user_data = [pack_user_data(doc) for doc in docs]
    return docbin.to_bytes()


def docs_from_bytes(data: bytes, vocab) -> list:
    """Docs of a DocBin written by :func:`docs_to_bytes` (or by ``DocBin.to_bytes``)."""
    from spacy.tokens import DocBin

    docbin = DocBin(store_user_data=True).from_bytes(data)
    user_data = docbin.user_data
    docbin.user_data = [None] * len(user_data)
    docs = list(docbin.get_docs(vocab))
    for doc, ud in zip(docs, user_data):
        if ud is not None:
            doc.user_data.update(unpack_user_data(ud))
    return docs


class DocCache:
    """Chunk-keyed DocBin store for one profile and metadata.

    Parameters
    ----------
    cache_dir : the cache root (``paths.CACHE_DIR`` by default in :func:`extract`).
    meta : :func:`cache_meta` of the run.
    """

    def __init__(self, cache_dir: str | Path, meta: Mapping):
        self.meta = dict(meta)
        self.meta_hash = meta_hash(meta)
        self.dir = Path(cache_dir) / "docbin" / f"{meta['profile']}-{self.meta_hash[:16]}"
        self._index: dict[str, tuple[str, int]] | None = None

    def key(self, text: str) -> str:
        return cache_key(text, self.meta_hash)

    @property
    def index(self) -> dict[str, tuple[str, int]]:
        """key → (batch file stem, position); read from the ``*.keys.json`` files."""
        if self._index is None:
            index: dict[str, tuple[str, int]] = {}
            if self.dir.is_dir():
                for kf in sorted(self.dir.glob("*.keys.json")):
                    stem = kf.name[: -len(".keys.json")]
                    try:
                        keys = json.loads(kf.read_text(encoding="utf-8"))
                        if not isinstance(keys, list):
                            raise ValueError("not a list")
                    except (OSError, ValueError) as exc:
                        self._drop(stem, f"unreadable key list ({exc})")
                        continue
                    for pos, k in enumerate(keys):
                        index.setdefault(k, (stem, pos))
            self._index = index
        return self._index

    def _drop(self, stem: str, why: str) -> None:
        warnings.warn(f"{self.dir / stem}.spacy: cache file {why}; rebuilding it", CacheWarning, stacklevel=3)
        for suffix in (".spacy", ".keys.json"):
            with contextlib.suppress(FileNotFoundError):
                (self.dir / f"{stem}{suffix}").unlink()

    def get_many(self, keys: Iterable[str]) -> dict:
        """Cached Docs for those of ``keys`` that are stored (key → Doc)."""
        wanted: dict[str, list[tuple[str, int]]] = {}
        index = self.index
        for k in set(keys):
            hit = index.get(k)
            if hit is not None:
                wanted.setdefault(hit[0], []).append((k, hit[1]))
        out = {}
        vocab = cache_vocab() if wanted else None
        for stem, items in sorted(wanted.items()):
            path = self.dir / f"{stem}.spacy"
            try:
                docs = docs_from_bytes(path.read_bytes(), vocab)
                n_keys = sum(1 for v in index.values() if v[0] == stem)
                if len(docs) < n_keys:
                    raise ValueError(f"{len(docs)} docs for {n_keys} keys")
            except Exception as exc:  # corrupt / truncated / foreign file
                self._drop(stem, f"unreadable ({type(exc).__name__}: {str(exc)[:80]})")
                for k in [k for k, v in index.items() if v[0] == stem]:
                    del index[k]
                continue
            for k, pos in items:
                out[k] = docs[pos]
        return out

    def put_many(self, keys: list[str], docs: list) -> None:
        """Store Docs under their keys (files of at most :data:`MAX_DOCS_PER_FILE` docs)."""
        if not keys:
            return
        self.dir.mkdir(parents=True, exist_ok=True)
        meta_path = self.dir / "meta.json"
        if not meta_path.exists():
            atomic_write_bytes(meta_path, json.dumps(self.meta, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))
        index = self.index
        for i in range(0, len(keys), MAX_DOCS_PER_FILE):
            part_keys = keys[i: i + MAX_DOCS_PER_FILE]
            part_docs = docs[i: i + MAX_DOCS_PER_FILE]
            stem = hashlib.sha256("\n".join(part_keys).encode("ascii")).hexdigest()[:24]
            atomic_write_bytes(self.dir / f"{stem}.spacy", docs_to_bytes(part_docs))
            atomic_write_bytes(self.dir / f"{stem}.keys.json", json.dumps(part_keys).encode("ascii"))
            for pos, k in enumerate(part_keys):
                index.setdefault(k, (stem, pos))
        log.debug("cache: stored %d docs in %s", len(keys), self.dir)
