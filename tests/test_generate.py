"""The synthetic graph generator: deterministic for a seed, valid for the real loader, shaped like the real seeds."""

import statistics
from collections import Counter
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from schema.records import Batch
from seeds.generate import generate, real_mix
from seeds.loader import read_fixtures, seed
from tests.test_cli import jalin

NODES, EDGES = 2_000, 10_000


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("generated")
    generate(folder, NODES, EDGES, seed=11)
    return folder


@pytest.fixture(scope="module")
def batch(generated: Path) -> Batch:
    return read_fixtures(generated)[0]


def _contents(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.yaml"))}


def _shares(counts: Counter[str] | dict[str, int]) -> dict[str, float]:
    total = sum(counts.values())
    return {key: count / total for key, count in counts.items()}


def test_generate_writes_the_same_files_for_the_same_seed(generated: Path, tmp_path: Path) -> None:
    generate(tmp_path / "again", NODES, EDGES, seed=11)
    generate(tmp_path / "other", NODES, EDGES, seed=12)
    assert _contents(tmp_path / "again") == _contents(generated)
    assert _contents(tmp_path / "other") != _contents(generated)


def test_generated_graph_passes_the_real_loader_with_exact_counts(batch: Batch) -> None:
    assert (len(batch.nodes), len(batch.relations)) == (NODES, EDGES)


def test_generated_graph_follows_the_real_type_mix(batch: Batch) -> None:
    mix = real_mix()
    for real, made in ((mix.nodes, Counter(n.label for n in batch.nodes)),
                       (mix.relations, Counter(r.type for r in batch.relations))):
        made_shares = _shares(made)
        for key, share in _shares(real).items():
            assert made_shares.get(key, 0) == pytest.approx(share, abs=0.01), key


def test_generated_degrees_are_skewed_with_hubs_and_leaves(batch: Batch) -> None:
    degree = Counter(end for r in batch.relations for end in (r.from_id, r.to_id))
    degrees = [degree.get(n.id, 0) for n in batch.nodes]
    assert max(degrees) >= 30 * statistics.median(degrees)
    assert sum(1 for d in degrees if d <= 2) >= len(degrees) // 6


def test_generated_graph_has_aliases_events_and_every_date_precision(batch: Batch) -> None:
    with_aliases = sum(1 for n in batch.nodes if n.props.get("aliases"))
    assert 0.2 < with_aliases / len(batch.nodes) < 0.5
    precisions = Counter(r.props.get("date_precision") for r in batch.relations)
    assert {"day", "month", "year", "approximate", "unknown"} <= set(precisions)
    events = Counter(r.props["event"] for r in batch.relations if r.props.get("event"))
    assert any(count > 1 for count in events.values())


async def test_generated_graph_seeds_into_the_store(generated: Path, scratch: EmbeddedStore) -> None:
    report = await seed(scratch, generated)
    rows = await scratch.run("MATCH (n:Entity) RETURN count(n) AS n")
    edges = await scratch.run("MATCH ()-[r]->() RETURN count(r) AS n")
    assert (report.nodes, rows[0]["n"], edges[0]["n"]) == (NODES, NODES, EDGES)


def test_jalin_generate_writes_a_valid_graph_and_refuses_too_few_nodes(tmp_path: Path) -> None:
    made = jalin(tmp_path, "generate", "--nodes", "200", "--edges", "600", "--seed", "5", "-o", str(tmp_path / "g"))
    assert made.returncode == 0, made.stderr
    checked = jalin(tmp_path, "validate", str(tmp_path / "g"))
    assert "200 entities and 600 relations" in checked.stdout
    refused = jalin(tmp_path, "generate", "--nodes", "3", "--edges", "1", "-o", str(tmp_path / "h"))
    assert refused.returncode == 2 and "need at least" in refused.stderr
