"""Drafts from an article: the drafter's proposals over the stored graph, the fixture file of an
analyst's decisions with its problems, and those decisions written to the graph."""

import asyncio
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any, cast

import strawberry
from strawberry.scalars import JSON

from draft.document import ArticleInfo, Draft, Proposal, draft_article, to_yaml
from draft.gazetteer import Gazetteer, from_graph
from graph import mutations
from graph.export import snapshot
from graph.store import Store
from jalin.errors import BadRequest, InvalidData, Problem
from schema.records import RawRecord
from schema.validate import EXTENDS, REVIEW

# Characters of one article: twenty times a long news report; drafting 100,000 took 2.9 s on 2 cores.
MAX_TEXT = 100_000
# Records sent at once: a draft has tens; the writer writes up to 20,000 all or nothing.
MAX_RECORDS = 2_000


@strawberry.enum(description="Where a record goes in a fixture file")
class DraftSection(Enum):
    NODES = "nodes"
    RELATIONS = "relations"


@strawberry.type(description="A stretch of the article: character offsets, the end excluded")
class TextSpan:
    start: int
    end: int


@strawberry.type(description="A sentence of the article, numbered from 1 as review markers number them")
class DraftSentence:
    number: int
    start: int
    end: int


@strawberry.type(description="One record the drafter proposes, where the text supports it and what to check")
class DraftProposal:
    key: str = strawberry.field(description="Names the proposal: source, event, n1, n2 … for entities, "
                                            "r1, r2 … for relations")
    section: DraftSection
    record: JSON = strawberry.field(description="The fixture record as it will be written: a new entity or "
                                                "relation, or `extends` adding this source to a stored one")
    type: str = strawberry.field(description="Its node or relation type; for `extends`, that of the one extended")
    label: str = strawberry.field(description="What it is about: a name, or the names at a relation's ends")
    sentences: list[int] = strawberry.field(description="The sentences (numbered from 1) that support it")
    confidence: float = strawberry.field(description="0..1; below 0.9 the record is marked for review")
    check: str = strawberry.field(description="What the analyst should check")
    spans: list[TextSpan] = strawberry.field(description="Where the text names it; none for a relation, "
                                                         "whose sentences say where")
    needs_review: bool


@strawberry.type(description="What the drafter read in an article: proposals to accept, reject or edit")
class ArticleDraft:
    source_id: strawberry.ID = strawberry.field(description="The id proposed for the article's Source")
    sentences: list[DraftSentence]
    proposals: list[DraftProposal]
    missing: list[str] = strawberry.field(description="What the drafter could not find, and what to give")
    yaml: str = strawberry.field(description="Every proposal as a fixture file, with review markers")


@strawberry.input(description="One record the analyst keeps, as edited; a proposal rejected is left out")
class DraftRecordInput:
    key: str = strawberry.field(description="The proposal's key: problems name it")
    section: DraftSection
    record: JSON = strawberry.field(description="The fixture record, without a `review` marker")
    reviewed: bool = strawberry.field(default=False, description="The analyst checked it: no review marker")
    sentences: list[int] = strawberry.field(default_factory=list, description="For the review marker")
    confidence: float = strawberry.field(default=1.0, description="The drafter's; below 0.9 and not "
                                                                  "`reviewed`, the record is marked for review")
    check: str = strawberry.field(default="", description="For the review marker")


@strawberry.type(description="One thing wrong with a record: `where` is its key, then what is wrong")
class DraftProblem:
    where: str
    message: str


@strawberry.type(description="The analyst's decisions as a fixture file, checked against the stored graph")
class RenderedDraft:
    yaml: str
    pending: list[str] = strawberry.field(description="Keys of the records still marked for review")
    problems: list[DraftProblem] = strawberry.field(description="What the graph would refuse, review "
                                                                "markers aside; empty when it loads")


@strawberry.type(description="What a draft wrote: new records and the stored ones it added a source to")
class AppliedDraft:
    node_ids: list[strawberry.ID]
    relation_ids: list[strawberry.ID]


