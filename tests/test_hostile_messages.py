"""End to end through the CLI: text from the files cannot rewrite the terminal or forge CI commands.

A claim file puts terminal escapes (screen clear, colour, window title via
OSC, a hyperlink), CR/LF and a forged `::error::` workflow command into the
values the validator would echo back (an unknown originator id, an unknown
key, a quote that is not in its article), which are now refused for holding
control characters, and into the file name itself, which is echoed.
"""
from __future__ import annotations

import re

import pytest

from conftest import run_cli

ESC = "\x1b"
PAYLOAD = (ESC + "[2J" + ESC + "[31mRED" + ESC + "]0;owned-title\x07" + ESC + "]8;;mailto:x\x07L"
           + "\r\n::error file=forged.yaml::forged\r\n" + "\x9b31m" + "\u202eevil\x00\x08")
# Characters that must never reach a terminal or a CI log from the data.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def yaml_string(text: str) -> str:
    """A YAML double-quoted scalar holding `text`, control characters as escapes."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or 0x7f <= ord(char) <= 0x9f or char in "\u202e":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def hostile_claim() -> str:
    payload = yaml_string(PAYLOAD)
    return f"""claim: Kim Jong Un pledged unconditional support for Russia's war
title: Did Kim Jong Un pledge unconditional support?
bottom_line: Only North Korea's state news agency reports the pledge.
verdict: single-source
claimant: kcna
published: "2026-11-21"
last_reviewed: "2026-11-21"
translator: Test desk
sources:
  - article: lavrov-jul2025
    quote: Kim dan Lavrov bertemu pada Sabtu
    translation: Kim and Lavrov met on Saturday
    originator: {payload}
    date: "2025-07-12"
    stance: supports
  - article: lavrov-jul2025
    quote: {yaml_string("Kim dan Lavrov " + PAYLOAD)}
    translation: Kim and Lavrov
    originator: kcna
    stance: supports
analysis: |
  Only KCNA is cited.
corrections: []
"""


def unknown_key_claim() -> str:
    return hostile_claim().replace("    stance: supports\nanalysis",
                                   f"    stance: supports\n    {yaml_string('extra' + PAYLOAD)}: 1\nanalysis")


@pytest.fixture
def hostile_repo(scratch_repo):
    folder = scratch_repo / "claims" / "diplomacy"
    folder.mkdir()
    (folder / "kim-pledge.yaml").write_text(hostile_claim(), encoding="utf-8")
    (folder / "kim-pledge-two.yaml").write_text(unknown_key_claim(), encoding="utf-8")
    # A file name with an escape sequence and a newline: the path is echoed too.
    (folder / f"bad{ESC}[2J\n::error file=forged.yaml::forged\r\nname.yaml").write_text("claim: [unclosed\n", encoding="utf-8")
    return scratch_repo


def test_the_payload_reaches_the_messages(hostile_repo):
    """The test means something only if the bad values are echoed at all."""
    result = run_cli("validate", "--root", str(hostile_repo))
    assert result.returncode == 1
    assert "owned-title" not in result.stderr  # the OSC payload is removed, not just its ESC
    assert ("kim-pledge.yaml:13:5: control character U+001B ESC is not allowed: it can hide or reorder text "
            "or break the page it is published on; delete it (character 1 of `sources[0].originator`)") in result.stderr
    assert "forgedname.yaml:1:1: claim id `bad ::error file=forged.yaml::forged name` (the file name)" in result.stderr


def test_validator_output_has_no_escape_or_control_characters(hostile_repo):
    result = run_cli("validate", "--root", str(hostile_repo))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    for stream in (result.stdout, result.stderr):
        assert ESC not in stream and "\r" not in stream
        assert not CONTROL.search(stream), repr(CONTROL.search(stream))
    # Every line is one whole message: `path:line:column: ...` or the summary.
    for line in result.stderr.splitlines():
        assert re.match(r"^\S.*:\d+:\d+: |^\d+ error\(s\), \d+ warning\(s\)$", line), repr(line)


def test_github_annotations_cannot_be_forged_or_broken(hostile_repo, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run_cli("validate", "--root", str(hostile_repo))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == result.stderr.count("\n") - 1  # one annotation per problem
    assert "\r" not in result.stdout and ESC not in result.stdout
    for line in lines:
        # Each line is exactly one command; what the data said stays inside its message.
        assert re.match(r"^::(error|warning) file=[^:,\r\n]*,line=\d+,col=\d+::", line), repr(line)
        assert not CONTROL.search(line)
    # GitHub reads a command only at the start of a line: the forged one is
    # echoed, but inside another command's message, never on a line of its own.
    forged = [l for l in lines if "::error file=forged.yaml" in l.split("::", 2)[2]]
    assert forged, "the forged command text should be echoed inside a message"
    assert not any(l.startswith("::error file=forged.yaml") for l in lines)
    # The file name with a newline and ESC is one property value, with no line break.
    assert any(re.match(r"^::error file=[^,]*/claims/diplomacy/bad%3A%3Aerror file=forged\.yaml%3A%3Aforgedname\.yaml,"
                        r"line=\d+,col=\d+::", l)
               for l in lines), lines
