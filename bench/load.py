"""`python -m bench.load`: many clients reading at once from a real `jalin serve`, its latency, errors and memory.

The server seeds the bundled fixtures into a fresh embedded store (the graph the goals were set on) and
serves with `--workers`. Each client has a keep-alive connection of its own and sends the benchmark's five
reads (bench/operations.py) one after another, on inputs drawn from the seeded graph, until the time
is up; a request waits as long as it takes, so a slow answer is a latency, and only a refused or
broken connection, an answer other than 200 or a GraphQL error is an error. The clients write
prepared HTTP/1.1 requests and read the answers' bytes themselves: an HTTP client library spent
12 ms of CPU per request here, as much as the API, on the same two cores. Meanwhile /readyz is asked once a
second, and the memory of the API's processes and of the store's server is sampled.
"""

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psutil

from bench import reliability, say
from bench.measure import percentile
from bench.operations import OPERATIONS, Args, Operation
from bench.samples import draw
from bench.stores import DATA, free_port
from graph.server import server_pid_of
from jalin.config import Settings
from seeds.loader import read_fixtures

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds" / "fixtures"
GOALS = {  # name: (connections, seconds, what must hold)
    "burst": (200, 60.0, "0 errors and p99 under 1 s"),
    "soak": (50, 600.0, "0 errors and flat memory"),
}
P99_GOAL_MS = 1000.0
# Memory is flat when what the processes hold at the end is within this share of what they held once
# warm (after the first tenth of the run), measured as the median of the samples of each period.
FLAT_SHARE = 0.10
INPUTS_PER_OPERATION = 50
REQUEST_TIMEOUT_S = 60.0
SAMPLE_S = 1.0
# Requests started this long after the clients: their p99 is the server's once its caches hold the answers.
WARM_S = 10.0
START_S = 900.0  # to seed and serve: over 180 s on this machine when other work loads it 10 times over


@dataclass
class Tally:
    """What the clients saw: each request's latency and each error by kind."""

    latencies_ms: list[float] = field(default_factory=list)
    started: list[float] = field(default_factory=list)  # when each request was sent (perf_counter)
    errors: Counter[str] = field(default_factory=Counter)
    by_operation: Counter[str] = field(default_factory=Counter)


def inputs(seed: int) -> list[tuple[Operation, Args]]:
    """Return every read with each of its inputs, drawn from the bundled graph, in a shuffled order."""
    batch, _ = read_fixtures(SEEDS)
    samples = draw(batch, INPUTS_PER_OPERATION, seed).args
    mixed = [(op, args) for op in OPERATIONS for args in samples[op.name]]
    random.Random(seed).shuffle(mixed)
    return mixed


def request_bytes(host: str, operation: Operation, args: Args) -> bytes:
    """Return one GraphQL POST as the bytes sent on a keep-alive connection."""
    body = json.dumps({"query": operation.query, "variables": args}).encode()
    head = (f"POST /graphql HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n")
    return head.encode() + body


async def exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes) -> str | None:
    """Send one request and read its answer; return the kind of error it is, or None for a good answer."""
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    status = head[9:12].decode()
    length = re.search(rb"(?i)\r\ncontent-length: *(\d+)", head)
    if length is None:
        return f"HTTP {status} without a length"
    body = await reader.readexactly(int(length.group(1)))
    if status != "200":
        return f"HTTP {status}"
    return "GraphQL error" if b'"errors"' in body else None


async def client(host: str, port: int, requests: list[tuple[str, bytes]], offset: int, stop: float,
                 tally: Tally) -> None:
    """Send reads one after another over a connection of its own until `stop` (a perf_counter time),
    tallying each answer; a connection that fails is an error, and replaced."""
    i, connection = offset, None
    while time.perf_counter() < stop:
        name, request = requests[i % len(requests)]
        i += 1
        started = time.perf_counter()
        try:
            connection = connection or await asyncio.open_connection(host, port)
            error = await exchange(*connection, request)
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError) as failure:
            error, connection = type(failure).__name__, None
        tally.latencies_ms.append((time.perf_counter() - started) * 1000)
        tally.started.append(started)
        tally.by_operation[name] += 1
        if error:
            tally.errors[error] += 1
    if connection:
        connection[1].close()


