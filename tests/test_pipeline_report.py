"""The HTML report (futoko_research.pipeline.report): notebook pages and the index, their bytes,
their links, and the real and SYNTHETIC trees kept apart."""

from __future__ import annotations

import hashlib
import logging
import shutil
from pathlib import Path

import lxml.html
import pytest
from report_fixtures import NOTEBOOK_NAMES, read_manifest, write_tree

from futoko_research.pipeline import report


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def export_all(root: Path) -> list[Path]:
    return [report.export_notebook_html(nb) for nb in sorted(root.rglob("*.ipynb"))
            if not any(p.startswith(".") or p.endswith(".failed") for p in nb.relative_to(root).parts)]


@pytest.fixture(scope="module")
def output_root(tmp_path_factory) -> Path:
    """A real tree (all, 2023, unknown) and a SYNTHETIC demo tree (all, 2022), notebooks exported, index written."""
    root = tmp_path_factory.mktemp("report") / "output"
    write_tree(root, years=("all", "2023", "unknown"))
    write_tree(root / report.DEMO_DIR, years=("all", "2022"))
    export_all(root)
    report.write_index(root)
    return root


def tree_section(page, label: str):
    """The <section class="tree"> whose heading is ``label``."""
    [section] = [s for s in page.xpath('//section[contains(@class, "tree")]') if s.findtext("h2") == label]
    return section


def urls(element) -> list[str]:
    return element.xpath(".//@href") + element.xpath(".//@src")


# --- notebook pages --------------------------------------------------------------------------------


def test_notebook_page_is_written_beside_the_notebook_with_its_figure(output_root):
    nb = output_root / "all" / "05_national_context.ipynb"
    page = nb.with_suffix(".html")
    assert page.is_file()
    tree = lxml.html.fromstring(page.read_bytes())
    imgs = tree.xpath("//img/@src")
    png = (output_root / "all" / "figures" / "05_national_count.png").read_bytes()
    assert len(imgs) == 1 and imgs[0].startswith("data:image/png;base64,")
    import base64

    assert base64.b64decode(imgs[0].split(",", 1)[1]) == png  # the figure itself, embedded
    assert tree.xpath("//table//td")  # the table output
    assert not tree.xpath("//script[@src]") and not tree.xpath("//link[@href]")  # nothing to fetch
    assert report.check_links(page) == []


def test_notebook_page_bytes_depend_only_on_the_notebook(output_root, tmp_path):
    nb = output_root / "2023" / "01_corpus.ipynb"
    first = sha256(report.export_notebook_html(nb))
    assert sha256(report.export_notebook_html(nb)) == first
    elsewhere = tmp_path / "other" / "place" / nb.name
    elsewhere.parent.mkdir(parents=True)
    shutil.copy(nb, elsewhere)
    assert sha256(report.export_notebook_html(elsewhere)) == first
    assert not [p for p in nb.parent.iterdir() if p.name.startswith(".tmp")]  # atomic: no leftovers


# --- the index -------------------------------------------------------------------------------------


def test_every_link_of_the_index_and_its_pages_resolves(output_root):
    index = output_root / report.INDEX_FILE
    assert report.check_links(index) == []
    page = lxml.html.fromstring(index.read_bytes())
    hrefs = set(urls(page))
    assert all(not h.startswith(("/", "http:", "https:", "file:")) for h in hrefs)
    # every notebook (HTML and ipynb), figure and table of both trees is linked
    files = {p.relative_to(output_root).as_posix() for p in output_root.rglob("*")
             if p.is_file() and p.suffix in {".html", ".ipynb", ".png", ".svg", ".csv", ".graphml"}
             and p.name != report.INDEX_FILE}
    assert files and files <= hrefs
    assert {f"{t}run_manifest.json" for t in ("", "demo/")} <= hrefs


def test_index_shows_every_png_as_a_thumbnail_linked_to_itself(output_root):
    page = lxml.html.fromstring((output_root / report.INDEX_FILE).read_bytes())
    pngs = {p.relative_to(output_root).as_posix() for p in output_root.rglob("*.png")}
    srcs = page.xpath("//figure//img/@src")
    assert sorted(srcs) == sorted(pngs)
    assert all(img.getparent().tag == "a" and img.getparent().get("href") == img.get("src")
               for img in page.xpath("//figure//img"))


