"""The staff's path through the web page in a real browser (Debian's chromium driven by Playwright, in a
Vietnamese locale): build corpus/, start `vncite serve`, search "KL 120", open the document, read its
implements tree, follow a highlighted reference from a citing text to its page, see a hostile text shown as
text. On every page no English message of the interface's catalogue shows. Screenshots of each page go to out/."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from factories import serve

CHROMIUM = "/usr/bin/chromium"
OUT = Path(__file__).resolve().parent.parent / "out"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


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
    proc, base = serve(db, tries=100)
    yield base
    proc.terminate()
    proc.wait(10)


def _english_messages() -> list[re.Pattern]:
    """The catalogue's English messages that Vietnamese words replace (their fixed parts, as whole words)."""
    from babel.messages.pofile import read_po

    po = Path(__file__).resolve().parent.parent / "pipeline" / "locale" / "vi" / "LC_MESSAGES" / "vncite.po"
    out = []
    for m in read_po(po.open("rb")):
        ids = [m.id] if isinstance(m.id, str) else list(m.id or [])
        for mid in ids:
            for part in re.split(r"%\([a-z]+\)[sd]|\{[a-z]+\}", mid):
                part = part.strip(" ·:,.()“”'")
                if len(part) >= 4 and re.search(r"[A-Za-z]{3}", part) and part not in ("vncite", "JSON"):
                    out.append(re.compile(r"(?<![\w-])" + re.escape(part) + r"(?![\w-])"))
    return out


def _assert_vietnamese(page, messages) -> None:  # noqa: ANN001
    shown = page.inner_text("body")
    english = sorted({m.pattern for m in messages if m.search(shown)})
    assert not english, (page.url, english)


def test_staff_path_through_the_page(server):
    from playwright.sync_api import sync_playwright

    OUT.mkdir(exist_ok=True)
    messages = _english_messages()
    assert len(messages) > 80
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        page.goto(server + "/")
        _assert_vietnamese(page, messages)
        page.screenshot(path=str(OUT / "web-home.png"), full_page=True)
        page.fill("form.search.big input[name=q]", "KL 120")
        page.click("form.search.big button")
        page.wait_for_url("**/search?q=KL+120")
        _assert_vietnamese(page, messages)
        page.screenshot(path=str(OUT / "web-search.png"), full_page=True)
        page.click("table.results tbody tr:first-child a.key")
        page.wait_for_url("**/doc/120-KL%2FTW")
        assert page.inner_text("h1") == "120-KL/TW"
        tree = page.inner_text("#implements-tree")
        assert "10-KH/ĐUK" in tree and "8-KH/CB" in tree
        assert "Được thực hiện bởi (2)" in page.inner_text("section.luoc-do") and "Bị thay thế bởi (0)" in page.inner_text("section.luoc-do")
        _assert_vietnamese(page, messages)
        page.screenshot(path=str(OUT / "web-document.png"), full_page=True)
        page.goto(server + "/tree/57-NQ%2FTW")
        assert "617/KH-UBND" in page.inner_text("ul.tree-list")
        _assert_vietnamese(page, messages)
        page.screenshot(path=str(OUT / "web-tree.png"), full_page=True)
        page.goto(server + "/doc/90%2F2004%2FQ%C4%90-UB")  # a repealed decision: its standing, dates as people write them
        standing = page.inner_text(".status")
        assert "hết hiệu lực (bị bãi bỏ)" in standing and "18/11/2025 Bị bãi bỏ bởi 2688/QĐ-UBND" in standing
        _assert_vietnamese(page, messages)
        page.screenshot(path=str(OUT / "web-repealed.png"), full_page=True)
        page.goto(server + "/search?q=chuyen+doi+so")
        assert page.locator(".snippet mark").count() > 0
        _assert_vietnamese(page, messages)
        page.screenshot(path=str(OUT / "web-search-words.png"), full_page=True)
        page.goto(server + "/extract")
        page.fill("textarea[name=text]", "Thực hiện Kết luận số 120-KL/TW ngày 07/01/2016 của Bộ Chính trị, Chi ủy ban hành Kế hoạch số 08-KH/CB.")
        page.click("form.extract button")
        page.wait_for_selector(".annotated a.ref")
        _assert_vietnamese(page, messages)
        page.screenshot(path=str(OUT / "web-extract.png"), full_page=True)
        page.goto(server + "/doc/999-XX%2FYY")
        _assert_vietnamese(page, messages)
        # a citing text, and a highlighted reference in it back to its page
        page.goto(server + "/doc/120-KL%2FTW")
        page.click("section.citing table tbody tr:first-child td:first-child a")
        page.wait_for_url("**/text/**")
        _assert_vietnamese(page, messages)
        page.screenshot(path=str(OUT / "web-text.png"), full_page=True)
        link = page.locator(".annotated a.ref").first
        key = link.get_attribute("title")
        link.click()
        page.wait_for_url("**/doc/**")
        assert page.inner_text("h1") == key
        # a text carrying a script is shown, not run
        page.goto(server + "/search?q=pwned+script")
        page.goto(server + "/doc/120-KL%2FTW")
        hostile = page.locator("section.citing a", has_text="Tin <script>")
        hostile.click()
        page.wait_for_url("**/text/**")
        assert "<script>document.title='pwned'</script>" in page.inner_text(".annotated")
        assert page.title() != "pwned"
        page.screenshot(path=str(OUT / "web-escaped.png"), full_page=True)
        # English on request
        page.goto(server + "/doc/120-KL%2FTW?lang=en")
        assert "Implemented by (2)" in page.inner_text("section.luoc-do")
        page.screenshot(path=str(OUT / "web-document-en.png"), full_page=True)
        browser.close()


@pytest.mark.parametrize("width", [390, 1366])
def test_every_page_fits_a_phone_and_a_desktop(server, width):
    """At 390 px (a phone) and 1366 px no page scrolls sideways and none shows an English message; screenshots of the
    phone's pages go to out/."""
    from playwright.sync_api import sync_playwright

    OUT.mkdir(exist_ok=True)
    messages = _english_messages()
    paths = ["/", "/search?q=KL+120", "/search?q=chuyen+doi+so", "/doc/120-KL%2FTW", "/tree/57-NQ%2FTW",
             "/doc/90%2F2004%2FQ%C4%90-UB", "/doc/78%2F2025%2FN%C4%90-CP", "/extract", "/doc/999-XX%2FYY"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": width, "height": 844}, locale="vi-VN")
        page.goto(server + "/doc/120-KL%2FTW")
        page.click("section.citing table tbody tr:first-child td:first-child a")
        page.wait_for_url("**/text/**")
        paths.append(page.url.split(server, 1)[1])
        for i, path in enumerate(paths):
            page.goto(server + path)
            wide = page.evaluate("document.documentElement.scrollWidth")
            assert wide <= width, (path, wide)
            _assert_vietnamese(page, messages)
            if width < 600:
                page.screenshot(path=str(OUT / f"web-phone-{i}.png"), full_page=True)
        browser.close()
