"""Benchmarks: a synthetic corpus generator (synthetic.py) and the stage timer (run.py)."""