@dataclass(frozen=True)
class Known:
    """The stored graph's names for people: each node's type and name, each relation's type and ends."""

    nodes: dict[str, tuple[str, str]]
    relations: dict[str, tuple[str, str, str]]

    @classmethod
    def of(cls, graph: dict[str, list[dict[str, Any]]]) -> "Known":
        """Read the names of a snapshot."""
        nodes = {str(n["id"]): (str(n["type"]), str(n.get("name", n["id"]))) for n in graph["nodes"]}
        relations = {str(r["id"]): (str(r["type"]), str(r["from"]), str(r["to"])) for r in graph["relations"]}
        return cls(nodes, relations)

    def with_drafted(self, drafted: list[Proposal]) -> "Known":
        """Add the names of the new entities a draft proposes."""
        nodes = self.nodes | {str(p.record["id"]): (str(p.record["type"]), str(p.record.get("name", p.record["id"])))
                              for p in drafted if p.section == "nodes" and EXTENDS not in p.record}
        return Known(nodes, self.relations)

    def describe(self, proposal: Proposal) -> tuple[str, str]:
        """Return the type of what a proposal is about, and a label naming it."""
        record = proposal.record
        if proposal.section == "nodes":
            if EXTENDS in record:
                return self.nodes.get(str(record[EXTENDS]), ("", str(record[EXTENDS])))
            return str(record.get("type", "")), str(record.get("name", record.get("id", "")))
        if EXTENDS in record:
            rel_type, start, end = self.relations.get(str(record[EXTENDS]), ("", "", ""))
        else:
            rel_type, start, end = str(record.get("type", "")), str(record.get("from", "")), str(record.get("to", ""))
        return rel_type, f"{self._name(start)} → {self._name(end)}"

    def _name(self, node_id: str) -> str:
        return self.nodes.get(node_id, ("", node_id))[1]


def _proposal_object(proposal: Proposal, known: Known) -> DraftProposal:
    kind, label = known.describe(proposal)
    return DraftProposal(key=proposal.key, section=DraftSection(proposal.section), record=cast(JSON, proposal.record),
                         type=kind, label=label, sentences=proposal.sentences, confidence=proposal.confidence,
                         check=proposal.check, spans=[TextSpan(start=a, end=b) for a, b in proposal.spans],
                         needs_review=proposal.needs_review)


def check_text(text: str) -> None:
    """Refuse an article longer than MAX_TEXT characters, saying by how much."""
    if len(text) > MAX_TEXT:
        raise BadRequest(f"text: {len(text):,} characters; a draft reads one article of at most {MAX_TEXT:,}: "
                         "paste the article alone, without pages around it")


@dataclass(frozen=True)
class StoredNames:
    """What drafting reads of the stored graph at one write generation: its gazetteer and its names."""

    generation: int
    gazetteer: Gazetteer
    known: Known


class GraphNames:
    """The stored graph's names as drafting reads them, read again only once a write has moved the store's
    generation: a draft no longer reads every node and relation of the graph (at 10k entities, 60,000
    records), and many drafts at once read it once."""

    def __init__(self) -> None:
        self._latest: StoredNames | None = None
        self._reading = asyncio.Lock()

    async def of(self, store: Store) -> StoredNames:
        """Return the names at the store's generation now."""
        generation = await store.generation()
        async with self._reading:
            if self._latest is None or self._latest.generation != generation:
                # Read after the generation: a write landing between is in the snapshot, and read again next time.
                graph = await snapshot(store)
                self._latest = StoredNames(generation, from_graph(graph["nodes"], graph["relations"]), Known.of(graph))
            return self._latest


