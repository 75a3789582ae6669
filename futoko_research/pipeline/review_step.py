"""The review sheet: the stored statements a person should code first
(:func:`futoko_research.coding.write_review_sheet`; ``futoko-research review``)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from futoko_research.io import read_table
from futoko_research.paths import PROCESSED_DIR
from futoko_research.pipeline.step_inputs import content_statements, stored_tokens


def review(processed_dir: str | Path | None, out: str | Path, *, codebook=None, model=None,
           top: int | None = None) -> tuple[Path, pd.DataFrame]:
    """Write a review sheet of ``statements.parquet``: the statements a person should code first.

    Reads statements (and tokens when the codebook's token rules need them), ranks them with
    :func:`futoko_research.coding.review.review_table` and writes the ``top`` ones to ``out``
    (.xlsx or .csv) with :func:`futoko_research.coding.write_review_sheet`.

    Returns
    -------
    (path, table) : the sheet and its rows.
    """
    from futoko_research.coding import Codebook, compute_tokens, load_codebook
    from futoko_research.coding.review import write_review_sheet
    from futoko_research.nlp import cheapest_profile

    processed_dir = Path(processed_dir) if processed_dir is not None else PROCESSED_DIR
    codebook = codebook if isinstance(codebook, Codebook) else load_codebook(codebook)
    statements = content_statements(read_table(processed_dir, "statements"))
    tokens = None
    if codebook.needs:
        tokens = stored_tokens(processed_dir, codebook.needs)
        if tokens is None:
            tokens = compute_tokens(statements, profile=cheapest_profile(codebook.needs))
    return write_review_sheet(statements, out, codebook, model=model, top=top, tokens=tokens)

