"""The staff's path through the web page in a real browser (Debian's chromium driven by Playwright):
build corpus/, start `vncite serve`, search "KL 120", open the document, read its implements tree,
follow a highlighted reference from a citing text to its page, see a hostile text shown as text.
Screenshots of each page go to out/."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
OUT = Path(__file__).resolve().parent.parent / "out"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(corpus, tmp_path_factory):
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        if os.environ.get("VNCITE_REQUIRE_BROWSER"):
            pytest.fail("VNCITE_REQUIRE_BROWSER is set but Debian's chromium is not installed")
        pytest.skip("no /usr/bin/chromium (apt-get install chromium)")
    tmp = tmp_path_factory.mktemp("browser")
    (tmp / "hostile.txt").write_text("Tin <script>document.title='pwned'</script> về Kết luận số 120-KL/TW của Bộ Chính trị.\n",
                                     encoding="utf-8")
    db = tmp / "g.db"
    build = [sys.executable, "-m", "pipeline", "build", str(corpus / "seeds"), str(corpus / "cases"), str(corpus / "dev2"),
             str(tmp / "hostile.txt"), "--db", str(db)]
    assert subprocess.run(build, capture_output=True).returncode == 0
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    yield base
    proc.terminate()
    proc.wait(10)


def test_staff_path_through_the_page(server):
    from playwright.sync_api import sync_playwright

    OUT.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(server + "/")
        page.screenshot(path=str(OUT / "web-home.png"), full_page=True)
        page.fill("form.search.big input[name=q]", "KL 120")
        page.click("form.search.big button")
        page.wait_for_url("**/search?q=KL+120")
        page.screenshot(path=str(OUT / "web-search.png"), full_page=True)
        page.click("table.results tbody tr:first-child a.key")
        page.wait_for_url("**/doc/120-KL%2FTW")
        assert page.inner_text("h1") == "120-KL/TW"
        tree = page.inner_text("#implements-tree")
        assert "10-KH/ĐUK" in tree and "08-KH/CB" in tree
        page.screenshot(path=str(OUT / "web-document.png"), full_page=True)
        page.goto(server + "/tree/57-NQ%2FTW")
        assert "617/KH-UBND" in page.inner_text("ul.tree-list")
        page.screenshot(path=str(OUT / "web-tree.png"), full_page=True)
        # a citing text, and a highlighted reference in it back to its page
        page.goto(server + "/doc/120-KL%2FTW")
        page.click("section.citing table tbody tr:first-child td:first-child a")
        page.wait_for_url("**/text/**")
        page.screenshot(path=str(OUT / "web-text.png"), full_page=True)
        link = page.locator(".annotated a.ref").first
        key = link.get_attribute("title")
        link.click()
        page.wait_for_url("**/doc/**")
        assert page.inner_text("h1") == key
        # a text carrying a script is shown, not run
        page.goto(server + "/search?q=pwned+script")
        page.goto(server + "/doc/120-KL%2FTW")
        hostile = page.locator("section.citing a", has_text="hostile.txt")
        hostile.click()
        page.wait_for_url("**/text/**")
        assert "<script>document.title='pwned'</script>" in page.inner_text(".annotated")
        assert page.title() != "pwned"
        page.screenshot(path=str(OUT / "web-escaped.png"), full_page=True)
        browser.close()
