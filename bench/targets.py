"""The targets the benchmark checks, each against the figures of one run."""

from dataclasses import dataclass
from typing import Any

TARGET_SCALE = 100_000  # where the seed and memory targets apply
STORE_BOUND = ("path_3_hops", "entities_page_nested")  # where store work should dominate
INDEXED = ("search", "entity_neighbours")  # reads that must grow sub-linearly


@dataclass(frozen=True)
class Check:
    """One target at one scale: the figure, its limit and whether it was met."""

    target: str
    scale: int
    value: float
    limit: float
    met: bool


def _at_most(target: str, scale: int, value: float, limit: float) -> Check:
    return Check(target, scale, value, limit, value <= limit)


def _at_least(target: str, scale: int, value: float, limit: float) -> Check:
    return Check(target, scale, value, limit, value >= limit)


def _per_scale(scale: int, figures: dict[str, Any]) -> list[Check]:
    checks = []
    for name, op in figures["operations"].items():
        checks.append(_at_most(f"{name}: graphql_vs_floor_p50 <= 1.5", scale, op["graphql_vs_floor_p50"], 1.5))
        checks.append(_at_most(f"{name}: store_round_trips <= nesting depth", scale,
                               op["store_round_trips"], op["nesting_depth"]))
        if name in STORE_BOUND:
            checks.append(_at_most(f"{name}: overhead_ratio_p50 <= 2", scale, op["overhead_ratio_p50"], 2))
    checks.append(_at_most("concurrent_16_errors = 0", scale, figures["concurrent_16_errors"], 0))
    return checks


def _seed_and_memory(scale: int, figures: dict[str, Any]) -> list[Check]:
    return [_at_least("seed_speedup >= 20", scale, figures["seed_speedup"], 20),
            _at_least("seed_records_per_s >= 50,000", scale, figures["seed_records_per_s"], 50_000),
            _at_most("api_rss_mib <= 300", scale, figures["api_rss_mib"], 300)]


def _growth(scales: dict[int, dict[str, Any]]) -> list[Check]:
    """Compare each scale with the one ten times smaller: at most twice the time per operation."""
    checks = []
    for scale, figures in scales.items():
        smaller = scales.get(scale // 10)
        if smaller is None:
            continue
        for name in INDEXED:
            for kind in ("graphql_p50_ms", "raw_p50_ms"):
                growth = figures["operations"][name][kind] / smaller["operations"][name][kind]
                checks.append(_at_most(f"{name}: {kind} at 10x nodes <= 2x", scale, growth, 2))
    return checks


def check(scales: dict[int, dict[str, Any]]) -> list[Check]:
    """Return every target's check over the scales that ran."""
    checks = [c for scale, figures in scales.items() for c in _per_scale(scale, figures)]
    seed_scale = TARGET_SCALE if TARGET_SCALE in scales else max(scales)
    return checks + _seed_and_memory(seed_scale, scales[seed_scale]) + _growth(scales)
