"""The HTML report of a run: each executed notebook as HTML, and one index page linking them all.

:func:`export_notebook_html` writes ``NN_name.html`` beside an executed ``NN_name.ipynb`` with
nbconvert's ``HTMLExporter`` (its "lab" look; figures are in the notebook as ``data:`` URIs, and
the template :data:`NOTEBOOK_TEMPLATE` drops the scripts nbconvert would fetch from a CDN), so a
page opens without network. :func:`write_index` writes ``output_root/index.html``: for each
output tree (the real corpus at ``output_root``, the SYNTHETIC demo at ``output_root/demo``) each
year's notebooks, figures (thumbnails) and tables, and the run manifest's parameters, versions
and input hashes, from the Jinja2 template :data:`INDEX_TEMPLATE`. :func:`check_links` reads a
page with :mod:`html.parser` and returns every link that does not resolve to a file.

Every page is a pure function of the files it describes: no time, no absolute path, sorted
listings, so a rerun writes the same bytes.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from futoko_research.io import atomic_write_text
from futoko_research.paths import RESOURCES_DIR
from futoko_research.pipeline.provenance import DEMO_SUBDIR, INDEX_FILE, MANIFEST_FILE
from futoko_research.vocab import YEAR_ALL, YEAR_UNKNOWN

logger = logging.getLogger("futoko_research")

#: the SYNTHETIC demo corpus's output tree, inside the real one
DEMO_DIR = DEMO_SUBDIR
REAL_LABEL = "実データ / real data"
DEMO_LABEL = "SYNTHETIC デモ / demo (synthetic)"
#: nbconvert template (in :data:`~futoko_research.paths.RESOURCES_DIR`) of a notebook page
NOTEBOOK_TEMPLATE = "report_notebook.html.j2"
#: Jinja2 template (in :data:`~futoko_research.paths.RESOURCES_DIR`) of the index page
INDEX_TEMPLATE = "report_index.html.j2"
FIGURE_SUFFIXES = (".png", ".svg")
#: elements whose attribute the browser loads when the page opens (must not need the network)
LOADED_ATTRIBUTES = {("img", "src"), ("script", "src"), ("link", "href"), ("iframe", "src"),
                     ("source", "src"), ("video", "src"), ("audio", "src"), ("embed", "src")}
RE_YEAR = re.compile(r"\d{4}")


# --- notebook pages -------------------------------------------------------------------------------


def notebook_html(executed: Path) -> str:
    """An executed notebook as one self-contained HTML page (nbconvert's ``HTMLExporter``).

    Parameters
    ----------
    executed : Path
        An executed notebook (``.ipynb``).

    Returns
    -------
    str
        The page: nbconvert's "lab" template without CDN scripts (:data:`NOTEBOOK_TEMPLATE`);
        images of markdown cells embedded as ``data:`` URIs like the outputs' figures.
    """
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab", extra_template_paths=[str(RESOURCES_DIR)],
                            template_file=NOTEBOOK_TEMPLATE, embed_images=True)
    nb = nbformat.read(executed, as_version=4)
    body, _ = exporter.from_notebook_node(
        nb, resources={"metadata": {"name": executed.stem, "path": str(executed.parent)}})
    return body if body.endswith("\n") else body + "\n"


def export_notebook_html(executed: Path) -> Path:
    """Write ``<stem>.html`` beside an executed notebook (atomically); returns its path.

    The bytes depend only on the notebook's content (not on its folder or the time), so
    exporting the same notebook twice writes the same file.
    """
    executed = Path(executed)
    target = executed.with_suffix(".html")
    atomic_write_text(target, notebook_html(executed))
    return target


# --- what an output tree holds --------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """One file of a listing: the text shown and the relative URL (from the index)."""

    text: str
    href: str


@dataclass(frozen=True)
class NotebookEntry:
    """An executed notebook of a year: its name, the page (None when not exported) and the .ipynb."""

    name: str
    html: Link | None
    ipynb: Link


@dataclass(frozen=True)
class FileGroup:
    """Files of one stem (``02_word_mds``) in different formats; ``thumbnail`` for figures."""

    stem: str
    files: tuple[Link, ...]
    thumbnail: Link | None = None


@dataclass(frozen=True)
class YearListing:
    """One year's folder of an output tree."""

    year: str
    anchor: str
    status: str | None
    notebooks: tuple[NotebookEntry, ...]
    figures: tuple[FileGroup, ...]
    tables: tuple[FileGroup, ...]


@dataclass(frozen=True)
class TreeListing:
    """One output tree (one corpus, one run manifest) as the index shows it."""

    label: str
    anchor: str
    is_synthetic: bool
    years: tuple[YearListing, ...]
    parameters: tuple[tuple[str, str], ...]
    versions: tuple[tuple[str, str], ...]
    inputs: tuple[dict, ...]
    manifest: Link
    notes: tuple[str, ...] = field(default_factory=tuple)


def href(path: Path, base: Path) -> str:
    """The relative URL of ``path`` from the folder ``base`` (POSIX, percent-encoded)."""
    return quote(Path(os.path.relpath(path, base)).as_posix())


def year_sort_key(name: str) -> tuple[int, str]:
    """Order of year folders: ``all``, the fiscal years in order, ``unknown``, anything else."""
    if name == YEAR_ALL:
        return (0, name)
    if RE_YEAR.fullmatch(name):
        return (1, name)
    return (2, name) if name == YEAR_UNKNOWN else (3, name)


def is_listed(path: Path) -> bool:
    """False for hidden entries and failed attempts (``<year>.failed``)."""
    return not path.name.startswith(".") and not path.name.endswith(".failed")


def year_folders(tree: Path, *, skip: Sequence[Path] = ()) -> list[Path]:
    """The year folders of an output tree: sub-folders holding notebooks, ``figures/`` or ``tables/``.

    Hidden folders, ``*.failed`` attempts, folders of ``skip`` (other trees nested inside this
    one) and folders with their own run manifest are left out.
    """
    skipped = {p.resolve() for p in skip}
    out = []
    for path in tree.iterdir():
        if not path.is_dir() or not is_listed(path) or path.resolve() in skipped or (path / MANIFEST_FILE).exists():
            continue
        if any(path.glob("*.ipynb")) or (path / "figures").is_dir() or (path / "tables").is_dir():
            out.append(path)
    return sorted(out, key=lambda p: year_sort_key(p.name))


def file_groups(folder: Path, base: Path, *, thumbnail_suffix: str | None = None) -> tuple[FileGroup, ...]:
    """The files of ``folder`` grouped by stem, each group's formats sorted (links relative to ``base``)."""
    if not folder.is_dir():
        return ()
    by_stem: dict[str, list[Path]] = {}
    for path in folder.iterdir():
        if path.is_file() and is_listed(path):
            by_stem.setdefault(path.stem, []).append(path)
    groups = []
    for stem in sorted(by_stem):
        files = sorted(by_stem[stem], key=lambda p: p.suffix)
        thumb = next((p for p in files if p.suffix == thumbnail_suffix), None) if thumbnail_suffix else None
        groups.append(FileGroup(
            stem=stem,
            files=tuple(Link(p.suffix.lstrip("."), href(p, base)) for p in files),
            thumbnail=Link(thumb.name, href(thumb, base)) if thumb else None,
        ))
    return tuple(groups)


def list_year(folder: Path, base: Path, *, anchor: str, status: str | None) -> YearListing:
    """What one year's folder holds (links relative to ``base``, the index's folder)."""
    notebooks = tuple(
        NotebookEntry(
            name=nb.stem,
            html=Link("HTML", href(nb.with_suffix(".html"), base)) if nb.with_suffix(".html").is_file() else None,
            ipynb=Link("ipynb", href(nb, base)),
        )
        for nb in sorted(folder.glob("*.ipynb")) if is_listed(nb)
    )
    figures = tuple(g for g in file_groups(folder / "figures", base, thumbnail_suffix=".png")
                    if any(f.text in {s.lstrip(".") for s in FIGURE_SUFFIXES} for f in g.files))
    return YearListing(year=folder.name, anchor=anchor, status=status, notebooks=notebooks,
                       figures=figures, tables=file_groups(folder / "tables", base))


def read_manifest(tree: Path) -> dict | None:
    """The run manifest of an output tree, or None (with the reason logged) when missing or unreadable."""
    path = tree / MANIFEST_FILE
    if not path.is_file():
        logger.warning("report: %s: no %s, tree left out of the index (run 'futoko-research run' "
                       "with --output-dir %s first)", tree, MANIFEST_FILE, tree)
        return None
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        logger.warning("report: %s: unreadable (%s), tree left out of the index", path, exc)
        return None
    if not isinstance(manifest, dict):
        logger.warning("report: %s: not a JSON object, tree left out of the index", path)
        return None
    return manifest


#: manifest parameters the index shows (absolute paths are left out: they name the machine)
SHOWN_PARAMETERS = ("years", "notebooks", "steps", "coding_method", "link_method", "nlp_profile", "seed", "backend", "kernel",
                    "kernel_environment")


def manifest_parameters(manifest: dict) -> tuple[tuple[str, str], ...]:
    """(name, value as text) of the parameters the index shows, in :data:`SHOWN_PARAMETERS` order."""
    params = manifest.get("parameters") or {}
    out = []
    for key in SHOWN_PARAMETERS:
        if key in params:
            value = params[key]
            out.append((key, value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)))
    nlp = manifest.get("nlp") or {}
    out += [(f"nlp.{k}", str(v)) for k, v in sorted(nlp.items())]
    return tuple(out)


