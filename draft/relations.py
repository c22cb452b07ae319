"""Candidate relations an article supports, read sentence by sentence from its mentions and the
verbs around them: meetings, visits, offices, agreements and sister cities, delegations."""

from dataclasses import dataclass, field
from typing import Any

from draft.dates import DateRead
from draft.gazetteer import Entry, Gazetteer, proposed_id
from draft.mentions import Reading
from draft.patterns import Mention
from draft.text import Token, fold
from schema.relations import ACTORS

MEET = ("bertemu", "pertemuan", "menerima", "diterima", "menyambut", "audiensi", "silaturahmi",
        "bersilaturahmi", "dihadiri", "menghadiri", "hadir", "berdialog", "berdiskusi", "menjamu",
        "penandatanganan", "rapat")
VISIT = ("kunjungan", "berkunjung", "mengunjungi", "kunjungi", "lawatan", "bertandang", "kunker", "tiba")
AGREE = ("membuka peluang", "kerja sama", "kerjasama", "kolaborasi", "kesepakatan", "mou", "nota kesepahaman",
         "perjanjian", "kemitraan", "bersinergi", "sepakat", "menyepakati")
DELEGATION = ("rombongan", "delegasi", "membawa serta", "didampingi")
SISTER = ("sister city", "kota kembar", "kota bersaudara", "sister province")
ATTENDED = ("dihadiri", "menghadiri", "hadir")
DASHES = ("–", "—", "-")
GOVERNMENTS = {"province": "Pemerintah Provinsi", "city": "Pemerintah Kota", "regency": "Pemerintah Kabupaten"}
HOST = ("menerima", "diterima", "menyambut", "menjamu")
# A verb's tense is what sets an agreement's or a visit's state; the first group found wins.
SIGNING = ("menandatangani", "penandatanganan", "ditandatangani", "meneken", "diteken")
STATUS_CUES = (
    ("signed", (*SIGNING, "sepakat", "menyepakati", "disepakati")),
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
    folded: dict[int, str] = field(default_factory=dict)  # token index -> folded word

    def has(self, cues: tuple[str, ...]) -> bool:
        return any(f" {cue} " in self.words for cue in cues)

    def first(self, cues: tuple[str, ...]) -> int:
        """The index of the first token that is one of the one-word `cues`, or -1."""
        return next((i for i, word in self.folded.items() if word in cues), -1)

    def after(self, index: int, *labels: str) -> list[Mention]:
        """The mentions of `labels` that start after token `index`."""
        return [m for m in self.mentions if m.entry.label in labels and m.first > index]

    def led_by(self, mention: Mention, words: tuple[str, ...]) -> bool:
        """Whether one of `words` stands at most two tokens before `mention` (ke wilayah Kaltim)."""
        return any(self.folded.get(mention.first - back) in words for back in (1, 2))

    def of(self, *labels: str) -> list[Entry]:
        return list({m.entry.id: m.entry for m in self.mentions if m.entry.label in labels}.values())



def sentences_of(words: list[Token], reading: Reading, dates: list[DateRead],
                 spans: list[tuple[int, int]]) -> list[Sentence]:
    """Group words, mentions and dates by sentence."""
    dateline = _dateline_end(words)
    folded: dict[int, dict[int, str]] = {number: {} for number in range(1, len(spans) + 1)}
    for index, token in enumerate(words):
        folded[token.sentence][index] = fold(token.text)
    mentions: dict[int, list[Mention]] = {number: [] for number in folded}
    for mention in reading.mentions:
        if mention.first > dateline:
            mentions[words[mention.first].sentence].append(mention)
    return [Sentence(number, " " + " ".join(folded[number].values()) + " ", mentions[number],
                     [d for d in dates if start <= d.start < end], folded[number])
            for number, (start, end) in enumerate(spans, 1)]


def _dateline_end(words: list[Token]) -> int:
    """Where the dateline ends (BALIKPAPAN –): the place a report is filed from is no party to it."""
    dash = next((i for i, t in enumerate(words[:8]) if t.text in DASHES), None)
    return dash if dash is not None else -1


def status_of(sentence: Sentence, default: str, signed: str = "signed") -> str:
    """Return the state a sentence's verbs give what it reports; a signing is `signed` for an
    agreement, and for a meeting or a visit that took place at it, completed."""
    status = next((status for status, cues in STATUS_CUES if sentence.has(cues)), default)
    return signed if status == "signed" else status


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
               source: str, gazetteer: Gazetteer) -> list[Candidate]:
    """Return every candidate relation, offices first."""
    principal = _principal(reading)
    found = _offices(words, reading, main, source)
    for sentence in sentences:
        when = sentence.dates[0] if sentence.dates else None
        found += _meetings(sentence, principal, when or main, source)
        found += _visits(sentence, when or main, source, gazetteer)
        found += _agreements(sentence, when, source, gazetteer)
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
        found.append(Candidate(record, [words[office.sentence_token].sentence], office.confidence,
                               "the title and the body it belongs to"))
    return found


