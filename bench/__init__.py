"""The scaling benchmark (issue 6): `python -m bench [--quick]` writes BENCHMARKS.md."""
