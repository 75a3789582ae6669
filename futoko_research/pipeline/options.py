"""What a run does (:class:`RunOptions`) and where its work runs (:class:`ExecutionOptions`).

Only the pipeline and the CLI decide where the work runs: they build one
:class:`ExecutionOptions` and hand it to the steps (:mod:`futoko_research.pipeline.steps`),
which turn it into the computations' arguments in one place.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from futoko_research.errors import FutokoError
from futoko_research.paths import NOTEBOOKS_DIR, OUTPUT_DIR, PARAMS_DIR, PROCESSED_DIR, RAW_DIR
from futoko_research.pipeline.execute import DEFAULT_TIMEOUT
from futoko_research.pipeline.params import DEFAULT_PROFILE, DEFAULT_SEED

#: the pipeline's steps, in the order they run
STEPS = ("ingest", "features", "code", "analyze")
#: where the steps' work can run
BACKENDS = ("serial", "dask")


@dataclass(frozen=True)
class ExecutionOptions:
    """Where and how the steps' computations run (nothing here changes a result).

    Parameters
    ----------
    backend : ``"serial"`` (this process) or ``"dask"`` (a Dask cluster).
    scheduler : address of a running Dask scheduler (``tcp://host:8786``); None starts a local
        cluster of ``workers`` processes.
    workers : workers of the local Dask cluster (None: the default).
    partitions : Dask partitions, ``"auto"`` or a number.
    n_process : parser processes of the serial backend (``nlp.pipe(n_process=…)``).
    client : an open Dask client (set by :func:`futoko_research.pipeline.steps.open_execution`).
    """

    backend: str = "serial"
    scheduler: str | None = None
    workers: int | None = None
    partitions: int | str = "auto"
    n_process: int = 1
    client: Any = None

    def __post_init__(self) -> None:
        if self.backend not in BACKENDS:
            raise ValueError(f"backend must be 'serial' or 'dask', not {self.backend!r}")


#: the keyword arguments that used to carry execution options (``backend=``, ``client=`` …)
EXECUTION_FIELDS = tuple(f.name for f in fields(ExecutionOptions))


def split_execution_kwargs(kwargs: dict) -> tuple[ExecutionOptions, dict]:
    """Split keyword arguments into :class:`ExecutionOptions` and the rest (for old call signatures)."""
    execution = {k: v for k, v in kwargs.items() if k in EXECUTION_FIELDS}
    rest = {k: v for k, v in kwargs.items() if k not in EXECUTION_FIELDS}
    return ExecutionOptions(**execution), rest


@dataclass(frozen=True)
class RunOptions:
    """Everything :func:`futoko_research.pipeline.run_pipeline` needs besides the years and notebooks.

    Parameters
    ----------
    raw_dir, processed_dir, output_dir : folders (made absolute; the notebooks get absolute paths).
    notebooks_dir, params_dir : the notebooks, and the parameter files ``<year>.yaml``.
    cache_dir : GiNZA parse cache (default: the features step's, ``processed_dir/cache``).
    codebook : codebook YAML; None = the package default.
    coding_method : ``"rules"`` or ``"hybrid"`` for the code step; None =
        :data:`futoko_research.coding.DEFAULT_METHOD`.
    coder_model : the hybrid's model (.npz), for the code step and the links' sides; None = the
        model shipped with the package.
    link_method : ``"rules"`` or ``"hybrid"``: how the analyze step codes the links' cause and
        effect sides; None = :data:`futoko_research.analysis.links.DEFAULT_SIDE_METHOD`.
    nlp_profile : GiNZA profile of the features step (``full``, ``fast``, ``lexical``).
    seed : passed to every notebook (layouts and any sampling).
    steps : the steps to run before the notebooks (default all; ``()`` re-runs the notebooks only).
    timeout : seconds allowed per cell.
    jobs : years run in parallel (threads driving separate kernels; a year's notebooks run in
        order); default the number of CPUs.
    progress : show progress bars (papermill's per cell; the CLI shows one bar over the run).
    force : execute every notebook and run every step, even those whose inputs did not change.
    demo : also run the SYNTHETIC demo corpus (:mod:`futoko_research.pipeline.demo`) into
        ``output_dir/demo``.
    label : prefixed to every executed notebook's title (the demo's ``"SYNTHETIC DEMO"``).
    key_file : pseudonymisation key for sources marked ``personal_data=pseudonymize``.
    execution : where the steps' work runs.
    """

    raw_dir: Path = RAW_DIR
    processed_dir: Path = PROCESSED_DIR
    output_dir: Path = OUTPUT_DIR
    notebooks_dir: Path = NOTEBOOKS_DIR
    params_dir: Path = PARAMS_DIR
    cache_dir: Path | None = None
    codebook: Path | None = None
    coding_method: str | None = None
    coder_model: Path | None = None
    link_method: str | None = None
    nlp_profile: str = DEFAULT_PROFILE
    seed: int = DEFAULT_SEED
    steps: tuple[str, ...] = STEPS
    timeout: int = DEFAULT_TIMEOUT
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    progress: bool = False
    force: bool = False
    demo: bool = False
    label: str | None = None
    key_file: Path | None = None
    execution: ExecutionOptions = field(default_factory=ExecutionOptions)

    @classmethod
    def make(cls, options: RunOptions | None = None, **settings) -> RunOptions:
        """``options`` (default: all defaults) with ``settings`` applied.

        ``settings`` are field names of this class or of :class:`ExecutionOptions`
        (``backend=``, ``scheduler=``, ``workers=`` …), as keyword arguments.
        """
        options = options or cls()
        execution = {k: settings.pop(k) for k in EXECUTION_FIELDS if k in settings}
        unknown = sorted(set(settings) - {f.name for f in fields(cls)})
        if unknown:
            raise TypeError(f"run_pipeline() got an unexpected keyword argument {unknown[0]!r}")
        if "steps" in settings:
            settings["steps"] = tuple(settings["steps"])
        merged = replace(options, **settings)
        return replace(merged, execution=replace(merged.execution, **execution)) if execution else merged

    def resolved(self) -> RunOptions:
        """These options with absolute folders, after checking the profile and the codebook.

        Raises
        ------
        ValueError : an unknown profile.
        FutokoError : a codebook path that is not a file.
        """
        from futoko_research.nlp import check_profile

        check_profile(self.nlp_profile)
        codebook = Path(self.codebook).resolve() if self.codebook is not None else None
        if codebook is not None and not codebook.is_file():
            raise FutokoError(f"{codebook}: codebook not found")
        coder_model = Path(self.coder_model).resolve() if self.coder_model is not None else None
        if coder_model is not None and not coder_model.is_file():
            raise FutokoError(f"{coder_model}: coder model not found")
        folders = ("raw_dir", "processed_dir", "output_dir", "notebooks_dir", "params_dir")
        return replace(
            self, codebook=codebook, coder_model=coder_model, **{name: Path(getattr(self, name)).resolve() for name in folders},
            cache_dir=Path(self.cache_dir).resolve() if self.cache_dir else None,
        )
