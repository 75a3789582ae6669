"""The HTML report as a reader sees it: headless Chromium opens ``index.html`` and the notebook pages
through the Chrome DevTools protocol (websocket-client) and checks that every figure renders
(``naturalWidth > 0``) and that nothing is fetched from the network.

``.ci/run`` installs Debian's ``chromium`` before ``make test``; without it the tests skip.
"""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from report_fixtures import write_tree

from futoko_research.pipeline import report

CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser"), "/usr/bin/chromium")
                 if p and Path(p).is_file()), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install chromium)")

#: seconds allowed for Chromium to start and for a page to load
TIMEOUT_S = 60
#: every <img> of the page: its src (data: URIs shortened), whether it loaded, its natural size
IMAGES_JS = """JSON.stringify(Array.from(document.images).map(i => ({
  src: (i.getAttribute('src') || '').slice(0, 40), complete: i.complete,
  width: i.naturalWidth, height: i.naturalHeight})))"""


class DevTools:
    """A headless Chromium and one page of it, driven over the Chrome DevTools protocol."""

    def __init__(self, chromium: str, profile: Path):
        import websocket

        self.process = subprocess.Popen(
            [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--remote-allow-origins=*",
             f"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + TIMEOUT_S
        while not (port_file.is_file() and len(port_file.read_text().splitlines()) >= 2):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.close()
                pytest.fail(f"chromium did not start (exit status {self.process.returncode})")
            time.sleep(0.1)
        port = int(port_file.read_text().splitlines()[0])
        page = self.page_target(port, deadline)
        self.ws = websocket.create_connection(page, timeout=TIMEOUT_S, suppress_origin=True)
        self.ids = itertools.count(1)
        self.events: list[dict] = []

    @staticmethod
    def page_target(port: int, deadline: float) -> str:
        import urllib.request

        while True:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as r:
                pages = [t for t in json.load(r) if t.get("type") == "page"]
            if pages:
                return pages[0]["webSocketDebuggerUrl"]
            if time.monotonic() > deadline:
                pytest.fail("chromium opened no page")
            time.sleep(0.1)

    def send(self, method: str, **params) -> dict:
        """Call ``method`` and return its result (events received meanwhile are kept)."""
        msg_id = next(self.ids)
        self.ws.send(json.dumps({"id": msg_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == msg_id:
                if "error" in msg:
                    raise AssertionError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            self.events.append(msg)

    def wait_event(self, method: str) -> dict:
        deadline = time.monotonic() + TIMEOUT_S
        while time.monotonic() < deadline:
            for i, event in enumerate(self.events):
                if event.get("method") == method:
                    return self.events.pop(i)
            self.events.append(json.loads(self.ws.recv()))
        raise AssertionError(f"no {method} within {TIMEOUT_S} s")

    def open(self, path: Path) -> None:
        """Load a local file and wait for its load event."""
        self.events.clear()
        self.send("Page.navigate", url=path.resolve().as_uri())
        self.wait_event("Page.loadEventFired")

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    def requests(self) -> list[str]:
        """URLs the page requested (Network.requestWillBeSent) since it was opened."""
        return [e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def close(self) -> None:
        if getattr(self, "ws", None) is not None:
            self.ws.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="module")
def browser():
    profile = Path(tempfile.mkdtemp(prefix="chromium-"))
    devtools = DevTools(CHROMIUM, profile)
    devtools.send("Page.enable")
    devtools.send("Network.enable")
    yield devtools
    devtools.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def output_root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("browser") / "output"
    write_tree(root, years=("all", "2023"))
    write_tree(root / report.DEMO_DIR, years=("all",))
    for nb in sorted(root.rglob("*.ipynb")):
        report.export_notebook_html(nb)
    report.write_index(root)
    return root


def test_index_renders_every_figure(browser, output_root):
    browser.open(output_root / report.INDEX_FILE)
    images = json.loads(browser.evaluate(IMAGES_JS))
    pngs = sorted(p.relative_to(output_root).as_posix() for p in output_root.rglob("*.png"))
    assert sorted(i["src"] for i in images) == [p[:40] for p in pngs]
    assert all(i["complete"] and i["width"] > 0 and i["height"] > 0 for i in images), images
    assert browser.evaluate("document.querySelector('.synthetic .synthetic-banner').offsetHeight") > 0
    assert browser.evaluate("document.title").startswith("futoko_research")
    assert all(url.startswith("file://") for url in browser.requests())  # no network


def test_notebook_page_renders_its_figure_without_network(browser, output_root):
    browser.open(output_root / "2023" / "05_national_context.html")
    images = json.loads(browser.evaluate(IMAGES_JS))
    assert len(images) == 1 and images[0]["src"].startswith("data:image/png")
    assert images[0]["width"] > 0
    assert browser.evaluate("document.querySelectorAll('table td').length") > 0
    assert not [url for url in browser.requests() if not url.startswith(("file://", "data:"))]


def test_a_missing_figure_is_seen_as_not_rendered(browser, output_root, tmp_path):
    """Not vacuous: the check fails for a thumbnail whose PNG is gone."""
    copy = tmp_path / "copy"
    shutil.copytree(output_root, copy)
    (copy / "2023" / "figures" / "05_national_count.png").unlink()
    browser.open(copy / report.INDEX_FILE)
    images = json.loads(browser.evaluate(IMAGES_JS))
    assert [i["src"] for i in images if i["width"] == 0] == ["2023/figures/05_national_count.png"]
