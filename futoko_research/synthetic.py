"""A labelled SYNTHETIC corpus of case-sheet reports with planted intervention → outcome effects.

Every file written here is synthetic and says so: file names start with ``synthetic_``, the
manifest has ``synthetic=true`` and a note on every row, and a README.md in the output folder
explains the data. The text itself keeps the real sample's layout exactly (no marker line), so
that :func:`futoko_research.load_reports` parses it like a real report.

Model
-----
For case *i* of fiscal year *t* (centred on the middle year, ``tc``):

- intervention *k*: ``x_ik ~ Bernoulli(expit(logit(rate_k) + trend_k * tc))``;
- outcome *j*: ``y_ij ~ Bernoulli(expit(logit(base_j) + year_j * tc + Σ_k log(OR_kj) * x_ik))``
  with ``OR_kj`` = the planted odds ratio (1 for every pair not in ``effects``).

Because ``OR_kj`` is a conditional (adjusted) odds ratio, the marginal 2×2 odds ratio of a
planted pair is close to but not exactly ``OR_kj`` when other planted effects on the same outcome
are correlated with it; with independent interventions (as here) the difference is small.
The ground truth (parameters, every case's x and y, the sentence of every planted link) is saved
beside the reports as ``truth.json``, ``truth.csv`` (one row per case) and ``truth_effects.csv``.

Modules, one job each (every name is importable from here too):

- :mod:`futoko_research.synthetic_case` — :class:`SyntheticCase`, :func:`case_chars`
- :mod:`futoko_research.synthetic_model` — :data:`DEFAULT_EFFECTS`, :func:`simulate`
- :mod:`futoko_research.synthetic_sentences` — a case's sentences and planted links
- :mod:`futoko_research.synthetic_filler` — real-size cases: :func:`filler_sentence`, :func:`pad_case`
- :mod:`futoko_research.synthetic_layout` — the case-sheet page: :func:`render_case`, :func:`render_report`
- :mod:`futoko_research.synthetic_templates` — the texts and the README
- here — :func:`write_synthetic_corpus` (reports, manifest, truth files, README) and :func:`read_truth`
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from futoko_research.analysis.variables import INTERVENTION_KEYS, OUTCOME_KEYS
from futoko_research.io import atomic_dir
from futoko_research.loaders.blocks import STRUCTURAL_MARKS  # noqa: F401 (re-exported)
from futoko_research.loaders.manifest import MANIFEST_COLUMNS
from futoko_research.synthetic_case import SyntheticCase, case_chars  # noqa: F401 (re-exported)
from futoko_research.synthetic_filler import (  # noqa: F401 (re-exported)
    FILLER_REASON_SHARE,
    FILLER_STATEMENT_CHARS,
    REAL_CHARS_PER_CASE,
    filler_sentence,
    pad_case,
)
from futoko_research.synthetic_layout import (  # noqa: F401 (re-exported)
    ACTIVITY_WIDTH,
    FOCUS_WIDTH,
    GOAL_WIDTH,
    OUTCOME_WIDTH,
    render_case,
    render_report,
    wrap,
)
from futoko_research.synthetic_model import DEFAULT_EFFECTS, DEFAULT_YEARS, SYNTHETIC_NOTE, simulate  # noqa: F401
from futoko_research.synthetic_templates import (  # noqa: F401 (re-exported)
    ACTIVITY_TEMPLATES,
    CAUSE_CLAUSES,
    CAUSE_PHRASES,
    EFFECT_CLAUSES,
    EFFECT_PHRASES,
    FILLER_DONE,
    FILLER_REASON,
    FILLER_TAIL,
    FILLER_TOPIC,
    FILLER_WHEN,
    FILLER_WHO,
    FOCUS_LABELS,
    NEUTRAL_ACTIVITIES,
    NEUTRAL_GOALS,
    NEUTRAL_OUTCOMES,
    README,
    TAGS,
    TITLES,
)
from futoko_research.vocab import CHECKBOX_FORM_LABELS_JA  # noqa: F401 (re-exported)


def write_synthetic_corpus(
    out_dir: str | Path,
    *,
    n_cases: int,
    years: Sequence[int] = DEFAULT_YEARS,
    effects=None,
    seed: int = 0,
    cases_per_file: int = 50,
    chars_per_case: int | None = None,
) -> dict[str, Path | list[Path]]:
    """Write a synthetic corpus (reports, manifest, truth files, README) into ``out_dir``.

    Parameters
    ----------
    out_dir : output folder (created; files are written atomically).
    n_cases : number of cases.
    years : fiscal years to draw from (uniformly).
    effects : planted odds ratios: ``{(intervention, outcome): odds_ratio}`` or a list of
        ``{"intervention", "outcome", "odds_ratio"}`` dicts (default :data:`DEFAULT_EFFECTS`).
    seed : seed of the ``numpy.random.Generator`` (same seed → same bytes).
    cases_per_file : cases per report file (files never mix years).
    chars_per_case : bring every case to about this many characters of statement text with
        neutral filler sentences (:func:`pad_case`; e.g. :data:`REAL_CHARS_PER_CASE` for scale
        runs); None (default) writes the planted sentences alone (≈ 220 characters a case). The
        ground truth is the same either way; the filler is drawn from its own random stream.

    Returns
    -------
    dict with ``reports`` (list of paths), ``manifest``, ``truth_json``, ``truth_csv``,
    ``truth_effects``, ``truth_links``, ``readme``.
    """
    if cases_per_file < 1:
        raise ValueError(f"cases_per_file must be at least 1, not {cases_per_file}")
    if chars_per_case is not None and chars_per_case < 1:
        raise ValueError(f"chars_per_case must be at least 1, not {chars_per_case}")
    cases, truth = simulate(n_cases, years=years, effects=effects, seed=seed)
    if chars_per_case is not None:
        filler_rng = np.random.default_rng([seed, 2])
        for case in cases:
            pad_case(case, filler_rng, chars_per_case)
        truth["chars_per_case"] = chars_per_case
    rng = np.random.default_rng([seed, 1])
    out_dir = Path(out_dir)
    files: list[tuple[str, str, int, list[SyntheticCase]]] = []
    for year in sorted({c.fiscal_year for c in cases}):
        ycases = [c for c in cases if c.fiscal_year == year]
        for k in range(0, len(ycases), cases_per_file):
            chunk = ycases[k:k + cases_per_file]
            sid = f"synthetic_{year}_{k // cases_per_file + 1:03d}"
            files.append((sid, f"{sid}.txt", year, chunk))
    case_rows, link_rows, manifest_rows = [], [], []
    for sid, name, year, chunk in files:
        for n, c in enumerate(chunk, start=1):
            cid = f"{sid}_{n:03d}"
            case_rows.append({"case_id": cid, "file": name, "fiscal_year": year, "municipality": c.municipality,
                              **{f"int_{k}": v for k, v in c.x.items()},
                              **{f"out_{k}": v for k, v in c.y.items()},
                              **{f"cb_{k}": v for k, v in c.checkboxes.items()}, "synthetic": True})
            for li, link in enumerate(c.links):
                link_rows.append({"case_id": cid, "link_no": li + 1, "cause": link["cause"] or "",
                                  "effects": ";".join(link["effects"]), "text": link["text"], "synthetic": True})
        manifest_rows.append({
            "source_id": sid, "path": name, "fiscal_year": year, "region": "架空（合成データ）",
            "publisher": "futoko_research.synthetic (SYNTHETIC)", "source_url": "", "layout": "case_sheet",
            "encoding": "utf-8", "notes": f"{SYNTHETIC_NOTE} (seed={seed})", "personal_data": "none",
            "synthetic": "true",
        })
    eff_rows = [{"intervention": i, "outcome": o,
                 "odds_ratio": next((e["odds_ratio"] for e in truth["effects"]
                                     if e["intervention"] == i and e["outcome"] == o), 1.0),
                 "synthetic": True}
                for i in INTERVENTION_KEYS for o in OUTCOME_KEYS]
    paths: dict[str, Path | list[Path]] = {}
    with atomic_dir(out_dir) as tmp:
        for _sid, name, _year, chunk in files:
            (tmp / name).write_text(render_report(chunk, rng), encoding="utf-8", newline="\n")
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(MANIFEST_COLUMNS) + ["personal_data", "synthetic"],
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(manifest_rows)
        (tmp / "manifest.csv").write_text(buf.getvalue(), encoding="utf-8", newline="\n")
        pd.DataFrame(case_rows).to_csv(tmp / "truth.csv", index=False, lineterminator="\n")
        pd.DataFrame(eff_rows).to_csv(tmp / "truth_effects.csv", index=False, lineterminator="\n")
        pd.DataFrame(link_rows, columns=["case_id", "link_no", "cause", "effects", "text", "synthetic"]).to_csv(
            tmp / "truth_links.csv", index=False, lineterminator="\n")
        (tmp / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        effects_md = "\n".join(f"- {e['intervention']} → {e['outcome']}: odds ratio {e['odds_ratio']:g}"
                               for e in truth["effects"]) or "- (none: every pair is null)"
        (tmp / "README.md").write_text(
            README.format(seed=seed, n_cases=n_cases, years=", ".join(map(str, truth["years"])), effects=effects_md),
            encoding="utf-8")
    paths["reports"] = [out_dir / name for _sid, name, _y, _c in files]
    for key, name in (("manifest", "manifest.csv"), ("truth_json", "truth.json"), ("truth_csv", "truth.csv"),
                      ("truth_effects", "truth_effects.csv"), ("truth_links", "truth_links.csv"),
                      ("readme", "README.md")):
        paths[key] = out_dir / name
    return paths


def read_truth(out_dir: str | Path) -> tuple[dict, pd.DataFrame]:
    """The ground truth of a synthetic corpus: (truth.json as dict, truth.csv as DataFrame)."""
    out_dir = Path(out_dir)
    truth = json.loads((out_dir / "truth.json").read_text(encoding="utf-8"))
    return truth, pd.read_csv(out_dir / "truth.csv", dtype={"case_id": "string", "file": "string"})
