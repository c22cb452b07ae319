"""Ranked claims as read: by what they are about, and where they disagree with each other or the
stored value, which counts as a normal claim backed by its subject's sources."""

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from graph import cypher
from graph.store import Store
from schema.claims import NORMAL, RANKS, decode_value, encode_value


@dataclass(frozen=True)
class ClaimView:
    """One claimed value with its rank and sources; `current` when the subject holds it. `record` is
    the stored claim, or the subject itself for its value when no claim names that value."""

    value: Any
    rank: str
    sources: list[str]
    current: bool
    record: dict[str, Any]
    reason: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class ClaimConflict:
    """A property of one entity or relation on which the claims disagree, the best ranked first."""

    subject_id: str
    kind: str  # the entity's node type or the relation's type
    property: str
    claims: list[ClaimView]


async def claims_about(store: Store, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Return the stored claims about each of these entities or relations, in one round trip."""
    found: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    if ids:
        for row in await store.run(cypher.CLAIMS_ABOUT, {"ids": list(dict.fromkeys(ids))}):
            found[row["id"]].append(row["props"])
    return found


def _view(claim: dict[str, Any], current: Any) -> ClaimView:
    value = decode_value(claim["value"])
    return ClaimView(value, claim.get("rank") or NORMAL, claim.get("sources") or [], value == current, claim,
                     claim.get("reason"), claim.get("note"))


def _views(props: dict[str, Any], prop: str, claims: list[dict[str, Any]]) -> list[ClaimView]:
    """Return the claims on one property, the subject's own value among them, the best ranked first."""
    current = props.get(prop)
    views = [_view(claim, current) for claim in claims]
    if current is not None and not any(v.current for v in views):
        views.append(ClaimView(current, NORMAL, props.get("sources") or [], True, props))
    return sorted(views, key=lambda v: RANKS.index(v.rank))


def conflicts_of(subject_id: str, kind: str, props: dict[str, Any],
                 claims: list[dict[str, Any]]) -> list[ClaimConflict]:
    """Return the subject's properties on which its claims and its stored value disagree, by name."""
    by_property: dict[str, list[dict[str, Any]]] = {}
    for claim in claims:
        by_property.setdefault(claim["property"], []).append(claim)
    conflicts = []
    for prop, group in sorted(by_property.items()):
        views = _views(props, prop, group)
        if len({encode_value(v.value) for v in views}) > 1:
            conflicts.append(ClaimConflict(subject_id, kind, prop, views))
    return conflicts


async def all_conflicts(store: Store, first: int) -> list[ClaimConflict]:
    """Return the first conflicts of the whole graph by subject id and property, in two round trips:
    every claim, then every subject they are about (a claim is only written where sources disagree,
    so there are few)."""
    claims: dict[str, list[dict[str, Any]]] = {}
    for row in await store.run(cypher.ALL_CLAIMS):
        claims.setdefault(row["props"]["about"], []).append(row["props"])
    if not claims:
        return []
    rows = await store.run(cypher.SUBJECTS_BY_ID, {"ids": sorted(claims)})
    subjects = {row["id"]: (row["kind"], row["props"]) for row in rows}
    return list(islice(_conflicts(claims, subjects), first))


def _conflicts(claims: dict[str, list[dict[str, Any]]],
               subjects: dict[str, tuple[str, dict[str, Any]]]) -> Iterator[ClaimConflict]:
    for about in sorted(claims.keys() & subjects.keys()):  # claims whose subject was deleted are left out
        kind, props = subjects[about]
        yield from conflicts_of(about, kind, props, claims[about])
