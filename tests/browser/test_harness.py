"""The harness itself: the local server, the outside-request log, the console log.

These run without the site, so the fixtures are proven before the site lands.
"""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def tiny_site(tmp_path, serve_site):
    (tmp_path / "page").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>home</title><a href='page/'>page</a>")
    (tmp_path / "page" / "index.html").write_text(
        "<!doctype html><title>page</title>"
        "<img src='https://example.invalid/pixel.png' alt=''>"
        "<script>console.error('boom')</script>")
    (tmp_path / "404.html").write_text("<!doctype html><title>missing</title>")
    return serve_site(tmp_path)


def test_site_is_served_under_the_sub_path_only(tiny_site, open_page):
    watched = open_page()
    assert tiny_site.base_url.startswith("http://127.0.0.1:") and tiny_site.base_url.endswith("/nk-briefing/")
    assert watched.goto(tiny_site.url()).status == 200
    assert watched.page.title() == "home"
    response = watched.page.goto(tiny_site.base_url.replace("/nk-briefing/", "/"))
    assert response.status == 404 and watched.page.title() == "missing"
    watched.page.goto(tiny_site.url("page"))  # a folder without its slash is redirected
    assert watched.page.url == tiny_site.url("page/")


def test_outside_requests_are_blocked_and_logged_and_console_errors_collected(tiny_site, open_page):
    watched = open_page()
    watched.goto(tiny_site.url("page/"))
    assert watched.outside_requests == ["https://example.invalid/pixel.png"]
    assert any("boom" in error for error in watched.console_errors), watched.console_errors
    with pytest.raises(AssertionError):
        watched.assert_clean()


def test_a_clean_page_passes(tiny_site, open_page):
    watched = open_page()
    watched.goto(tiny_site.url())
    watched.assert_clean()
    assert any(url.endswith("/nk-briefing/") for url in watched.requests)
