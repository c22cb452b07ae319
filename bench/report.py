"""Write a run's figures: `results.json` for machines, `results.md` and a plot for people."""

import json
import os
import platform
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

import matplotlib
import psutil

from bench.stores import NEO4J_HEAP, NEO4J_PAGE_CACHE
from bench.targets import SEED_TARGETS_CHECKED, Check, by_store, check
from bench.versus import CONCURRENCY, SYSTEMS, ratios

matplotlib.use("Agg")
from matplotlib import pyplot  # noqa: E402  (the backend must be chosen first)

HERE = Path(__file__).resolve().parent
PLOT = "latency.png"
PEER = "peer.json"  # the comparison with the Neo4j GraphQL Library (`python -m bench --peer`)
PEER_PLOT = "peer.png"
PEER_NOTES = HERE / "peer_notes.md"
# A system too slow at one client to load with more (bench.versus.VersusConfig.load_limit_ms).
NOT_LOADED: dict[str, Any] = {"p50_ms": "-", "p99_ms": "-", "rps": "-", "api_cpu_s_per_1k": "-",
                              "db_cpu_s_per_1k": "-", "errors": "-"}
NOTES = HERE / "notes.md"
OP_COLUMNS = ("graphql_p50_ms", "graphql_p99_ms", "floor_p50_ms", "raw_p50_ms", "graphql_vs_floor_p50",
              "overhead_ratio_p50", "store_round_trips", "nesting_depth")
SEED_COLUMNS = ("records", "read_s", "seed_s", "seed_records_per_s", "seed_naive_records_per_s", "seed_speedup",
                "seed_floor_records_per_s", "seed_read_records_per_s", "seed_end_to_end_records_per_s")
LOAD_COLUMNS = ("concurrent_16_rps", "concurrent_16_errors", "api_rss_mib", "store_rss_mib")
STORE_NAMES = {"embedded": "the embedded store (FalkorDB)",
               "neo4j": f"Neo4j 5.26 Community (a local server, heap {NEO4J_HEAP}, page cache {NEO4J_PAGE_CACHE})"}
SCOPE = ("Every store gets the same graph, written by Jalin's writer (the embedded store's empty graph by bulk "
         "insert; Neo4j, which has no bulk path into a running server, as `jalin seed` writes it: the writer's "
         "MERGE statements, one per label or edge type, each chunk in one transaction), and the same read "
         "inputs. The naive and floor seeds run after "
         "the reads in an empty graph: another graph of the embedded store; on Neo4j, whose Community edition "
         "has one database, the benchmark's graph emptied.")
TARGETS_SCOPE = ("Every target is checked on every store with the same limit: each measures Jalin's own work in "
                 "front of the store. The seed targets (`seed_speedup`, `seed_records_per_s`) are the exception: "
                 f"set for the bulk path of the {' and '.join(SEED_TARGETS_CHECKED)} store, on other stores they "
                 "are informative.")


def machine() -> dict[str, Any]:
    """Describe where the figures come from."""
    return {"cpus": os.cpu_count(), "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
            "python": platform.python_version(), "system": platform.platform()}


