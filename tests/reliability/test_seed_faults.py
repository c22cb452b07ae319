"""A seed killed part-way into a store that holds data leaves it as it was, on both stores.

`jalin seed` runs as a real process over a store holding the bundled seeds, adding a synthetic graph
larger than one chunk (20,000 records). The test kills it (SIGKILL) once its write is under way: staged
in a copy of the graph on the embedded store, open in a transaction on Neo4j, or, had a part of it been
committed on its own, visible in the graph. The graph must then be exactly as it was before the seed.
"""

import asyncio
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from graph.embedded import STAGING_SUFFIX, EmbeddedStore
from graph.neo4j import Neo4jStore
from graph.stats import Counts, count_entities, graph_stats
from graph.store import Store
from seeds.generate import generate
from seeds.loader import seed
from tests.conftest import SEEDS
from tests.neo4j_server import Neo4jEndpoint
from tests.processes import ROOT

pytestmark = pytest.mark.slow

UNDER_WAY_S = 300.0  # for the seed process to read, check and plan the fixtures and begin writing
# Two chunks: the second is written while the first is staged (or, before, committed).
NODES, EDGES = 5_000, 35_000


@dataclass
class Target:
    """A store holding the bundled seeds, the settings a `jalin seed` process reaches it with, and how to
    see that the seed's write is under way but not committed."""

    store: Store
    env: dict[str, str]
    under_way: Callable[[], Awaitable[bool]]


async def _state(store: Store) -> tuple[Counts, Counts]:
    stats = await graph_stats(store)
    return stats.entities_by_type, stats.relations_by_type


@pytest.fixture(scope="module")
def fixtures(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled seeds and, beside them, a synthetic graph of two chunks."""
    tree = tmp_path_factory.mktemp("seed-tree")
    shutil.copytree(SEEDS, tree / "bundled")
    generate(tree / "synthetic", NODES, EDGES, seed=7)
    return tree


@pytest.fixture
async def embedded_target(tmp_path: Path) -> AsyncIterator[Target]:
    store, staging = EmbeddedStore(tmp_path), EmbeddedStore(tmp_path, f"jalin{STAGING_SUFFIX}")
    await store.open()
    await seed(store, SEEDS)
    await staging.open()

    async def under_way() -> bool:
        return await count_entities(staging) > await count_entities(store)  # a part is in the copy

    try:
        yield Target(store, {"JALIN_DATA_DIR": str(tmp_path)}, under_way)
    finally:
        await staging.close()
        await store.close()


@pytest.fixture
async def neo4j_target(neo4j: Neo4jEndpoint, neo4j_scratch: Neo4jStore, tmp_path: Path) -> Target:
    await seed(neo4j_scratch, SEEDS)

    async def under_way() -> bool:
        rows = await neo4j_scratch.run("SHOW TRANSACTIONS YIELD currentQuery, elapsedTime "
                                       "WHERE currentQuery STARTS WITH 'UNWIND' RETURN elapsedTime")
        return bool(rows)

    return Target(neo4j_scratch, {"JALIN_DATA_DIR": str(tmp_path), "JALIN_NEO4J_URI": neo4j.uri,
                                  "JALIN_NEO4J_USER": neo4j.user, "JALIN_NEO4J_PASSWORD": neo4j.password},
                  under_way)


@pytest.fixture(params=["embedded", "neo4j"])
def target(request: pytest.FixtureRequest) -> Target:
    """A store holding the bundled seeds, once per store."""
    found: Target = request.getfixturevalue(f"{request.param}_target")
    return found


async def test_seed_killed_part_way_into_a_store_with_data_leaves_it_as_it_was(
        target: Target, fixtures: Path) -> None:
    before = await _state(target.store)
    process = subprocess.Popen([sys.executable, "-m", "cli", "seed", "--yes", str(fixtures)], cwd=ROOT,
                               env={**os.environ, **target.env}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + UNDER_WAY_S
    while not (await target.under_way() or await _state(target.store) != before):
        assert process.poll() is None, f"the seed ended first: {process.stderr.read() if process.stderr else ''}"
        assert time.monotonic() < deadline, f"the seed's write was not under way within {UNDER_WAY_S:g} s"
        await asyncio.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL
    assert await _state(target.store) == before
