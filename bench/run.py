"""One scale of the benchmark: generate, then per store seed, serve, time every read three ways, load-test,
measure memory."""

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import psutil

from bench import measure, say, seeding
from bench.operations import OPERATIONS, Args, Operation
from bench.samples import draw
from bench.stores import DATA, OPEN, ROOT, BenchStore, free_port
from graph.store import Store
from schema.records import Batch
from seeds.generate import generate

MIB = 1024 * 1024


@dataclass(frozen=True)
class Config:
    """How hard to measure: repetitions, warm-up, budgets."""

    seed: int = 7
    edges_per_node: int = 5
    repetitions: int = 200
    warmup: int = 20
    naive_seconds: float = 10.0
    concurrent_seconds: float = 10.0
    # A slow read (a page of a million entities takes seconds) stops after this long, once it has
    # at least `min_repetitions` timings: stable medians without an hour per operation.
    operation_budget_s: float = 120.0
    min_repetitions: int = 30
    # The Cypher floor loads a second copy of the graph into the store: only where that fits.
    floor_max_nodes: int = 100_000


def fixtures_for(nodes: int, edges: int, seed: int, data: Path) -> tuple[Path, float]:
    """Generate the scale's graph unless the same one is on disk already; return its folder and seconds."""
    folder = data / f"n{nodes}-e{edges}-s{seed}"
    manifest = folder / "manifest.json"
    wanted = {"nodes": nodes, "edges": edges, "seed": seed,
              "generator": (ROOT / "seeds" / "generate.py").stat().st_mtime}
    if manifest.exists() and json.loads(manifest.read_text()) == wanted:
        return folder, 0.0
    started = time.perf_counter()
    generate(folder, nodes, edges, seed)
    manifest.write_text(json.dumps(wanted))
    return folder, time.perf_counter() - started


@contextmanager
def api_server(app_args: list[str]) -> Iterator[tuple[str, psutil.Process]]:
    """Run the benchmark app under uvicorn in a child process until the block ends."""
    port = free_port()
    command = [sys.executable, "-m", "bench.app", *app_args, "--port", str(port)]
    child = subprocess.Popen(command, cwd=ROOT)
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(f"{base_url}/readyz", child, "the benchmark app")
        yield base_url, psutil.Process(child.pid)
    finally:
        child.terminate()
        child.wait(timeout=60)


def wait_ready(url: str, child: subprocess.Popen[bytes], what: str, seconds: float = 300) -> None:
    """Wait until `url` answers 200; raise if the child exits or `seconds` pass."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise RuntimeError(f"{what} exited with {child.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not become ready within {seconds:.0f} s")


async def time_operation(client: httpx.Client, store: Store, operation: Operation,
                         inputs: list[Args], config: Config) -> dict[str, Any]:
    """Time one operation three ways over the same inputs, interleaved; count its round trips.

    Warm-up and timing each stop early for a slow operation: warm-up after a sixth of the budget
    (at least 3 inputs), timing after the budget once `min_repetitions` are in."""
    started = time.perf_counter()
    warmed = 0
    for args in inputs[:config.warmup]:
        measure.graphql_call(client, operation, args)
        measure.floor_call(client, operation, args)
        await operation.direct(store, args)
        warmed += 1
        if warmed >= 3 and time.perf_counter() - started > config.operation_budget_s / 6:
            break
    timings: dict[str, list[float]] = {"graphql": [], "floor": [], "direct": []}
    started = time.perf_counter()
    for args in inputs[config.warmup:]:
        timings["graphql"].append(measure.time_call(measure.graphql_call, client, operation, args))
        timings["floor"].append(measure.time_call(measure.floor_call, client, operation, args))
        timings["direct"].append(await measure.time_direct(store, operation, args))
        if (len(timings["graphql"]) >= config.min_repetitions
                and time.perf_counter() - started > config.operation_budget_s):
            break
    result = measure.summary(timings["graphql"], timings["floor"], timings["direct"])
    result["store_round_trips"] = measure.round_trips(client, operation, inputs[config.warmup:config.warmup + 10])
    result["nesting_depth"] = measure.nesting_depth(operation.query)
    result["warmup"], result["repetitions"] = warmed, len(timings["graphql"])
    return result


@dataclass(frozen=True)
class Scale:
    """One scale's graph, read and checked once for every store, and the inputs of its reads."""

    nodes: int
    edges: int
    data: Path  # where the graph's files and the stores' files go
    batch: Batch
    read: seeding.Rate
    generate_s: float
    samples: dict[str, list[Args]]