def manifest_inputs(manifest: dict) -> tuple[dict, ...]:
    """One row per hashed input: ``kind`` (raw_files, codebook, …), ``path``, ``sha256``, ``bytes``."""
    rows = []
    for kind, value in sorted((manifest.get("inputs") or {}).items()):
        entries = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
        for entry in sorted(entries, key=lambda e: str(e.get("path", ""))):
            rows.append({"kind": kind, "path": str(entry.get("path", "")), "sha256": str(entry.get("sha256", "")),
                         "bytes": "" if entry.get("bytes") is None else str(entry["bytes"])})
    return tuple(rows)


def list_tree(label: str, tree: Path, base: Path, *, anchor: str, is_synthetic: bool,
              skip: Sequence[Path] = ()) -> TreeListing | None:
    """One output tree as the index shows it, or None when it has no (readable) run manifest."""
    manifest = read_manifest(tree)
    if manifest is None:
        return None
    status = manifest.get("status") or {}
    folders = year_folders(tree, skip=skip)
    years = tuple(list_year(f, base, anchor=f"{anchor}-{f.name}", status=status.get(f.name)) for f in folders)
    notes = tuple(f"{y}: {s}" for y, s in sorted(status.items()) if y not in {f.name for f in folders})
    versions = tuple((k, "—" if v is None else str(v)) for k, v in sorted((manifest.get("versions") or {}).items()))
    return TreeListing(label=label, anchor=anchor, is_synthetic=is_synthetic or manifest.get("synthetic") is True,
                       years=years, parameters=manifest_parameters(manifest), versions=versions,
                       inputs=manifest_inputs(manifest), manifest=Link(MANIFEST_FILE, href(tree / MANIFEST_FILE, base)),
                       notes=notes)


