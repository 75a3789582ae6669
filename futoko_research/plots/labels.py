"""Labels that fit: a small deterministic repel, titles wrapped to the figure, and checks for tests.

adjustText is not a dependency; :func:`repel_labels` is a plain iterative separation of text
bounding boxes in display space (pixels), in a fixed order, so the same figure always gets the
same placement. :func:`wrap_to_width` / :func:`fit_title` break long (Japanese) titles into lines
that fit the Axes (matplotlib's ``wrap=True`` breaks only at spaces, which Japanese has few of).
:func:`count_label_overlaps` and :func:`texts_outside_figure` are the checks the tests use.
"""

from __future__ import annotations

import functools
import unicodedata
import weakref

import numpy as np

#: width of a half-width character in em (DejaVu Sans averages about 0.55–0.6 em)
HALF_WIDTH_EM = 0.6
#: break a line after these characters (or before an opening bracket) when it must be wrapped
BREAK_AFTER = (" ", "、", "，", ",", "：", ":", "；", ";", "・", "）", ")", "/")
BREAK_BEFORE = ("（", "(", "[", "［", "「")
#: the separator of a bilingual label (``日本語 / English``): the first place to break a long line
SEPARATOR = " / "


def _boxes(texts, renderer, pad: float) -> np.ndarray:
    out = np.empty((len(texts), 4))
    for i, t in enumerate(texts):
        b = t.get_window_extent(renderer)
        out[i] = (b.x0 - pad, b.y0 - pad, b.x1 + pad, b.y1 + pad)
    return out


def repel_labels(ax, x, y, labels, *, fontsize: float = 9.0, pad: float = 2.5, max_iter: int = 600,
                 offset: float = 0.0, leader: bool = True, point_radius: float = 0.0, **text_kw) -> list:
    """Write ``labels`` at (x, y) in data coordinates and move them apart until no two overlap.

    ``offset`` (pixels) starts each label that far above its point (0 = centred on it, as on
    network nodes). The axes limits are frozen first (so moving labels does not rescale the
    plot); labels are kept inside the axes. A label moved away from its start gets a thin grey
    leader line to its point. ``point_radius`` (pixels, > 0) also keeps every label off the other
    labels' points (markers stay visible) during the first third of the iterations; after that only
    label-label overlaps are resolved, so labels never overlap each other. Returns the Text objects.
    """
    fig = ax.get_figure(root=True)
    ax.set_xlim(ax.get_xlim())
    ax.set_ylim(ax.get_ylim())
    texts = [ax.text(float(a), float(b), str(s), ha="center", va="center", fontsize=fontsize, zorder=5, **text_kw)
             for a, b, s in zip(x, y, labels, strict=True)]
    if len(texts) < 1:
        return texts
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    to_data = ax.transData.inverted()
    anchors = ax.transData.transform(np.column_stack([np.asarray(x, float), np.asarray(y, float)]))
    boxes = _boxes(texts, renderer, pad)
    half = np.column_stack([(boxes[:, 2] - boxes[:, 0]) / 2, (boxes[:, 3] - boxes[:, 1]) / 2])
    centre = anchors.copy()
    if offset:
        centre[:, 1] += offset + half[:, 1]
    start = centre.copy()
    frame = ax.get_window_extent(renderer)
    for it in range(max_iter):
        moved = False
        for i in range(len(texts)):
            for j in range(i + 1, len(texts)):
                dx = centre[j, 0] - centre[i, 0]
                dy = centre[j, 1] - centre[i, 1]
                ox = half[i, 0] + half[j, 0] - abs(dx)
                oy = half[i, 1] + half[j, 1] - abs(dy)
                if ox <= 0 or oy <= 0:
                    continue
                moved = True
                if oy <= ox:  # separate vertically: the cheaper move for wide Japanese labels
                    s = 1.0 if dy > 0 or (dy == 0 and i % 2 == 0) else -1.0
                    centre[i, 1] -= s * (oy / 2 + 0.5)
                    centre[j, 1] += s * (oy / 2 + 0.5)
                else:
                    s = 1.0 if dx > 0 or (dx == 0 and i % 2 == 0) else -1.0
                    centre[i, 0] -= s * (ox / 2 + 0.5)
                    centre[j, 0] += s * (ox / 2 + 0.5)
        if point_radius > 0 and it < max_iter // 3:  # then labels apart from each other has priority
            for i in range(len(texts)):
                for j in range(len(texts)):
                    if i == j:
                        continue
                    dx = centre[i, 0] - anchors[j, 0]
                    dy = centre[i, 1] - anchors[j, 1]
                    ox = half[i, 0] + point_radius - abs(dx)
                    oy = half[i, 1] + point_radius - abs(dy)
                    if ox <= 0 or oy <= 0:
                        continue
                    moved = True
                    if oy <= ox:
                        centre[i, 1] += (1.0 if dy >= 0 else -1.0) * (oy + 0.5)
                    else:
                        centre[i, 0] += (1.0 if dx >= 0 else -1.0) * (ox + 0.5)
        centre[:, 0] = np.clip(centre[:, 0], frame.x0 + half[:, 0], frame.x1 - half[:, 0])
        centre[:, 1] = np.clip(centre[:, 1], frame.y0 + half[:, 1], frame.y1 - half[:, 1])
        if not moved:
            break
    for t, c, a, c0 in zip(texts, centre, anchors, start, strict=True):
        t.set_position(to_data.transform(c))
        if leader and np.hypot(*(c - c0)) > 12:
            p, q = to_data.transform(a), to_data.transform(c)
            ax.plot([p[0], q[0]], [p[1], q[1]], color="#999999", linewidth=0.5, zorder=4)
    return texts


