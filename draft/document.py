"""A draft fixture file for one article: its Source record, the entities it names (known ones
extended, new ones proposed), an Event for the occasion it reports, and candidate relations; each
record an analyst must check carries a `review` marker with its sentence numbers and a confidence."""

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from draft.dates import DateRead, find_dates
from draft.figures import find_figures
from draft.gazetteer import Entry, Gazetteer, name_keys, names_of, slug
from draft.mentions import read
from draft.patterns import Mention
from draft.relations import SIGNING, VISIT, Candidate, Sentence, candidates, sentences_of
from draft.text import fold, sentences, tokens
from jalin.errors import BadRequest
from schema.validate import REVIEW

SURE = 0.9  # at or above this, a record needs no review: a known entity named exactly as the graph has it
EVENT_TYPES = ("MET", "VISITED", "AGREEMENT", "MEMBER_OF_DELEGATION")
# Words frequent in any Indonesian text; an article with too few of them is not read as Indonesian.
INDONESIAN = frozenset({"yang", "dan", "di", "ke", "dari", "ini", "itu", "dengan", "untuk", "pada", "dalam",
                        "akan", "juga", "tidak", "adalah", "sebagai", "oleh", "para", "kami", "kita", "telah",
                        "bahwa", "serta", "atau", "karena", "sudah", "lebih", "menjadi", "tersebut", "kata"})
MIN_WORDS, MIN_SHARE = 20, 0.06
MAX_ARTICLE_BYTES = 200_000


@dataclass
class Proposal:
    """One record of the draft, where in the text it comes from, and what to check."""

    key: str
    section: str
    record: dict[str, Any]
    sentences: list[int]
    confidence: float
    check: str
    spans: list[tuple[int, int]] = field(default_factory=list)

    @property
    def needs_review(self) -> bool:
        return self.confidence < SURE


@dataclass
class Draft:
    """The proposals for one article, its sentences' offsets, and what the drafter could not find."""

    text: str
    source_id: str
    sentences: list[tuple[int, int]]
    proposals: list[Proposal]
    missing: list[str]


@dataclass(frozen=True)
class ArticleInfo:
    """What the analyst knows of the article besides its text."""

    published: date | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None


