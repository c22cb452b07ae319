"""`python -m bench.loader_memory`: the loader's peak memory against the size of the fixtures it checks.

For each size, the generator writes a synthetic graph (one file per 10,000 records), and the same
records joined into one file; a fresh process then reads and checks each (`read_fixtures`, what
`jalin validate` and `jalin seed` do first) and reports its peak resident memory before and after.
The figure that matters is (peak - before) / file size: what the loader holds per byte of YAML.
"""

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench import reliability, say
from bench.stores import DATA
from seeds.generate import generate

ROOT = Path(__file__).resolve().parent.parent
RECORDS_PER_MIB = 4_700  # what the generator writes: about 220 bytes of flow-style YAML per record
EDGES_PER_NODE = 4
MEASURE = """
import json, sys, time
from pathlib import Path
from seeds.loader import read_fixtures
# The kernel's figures for this process image: getrusage's peak also counts the parent's memory at the
# fork before exec, and the resident set before reading (not its peak) leaves out what importing passed
# through and let go.
def status(key):
    return next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith(key + ":"))
before = status("VmRSS")
started = time.perf_counter()
batch, files = read_fixtures(Path(sys.argv[1]))
print(json.dumps({"baseline_kib": before, "peak_kib": status("VmHWM"),
                  "seconds": time.perf_counter() - started, "records": len(batch)}))
"""


def one_file(folder: Path, path: Path) -> None:
    """Join the generated files into one file of two sections, nodes then relations."""
    with open(path, "w", encoding="utf-8") as joined:
        for section in ("nodes", "relations"):
            joined.write(f"{section}:\n")
            for part in sorted(folder.glob(f"{section}-*.yaml")):
                with open(part, encoding="utf-8") as lines:
                    joined.writelines(line for line in lines if line.startswith("  - "))


def measure(path: Path, what: str) -> dict[str, Any]:
    """Read and check `path` in a fresh process; return its peak memory against the YAML's size."""
    done = subprocess.run([sys.executable, "-c", MEASURE, str(path)], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"reading {path} failed: {done.stderr[-2000:]}")
    found = json.loads(done.stdout)
    size = sum(f.stat().st_size for f in ([path] if path.is_file() else path.rglob("*.yaml")))
    peak, baseline = found["peak_kib"] / 1024, found["baseline_kib"] / 1024
    return {"what": what, "file_mib": round(size / 2**20, 1), "records": found["records"],
            "peak_rss_mib": round(peak), "baseline_rss_mib": round(baseline),
            "per_file_byte": round((peak - baseline) * 2**20 / size, 1), "seconds": round(found["seconds"], 1)}


def parser() -> argparse.ArgumentParser:
    """Return the command-line parser."""
    p = argparse.ArgumentParser(prog="python -m bench.loader_memory", description=__doc__)
    p.add_argument("--mib", type=float, nargs="+", default=[10.0, 100.0], help="fixture sizes to measure, in MiB")
    p.add_argument("--data", type=Path, default=DATA, help="folder for the generated fixtures (default: data/bench)")
    p.add_argument("--out", type=Path, default=reliability.HERE, help="folder for reliability.{json,md}")
    return p


def main(argv: list[str] | None = None) -> None:
    """Measure every size, as folders of files and as one file, and write the figures."""
    args = parser().parse_args(argv)
    before, runs = reliability.machine_load(), []
    for mib in args.mib:
        records = int(mib * RECORDS_PER_MIB)
        nodes = records // (1 + EDGES_PER_NODE)
        folder = args.data / f"loader-{mib:g}mib"
        say(f"generating {nodes:,} entities and {records - nodes:,} relations into {folder}")
        started = time.perf_counter()
        generate(folder, nodes, records - nodes, seed=3)
        one_file(folder, joined := args.data / f"loader-{mib:g}mib.yaml")
        say(f"generated in {time.perf_counter() - started:.0f} s; reading each way")
        runs += [measure(folder, f"{mib:g} MiB in files of 10,000 records"),
                 measure(joined, f"{mib:g} MiB in one file")]
        say(str(runs[-2:]))
    reliability.record(args.out, "loader_memory", {
        "how": __doc__.split("\n\n", 1)[1].strip() if __doc__ else "", "runs": runs,
        "machine_load_before": before, "machine_load_after": reliability.machine_load()})


if __name__ == "__main__":
    main()
