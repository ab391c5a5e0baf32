"""`python -m build_tools archive add FILE`: put an article into the archive.

Copies the file into seeds/ byte for byte, computes its SHA-256 and appends
its entry to seeds/articles.yaml as text, so the comments and the other
entries stay exactly as they were. What the file cannot tell (the id, the
date, the outlet) comes from options, or from the editor at a prompt when
the command runs on a terminal. The result is validated with the pipeline;
when it fails, or anything is refused, nothing stays written.

Lines that look like page furniture (related-article links, share prompts,
credit lines, cookie notices) and are not declared with `--furniture
FIRST-LAST:WHAT` are reported for the editor to confirm in the entry, because
quoting them would be an error.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import editor_schema, files, pipeline
from .problems import ProblemList, excerpt

ARCHIVE_INDEX = Path("seeds") / "articles.yaml"
FILE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
# What a line of page furniture usually starts with or says, by what it is.
FURNITURE_HINTS = (
    ("related-article link", re.compile(r"^\W*(baca juga|simak juga|lihat juga|membaca|baca selengkapnya|read more)\b", re.I)),
    ("credit line", re.compile(r"^\W*(baca artikel aslinya|sumber\s*:|editor\s*:|penulis\s*:|reporter\s*:|copyright|©)", re.I)),
    ("share or comment prompt", re.compile(r"\b(bagikan|gabung ke channel|ikuti kami|follow us|post a comment|tulis komentar|"
                                           r"previous post|next post|whatsapp|telegram)\b", re.I)),
    ("cookie notice", re.compile(r"\bcookies?\b", re.I)),
)


@dataclass
class ArticleDetails:
    """An archive entry's keys, as options gave them; None where the command must infer or ask."""

    id: str | None = None
    date: str | None = None
    outlet: str | None = None          # "none" when the text names no outlet
    headline: str | None = None        # default: the text's first non-empty line
    language: str | None = None        # default: the archive's language, when all its articles share one
    kind: str | None = None            # default: translation when it translates something, else original report
    translates: str | None = None
    cites: list[str] = field(default_factory=list)
    url: str | None = None
    archived_url: str | None = None
    republish: str = "excerpts"
    furniture: list[str] = field(default_factory=list)  # "FIRST-LAST:WHAT"


class MissingDetail(Exception):
    """A required detail no option gave, off a terminal."""


