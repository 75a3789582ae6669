"""The pseudonymisation key: original ↔ pseudonym, kept outside the repository.

File format (JSON, or YAML when the name ends in .yaml / .yml)::

    {"version": 1,
     "salt": "<random hex, per key file>",
     "entries": [{"id": "k3f9…", "kind": "person", "pseudonym": "人物A",
                  "original": "山田太郎", "aliases": [], "role": ""}, …],
     "ignore": []}

- ``id`` is a salted sha256 of kind + original (stable, reveals nothing without the salt).
- ``role`` (児童, 保護者, 担任 …) and ``aliases`` (other spellings of the same person or
  school) are for the researcher to edit; roles appear in the publishable report.
- A researcher may add an entry with only ``kind`` and ``original`` (e.g. a name from the
  review queue): it gets an id and the next pseudonym on the next run.
- ``ignore`` lists strings that are not personal data (false alarms): never flagged again.

The file is created with owner-only permissions (0o600, folder 0o700), written atomically,
and never logged. A key path inside the repository is refused.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import stat
import tempfile
from pathlib import Path

from futoko_research.errors import PersonalDataError
from futoko_research.privacy.lexicon import KINDS, PSEUDONYM_PREFIX
from futoko_research.privacy.text import name_initials, norm_key

KEY_VERSION = 1
KEY_DIR_ENV = "FUTOKO_KEY_DIR"


def letters(n: int) -> str:
    """0 → A, 25 → Z, 26 → AA (bijective base 26)."""
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _letter_index(s: str) -> int:
    n = 0
    for ch in s:
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def default_key_path(project: str | None = None) -> Path:
    """``~/.futoko_research/keys/<project>.json`` (folder overridable with $FUTOKO_KEY_DIR)."""
    from futoko_research.paths import PROJECT_ROOT

    base = Path(os.environ.get(KEY_DIR_ENV) or Path.home() / ".futoko_research" / "keys")
    return base / f"{project or PROJECT_ROOT.name}.json"


def check_key_path(path: str | Path, *, allow_inside_repo: bool = False) -> Path:
    """Resolve ``path``; refuse one inside the repository unless explicitly allowed."""
    from futoko_research.paths import PROJECT_ROOT

    p = Path(path).expanduser().resolve()
    root = PROJECT_ROOT.resolve()
    if not allow_inside_repo and (p == root or root in p.parents):
        raise PersonalDataError(
            f"{p}: the pseudonymisation key must live outside the repository ({root}); "
            f"use e.g. {default_key_path()}"
        )
    return p


class KeyStore:
    """An in-memory key file; :meth:`save` writes it back with owner-only permissions."""

    def __init__(self, path: Path, salt: str, entries: list[dict], ignore: list[str]):
        self.path = path
        self.salt = salt
        self.entries = entries
        self.ignore = ignore
        self._index: dict[str, dict] = {}
        self.reserved: set[str] = set()
        self._next: dict[str, int] = {k: 0 for k in KINDS}
        self.changed = False
        for e in entries:  # reserve the pseudonyms already given before assigning new ones
            m = re.fullmatch(re.escape(PSEUDONYM_PREFIX[e["kind"]]) + r"([A-Z]+)", e["pseudonym"] or "")
            if m:
                self._next[e["kind"]] = max(self._next[e["kind"]], _letter_index(m.group(1)) + 1)
        for e in entries:
            self._complete(e)

    # -------------------------------------------------------------- loading
    @classmethod
    def load(cls, path: str | Path, *, allow_inside_repo: bool = False, create: bool = True) -> KeyStore:
        """Read the key file at ``path`` (or start an empty one when it does not exist)."""
        p = check_key_path(path, allow_inside_repo=allow_inside_repo)
        if not p.exists():
            if not create:
                raise PersonalDataError(f"{p}: key file not found")
            return cls(p, secrets.token_hex(16), [], [])
        mode = stat.S_IMODE(p.stat().st_mode)
        if mode & 0o077:
            raise PersonalDataError(
                f"{p}: key file is readable by others (mode {mode:o}); run: chmod 600 {p}"
            )
        try:
            raw = p.read_text(encoding="utf-8")
            if p.suffix.lower() in (".yaml", ".yml"):
                import yaml

                data = yaml.safe_load(raw) or {}
            else:
                data = json.loads(raw) if raw.strip() else {}
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            raise PersonalDataError(f"{p}: cannot read the key file ({type(exc).__name__})") from None
        if not isinstance(data, dict) or not isinstance(data.get("entries", []), list):
            raise PersonalDataError(f"{p}: not a key file (expected a mapping with 'entries')")
        entries = []
        for i, e in enumerate(data.get("entries") or [], start=1):
            if not isinstance(e, dict) or not str(e.get("original") or "").strip():
                raise PersonalDataError(f"{p}: entry {i} has no 'original'")
            kind = e.get("kind", "person")
            if kind not in KINDS:
                raise PersonalDataError(f"{p}: entry {i}: unknown kind {kind!r} (use {', '.join(KINDS)})")
            entries.append({
                "id": e.get("id") or "", "kind": kind, "pseudonym": e.get("pseudonym") or "",
                "original": str(e["original"]), "aliases": [str(a) for a in e.get("aliases") or []],
                "role": str(e.get("role") or ""),
            })
        salt = str(data.get("salt") or secrets.token_hex(16))
        store = cls(p, salt, entries, [str(s) for s in data.get("ignore") or []])
        store.changed = store.changed or not data.get("salt")
        return store

    def _complete(self, e: dict) -> None:
        prefix = PSEUDONYM_PREFIX[e["kind"]]
        m = re.fullmatch(re.escape(prefix) + r"([A-Z]+)", e["pseudonym"] or "")
        if m:
            self._next[e["kind"]] = max(self._next[e["kind"]], _letter_index(m.group(1)) + 1)
        else:
            e["pseudonym"] = ""
        if not e["id"]:
            e["id"] = self._hash(e["kind"], e["original"])
            self.changed = True
        for s in [e["original"], *e["aliases"]]:
            self._index.setdefault(norm_key(s), e)
        if not e["pseudonym"]:
            self._assign(e)

    def _assign(self, e: dict) -> None:
        """Give ``e`` the next free pseudonym of its kind. A person's pseudonym never uses a
        letter that could be the person's real initial (佐藤 is never 人物S; see
        :func:`~futoko_research.privacy.text.name_initials`); a letter skipped for one person
        goes to the next."""
        k = e["kind"]
        prefix = PSEUDONYM_PREFIX[k]
        banned: set[str] = set()
        if k == "person":
            for s in [e["original"], *e.get("aliases", [])]:
                banned |= name_initials(s)
        used = {x["pseudonym"] for x in self.entries if x["kind"] == k and x is not e} | self.reserved
        i = self._next[k]
        while prefix + letters(i) in used or set(letters(i)) & banned:
            i += 1
        e["pseudonym"] = prefix + letters(i)
        used.add(e["pseudonym"])
        while prefix + letters(self._next[k]) in used:
            self._next[k] += 1
        self.changed = True

    def add_alias(self, entry: dict, alias: str) -> None:
        """Record ``alias`` (initials such as Ｓ．Ｋ, another spelling) as the same person/thing."""
        if self.lookup(alias) is None and alias.strip():
            entry.setdefault("aliases", []).append(alias)
            self._index[norm_key(alias)] = entry
            self.changed = True

    def reserve(self, pseudonyms) -> None:
        """Never give out these pseudonyms (they already occur in the text as something else)."""
        self.reserved.update(pseudonyms)

    def _hash(self, kind: str, original: str) -> str:
        h = hashlib.sha256(f"{self.salt}\0{kind}\0{norm_key(original)}".encode()).hexdigest()
        return "k" + h[:16]

    # -------------------------------------------------------------- use
    def lookup(self, original: str) -> dict | None:
        """The entry whose original or alias equals ``original`` (NFKC, spaces ignored)."""
        return self._index.get(norm_key(original))

    def add(self, kind: str, original: str) -> dict:
        """Return the entry for ``original``, creating it with the next pseudonym of ``kind``."""
        found = self.lookup(original)
        if found is not None:
            return found
        e = {"id": self._hash(kind, original), "kind": kind, "pseudonym": "", "original": original,
             "aliases": [], "role": ""}
        self._assign(e)
        self.entries.append(e)
        self._index[norm_key(original)] = e
        return e

    def originals(self) -> list[tuple[str, dict]]:
        """Every original and alias with its entry, longest first."""
        pairs = [(s, e) for e in self.entries for s in [e["original"], *e["aliases"]] if s.strip()]
        return sorted(pairs, key=lambda p: (-len(p[0]), p[0]))

    def is_ignored(self, s: str) -> bool:
        return norm_key(s) in {norm_key(x) for x in self.ignore}

    def to_dict(self) -> dict:
        return {"version": KEY_VERSION, "salt": self.salt, "entries": self.entries, "ignore": self.ignore}

    def save(self) -> Path:
        """Write the key atomically with permissions 0o600 (folder created 0o700)."""
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if self.path.suffix.lower() in (".yaml", ".yml"):
            import yaml

            text = yaml.safe_dump(self.to_dict(), allow_unicode=True, sort_keys=False)
        else:
            text = json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n"
        write_private_text(self.path, text)
        self.changed = False
        return self.path


def write_private_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, readable by the owner only (0o600)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
        os.chmod(path, 0o600)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
