"""Evaluation harness: metrics (pure functions) and, elsewhere, reports and benchmarks."""