def test_real_and_synthetic_trees_are_apart_and_the_demo_is_labelled(output_root):
    page = lxml.html.fromstring((output_root / report.INDEX_FILE).read_bytes())
    real = tree_section(page, report.REAL_LABEL)
    demo = tree_section(page, report.DEMO_LABEL)
    assert real.get("data-synthetic") == "false" and "SYNTHETIC" not in real.text_content()
    assert demo.get("data-synthetic") == "true" and "synthetic" in demo.get("class")
    assert demo.xpath('.//p[@class="synthetic-banner"]')
    assert all("SYNTHETIC" in h.text_content() for h in demo.xpath(".//h3"))
    assert urls(real) and not [u for u in urls(real) if u.startswith("demo/")]
    assert urls(demo) and all(u.startswith(("demo/", "#")) for u in urls(demo))
    # the demo's folders are not years of the real tree
    assert [s.get("id") for s in real.xpath('.//section[@class="year"]')] == ["tree0-all", "tree0-2023", "tree0-unknown"]
    assert [s.get("id") for s in demo.xpath('.//section[@class="year"]')] == ["tree1-all", "tree1-2022"]


def test_index_shows_versions_and_input_hashes_of_each_manifest(output_root):
    page = lxml.html.fromstring((output_root / report.INDEX_FILE).read_bytes())
    for label, tree in ((report.REAL_LABEL, output_root), (report.DEMO_LABEL, output_root / "demo")):
        manifest = read_manifest(tree)
        section = tree_section(page, label)
        versions = {tr.xpath("td")[0].text: tr.xpath("td")[1].text for tr in section.xpath('.//table[@class="versions"]//tr[td]')}
        assert versions == {k: v or "—" for k, v in manifest["versions"].items()}
        hashes = {(tr.xpath("td")[1].text, tr.xpath("td")[2].text) for tr in section.xpath('.//table[@class="inputs"]//tr[td]')}
        assert {(r["path"], r["sha256"]) for r in manifest["inputs"]["raw_files"]} <= hashes
        assert {(f"{n}.ipynb", "0" * 64) for n in NOTEBOOK_NAMES} <= hashes
    assert str(output_root) not in (output_root / report.INDEX_FILE).read_text(encoding="utf-8")  # no absolute path


def test_index_bytes_are_the_same_on_a_rerun_and_in_another_folder(output_root, tmp_path):
    index = output_root / report.INDEX_FILE
    first = sha256(index)
    assert sha256(report.write_index(output_root)) == first
    copy = tmp_path / "elsewhere"
    shutil.copytree(output_root, copy)
    (copy / "all" / "figures" / "05_national_count.png").touch()  # newer mtime, same bytes
    assert sha256(report.write_index(copy)) == first


def test_hidden_and_failed_folders_are_not_listed(tmp_path):
    root = write_tree(tmp_path / "out", years=("all",))
    write_tree(root / "2023.failed", manifest=False, years=())
    (root / "2023.failed" / "01_corpus.ipynb").write_text("{}", encoding="utf-8")
    shutil.copytree(root / "all", root / ".tmp-2023")
    shutil.copytree(root / "all", root / "2023")
    (root / "2023" / "tables" / ".tmp-x.csv").write_text("", encoding="utf-8")
    index = report.write_index(root)
    text = index.read_text(encoding="utf-8")
    assert ".failed" not in text and ".tmp" not in text
    page = lxml.html.fromstring(index.read_bytes())
    assert [s.get("id") for s in page.xpath('//section[@class="year"]')] == ["tree0-all", "tree0-2023"]
    assert "実行記録にない / not in the run manifest" in page.xpath('//section[@id="tree0-2023"]/h3')[0].text_content()
    assert report.check_links(index) == []


def test_years_are_ordered_all_then_fiscal_years_then_unknown():
    names = ["unknown", "2023", "all", "2019", "extra"]
    assert sorted(names, key=report.year_sort_key) == ["all", "2019", "2023", "unknown", "extra"]


# --- failure cases ---------------------------------------------------------------------------------


