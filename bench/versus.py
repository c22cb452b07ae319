"""Jalin against its peer: the same five reads through Jalin on the embedded store, Jalin on Neo4j and the
Neo4j GraphQL Library on the same Neo4j, interleaved round by round so that a busy machine weighs on
all three alike. One client compares the three answers of every repetition; 16 and 64 clients measure
latency, throughput and the CPU each server process spends (API and database apart).
"""

import asyncio
import json
import os
import statistics
import subprocess
import time
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from contextlib import AsyncExitStack, asynccontextmanager, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psutil

from bench import say, seeding
from bench.measure import percentile
from bench.operations import BY_NAME, OPERATIONS, Args
from bench.peer_reads import READS
from bench.run import MIB, Scale, api_server, wait_ready
from bench.stores import ROOT, BenchStore, embedded, free_port, neo4j
from graph.stats import count_entities

PEER = ROOT / "bench" / "peer"
SYSTEMS = ("jalin-embedded", "jalin-neo4j", "peer-neo4j")
CONCURRENCY = (1, 16, 64)
# The client lets an idle connection go before the servers would (uvicorn: JALIN_KEEP_ALIVE_TIMEOUT, 5 s): a
# connection to one system sits idle while the others take their turn, and one the server closed just as the
# client reused it failed a request with a ReadError (once in a run of the 10k graph).
KEEPALIVE_EXPIRY_S = 2.0


@dataclass(frozen=True)
class VersusConfig:
    """How hard to measure: answers compared at one client, seconds per system and level of load."""

    repetitions: int = 60  # one client: each input through all three, answers compared
    warmup: int = 5
    slice_s: float = 2.0  # 16 and 64 clients: one system at a time, for this long, in turn
    rounds: int = 3
    read_budget_s: float = 90.0  # one client: a read stops after this long, once it has 3 repetitions
    # A system whose median at one client is slower than this is not loaded with more clients: 64 requests
    # of a minute each would take the whole run (the peer's page at 100k).
    load_limit_ms: float = 5_000.0


@dataclass
class Server:
    """One API server under test: where it answers, how to ask it a read, its processes."""

    name: str
    url: str
    api: psutil.Process
    db: psutil.Process

    def request(self, read: str, args: Args) -> dict[str, Any]:
        """Return the JSON body of this system's request for one read."""
        if self.name.startswith("peer"):
            peer = READS[read]
            return {"query": peer.query, "variables": peer.variables(args)}
        return {"query": BY_NAME[read].query, "variables": args}

    def answer(self, read: str, data: dict[str, Any]) -> Any:
        """Return this system's answer in the form both APIs share."""
        peer = READS[read]
        return peer.answer(data) if self.name.startswith("peer") else peer.jalin_answer(data)


@dataclass
class Figures:
    """What one system did for one read at one level of load."""

    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0
    errors: int = 0
    api_cpu: float = 0.0
    db_cpu: float = 0.0
    error_kinds: Counter[str] = field(default_factory=Counter)  # "status code" of each error, or the client's

    def summary(self) -> dict[str, Any]:
        done = len(self.latencies)
        per_k = 1000 / done if done else 0.0
        return {"p50_ms": statistics.median(self.latencies) if done else 0.0,
                "p99_ms": percentile(self.latencies, 0.99) if done else 0.0,
                "rps": done / self.seconds if self.seconds else 0.0, "requests": done, "errors": self.errors,
                "api_cpu_s_per_1k": self.api_cpu * per_k, "db_cpu_s_per_1k": self.db_cpu * per_k,
                "error_kinds": dict(self.error_kinds)}


def cpu_seconds(process: psutil.Process) -> float:
    """Return the user and system CPU seconds a process has used."""
    times = process.cpu_times()
    return float(times.user + times.system)


