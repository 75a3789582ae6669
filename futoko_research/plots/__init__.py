"""Figures: Japanese font set-up once, and deterministic saving (PNG + SVG).

Plot helpers (``plot_*(df, *, ax=None) -> Axes``) live in the submodules by topic
(:mod:`.text`, :mod:`.coding`, :mod:`.analysis`, :mod:`.national`; :mod:`.analysis` gathers
:mod:`.association_heatmap`, :mod:`.forest`, :mod:`.link_diagram` and :mod:`.prevalence`); they
draw and return the Axes, never show or save. :func:`save_figure` writes PNG and SVG byte-identically on a rerun.
"""

from __future__ import annotations

import functools
from pathlib import Path

import matplotlib

matplotlib.use("Agg", force=False)

import matplotlib.pyplot as plt  # noqa: E402

SVG_HASHSALT = "futoko_research"
FONT_FAMILY = ["IPAexGothic", "DejaVu Sans"]


@functools.cache
def setup_japanese_font() -> None:
    """Use matplotlib-fontja's IPAexGothic (DejaVu Sans as fallback) and deterministic output."""
    import matplotlib_fontja

    matplotlib_fontja.japanize()
    apply_rcparams()


def apply_rcparams() -> None:
    """(Re)apply the package's rcParams; call again after ``plt.style.use``."""
    import matplotlib_fontja

    matplotlib_fontja.japanize()
    plt.rcParams["font.family"] = FONT_FAMILY
    plt.rcParams["svg.hashsalt"] = SVG_HASHSALT
    plt.rcParams["svg.fonttype"] = "path"
    plt.rcParams["axes.unicode_minus"] = False
    plt.rcParams["figure.dpi"] = 100
    plt.rcParams["savefig.dpi"] = 150


def new_figure(width: float = 7.0, height: float = 4.5):
    """A new (fig, ax) with the Japanese font set up."""
    setup_japanese_font()
    return plt.subplots(figsize=(width, height), layout="constrained")


def get_ax(ax=None, width: float = 7.0, height: float = 4.5):
    """Return ``ax`` or a new Axes on a new figure."""
    if ax is not None:
        return ax
    _, ax = new_figure(width, height)
    return ax


def save_figure(fig, path: str | Path, *, formats: tuple[str, ...] = ("png", "svg"), close: bool = False) -> list[Path]:
    """Save ``fig`` as ``path.png`` and ``path.svg`` deterministically.

    ``path`` is given without suffix (a suffix is replaced). Metadata that would change
    between runs (dates, software version) is removed and the SVG hash salt is fixed.
    """
    from futoko_research.plots.labels import fit_titles

    setup_japanese_font()
    fit_titles(fig)  # wrap titles to the final layout (a caller may have added to the figure)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    base = path.with_suffix("") if path.suffix in (".png", ".svg", ".pdf") else path
    written = []
    meta = {
        "png": {"Software": None},
        "svg": {"Date": None, "Creator": None},
        "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
    }
    with plt.rc_context({"svg.hashsalt": SVG_HASHSALT}):
        for fmt in formats:
            out = base.with_suffix(f".{fmt}")
            fig.savefig(out, format=fmt, metadata=meta.get(fmt))
            written.append(out)
    if close:
        plt.close(fig)
    return written