def test_tree_without_manifest_is_left_out_with_a_message(tmp_path, caplog):
    root = write_tree(tmp_path / "out", years=("all",))
    write_tree(root / "demo", years=("all",), manifest=False)
    with caplog.at_level(logging.WARNING, logger="futoko_research"):
        index = report.write_index(root)
    [message] = [r.getMessage() for r in caplog.records]
    assert str(root / "demo") in message and "run_manifest.json" in message and "left out" in message
    page = lxml.html.fromstring(index.read_bytes())
    assert [s.findtext("h2") for s in page.xpath('//section[contains(@class, "tree")]')] == [report.REAL_LABEL]
    assert not [u for u in urls(page) if u.startswith("demo/")]
    assert report.check_links(index) == []


def test_no_manifest_anywhere_writes_an_index_that_says_so(tmp_path, caplog):
    root = write_tree(tmp_path / "out", years=("all",), manifest=False)
    with caplog.at_level(logging.INFO, logger="futoko_research"):
        index = report.write_index(root)
    # real: no manifest (a warning); the default demo tree absent (a run without --demo): info only
    assert [r.levelno for r in caplog.records] == [logging.WARNING, logging.INFO]
    page = lxml.html.fromstring(index.read_bytes())
    assert not page.xpath('//section[contains(@class, "tree")]')
    assert "No outputs" in page.text_content()


def test_unreadable_manifest_is_left_out_with_a_message(tmp_path, caplog):
    root = write_tree(tmp_path / "out", years=("all",))
    (root / "run_manifest.json").write_text("{not json", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="futoko_research"):
        report.write_index(root, trees=[("x", root)])
    assert "unreadable" in caplog.records[0].getMessage()


def test_explicit_trees_keep_their_order_and_labels_are_escaped(tmp_path):
    root = tmp_path / "out"
    write_tree(root / "b", years=("all",))
    write_tree(root / "a", years=("all",))
    index = report.write_index(root, trees=[("B <real>", root / "b"), ("A & co", root / "a")])
    text = index.read_text(encoding="utf-8")
    assert "B &lt;real&gt;" in text and "A &amp; co" in text
    page = lxml.html.fromstring(index.read_bytes())
    assert [s.findtext("h2") for s in page.xpath('//section[contains(@class, "tree")]')] == ["B <real>", "A & co"]
    assert all(u.startswith(("b/", "a/", "#")) for u in urls(page))
    assert report.check_links(index) == []


# --- the link check catches what it should --------------------------------------------------------


def test_check_links_reports_each_kind_of_broken_link(tmp_path):
    (tmp_path / "ok.csv").write_text("a\n", encoding="utf-8")
    (tmp_path / "page.html").write_text(
        '<a href="#top">x</a><a href="missing.csv">x</a><img src="https://cdn.example/x.png">'
        '<a href="https://example.org/">ok</a><img src="data:image/png;base64,AA==">', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<h1 id="top">t</h1><a href="#top">ok</a><a href="#nowhere">x</a><a href="ok.csv">ok</a>'
        '<a href="ok.csv#x">ok</a><a href="gone.png">x</a><img src="/abs/fig.png"><script src="//cdn.example/a.js"></script>'
        '<a href="page.html">ok</a><a href="sub%20dir/x.csv">x</a>', encoding="utf-8")
    broken = report.check_links(tmp_path / "index.html")
    assert len(broken) == 8, broken
    joined = "\n".join(broken)
    for expected in ("'#nowhere'", "gone.png", "/abs/fig.png", "//cdn.example/a.js", "sub dir/x.csv",
                     "page.html: <a href='#top'>: no element", "page.html: <a href='missing.csv'>",
                     "page.html: <img src='https://cdn.example/x.png'>: loaded from the network"):
        assert expected in joined, expected
    assert len(report.check_links(tmp_path / "index.html", follow=False)) == 5


def test_check_links_finds_a_figure_removed_after_the_index_was_written(output_root, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(output_root, copy)
    (copy / "demo" / "2022" / "figures" / "05_national_count.png").unlink()
    (copy / "2023" / "01_corpus.html").unlink()
    broken = report.check_links(copy / report.INDEX_FILE)
    assert len(broken) == 4  # the thumbnail's <a> and <img>, the caption's "png" link; the notebook page
    assert sum("demo/2022/figures/05_national_count.png" in b for b in broken) == 3
    assert any("2023/01_corpus.html" in b for b in broken)
