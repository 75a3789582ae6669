"""Coding error carried into the analyses: Rogan–Gladen prevalence and the direction of associations.

The automatic coder misses some codes and finds others that a person would not. When a
person has coded a sample of the corpus (a filled coding sheet), the coder's **sensitivity**
(Se, the share of the human's positives it finds) and **specificity** (Sp, the share of the
human's negatives it leaves alone) are estimated on that sample, at the level at which the
analysis counts: the **case** (:func:`futoko_research.analysis.stats.prevalence` and
:func:`~futoko_research.analysis.stats.associations` use the case flags of
:func:`~futoko_research.analysis.variables.case_variables`). Then

- :func:`rogan_gladen` corrects an observed prevalence for that error;
- :func:`corrected_prevalence` does it for every code and year with a bootstrap interval that
  carries both the validation sample's and the corpus' sampling error;
- :func:`direction_robustness` asks, for each intervention × outcome association, whether its
  direction could flip within the error (matrix method; probabilistic bias analysis).

Pipeline: :func:`human_case_flags` (sheet → the human's case flags) → :func:`classification_rates`
(the coder against the human, per code: the ``validation_rates`` table) → :func:`corrected_prevalence`
(``prevalence_corrected``) and :func:`direction_robustness` (``association_robustness``; matrix
method with the misclassification matrix estimated on the validation cases, drawn from its
posterior).
The analyze step (:func:`futoko_research.pipeline.steps.analyze`) writes these three tables only
when a validation sheet exists. Formulas and their limits: docs/analysis.md.

Modules (every public name is re-exported here, the stable home of the API):
:mod:`.validation` (the human's case flags, Se / Sp per code), :mod:`.prevalence_correction`
(Rogan–Gladen and its bootstrap interval), :mod:`.matrix_method` (misclassification matrix,
corrected tables, direction robustness), :mod:`.resampling` (seed, replicates, per-name random
streams).

References
----------
Rogan, W. J., Gladen, B. (1978). Estimating prevalence from the results of a screening test.
American Journal of Epidemiology 107(1), 71–76.
Barron, B. A. (1977). The effects of misclassification on the estimation of relative risk.
Biometrics 33(2), 414–418.
Lang, Z., Reiczigel, J. (2014). Confidence limits for prevalence of disease adjusted for
estimated sensitivity and specificity. Preventive Veterinary Medicine 113(1), 13–22.
Greenland, S. (1988). Variance estimation for epidemiologic effect estimates under
misclassification. Statistics in Medicine 7(7), 745–757.
Lyles, R. H., Lin, J. (2010). Sensitivity analysis for misclassification in logistic regression
via likelihood methods and predictive value weighting. Statistics in Medicine 29(22), 2297–2309.
"""

from __future__ import annotations

from futoko_research.analysis.misclassification.matrix_method import (
    PRIOR,
    ROBUSTNESS_COLUMNS,
    classification_matrix,
    classification_matrix_from_validation,
    correct_table,
    direction_robustness,
    validation_cells,
)
from futoko_research.analysis.misclassification.prevalence_correction import (
    CORRECTED_COLUMNS,
    bootstrap_rogan_gladen,
    corrected_prevalence,
    rogan_gladen,
)
from futoko_research.analysis.misclassification.resampling import DEFAULT_SEED, N_BOOT, named_rng
from futoko_research.analysis.misclassification.validation import (
    MIN_VALIDATION_UNITS,
    NO_BETTER_THAN_CHANCE,
    NOT_VALIDATED,
    RATE_COLUMNS,
    classification_rates,
    human_case_flags,
)

__all__ = [
    "CORRECTED_COLUMNS", "DEFAULT_SEED", "MIN_VALIDATION_UNITS", "NOT_VALIDATED", "NO_BETTER_THAN_CHANCE", "N_BOOT",
    "PRIOR", "RATE_COLUMNS", "ROBUSTNESS_COLUMNS", "bootstrap_rogan_gladen", "classification_matrix",
    "classification_matrix_from_validation", "classification_rates", "correct_table", "corrected_prevalence",
    "direction_robustness", "human_case_flags", "named_rng", "rogan_gladen", "validation_cells",
]