def _meetings(sentence: Sentence, principal: Entry | None, when: DateRead | None, source: str) -> list[Candidate]:
    if not sentence.has(MEET + VISIT):
        return []
    people = sentence.of("Person") + [g for g in sentence.of("Institution") if g.fields.get("kind") == "business_group"]
    paired = len(people) == 1 and principal is not None and people[0].id != principal.id and sentence.has(MEET)
    if paired and principal is not None:
        people.append(principal)
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
        record["status"] = status_of(sentence, "completed", signed="completed")
        record["sources"] = [source]
        confidence = 0.6 if len(people) <= 3 and not paired else 0.45
        found.append(Candidate(dated(record, when), [sentence.number], confidence, "who met whom, and when"))
    return found


def _host(sentence: Sentence, people: list[Entry]) -> Entry | None:
    if not sentence.has(HOST) or not people:
        return None
    return people[-1] if sentence.has(("diterima",)) else people[0]


def _visits(sentence: Sentence, when: DateRead | None, source: str, gazetteer: Gazetteer) -> list[Candidate]:
    if not sentence.has(VISIT):
        return []
    # The visitor is named after the word for the visit (kunjungan Wali Kota X), or else first; the
    # place is the one after them that one goes to or is received in (ke X, di X); a building stands
    # in its town.
    cue = sentence.first(VISIT)
    actors = next((found for label in ACTORS for start in (cue, -1) if (found := sentence.after(start, label))), [])
    if not actors:
        return []
    places = [m.entry for m in sentence.after(actors[0].last, "Place") if sentence.led_by(m, ("ke", "di"))]
    if not places:
        return []
    target: Entry | None = places[0]
    facility = None
    if target is not None and target.fields.get("kind") == "facility":
        facility = target
        target = next((p for p in places if p.fields.get("kind") != "facility"
                       and fold(p.name) in fold(facility.name)), None) or _town_of(facility, gazetteer)
    if target is None:
        return []
    record: dict[str, Any] = {"type": "VISITED", "from": actors[0].entry.id, "to": target.id}
    if facility is not None:
        record["place"] = facility.id
    record["status"] = status_of(sentence, "completed", signed="completed")
    record["sources"] = [source]
    return [Candidate(dated(record, when), [sentence.number], 0.55, "who visited where, and when")]


def _town_of(facility: Entry, gazetteer: Gazetteer) -> Entry | None:
    """The known place a building's name ends with: Balai Kota Balikpapan stands in Balikpapan."""
    words = facility.name.split()
    for size in (2, 1):
        place = gazetteer.by_name(" ".join(words[-size:]), "Place") if len(words) > size else None
        if place is not None:
            return place
    return None


def _government(party: Entry, gazetteer: Gazetteer) -> Entry:
    """A province or city agrees through its government: the one the graph knows, or for an
    Indonesian province a new one."""
    body = GOVERNMENTS.get(str(party.fields.get("kind")))
    if body is None:
        return party
    name = f"{body} {party.name}"
    known = gazetteer.by_name(name, "Institution")
    if known is not None:
        return known
    if str(party.fields.get("iso_code", "")).startswith("ID-"):
        return Entry(proposed_id("Institution", name), "Institution", name, False, {"kind": "government"})
    return party


def _agreements(sentence: Sentence, when: DateRead | None, source: str, gazetteer: Gazetteer) -> list[Candidate]:
    if sentence.has(SISTER):
        places = sorted(sentence.of("Place"), key=lambda p: p.fields.get("kind") == "country")
        if len(places) >= 2:
            record = {"type": "SISTER_CITY", "from": places[0].id, "to": places[1].id,
                      "status": status_of(sentence, "proposed"), "sources": [source]}
            return [Candidate(dated(record, when), [sentence.number], 0.55, "which places, and in what state")]
    if not sentence.has(AGREE):
        return []
    parties = sentence.of("Institution")
    if len(parties) < 2:
        parties += [_government(p, gazetteer) for p in sentence.of("Place")
                    if p.fields.get("kind") in ("country", "province", "city")]
    parties = list({p.id: p for p in parties}.values())
    if len(parties) < 2:
        return []
    kind = "mou" if sentence.has(("mou", "nota kesepahaman")) else \
        "joint_agreement" if sentence.has(("kesepakatan bersama", "perjanjian kerja sama")) else "cooperation"
    record = {"type": "AGREEMENT", "from": parties[0].id, "to": parties[1].id, "kind": kind,
              "status": status_of(sentence, "proposed"), "sources": [source]}
    return [Candidate(dated(record, when), [sentence.number], 0.5, "the parties, the kind and the state")]


def _delegations(sentence: Sentence, principal: Entry | None, source: str) -> list[Candidate]:
    # Those a delegation is said to bring, where its leader is named with them.
    if principal is None or not sentence.has(DELEGATION) or principal not in sentence.of("Person"):
        return []
    members = [p for p in sentence.of("Person") if p.id != principal.id]
    members += [g for g in sentence.of("Institution") if g.fields.get("kind") == "business_group"]
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