@contextmanager
def peer_server(bolt_uri: str, user: str, password: str) -> Iterator[tuple[str, psutil.Process]]:
    """Run the peer under Node until the block ends (it builds its schema for a few seconds first)."""
    if not (PEER / "node_modules").is_dir():
        raise RuntimeError(f"the peer's packages are not installed: npm ci --prefix {PEER} (make bench-peer does)")
    port = free_port()
    env = {**os.environ, "PEER_PORT": str(port), "NEO4J_URI": bolt_uri, "NEO4J_USER": user, "NEO4J_PASSWORD": password}
    child = subprocess.Popen(["node", str(PEER / "server.mjs")], env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(f"{url}/health", child, "the peer")
        yield url, psutil.Process(child.pid)
    finally:
        child.terminate()
        child.wait(timeout=60)


class Refused(RuntimeError):
    """A request answered with errors; `kind` is its status and the errors' codes."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


def _kind(status: int, errors: list[dict[str, Any]] | None) -> str:
    codes = sorted({str((e.get("extensions") or {}).get("code", "error")) for e in errors or []})
    return " ".join([str(status), *codes])


async def _timed(client: httpx.AsyncClient, server: Server, read: str, args: Args) -> tuple[float, Any]:
    """Return the milliseconds one request took and its data; raise on an error."""
    started = time.perf_counter()
    response = await client.post(f"{server.url}/graphql", json=server.request(read, args))
    elapsed = (time.perf_counter() - started) * 1000
    body = response.json()
    if response.status_code != 200 or body.get("errors"):
        raise Refused(f"{server.name} {read} {args}: {response.status_code} {body.get('errors')}",
                      _kind(response.status_code, body.get("errors")))
    return elapsed, body["data"]


def _turns(servers: list[Server], round_no: int) -> list[Server]:
    """Rotate who goes first each round."""
    shift = round_no % len(servers)
    return servers[shift:] + servers[:shift]


async def one_client(client: httpx.AsyncClient, servers: list[Server], read: str, inputs: list[Args],
                     config: VersusConfig) -> tuple[dict[str, Figures], list[str]]:
    """Send each input to every system in turn; compare the answers; return figures and the differences."""
    figures = {s.name: Figures() for s in servers}
    differences: list[str] = []
    for args in inputs[:config.warmup]:
        for server in servers:
            with suppress(Refused, httpx.HTTPError):  # counted when measured
                await _timed(client, server, read, args)
    started = time.perf_counter()
    for i, args in enumerate(inputs[config.warmup:config.warmup + config.repetitions]):
        answers = {}
        for server in _turns(servers, i):
            cpu = cpu_seconds(server.api), cpu_seconds(server.db)
            found = figures[server.name]
            try:
                elapsed, data = await _timed(client, server, read, args)
            except Refused as error:  # a system that cannot answer (the peer's page over Neo4j's memory limit)
                found.errors += 1
                found.error_kinds[error.kind] += 1
                continue
            except httpx.HTTPError as error:  # a connection that failed: the system's error, as under load
                found.errors += 1
                found.error_kinds[type(error).__name__] += 1
                continue
            found.latencies.append(elapsed)
            found.seconds += elapsed / 1000
            found.api_cpu += cpu_seconds(server.api) - cpu[0]
            found.db_cpu += cpu_seconds(server.db) - cpu[1]
            answers[server.name] = server.answer(read, data)
        jalin = answers.get(SYSTEMS[0])
        for name, answer in answers.items():
            if jalin is not None and name != SYSTEMS[0] and (why := READS[read].differs(jalin, answer)):
                differences.append(f"{read} {args}: {name}: {why}")
        if i >= 2 and time.perf_counter() - started > config.read_budget_s:
            break
    return figures, differences


async def load(client: httpx.AsyncClient, servers: list[Server], read: str, inputs: list[Args], clients: int,
               config: VersusConfig) -> dict[str, Figures]:
    """Run `clients` clients against one system at a time for a slice each, rounds over; return figures."""
    figures = {s.name: Figures() for s in servers}
    for round_no in range(config.rounds):
        for server in _turns(servers, round_no):
            await _slice(client, server, read, inputs, clients, config.slice_s, figures[server.name])
    return figures


def loadable(single: dict[str, Figures], servers: list[Server], config: VersusConfig) -> list[Server]:
    """Return the systems that answered at one client, fast enough to load with more."""
    return [s for s in servers
            if single[s.name].latencies and statistics.median(single[s.name].latencies) <= config.load_limit_ms]


async def _slice(client: httpx.AsyncClient, server: Server, read: str, inputs: list[Args], clients: int,
                 seconds: float, figures: Figures) -> None:
    deadline = time.perf_counter() + seconds

    async def one(offset: int) -> None:
        i = offset
        while time.perf_counter() < deadline:
            try:
                elapsed, _ = await _timed(client, server, read, inputs[i % len(inputs)])
                figures.latencies.append(elapsed)
            except Refused as error:
                figures.errors += 1
                figures.error_kinds[error.kind] += 1
            except httpx.HTTPError as error:
                figures.errors += 1
                figures.error_kinds[type(error).__name__] += 1
            i += clients

    cpu = cpu_seconds(server.api), cpu_seconds(server.db)
    started = time.perf_counter()
    await asyncio.gather(*(one(i) for i in range(clients)))
    figures.seconds += time.perf_counter() - started
    figures.api_cpu += cpu_seconds(server.api) - cpu[0]
    figures.db_cpu += cpu_seconds(server.db) - cpu[1]


async def measure_reads(servers: list[Server], samples: dict[str, list[Args]], config: VersusConfig,
                        ) -> dict[str, Any]:
    """Measure every read at every level of load on every system."""
    result: dict[str, Any] = {}
    limits = httpx.Limits(max_connections=max(CONCURRENCY), max_keepalive_connections=max(CONCURRENCY),
                          keepalive_expiry=KEEPALIVE_EXPIRY_S)
    async with httpx.AsyncClient(timeout=600, limits=limits) as client:
        for operation in OPERATIONS:
            read, inputs = operation.name, samples[operation.name]
            say(f"{read}: one client, answers compared")
            single, differences = await one_client(client, servers, read, inputs, config)
            levels = {1: single}
            fast = loadable(single, servers, config)
            for clients in CONCURRENCY[1:]:
                say(f"{read}: {clients} clients")
                levels[clients] = await load(client, fast, read, inputs, clients, config)
            result[read] = {"differences": differences, "compared": len(single[SYSTEMS[0]].latencies),
                            "levels": {str(c): {s.name: by[s.name].summary() if s.name in by else None
                                                for s in servers} for c, by in levels.items()}}
            say("  p50 at one client: " + ", ".join(f"{n} {f.summary()['p50_ms']:.1f} ms" if f.latencies
                                                     else f"{n} failed every request" for n, f in single.items())
                + f"; {len(differences)} answers differ")
    return result


@asynccontextmanager
async def systems(scale: Scale) -> AsyncIterator[tuple[list[Server], dict[str, BenchStore]]]:
    """Seed both stores, start Jalin on each and the peer on Neo4j; stop everything at the end."""
    async with AsyncExitStack() as stack:
        stores = {"embedded": await stack.enter_async_context(embedded(scale.nodes, scale.data)),
                  "neo4j": await stack.enter_async_context(neo4j(scale.nodes, scale.data / "peer", empty=False))}
        for name, bench in stores.items():
            await _seed(name, bench, scale)
        servers = []
        for system, name in zip(SYSTEMS, ("embedded", "neo4j"), strict=False):
            url, api = stack.enter_context(api_server(stores[name].app_args))
            servers.append(Server(system, url, api, psutil.Process(stores[name].server_pid())))
        shared = stores["neo4j"]
        url, api = stack.enter_context(peer_server(*shared.bolt))
        servers.append(Server(SYSTEMS[2], url, api, psutil.Process(shared.server_pid())))
        yield servers, stores


async def _seed(name: str, bench: BenchStore, scale: Scale) -> None:
    """Load the scale's graph, unless the store kept it from an earlier run (Neo4j's takes minutes at 100k)."""
    marker = scale.data / "peer" / f"{name}-{scale.nodes}.json"
    wanted = json.dumps({"nodes": scale.nodes, "edges": scale.edges, "records": len(scale.batch)})
    if marker.exists() and marker.read_text() == wanted and await count_entities(bench.store, None, None):
        say(f"{name}: the graph of an earlier run is in place")
        return
    await bench.store.clear()
    written = await seeding.seed_batched(bench.store, scale.batch)
    say(f"{name}: {written.records} records in {written.seconds:.1f} s ({written.per_s:,.0f}/s)")
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(wanted)


def memory(servers: list[Server]) -> dict[str, dict[str, float]]:
    """Return each system's API and database resident memory, in MiB."""
    return {s.name: {"api_rss_mib": s.api.memory_info().rss / MIB, "db_rss_mib": s.db.memory_info().rss / MIB}
            for s in servers}


