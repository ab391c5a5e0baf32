"""Helpers shared by the browser tests and the build tests (no pytest fixtures here).

    build_site(root, out)     `mkdocs build --strict` of a checkout (or a copy) into `out`
    chromium_status()         None when /usr/bin/chromium can be launched, else why not
    StaticSite                a built site served on 127.0.0.1:<random port>/<prefix>/
    SCREENS, open_at(...)     the widths and schemes reader pages are checked at; a page opened at one
    watched.assert_accessible(...)     axe-core on an open page: nothing serious or critical
"""
from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
MKDOCS = Path(sys.executable).with_name("mkdocs")
PROPERDOCS = Path(sys.executable).with_name("properdocs")  # the maintained fork of MkDocs 1.6
# BRIEFING_CHROMIUM exists only so that the skip/fail behaviour itself can be tested.
CHROMIUM = Path(os.environ.get("BRIEFING_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
INSTALL_HINT = ("install Debian's chromium to run them: `sudo apt-get install chromium` "
                "(or run `make test` as root, which calls build_tools/scripts/install-browser.sh)")
SITE_PREFIX = "/nk-briefing/"


def site_prefix(root: Path = REPO) -> str:
    """The sub-path the site is published under: the path of `site_url` in mkdocs.yml.

    Pages link to each other relatively, but MkDocs writes 404.html with
    root-relative addresses taken from site_url (GitHub Pages serves it for any
    missing path), so the site is served where site_url says it will live.
    """
    from urllib.parse import urlsplit

    from mkdocs.config import load_config
    config_file = root / "mkdocs.yml"
    site_url = load_config(config_file=str(config_file)).site_url if config_file.exists() else None
    path = urlsplit(site_url or "").path or SITE_PREFIX
    return path if path.endswith("/") else path + "/"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def skip_unless_site_is_buildable() -> None:
    """Skip the test when this checkout lacks the pieces of a site build, naming what is missing."""
    missing = [name for name in ("mkdocs.yml", "build_tools/plugin.py") if not (REPO / name).exists()]
    if missing:
        pytest.skip(f"the site is not built yet here (missing {', '.join(missing)})")


def chromium_status() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing"
    if not os.access(CHROMIUM, os.X_OK):
        return f"{CHROMIUM} is not executable"
    return None


def build_site(root: Path, out: Path, extra_env: dict | None = None,
               engine: Path = MKDOCS) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` (or another engine's) of the checkout at `root` into `out`."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **(extra_env or {})}
    return subprocess.run(
        [str(engine), "build", "--strict", "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(out)],
        cwd=root, capture_output=True, text=True, timeout=600, env=env,
    )


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serve the site only under the prefix, like GitHub Pages serves a project site."""

    prefix = SITE_PREFIX

    def log_message(self, format, *args):  # keep test output quiet
        pass

    def send_head(self):
        path = unquote(urlsplit(self.path).path)
        if not path.startswith(self.prefix):
            return self._not_found()
        local = Path(self.directory) / path[len(self.prefix):]
        if local.is_dir() and not path.endswith("/"):
            self.send_response(301)
            self.send_header("Location", path + "/")
            self.end_headers()
            return None
        if local.is_dir():
            local = local / "index.html"
        if not local.is_file():
            return self._not_found()
        return super().send_head()

    def translate_path(self, path):
        path = unquote(urlsplit(path).path)
        return str(Path(self.directory) / path[len(self.prefix):].lstrip("/"))

    def _not_found(self):
        # GitHub Pages answers a missing page with the site's 404.html.
        page = Path(self.directory) / "404.html"
        body = page.read_bytes() if page.is_file() else b"not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io
        return io.BytesIO(body)


class StaticSite:
    """A built site on http://127.0.0.1:<random port>/nk-briefing/."""

    def __init__(self, directory: Path, prefix: str = SITE_PREFIX):
        handler = functools.partial(type("Handler", (_Handler,), {"prefix": prefix}), directory=str(directory))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.directory = Path(directory)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}{prefix}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "StaticSite":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, page: str = "") -> str:
        return self.base_url + page.lstrip("/")


HOSTILE_DATA = REPO / "tests" / "fixtures" / "hostile"


# The widths and schemes a reader page is checked at: a desktop and a phone, light and dark.
SCREENS = ((1280, "light"), (1280, "dark"), (390, "light"), (390, "dark"))


def open_at(open_page, url, width, scheme="light"):
    """A page opened at `width` (a phone's 844 px tall at 390) in `scheme`; it must load with 200."""
    watched = open_page(width=width, height=844 if width == 390 else 900, color_scheme=scheme)
    assert watched.goto(url).status == 200
    return watched

