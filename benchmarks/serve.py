"""`mkdocs serve` as `make serve` runs it, then one claim file saved: how long until the browser reloads.

    python -m benchmarks.serve DIR [--plain]

DIR is a corpus with its site files (as `make bench` prepares it). The file is
changed by a comment line, so its content hash changes and the project's
stages re-check it, and restored afterwards. Reported: seconds from the save
to MkDocs' "Reloading browsers", the rebuild time MkDocs itself prints, and
the time of the project's own stages from the plugin's log line.

As `make serve`: `--dirty`, so that the plugin renders only the pages whose
content changed, and without Material's lunr `search` plugin, which indexes only
the pages rendered in a build (with it the plugin renders every page; the
site's search is to be Pagefind's, indexing the built folder after each build).
The configuration goes to DIR/mkdocs-serve.yml. `--plain`: a plain
`mkdocs serve` of DIR/mkdocs.yml, every page rendered on every save.
"""
from __future__ import annotations

import json
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

TIMEOUT = 900  # seconds for the first build, and again for the rebuild
_BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")
_STAGES = re.compile(r"briefing: .* generated in ([\d.]+) s")


_LUNR_SEARCH = re.compile(r"^  - search\n", re.MULTILINE)


def serve_config(root: Path) -> Path:
    """DIR/mkdocs.yml without Material's lunr search plugin, beside it (so its folders stay where they are)."""
    config = root / "mkdocs-serve.yml"
    config.write_text(_LUNR_SEARCH.sub("", (root / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8")
    return config


def measure(root: Path, plain: bool = False) -> dict:
    claim = sorted((root / "claims").glob("*/*.yaml"))[0]
    original = claim.read_bytes()
    how = ["--config-file", "mkdocs.yml"] if plain else ["--config-file", serve_config(root).name, "--dirty"]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", *how],
                              cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue[tuple[float, str]] = queue.Queue()
    threading.Thread(target=lambda: [lines.put((time.perf_counter(), line)) for line in server.stdout],
                     daemon=True).start()

    def wait_for(text: str) -> tuple[float, list[str]]:
        seen, deadline = [], time.perf_counter() + TIMEOUT
        while time.perf_counter() < deadline:
            try:
                at, line = lines.get(timeout=1)
            except queue.Empty:
                if server.poll() is not None:
                    break
                continue
            seen.append(line)
            if text in line:
                return at, seen
        raise RuntimeError(f"mkdocs serve never printed {text!r}; its output ended with:\n{''.join(seen[-20:])}")

    try:
        wait_for("Serving on")
        saved = time.perf_counter()
        claim.write_bytes(original + b"\n# saved by benchmarks/serve.py\n")
        reloaded, output = wait_for("Reloading browsers")
    finally:
        claim.write_bytes(original)
        server.terminate()
        server.wait(timeout=60)
    built = [float(m[1]) for line in output if (m := _BUILT.search(line))]
    stages = [float(m[1]) for line in output if (m := _STAGES.search(line))]
    return {"file": claim.relative_to(root).as_posix(), "seconds": reloaded - saved,
            "mkdocs_seconds": built[-1] if built else None, "stages_seconds": stages[-1] if stages else None}


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]), plain="--plain" in sys.argv[2:]), indent=2))