def cpu_s(processes: list[psutil.Process]) -> float:
    """Return the CPU time (user and system) live `processes` have used, in seconds."""
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
            total += times.user + times.system
        except psutil.Error:
            pass
    return total


def _serving(api: psutil.Process, data_dir: Path) -> tuple[list[psutil.Process], list[psutil.Process]]:
    """Return the API's processes and the store server's."""
    store = server_pid_of(data_dir)
    return [api, *api.children(recursive=True)], [psutil.Process(store)] if store else []


def rss_mib(processes: list[psutil.Process]) -> float:
    """Return the resident memory of live `processes`, in MiB."""
    total = 0
    for process in processes:
        try:
            total += process.memory_info().rss
        except psutil.Error:
            pass
    return total / 2**20


async def watch(url: str, api: psutil.Process, data_dir: Path, stop: float, samples: list[dict[str, float]]) -> None:
    """Once a second until `stop`: ask /readyz, and note the memory of the API's processes and the store's."""
    async with httpx.AsyncClient(base_url=url, timeout=REQUEST_TIMEOUT_S) as http:
        started = time.perf_counter()
        while (now := time.perf_counter()) < stop:
            try:
                ready = await http.get("/readyz")
                status = ready.status_code
            except httpx.HTTPError:
                status = 0
            api_processes, store = _serving(api, data_dir)
            samples.append({"t_s": round(now - started, 1), "readyz_status": status,
                            "readyz_ms": round((time.perf_counter() - now) * 1000, 1),
                            "api_rss_mib": round(rss_mib(api_processes), 1), "store_rss_mib": round(rss_mib(store), 1)})
            await asyncio.sleep(max(0.0, SAMPLE_S - (time.perf_counter() - now)))


