"""Contract of ``privacy_report``, the residual risk of a pseudonymising ingest
(:mod:`futoko_research.privacy`)."""

from __future__ import annotations

from futoko_research.schema.columns import pa, string_column

#: residual risk of a pseudonymising ingest (privacy_report.csv; counts only, no originals)
PRIVACY_REPORT = pa.DataFrameSchema(
    {
        "source_id": string_column(), "kind": string_column(), "n_replaced": pa.Column("Int64", checks=pa.Check.ge(0)),
        "n_review": pa.Column("Int64", checks=pa.Check.ge(0)),
        **{c: pa.Column("Float64", nullable=True, checks=pa.Check.ge(0)) for c in (
            "recall", "recall_lo", "recall_hi", "expected_missed", "expected_missed_lo", "expected_missed_hi")},
    },
    strict=True,
)
