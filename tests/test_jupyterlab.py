"""A notebook as a user meets it: JupyterLab started as ``make lab`` starts it (no browser), a session
on the project's kernel (``futoko-research``) through the Jupyter server's REST API, and the cells of
``notebooks/01_corpus.ipynb`` run through the kernel's websocket, with the parameters pointed at a
temporary folder. The notebook must raise no error and write the outputs it declares."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from datetime import UTC, datetime
from pathlib import Path

import nbformat
import pytest
from test_notebooks import declared_outputs

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK = REPO / "notebooks" / "01_corpus.ipynb"
#: the project's kernel, as `make lab` installs it
KERNEL = "futoko-research"
KERNEL_DISPLAY_NAME = "futoko_research (.venv)"
#: seconds allowed for the server to answer and for one cell to run
TIMEOUT_S = 120


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_project_kernel() -> None:
    """Install the ``futoko-research`` kernel into this interpreter's prefix (as `make lab`) when missing."""
    from jupyter_client.kernelspec import KernelSpecManager

    if KERNEL not in KernelSpecManager().find_kernel_specs():
        subprocess.run([sys.executable, "-m", "ipykernel", "install", "--sys-prefix", "--name", KERNEL,
                        "--display-name", KERNEL_DISPLAY_NAME], check=True, capture_output=True)


class JupyterServer:
    """``jupyter lab --no-browser`` on a free port with a random token, and its REST API."""

    def __init__(self, root: Path, runtime: Path):
        self.port = free_port()
        self.token = secrets.token_hex(16)
        jupyter = Path(sys.executable).parent / "jupyter"
        command = [str(jupyter), "lab"] if jupyter.is_file() else [sys.executable, "-m", "jupyterlab"]
        command += ["--no-browser", f"--port={self.port}", "--ServerApp.ip=127.0.0.1",
                    f"--ServerApp.token={self.token}", f"--ServerApp.root_dir={root}",
                    "--ServerApp.port_retries=0"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:  # CI containers run as root
            command.append("--allow-root")
        env = dict(os.environ, JUPYTER_CONFIG_DIR=str(runtime / "config"), JUPYTER_RUNTIME_DIR=str(runtime / "run"),
                   PYTHONPATH=os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p))
        runtime.mkdir(parents=True, exist_ok=True)
        self.log = (runtime / "jupyter.log").open("wb")
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT, env=env)
        self.log_path = runtime / "jupyter.log"

    def url(self, path: str, scheme: str = "http") -> str:
        return f"{scheme}://127.0.0.1:{self.port}{path}"

    def api(self, method: str, path: str, body: dict | None = None) -> dict | None:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url(path), data=data, method=method,
                                         headers={"Authorization": f"token {self.token}",
                                                  "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            text = response.read()
        return json.loads(text) if text else None

    def wait_ready(self) -> dict:
        deadline = time.monotonic() + TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                return self.api("GET", "/api/status")
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.25)
        pytest.fail(f"JupyterLab did not answer /api/status; log:\n{self.log_path.read_text(errors='replace')[-2000:]}")

    def stop(self) -> int:
        """Shut the server down through the API (terminate it if that fails); returns its exit status."""
        try:
            self.api("POST", "/api/shutdown")
            return self.process.wait(timeout=30)
        except (urllib.error.URLError, ConnectionError, subprocess.TimeoutExpired):
            self.process.terminate()
            return self.process.wait(timeout=30)
        finally:
            self.log.close()


class KernelChannels:
    """The kernel's websocket ``/api/kernels/<id>/channels``: execute code, collect its outputs."""

    def __init__(self, server: JupyterServer, kernel_id: str):
        import websocket

        self.session = uuid.uuid4().hex
        self.ws = websocket.create_connection(
            server.url(f"/api/kernels/{kernel_id}/channels?session_id={self.session}", "ws"),
            header=[f"Authorization: token {server.token}"], timeout=TIMEOUT_S)

    def execute(self, code: str) -> tuple[str, list[dict]]:
        """Run ``code``; returns the reply's status and the iopub outputs (stream, display, result, error)."""
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "username": "test", "session": self.session, "msg_type": "execute_request",
                       "version": "5.3", "date": datetime.now(UTC).isoformat()},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True},
        }))
        outputs: list[dict] = []
        status, idle = None, False
        while status is None or not idle:
            msg = json.loads(self.ws.recv())
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg["msg_type"]
            if msg["channel"] == "shell" and kind == "execute_reply":
                status = msg["content"]["status"]
            elif kind == "status":
                idle = msg["content"]["execution_state"] == "idle"
            elif kind in ("stream", "display_data", "execute_result", "error"):
                outputs.append({"output_type": kind, **msg["content"]})
        return status, outputs

    def close(self) -> None:
        self.ws.close()


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> Path:
    """The sample's ingest tables (what 01_corpus reads), written by the CLI."""
    out = tmp_path_factory.mktemp("lab") / "processed"
    subprocess.run([sys.executable, "-m", "futoko_research.cli", "ingest", "--raw-dir", str(REPO / "data" / "raw"),
                    "--out-dir", str(out), "--no-progress"], check=True, capture_output=True,
                   env=dict(os.environ, PYTHONPATH=str(REPO)))
    return out


def test_notebook_runs_in_jupyterlab_on_the_project_kernel(ingested, tmp_path):
    ensure_project_kernel()
    server = JupyterServer(REPO, tmp_path / "jupyter")
    try:
        status = server.wait_ready()
        assert "started" in status
        assert KERNEL in server.api("GET", "/api/kernelspecs")["kernelspecs"]
        rel = NOTEBOOK.relative_to(REPO).as_posix()
        assert server.api("GET", f"/api/contents/{rel}?content=0")["type"] == "notebook"
        session = server.api("POST", "/api/sessions", {"path": rel, "name": NOTEBOOK.name, "type": "notebook",
                                                        "kernel": {"name": KERNEL}})
        assert session["kernel"]["name"] == KERNEL
        channels = KernelChannels(server, session["kernel"]["id"])
        output_dir = tmp_path / "output" / "all"
        overrides = {"fiscal_year": "all", "raw_dir": str(REPO / "data" / "raw"), "processed_dir": str(ingested),
                     "output_dir": str(output_dir)}
        nb = nbformat.read(NOTEBOOK, as_version=4)
        cells = [c.source for c in nb.cells if c.cell_type == "code"]
        injected = "\n".join(f"{k} = {v!r}" for k, v in overrides.items())  # as papermill injects them
        results = [channels.execute(code) for code in [cells[0], injected, *cells[1:]]]
        executable = channels.execute("import sys; print(sys.executable)")[1]
        channels.close()
        server.api("DELETE", f"/api/sessions/{session['id']}")
    finally:
        exit_status = server.stop()

    errors = [o for _, outs in results for o in outs if o["output_type"] == "error"]
    assert not errors, "\n".join(f"{e['ename']}: {e['evalue']}" for e in errors)
    assert [s for s, _ in results] == ["ok"] * len(results)
    assert Path(executable[0]["text"].strip()).parent.parent.resolve() == Path(sys.prefix).resolve()  # the venv's kernel
    images = [o for _, outs in results for o in outs if o["output_type"] in ("display_data", "execute_result") and "image/png" in o["data"]]
    assert images, "the figure is shown in the notebook"
    required, optional = declared_outputs(nb)
    written = {p.relative_to(output_dir).as_posix() for p in output_dir.rglob("*") if p.is_file()}
    assert required <= written, f"missing: {sorted(required - written)}"
    assert written <= required | optional
    assert all((output_dir / name).stat().st_size > 0 for name in written)
    assert exit_status == 0
