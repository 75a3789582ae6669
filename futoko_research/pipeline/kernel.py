"""The project's pinned Jupyter kernel, and a kernel manager that talks to it over IPC.

Every notebook of a run executes in the kernel :data:`KERNEL_NAME` (``futoko-research``): the
interpreter of this virtual environment, installed as a kernel spec inside the environment
(``<sys.prefix>/share/jupyter/kernels/futoko-research``) by :func:`ensure_kernelspec`.
``make lab`` installs the same spec, and the committed notebooks name it in their metadata, so
JupyterLab, papermill and CI all run the same interpreter.

:class:`IPCKernelManager` starts each kernel with the ZeroMQ *IPC* transport (Unix sockets in
Jupyter's runtime folder) instead of TCP on localhost. Nothing leaves the machine either way, but
over TCP ipykernel (7.x) prints "Kernel is running over TCP without encryption …" once per
kernel; over IPC the sockets are files readable only by the user, and the kernel does not warn.
"""

from __future__ import annotations

import contextlib
import os
import sys
import uuid
from collections.abc import Iterator
from typing import ClassVar

from jupyter_client.manager import AsyncKernelManager

#: the kernel every notebook runs in (papermill, ``make lab``, the notebooks' metadata)
KERNEL_NAME = "futoko-research"
#: its display name in JupyterLab's launcher
KERNEL_DISPLAY_NAME = "futoko_research (.venv)"
#: seconds a kernel gets to shut down before it is interrupted
SHUTDOWN_WAIT_S = 30.0


class IPCKernelManager(AsyncKernelManager):
    """An ``AsyncKernelManager`` whose kernels use the IPC transport.

    The socket files go to Jupyter's runtime folder under a unique prefix, so kernels started
    in parallel (``--jobs``) never share one; jupyter_client removes them when the kernel stops.
    The kernel process's own standard error (ipykernel's messages, not the cells' output,
    which goes into the notebook) is appended to :attr:`kernel_log` when set, not to the
    console. A kernel gets :data:`SHUTDOWN_WAIT_S` seconds to stop before it is interrupted (on
    a loaded machine the default 5 s interrupts kernels that are still saving).
    """

    #: where the kernels' standard error goes (None: inherited)
    kernel_log: ClassVar[str | None] = None

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.shutdown_wait_time = SHUTDOWN_WAIT_S
        from jupyter_core.paths import jupyter_runtime_dir

        runtime = jupyter_runtime_dir()
        os.makedirs(runtime, exist_ok=True)
        self.transport = "ipc"
        self.ip = os.path.join(runtime, f"futoko-{uuid.uuid4().hex[:12]}-ipc")

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
        if self.kernel_log and "stderr" not in kw:
            with open(self.kernel_log, "ab") as err:  # the child keeps its own copy of the descriptor
                kw["stderr"] = err
                await super()._async_launch_kernel(kernel_cmd, **kw)
            return
        await super()._async_launch_kernel(kernel_cmd, **kw)


def kernelspec_dir(prefix: str = sys.prefix) -> str:
    """Where :func:`ensure_kernelspec` installs the spec (inside the environment ``prefix``)."""
    return os.path.join(prefix, "share", "jupyter", "kernels", KERNEL_NAME)


def ensure_kernelspec(prefix: str = sys.prefix) -> str:
    """Install the :data:`KERNEL_NAME` kernel spec for this interpreter in ``prefix`` unless it is there.

    A spec that runs another interpreter (a moved or rebuilt environment) is rewritten.

    Returns
    -------
    str
        The kernel spec folder.
    """
    import json

    folder = kernelspec_dir(prefix)
    spec_file = os.path.join(folder, "kernel.json")
    try:
        with open(spec_file, encoding="utf-8") as fh:
            if json.load(fh)["argv"][0] == sys.executable:
                return folder
    except (OSError, ValueError, KeyError, IndexError):
        pass
    from ipykernel.kernelspec import install

    return install(kernel_name=KERNEL_NAME, display_name=KERNEL_DISPLAY_NAME, prefix=prefix)


@contextlib.contextmanager
def kernel_log(path: str | os.PathLike) -> Iterator[None]:
    """Append the standard error of every kernel started inside the block to ``path``."""
    saved = IPCKernelManager.kernel_log
    IPCKernelManager.kernel_log = os.fspath(path)
    try:
        yield
    finally:
        IPCKernelManager.kernel_log = saved
