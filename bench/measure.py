"""Timing loops: GraphQL and the floor over HTTP, the same work in-process, and 16 clients at once."""

import asyncio
import statistics
import time
from collections.abc import Callable
from typing import Any

import httpx
from graphql import FieldNode, OperationDefinitionNode, SelectionSetNode, parse

from bench.operations import Args, Operation
from graph.store import Store

CONCURRENCY = 16


def percentile(values: list[float], share: float) -> float:
    """Return the value below which `share` of `values` fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def nesting_depth(query: str) -> int:
    """Return how many levels of objects a query asks for: each level can cost one batched round trip."""
    def depth(selections: SelectionSetNode | None) -> int:
        if selections is None:
            return 0
        fields = [s for s in selections.selections if isinstance(s, FieldNode)]
        return max((1 + depth(f.selection_set) for f in fields if f.selection_set), default=0)

    operation = next(d for d in parse(query).definitions if isinstance(d, OperationDefinitionNode))
    return depth(operation.selection_set)


def graphql_call(client: httpx.Client, operation: Operation, args: Args) -> Any:
    """Post one GraphQL query; raise unless it answers without errors."""
    response = client.post("/graphql", json={"query": operation.query, "variables": args})
    body = response.json()
    if response.status_code != 200 or body.get("errors"):
        raise RuntimeError(f"{operation.name} {args}: {response.status_code} {body.get('errors')}")
    return body["data"]


def floor_call(client: httpx.Client, operation: Operation, args: Args) -> Any:
    """Post one request to the operation's bare JSON endpoint."""
    response = client.post(f"/bench/floor/{operation.name}", json=args)
    response.raise_for_status()
    return response.json()


def time_call(call: Callable[..., Any], *args: Any) -> float:
    """Return the milliseconds one call took."""
    started = time.perf_counter()
    call(*args)
    return (time.perf_counter() - started) * 1000


async def time_direct(store: Store, operation: Operation, args: Args) -> float:
    """Return the milliseconds one in-process run of the operation's store work took."""
    started = time.perf_counter()
    await operation.direct(store, args)
    return (time.perf_counter() - started) * 1000


def round_trips(client: httpx.Client, operation: Operation, inputs: list[Args]) -> int:
    """Return the most store statements one GraphQL request of the operation cost."""
    def count() -> int:
        return int(client.get("/bench/round-trips").json()["round_trips"])

    most = 0
    for args in inputs:
        before = count()
        graphql_call(client, operation, args)
        most = max(most, count() - before)
    return most


async def concurrent(base_url: str, requests: list[tuple[Operation, Args]], seconds: float) -> dict[str, float]:
    """Run CONCURRENCY clients over `requests` for `seconds`; return requests per second and errors."""
    done, errors = 0, 0
    deadline = time.perf_counter() + seconds

    async def client(offset: int, http: httpx.AsyncClient) -> None:
        nonlocal done, errors
        i = offset
        while time.perf_counter() < deadline:
            operation, args = requests[i % len(requests)]
            i += CONCURRENCY
            try:
                response = await http.post("/graphql", json={"query": operation.query, "variables": args})
                errors += response.status_code != 200 or bool(response.json().get("errors"))
            except httpx.HTTPError:
                errors += 1
            done += 1

    limits = httpx.Limits(max_connections=CONCURRENCY)
    started = time.perf_counter()
    async with httpx.AsyncClient(base_url=base_url, timeout=60, limits=limits) as http:
        await asyncio.gather(*(client(i, http) for i in range(CONCURRENCY)))
    return {"concurrent_16_rps": done / (time.perf_counter() - started), "concurrent_16_errors": errors}


def summary(graphql: list[float], floor: list[float], direct: list[float]) -> dict[str, float]:
    """Return the medians, the GraphQL p99 and the two ratios the targets name."""
    graphql_p50, floor_p50, raw_p50 = (statistics.median(t) for t in (graphql, floor, direct))
    return {"graphql_p50_ms": graphql_p50, "graphql_p99_ms": percentile(graphql, 0.99),
            "raw_p50_ms": raw_p50, "floor_p50_ms": floor_p50,
            "graphql_vs_floor_p50": graphql_p50 / floor_p50, "overhead_ratio_p50": graphql_p50 / raw_p50}

