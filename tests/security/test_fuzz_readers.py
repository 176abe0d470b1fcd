"""A bounded fuzz of every reader (the long run is `python -m evaluation.fuzz_readers`): mutated
valid files carrying canaries either read cleanly or are refused with the project's error, and
nothing echoes a canary."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from evaluation.fuzz_readers import MUTATED, SEEDS, build, read_all


def test_every_seed_file_reads_or_is_refused_cleanly():
    outcomes = {name: read_all(name, data) for name, data in SEEDS.items()}
    assert outcomes["seed.csv"] == outcomes["seed.xlsx"] == outcomes["seed-table.docx"] == "ok"


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(MUTATED)
def test_mutated_files_never_crash_a_reader_or_echo_a_canary(case):
    assert read_all(*build(case)) in {"ok", "V101", "V102", "V103"}
