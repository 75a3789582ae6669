"""Train the statistical coder: from the development corpus, plus any filled coding sheets.

- :func:`training_table` — the training sentences with their source group and 0/1 labels
  (``data/validation`` gold labels, then the reviewed rows of each sheet).
- :func:`training_sha256` — the hash of that table (recorded in the model).
- :func:`build_coder_model` — train a :class:`~futoko_research.coding.model.CoderModel` from it.
- :func:`train_coder` — build and save: the shipped model (no sheets) or a corpus-specific one
  written beside the sheets (the shipped model is never overwritten by sheet training).

Notes
-----
A sheet row is used for training when at least one of its code cells is filled; its blank
cells then count as 0 (the person read the statement and did not mark the code). Rows with no
filled cell were not reviewed and are skipped. A sheet row's source group is
``sheet:<case_id>`` (one report), which the threshold cross-validation keeps together.

In a corpus-specific model each reviewed sheet row weighs :data:`SHEET_WEIGHT` (3) times a
development sentence (``sample_weight`` of the logistic regressions): the sheet is the user's
own corpus, and the few dozen sentences a person reviews should move the model more than one
sentence each among hundreds. Measured leave-source-out (hold out a kind of source, add 30 of
its sentences, score the rest; eight or ten random splits): mean micro-F1 gains with weight
1 / 2 / 3 were +0.020 / +0.024 / +0.028 averaged over five held-out groups (docs/coding.md).

The shipped model is also trained on the hand-written SYNTHETIC sentences of
``tests/fixtures/coding_synthetic*.yaml`` (:func:`synthetic_rows`, 350 sentences written from the
codebook's definitions), each weighing :data:`SYNTHETIC_WEIGHT` (3) times a development sentence.
They are fitted but never scored: the thresholds are chosen on the real sentences' out-of-fold
probabilities only. Measured leave-source-out on the real sentences (10 folds by host, the
synthetic rows in every training fold; docs/coding.md): model micro-F1 +0.041 (paired host
bootstrap 95 % [+0.024, +0.057]) on all 989 sentences, hybrid +0.012 [+0.003, +0.022]; on the
later batches na–ne model +0.050 [+0.029, +0.071], hybrid +0.024 [+0.010, +0.040].

The training rows are put in a canonical order (validation sentences by sentence_id, the
synthetic sets by file and position, then each
sheet's reviewed rows by statement_id, sheets in the order given) so that the model does not
depend on the row order of the files; :func:`training_sha256` hashes exactly what the model
sees (ids, groups, texts, labels, code keys), so the same data give the same hash and, with
the same library versions, the same model bytes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from futoko_research.errors import FutokoError

#: file name of a corpus-specific model written beside the sheets
SHEET_MODEL_NAME = "coder_model.npz"
#: weight of a reviewed sheet row against a development sentence in a corpus-specific model
SHEET_WEIGHT = 3.0

#: the hand-written SYNTHETIC sentences added to the training data (never scored)
SYNTHETIC_GLOB = "coding_synthetic*.yaml"
#: weight of a SYNTHETIC sentence against a development sentence
SYNTHETIC_WEIGHT = 3.0

#: the columns of a training table that are not code keys
_INFO_COLUMNS = ("sentence_id", "group", "section", "text", "source")

__all__ = ["SHEET_MODEL_NAME", "SHEET_WEIGHT", "SYNTHETIC_GLOB", "SYNTHETIC_WEIGHT", "build_coder_model",
           "synthetic_dir", "synthetic_rows", "train_coder", "training_rule_labels", "training_sha256", "training_table"]


def synthetic_dir() -> Path:
    """The folder of the SYNTHETIC coding sets (``tests/fixtures`` of the checkout)."""
    from futoko_research.paths import PROJECT_ROOT

    return PROJECT_ROOT / "tests" / "fixtures"


def synthetic_rows(directory: str | Path | None = None, *, codebook=None) -> pd.DataFrame:
    """The hand-written SYNTHETIC sentences with their expected codes, as training rows.

    Parameters
    ----------
    directory : folder holding ``coding_synthetic*.yaml`` (default :func:`synthetic_dir`).
    codebook : codebook whose keys are the labels (default codebook).

    Returns
    -------
    DataFrame
        the columns of :func:`training_table`: sentence_id ``synthetic:<file stem>:<id>``, group
        ``synthetic:<file stem>``, section, text, source ``synthetic``, one int8 column per code key;
        files in name order, sentences in file order. Empty (with the columns) when no file exists.

    Notes
    -----
    The sets were written by hand from the codebook's definitions and decision rules, before the
    codebook was tuned, as test sets of the rules (each file is marked ``synthetic: true``; they
    quote no report). They imitate several writing styles and spell out the definitions, so they
    teach the model what the rules encode. They are training data only: never scored, never in a
    leave-source-out test fold, never used to choose thresholds (``train_only`` of
    :func:`~futoko_research.coding.model.fit_coder_model`).

    Raises
    ------
    FutokoError
        a file that is not marked ``synthetic: true``, or a code the codebook lacks.
    """
    import yaml

    from futoko_research.coding.codebook import resolve_codebook
    from futoko_research.coding.validation import label_matrix

    codebook = resolve_codebook(codebook)
    keys = list(codebook)
    directory = synthetic_dir() if directory is None else Path(directory)
    ids, groups, sections, texts, sets = [], [], [], [], []
    for path in sorted(directory.glob(SYNTHETIC_GLOB)):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if doc.get("synthetic") is not True:
            raise FutokoError(f"{path}: a synthetic coding set must say 'synthetic: true'")
        for item in doc.get("sentences") or []:
            codes = [str(c) for c in item.get("codes") or []]
            unknown = [c for c in codes if c not in codebook]
            if unknown:
                raise FutokoError(f"{path}: sentence {item.get('id')!r}: unknown code {unknown[0]!r}")
            ids.append(f"synthetic:{path.stem}:{item['id']}")
            groups.append(f"synthetic:{path.stem}")
            sections.append(item.get("section"))
            texts.append(str(item["text"]))
            sets.append(set(codes))
    out = pd.DataFrame({"sentence_id": ids, "group": groups, "section": sections, "text": texts,
                        "source": "synthetic"})
    return pd.concat([out, label_matrix(sets, keys)], axis=1)


def _validation_rows(directory, codebook, keys: list[str]) -> pd.DataFrame:
    from futoko_research.coding.validation import gold_labels, label_matrix, load_validation

    sentences, labels = load_validation(directory, codebook=codebook)
    gold = gold_labels(labels)
    df = sentences[["sentence_id", "host", "text"]].merge(gold[["sentence_id", "section", "codes"]], on="sentence_id")
    df = df.sort_values("sentence_id", kind="stable").reset_index(drop=True)
    out = pd.DataFrame({"sentence_id": df["sentence_id"], "group": df["host"], "section": df["section"],
                        "text": df["text"], "source": "validation"})
    return pd.concat([out, label_matrix(df["codes"], keys)], axis=1)


def _sheet_rows(path: Path, codebook, keys: list[str]) -> pd.DataFrame:
    from futoko_research.coding.agreement import read_coding_sheet, read_sheet_statements

    long = read_coding_sheet(path, codebook)
    stmts = read_sheet_statements(path).set_index("statement_id")
    filled = long.dropna(subset=["value"])
    reviewed = sorted(set(filled["statement_id"].astype(str)))
    lacking = [s for s in reviewed if pd.isna(stmts.at[s, "text"])]
    if lacking:
        raise FutokoError(f"{path}: statement {lacking[0]!r} is coded but has no text (the sheet needs its text column)")
    ones = filled[filled["value"] == 1]
    sets: dict[str, set[str]] = {}
    for sid, code in ones[["statement_id", "code"]].itertuples(index=False):
        sets.setdefault(str(sid), set()).add(str(code))
    from futoko_research.coding.validation import label_matrix

    case = [stmts.at[s, "case_id"] for s in reviewed]
    out = pd.DataFrame({
        "sentence_id": reviewed,
        "group": [f"sheet:{c}" if not pd.isna(c) else f"sheet:{path.name}" for c in case],
        "section": [stmts.at[s, "section"] for s in reviewed],
        "text": [stmts.at[s, "text"] for s in reviewed],
        "source": path.name,
    })
    return pd.concat([out, label_matrix([sets.get(s, set()) for s in reviewed], keys)], axis=1)


def training_table(data_dir: str | Path | None = None, sheets: Sequence[str | Path] = (), *, codebook=None,
                   include_validation: bool = True, synthetic: bool = True) -> pd.DataFrame:
    """The training sentences: the development corpus's gold labels, the SYNTHETIC sets, then reviewed sheet rows.

    Parameters
    ----------
    data_dir : the validation folder (default ``data/validation``).
    sheets : filled coding sheets (.xlsx or .csv, the format of
        :func:`~futoko_research.coding.write_coding_sheet`); see Notes of the module.
    codebook : codebook whose keys are the labels (default codebook).
    include_validation : False trains on the sheets alone.
    synthetic : add the SYNTHETIC sentences of :func:`synthetic_rows` (only with the validation data).

    Returns
    -------
    DataFrame
        sentence_id, group (host, ``synthetic:<file>`` or ``sheet:<case_id>``), section (NA when a
        sheet has none), text, source (``validation``, ``synthetic`` or the sheet's file name) (string) and one int8 column per
        code key, in canonical order.

    Raises
    ------
    FutokoError
        a bad validation file or sheet (named), a statement coded in two sheets or in a sheet
        and the validation data, or no training rows at all.
    """
    from futoko_research.coding.codebook import resolve_codebook

    codebook = resolve_codebook(codebook)
    keys = list(codebook)
    parts = [_validation_rows(data_dir, codebook, keys)] if include_validation else []
    if include_validation and synthetic:
        parts.append(synthetic_rows(codebook=codebook))
    for sheet in sheets:
        parts.append(_sheet_rows(Path(sheet), codebook, keys))
    if not parts or not sum(len(p) for p in parts):
        raise FutokoError("no training sentences (no validation data and no reviewed sheet rows)")
    table = pd.concat(parts, ignore_index=True)
    dup = table["sentence_id"].duplicated(keep=False)
    if dup.any():
        sid = table.loc[dup, "sentence_id"].iloc[0]
        where = ", ".join(table.loc[table["sentence_id"] == sid, "source"])
        raise FutokoError(f"statement {sid!r} is coded more than once ({where}); keep one (adjudicate) before training")
    return table.astype({c: "string" for c in ("sentence_id", "group", "section", "text", "source")})


def training_sha256(table: pd.DataFrame) -> str:
    """sha256 of what the model is trained on: code keys, then per row id, group, section, text, labels.

    The table is serialised as JSON lines (UTF-8, sorted keys) in its own order.
    """
    keys = [c for c in table.columns if c not in _INFO_COLUMNS]
    h = hashlib.sha256()
    h.update(json.dumps({"keys": keys}, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n")
    for rec in table.itertuples(index=False):
        row = rec._asdict()
        line = {"id": str(row["sentence_id"]), "group": str(row["group"]), "text": str(row["text"]),
                "section": None if pd.isna(row.get("section")) else str(row["section"]),
                "codes": [k for k in keys if int(row[k])]}
        h.update(json.dumps(line, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n")
    return h.hexdigest()


def _codebook_sha256(codebook) -> str | None:
    from futoko_research.io import sha256_file

    path = getattr(codebook, "path", None)
    return sha256_file(path) if path and Path(path).is_file() else None


def training_rule_labels(table: pd.DataFrame, codebook=None) -> pd.DataFrame:
    """The rules' 0/1 decisions on a :func:`training_table` (int8, one column per code key, same rows).

    Each sentence is coded with its section (rules limited to some sections fire only there).
    """
    from futoko_research.coding.codebook import resolve_codebook
    from futoko_research.coding.report import statement_code_sets
    from futoko_research.coding.rules import code_statements
    from futoko_research.coding.validation import label_matrix

    codebook = resolve_codebook(codebook)
    stmts = pd.DataFrame({"statement_id": table["sentence_id"], "case_id": table["group"],
                          "section": table["section"], "text": table["text"]}).astype("string")
    sets = statement_code_sets(code_statements(stmts, codebook, method="rules"))
    return label_matrix([sets.get(str(s), set()) for s in table["sentence_id"]], list(codebook))


def build_coder_model(table: pd.DataFrame, *, codebook=None, sheet_weight: float = SHEET_WEIGHT, **fit_options):
    """Train a :class:`~futoko_research.coding.model.CoderModel` on a :func:`training_table`.

    Rows whose source is a sheet weigh ``sheet_weight`` (see Notes of the module). The hybrid
    thresholds are chosen for *rules or model*, with the codebook's rules run on the training
    sentences (:func:`training_rule_labels`). The model
    records ``model_version`` (family, format and the first 12 hex digits of the training
    data's sha256), ``training_sha256``, ``codebook_version``, the training sources
    (``validation`` and sheet file names), ``sheet_weight`` and the library versions.
    """
    from futoko_research.coding.codebook import resolve_codebook
    from futoko_research.coding.model import MODEL_FAMILY, MODEL_FORMAT, fit_coder_model

    codebook = resolve_codebook(codebook)
    keys = [k for k in codebook]
    sha = training_sha256(table)
    meta = {
        "model_version": f"{MODEL_FAMILY}-{MODEL_FORMAT}+{sha[:12]}",
        "training_sha256": sha,
        "codebook_version": str(codebook.version),
        "codebook_name": str(getattr(codebook, "name", "") or ""),
        "codebook_sha256": _codebook_sha256(codebook),
        "training_sources": list(dict.fromkeys(table["source"].astype(str))),
    }
    rules = training_rule_labels(table, codebook)
    source = table["source"].astype(str).to_numpy()
    is_synthetic = source == "synthetic"
    is_sheet = (source != "validation") & ~is_synthetic
    weight = None
    if is_sheet.any() or is_synthetic.any():
        weight = [float(sheet_weight) if s else SYNTHETIC_WEIGHT if y else 1.0 for s, y in zip(is_sheet, is_synthetic)]
    if is_sheet.any():
        meta["sheet_weight"] = float(sheet_weight)
    if is_synthetic.any():
        meta["synthetic_weight"] = SYNTHETIC_WEIGHT
        meta["n_synthetic"] = int(is_synthetic.sum())
    return fit_coder_model(table["text"].astype(str).tolist(), table[keys], groups=table["group"].astype(str).tolist(),
                           sample_weight=weight, rule_labels=rules, train_only=is_synthetic if is_synthetic.any() else None,
                           meta=meta, **fit_options)


def train_coder(data_dir: str | Path | None = None, sheets: Sequence[str | Path] = (), *,
                out: str | Path | None = None, codebook=None, sheet_weight: float = SHEET_WEIGHT,
                synthetic: bool = True) -> tuple[Path, object]:
    """Train the coder and save it; return (path, model).

    Parameters
    ----------
    data_dir : the validation folder (default ``data/validation``).
    sheets : filled coding sheets whose reviewed rows are added to the training data.
    out : where to write the ``.npz``. Default: without sheets the shipped model
        (:data:`futoko_research.coding.model_io.SHIPPED_MODEL`); with sheets
        :data:`SHEET_MODEL_NAME` in the folder of the first sheet.
    codebook : the codebook (default codebook).
    sheet_weight : weight of a reviewed sheet row (see Notes of the module).
    synthetic : train also on the SYNTHETIC sets (:func:`synthetic_rows`; see Notes of the module).

    Raises
    ------
    FutokoError
        bad training data, or sheets with ``out`` pointing at the shipped model (a
        corpus-specific model never replaces it).
    """
    from futoko_research.coding.model_io import SHIPPED_MODEL, save_model

    sheets = [Path(s) for s in sheets]
    if out is None:
        out = sheets[0].parent / SHEET_MODEL_NAME if sheets else SHIPPED_MODEL
    out = Path(out)
    if out.suffix != ".npz":
        raise FutokoError(f"{out}: a coder model file must end in .npz")
    if sheets and out.resolve() == SHIPPED_MODEL.resolve():
        raise FutokoError(f"{out}: a model trained on sheets is corpus-specific and never replaces the shipped model; "
                          "choose another --out")
    table = training_table(data_dir, sheets, codebook=codebook, synthetic=synthetic)
    model = build_coder_model(table, codebook=codebook, sheet_weight=sheet_weight)
    return save_model(model, out), model
