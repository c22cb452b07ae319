"""The benchmark harness end to end at a tiny scale: every figure the issue names is written."""

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

OPERATION_KEYS = {"graphql_p50_ms", "graphql_p99_ms", "raw_p50_ms", "floor_p50_ms", "graphql_vs_floor_p50",
                  "overhead_ratio_p50", "store_round_trips"}
SCALE_KEYS = {"seed_records_per_s", "seed_naive_records_per_s", "seed_speedup", "concurrent_16_rps",
              "concurrent_16_errors", "api_rss_mib", "store_rss_mib"}
OPERATIONS = {"entity_neighbours", "search", "path_3_hops", "timeline", "entities_page_nested"}


def test_bench_writes_every_figure_and_the_report(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "bench", "--scales", "300", "--repetitions", "8", "--warmup", "2",
               "--naive-seconds", "0.3", "--concurrent-seconds", "1", "--operation-budget", "0",
               "--out", str(tmp_path)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    results = json.loads((tmp_path / "results.json").read_text())
    figures = results["scales"]["300"]
    assert SCALE_KEYS <= figures.keys()
    assert figures["concurrent_16_errors"] == 0
    assert set(figures["operations"]) == OPERATIONS
    for name, operation in figures["operations"].items():
        assert OPERATION_KEYS <= operation.keys(), name
        assert operation["graphql_p50_ms"] > 0 and operation["store_round_trips"] >= 1, name
        # A zero budget stops a read once it has the minimum of timings (30): here all 8 inputs.
        assert operation["repetitions"] == 8, name
    assert results["targets"] and all({"target", "value", "limit", "met"} <= t.keys() for t in results["targets"])
    report = (tmp_path / "results.md").read_text()
    assert "## Targets" in report and "entity_neighbours" in report
    assert (tmp_path / "latency.png").read_bytes().startswith(b"\x89PNG")
