"""The validator never executes, imports or fetches anything named in the data,
and reads nothing but claims/, seeds/ and its own schema.

Validation runs in a subprocess under an audit hook (sys.addaudithook) that
records every file opened, directory listed, socket used, process started and
module imported once the tools are loaded. The data names files outside the
repository (relative paths, symbolic links), local URLs backed by a listening
socket that would notice a fetch, module names, and a YAML tag that would run
a shell command.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, REPO

PROBE = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
import build_tools.cli, build_tools.pipeline, build_tools.published  # the tools themselves, loaded first
import jsonschema, yaml, difflib, hashlib, datetime  # and what they use, so lazy imports show up below
events = []
WATCHED = ("open", "os.listdir", "os.scandir", "glob.glob", "os.system", "os.exec", "os.posix_spawn",
           "os.spawn", "os.fork", "subprocess.Popen", "import", "urllib.Request", "http.client.connect",
           "webbrowser.open", "exec", "compile", "ctypes.dlopen", "shutil.rmtree", "os.remove", "os.rename")
def hook(event, args):
    if event in WATCHED or event.startswith("socket."):
        try:
            events.append([event, [a if isinstance(a, (str, int, type(None))) else repr(a) for a in args][:3]])
        except Exception as err:
            events.append([event, ["unprintable", repr(err)]])
sys.addaudithook(hook)
status = build_tools.cli.main(["validate", "--root", sys.argv[2]])
sys.stdout.flush()
print("\n@@EVENTS@@" + json.dumps(events))
sys.exit(status)
"""


@pytest.fixture
def listener():
    """A socket on 127.0.0.1 that the data points at; any fetch would connect to it."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.setblocking(False)
    yield server, f"http://127.0.0.1:{server.getsockname()[1]}"
    server.close()


@pytest.fixture
def baited_repo(scratch_repo, tmp_path, listener):
    _, url = listener
    outside = tmp_path / "outside-secret.txt"
    outside.write_text("secret")
    marker = tmp_path / "executed-marker"
    root = scratch_repo
    claims = root / "claims" / "diplomacy"
    claims.mkdir()
    shutil.copy(FIXTURES / "claims" / "valid.yaml", claims / "kim-pledge.yaml")
    valid = yaml.safe_load((FIXTURES / "claims" / "valid.yaml").read_text())
    bait = dict(valid, analysis=f"See [this]({url}/analysis) and [that](file://{outside}) and <{url}/auto>.",
                translator="os", claimant="subprocess")
    bait["sources"] = [dict(valid["sources"][0], article=f"../../../..{outside}", originator="importlib",
                            via=[f"{url}/via", "__import__('os').system('true')"]),
                       dict(valid["sources"][0], article="antigravity", originator="this"),
                       dict(valid["sources"][0], article=str(outside), originator=f"{url}/originator")]
    (claims / "bait.yaml").write_text(yaml.safe_dump(bait))
    (claims / "tagged.yaml").write_text(f'claim: !!python/object/apply:os.system ["touch {marker}"]\n')
    (claims / "module.yaml").write_text(f"claim: !!python/name:os.system\ntitle: !!python/module:this\n")
    os.symlink(outside, claims / "linked.yaml")
    os.symlink(outside, root / "seeds" / "linked.txt")
    (root / "claims" / "elsewhere").mkdir()
    os.symlink(outside.parent, root / "claims" / "elsewhere" / "dir")
    with open(root / "seeds" / "articles.yaml", "a", encoding="utf-8") as index:
        index.write("\n" + yaml.safe_dump([
            {"id": "linked", "file": "linked.txt", "sha256": "0" * 64, "headline": f"{url}/headline",
             "outlet": "os", "kind": "blog", "translates": None, "cites": [f"{url}/cite", "subprocess"],
             "language": "id", "date": "2025-07", "url": f"{url}/article", "republish": "excerpts", "furniture": []},
        ]))
    return root, outside, marker


def allowed_roots(root: Path) -> list[Path]:
    roots = [root / "claims", root / "seeds", REPO / "build_tools" / "schema"]
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        roots.append(Path(sysconfig.get_paths()[key]))
    return [r.resolve() for r in roots]


def run_probe(root: Path) -> tuple[subprocess.CompletedProcess, list]:
    result = subprocess.run([sys.executable, "-c", PROBE, str(REPO), str(root)],
                            capture_output=True, text=True, timeout=120, cwd=root.parent)
    assert "@@EVENTS@@" in result.stdout, result.stderr
    return result, json.loads(result.stdout.split("@@EVENTS@@", 1)[1])


def test_validation_reads_only_the_data_and_its_schema(baited_repo, listener):
    root, outside, marker = baited_repo
    result, events = run_probe(root)
    assert result.returncode == 1, result.stderr  # the bait is reported as errors...
    assert "Traceback" not in result.stderr
    assert "bait.yaml" in result.stderr and "tagged.yaml" in result.stderr
    opened = [Path(args[0]) for event, args in events if event == "open" and isinstance(args[0], str)]
    listed = [Path(args[0]) for event, args in events if event in ("os.listdir", "os.scandir", "glob.glob")
              and isinstance(args[0], str)]
    assert any(p.name == "kim-pledge.yaml" for p in opened), "the probe sees the files read"
    assert any(p.name == "001_b6a996e676aab42a.txt" for p in opened), "the probe sees the archive read"
    roots = allowed_roots(root)
    strays = [str(p) for p in opened + listed
              if not any(p.absolute().resolve() == r or r in p.absolute().resolve().parents for r in roots)]
    assert not strays, f"read outside claims/, seeds/, the schema and Python itself: {strays}"
    assert not any(p.resolve() == outside.resolve() for p in opened), "a symlink or path in the data was followed"


def test_validation_runs_and_fetches_nothing_named_in_the_data(baited_repo, listener):
    root, outside, marker = baited_repo
    server, url = listener
    result, events = run_probe(root)
    kinds = {event for event, _ in events}
    assert not kinds & {"os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "subprocess.Popen",
                        "urllib.Request", "http.client.connect", "webbrowser.open", "ctypes.dlopen"}, kinds
    assert not [e for e in events if e[0].startswith("socket.")], "the validator opened a socket"
    assert not kinds & {"shutil.rmtree", "os.remove", "os.rename"}, "the validator changed files"
    imported = {args[0] for event, args in events if event == "import"}
    assert not imported & {"os.system", "antigravity", "this", "subprocess", "importlib", "webbrowser",
                           "urllib.request", "http.client", "socket"}, imported
    assert not marker.exists(), "a YAML tag ran a command"
    # Code compiled at run time (the schema's validators) is built from the
    # schema, never from the data.
    compiled = [json.dumps(args) for event, args in events if event in ("compile", "exec")]
    for bait in (url, str(marker), "__import__", "importlib", "antigravity"):
        assert not any(bait in source for source in compiled), bait
    with pytest.raises(BlockingIOError):
        server.accept()  # nobody connected to the URLs in the data
    assert "The Zen of Python" not in result.stdout + result.stderr
