"""`python -m bench [--quick] [--out FILE]`: the scaling benchmark of issue 6 (see BENCHMARKS.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from bench.run import ROOT, run


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="one small size (N=200) in seconds, for the tests")
    parser.add_argument("--sizes", type=int, nargs="+", help="entity counts (default 1000 10000)")
    parser.add_argument("--out", type=Path, help="report file (default BENCHMARKS.md, or bench/out/ with --quick)")
    parser.add_argument("--no-pagefind", action="store_true", help="skip indexing the site with Pagefind")
    args = parser.parse_args()
    sizes = args.sizes or ([200] if args.quick else [1000, 10000])
    out = args.out or (ROOT / "bench" / "out" / "BENCHMARKS.md" if args.quick else ROOT / "BENCHMARKS.md")
    print(run(sizes, out, pagefind=not args.no_pagefind))


if __name__ == "__main__":
    main()
