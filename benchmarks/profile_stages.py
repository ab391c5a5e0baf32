"""Profile pipeline stages on a corpus with cProfile and print the top costs.

    python -m benchmarks.profile_stages DIR [--stages load,validate] [--top 25] [--out FILE.prof]

DIR is a repo-shaped tree, e.g. bench-data/corpus-10000-2000-seed1 after
`make bench`. The stages run as pipeline.check and the MkDocs plugin calls them;
only the chosen ones are profiled (earlier ones still run, unprofiled, since
each stage needs the one before). The table is sorted by own time (tottime),
then by cumulative time, since both views are needed to see what to change.
Times are CPU seconds of this process.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import time
from pathlib import Path

from build_tools import compare, load, published, validate
from benchmarks.run import PUBLISHER
from build_tools.render import Publisher, render_site

STAGES = ("load", "validate", "compare", "render")


def profile(root: Path, stages: set[str]) -> cProfile.Profile:
    # CPU time, not wall time: on a shared machine other jobs would otherwise
    # be billed to whichever function was running when they were scheduled.
    profiler = cProfile.Profile(time.process_time)

    def step(stage: str, call):
        if stage in stages:
            profiler.enable()
        try:
            return call()
        finally:
            profiler.disable()

    # Run only as far as the last stage asked for.
    files = step("load", lambda: load.load_files(root))
    if stages <= {"load"}:
        return profiler
    corpus, problems = step("validate", lambda: _validate(files))
    if problems.errors:
        raise SystemExit(f"{root} has {len(problems.errors)} validation error(s); profile a valid corpus")
    if stages <= {"load", "validate"}:
        return profiler
    comparisons = step("compare", lambda: _compare(files, corpus, problems))
    if "render" in stages:
        step("render", lambda: render_site(corpus, comparisons, Publisher(*PUBLISHER)))
    return profiler


def _validate(files):
    corpus, problems = validate.validate(files)
    published.check(files, corpus, problems)
    return corpus, problems


def _compare(files, corpus, problems):
    comparisons = compare.compare_all(corpus)
    validate.check_verdicts(corpus, comparisons, files, problems)
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
