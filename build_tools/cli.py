"""The command line: a thin adapter over the pipeline.

    python -m build_tools init DIR
    python -m build_tools validate [--root DIR] [--since REF] [FILE ...]
    python -m build_tools new TOPIC ID [--article ARTICLE_ID --quote TEXT] [--root DIR]
    python -m build_tools generate --out DIR [--root DIR]
    python -m build_tools schema [--root DIR]
    python -m build_tools archive add FILE --id ID --date DATE --outlet NAME [...] [--root DIR]
    python -m build_tools quote find TEXT [--article ID] [--root DIR]

Exit status: 0 when all is well, 1 when the data has errors, 2 on a usage error.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import add_article, collector, editor_schema, files, find_quote, new_briefing, pipeline, published, scaffold
from .problems import display_path, excerpt
from .render import PageSizes, Publisher, render_site

REPO_ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    """Run one command; return its exit status (never exits itself, so that it can be called in-process)."""
    parser = argparse.ArgumentParser(prog="python -m build_tools", description="Fact-check briefing tools.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    init = commands.add_parser("init", help="start a new briefing in an empty or new folder, with one example "
                               "of everything, ready to validate and build")
    init.add_argument("dir", type=Path, metavar="DIR", help="the folder to create (or an empty one)")

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

    schema = commands.add_parser("schema", help=f"write {editor_schema.PATH}, the claim schema editors' tools "
                                 "read, with the registries' ids to complete")
    schema.add_argument("--root", type=Path, default=REPO_ROOT, help="briefing to write into (default: this one)")
    schema.set_defaults(files=[])

    archive = commands.add_parser("archive", help="the archive of articles in seeds/")
    archive_commands = archive.add_subparsers(dest="archive_command", required=True, metavar="ARCHIVE_COMMAND")
    add = archive_commands.add_parser(
        "add", help="copy an article into seeds/ and append its entry to seeds/articles.yaml, checked",
        description="Copy FILE into seeds/ byte for byte and append its entry to seeds/articles.yaml. "
                    "--id, --date and --outlet are asked for on a terminal when not given; elsewhere they are "
                    "required. Defaults: the headline is the text's first line, the language the archive's "
                    "(when all its articles share one), the kind `translation` with --translates and "
                    "`original report` without, no citations, no address, republishing as excerpts, no furniture.")
    add.add_argument("file", type=Path, metavar="FILE", help="the article as UTF-8 text; its name is kept")
    add.add_argument("--id", help="the article's id, which claims use to name it: lowercase words joined by hyphens")
    add.add_argument("--date", help="the publication date as printed: YYYY-MM-DD, YYYY-MM or YYYY")
    add.add_argument("--outlet", help="the outlet as the text shows it, or `none` when it names none")
    add.add_argument("--headline", help="the headline as printed (default: the text's first non-empty line)")
    add.add_argument("--language", help="BCP 47 tag of the text (default: the archive's, when all its articles share one)")
    add.add_argument("--kind", choices=("original report", "translation", "repost", "blog"),
                     help="what kind of source it is (default: translation with --translates, else original report)")
    add.add_argument("--translates", metavar="OUTLET", help="the outlet it says it translates or reposts")
    add.add_argument("--cites", metavar="OUTLET", action="append", default=[], help="an outlet the text cites (repeat)")
    add.add_argument("--url", help="the article's address")
    add.add_argument("--archived-url", help="the address of an archived copy (Internet Archive, archive.today, Perma.cc)")
    add.add_argument("--republish", choices=("excerpts", "full"), default="excerpts",
                     help="how much the site may republish: full only if the licence allows it (default: excerpts)")
    add.add_argument("--furniture", metavar="FIRST-LAST:WHAT", action="append", default=[],
                     help="lines that are page furniture, not article text, e.g. 25-25:related-article link (repeat)")
    add.add_argument("--root", type=Path, default=REPO_ROOT, help="briefing to add to (default: this one)")
    add.set_defaults(files=[])

    quote = commands.add_parser("quote", help="quotes in the archived articles")
    quote_commands = quote.add_subparsers(dest="quote_command", required=True, metavar="QUOTE_COMMAND")
    find = quote_commands.add_parser("find", help="find a passage in the archive, ready to paste as a source entry",
                                     description="Find TEXT in the archived articles as validation matches a quote "
                                     "(runs of white space may differ; whole words only) and print each match as a "
                                     "source entry. Exit status 1 when nothing matches, with the nearest passages.")
    find.add_argument("text", metavar="TEXT", help="the passage, as you copied it")
    find.add_argument("--article", metavar="ARTICLE_ID", help="look only in this article")
    find.add_argument("--root", type=Path, default=REPO_ROOT, help="briefing to search (default: this one)")
    find.set_defaults(files=[])

    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse has printed the usage error (2) or the help (0)
        return stop.code if isinstance(stop.code, int) else 2
    if args.command == "init":
        return _init(args.dir)
    if not (args.root / "claims").is_dir() and not (args.root / "seeds").is_dir():
        return _usage_error(parser, f"{args.root} has neither claims/ nor seeds/")
    missing = [str(f) for f in args.files if not f.exists()]
    if missing:
        return _usage_error(parser, "no such file: " + ", ".join(missing))
    if args.command == "validate":
        return _validate(args.root, args.files or None, args.since)
    if args.command == "new":
        if args.quote is not None and args.article is None:
            return _usage_error(parser, "--quote needs --article: the article the quote is from")
        return _new(args.root, args.topic, args.id, args.article, args.quote)
    if args.command == "generate":
        return _generate(args.root, args.out)
    if args.command == "schema":
        return _schema(args.root)
    if args.command == "archive":
        return _archive_add(args)
    if args.command == "quote":
        return _quote_find(args.root, args.text, args.article)
    return 2


def _usage_error(parser: argparse.ArgumentParser, message: str) -> int:
    """What argparse's own error() prints, returned as status 2 instead of exiting."""
    parser.print_usage(sys.stderr)
    print(f"{parser.prog}: error: {message}", file=sys.stderr)
    return 2


