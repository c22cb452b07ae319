"""Load YAML fixtures: read all, check all, then write all at once, or write nothing."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.store import Store
from graph.sync import SyncPlan, apply_sync, plan_sync
from jalin.collector import collector_paused
from jalin.errors import InvalidData, Problem
from schema import MODEL
from schema.provenance import FIXTURE, ORIGIN, ORIGIN_REF, ORIGIN_TREE, VERSION
from schema.records import Batch, RawRecord
from schema.validate import REVIEW, Validator
from seeds.yaml_lines import ITEM_LINES, KEY_LINES, LINE, read_yaml, without_lines

TOP_LEVEL_KEYS = ("nodes", "relations", "claims")
# Told after each file read: bytes read so far, bytes in all, records read so far.
Progress = Callable[[int, int, int], None]


@dataclass(frozen=True)
class SeedReport:
    """What a load found and wrote."""

    files: int
    nodes: int
    relations: int
    written: bool
    plan: SyncPlan


def fixture_files(path: Path) -> list[Path]:
    """Return the YAML files at `path`: the file itself, or those in the folder and its subfolders,
    in path order (`gazetteer/` before `articles/` makes no difference: extensions merge after all)."""
    if path.is_dir():
        found = sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and not p.is_dir())
    elif path.exists():
        found = [path]
    else:
        raise InvalidData([Problem(str(path), "no such file or folder")])
    # A pipe or device named x.yaml would block the read or never end: only regular files are read.
    odd = [Problem(str(p), "not a regular file; fixtures are plain files") for p in found if not p.is_file()]
    if odd:
        raise InvalidData(odd)
    return found


def _record(item: Any, shown: str, section: str, index: int, line: int) -> RawRecord | Problem:
    if not isinstance(item, dict):
        return Problem(f"{shown}:{line}", f"{section}[{index}] must be a mapping, got {item!r}")
    key_lines = item.pop(KEY_LINES, {})
    item.pop(ITEM_LINES, None)
    line = item.pop(LINE, line)
    for key, value in item.items():
        if isinstance(value, dict | list):
            item[key] = without_lines(value)
    return RawRecord.located(item, shown, line, key_lines)


def _review(item: Any, where: str) -> Problem | None:
    """A record a draft marked for review is reported, with what to check, until the marker goes."""
    if not isinstance(item, dict) or REVIEW not in item:
        return None
    marker = item.pop(REVIEW)
    marker = without_lines(marker) if isinstance(marker, dict) else {}
    numbers = ", ".join(str(n) for n in marker.get("sentences") or []) or "none given"
    return Problem(where, f"marked for review (sentences {numbers}; confidence {marker.get('confidence', '?')}): "
                          f"check {marker.get('check', 'this record')} against the article, then delete "
                          f"its '{REVIEW}' key")


def _records(document: Any, shown: str, problems: list[Problem],
             reviews: list[Problem] | None = None) -> dict[str, list[RawRecord]]:
    found: dict[str, list[RawRecord]] = {key: [] for key in TOP_LEVEL_KEYS}
    if document is None:
        return found
    if not isinstance(document, dict):
        problems.append(Problem(shown, "the file must hold a mapping with 'nodes' and/or 'relations' "
                                       "(and 'claims', where sources disagree)"))
        return found
    key_lines = document.pop(KEY_LINES, {})
    item_lines = document.pop(ITEM_LINES, {})
    document.pop(LINE, None)
    for key, items in document.items():
        where = f"{shown}:{key_lines.get(key, 1)}"
        if key not in TOP_LEVEL_KEYS:
            problems.append(Problem(where, f"unknown section '{key}'; expected 'nodes', 'relations' or 'claims'"))
        elif not isinstance(items, list):
            problems.append(Problem(where, f"'{key}' must be a list"))
        else:
            for index, item in enumerate(items):
                review = _review(item, f"{shown}:{item_lines[key][index]}")
                if review is not None and reviews is not None:
                    reviews.append(review)
                record = _record(item, shown, key, index, item_lines[key][index])
                if isinstance(record, Problem):
                    problems.append(record)
                else:
                    found[key].append(record)
    return found


def read_fixtures(path: Path, known: dict[str, str] | None = None,
                  progress: Progress | None = None) -> tuple[Batch, int]:
    """Read and check every fixture under `path`; return the batch and the number of files. `progress`
    is told how far reading has got after each file."""
    with collector_paused():
        return _read_fixtures(path, known, progress or (lambda done, total, records: None))


def _read_fixtures(path: Path, known: dict[str, str] | None, progress: Progress) -> tuple[Batch, int]:
    files = fixture_files(path)
    nodes: list[RawRecord] = []
    relations: list[RawRecord] = []
    claims: list[RawRecord] = []
    problems: list[Problem] = []
    reviews: list[Problem] = []
    total, done = sum(file.stat().st_size for file in files), 0
    for file in files:
        shown = _shown(file)
        done += file.stat().st_size
        try:
            found = _records(read_yaml(file, shown), shown, problems, reviews)
        except InvalidData as error:
            problems.extend(error.problems)
            continue
        nodes += found["nodes"]
        relations += found["relations"]
        claims += found["claims"]
        progress(done, total, len(nodes) + len(relations) + len(claims))
    if problems:
        raise InvalidData(problems)
    validator = Validator(MODEL, known)
    try:
        batch = validator.validate(nodes, relations, claims)
    except InvalidData as error:
        raise InvalidData(reviews + error.problems) from None
    if reviews:
        raise InvalidData(reviews)
    tree = tree_hash(path, files)
    for node in batch.nodes:
        node.props.update(_provenance(validator.node_where[node.id], tree))
    for relation in batch.relations:
        relation.props.update(_provenance(validator.relation_where[relation.id], tree))
    for claim in batch.claims:
        claim.props.update(_provenance(validator.claim_where[claim.id], tree))
    return batch, len(files)


def _provenance(raw: RawRecord, tree: str) -> dict[str, Any]:
    return {ORIGIN: FIXTURE, ORIGIN_REF: raw.where, ORIGIN_TREE: tree, VERSION: 1}


def tree_hash(root: Path, files: list[Path]) -> str:
    """Return a short hash of the fixture files' paths under `root` and their contents: which tree a
    fact was seeded from, wherever the tree is."""
    digest = hashlib.sha256()
    for file in files:
        name = file.relative_to(root) if root.is_dir() else Path(file.name)
        digest.update(name.as_posix().encode() + b"\0")
        with file.open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()[:16]


def _shown(file: Path) -> str:
    try:
        return str(file.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(file)


async def seed(store: Store, path: Path, *, dry_run: bool = False, progress: Progress | None = None) -> SeedReport:
    """Check the fixtures under `path` and, unless `dry_run`, make the store match them in one go:
    add and change what they state, remove what they no longer state, keep what the API wrote."""
    batch, files = read_fixtures(path, progress=progress)
    plan = await plan_sync(store, batch)
    if not dry_run:
        await apply_sync(store, plan)
    return SeedReport(files, len(batch.nodes), len(batch.relations), written=not dry_run, plan=plan)