def prepare(nodes: int, config: Config, data: Path = DATA) -> Scale:
    """Generate (or reuse) the scale's graph, read it as `jalin seed` does and draw the read inputs."""
    edges = nodes * config.edges_per_node
    say(f"{nodes} nodes, {edges} edges: generating (or reusing) the fixtures")
    fixtures, generate_s = fixtures_for(nodes, edges, config.seed, data)
    batch, read = seeding.read(fixtures)
    say(f"read and checked {read.records} records in {read.seconds:.1f} s")
    samples = draw(batch, config.warmup + config.repetitions, config.seed).args
    return Scale(nodes, edges, data, batch, read, generate_s, samples)


async def run_store(scale: Scale, store_name: str, config: Config) -> dict[str, Any]:
    """Run every measurement of one scale on one store and return its figures."""
    say(f"{store_name} store at {scale.nodes} nodes")
    async with OPEN[store_name](scale.nodes, scale.data) as bench:
        written = await seeding.seed_batched(bench.store, scale.batch)
        say(f"batched seed: {written.records} records in {written.seconds:.1f} s ({written.per_s:,.0f}/s)")
        read = scale.read
        result: dict[str, Any] = {
            "nodes": scale.nodes, "edges": scale.edges, "records": len(scale.batch), "generate_s": scale.generate_s,
            "read_s": read.seconds, "seed_s": written.seconds, "seed_records_per_s": written.per_s,
            "seed_read_records_per_s": read.per_s,
            "seed_end_to_end_records_per_s": len(scale.batch) / (read.seconds + written.seconds)}
        result |= await _reads(bench, scale.samples, config)
        result |= await _naive(bench, scale.batch, config)
        result["seed_speedup"] = result["seed_records_per_s"] / result["seed_naive_records_per_s"]
        if scale.nodes <= config.floor_max_nodes:
            result["seed_floor_records_per_s"] = (await _floor(bench, scale.batch)).per_s
        else:
            say("seed floor skipped: a second copy of the graph would not fit in the embedded store's memory "
                "beside the first; Neo4j skips it at the same scales")
    return result


async def _reads(bench: BenchStore, samples: dict[str, list[Args]], config: Config) -> dict[str, Any]:
    result: dict[str, Any] = {"operations": {}}
    with api_server(bench.app_args) as (base_url, api), httpx.Client(base_url=base_url, timeout=120) as client:
        for operation in OPERATIONS:
            say(f"timing {operation.name}")
            figures = await time_operation(client, bench.store, operation, samples[operation.name], config)
            result["operations"][operation.name] = figures
            say(f"  graphql p50 {figures['graphql_p50_ms']:.2f} ms, floor {figures['floor_p50_ms']:.2f}, "
                f"raw {figures['raw_p50_ms']:.2f}, round trips {figures['store_round_trips']}")
        mix = [(op, samples[op.name][i]) for i in range(len(samples["search"])) for op in OPERATIONS
               if i < len(samples[op.name])]
        say(f"{measure.CONCURRENCY} concurrent clients for {config.concurrent_seconds:.0f} s")
        result |= await measure.concurrent(base_url, mix, config.concurrent_seconds)
        result["api_rss_mib"] = api.memory_info().rss / MIB
        store_pid = bench.server_pid()
        result["store_rss_mib"] = psutil.Process(store_pid).memory_info().rss / MIB if store_pid else None
    return result


async def _naive(bench: BenchStore, batch: Batch, config: Config) -> dict[str, Any]:
    say(f"naive seed: one statement per record, {config.naive_seconds:.0f} s each for nodes and edges")
    async with bench.scratch("naive") as store:
        return await seeding.seed_naive(store, batch, config.naive_seconds)


async def _floor(bench: BenchStore, batch: Batch) -> seeding.Rate:
    say("seed floor: CREATE with the same properties and indexes, no MERGE")
    async with bench.scratch("floor") as store:
        return await seeding.seed_floor(store, batch)
