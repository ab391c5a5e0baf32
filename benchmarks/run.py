"""Measure the pipeline at 1,000 and 10,000 claims: `make bench`.

    python -m benchmarks.run [--sizes 1000:200,10000:2000] [--seed 1] [--repeats 1] [--no-site]

For each size a synthetic corpus (benchmarks/synthetic.py) is generated into
bench-data/ (git-ignored; reused while the generator is unchanged), then
measured in fresh subprocesses, so that one measurement's memory never
inflates another's:

  floor     yaml.load(f, Loader=yaml.CSafeLoader) over every claim and registry
            file and seeds/articles.yaml: what any YAML-based tool pays
  stages    load, validate (schema, references, quotes, figures, published
            ids), compare (with the verdict check that needs it) and render,
            called in-process in that order; wall and CPU time each, and the
            process's peak RSS after each (a high-water mark, so it only grows)
  mkdocs    the whole `mkdocs build --strict`, timed by a parent whose only
            child it is, so RUSAGE_CHILDREN's peak RSS is mkdocs' own
  serve     on the real claims replicated to the size (benchmarks/replicate.py), a cold
            `mkdocs build --strict`, then `make serve`'s `mkdocs serve --dirty` and one
            claim file saved: seconds until the served page and the served search index
            carry the edit (benchmarks/serve.py), and that as a share of the cold build
  validate  `python -m build_tools validate` as a whole process (interpreter start,
            imports and every check), against a whole process that only does the
            floor's parse, on the synthetic corpus and on the real claims replicated
            to the same size (benchmarks/replicate.py): the issue's 1.5x target

CPU time (user + system) is reported beside wall time because the machine
is shared: other jobs stretch wall time but hardly the CPU time a process
itself uses. Each ratio is given on both.

With --repeats N the floor and the stages run N times and each keeps its
fastest run (the least disturbed by other load on the machine). The report
is a Markdown table plus the two ratios; bench-data/results.json keeps the
raw numbers.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from benchmarks import serve

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "bench-data"
STAGES = ("load", "validate", "compare", "render")
# What the synthetic corpus depends on: a change to any of these regenerates it.
GENERATOR_INPUTS = ("benchmarks/synthetic.py", "build_tools/indonesian_numbers.py", "build_tools/compare.py",
                    "build_tools/model.py")
# Who claim pages name as publisher (ClaimReview); the plugin reads it from mkdocs.yml.
PUBLISHER = ("Synthetic benchmark", "https://example.org/briefing/")
TARGET_FLOOR_RATIO = 1.5
TARGET_GROWTH_RATIO = 11.0
TARGET_SERVE_SECONDS = 2.0  # at 1,000 claims
TARGET_SERVE_SHARE = 1 / 3  # of the cold build of the same tree


@dataclass(frozen=True)
class Size:
    claims: int
    articles: int

    @property
    def label(self) -> str:
        return f"{self.claims:,} claims / {self.articles:,} articles"


DEFAULT_SIZES = (Size(1_000, 200), Size(10_000, 2_000))


@dataclass
class SizeResult:
    size: Size
    files: int = 0                 # YAML files parsed by the floor
    yaml_bytes: int = 0
    floor_seconds: float = 0.0
    floor_cpu_seconds: float = 0.0
    floor_peak_rss_kb: int = 0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    stage_cpu_seconds: dict[str, float] = field(default_factory=dict)
    stage_peak_rss_kb: dict[str, int] = field(default_factory=dict)
    errors: int = 0                # validation errors: must be 0 for the numbers to mean anything
    largest_yaml: tuple[str, int] = ("", 0)
    pages: int = 0
    markdown_bytes: int = 0
    mkdocs: dict | None = None     # see measure_mkdocs
    replicated_mkdocs: dict | None = None  # measure_mkdocs on the real claims replicated to the size
    serve: dict | None = None      # see benchmarks/serve.py, on the same tree
    # Whole processes, wall and CPU seconds each: {"synthetic"|"replicated": {"validate": ..., "floor": ...}}
    processes: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)

    @property
    def pipeline_seconds(self) -> float:
        return sum(self.stage_seconds.values())

    @property
    def pipeline_cpu_seconds(self) -> float:
        return sum(self.stage_cpu_seconds.values())

    def process_ratio(self, corpus: str, clock: str) -> float:
        times = self.processes[corpus]
        return times["validate"][clock] / times["floor"][clock]

    @property
    def floor_ratio(self) -> float:
        return self.pipeline_seconds / self.floor_seconds

    @property
    def floor_cpu_ratio(self) -> float:
        return self.pipeline_cpu_seconds / self.floor_cpu_seconds


# --- the measurements, each run in its own subprocess --------------------------------

def yaml_files(root: Path) -> list[Path]:
    """Every YAML file the pipeline parses: registries, claims and the archive index."""
    claims = root / "claims"
    return sorted(claims.glob("*.yaml")) + sorted(claims.glob("*/*.yaml")) + [root / "seeds" / "articles.yaml"]


def measure_floor(root: Path) -> dict:
    import yaml

    paths = yaml_files(root)
    largest = max(paths, key=lambda p: p.stat().st_size)
    start, start_cpu = time.perf_counter(), time.process_time()
    for path in paths:
        with open(path, "rb") as stream:
            yaml.load(stream, Loader=yaml.CSafeLoader)
    seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    return {"seconds": seconds, "cpu_seconds": cpu, "files": len(paths), "bytes": sum(p.stat().st_size for p in paths),
            "peak_rss_kb": _peak_rss_kb(resource.RUSAGE_SELF),
            "largest": [str(largest.relative_to(root)), largest.stat().st_size]}


def measure_stages(root: Path) -> dict:
    """The stages as pipeline.check and the MkDocs plugin call them, timed one by one."""
    from build_tools import compare, load, published, validate
    from build_tools.render import Publisher, render_site

    seconds, cpu_seconds, peak = {}, {}, {}
    clock, cpu_clock = time.perf_counter(), time.process_time()

    def lap(stage: str) -> None:
        nonlocal clock, cpu_clock
        seconds[stage], cpu_seconds[stage] = time.perf_counter() - clock, time.process_time() - cpu_clock
        peak[stage] = _peak_rss_kb(resource.RUSAGE_SELF)
        clock, cpu_clock = time.perf_counter(), time.process_time()

    files = load.load_files(root)
    lap("load")
    corpus, problems = validate.validate(files)
    published.check(files, corpus, problems)
    lap("validate")
    if problems.errors:  # compare and render assume valid data
        return {"errors": len(problems.errors), "first_errors": [p.format() for p in problems.errors[:5]]}
    comparisons = compare.compare_all(corpus)
    validate.check_verdicts(corpus, comparisons, files, problems)
    lap("compare")
    site = render_site(corpus, comparisons, Publisher(*PUBLISHER))
    lap("render")
    return {
        "seconds": seconds, "cpu_seconds": cpu_seconds, "peak_rss_kb": peak, "errors": len(problems.errors),
        "first_errors": [p.format() for p in problems.errors[:5]],
        "pages": len(site.pages),
        "markdown_bytes": sum(len(page.encode()) for page in site.pages.values()),
    }


def measure_mkdocs(root: Path) -> dict:
    """`mkdocs build` as `make build` runs it, then the sizes of what it wrote."""
    site_dir = root / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site_dir)]
    start = time.perf_counter()
    build = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = {"seconds": seconds, "cpu_seconds": usage.ru_utime + usage.ru_stime, "peak_rss_kb": usage.ru_maxrss,
              "returncode": build.returncode, "stderr_tail": build.stderr[-2000:] if build.returncode else ""}
    if build.returncode:
        return result
    pages = sorted(site_dir.rglob("*.html"), key=lambda p: (-p.stat().st_size, str(p)))
    search_index = site_dir / "pagefind"  # Pagefind's chunks (build_tools/search.py), fetched by the word
    # A claim's tags are its topic and the originators its sources cite; each
    # tag's page is a topic or originator listing (paged when long).
    tag_indexes = sorted((p for folder in ("topics", "originators") for p in (site_dir / folder).rglob("*.html")),
                         key=lambda p: (-p.stat().st_size, str(p)))
    result.update({
        "html_pages": len(pages),
        "site_bytes": sum(p.stat().st_size for p in site_dir.rglob("*") if p.is_file()),
        "largest_html": [str(pages[0].relative_to(site_dir)), pages[0].stat().st_size] if pages else None,
        "search_index_bytes": sum(p.stat().st_size for p in search_index.rglob("*") if p.is_file()),
        "largest_tag_index": ([str(tag_indexes[0].relative_to(site_dir)), tag_indexes[0].stat().st_size]
                              if tag_indexes else None),
    })
    return result


def measure_process(command: list[str]) -> dict:
    """One command as a whole process, timed by a parent whose only child it is (see measure_mkdocs)."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return {"seconds": seconds, "cpu_seconds": usage.ru_utime + usage.ru_stime}