async def run_scale(scale: Scale, config: VersusConfig) -> dict[str, Any]:
    """Measure the three systems at one scale."""
    async with systems(scale) as (servers, _):
        load_before = os.getloadavg()
        reads = await measure_reads(servers, scale.samples, config)
        return {"nodes": scale.nodes, "edges": scale.edges, "reads": reads, "memory": memory(servers),
                "load_before": load_before, "load_after": os.getloadavg()}


def write(results: dict[str, Any], path: Path) -> None:
    """Write the comparison's figures."""
    path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def _ratio(ours: dict[str, Any] | None, theirs: dict[str, Any] | None, figure: str) -> Any:
    """Return Jalin's `figure` over the peer's, or why there is none: a system not loaded, or one that
    answered no request."""
    if not ours or not theirs or (theirs["requests"] and not theirs[figure]):
        return "-"
    if not theirs["requests"] or not ours["requests"]:
        return "peer failed every request" if ours["requests"] else "Jalin failed every request"
    return ours[figure] / theirs[figure]


def ratios(scale: dict[str, Any]) -> list[list[Any]]:
    """Return per read the peer's figures over Jalin's: latency p50 (the peer's over Jalin's: above 1 means
    Jalin is faster) at each level, throughput (Jalin's over the peer's) at 16 and 64 clients."""
    rows = []
    for read, figures in scale["reads"].items():
        for jalin in SYSTEMS[:2]:
            at = [(figures["levels"][str(c)][jalin], figures["levels"][str(c)][SYSTEMS[2]]) for c in CONCURRENCY]
            latency = [_ratio(ours, theirs, "p50_ms") for ours, theirs in at]
            throughput = [_ratio(ours, theirs, "rps") for ours, theirs in at[1:]]
            rows.append([read, jalin, *latency, *throughput])
    return rows
