"""Labels that do not overlap: a small deterministic repel, and a check that counts overlaps.

adjustText is not a dependency; this is a plain iterative separation of text bounding boxes in
display space (pixels), in a fixed order, so the same figure always gets the same placement.
"""

from __future__ import annotations

import numpy as np


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
