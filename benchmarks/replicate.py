"""The real briefing's claims replicated to N claims: the second corpus `make bench` validates.

    python -m benchmarks.replicate --claims 10000 --out DIR

The claims in claims/<topic>/ are copied round-robin under new ids
(`<id>-r00001`, ...) until there are N (never fewer than the briefing's own,
all of which are published and so must stay), each copy's id added to
claims/published-ids.txt as `python -m build_tools new` would have done; the
registries, seeds/ (the five real articles) and schema/ are copied as they
are. Every copy quotes the same passages as its original, so the corpus is as
valid as the briefing itself while the per-claim checks run N times.
"""
from __future__ import annotations

import argparse
import shutil
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def original_claims(source: Path) -> list[Path]:
    return sorted((source / "claims").glob("*/*.yaml"))


def replica_id(claim_id: str, number: int) -> str:
    return f"{claim_id}-r{number:05d}"


def write(claims: int, out: Path, source: Path = REPO_ROOT) -> None:
    """Write the repo-shaped tree; the folder is replaced, never merged with an older corpus."""
    out = Path(out)
    for folder in ("claims", "seeds", "schema"):
        shutil.rmtree(out / folder, ignore_errors=True)
    shutil.copytree(source / "seeds", out / "seeds")
    shutil.copytree(source / "schema", out / "schema")
    (out / "claims").mkdir(parents=True)
    for registry in (source / "claims").glob("*.yaml"):
        shutil.copy2(registry, out / "claims" / registry.name)
    originals = original_claims(source)
    written = []
    for number in range(max(claims, len(originals))):
        original = originals[number % len(originals)]
        # The originals keep their own ids: what other claims name (replaced_by) still resolves.
        claim_id = original.stem if number < len(originals) else replica_id(original.stem, number)
        target = out / "claims" / original.parent.name / f"{claim_id}.yaml"
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(original.read_bytes())
        written.append(claim_id)
    ids_file = source / "claims" / "published-ids.txt"
    lines = ids_file.read_text(encoding="utf-8").splitlines(keepends=True)
    comments = [line for line in lines if line.startswith("#")]
    recorded = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    (out / "claims" / "published-ids.txt").write_text(
        "".join(comments) + "".join(f"{claim_id}\n" for claim_id in sorted(recorded | set(written))),
        encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.replicate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    write(args.claims, args.out)
    print(f"wrote {args.claims} claims replicated from {len(original_claims(REPO_ROOT))} to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