def _number(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.0f}" if value >= 1000 else f"{value:.2f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _table(header: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_number(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def _scale_tables(scale: int, stores: dict[str, dict[str, Any]]) -> str:
    """Return one scale's tables: a row per operation and store, then a row per store."""
    edges = next(iter(stores.values()))["edges"]
    ops = [[name, store] + [figures["operations"][name][c] for c in OP_COLUMNS]
           for name in next(iter(stores.values()))["operations"] for store, figures in stores.items()]
    naive = [f"- {store}: " + json.dumps({k: round(v, 2) for k, v in figures["naive_sample"].items()})
             for store, figures in stores.items()]
    return "\n\n".join([f"### {scale:,} nodes, {edges:,} edges",
                        _table(["operation", "store", *OP_COLUMNS], ops),
                        _table(["store", *SEED_COLUMNS], [[s, *(f.get(c, "-") for c in SEED_COLUMNS)]
                                                          for s, f in stores.items()]),
                        _table(["store", *LOAD_COLUMNS], [[s, *(f[c] for c in LOAD_COLUMNS)]
                                                          for s, f in stores.items()]),
                        "Naive sample:\n" + "\n".join(naive)])


def _verdict(check: Check) -> str:
    if check.informative:
        return f"{'met' if check.met else 'missed'} (informative)"
    return "met" if check.met else "**missed**"


def _targets_table(checks: list[Check]) -> str:
    """Return a row per target and scale, with a column per store: its figure and whether it met the limit."""
    stores = list(dict.fromkeys(c.store for c in checks))
    by_target: dict[tuple[str, int], dict[str, Check]] = {}
    for c in checks:
        by_target.setdefault((c.target, c.scale), {})[c.store] = c
    rows = [[target, scale, next(iter(found.values())).limit,
             *(f"{_number(found[s].value)} {_verdict(found[s])}" if s in found else "-" for s in stores)]
            for (target, scale), found in by_target.items()]
    return _table(["target", "nodes", "limit", *stores], rows)


def plot(scales: dict[int, dict[str, dict[str, Any]]], path: Path) -> None:
    """Plot median time per operation against graph size, one panel per store: GraphQL solid, in-process dashed."""
    stores = by_store(scales)
    figure, panels = pyplot.subplots(1, len(stores), figsize=(7 * len(stores), 5), sharey=True, squeeze=False)
    for axes, (store, figures) in zip(panels[0], stores.items(), strict=True):
        sizes = sorted(figures)
        for name in figures[sizes[0]]["operations"]:
            line = axes.plot(sizes, [figures[s]["operations"][name]["graphql_p50_ms"] for s in sizes], marker="o",
                             label=f"{name} (GraphQL)")
            axes.plot(sizes, [figures[s]["operations"][name]["raw_p50_ms"] for s in sizes], marker="x",
                      linestyle="--", color=line[0].get_color())
        axes.set(xscale="log", yscale="log", xlabel="entities in the graph", ylabel="median ms per request",
                 title=f"{store} (dashed: same store work in-process)")
        axes.legend(fontsize="small")
        axes.grid(True, which="both", alpha=0.3)
    figure.suptitle("Jalin read latency by graph size")
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    pyplot.close(figure)


def _stores_line(results: dict[str, Any], scales: dict[int, dict[str, dict[str, Any]]]) -> str:
    names = [STORE_NAMES.get(store, store) for store in by_store(scales)]
    skipped = results["config"].get("neo4j_skipped")
    return "Stores: " + " and ".join(names) + "." + (f" {skipped}." if skipped else "")


def markdown(results: dict[str, Any], scales: dict[int, dict[str, dict[str, Any]]], checks: list[Check],
             folder: Path = HERE) -> str:
    """Return the readable report."""
    parts = ["# Jalin benchmark results",
             f"Generated by `{results['command']}` on {results['generated_at']}; machine: "
             f"{results['machine']['cpus']} CPUs, {results['machine']['memory_gib']} GiB, "
             f"Python {results['machine']['python']}. {_stores_line(results, scales)} {SCOPE} Times in ms; "
             "`raw` is the same store work in-process, `floor` the same store work behind a bare JSON endpoint "
             "on the same uvicorn server as GraphQL.",
             f"![median time per operation against graph size, per store]({PLOT})",
             "## Targets", TARGETS_SCOPE, _targets_table(checks), "## Figures"]
    parts += [_scale_tables(scale, figures) for scale, figures in sorted(scales.items())]
    if peer := peer_section(folder):
        parts.append(peer)
    if NOTES.exists():
        parts.append(NOTES.read_text(encoding="utf-8").strip())
    return "\n\n".join(parts) + "\n"


def _answered(figures: dict[str, Any] | None) -> dict[str, Any]:
    """Return a system's figures at one level of load, with "failed" for each it has not when it answered no
    request, and "-" when it was not loaded."""
    if not figures:
        return NOT_LOADED
    if figures["requests"]:
        return figures
    return {**figures, **dict.fromkeys(NOT_LOADED, "failed")}


def _peer_scale(nodes: str, scale: dict[str, Any]) -> str:
    """Return one scale's comparison: per read and system, latency, throughput and CPU per 1,000 requests."""
    header = ["read", "system"] + [f"p50 ms {c}" for c in CONCURRENCY] + ["p99 ms 1"] + [
        f"req/s {c}" for c in CONCURRENCY] + ["API CPU s/1k at 16", "DB CPU s/1k at 16", "errors"]
    rows = []
    for read, figures in scale["reads"].items():
        levels = figures["levels"]
        for system in SYSTEMS:
            at = {c: _answered(levels[str(c)][system]) for c in CONCURRENCY}
            errors = sum(levels[str(c)][system]["errors"] for c in CONCURRENCY if levels[str(c)][system])
            rows.append([read, system, *(at[c]["p50_ms"] for c in CONCURRENCY), at[1]["p99_ms"],
                         *(at[c]["rps"] for c in CONCURRENCY), at[16]["api_cpu_s_per_1k"],
                         at[16]["db_cpu_s_per_1k"], errors])
    kinds = [f"- {read}, {system} at {c} clients: " + ", ".join(f"{n} × {kind}" for kind, n in found.items())
             for read, figures in scale["reads"].items() for c, by in figures["levels"].items()
             for system, at in by.items() if at and (found := at.get("error_kinds"))]
    answers = [f"- {read}: {f['compared']} inputs compared, {len(f['differences'])} answers differ"
               + (f" (first: {f['differences'][0]})" if f["differences"] else "") for read, f in scale["reads"].items()]
    memory = _table(["system", "API RSS MiB", "DB RSS MiB"],
                    [[s, m["api_rss_mib"], m["db_rss_mib"]] for s, m in scale["memory"].items()])
    ratio = _table(["read", "Jalin on", *(f"latency ratio {c}" for c in CONCURRENCY),
                    *(f"throughput ratio {c}" for c in CONCURRENCY[1:])], ratios(scale))
    load = (f"Load average (1, 5, 15 min) before: {', '.join(f'{v:.1f}' for v in scale['load_before'])}; after: "
            f"{', '.join(f'{v:.1f}' for v in scale['load_after'])}.")
    return "\n\n".join([f"### {int(nodes):,} entities, {scale['edges']:,} relations", load, _table(header, rows),
                         "Latency ratio: Jalin's p50 over the peer's (at most 1: Jalin is as fast or faster). "
                         "Throughput ratio: Jalin's requests per second over the peer's (at least 1).", ratio,
                         "Answers, one client, every repetition:\n" + "\n".join(answers),
                         *(["Errors by kind (HTTP status and error code):\n" + "\n".join(kinds)] if kinds else []),
                         memory])


def peer_plot(peer: dict[str, Any], path: Path) -> None:
    """Plot median latency against clients, one panel per read: a line per system and scale."""
    reads = list(next(iter(peer["scales"].values()))["reads"])
    figure, panels = pyplot.subplots(1, len(reads), figsize=(5 * len(reads), 4.5), squeeze=False)
    styles = ("-", "--", ":")
    for axes, read in zip(panels[0], reads, strict=True):
        for (nodes, scale), style in zip(peer["scales"].items(), styles, strict=False):
            for system, colour in zip(SYSTEMS, ("tab:green", "tab:blue", "tab:red"), strict=True):
                levels = scale["reads"][read]["levels"]
                loaded = [c for c in CONCURRENCY if (at := levels[str(c)][system]) and at["requests"]]
                axes.plot(loaded, [levels[str(c)][system]["p50_ms"] for c in loaded], marker="o",
                          linestyle=style, color=colour, label=f"{system}, {int(nodes):,}")
        axes.set(xscale="log", yscale="log", xlabel="concurrent clients", ylabel="median ms per request", title=read)
        axes.set_xticks(CONCURRENCY, [str(c) for c in CONCURRENCY])
        axes.grid(True, which="both", alpha=0.3)
    panels[0][0].legend(fontsize="small")
    figure.suptitle("Jalin (embedded, Neo4j) and the Neo4j GraphQL Library on the same Neo4j")
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    pyplot.close(figure)


def peer_section(folder: Path) -> str | None:
    """Return the report's comparison with the peer, drawing its plot, if the comparison has run."""
    path = folder / PEER
    if not path.exists():
        return None
    peer = json.loads(path.read_text(encoding="utf-8"))
    peer_plot(peer, folder / PEER_PLOT)
    parts = ["## Jalin and the Neo4j GraphQL Library",
             f"Generated by `{peer['command']}` on {peer['generated_at']}: the same five reads through Jalin "
             "on its embedded store, Jalin on Neo4j and the Neo4j GraphQL Library 7 (graphql-yoga, Node) on the "
             "same Neo4j, the three systems taking turns round by round. One client sends each input to all "
             "three and compares the answers; 16 and 64 clients run against one system at a time. CPU seconds "
             "per 1,000 requests are those of each server process: the API (uvicorn or Node) and the database "
             "(FalkorDB's server or Neo4j's JVM).", f"![median latency per read against clients]({PEER_PLOT})"]
    parts += [_peer_scale(nodes, scale) for nodes, scale in peer["scales"].items()]
    if PEER_NOTES.exists():
        parts.append(PEER_NOTES.read_text(encoding="utf-8").strip())
    return "\n\n".join(parts)


def write(scales: dict[int, dict[str, dict[str, Any]]], config: dict[str, Any], command: str,
          folder: Path = HERE) -> None:
    """Write results.json, results.md and the plot into `folder`."""
    checks = check(scales)
    results = {"generated_at": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "command": command, "machine": machine(),
               "config": config, "scales": {str(s): f for s, f in sorted(scales.items())},
               "targets": [asdict(c) for c in checks]}
    (folder / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    plot(scales, folder / PLOT)
    (folder / "results.md").write_text(markdown(results, scales, checks, folder), encoding="utf-8")


def rewrite(folder: Path = HERE) -> None:
    """Render results.md and the plot again from results.json, e.g. after editing notes.md."""
    if not (folder / "results.json").exists():  # the comparison alone has run here
        (folder / "results.md").write_text(f"# Jalin benchmark results\n\n{peer_section(folder)}\n", encoding="utf-8")
        return
    results = json.loads((folder / "results.json").read_text(encoding="utf-8"))
    # Results from before Neo4j was measured hold one store's figures per scale: the embedded store's.
    scales = {int(s): {"embedded": f} if "operations" in f else f for s, f in results["scales"].items()}
    plot(scales, folder / PLOT)
    (folder / "results.md").write_text(markdown(results, scales, check(scales), folder), encoding="utf-8")
