"""`python -m bench`: run the benchmark at the given scales and write bench/results.{json,md} and the plot."""

import argparse
import asyncio
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

import psutil

from bench import report, say, versus
from bench.run import Config, prepare, run_store
from bench.stores import DATA, STORES
from graph.neo4j_server import missing_requirements


def parser() -> argparse.ArgumentParser:
    """Return the command-line parser."""
    p = argparse.ArgumentParser(prog="python -m bench", description="Benchmark Jalin at growing scale.")
    p.add_argument("--scales", type=int, nargs="+", default=[10_000], help="entities per scale")
    p.add_argument("--edges-per-node", type=int, default=Config.edges_per_node)
    p.add_argument("--seed", type=int, default=Config.seed)
    p.add_argument("--repetitions", type=int, default=Config.repetitions, help="timed requests per operation")
    p.add_argument("--warmup", type=int, default=Config.warmup)
    p.add_argument("--naive-seconds", type=float, default=Config.naive_seconds,
                   help="time spent on each of the naive node and edge samples")
    p.add_argument("--concurrent-seconds", type=float, default=Config.concurrent_seconds)
    p.add_argument("--operation-budget", type=float, default=Config.operation_budget_s,
                   help="seconds after which a slow operation stops timing (once it has enough repetitions)")
    p.add_argument("--store", choices=[*STORES, "both"], default=None,
                   help="the store(s) to measure (default: both where Java and Maven can run a local Neo4j)")
    p.add_argument("--data", type=Path, default=DATA,
                   help="folder for the generated graphs and the stores' files (default: data/bench)")
    p.add_argument("--out", type=Path, default=report.HERE, help="folder for the results (default: bench/)")
    p.add_argument("--peer", action="store_true",
                   help="compare Jalin on both stores with the Neo4j GraphQL Library on the same Neo4j instead "
                        "(writes peer.json and the report's comparison)")
    p.add_argument("--slice-seconds", type=float, default=versus.VersusConfig.slice_s,
                   help="with --peer: seconds each system runs in turn at 16 and 64 clients, per round")
    p.add_argument("--rounds", type=int, default=versus.VersusConfig.rounds,
                   help="with --peer: rounds of the three systems in turn at 16 and 64 clients")
    p.add_argument("--load-limit-ms", type=float, default=versus.VersusConfig.load_limit_ms,
                   help="with --peer: a system whose median at one client is above this is not run at 16 and 64 "
                        "clients")
    p.add_argument("--report-only", action="store_true",
                   help="measure nothing: rewrite results.md and the plot from results.json")
    return p


# Peak memory per entity of the benchmark process and the store together, measured at 100k entities
# (1.15 GB for the checked batch, 740 MiB for the store, the API beside them): the loader checks a
# whole graph before writing it, so it all sits in memory. Neo4j runs after the embedded store has
# stopped, in less (2 GiB heap, 1 GiB page cache, ~0.5 GiB more) than that store took at 1M (5.5 GiB).
BYTES_PER_ENTITY = 20_000


def too_big(nodes: int) -> str | None:
    """Return why a scale cannot run on this machine, or None when it fits in the memory available."""
    needed, available = nodes * BYTES_PER_ENTITY, psutil.virtual_memory().available
    if needed <= available:
        return None
    return (f"{nodes:,} entities need about {needed / 2**30:.1f} GiB (measured {BYTES_PER_ENTITY:,} bytes per "
            f"entity at 100k) and {available / 2**30:.1f} GiB is available: scale skipped")


def stores_for(choice: str | None) -> tuple[list[str], str | None]:
    """Return the stores to measure and, when Neo4j cannot run here, why not (an error if it was asked for)."""
    missing = missing_requirements() if choice != "embedded" else None
    if choice is None:
        return (["embedded"], f"Neo4j skipped: {missing}") if missing else (list(STORES), None)
    if missing:
        raise SystemExit(f"--store {choice}: a local Neo4j cannot run here: {missing}")
    return (list(STORES) if choice == "both" else [choice]), None


async def run(config: Config, sizes: list[int], stores: list[str], meta: dict[str, Any], command: str,
              out: Path, data: Path) -> None:
    """Run every scale on every store, rewriting the report after each so that a failure keeps earlier figures."""
    scales: dict[int, dict[str, Any]] = {}
    skipped: dict[int, str] = {}
    for nodes in sizes:
        reason = too_big(nodes)
        if reason:
            say(reason)
            skipped[nodes] = reason
            continue
        scale = prepare(nodes, config, data)
        for store in stores:
            scales.setdefault(nodes, {})[store] = await run_store(scale, store, config)
            report.write(scales, asdict(config) | meta | {"scales": sizes, "stores": stores, "skipped": skipped},
                         command, out)
            say(f"wrote results.json, results.md and {report.PLOT} into {out} with {len(scales)} scale(s)")


async def run_peer(config: Config, vconfig: versus.VersusConfig, sizes: list[int], command: str, out: Path,
                   data: Path) -> None:
    """Compare the three systems at every scale, rewriting peer.json and the report after each."""
    scales: dict[str, Any] = {}
    for nodes in sizes:
        if reason := too_big(nodes):
            say(reason)
            continue
        scales[str(nodes)] = await versus.run_scale(prepare(nodes, config, data), vconfig)
        versus.write({"command": command, "machine": report.machine(), "config": asdict(vconfig),
                      "generated_at": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "scales": scales}, out / report.PEER)
        report.rewrite(out)
        say(f"wrote {report.PEER}, results.md and {report.PEER_PLOT} into {out}")


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and run."""
    args = parser().parse_args(argv)
    if args.report_only:
        report.rewrite(args.out)
        return 0
    config = Config(seed=args.seed, edges_per_node=args.edges_per_node, repetitions=args.repetitions,
                    warmup=args.warmup, naive_seconds=args.naive_seconds,
                    concurrent_seconds=args.concurrent_seconds, operation_budget_s=args.operation_budget)
    command = "python -m bench " + " ".join(argv if argv is not None else sys.argv[1:])
    args.out.mkdir(parents=True, exist_ok=True)
    if args.peer:
        stores_for("both")  # the peer needs the local Neo4j: say so if it cannot run here
        vconfig = versus.VersusConfig(repetitions=args.repetitions, warmup=args.warmup, slice_s=args.slice_seconds,
                                      rounds=args.rounds, read_budget_s=args.operation_budget,
                                      load_limit_ms=args.load_limit_ms)
        asyncio.run(run_peer(config, vconfig, args.scales, command.strip(), args.out, args.data))
        return 0
    stores, why_not = stores_for(args.store)
    if why_not:
        say(why_not)
    asyncio.run(run(config, args.scales, stores, {"neo4j_skipped": why_not}, command.strip(), args.out,
                    args.data))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
