"""`python -m build_tools new`: start a claim file, checked on the spot.

The new file has every required key, each under a comment taken from the
claim schema's description, so the file and the editor's hover text say the
same thing. Values are left empty (""), which validation rejects until they
are filled in: a half-written claim cannot be published by accident.

What can be checked before anything is written is checked with the
pipeline's own loaders and archive search: the topic is declared, the id is
well-formed and free (never used by a claim in the tree nor published
before), and a given quote stands verbatim in the given article.
"""
from __future__ import annotations

import datetime
import difflib
import json
import textwrap
from pathlib import Path

from . import load, published, validate
from .problems import ProblemList, display_path, excerpt

SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/claim.schema.json"  # editor_schema.PATH, from claims/<topic>/
# The order keys appear in the new file: the order an editor fills them in.
CLAIM_KEYS = ("claim", "title", "bottom_line", "verdict", "claimant", "published", "last_reviewed", "translator",
              "sources", "analysis", "corrections")
SOURCE_KEYS = ("article", "quote", "translation", "originator", "stance")


def new_claim(root: Path, topic: str, claim_id: str, article: str | None = None, quote: str | None = None,
              today: datetime.date | None = None) -> tuple[Path, ProblemList]:
    """Write claims/<topic>/<id>.yaml and record the id; or write nothing and return why."""
    root = Path(root)
    target = root / "claims" / topic / f"{claim_id}.yaml"
    files = load.load_files(root, only=[])
    corpus, problems = validate.validate(files)
    if problems.errors:
        # Broken registries or archive would make every answer below wrong.
        return target, problems

    def refuse(message: str) -> None:
        problems.add(str(target), 1, 1, message)

    if not validate.ID_PATTERN.fullmatch(claim_id):
        # repr shows a trailing line break or space, which the terminal would hide.
        shown = f"`{excerpt(claim_id, 60)}`" if claim_id == claim_id.strip() else excerpt(repr(claim_id), 60)
        refuse(f"claim id {shown} must be lowercase words joined by hyphens, e.g. `kim-putin-pact`")
    elif validate.reserved_id_problem("claim", claim_id):
        refuse(validate.reserved_id_problem("claim", claim_id))
    if topic not in corpus.topics:
        refuse(f"topic `{excerpt(topic, 40)}` is not declared in claims/topics.yaml "
               f"(declared: {', '.join(corpus.topics)}); add it there first")
    in_tree = published.ids_in_tree(files.all_claim_paths, root)
    listing = root / published.PUBLISHED_IDS
    recorded = set()
    if listing.exists() and not listing.is_file() or load.linked_part(root, listing):
        refuse(f"{published.PUBLISHED_IDS.as_posix()} is not a plain file, so the new id could not be recorded")
    elif files.published_ids is not None:
        recorded = {r.id for r in published.read_recorded(files.published_ids, listing, ProblemList())}
    if target.exists() or target.is_symlink():
        refuse("this file already exists; nothing was overwritten")
    elif claim_id in in_tree:
        refuse(f"claim id `{claim_id}` is already used by {in_tree[claim_id]}; ids are unique across topics")
    elif claim_id in recorded:
        refuse(f"claim id `{claim_id}` was published before (claims/published-ids.txt) and its address "
               f"stays taken; choose another id")
    if article is not None:
        _check_source(article, quote, corpus, refuse)
    if problems.errors:
        return target, problems

    text = render(claim_id, topic, article, quote, today or datetime.date.today())
    made_folder = not target.parent.exists()
    written = False
    try:
        target.parent.mkdir(exist_ok=True)
        with open(target, "x", encoding="utf-8") as new_file:  # "x": never overwrite, even in a race
            written = True
            new_file.write(text)
        published.record(root, claim_id, files.all_claim_paths)
    except OSError as err:
        # Nothing half-made: a claim file whose id is not recorded would fail validation.
        if written:
            target.unlink(missing_ok=True)
        if made_folder and target.parent.is_dir() and not any(target.parent.iterdir()):
            target.parent.rmdir()
        where = display_path(err.filename) if err.filename else str(target)
        refuse(f"cannot write {excerpt(where, 120)}: {excerpt(err.strerror or str(err))}; nothing was written")
    return target, problems


def _check_source(article: str, quote: str | None, corpus, refuse) -> None:
    if article not in corpus.articles:
        close = difflib.get_close_matches(article, list(corpus.articles), n=1)
        hint = f"did you mean `{close[0]}`?" if close else f"known: {', '.join(corpus.articles)}"
        refuse(f"unknown article `{excerpt(article, 60)}` (an id from seeds/articles.yaml); {hint}")
        return
    archived = corpus.articles[article]
    if quote is not None and archived.archive.find(quote) is None:
        refuse(f"quote not found in {archived.file}; {archived.archive.explain_miss(quote)}")


def render(claim_id: str, topic: str, article: str | None, quote: str | None, today: datetime.date) -> str:
    """The new claim file's text: commented keys with empty values to fill in."""
    schema = validate.load_schema("claim")
    source_schema = schema["definitions"]["source"]
    values = {key: "" for key in CLAIM_KEYS}
    values.update(published=today.isoformat(), last_reviewed=today.isoformat(), corrections=[])
    source = {key: "" for key in SOURCE_KEYS}
    source.update(article=article or "", quote=quote or "")
    optional = [k for k in schema["properties"] if k not in schema["required"]]
    optional_source = [k for k in source_schema["properties"] if k not in source_schema["required"]]
    lines = [
        SCHEMA_LINE,
        f"# Claim `{claim_id}` in topic `{topic}`. Fill in every empty \"\" below,",
        f"# then check it with: python -m build_tools validate claims/{topic}/{claim_id}.yaml",
        *_comment("CONTRIBUTING.md has a worked example. Keys you may add: " + ", ".join(optional)
                  + "; in a source: " + ", ".join(optional_source) + ".", ""),
    ]
    for key in CLAIM_KEYS:
        lines.append("")
        lines += _comment(schema["properties"][key]["description"], "")
        if key == "sources":
            lines.append("sources:")
            for index, source_key in enumerate(SOURCE_KEYS):
                lines += _comment(source_schema["properties"][source_key]["description"], "  " if index == 0 else "    ")
                lead = "  - " if index == 0 else "    "
                lines.append(f"{lead}{source_key}: {_scalar(source[source_key])}")
        else:
            lines.append(f"{key}: {_scalar(values[key])}")
    return "\n".join(lines) + "\n"


def _comment(text: str, indent: str) -> list[str]:
    return [f"{indent}# {line}" for line in textwrap.wrap(text, 80 - len(indent) - 2)]


def _scalar(value) -> str:
    """A YAML flow value: JSON's double-quoted strings and [] are valid YAML and escape everything."""
    return json.dumps(value, ensure_ascii=False)