def memory_growth(samples: list[dict[str, float]], key: str) -> dict[str, float]:
    """Compare the memory once warm (the second tenth of the run) with the last tenth; medians of each."""
    tenth = max(1, len(samples) // 10)
    warm = sorted(s[key] for s in samples[tenth:2 * tenth] or samples)
    end = sorted(s[key] for s in samples[-tenth:])
    warm_mib, end_mib = warm[len(warm) // 2], end[len(end) // 2]
    return {"warm_mib": warm_mib, "end_mib": end_mib, "peak_mib": max(s[key] for s in samples),
            "growth_share": round((end_mib - warm_mib) / warm_mib, 4) if warm_mib else 0.0}


@contextmanager
def served(data_dir: Path, workers: int) -> Iterator[tuple[str, psutil.Process]]:
    """Run `jalin serve --workers` over a fresh data dir (seeded on start) until the block ends."""
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    port = free_port()
    env = {**os.environ, "JALIN_DATA_DIR": str(data_dir), "JALIN_PORT": str(port)}
    log = data_dir.parent / f"{data_dir.name}-serve.log"
    with open(log, "wb") as output:
        process = subprocess.Popen([sys.executable, "-m", "cli", "serve", "--workers", str(workers)], cwd=ROOT,
                                   env=env, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(url, process, log)
        yield url, psutil.Process(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=120)


def _wait_ready(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"jalin serve ended with {process.returncode}: see {log}")
        try:
            if httpx.get(f"{url}/readyz", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"jalin serve was not ready within {START_S:g} s: see {log}")


async def run(url: str, api: psutil.Process, data_dir: Path, connections: int, seconds: float,
              seed: int) -> dict[str, Any]:
    """Run `connections` clients for `seconds`; return the figures."""
    address = httpx.URL(url)
    host, port = address.host, address.port or 80
    requests = [(op.name, request_bytes(host, op, args)) for op, args in inputs(seed)]
    tally, samples = Tally(), list[dict[str, float]]()
    api_processes, store = _serving(api, data_dir)
    cpu_before = cpu_s(api_processes), cpu_s(store), time.process_time()
    stop = time.perf_counter() + seconds
    started = time.perf_counter()
    await asyncio.gather(watch(url, api, data_dir, stop, samples),
                         *(client(host, port, requests, i * len(requests) // connections, stop, tally)
                           for i in range(connections)))
    elapsed = time.perf_counter() - started
    latencies = tally.latencies_ms
    warm = [ms for ms, at in zip(latencies, tally.started, strict=True) if at - started >= WARM_S] or latencies
    # CPU per request of each side: what a request costs, whatever else the machine was doing.
    cpu = [(after - before) * 1000 / max(1, len(latencies)) for before, after in
           zip(cpu_before, (cpu_s(api_processes), cpu_s(store), time.process_time()), strict=True)]
    return {"requests": len(latencies), "seconds": round(elapsed, 1),
            "requests_per_s": round(len(latencies) / elapsed, 1),
            "errors": sum(tally.errors.values()), "errors_by_kind": dict(tally.errors),
            "p50_ms": round(percentile(latencies, 0.50), 1), "p99_ms": round(percentile(latencies, 0.99), 1),
            "p99_warm_ms": round(percentile(warm, 0.99), 1), "warm_after_s": WARM_S,
            "max_ms": round(max(latencies), 1), "by_operation": dict(tally.by_operation),
            "cpu_ms_per_request": {"api": round(cpu[0], 2), "store": round(cpu[1], 2), "clients": round(cpu[2], 2)},
            "readyz_not_ready": sum(s["readyz_status"] != 200 for s in samples),
            "readyz_p99_ms": round(percentile([s["readyz_ms"] for s in samples], 0.99), 1),
            "api_memory": memory_growth(samples, "api_rss_mib"),
            "store_memory": memory_growth(samples, "store_rss_mib"),
            "samples": samples}


def verdict(goal: str, figures: dict[str, Any]) -> dict[str, bool]:
    """Return each condition of the goal and whether the figures meet it."""
    met = {"0 errors": figures["errors"] == 0, "/readyz ready throughout": figures["readyz_not_ready"] == 0}
    if goal == "burst":
        met["p99 under 1 s"] = figures["p99_ms"] < P99_GOAL_MS
    if goal == "soak":
        met["flat memory"] = all(figures[key]["growth_share"] <= FLAT_SHARE for key in ("api_memory", "store_memory"))
    return met


def section_key(goal: str, workers: int, cache_bytes: int) -> str:
    """Return the report's section for a run: one per goal, workers and whether answers are cached."""
    return f"load_{goal}_workers{workers}_{'cached' if cache_bytes else 'uncached'}"


def parser() -> argparse.ArgumentParser:
    """Return the command-line parser."""
    p = argparse.ArgumentParser(prog="python -m bench.load", description="Load a real jalin serve with many clients.")
    p.add_argument("goal", choices=sorted(GOALS), help="; ".join(f"{name}: {c} clients for {s:g} s, {what}"
                                                               for name, (c, s, what) in GOALS.items()))
    p.add_argument("--connections", type=int, help="clients, each with its own connection (default: the goal's)")
    p.add_argument("--seconds", type=float, help="how long they read (default: the goal's)")
    p.add_argument("--workers", type=int, default=2, help="worker processes of jalin serve (default: 2, one per core)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--data", type=Path, default=DATA, help="folder for the store's files (default: data/bench)")
    p.add_argument("--out", type=Path, default=reliability.HERE, help="folder for reliability.{json,md}")
    return p


def main(argv: list[str] | None = None) -> None:
    """Run one goal and write its figures."""
    args = parser().parse_args(argv)
    connections, seconds, _ = GOALS[args.goal]
    connections, seconds = args.connections or connections, args.seconds or seconds
    data_dir = args.data / f"load-{args.goal}"
    machine_before = reliability.machine_load()
    with served(data_dir, args.workers) as (url, api):
        say(f"{args.goal}: {connections} clients for {seconds:g} s against {url} ({args.workers} workers)")
        figures = asyncio.run(run(url, api, data_dir, connections, seconds, args.seed))
    served_settings = Settings()  # what the served processes read from the same environment
    cache_bytes = served_settings.response_cache_bytes
    figures.update(goal=args.goal, connections=connections, workers=args.workers, response_cache_bytes=cache_bytes,
                   reply_cache_bytes=served_settings.reply_cache_bytes if cache_bytes else 0,
                   distinct_requests=len({json.dumps([op.name, a], sort_keys=True) for op, a in inputs(args.seed)}),
                   machine_load_before=machine_before, machine_load_after=reliability.machine_load())
    figures["met"] = verdict(args.goal, figures)
    reliability.record(args.out, section_key(args.goal, args.workers, cache_bytes), figures)
    say(f"{args.goal}: {figures['requests']} requests, {figures['errors']} errors, p99 {figures['p99_ms']} ms; "
        f"{figures['met']}")


if __name__ == "__main__":
    main()