def read_article(path: Path) -> str:
    """Return the text of an article file, or say why it is not one."""
    if not path.is_file():
        raise BadRequest(f"{path}: no such file (give the article as a UTF-8 text file)")
    data = path.read_bytes()[:MAX_ARTICLE_BYTES + 1]
    if len(data) > MAX_ARTICLE_BYTES:
        raise BadRequest(f"{path}: longer than {MAX_ARTICLE_BYTES:,} bytes; a news article is far shorter")
    if b"\0" in data:
        raise BadRequest(f"{path}: not a text file (it holds NUL bytes); save the article as plain UTF-8 text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadRequest(f"{path}: not UTF-8 text (byte {error.start}); save the article as plain UTF-8 text") \
            from None


def check_article(text: str) -> None:
    """Refuse a text that is empty or does not read as Indonesian, saying which."""
    words = [fold(w) for w in re.findall(r"[^\W\d_]+", text)]
    if not words:
        raise BadRequest("the article is empty: paste the text of an Indonesian news article")
    share = sum(w in INDONESIAN for w in words) / len(words)
    if len(words) < MIN_WORDS or share < MIN_SHARE:
        raise BadRequest(f"the text does not read as an Indonesian news article ({len(words)} words, "
                         f"{share:.0%} of them common Indonesian words; at least {MIN_WORDS} words and "
                         f"{MIN_SHARE:.0%} are expected): the drafter reads Indonesian only")


def draft_article(text: str, gazetteer: Gazetteer, info: ArticleInfo) -> Draft:
    """Read `text` and return its draft."""
    check_article(text)
    words = tokens(text)
    spans = sentences(text)
    reading = read(words, text, gazetteer)
    dates = find_dates(text, info.published)
    main = next((d for d in dates if d.value and len(d.value) == 10), None)
    source = _source(text, info, main)
    figures = [f.figure for f in find_figures(text)]
    if figures:
        source["figures"] = figures
    grouped = sentences_of(words, reading, dates, spans)
    found = candidates(words, grouped, reading, main, source["id"], gazetteer)
    missing = _missing(info, main)
    proposals = [Proposal("source", "nodes", source, [], 0.5 if missing or figures else 1.0,
                          "the article's outlet, address and dates" + (", and what each figure counts"
                                                                        if figures else ""))]
    event = _event(main, source, grouped, found)
    if event is not None:
        proposals.append(event)
    proposals += _entities(reading.mentions, found, gazetteer, source["id"], text, words)
    proposals += _relations(found, gazetteer, event)
    return Draft(text, source["id"], spans, proposals, missing)


def _missing(info: ArticleInfo, main: DateRead | None) -> list[str]:
    missing = []
    if info.published is None:
        missing.append("no publication date: give it (--published) to read 'kemarin', 'pekan lalu' and "
                       "days without a year")
    if main is None:
        missing.append("no day of the reported occasion: relations are undated and offices have no as_of")
    if not info.url:
        missing.append("no address of the article (--url)")
    return missing


def _source(text: str, info: ArticleInfo, main: DateRead | None) -> dict[str, Any]:
    digest = hashlib.sha256(text.encode()).hexdigest()[:6]
    day = info.published.isoformat() if info.published else "undated"
    name = info.title or f"Article from {info.outlet or 'an unnamed outlet'}, {day}"
    record: dict[str, Any] = {"type": "Source", "id": f"source-{day}-{slug(info.outlet or 'article')}-{digest}",
                              "name": name}
    for key, value in (("outlet", info.outlet), ("url", info.url),
                       ("published", info.published.isoformat() if info.published else None),
                       ("event_date", main.value if main else None)):
        if value:
            record[key] = value
    record["language"] = "id"
    record["sources"] = [record["id"]]
    return record


def _event(main: DateRead | None, source: dict[str, Any], grouped: list[Sentence],
           found: list[Candidate]) -> Proposal | None:
    """The occasion the article reports, when it gives its day: the dated edges of that day name it."""
    if main is None or not main.value or not any(c.record["type"] in EVENT_TYPES for c in found):
        return None
    day = next((s for s in grouped if main in s.dates), grouped[0])
    kind = "signing" if day.has(SIGNING) else "visit" if day.has(VISIT) or any(s.has(VISIT) for s in grouped) \
        else "meeting"
    record = {"type": "Event", "id": f"event-{source['id'].removeprefix('source-')}",
              "name": f"{kind.capitalize()} of {main.value} reported in {source['name']}",
              "kind": kind, "start": main.value, "date_text": main.text,
              "status": "completed", "sources": [source["id"]]}
    return Proposal("event", "nodes", record, [], 0.6, "what the occasion was, its name, kind and place")


def _entities(mentions: list[Mention], found: list[Candidate], gazetteer: Gazetteer, source: str,
              text: str, words: list[Any]) -> list[Proposal]:
    by_id: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_id.setdefault(mention.entry.id, []).append(mention)
    entries = {m.entry.id: m.entry for m in mentions}
    for candidate in found:
        for end in ("from", "to"):
            entry = _entry_named(candidate, end, gazetteer, mentions)
            if entry is not None:
                entries.setdefault(entry.id, entry)
    proposals = []
    for number, entry in enumerate(entries.values(), 1):
        seen = by_id.get(entry.id, [])
        spans = [(words[m.first].start, words[m.last].end) for m in seen]
        lines = sorted({words[m.first].sentence for m in seen})
        confidence = max((m.confidence for m in seen), default=0.6)
        record, check = _entity_record(entry, seen, source)
        proposals.append(Proposal(f"n{number}", "nodes", record, lines, confidence, check, spans))
    return proposals


def _entry_named(candidate: Candidate, end: str, gazetteer: Gazetteer, mentions: list[Mention]) -> Entry | None:
    ref = candidate.record[end]
    return gazetteer.entries.get(ref) or candidate.ends.get(ref)


def _entity_record(entry: Entry, seen: list[Mention], source: str) -> tuple[dict[str, Any], str]:
    if entry.known:
        record: dict[str, Any] = {"extends": entry.id, "sources": [source]}
        known = {name_keys(n, entry.label) for n in names_of(entry.fields, entry.name)}
        new = sorted({m.written for m in seen if name_keys(m.written, entry.label) not in known
                      and m.how == "name" and "(" not in m.written})
        if new:
            record["aliases"] = new
            return record, f"that {', '.join(new)} is {entry.name} ({entry.id}), written another way"
        return record, f"that this is {entry.name} ({entry.id})"
    record = {"type": entry.label, "id": entry.id, "name": entry.name}
    for key in ("aliases", "kind", "category", "iso_code", "name_en"):
        if entry.fields.get(key):
            record[key] = entry.fields[key]
    record["sources"] = [source]
    return record, f"a new {entry.label.lower()}: its name, {_what_to_check(entry.label)} and id"


def _what_to_check(label: str) -> str:
    return {"Place": "kind", "Institution": "kind", "Commodity": "category"}.get(label, "spelling")


def _relations(found: list[Candidate], gazetteer: Gazetteer, event: Proposal | None) -> list[Proposal]:
    proposals = []
    for number, candidate in enumerate(found, 1):
        record = dict(candidate.record)
        if event is not None and record["type"] in EVENT_TYPES and record.get("date") == event.record["start"]:
            record["event"] = event.record["id"]
            for key in ("date", "date_text"):
                record.pop(key, None)
        derived = f"{record['from']}--{record['type']}--{record['to']}"
        derived += f"--{record['event']}" if record.get("event") else ""
        if derived in gazetteer.relation_ids:
            # The graph has this fact: the article becomes one more of its sources.
            record = {"extends": derived, **{k: record[k] for k in ("as_of", "sources") if k in record}}
        proposals.append(Proposal(f"r{number}", "relations", record, candidate.sentences,
                                  candidate.confidence, candidate.check))
    return proposals


def to_yaml(draft: Draft, rejected: frozenset[str] = frozenset()) -> str:
    """Return the draft as a fixture file, without the proposals whose keys are `rejected`."""
    lines = ["# Draft read from an article. Each record with a `review` marker names the sentences",
             "# (numbered from 1) that support it and what to check; delete the marker once checked.",
             *[f"# Missing: {m}" for m in draft.missing]]
    document: dict[str, list[dict[str, Any]]] = {"nodes": [], "relations": []}
    for proposal in draft.proposals:
        if proposal.key in rejected:
            continue
        record = dict(proposal.record)
        if proposal.needs_review:
            record[REVIEW] = {"sentences": proposal.sentences, "confidence": round(proposal.confidence, 2),
                              "check": proposal.check}
        document[proposal.section].append(record)
    body = yaml.safe_dump({k: v for k, v in document.items() if v}, allow_unicode=True, sort_keys=False,
                          width=100, default_flow_style=None)
    return "\n".join(lines) + "\n" + body
