"""Candidate relations an article supports, read sentence by sentence from its mentions and the
verbs around them: meetings, visits, offices, agreements and sister cities, delegations."""

from dataclasses import dataclass, field
from typing import Any

from draft.dates import DateRead
from draft.gazetteer import Entry
from draft.mentions import Mention, Reading
from draft.text import Token, fold

MEET = ("bertemu", "pertemuan", "menerima", "diterima", "menyambut", "audiensi", "silaturahmi",
        "bersilaturahmi", "dihadiri", "menghadiri", "hadir", "berdialog", "berdiskusi", "menjamu",
        "penandatanganan", "rapat")
VISIT = ("kunjungan", "berkunjung", "mengunjungi", "kunjungi", "lawatan", "bertandang", "kunker", "tiba")
AGREE = ("kerja sama", "kerjasama", "kolaborasi", "kesepakatan", "mou", "nota kesepahaman", "perjanjian",
         "kemitraan", "bersinergi", "sepakat", "menyepakati")
DELEGATION = ("rombongan", "delegasi", "membawa serta", "didampingi")
SISTER = ("sister city", "kota kembar", "kota bersaudara", "sister province")
ATTENDED = ("dihadiri", "menghadiri", "hadir")
HOST = ("menerima", "diterima", "menyambut", "menjamu")
# A verb's tense is what sets an agreement's or a visit's state; the first group found wins.
STATUS_CUES = (
    ("signed", ("menandatangani", "penandatanganan", "ditandatangani", "meneken", "diteken", "sepakat",
                "menyepakati", "disepakati")),
    ("planned", ("akan", "rencana", "direncanakan", "merencanakan", "dijadwalkan", "bakal")),
    ("proposed", ("jajaki", "menjajaki", "penjajakan", "peluang", "potensi", "membuka", "berharap",
                  "ingin", "siap", "usulan", "mengusulkan", "wacana")),
)


@dataclass
class Candidate:
    """A relation the article may state, the sentences that support it, and how sure the reading is."""

    record: dict[str, Any]
    sentences: list[int]
    confidence: float
    check: str
    ends: dict[str, Entry] = field(default_factory=dict)  # the entities it joins, by id


@dataclass
class Sentence:
    """One sentence's words folded, the entities it names and the dates it gives."""

    number: int
    words: str
    mentions: list[Mention]
    dates: list[DateRead]

    def has(self, cues: tuple[str, ...]) -> bool:
        return any(f" {cue} " in self.words for cue in cues)

    def of(self, *labels: str) -> list[Entry]:
        return list({m.entry.id: m.entry for m in self.mentions if m.entry.label in labels}.values())

    def places(self) -> list[tuple[str, Entry]]:
        """Each place named, with the word before it (folded)."""
        return [(m.before, m.entry) for m in self.mentions if m.entry.label == "Place"]


def sentences_of(words: list[Token], reading: Reading, dates: list[DateRead],
                 spans: list[tuple[int, int]]) -> list[Sentence]:
    """Group words, mentions and dates by sentence."""
    found = []
    for number, (start, end) in enumerate(spans, 1):
        text = " " + " ".join(fold(t.text) for t in words if t.sentence == number) + " "
        found.append(Sentence(number, text, [m for m in reading.mentions if words[m.first].sentence == number],
                              [d for d in dates if start <= d.start < end]))
    return found


def status_of(sentence: Sentence, default: str) -> str:
    """Return the state a sentence's verbs give what it reports."""
    return next((status for status, cues in STATUS_CUES if sentence.has(cues)), default)


def dated(record: dict[str, Any], when: DateRead | None) -> dict[str, Any]:
    """Add a date read from the text to `record`, at its own precision."""
    if when is None:
        return record
    if when.value:
        record["date"] = when.value
    if when.earliest:
        record["date_earliest"], record["date_latest"] = when.earliest, when.latest
    record["date_text"] = when.text
    return record


def candidates(words: list[Token], sentences: list[Sentence], reading: Reading, main: DateRead | None,
               source: str) -> list[Candidate]:
    """Return every candidate relation, offices first."""
    principal = _principal(reading)
    found = _offices(words, reading, main, source)
    for sentence in sentences:
        when = sentence.dates[0] if sentence.dates else None
        found += _meetings(sentence, principal, when or main, source)
        found += _visits(sentence, when or main, source)
        found += _agreements(sentence, when, source)
        found += _delegations(sentence, principal, source)
    named = {m.entry.id: m.entry for m in reading.mentions}
    for office in reading.offices:
        named.update({office.person.id: office.person, office.institution.id: office.institution})
    for candidate in found:
        candidate.ends = {e: named[e] for e in (candidate.record["from"], candidate.record["to"]) if e in named}
    return _merged(found)


def _principal(reading: Reading) -> Entry | None:
    """The person the article is most about: the one named most often."""
    counts: dict[str, int] = {}
    for mention in reading.mentions:
        if mention.entry.label == "Person":
            counts[mention.entry.id] = counts.get(mention.entry.id, 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda k: counts[k])
    return next(m.entry for m in reading.mentions if m.entry.id == best)