def likely_furniture(text: str) -> list[tuple[int, str, str]]:
    """(line, what it looks like, the line) for each line that reads like page furniture."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        for what, pattern in FURNITURE_HINTS:
            if line.strip() and pattern.search(line):
                found.append((number, what, line.strip()))
                break
    return found


def add_article(root: Path, source: Path, details: ArticleDetails,
                ask: Callable[[str], str] | None = None) -> tuple[str | None, ProblemList, list[str]]:
    """Archive `source`; returns (the new id or None, problems, notes for the editor).

    `ask` prompts for a missing required detail (on a terminal); without it a
    missing detail is an error.
    """
    root = Path(root)
    problems, notes = ProblemList(), []
    index_path = root / ARCHIVE_INDEX
    shown = str(source)

    def refuse(message: str) -> tuple[None, ProblemList, list[str]]:
        problems.add(shown, 1, 1, message)
        return None, problems, notes

    try:
        raw = source.read_bytes()
        index_bytes = index_path.read_bytes()
    except OSError as err:
        return refuse(f"cannot read {excerpt(err.filename or shown)}: {err.strerror or err}")
    if not raw.strip():
        return refuse("the file is empty: there is nothing to quote")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return refuse(f"not UTF-8 text (byte {err.start} cannot be read); save the article as UTF-8 first")
    if not FILE_NAME.fullmatch(source.name):
        return refuse(f"file name `{excerpt(source.name, 60)}` may hold only letters, digits, `_`, `.` and `-`; "
                      f"rename the file first")

    before = pipeline.check(root, only=[])
    errors = [p for p in before.problems.errors if not editor_schema.is_stale_schema(p, root)]
    if errors:
        problems.extend(errors)
        return refuse("the archive or the registries have errors already; fix them first")
    articles = before.corpus.articles
    digest = hashlib.sha256(raw).hexdigest()
    same = next((a for a in articles.values() if a.sha256 == digest), None)
    if same is not None:
        return refuse(f"already archived as `{same.id}` (seeds/{same.file}, the same bytes)")
    target = root / "seeds" / source.name
    if target.exists() or target.is_symlink():
        return refuse(f"seeds/{excerpt(source.name, 60)} already exists; rename the file first")

    try:
        entry = _entry(details, text, articles, ask, notes)
    except MissingDetail as err:
        return refuse(str(err))
    if entry["id"] in articles:
        return refuse(f"article id `{entry['id']}` is taken (seeds/{articles[entry['id']].file}); choose another")
    entry = {"id": entry.pop("id"), "file": source.name, "sha256": digest, **entry}

    for number, what, line in likely_furniture(text):
        if not any(first <= number <= last for first, last in (item["lines"] for item in entry["furniture"])):
            notes.append(f"line {number} looks like page furniture ({what}): \u201c{excerpt(line, 70)}\u201d; "
                         f"if it is, add `- lines: [{number}, {number}]` with `what: {what}` under the entry's "
                         f"furniture in {ARCHIVE_INDEX}")

    separator = b"" if index_bytes.endswith(b"\n") or not index_bytes else b"\n"
    try:
        with open(target, "xb") as copy:  # "x": never overwrite, even in a race
            copy.write(raw)
        files.replace_whole(index_path, index_bytes + separator + b"\n" + entry_text(entry).encode("utf-8"))
    except OSError as err:
        target.unlink(missing_ok=True)
        return refuse(f"cannot write into seeds/: {err.strerror or err}")

    after = pipeline.check(root, only=[])
    errors = [p for p in after.problems.errors if not editor_schema.is_stale_schema(p, root)]
    if errors:
        files.replace_whole(index_path, index_bytes)
        target.unlink()
        problems.extend(errors)
        return refuse("the new entry does not validate (above); nothing was written")
    if (root / editor_schema.PATH).is_file():
        editor_schema.write(root, after.corpus)  # so that editors' tools complete the new id
        notes.append(f"{editor_schema.PATH} now lists `{entry['id']}`")
    return entry["id"], problems, notes


def _entry(details: ArticleDetails, text: str, articles: dict, ask, notes: list[str]) -> dict:
    def required(name: str, value: str | None, question: str) -> str:
        if value:
            return value
        if ask is None:
            raise MissingDetail(f"--{name.replace('_', '-')} is needed: {question}")
        answer = ask(f"{question} ").strip()
        if not answer:
            raise MissingDetail(f"no {name} given: {question}")
        return answer

    article_id = required("id", details.id, "the article's id, lowercase words joined by hyphens (e.g. afp-jan2026)?")
    date = required("date", details.date, "the publication date as printed, YYYY-MM-DD (or YYYY-MM, YYYY)?")
    outlet = required("outlet", details.outlet, "the outlet that published it, as the text shows it "
                      "(`none` if it names none)?")
    headline = details.headline or next((line.strip() for line in text.split("\n") if line.strip()), None)
    if not details.headline:
        notes.append(f"headline taken from the first line: \u201c{excerpt(headline or '', 70)}\u201d "
                     f"(--headline to give another)")
    languages = {a.language for a in articles.values()}
    language = details.language or (languages.pop() if len(languages) == 1 else None)
    language = required("language", language, "the text's language, a BCP 47 tag such as id or en?")
    kind = details.kind or ("translation" if details.translates else "original report")
    entry = {
        "id": article_id, "headline": headline, "outlet": None if outlet.lower() == "none" else outlet,
        "kind": kind, "translates": details.translates, "cites": list(details.cites), "language": language,
        "date": date, "url": details.url,
    }
    if details.archived_url:
        entry["archived_url"] = details.archived_url
    entry["republish"] = details.republish
    entry["furniture"] = [_furniture(item) for item in details.furniture]
    return entry


def _furniture(item: str) -> dict:
    lines, _, what = item.partition(":")
    first, _, last = lines.partition("-")
    try:
        numbers = [int(first), int(last or first)]
    except ValueError:
        raise MissingDetail(f"--furniture `{excerpt(item, 40)}` should read FIRST-LAST:WHAT, e.g. 25-25:related-article link")
    if not what.strip():
        raise MissingDetail(f"--furniture `{excerpt(item, 40)}` should say what the lines are after the colon")
    return {"lines": numbers, "what": what.strip()}


def entry_text(entry: dict) -> str:
    """The entry as YAML, each value in JSON's double-quoted form, which YAML reads as it is."""
    lines = []
    for number, (key, value) in enumerate(entry.items()):
        lead = "- " if number == 0 else "  "
        if key == "furniture" and value:
            lines.append(f"{lead}furniture:")
            for item in value:
                lines.append(f"    - lines: {json.dumps(item['lines'])}")
                lines.append(f"      what: {json.dumps(item['what'], ensure_ascii=False)}")
        else:
            lines.append(f"{lead}{key}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"
