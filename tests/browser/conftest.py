"""Browser fixtures: Debian's chromium driven by Playwright, and built sites served locally.

    chromium         the browser (session); skipped with a notice when /usr/bin/chromium
                     is missing, a failure under CI=true
    serve_site       serve a built site at http://127.0.0.1:<random port>/nk-briefing/
    real_site        this checkout's site (real_site_build, tests/conftest.py), served
    open_page        a fresh page (own context, given width) whose outside requests are
                     blocked and logged, console errors and dialogs collected
    axe_script       axe-core's script, to add to a page; skipped (failed under CI) when missing

Every test here carries the `browser` marker (`pytest -m "not browser"` leaves them out).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .support import (CHROMIUM, CHROMIUM_ARGS, INSTALL_HINT, REPO, SITE_PREFIX, StaticSite, chromium_status, in_ci,
                      site_prefix)

ARTIFACTS = REPO / "test-artifacts"
AXE = REPO / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
LOCAL_HOSTS = {"127.0.0.1"}


def _missing_browser(reason: str):
    if in_ci():
        pytest.fail(f"browser tests cannot run under CI=true: {reason}; {INSTALL_HINT}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason}; {INSTALL_HINT}")


@pytest.fixture(scope="session")
def chromium():
    problem = chromium_status()
    if problem:
        _missing_browser(problem)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as err:  # pragma: no cover - playwright is in requirements.txt
        _missing_browser(f"playwright is not importable ({err})")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def axe_script():
    if not AXE.is_file():
        message = "axe-core is not installed: run `make axe` (npm ci --prefix tests/browser)"
        if in_ci():
            pytest.fail(message + " (CI=true)", pytrace=False)
        pytest.skip(message)
    return AXE



@pytest.fixture(scope="session")
def serve_site():
    servers = []

    def serve(directory: Path, prefix: str = SITE_PREFIX) -> StaticSite:
        site = StaticSite(directory, prefix).__enter__()
        servers.append(site)
        return site

    yield serve
    for site in servers:
        site.__exit__(None, None, None)


@pytest.fixture(scope="session")
def real_site(real_site_build, serve_site) -> StaticSite:
    """This checkout's site (a copy, built once with `mkdocs build --strict`: real_site_build in
    tests/conftest.py), served under /nk-briefing/."""
    checkout, out = real_site_build
    return serve_site(out, site_prefix(checkout))


@dataclass
class WatchedPage:
    """A page plus what it did: requests to other hosts, console errors, dialogs."""

    page: object
    requests: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    document_urls: list[str] = field(default_factory=list)

    def goto(self, url: str, idle: bool = True):
        """Load a page; with `idle`, also wait until the network has been quiet for 500 ms."""
        self.document_urls.append(url)
        response = self.page.goto(url, wait_until="load")
        if idle:
            self.page.wait_for_load_state("networkidle")
        return response

    def search(self, query: str, timeout: float = 10_000) -> list[str]:
        """Type into the header's search box (Material's markup, Pagefind's results: theme/search.js) with
        real key events; the result titles once results are shown."""
        page = self.page
        page.keyboard.press("Escape")
        if page.is_visible("input.md-search__input"):
            page.click("input.md-search__input")
        else:  # narrow screens: the search button in the header
            page.click("label.md-header__button[for='__search']")
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        page.keyboard.type(query, delay=20)
        page.wait_for_selector(".md-search-result__item", timeout=timeout)
        return page.locator(".md-search-result__item h1, .md-search-result__item h2").all_inner_texts()

    def result_hrefs(self) -> list[str]:
        return self.page.eval_on_selector_all("a.md-search-result__link", "els => els.map(e => e.href)")

    def assert_accessible(self, axe_script: Path, where: str) -> None:
        """axe-core finds no serious or critical violation on the page as it is now."""
        self.page.add_script_tag(path=str(axe_script))
        results = self.page.evaluate("""async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target)}));
        }""")
        serious = [v for v in results if v["impact"] in ("serious", "critical")]
        assert not serious, f"{where}: {serious}"

    def assert_clean(self) -> None:
        assert not self.outside_requests, f"requests left 127.0.0.1: {self.outside_requests}"
        assert not self.console_errors, f"console errors: {self.console_errors}"
        assert not self.dialogs, f"dialogs opened: {self.dialogs}"

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname in LOCAL_HOSTS


@pytest.fixture
def open_page(chromium):
    """open_page(width=1280, height=900, color_scheme=None) -> WatchedPage."""
    contexts = []

    def open_(width: int = 1280, height: int = 900, color_scheme: str | None = None,
              expect_404: bool = False) -> WatchedPage:
        context = chromium.new_context(viewport={"width": width, "height": height},
                                       color_scheme=color_scheme, service_workers="block")
        contexts.append(context)
        page = context.new_page()
        watched = WatchedPage(page)

        def route(route_):
            url = route_.request.url
            watched.requests.append(url)
            if _is_local(url):
                route_.continue_()
            else:
                watched.outside_requests.append(url)
                route_.abort()

        context.route("**/*", route)
        page.on("websocket", lambda ws: watched.outside_requests.append(ws.url) if not _is_local(ws.url) else None)

        def on_console(message):
            if message.type != "error":
                return
            text = message.text
            # The browser logs the 404 status of a page we asked for on purpose
            # (only that one: a missing stylesheet on it is still an error).
            if expect_404 and "404" in text and message.location.get("url") in watched.document_urls:
                return
            watched.console_errors.append(f"{text} ({message.location.get('url')})")

        page.on("console", on_console)
        page.on("pageerror", lambda error: watched.console_errors.append(f"uncaught: {error}"))

        def on_dialog(dialog):
            watched.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        return watched

    yield open_
    for context in contexts:
        context.close()
