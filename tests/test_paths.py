"""Links between pages are relative, so the site works under any sub-path."""
from __future__ import annotations

import posixpath

from build_tools import pipeline
from build_tools.render import Publisher, paths, render_site
from conftest import REPO


def test_every_link_between_pages_is_the_relative_path_a_browser_resolves():
    checked = pipeline.check(REPO)
    pages = list(render_site(checked.corpus, checked.comparisons, Publisher("Test", "https://example.org/")).pages)
    pages += [paths.claims_index(2), paths.topic("deployments", 3), paths.originator("sk-jcs", 2)]
    for here in pages:
        for there in pages:
            link = paths.href(here, there)
            # What the browser does with the link on the page served at /<url(here)>.
            resolved = posixpath.normpath(posixpath.join("/" + paths.url(here), link))
            assert resolved.rstrip("/") + "/" == "/" + paths.url(there) or (resolved == "/" and paths.url(there) == ""), \
                (here, there, link)
            relative = posixpath.relpath("/" + paths.url(there), "/" + paths.url(here))
            assert link == ("./" if relative == "." else relative + "/")  # the shortest such path