PROCESSES = {
    "validate": lambda root: [sys.executable, "-m", "build_tools", "validate", "--root", str(root)],
    "floor": lambda root: [sys.executable, "-m", "benchmarks.run", "--measure", "floor", str(root)],
}


def _peak_rss_kb(who: int) -> int:
    return resource.getrusage(who).ru_maxrss  # kilobytes on Linux


MEASUREMENTS = {"floor": measure_floor, "stages": measure_stages, "mkdocs": measure_mkdocs,
                **{f"{name}-process": (lambda root, name=name: measure_process(PROCESSES[name](root)))
                   for name in PROCESSES}}


def _in_subprocess(what: str, root: Path) -> dict:
    done = subprocess.run([sys.executable, "-m", "benchmarks.run", "--measure", what, str(root)],
                          cwd=REPO_ROOT, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"measuring {what} on {root} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


# --- corpora --------------------------------------------------------------------------

def corpus_dir(size: Size, seed: int, data_dir: Path) -> Path:
    return data_dir / f"corpus-{size.claims}-{size.articles}-seed{seed}"


def prepare_corpus(size: Size, seed: int, data_dir: Path, with_site: bool) -> Path:
    """Generate the corpus unless an identical one is already there (generation is deterministic)."""
    from benchmarks import synthetic

    root = corpus_dir(size, seed, data_dir)
    stamp = root / ".generated-by"
    fingerprint = hashlib.sha256(b"".join((REPO_ROOT / p).read_bytes() for p in GENERATOR_INPUTS)).hexdigest()
    if not (stamp.is_file() and stamp.read_text() == fingerprint):
        stamp.unlink(missing_ok=True)
        synthetic.write(synthetic.generate(size.articles, size.claims, seed), root)
        stamp.write_text(fingerprint)
    if with_site:
        # Always fresh: the site build must measure this tree's renderer and theme.
        synthetic.copy_site_files(root)
    return root


def prepare_replicated(size: Size, data_dir: Path, with_site: bool) -> Path:
    """The real claims replicated to the size's number of claims (cheap: always written afresh)."""
    from benchmarks import replicate, synthetic

    root = data_dir / f"replicated-{size.claims}"
    replicate.write(size.claims, root)
    if with_site:
        synthetic.copy_site_files(root)
    return root


# --- the run --------------------------------------------------------------------------

def measure_size(size: Size, seed: int, data_dir: Path, repeats: int, with_site: bool,
                 progress=lambda message: None) -> SizeResult:
    root = prepare_corpus(size, seed, data_dir, with_site)
    result = SizeResult(size)
    for attempt in range(repeats):
        progress(f"{size.label}: YAML floor, run {attempt + 1}/{repeats}")
        floor = _in_subprocess("floor", root)
        if attempt == 0 or floor["seconds"] < result.floor_seconds:
            result.floor_seconds, result.floor_peak_rss_kb = floor["seconds"], floor["peak_rss_kb"]
        if attempt == 0 or floor["cpu_seconds"] < result.floor_cpu_seconds:
            result.floor_cpu_seconds = floor["cpu_seconds"]
        result.files, result.yaml_bytes, result.largest_yaml = floor["files"], floor["bytes"], tuple(floor["largest"])
        progress(f"{size.label}: stages, run {attempt + 1}/{repeats}")
        stages = _in_subprocess("stages", root)
        if stages["errors"]:
            raise RuntimeError(f"the synthetic corpus at {root} has {stages['errors']} validation error(s), e.g.:\n"
                               + "\n".join(stages["first_errors"]))
        for stage in STAGES:
            if attempt == 0 or stages["seconds"][stage] < result.stage_seconds[stage]:
                result.stage_seconds[stage] = stages["seconds"][stage]
            if attempt == 0 or stages["cpu_seconds"][stage] < result.stage_cpu_seconds[stage]:
                result.stage_cpu_seconds[stage] = stages["cpu_seconds"][stage]
            result.stage_peak_rss_kb[stage] = stages["peak_rss_kb"][stage]
        result.pages, result.markdown_bytes = stages["pages"], stages["markdown_bytes"]
    replicated = prepare_replicated(size, data_dir, with_site)
    for corpus, corpus_root in (("synthetic", root), ("replicated", replicated)):
        for attempt in range(repeats):
            progress(f"{size.label}: validate and the floor as whole processes, {corpus}, run {attempt + 1}/{repeats}")
            for name in PROCESSES:  # in turn, so that a change in the machine's load touches both
                measured = _in_subprocess(f"{name}-process", corpus_root)
                best = result.processes.setdefault(corpus, {}).setdefault(name, measured)
                for clock in ("seconds", "cpu_seconds"):
                    best[clock] = min(best[clock], measured[clock])
    if with_site:
        progress(f"{size.label}: mkdocs build")
        result.mkdocs = _in_subprocess("mkdocs", root)
        progress(f"{size.label}: mkdocs build, then mkdocs serve and one claim file saved, real claims replicated")
        result.replicated_mkdocs = _in_subprocess("mkdocs", replicated)
        result.serve = serve.measure(replicated)
    return result


def run_benchmark(sizes=DEFAULT_SIZES, seed: int = 1, data_dir: Path = DATA_DIR, repeats: int = 1,
                  with_site: bool = True, progress=lambda message: None) -> list[SizeResult]:
    data_dir.mkdir(parents=True, exist_ok=True)
    return [measure_size(size, seed, data_dir, repeats, with_site, progress) for size in sizes]


# --- the report -------------------------------------------------------------------------

def report_rows(results: list[SizeResult]) -> list[tuple[str, list[str]]]:
    """The report as (row name, one cell per size); the ratio rows last."""
    def each(cell) -> list[str]:
        return [cell(r) for r in results]

    rows = [
        ("YAML files parsed (bytes)", each(lambda r: f"{r.files:,} ({_mb(r.yaml_bytes)})")),
        ("largest YAML file", each(lambda r: f"{r.largest_yaml[0]} ({_mb(r.largest_yaml[1])})")),
        ("floor: PyYAML CSafeLoader parse", each(lambda r: f"{_times(r.floor_seconds, r.floor_cpu_seconds)}, "
                                                          f"{_mb_kb(r.floor_peak_rss_kb)} RSS")),
    ]
    for stage in STAGES:
        rows.append((f"stage: {stage}", each(lambda r, stage=stage: f"{_times(r.stage_seconds[stage], r.stage_cpu_seconds[stage])}, "
                                                                   f"peak {_mb_kb(r.stage_peak_rss_kb[stage])} RSS")))
    rows += [
        ("load + validate + compare + render", each(lambda r: _times(r.pipeline_seconds, r.pipeline_cpu_seconds))),
        (f"ratio to the floor (target <= {TARGET_FLOOR_RATIO})",
         each(lambda r: f"{r.floor_ratio:.1f} wall, {r.floor_cpu_ratio:.1f} CPU")),
        *((f"validate process / floor process, {label} (target <= {TARGET_FLOOR_RATIO})",
           each(lambda r, corpus=corpus: f"{r.process_ratio(corpus, 'seconds'):.2f} wall, "
                                         f"{r.process_ratio(corpus, 'cpu_seconds'):.2f} CPU "
                                         f"({_process_times(r.processes[corpus]['validate'])} against "
                                         f"{_process_times(r.processes[corpus]['floor'])})"))
          for corpus, label in (("synthetic", "synthetic corpus"), ("replicated", "real claims replicated"))),
        ("render: pages, Markdown", each(lambda r: f"{r.pages:,} pages, {_mb(r.markdown_bytes)}")),
        ("mkdocs build --strict", each(lambda r: _mkdocs_cell(r.mkdocs, lambda m: f"{_times(m['seconds'], m['cpu_seconds'])}, "
                                                                                 f"peak {_mb_kb(m['peak_rss_kb'])} RSS"))),
        ("site: HTML pages, total size", each(lambda r: _mkdocs_cell(r.mkdocs, lambda m: f"{m['html_pages']:,} pages, "
                                                                                        f"{_mb(m['site_bytes'])}"))),
        ("largest HTML page", each(lambda r: _mkdocs_cell(r.mkdocs, lambda m: f"{m['largest_html'][0]} "
                                                                             f"({_mb(m['largest_html'][1])})"))),
        ("search index, all files (pagefind/; a search fetches a few)",
         each(lambda r: _mkdocs_cell(r.mkdocs, lambda m: _mb(m["search_index_bytes"] or 0)))),
        ("mkdocs build --strict, real claims replicated",
         each(lambda r: _mkdocs_cell(r.replicated_mkdocs, lambda m: f"{_times(m['seconds'], m['cpu_seconds'])}, "
                                                                   f"{m['html_pages']:,} pages"))),
        (f"make serve, real claims replicated: one claim saved, until its page and the search carry it "
         f"(target <= {TARGET_SERVE_SECONDS:g} s at 1,000 claims, <= {TARGET_SERVE_SHARE:.2f} of the cold build)",
         each(_serve_cell)),
        ("largest tag index page", each(lambda r: _mkdocs_cell(r.mkdocs, lambda m: f"{m['largest_tag_index'][0]} "
                                                                                  f"({_mb(m['largest_tag_index'][1])})"
                                                              if m["largest_tag_index"] else "none"))),
    ]
    growth = [""] * len(results)
    if len(results) >= 2:
        first, last = results[0], results[-1]
        growth[-1] = (f"{last.pipeline_seconds / first.pipeline_seconds:.1f} wall, "
                      f"{last.pipeline_cpu_seconds / first.pipeline_cpu_seconds:.1f} CPU "
                      f"(x{last.size.claims / first.size.claims:g} claims)")
    rows.append((f"ratio largest / smallest size (target <= {TARGET_GROWTH_RATIO:g})", growth))
    return rows


def _serve_cell(result: SizeResult) -> str:
    if result.serve is None or not result.replicated_mkdocs or result.replicated_mkdocs["returncode"]:
        return "not measured"
    measured = result.serve
    overlay = ("the whole site indexed" if measured["overlay_pages"] is None
               else f"{measured['overlay_pages']:,} page{'s' if measured['overlay_pages'] != 1 else ''} indexed again")
    return (f"{measured['seconds']:.2f} s, {measured['seconds'] / result.replicated_mkdocs['seconds']:.2f} of the "
            f"cold build (MkDocs' rebuild {measured['mkdocs_seconds']} s, the project's stages "
            f"{measured['stages_seconds']} s, search: {overlay})")


def _mkdocs_cell(mkdocs: dict | None, cell) -> str:
    if mkdocs is None:
        return "not built"
    if mkdocs["returncode"]:
        return f"FAILED (exit {mkdocs['returncode']})"
    return cell(mkdocs)


def machine() -> dict:
    """What the numbers were measured on, and which code."""
    memory_kb = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=REPO_ROOT, capture_output=True, text=True).stdout.strip()

    return {
        "cores": os.cpu_count(), "memory": f"{memory_kb / 1024 ** 2:.0f} GiB",
        "python": platform.python_version(), "os": platform.platform(),
        "load_average": " ".join(f"{x:.1f}" for x in os.getloadavg()),
        "commit": git("rev-parse", "--short", "HEAD"),
        "uncommitted": git("status", "--porcelain", "--untracked-files=no", "build_tools").splitlines(),
    }


