"""Profile pipeline stages on a corpus with cProfile and print the top costs.

    python -m benchmarks.profile_stages DIR [--stages load,validate] [--top 25] [--out FILE.prof]

DIR is a repo-shaped tree, e.g. bench-data/corpus-10000-2000-seed1 after
`make bench`. The stages run as pipeline.check and the MkDocs hook call them;
only the chosen ones are profiled (the others still run, unprofiled, since
each stage needs the one before). The table is sorted by own time (tottime),
then by cumulative time, since both views are needed to see what to change.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
from pathlib import Path

from build_tools import compare, load, published, validate
from build_tools.render import render_site

STAGES = ("load", "validate", "compare", "render")


def profile(root: Path, stages: set[str]) -> cProfile.Profile:
    profiler = cProfile.Profile()

    def step(stage: str, call):
        if stage in stages:
            profiler.enable()
        try:
            return call()
        finally:
            profiler.disable()

    files = step("load", lambda: load.load_files(root))
    corpus, problems = step("validate", lambda: _validate(files))
    comparisons = step("compare", lambda: _compare(corpus, problems))
    step("render", lambda: render_site(corpus, comparisons))
    return profiler


def _validate(files):
    corpus, problems = validate.validate(files)
    published.check(files, corpus, problems)
    return corpus, problems


def _compare(corpus, problems):
    comparisons = compare.compare_all(corpus)
    validate.check_verdicts(corpus, comparisons, problems)
    return comparisons


def top_costs(profiler: cProfile.Profile, top: int) -> str:
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile_stages", description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--stages", default="load,validate", help="comma-separated, of: " + ", ".join(STAGES))
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--out", type=Path, help="also save the raw profile (for snakeviz, pstats)")
    args = parser.parse_args(argv)
    profiler = profile(args.root, set(args.stages.split(",")))
    if args.out:
        profiler.dump_stats(args.out)
    print(top_costs(profiler, args.top))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