def _init(target: Path) -> int:
    written, problems = new_briefing.init(target)
    if written is None:
        if isinstance(problems, str):
            print(f"error: {problems}", file=sys.stderr)
        else:  # the starter itself did not validate: a bug of the tool
            report(problems)
            print(f"error: the starter briefing did not validate ({len(problems.errors)} error(s)): nothing written",
                  file=sys.stderr)
        return 1
    shown = display_path(str(written))
    print(shown)
    print(f"next: cd {shown} && make serve (preview) or make validate; README.md says what to change first",
          file=sys.stderr)
    return 0


def _validate(root: Path, files: list[Path] | None, since: str | None = None) -> int:
    with collector.paused():
        result = pipeline.check(root, only=files)
    if since:
        published.check_since(result.files, since, result.problems)
        published.check_corrections_since(result.files, since, result.corpus, result.problems)
    report(result.problems)
    errors, warnings = len(result.problems.errors), len(result.problems.warnings)
    if errors:
        print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
        return 1
    print(f"ok: {len(result.corpus.claims)} claims, {len(result.corpus.articles)} articles"
          + (f", {warnings} warning(s)" if warnings else ""), file=sys.stderr)
    return 0


def _settings(root: Path) -> tuple[Publisher, PageSizes]:
    """The publisher, site address and page sizes from mkdocs.yml (the data's own, else this repository's),
    read by the plugin as MkDocs reads them."""
    from .plugin import read_settings  # the engine is imported only where a command needs it

    config_file = root / "mkdocs.yml" if (root / "mkdocs.yml").is_file() else REPO_ROOT / "mkdocs.yml"
    return read_settings(config_file)[1:]


