"""The benchmark harness end to end at a tiny scale, on each store: every figure the issue names is written."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bench.stores import neo4j_server
from graph.neo4j_server import missing_requirements
from tests.conftest import ROOT
from tests.neo4j_server import QUICK_JVM

OPERATION_KEYS = {"graphql_p50_ms", "graphql_p99_ms", "raw_p50_ms", "floor_p50_ms", "graphql_vs_floor_p50",
                  "overhead_ratio_p50", "store_round_trips"}
SCALE_KEYS = {"seed_records_per_s", "seed_naive_records_per_s", "seed_speedup", "concurrent_16_rps",
              "concurrent_16_errors", "api_rss_mib", "store_rss_mib"}
OPERATIONS = {"entity_neighbours", "search", "path_3_hops", "timeline", "entities_page_nested"}


def run_bench(out: Path, store: str) -> dict[str, Any]:
    """Run the harness at 300 entities on `store` with the least measuring; return its results.json."""
    command = [sys.executable, "-m", "bench", "--scales", "300", "--store", store, "--repetitions", "8",
               "--warmup", "2", "--naive-seconds", "0.3", "--concurrent-seconds", "1", "--operation-budget", "0",
               "--out", str(out), "--data", str(out / "data")]
    # The benchmark's own Neo4j starts as the tests' does: its figures here are checked, not compared.
    environment = {**os.environ, "JALIN_NEO4J_JVM_FLAGS": QUICK_JVM}
    done = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    results: dict[str, Any] = json.loads((out / "results.json").read_text())
    return results


def assert_every_figure(figures: dict[str, Any]) -> None:
    assert SCALE_KEYS <= figures.keys()
    assert figures["concurrent_16_errors"] == 0
    assert figures["store_rss_mib"] > 0
    assert set(figures["operations"]) == OPERATIONS
    for name, operation in figures["operations"].items():
        assert OPERATION_KEYS <= operation.keys(), name
        assert operation["graphql_p50_ms"] > 0 and operation["store_round_trips"] >= 1, name
        # A zero budget stops a read once it has the minimum of timings (30): here all 8 inputs.
        assert operation["repetitions"] == 8, name


def test_bench_writes_every_figure_and_the_report(tmp_path: Path) -> None:
    results = run_bench(tmp_path, "embedded")
    assert set(results["scales"]["300"]) == {"embedded"}
    assert_every_figure(results["scales"]["300"]["embedded"])
    assert results["targets"] and all({"target", "store", "value", "limit", "met"} <= t.keys()
                                      for t in results["targets"])
    report = (tmp_path / "results.md").read_text()
    assert "## Targets" in report and "entity_neighbours" in report
    assert (tmp_path / "latency.png").read_bytes().startswith(b"\x89PNG")


def test_bench_on_neo4j_writes_the_same_figures_and_stops_its_server(tmp_path: Path) -> None:
    why_not = missing_requirements()
    if why_not:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{why_not} (under CI a skipped Neo4j test is a failure)")
        pytest.skip(why_not)
    results = run_bench(tmp_path, "neo4j")
    figures = results["scales"]["300"]["neo4j"]
    assert_every_figure(figures)
    neo4j_targets = [t for t in results["targets"] if t["store"] == "neo4j"]
    assert {t["target"] for t in neo4j_targets if t["informative"]} == {"seed_speedup >= 20",
                                                                         "seed_records_per_s >= 50,000"}
    assert "| neo4j |" in (tmp_path / "results.md").read_text()
    assert neo4j_server(300, tmp_path / "data").pid() is None
