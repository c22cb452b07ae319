"""Synthetic graphs in the fixture format, shaped like the real seeds, for benchmarks and tests.

The type mix of nodes and edges is taken from the bundled fixtures; endpoints are drawn with a
power-law skew (a few hubs, many leaves); aliases, events and dates at every precision appear in
about the proportions the articles show. The same seed always writes the same files.
"""

import itertools
import json
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jalin.errors import BadRequest
from schema import MODEL, PropertySpec
from schema.events import EVENT_LABEL
from schema.terms import TERM_KEYS
from seeds.loader import read_fixtures

REAL_SEEDS = Path(__file__).resolve().parent / "fixtures"
RECORDS_PER_FILE = 10_000
SKEW = 3.0  # draw index int(n * u**SKEW): the first ids of each type become hubs
SYLLABLES = ("ba", "li", "kar", "ta", "sa", "ma", "rin", "da", "nu", "san", "tra", "wi", "jo", "ko",
             "ra", "hma", "dan", "pu", "lau", "se", "no", "ga", "ha", "di", "an", "to", "ri", "ka")
TOPICS = ("trade", "investment", "export", "tourism", "energy", "fishery", "food security",
          "logistics", "education", "health", "infrastructure", "mining")
PRECISIONS = ("day", "day", "month", "year", "approximate", "unknown", "unknown")
DATE_WORDS = ("pekan lalu", "akhir tahun", "awal bulan", "Senin", "Minggu", "tahun lalu")
SKIPPED = ("id", "sources", "date", "date_precision", "date_text", "date_earliest", "date_latest",
           "event", "name", "aliases", *TERM_KEYS, "as_of")


@dataclass(frozen=True)
class Mix:
    """How many nodes of each label, and edges of each type, the real seeds hold."""

    nodes: dict[str, int]
    relations: dict[str, int]


def real_mix(path: Path = REAL_SEEDS) -> Mix:
    """Count node labels and edge types in the real fixtures."""
    batch, _ = read_fixtures(path)
    nodes = Counter(n.label for n in batch.nodes)
    relations = Counter(r.type for r in batch.relations)
    return Mix(dict(sorted(nodes.items())), dict(sorted(relations.items())))


