"""Reproducible measurements of memoryos-mcp: LoCoMo retrieval quality and latency at scale.

Run `python -m benchmarks.locomo` and `python -m benchmarks.scale` from the repository root;
results are recorded in BENCHMARKS.md. Not shipped in the wheel.
"""