def count_label_overlaps(ax) -> int:
    """Number of pairs of text labels in the data area of ``ax`` whose boxes overlap (a check for tests)."""
    fig = ax.get_figure(root=True)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    texts = [t for t in ax.texts if t.get_text()]
    boxes = _boxes(texts, renderer, 0.0)
    n = 0
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            if (min(boxes[i, 2], boxes[j, 2]) - max(boxes[i, 0], boxes[j, 0]) > 0.5
                    and min(boxes[i, 3], boxes[j, 3]) - max(boxes[i, 1], boxes[j, 1]) > 0.5):
                n += 1
    return n


def text_width_em(text: str) -> float:
    """Estimated width of one line of ``text`` in em: full-width characters 1, others :data:`HALF_WIDTH_EM`."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else HALF_WIDTH_EM for ch in text)


def _wrap_line(line: str, max_em: float) -> list[str]:
    out: list[str] = []
    while text_width_em(line) > max_em:
        used, last_break, last_sep = 0.0, -1, -1
        for i, ch in enumerate(line):
            used += text_width_em(ch)
            if used > max_em:
                break
            if ch in BREAK_AFTER:
                last_break = i + 1
            elif ch in BREAK_BEFORE and i > 0:
                last_break = i
            if line.startswith(SEPARATOR, i) and text_width_em(line[:i + len(SEPARATOR)]) <= max_em:
                last_sep = i + len(SEPARATOR)
        if last_sep > 0 and text_width_em(line[:last_sep]) >= 0.4 * max_em:
            last_break = last_sep  # Japanese / English: break between the two languages first
        cut = last_break if last_break > 0 else max(i, 1)
        out.append(line[:cut].rstrip())
        line = line[cut:].lstrip()
    return [*out, line] if line else out


def wrap_to_width(text: str, width_in: float, fontsize: float) -> str:
    """Break ``text`` into lines no wider than ``width_in`` inches at ``fontsize`` points.

    Existing line breaks are kept. A line is broken first after a `` / `` between the Japanese
    and the English part (when that leaves the line at least 40 % full), else after a space, comma, colon, ``・``, ``/`` or
    closing bracket, or before an opening bracket, when one falls on the line; otherwise between
    two characters (fine for Japanese). Widths are estimated from the characters' East Asian
    width (:func:`text_width_em`), so the result does not need a renderer and is deterministic.
    """
    max_em = max(width_in * 72.0 / float(fontsize), 4.0)
    return "\n".join(part for line in text.split("\n") for part in _wrap_line(line, max_em))


#: the unwrapped text of each title set by fit_title (so fit_titles can wrap it again)
_UNWRAPPED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
#: share of the measured room a title may fill (text drawn at 150 dpi is up to ~1 % wider than at 100)
TITLE_FILL = 0.96


def fit_title(ax, title: str | None, *, fontsize: float | None = None, **kwargs):
    """Set ``title`` on ``ax``, wrapped to the figure's width; :func:`fit_titles` narrows it to the layout.

    ``None`` or ``""`` clears the title. Returns the title Text.

    Notes
    -----
    Constrained layout does not make room for a title wider than its Axes (it counts a title
    only as wide as the Axes), so a long title runs off the figure. This first wrap uses the
    figure's width less 0.3 in; :func:`fit_titles`, run by :func:`fits_titles` when a plot function
    returns, wraps it again to the room the laid-out Axes leaves around its centre.
    """
    import matplotlib as mpl
    from matplotlib.font_manager import FontProperties

    if not title:
        return ax.set_title("")
    fig = ax.get_figure(root=True)
    size = fontsize if fontsize is not None else FontProperties(size=mpl.rcParams["axes.titlesize"]).get_size_in_points()
    width = max(fig.get_figwidth() - 0.3, 1.0)
    text = ax.set_title(wrap_to_width(title, width, size), fontsize=size, **kwargs)
    _UNWRAPPED[text] = title
    return text


def fit_titles(fig, *, margin_in: float = 0.08) -> None:
    """Lay ``fig`` out and wrap every title set by :func:`fit_title` to the room around its Axes' centre.

    A title is centred on its Axes; it fits when half its width is at most the distance from the
    Axes' centre to the nearer figure edge (less ``margin_in``). The text is measured with the
    figure's renderer and wrapped again (at most four times) until it fits; the layout then runs
    once more for the new title height.
    """
    engine = fig.get_layout_engine()
    renderer = fig.canvas.get_renderer()
    if engine is not None:
        engine.execute(fig)
    changed = False
    for ax in fig.axes:
        title = ax.title
        original = _UNWRAPPED.get(title)
        if not original:
            continue
        box = ax.get_window_extent(renderer)
        centre = (box.x0 + box.x1) / 2
        room = (2 * min(centre - fig.bbox.x0, fig.bbox.x1 - centre) - 2 * margin_in * fig.dpi) * TITLE_FILL
        size = title.get_fontsize()
        for _ in range(4):
            width = title.get_window_extent(renderer).width
            if width <= room:
                break
            estimate = max(text_width_em(line) for line in title.get_text().split("\n")) * size / 72.0
            scale = estimate / (width / fig.dpi) if width > 0 else 1.0
            title.set_text(wrap_to_width(original, max(room, fig.dpi) / fig.dpi * scale, size))
            changed = True
    if changed and engine is not None:
        engine.execute(fig)


def fits_titles(plot):
    """Decorator of a ``plot_*`` function: :func:`fit_titles` on the figure of the Axes it returns."""

    @functools.wraps(plot)
    def wrapper(*args, **kwargs):
        ax = plot(*args, **kwargs)
        fit_titles(ax.get_figure(root=True))
        return ax

    return wrapper


def texts_outside_figure(fig, *, tolerance: float = 1.0) -> list[str]:
    """Texts of ``fig`` that reach past the figure's edge (a check for tests); empty when all fit.

    Draws the figure, then checks every visible, non-empty Text with its renderer's window extent
    (titles, axis labels, annotations, legend entries, figure texts) and, for each axis, the box of
    the tick labels actually drawn (:meth:`matplotlib.axis.Axis.get_tightbbox`). ``tolerance`` is
    in pixels. Returns one description per offending text.
    """
    from matplotlib.text import Text

    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    frame = fig.bbox

    def outside(b) -> bool:
        return (b.x0 < frame.x0 - tolerance or b.y0 < frame.y0 - tolerance
                or b.x1 > frame.x1 + tolerance or b.y1 > frame.y1 + tolerance)

    bad: list[str] = []
    on_axis: set[int] = set()
    for ax in fig.axes:
        for name, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
            on_axis.update(id(t) for t in axis.findobj(Text))
            if not axis.get_visible():
                continue
            box = axis.get_tightbbox(renderer)
            if box is not None and outside(box):
                bad.append(f"{name} axis (tick labels or label) of the Axes titled {ax.get_title()!r}")
    for t in fig.findobj(Text):
        if id(t) in on_axis or not t.get_visible() or not t.get_text().strip():
            continue
        if outside(t.get_window_extent(renderer)):
            bad.append(repr(t.get_text()))
    return bad