def apportion(total: int, weights: dict[str, int]) -> dict[str, int]:
    """Split `total` in proportion to `weights`, every key getting at least one when possible."""
    whole = sum(weights.values())
    shares = {k: max(1, total * w // whole) for k, w in weights.items()}
    biggest = max(weights, key=lambda k: weights[k])
    shares[biggest] += total - sum(shares.values())
    return shares


class Generator:
    """Draws one synthetic graph from a seeded random source."""

    def __init__(self, nodes: int, edges: int, seed: int, mix: Mix) -> None:
        self.rng = random.Random(seed)
        self.edges = edges
        self.mix = mix
        self.counts = apportion(nodes, mix.nodes)
        self.ids = {label: [f"{label.lower()}-{i:07d}" for i in range(n)] for label, n in self.counts.items()}
        self.event_serial = 0

    def pick(self, label: str) -> str:
        """Return an id of `label`, hubs far more often than leaves."""
        pool = self.ids[label]
        return pool[int(len(pool) * self.rng.random() ** SKEW)]

    def word(self) -> str:
        """Return a made-up word of two or three syllables, capitalised."""
        return "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 3))).capitalize()

    def sources(self) -> list[str]:
        """Return one or two source ids."""
        return sorted({self.pick("Source") for _ in range(self.rng.choice((1, 1, 1, 2)))})

    def node(self, label: str, node_id: str) -> dict[str, Any]:
        """Return one node record with names, aliases and the properties its type requires."""
        name = " ".join(self.word() for _ in range(self.rng.choice((1, 2, 2, 3))))
        record: dict[str, Any] = {"type": label, "id": node_id, "name": name}
        if self.rng.random() < 0.33:
            words = name.split()
            record["aliases"] = [f"{w[:-1]}{self.rng.choice(SYLLABLES)}" for w in words[:self.rng.randint(1, 3)]]
        for spec in MODEL.nodes[label].properties.values():
            if spec.required and spec.name not in SKIPPED:
                record[spec.name] = self.value(spec)
        if label == "Source":
            record |= {"language": self.rng.choice(("id", "id", "en")), "seed_file": f"{node_id}.txt"}
        record["sources"] = [node_id] if label == "Source" else self.sources()
        return record

    def value(self, spec: PropertySpec) -> Any:
        """Return a plausible value of a property by its kind, choices and targets."""
        if spec.choices:
            return self.rng.choice(spec.choices)
        if spec.targets:
            refs = sorted({self.pick(self.rng.choice(spec.targets)) for _ in range(self.rng.randint(1, 2))})
            return refs if spec.kind == "ref_list" else refs[0]
        kinds: dict[str, Any] = {
            "string": lambda: f"{self.word()} {self.word()}", "string_list": lambda: self.topics(),
            "url": lambda: f"https://news.example/{self.word()}", "period": lambda: "2027..2028",
            "figure_list": lambda: [],
            "integer": lambda: self.rng.randint(1, 200), "float": lambda: round(self.rng.uniform(1, 500), 2),
            "boolean": lambda: self.rng.random() < 0.2, "date": lambda: self.day(),
            "date_list": lambda: [self.day()]}
        return kinds[spec.kind]()

    def topics(self) -> list[str]:
        """Return one to three topics."""
        return sorted({self.rng.choice(TOPICS) for _ in range(self.rng.randint(1, 3))})

    def day(self) -> str:
        """Return a day between 2015 and 2025."""
        return f"{self.rng.randint(2015, 2025)}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"

    def dates(self) -> dict[str, Any]:
        """Return the date fields of a dated edge at a randomly chosen precision."""
        precision = self.rng.choice(PRECISIONS)
        day = self.day()
        if precision == "approximate":
            return {"date_earliest": day[:8] + "01", "date_latest": day[:8] + "28",
                    "date_text": self.rng.choice(DATE_WORDS)}
        if precision == "unknown":
            return {"date_text": self.rng.choice(DATE_WORDS)}
        return {"date": {"day": day, "month": day[:7], "year": day[:4]}[precision]}

    def term(self) -> dict[str, Any]:
        """Return the dates of a term of office, in order: maybe a start, an attestation, and an end
        as a day, a year or a window between the attestation and a later day."""
        start, seen, end = sorted(self.day() for _ in range(3))
        term: dict[str, Any] = {"start": start} if self.rng.random() < 0.3 else {}
        if self.rng.random() < 0.5:
            term["as_of"] = [seen]
        shape = self.rng.random()
        if shape < 0.1:
            term |= {"end_earliest": seen, "end_latest": end}
        elif shape < 0.3:
            term["end"] = self.rng.choice((end, end[:4]))
        return term

    def relation(self, rel_type: str, serial: int) -> dict[str, Any]:
        """Return one edge record between two distinct entities its type may join."""
        spec = MODEL.relations[rel_type]
        from_id = self.end(spec.from_labels)
        to_id = self.end(spec.to_labels)
        while to_id == from_id:
            to_id = self.end(spec.to_labels)
        record: dict[str, Any] = {"type": rel_type, "id": f"rel-{serial:08d}", "from": from_id, "to": to_id}
        if "date_precision" in spec.properties:
            record |= self.dates()
            if self.rng.random() < 0.25:  # drawn evenly: a hub event would gather thousands of edges
                record["event"] = self.rng.choice(self.ids[EVENT_LABEL])
        if TERM_KEYS <= spec.properties.keys():
            record |= self.term()
        for prop in spec.properties.values():
            if prop.name not in SKIPPED and (prop.required or self.rng.random() < 0.3):
                record[prop.name] = self.value(prop)
        record["sources"] = self.sources()
        return record

    def end(self, labels: tuple[str, ...]) -> str:
        """Return an entity of one of `labels`, chosen in proportion to how many there are."""
        weights = [self.counts[label] for label in labels]
        return self.pick(self.rng.choices(labels, weights)[0])

    def node_records(self) -> Iterator[dict[str, Any]]:
        """Yield every node, sources first."""
        for label in sorted(self.ids, key=lambda lb: (lb != "Source", lb)):
            for node_id in self.ids[label]:
                yield self.node(label, node_id)

    def relation_records(self) -> Iterator[dict[str, Any]]:
        """Yield every edge, types in the real seeds' proportions."""
        plan = apportion(self.edges, self.mix.relations)
        types = [t for t, n in plan.items() for _ in range(n)]
        self.rng.shuffle(types)
        for serial, rel_type in enumerate(types):
            yield self.relation(rel_type, serial)


def _write(folder: Path, section: str, records: Iterator[dict[str, Any]], header: str) -> int:
    """Write records as one-line flow mappings, RECORDS_PER_FILE to a file; return the file count."""
    files = 0
    while chunk := list(itertools.islice(records, RECORDS_PER_FILE)):
        lines = [f"  - {json.dumps(record, ensure_ascii=False)}\n" for record in chunk]
        path = folder / f"{section}-{files:04d}.yaml"
        path.write_text(f"# {header}\n{section}:\n" + "".join(lines), encoding="utf-8")
        files += 1
    return files


def generate(folder: Path, nodes: int, edges: int, seed: int, mix: Mix | None = None) -> int:
    """Write a synthetic graph of `nodes` entities and `edges` relations into `folder`; return files."""
    if nodes < len(MODEL.nodes) * 2 or edges < 0:
        raise BadRequest(f"generate: need at least {len(MODEL.nodes) * 2} nodes and no negative edges, "
                         f"got {nodes} nodes and {edges} edges")
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.yaml"):
        old.unlink()
    generator = Generator(nodes, edges, seed, mix or real_mix())
    header = f"Synthetic graph, seed {seed}: {nodes} entities, {edges} relations"
    return (_write(folder, "nodes", generator.node_records(), header)
            + _write(folder, "relations", generator.relation_records(), header))
