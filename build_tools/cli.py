"""The command line: a thin adapter over the pipeline.

    python -m build_tools validate [--root DIR] [--since REF] [FILE ...]
    python -m build_tools new TOPIC ID [--article ARTICLE_ID --quote TEXT] [--root DIR]
    python -m build_tools generate --out DIR [--root DIR]

Exit status: 0 when all is well, 1 when the data has errors, 2 on a usage error.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import yaml
from yaml_env_tag import construct_env_tag

from . import pipeline, published, scaffold
from .problems import display_path
from .render import Publisher, render_site

REPO_ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools", description="Fact-check briefing tools.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("validate", help="check the archive and the claim files")
    check.add_argument("--root", type=Path, default=REPO_ROOT, help="repository to check (default: this one)")
    check.add_argument("--since", metavar="REF", help="also check that no claim id published at git commit REF "
                       "was removed from claims/published-ids.txt, and that every claim changed since REF logs "
                       "the change in its corrections (pull requests: their base branch)")
    check.add_argument("files", nargs="*", type=Path, metavar="FILE", help="check only these claim files")

    new = commands.add_parser("new", help="start a claim file, checked on the spot, and record its id")
    new.add_argument("topic", metavar="TOPIC", help="a topic id from claims/topics.yaml")
    new.add_argument("id", metavar="ID", help="the claim id, which is the file name: lowercase words joined by hyphens")
    new.add_argument("--article", metavar="ARTICLE_ID", help="the first source's article id from seeds/articles.yaml")
    new.add_argument("--quote", metavar="TEXT", help="the first source's quote, verbatim from that article")
    new.add_argument("--root", type=Path, default=REPO_ROOT, help="repository to write into (default: this one)")
    new.set_defaults(files=[])

    generate = commands.add_parser("generate", help="write the generated pages and data files to a folder")
    generate.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder to write into")
    generate.add_argument("--root", type=Path, default=REPO_ROOT, help="repository to read (default: this one)")
    generate.set_defaults(files=[])

    args = parser.parse_args(argv)
    if not (args.root / "claims").is_dir() and not (args.root / "seeds").is_dir():
        parser.error(f"{args.root} has neither claims/ nor seeds/")
    missing = [str(f) for f in args.files if not f.exists()]
    if missing:
        parser.error("no such file: " + ", ".join(missing))
    if args.command == "validate":
        return _validate(args.root, args.files or None, args.since)
    if args.command == "new":
        if args.quote is not None and args.article is None:
            parser.error("--quote needs --article: the article the quote is from")
        return _new(args.root, args.topic, args.id, args.article, args.quote)
    if args.command == "generate":
        return _generate(args.root, args.out)
    return 2


def _validate(root: Path, files: list[Path] | None, since: str | None = None) -> int:
    result = pipeline.check(root, only=files)
    if since:
        published.check_since(root, since, result.problems)
        published.check_corrections_since(root, since, result.corpus, result.problems)
    report(result.problems)
    errors, warnings = len(result.problems.errors), len(result.problems.warnings)
    if errors:
        print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
        return 1
    print(f"ok: {len(result.corpus.claims)} claims, {len(result.corpus.articles)} articles"
          + (f", {warnings} warning(s)" if warnings else ""), file=sys.stderr)
    return 0


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as MkDocs reads it: `!ENV [NAME, default]` takes an environment variable."""


_ConfigLoader.add_constructor("!ENV", construct_env_tag)


def read_mkdocs_config(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}


def _publisher(root: Path) -> Publisher:
    """The publisher and site address from mkdocs.yml (the data's own, else this repository's),
    as the MkDocs hook reads them."""
    config_file = root / "mkdocs.yml" if (root / "mkdocs.yml").is_file() else REPO_ROOT / "mkdocs.yml"
    config = read_mkdocs_config(config_file)
    return Publisher.from_settings(config.get("site_url"), config.get("extra"))


def _generate(root: Path, out: Path) -> int:
    """Write what the MkDocs hook serves: pages, data files, and fragments under _fragments/."""
    result = pipeline.check(root)
    report(result.problems)
    if not result.ok:
        print(f"{len(result.problems.errors)} error(s): nothing written", file=sys.stderr)
        return 1
    try:
        publisher = _publisher(root)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    site = render_site(result.corpus, result.comparisons, publisher)
    outputs = {**site.pages, **site.files, **{f"_fragments/{name}.html": html for name, html in site.fragments.items()}}
    for relative, content in outputs.items():
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    print(f"wrote {len(outputs)} files to {out}", file=sys.stderr)
    return 0


def _new(root: Path, topic: str, claim_id: str, article: str | None, quote: str | None) -> int:
    path, problems = scaffold.new_claim(root, topic, claim_id, article, quote)
    report(problems)
    if problems.errors:
        print(f"{len(problems.errors)} error(s): nothing written", file=sys.stderr)
        return 1
    shown = display_path(str(path))
    print(shown)
    print(f"next: fill in every \"\" in {shown}, then run: python -m build_tools validate {shown}", file=sys.stderr)
    return 0


def report(problems) -> None:
    """Print problems one per line; also as workflow annotations on GitHub Actions."""
    annotate = bool(os.environ.get("GITHUB_ACTIONS"))
    for problem in sorted(problems, key=lambda p: (p.path, p.line, p.column, p.message)):
        print(problem.format(), file=sys.stderr)
        if annotate:
            print(problem.annotation())
