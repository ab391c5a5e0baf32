"""The hostile corpus in a real browser: no injected script runs, on any page, or in search.

Every page of the site built from tests/fixtures/hostile/ is loaded in
Chromium; payloads would set window.__pwned, set the title to PWNED, open a
dialog, add a <pwn-tag> element or fetch from evil.example. Searching for
words inside the payloads renders them in Material's search results too.
"""
from __future__ import annotations

import json

import pytest

from .support import site_prefix

pytestmark = pytest.mark.browser

# Run in the page after load: everything a payload could have done, as data.
INSPECT = """() => {
  const problems = [];
  if (window.__pwned !== undefined) problems.push('window.__pwned = ' + window.__pwned);
  if (window.parent.__pwned !== undefined) problems.push('parent.__pwned set');
  if (document.title === 'PWNED') problems.push('title set to PWNED');
  for (const tag of ['pwn-tag', 'iframe', 'object', 'embed', 'base', 'frame', 'meta[http-equiv]'])
    for (const el of document.querySelectorAll(tag)) problems.push('element: ' + el.outerHTML.slice(0, 120));
  for (const el of document.querySelectorAll('style'))
    if (el.textContent.includes('display:none')) problems.push('style from data: ' + el.textContent.slice(0, 80));
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on')) problems.push('event attribute: <' + el.tagName + ' ' + attr.name + '>');
      if (attr.name === 'autofocus') problems.push('autofocus on ' + el.tagName);
    }
  }
  for (const el of document.querySelectorAll('[href], [src], [action], [formaction]')) {
    for (const name of ['href', 'src', 'action', 'formaction']) {
      const value = el.getAttribute(name);
      if (value === null) continue;
      let url;
      try { url = new URL(value, document.baseURI); } catch (e) { continue; }
      if (!['http:', 'https:'].includes(url.protocol)) problems.push('link: ' + name + '=' + value);
      const loads = ['IMG', 'SCRIPT', 'SOURCE', 'VIDEO', 'AUDIO', 'INPUT', 'EMBED'].includes(el.tagName)
        || (el.tagName === 'LINK' && /stylesheet|icon|preload|prefetch|manifest/i.test(el.rel));
      if (loads && url.hostname !== location.hostname) problems.push('resource: ' + value);
    }
  }
  for (const script of document.querySelectorAll('script')) {
    if (script.type === 'application/ld+json') {
      try { JSON.parse(script.textContent); } catch (e) { problems.push('JSON-LD broken: ' + e); }
    } else if (script.src) {
      if (new URL(script.src).hostname !== location.hostname) problems.push('script from ' + script.src);
    } else if (/pwn|alert/i.test(script.textContent)) {
      problems.push('inline script from data: ' + script.textContent.slice(0, 80));
    }
  }
  if (document.baseURI !== location.href.split('#')[0]) problems.push('base URI changed: ' + document.baseURI);
  return problems;
}"""


@pytest.fixture(scope="module")
def hostile(hostile_site, serve_site):
    return serve_site(hostile_site, site_prefix(hostile_site.parent / "repo"))


def page_urls(site) -> list[str]:
    pages = sorted(p.parent.relative_to(site.directory).as_posix() for p in site.directory.rglob("index.html"))
    return [site.url("" if page == "." else page + "/") for page in pages]


# Fire, on every element, the events an injected handler would wait for.
FIRE_EVENTS = """() => {
  for (const el of document.querySelectorAll('body *')) {
    for (const type of ['mouseover', 'mouseenter', 'mousemove', 'pointerover'])
      el.dispatchEvent(new MouseEvent(type, {bubbles: true}));
    el.dispatchEvent(new FocusEvent('focus'));
    el.dispatchEvent(new Event('toggle'));
  }
}"""


def exercise(watched) -> None:
    """What a reader does that could fire a handler: hover, focus, tab through."""
    page = watched.page
    page.evaluate(FIRE_EVENTS)
    for element in page.query_selector_all(".source-card, article a, time")[:6]:
        if element.is_visible():
            element.hover(timeout=1000, force=True)
    for _ in range(10):
        page.keyboard.press("Tab")


def test_no_injected_script_runs_on_any_page(hostile, open_page):
    urls = page_urls(hostile)
    assert any("/claims/pwn-single/" in u for u in urls) and any("/sources/hostile-full/" in u for u in urls)
    failures = {}
    watched = open_page(expect_404=True)  # one page, navigated: each load starts a fresh window
    for url in urls + [hostile.url("no-such-page/")]:
        seen = len(watched.outside_requests), len(watched.dialogs), len(watched.console_errors)
        watched.goto(url, idle=False)
        exercise(watched)
        problems = watched.page.evaluate(INSPECT)
        problems += [f"request left 127.0.0.1: {u}" for u in watched.outside_requests[seen[0]:]]
        problems += [f"dialog: {d}" for d in watched.dialogs[seen[1]:]]
        problems += [f"console: {c}" for c in watched.console_errors[seen[2]:]]
        if problems:
            failures[url] = problems
    assert not failures, json.dumps(failures, indent=1)[:6000]


def test_payloads_show_as_the_text_they_are(hostile, open_page):
    watched = open_page()
    watched.goto(hostile.url("claims/pwn-single/"))
    body = watched.page.inner_text("article")
    assert "<script>window.__pwned=1</script>" in body           # analysis raw HTML, shown
    assert "<img src=x onerror=\"document.title='PWNED'\">" in body  # claim text, shown
    assert "[md link](javascript:alert(1))" in body               # Markdown in plain text stays text
    links = watched.page.eval_on_selector_all("article a[href]", "els => els.map(e => e.href)")
    assert "https://example.org/ok" in links                       # the allowed subset still links
    assert hostile.url("methodology/") in links, links
    assert not [link for link in links if not link.startswith(("http://127.0.0.1", "https://"))], links


def test_search_results_do_not_run_payloads(hostile, open_page):
    watched = open_page()
    watched.goto(hostile.url())
    for query in ("onerror", "onmouseover", "script"):
        titles = watched.search(query)
        assert titles, query
        items = watched.page.locator(".md-search-result__item")
        assert items.count() >= 1, query
        for index in range(min(items.count(), 10)):
            items.nth(index).hover()
        problems = watched.page.evaluate(INSPECT)
        assert not problems, (query, problems)
        watched.page.keyboard.press("Escape")
    watched.assert_clean()


def test_separators_bom_and_astral_characters_reach_the_browser_whole(hostile, open_page):
    """U+2028/U+2029 end a line in older JavaScript, a BOM or a character beyond U+FFFF could be
    split: the page's title and its ClaimReview must still hold them exactly."""
    watched = open_page()
    watched.goto(hostile.url("claims/pwn-single/"))
    found = watched.page.evaluate("""() => {
      const ld = [...document.querySelectorAll('script[type="application/ld+json"]')].map(s => JSON.parse(s.textContent));
      return {title: document.title, reviewed: ld.map(r => r.claimReviewed)};
    }""")
    assert "\ufeff\U0001F600" in found["title"]
    assert len(found["reviewed"]) == 1 and found["reviewed"][0].endswith("\u2028\u2029\ufeff\U0001F600")
    watched.assert_clean()