def format_machine(info: dict) -> str:
    changes = f", uncommitted changes: {'; '.join(info['uncommitted'])}" if info["uncommitted"] else ""
    return (f"{info['cores']} cores, {info['memory']} RAM, Python {info['python']}, {info['os']}; "
            f"load average {info['load_average']} at the end; code at {info['commit']}{changes}")


def format_report(results: list[SizeResult]) -> str:
    header = "| measure | " + " | ".join(r.size.label for r in results) + " |"
    lines = [header, "|" + "---|" * (len(results) + 1)]
    lines += [f"| {name} | " + " | ".join(cells) + " |" for name, cells in report_rows(results)]
    return "\n".join(lines)


def _s(seconds: float) -> str:
    return f"{seconds:.2f} s"


def _times(wall: float, cpu: float) -> str:
    return f"{_s(wall)} (CPU {_s(cpu)})"


def _process_times(times: dict[str, float]) -> str:
    return _times(times["seconds"], times["cpu_seconds"])


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size / 1_000:.1f} kB"


def _mb_kb(kilobytes: int) -> str:
    return f"{kilobytes / 1024:.0f} MiB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(f"{s.claims}:{s.articles}" for s in DEFAULT_SIZES),
                        help="CLAIMS:ARTICLES,... (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=1, help="keep the fastest of N runs of each measurement")
    parser.add_argument("--no-site", action="store_true", help="skip `mkdocs build`")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="where corpora go (default: bench-data/)")
    parser.add_argument("--measure", nargs=2, metavar=("WHAT", "ROOT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        what, root = args.measure
        print(json.dumps(MEASUREMENTS[what](Path(root))))
        return 0
    sizes = [Size(*map(int, item.split(":"))) for item in args.sizes.split(",")]
    results = run_benchmark(sizes, args.seed, args.data, args.repeats, not args.no_site,
                            progress=lambda message: print(f"... {message}", file=sys.stderr, flush=True))
    info = machine()
    (args.data / "results.json").write_text(
        json.dumps({"machine": info, "results": [asdict(r) for r in results]}, indent=1) + "\n")
    print(format_machine(info) + "\n")
    print(format_report(results))
    if not args.no_site:
        # What a reader downloads, on the real claims replicated to the largest size (benchmarks/page_weight.py).
        largest = max(size.claims for size in sizes)
        print(f"\nPage weight at {largest:,} real claims replicated (bytes, uncompressed as served):", flush=True)
        subprocess.run([sys.executable, "-m", "benchmarks.page_weight", "--claims", str(largest),
                        "--out", str(args.data / f"replicated-{largest}")], cwd=REPO_ROOT, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