async def draft_from_store(store: Store, names: GraphNames, text: str, info: ArticleInfo) -> ArticleDraft:
    """Draft `text` against the names the stored graph knows now."""
    check_text(text)
    stored = await names.of(store)
    # Drafting is CPU-bound for up to seconds: in a worker thread, the server answers others meanwhile.
    found = await asyncio.to_thread(draft_article, text, stored.gazetteer, info)
    known = stored.known.with_drafted(found.proposals)
    return ArticleDraft(source_id=strawberry.ID(found.source_id),
                        sentences=[DraftSentence(number=n, start=a, end=b) for n, (a, b) in
                                   enumerate(found.sentences, 1)],
                        proposals=[_proposal_object(p, known) for p in found.proposals],
                        missing=found.missing, yaml=to_yaml(found))


def article_info(published: date | None, url: str | None, outlet: str | None, title: str | None) -> ArticleInfo:
    """Return what the analyst gave besides the text, blanks left out."""
    return ArticleInfo(published=published, url=(url or "").strip() or None,
                       outlet=(outlet or "").strip() or None, title=(title or "").strip() or None)


def _proposal(index: int, item: DraftRecordInput) -> Proposal:
    """Return a record sent back as a proposal; an analyst's check makes it certain (no review marker)."""
    where = f"records[{index}] ({item.key})"
    if not isinstance(item.record, dict):
        raise BadRequest(f"{where}.record: expected an object like {{type, id, name, sources}} or "
                         f"{{{EXTENDS}, sources}}, got {item.record!r}")
    if REVIEW in item.record:
        raise BadRequest(f"{where}.record: '{REVIEW}' is written from sentences, confidence and check; send "
                         "those instead, and reviewed: true once the record is checked")
    return Proposal(item.key, item.section.value, dict(item.record), list(item.sentences),
                    1.0 if item.reviewed else item.confidence, item.check)


def proposals_of(records: list[DraftRecordInput]) -> list[Proposal]:
    """Return the records sent back as proposals, refusing too many, repeated keys and records that are no objects."""
    if len(records) > MAX_RECORDS:
        raise BadRequest(f"records: {len(records):,} sent; a draft writes at most {MAX_RECORDS:,} at once")
    keys = [r.key for r in records]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    if repeated:
        raise BadRequest(f"records: the key(s) {', '.join(repeated)} are sent more than once; one record each")
    return [_proposal(i, item) for i, item in enumerate(records)]


async def _checked(store: Store, proposals: list[Proposal]) -> mutations.Checked:
    by_section: dict[str, list[RawRecord]] = {"nodes": [], "relations": []}
    for proposal in proposals:
        by_section[proposal.section].append(RawRecord(proposal.record, proposal.key))
    return await mutations.check_records(store, by_section["nodes"], by_section["relations"])


async def render(store: Store, records: list[DraftRecordInput], missing: list[str]) -> RenderedDraft:
    """Return the fixture file of the records kept, and what the stored graph would refuse in it."""
    proposals = proposals_of(records)
    source = next((str(p.record.get("id")) for p in proposals if p.record.get("type") == "Source"), "")
    text = to_yaml(Draft("", source, [], proposals, list(missing)))
    try:
        await _checked(store, proposals)
        problems: list[Problem] = []
    except InvalidData as error:
        problems = error.problems
    return RenderedDraft(yaml=text, pending=[p.key for p in proposals if p.needs_review],
                         problems=[DraftProblem(where=p.where, message=p.message) for p in problems])


async def apply(store: Store, records: list[DraftRecordInput], author: str) -> AppliedDraft:
    """Write the records kept, all or nothing; refuse any still marked for review."""
    proposals = proposals_of(records)
    pending = [Problem(p.key, f"still marked for review ({p.check or 'check it'}): accept it once checked, "
                              "edit it, or leave it out") for p in proposals if p.needs_review]
    if pending:
        raise InvalidData(pending)
    checked = await _checked(store, proposals)
    await mutations.write_records(store, checked, author)
    return AppliedDraft(node_ids=[strawberry.ID(n.id) for n in checked.batch.nodes],
                        relation_ids=[strawberry.ID(r.id) for r in checked.batch.relations])
