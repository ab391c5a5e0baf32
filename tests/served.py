"""`mkdocs serve --dirty` (as `make serve` runs it) in-process, one rebuild at a time, as MkDocs' serve runs
each: a fresh config, one plugin instance, one folder, `dirty=True`, the site at serve's address. With
`dirty=False`, a plain `mkdocs serve`, which empties the folder before each rebuild."""
from __future__ import annotations

from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

SERVE_URL = "http://127.0.0.1:8000/briefing/"


class Serve:
    """`mkdocs serve --dirty` of `root` into `site_dir`: built once when made, again at each `rebuild()`."""

    def __init__(self, root: Path, site_dir: Path, dirty: bool = True):
        self.root, self.site_dir, self.dirty = root, site_dir, dirty
        config = self._config()
        config.plugins.on_startup(command="serve", dirty=dirty)
        self.plugin = config.plugins["briefing"]
        self.rebuild(config)

    def _config(self):
        config = load_config(config_file=str(self.root / "mkdocs.yml"), site_dir=str(self.site_dir))
        config.site_url = SERVE_URL
        return config

    def rebuild(self, config=None) -> None:
        build(config or self._config(), serve_url=SERVE_URL, dirty=self.dirty)


def edit(path: Path, old: str, new: str) -> None:
    """Save `path` with its first `old` replaced by `new`."""
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
