"""Load YAML fixtures: read all, check all, then write all at once, or write nothing."""

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
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
from seeds.json_lines import NotAlike, json_items
from seeds.yaml_lines import ITEM_LINES, KEY_LINES, LINE, Item, read_items, refuse_deep, without_lines

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


def _record(item: Item, shown: str) -> RawRecord | Problem:
    value = item.value
    if not isinstance(value, dict):
        return Problem(f"{shown}:{item.line}", f"{item.section}[{item.index}] must be a mapping, got {value!r}")
    if KEY_LINES not in value:  # read as JSON: one line, nothing nested carries lines
        return RawRecord(value, shown, item.line)
    key_lines = value.pop(KEY_LINES)
    value.pop(ITEM_LINES, None)
    line = value.pop(LINE, item.line)
    for key, nested in value.items():
        if isinstance(nested, dict | list):
            value[key] = without_lines(nested)
    return RawRecord.located(value, shown, line, key_lines)


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


@dataclass
class FileRecords:
    """The records of one file by section, what is wrong with it, and the records marked for review."""

    found: dict[str, list[RawRecord]] = field(default_factory=lambda: {key: [] for key in TOP_LEVEL_KEYS})
    problems: list[Problem] = field(default_factory=list)
    reviews: list[Problem] = field(default_factory=list)


def read_file(file: Path, shown: str) -> FileRecords:
    """Read one file item by item into records: as JSON lines when it is written so, else as YAML."""
    text = file.read_bytes()
    try:
        refuse_deep(text, shown)
        try:
            return _collect(json_items(text), shown)
        except NotAlike:
            return _collect(read_items(text, shown), shown)
    except InvalidData as error:
        return FileRecords(problems=error.problems)


def _collect(items: Iterator[Item], shown: str) -> FileRecords:
    read = FileRecords()
    for item in items:
        where = f"{shown}:{item.key_line}"
        if item.section not in TOP_LEVEL_KEYS:
            if not item.index:
                read.problems.append(Problem(where, f"unknown section '{item.section}'; expected 'nodes', "
                                                    "'relations' or 'claims'"))
        elif item.index is None:
            if not isinstance(item.value, list):
                read.problems.append(Problem(where, f"'{item.section}' must be a list"))
        else:
            review = _review(item.value, f"{shown}:{item.line}")
            if review is not None:
                read.reviews.append(review)
            record = _record(item, shown)
            if isinstance(record, Problem):
                read.problems.append(record)
            else:
                read.found[item.section].append(record)
    return read


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
        read = read_file(file, shown)
        problems += read.problems
        reviews += read.reviews
        if read.problems:
            continue
        nodes += read.found["nodes"]
        relations += read.found["relations"]
        claims += read.found["claims"]
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
