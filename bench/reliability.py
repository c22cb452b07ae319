"""The reliability figures: `reliability.json` for machines and `reliability.md` for people, one section per run."""

import json
import subprocess
import time
from pathlib import Path
from typing import Any

from bench.report import machine

HERE = Path(__file__).resolve().parent
JSON, MARKDOWN = "reliability.json", "reliability.md"
NOTES = HERE / "reliability_notes.md"  # what the figures mean, written by hand, appended to the report
INTRO = """# Reliability figures

Written by `make reliability` (`python -m bench.load burst|soak`, `python -m bench.loader_memory`); each
run replaces its own section. The machine is shared: `uptime` before and after each run says how busy
it was with other work (load average over 1, 5 and 15 minutes, on the cores shown).
"""


def machine_load() -> str:
    """Return what `uptime` says now: how busy the machine is with everything running on it."""
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def record(folder: Path, key: str, figures: dict[str, Any]) -> None:
    """Put one run's figures under `key` in the JSON file, then rewrite the Markdown from it."""
    path = folder / JSON
    results = json.loads(path.read_text()) if path.exists() else {}
    results[key] = {**figures, "when": time.strftime("%Y-%m-%d %H:%M"), "machine": machine()}
    path.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    (folder / MARKDOWN).write_text(markdown(results))


def _met(figures: dict[str, Any]) -> str:
    return ", ".join(f"{what}: {'met' if ok else '**missed**'}" for what, ok in figures["met"].items())


def _load_section(key: str, f: dict[str, Any]) -> str:
    api, store = f["api_memory"], f["store_memory"]
    errors = ", ".join(f"{kind}: {n}" for kind, n in f["errors_by_kind"].items()) or "none"
    return "\n".join([
        f"## {f['goal']}: {f['connections']} clients for {f['seconds']:g} s ({f['when']})", "",
        f"`python -m bench.load {f['goal']}`, `jalin serve --workers {f['workers']}` over the embedded store "
        f"seeded with the bundled fixtures; {f['machine']['cpus']} cores; {_cache(f)}.", "",
        "| requests | per s | errors | p50 ms | p99 ms | max ms | /readyz not ready | /readyz p99 ms |",
        "|---|---|---|---|---|---|---|---|",
        f"| {f['requests']:,} | {f['requests_per_s']:,} | {f['errors']} | {f['p50_ms']} | {f['p99_ms']} | "
        f"{f['max_ms']} | {f['readyz_not_ready']} | {f['readyz_p99_ms']} |", "",
        "| memory (MiB) | once warm | at the end | peak | growth |", "|---|---|---|---|---|",
        f"| API processes | {api['warm_mib']} | {api['end_mib']} | {api['peak_mib']} | {api['growth_share']:.1%} |",
        f"| store server | {store['warm_mib']} | {store['end_mib']} | {store['peak_mib']} | "
        f"{store['growth_share']:.1%} |", "",
        f"- errors by kind: {errors}",
        *([f"- p99 of the requests sent after the first {f['warm_after_s']:g} s: {f['p99_warm_ms']} ms"]
          if "p99_warm_ms" in f else []),
        f"- CPU per request (ms): API {f['cpu_ms_per_request']['api']}, store {f['cpu_ms_per_request']['store']}, "
        f"load clients {f['cpu_ms_per_request']['clients']}",
        f"- goal: {_met(f)}",
        f"- machine before: `{f['machine_load_before']}`",
        f"- machine after: `{f['machine_load_after']}`", ""])


def _cache(f: dict[str, Any]) -> str:
    """Say how the run's answers were cached, and how many distinct requests its clients sent."""
    if "response_cache_bytes" not in f:
        return "answers not cached (before the response cache)"
    kept = f"response cache of {f['response_cache_bytes'] >> 20} MiB" if f["response_cache_bytes"] else \
        "response cache off (JALIN_RESPONSE_CACHE_BYTES=0)"
    if f.get("reply_cache_bytes"):
        kept += f", replies kept as sent within {f['reply_cache_bytes'] >> 20} MiB"
    return f"{kept}; {f['distinct_requests']} distinct requests, sent round and round"


def _loader_section(f: dict[str, Any]) -> str:
    rows = [f"| {r['what']} | {r['file_mib']} | {r['records']:,} | {r['peak_rss_mib']} | {r['baseline_rss_mib']} | "
            f"{r['per_file_byte']} | {r['seconds']} |" for r in f["runs"]]
    return "\n".join([
        f"## Loader memory ({f['when']})", "", f["how"], "",
        "| fixture | file MiB | records | peak RSS MiB | RSS before reading MiB | (peak - before) / file size | s |",
        "|---|---|---|---|---|---|---|", *rows, "",
        f"- machine before: `{f['machine_load_before']}`", f"- machine after: `{f['machine_load_after']}`", ""])


def markdown(results: dict[str, Any]) -> str:
    """Return the report of every section recorded."""
    sections = [_load_section(key, figures) for key, figures in sorted(results.items()) if key.startswith("load_")]
    if "loader_memory" in results:
        sections.append(_loader_section(results["loader_memory"]))
    notes = NOTES.read_text() if NOTES.exists() else ""
    return INTRO + "\n" + "\n".join(sections) + ("\n" + notes if notes else "")
