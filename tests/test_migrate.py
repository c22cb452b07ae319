"""Moving a whole graph between stores loses nothing: export, copy, export again gives identical data."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from graph.export import snapshot, to_json
from graph.store import Store
from graph.transfer import copy_graph
from jalin.errors import BadRequest
from seeds.loader import read_fixtures
from tests.conftest import SEEDS

SEEDED, _ = read_fixtures(SEEDS)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(params=["embedded", "neo4j"])
def target(request: pytest.FixtureRequest) -> Store:
    """An empty store to copy into: another embedded graph, or Neo4j."""
    found: Store = request.getfixturevalue("scratch" if request.param == "embedded" else "neo4j_scratch")
    return found


async def test_copy_and_copy_back_export_identical_json(store: EmbeddedStore, target: Store,
                                                        data_dir: Path) -> None:
    before = to_json(await snapshot(store))
    report = await copy_graph(store, target)
    back = EmbeddedStore(data_dir, "copied-back")
    await back.open()
    try:
        await copy_graph(target, back, replace=True)
        assert to_json(await snapshot(target)) == before
        assert to_json(await snapshot(back)) == before
    finally:
        await back.clear()
        await back.close()
    assert (report.nodes, report.relations) == (len(SEEDED.nodes), len(SEEDED.relations))


async def test_copy_into_a_store_that_holds_data_needs_replace(store: EmbeddedStore, target: Store) -> None:
    await copy_graph(store, target)
    with pytest.raises(BadRequest, match=f"already holds {len(SEEDED.nodes)} entities; pass --replace"):
        await copy_graph(store, target)
    assert (await copy_graph(store, target, replace=True)).nodes == len(SEEDED.nodes)


def _jalin(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("JALIN_")}
    return subprocess.run([sys.executable, "-m", "cli", *args], cwd=ROOT, env={**clean, **env},
                          capture_output=True, text=True, timeout=120)


def test_migrate_to_neo4j_without_an_address_says_which_setting_is_missing(tmp_path: Path) -> None:
    done = _jalin("migrate", "--to", "neo4j", JALIN_DATA_DIR=str(tmp_path))
    assert done.returncode == 2
    assert "JALIN_NEO4J_URI is not set" in done.stderr


def test_migrate_to_unreachable_neo4j_names_it_and_fails(tmp_path: Path) -> None:
    done = _jalin("migrate", "--to", "neo4j", JALIN_DATA_DIR=str(tmp_path),
                  JALIN_NEO4J_URI="bolt://127.0.0.1:9", JALIN_NEO4J_TIMEOUT="1")
    assert done.returncode == 2
    assert "Neo4j at bolt://127.0.0.1:9 does not answer" in done.stderr


def test_seed_waits_for_neo4j_then_gives_up_with_the_reason(tmp_path: Path) -> None:
    done = _jalin("seed", "--wait", "1", JALIN_NEO4J_URI="bolt://127.0.0.1:9", JALIN_NEO4J_TIMEOUT="0.5")
    assert done.returncode == 2
    assert "waiting for the neo4j store" in done.stderr
    assert "gave up after 1 s: Neo4j at bolt://127.0.0.1:9 does not answer" in done.stderr