def default_trees(output_root: Path) -> list[tuple[str, Path]]:
    """The real corpus's tree (``output_root``) and the SYNTHETIC demo's (``output_root/demo``)."""
    return [(REAL_LABEL, output_root), (DEMO_LABEL, output_root / DEMO_DIR)]


# --- the index page -------------------------------------------------------------------------------


def render_index(trees: Sequence[TreeListing]) -> str:
    """The index page of the listed trees (Jinja2 template :data:`INDEX_TEMPLATE`, HTML-escaped)."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(RESOURCES_DIR)),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    return env.get_template(INDEX_TEMPLATE).render(trees=trees)


def write_index(output_root: Path, *, trees: Sequence[tuple[str, Path]] | None = None) -> Path:
    """Write ``output_root/index.html`` linking each tree's notebooks, figures, tables and manifest.

    Parameters
    ----------
    output_root : Path
        Folder of the index; links are relative to it.
    trees : sequence of (label, folder), optional
        Output trees to list, in order. Default: :func:`default_trees` (the real corpus at
        ``output_root`` and the SYNTHETIC demo at ``output_root/demo``; an absent default tree
        is left out quietly). A tree without a readable ``run_manifest.json`` is left out, with a warning on the
        ``futoko_research`` logger naming it. The demo folder (and any tree whose manifest has
        ``"synthetic": true``) is drawn as SYNTHETIC; the other trees' folders are never listed
        as years of a tree that contains them.

    Returns
    -------
    Path
        The index written (atomically). Its bytes depend only on the files listed and the
        manifests (sorted; no time, no absolute path).
    """
    output_root = Path(output_root)
    chosen = default_trees(output_root) if trees is None else [(label, Path(p)) for label, p in trees]
    demo = (output_root / DEMO_DIR).resolve()
    roots = [p for _, p in chosen] + [output_root / DEMO_DIR]
    listings = []
    for i, (label, tree) in enumerate(chosen):
        if not tree.is_dir():  # the default demo tree is absent after a run without --demo: no warning
            (logger.info if trees is None else logger.warning)(
                "report: %s: no such folder, tree %r left out of the index", tree, label)
            continue
        others = [r for r in roots if r.resolve() != tree.resolve()]
        listing = list_tree(label, tree, output_root, anchor=f"tree{i}", is_synthetic=tree.resolve() == demo,
                            skip=others)
        if listing is not None:
            listings.append(listing)
    target = output_root / INDEX_FILE
    atomic_write_text(target, render_index(listings))
    return target


# --- link check -----------------------------------------------------------------------------------


class LinkCollector(HTMLParser):
    """Collects (tag, attribute, value) of every ``href`` / ``src`` and every element ``id``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src"):
                self.links.append((tag, name, value))
            elif name in ("id", "name"):
                self.ids.add(value)

    handle_startendtag = handle_starttag