def _generate(root: Path, out: Path) -> int:
    """Write what the MkDocs plugin serves: pages, data files, and fragments under _fragments/."""
    with collector.paused():
        result = pipeline.check(root)
    report(result.problems)
    if not result.ok:
        print(f"{len(result.problems.errors)} error(s): nothing written", file=sys.stderr)
        return 1
    try:
        publisher, sizes = _settings(root)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    with collector.paused():
        site = render_site(result.corpus, result.comparisons, publisher, sizes=sizes)
    outputs = {**site.pages, **site.files, **{f"_fragments/{name}.html": html for name, html in site.fragments.items()}}
    problem = _write_all(out, outputs)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    print(f"wrote {len(outputs)} files to {out}", file=sys.stderr)
    return 0


def _schema(root: Path) -> int:
    """Write the briefing's claim schema from its registries (read and checked, with the archive)."""
    result = pipeline.check(root, only=[])
    errors = [p for p in result.problems.errors if not editor_schema.is_stale_schema(p, root)]
    if errors:
        report(errors)
        print(f"{len(errors)} error(s) in the registries or the archive: nothing written", file=sys.stderr)
        return 1
    try:
        target = editor_schema.write(root, result.corpus)
    except OSError as err:
        print(f"error: cannot write {display_path(str(Path(root) / editor_schema.PATH))}: {err.strerror or err}",
              file=sys.stderr)
        return 1
    print(display_path(str(target)))
    return 0


def _archive_add(args) -> int:
    details = add_article.ArticleDetails(
        id=args.id, date=args.date, outlet=args.outlet, headline=args.headline, language=args.language,
        kind=args.kind, translates=args.translates, cites=args.cites, url=args.url, archived_url=args.archived_url,
        republish=args.republish, furniture=args.furniture)
    ask = input if sys.stdin.isatty() else None
    article_id, problems, notes = add_article.add_article(args.root, args.file, details, ask)
    report(problems)
    if article_id is None:
        print(f"{len(problems.errors)} error(s): nothing written", file=sys.stderr)
        return 1
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    print(article_id)
    print("next: quote it in a claim; python -m build_tools quote find \"TEXT\" finds a passage", file=sys.stderr)
    return 0


def _write_all(out: Path, outputs: dict) -> str | None:
    """Write every file into a fresh folder beside `out`, then move them in: a failure leaves `out` as it was.

    Returns what went wrong, as one line, or None.
    """
    unfit = files.unfit_folder(out, "--out ")
    if unfit:
        return unfit
    try:
        with files.staging_beside(out) as staging:
            for relative, content in outputs.items():
                target = staging / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                if isinstance(content, bytes):
                    target.write_bytes(content)
                else:
                    target.write_text(content, encoding="utf-8")
            if not out.exists():
                os.rename(staging, out)  # the whole folder at once; the context's clean-up finds nothing
                return None
            for relative in outputs:
                (out / relative).parent.mkdir(parents=True, exist_ok=True)
                os.replace(staging / relative, out / relative)
        return None
    except OSError as err:
        return f"cannot write to {files.shown(out)}: {excerpt(err.strerror or str(err))}: nothing written"


def _quote_find(root: Path, text: str, article: str | None) -> int:
    result = pipeline.check(root, only=[])
    articles = result.corpus.articles
    if article is not None:
        if article not in articles:
            print(f"error: unknown article `{excerpt(article, 60)}`; known: {', '.join(articles) or 'none'}",
                  file=sys.stderr)
            return 1
        articles = {article: articles[article]}
    if not articles:
        report(result.problems.errors)
        print("error: no article could be read from the archive", file=sys.stderr)
        return 1
    matches = find_quote.find(articles, text)
    for match in matches:
        print(match.as_source_entry())
    if not matches:
        print("no match on whole words in the archive; nearest:", file=sys.stderr)
        for hint in find_quote.nearest(articles, text):
            print(f"  {hint}", file=sys.stderr)
        return 1
    print(f"{len(matches)} match(es)", file=sys.stderr)
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
