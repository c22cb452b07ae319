"""The `jalin` command line, run as a real process."""

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import psutil

from tests.conftest import ROOT, SEEDS
from tests.processes import serving


def jalin(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JALIN_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run([sys.executable, "-m", "cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_validate_reports_counts_of_good_fixtures(tmp_path: Path) -> None:
    result = jalin(tmp_path, "validate", str(SEEDS))
    assert result.returncode == 0
    assert "entities and" in result.stdout and "are valid" in result.stdout


def test_validate_names_file_and_line_of_bad_fixture(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("nodes:\n  - type: Persn\n    id: person-x\n    name: X\n    sources: [source-x]\n")
    result = jalin(tmp_path, "validate", str(bad))
    assert result.returncode == 2
    assert "bad.yaml:2" in result.stderr and "unknown node type 'Persn'" in result.stderr


def test_seed_dry_run_then_seed_stats_and_export(tmp_path: Path) -> None:
    dry = jalin(tmp_path, "seed", "--dry-run")
    assert dry.returncode == 0 and "nothing written" in dry.stderr
    assert "entities: 0" in jalin(tmp_path, "stats").stdout
    assert jalin(tmp_path, "seed").returncode == 0
    stats = jalin(tmp_path, "stats").stdout
    assert "Source" in stats and "entities: 0" not in stats
    exported = jalin(tmp_path, "export", "--format", "json")
    snapshot = json.loads(exported.stdout)
    assert any(n["id"] == "person-fadjroel-rachman" for n in snapshot["nodes"])
    graphml = jalin(tmp_path, "export", "--format", "graphml", "-o", str(tmp_path / "g.graphml"))
    assert graphml.returncode == 0
    assert (tmp_path / "g.graphml").read_text().count("<node ") == len(snapshot["nodes"]) + len(snapshot["claims"])



def test_serve_with_two_workers_answers_from_two_processes(tmp_path: Path) -> None:
    with serving(tmp_path / "data", "--workers", "2") as served:
        answer = httpx.post(f"{served.url}/graphql", json={"query": '{ entity(id: "place-palu") { name } }'})
        assert answer.json()["data"]["entity"]["name"] == "Palu"
        children = psutil.Process(served.process.pid).children()
        assert sum("spawn_main" in " ".join(child.cmdline()) for child in children) == 2
    assert not served.log_lines("died"), "a worker was killed while it started"  # uvicorn's 5 s health check did