def read_links(page: Path) -> LinkCollector:
    """The links and ids of an HTML page."""
    collector = LinkCollector()
    collector.feed(page.read_text(encoding="utf-8"))
    collector.close()
    return collector


def page_problems(page: Path, *, root: Path) -> Iterator[tuple[str, Path | None]]:
    """(problem, local page linked) for each link of ``page``; problem is "" when the link resolves.

    A link resolves when it is a ``data:`` URI, an anchor of an element of the page, a relative
    path to an existing file (anchor and query ignored), or a link to another site that the
    browser only follows on a click (``<a href="https://…">``). Anything the browser would load
    from the network when the page opens, and absolute local paths, do not resolve.
    """
    collected = read_links(page)
    name = Path(os.path.relpath(page, root)).as_posix()
    for tag, attr, value in collected.links:
        url = urlsplit(value.strip())
        where = f"{name}: <{tag} {attr}={value!r}>"
        if url.scheme == "data" or url.scheme in ("mailto", "javascript"):
            yield "", None
        elif url.scheme or url.netloc:
            loaded = (tag, attr) in LOADED_ATTRIBUTES
            yield (f"{where}: loaded from the network" if loaded else ""), None
        elif not url.path:
            ok = not url.fragment or url.fragment in collected.ids or unquote(url.fragment) in collected.ids
            yield ("" if ok else f"{where}: no element with this id"), None
        elif url.path.startswith("/"):
            yield f"{where}: absolute path (links must be relative)", None
        else:
            target = (page.parent / unquote(url.path))
            if target.is_file():
                yield "", target
            else:
                yield f"{where}: no such file {Path(os.path.relpath(target, root)).as_posix()}", None


def check_links(index: Path, *, follow: bool = True) -> list[str]:
    """Every link of ``index`` (and, with ``follow``, of the local HTML pages it links) that does not resolve.

    Parameters
    ----------
    index : Path
        An HTML page, e.g. ``papermill/output/index.html``.
    follow : bool
        Also check the ``.html`` pages the index links to (one level: the notebook pages).

    Returns
    -------
    list of str
        One line per broken link: the page (relative to the index's folder), the element and
        why (no such file, no such anchor, loaded from the network, absolute path); empty
        when every link resolves. See :func:`page_problems` for what resolves.
    """
    index = Path(index)
    root = index.parent
    broken: list[str] = []
    pages: set[Path] = set()
    for problem, target in page_problems(index, root=root):
        if problem:
            broken.append(problem)
        elif target is not None and target.suffix == ".html" and target.resolve() != index.resolve():
            pages.add(target)
    if follow:
        for page in sorted(pages):
            broken += [problem for problem, _ in page_problems(page, root=root) if problem]
    return broken