def _offices(words: list[Token], reading: Reading, main: DateRead | None, source: str) -> list[Candidate]:
    found = []
    for office in reading.offices:
        record: dict[str, Any] = {"type": "HOLDS_POSITION", "from": office.person.id, "to": office.institution.id,
                                  "title": office.title}
        if office.title_en:
            record["title_en"] = office.title_en
        if office.acting:
            record["acting"] = True
        if main is not None and main.value and len(main.value) == 10:
            record["as_of"] = [main.value]
        record["sources"] = [source]
        found.append(Candidate(record, [words[office.first].sentence], office.confidence,
                               "the title and the body it belongs to"))
    return found


def _meetings(sentence: Sentence, principal: Entry | None, when: DateRead | None, source: str) -> list[Candidate]:
    if not sentence.has(MEET + VISIT):
        return []
    people = sentence.of("Person")
    host = _host(sentence, people)
    pairs = [(a, b) for i, a in enumerate(people) for b in people[i + 1:]]
    # Those an occasion was attended by (dihadiri) met the person it was about.
    if principal is not None and (len(people) > 3 or sentence.has(ATTENDED)):
        pairs = [(p, principal) for p in people if p.id != principal.id]
    found = []
    for a, b in pairs:
        first, second = (b, a) if host is not None and b.id == host.id else (a, b)
        record: dict[str, Any] = {"type": "MET", "from": first.id, "to": second.id}
        if host is not None and first.id == host.id:
            record["role"] = "host"
        record["status"] = status_of(sentence, "completed")
        record["sources"] = [source]
        confidence = 0.6 if len(people) <= 3 else 0.45
        found.append(Candidate(dated(record, when), [sentence.number], confidence, "who met whom, and when"))
    return found


def _host(sentence: Sentence, people: list[Entry]) -> Entry | None:
    if not sentence.has(HOST) or not people:
        return None
    return people[-1] if sentence.has(("diterima",)) else people[0]


def _visits(sentence: Sentence, when: DateRead | None, source: str) -> list[Candidate]:
    if not sentence.has(VISIT):
        return []
    actors = sentence.of("Person") or sentence.of("Institution")
    # Where one goes (ke X) or is received (di X) comes first; a building stands in its city.
    places = sorted(sentence.places(), key=lambda p: p[0] not in ("ke", "di"))
    if not actors or not places:
        return []
    target: Entry | None = places[0][1]
    facility = None
    if target is not None and target.fields.get("kind") == "facility":
        facility = target
        target = next((p for _, p in places if p.fields.get("kind") != "facility"
                       and fold(p.name) in fold(facility.name)), None)
    if target is None:
        return []
    record: dict[str, Any] = {"type": "VISITED", "from": actors[0].id, "to": target.id}
    if facility is not None:
        record["place"] = facility.id
    record["status"] = status_of(sentence, "completed")
    record["sources"] = [source]
    return [Candidate(dated(record, when), [sentence.number], 0.55, "who visited where, and when")]


def _agreements(sentence: Sentence, when: DateRead | None, source: str) -> list[Candidate]:
    if sentence.has(SISTER):
        places = sorted(sentence.of("Place"), key=lambda p: p.fields.get("kind") == "country")
        if len(places) >= 2:
            record = {"type": "SISTER_CITY", "from": places[-2].id, "to": places[-1].id,
                      "status": status_of(sentence, "proposed"), "sources": [source]}
            return [Candidate(dated(record, when), [sentence.number], 0.55, "which places, and in what state")]
    if not sentence.has(AGREE):
        return []
    parties = sentence.of("Institution")
    if len(parties) < 2:
        parties += [p for p in sentence.of("Place") if p.fields.get("kind") in ("country", "province", "city")]
    if len(parties) < 2:
        return []
    kind = "mou" if sentence.has(("mou", "nota kesepahaman")) else \
        "joint_agreement" if sentence.has(("kesepakatan bersama", "perjanjian kerja sama")) else "cooperation"
    record = {"type": "AGREEMENT", "from": parties[0].id, "to": parties[1].id, "kind": kind,
              "status": status_of(sentence, "proposed"), "sources": [source]}
    return [Candidate(dated(record, when), [sentence.number], 0.5, "the parties, the kind and the state")]


def _delegations(sentence: Sentence, principal: Entry | None, source: str) -> list[Candidate]:
    if principal is None or not sentence.has(DELEGATION):
        return []
    members = [p for p in sentence.of("Person") if p.id != principal.id]
    return [Candidate({"type": "MEMBER_OF_DELEGATION", "from": m.id, "to": principal.id, "sources": [source]},
                      [sentence.number], 0.5, "who travelled in whose delegation") for m in members]


def _merged(found: list[Candidate]) -> list[Candidate]:
    """One candidate per relation: the sentences of its repeats are added to the first."""
    kept: dict[tuple[str, ...], Candidate] = {}
    for candidate in found:
        record = candidate.record
        ends = sorted((record["from"], record["to"])) if record["type"] in ("MET", "AGREEMENT", "SISTER_CITY") \
            else [record["from"], record["to"]]
        key = (record["type"], *ends, str(record.get("title", "")))
        if key in kept:
            kept[key].sentences = sorted(set(kept[key].sentences + candidate.sentences))
            kept[key].confidence = min(0.9, max(kept[key].confidence, candidate.confidence) + 0.1)
        elif record["from"] != record["to"]:
            kept[key] = candidate
    return list(kept.values())
