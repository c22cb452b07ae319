"""Who and what an article names: entities of the gazetteer, people introduced by their office
("Wali Kota Palu, Hadianto Rasyid"), bodies and places introduced by the words that open their names,
and people named again by one of their names ("Rahmad")."""

from dataclasses import dataclass, field

from draft import patterns
from draft.dates import DAYS, MONTHS
from draft.gazetteer import Entry, Gazetteer, Match, proposed_id
from draft.lexicon import Title, lexicon
from draft.patterns import Mention
from draft.text import Token, fold, spelling_key

NAME_WORDS_MAX = 5
NOT_NAMES = frozenset(DAYS) | frozenset(MONTHS)


@dataclass
class OfficeRead:
    """A person shown holding an office: the title as written and the body it belongs to."""

    person: Entry
    institution: Entry
    title: str
    title_en: str
    acting: bool
    title_span: range  # token indices of the title
    name_span: range  # token indices of the person's name
    confidence: float

    @property
    def sentence_token(self) -> int:
        return min(self.title_span.start, self.name_span.start)


@dataclass
class Reading:
    """Everything the article names, in text order."""

    mentions: list[Mention] = field(default_factory=list)
    offices: list[OfficeRead] = field(default_factory=list)
    taken: set[int] = field(default_factory=set)  # tokens the kept mentions cover

    def add(self, mention: Mention) -> None:
        """Keep `mention` unless it overlaps one already kept."""
        span = range(mention.first, mention.last + 1)
        if not any(i in self.taken for i in span):
            self.mentions.append(mention)
            self.taken.update(span)

    def keep_only(self, mentions: list[Mention]) -> None:
        """Keep `mentions` and forget the others."""
        self.mentions, self.taken = [], set()
        for mention in mentions:
            self.add(mention)

    def add_all(self, found: list[Mention]) -> None:
        """Keep the longest of overlapping mentions, the surest first among equals."""
        for mention in sorted(found, key=lambda m: (m.first - m.last, -m.confidence, m.first)):
            self.add(mention)


def read(words: list[Token], text: str, gazetteer: Gazetteer) -> Reading:
    """Return the entities and offices `words` name."""
    matches = gazetteer.find(words, text)
    reading = Reading()
    for read_title in (_titles, _foreign_titles):
        read_title(words, text, gazetteer, matches, reading)
    reading.add_all([Mention(o.person, o.name_span.start, o.name_span.stop - 1,
                             text[words[o.name_span.start].start:words[o.name_span.stop - 1].end], "office",
                             o.confidence) for o in reading.offices])
    found = [Mention(m.entry, m.first, m.last, m.written, "name",
                     0.95 if m.exact and m.entry.known else 0.8 if m.exact else 0.7) for m in matches]
    taken = set(reading.taken)
    taken |= {i for o in reading.offices for i in o.title_span}
    found += patterns.proposed(words, text, gazetteer, matches, taken)
    offices = list(reading.mentions)
    reading.add_all(found)
    # A new entity of several words may be written again where only its first word was recognised.
    new = [m.entry for m in reading.mentions if not m.entry.known and len(m.entry.name.split()) > 1]
    again = Gazetteer(new).find(words, text) if new else []
    if again:
        reading.keep_only(offices)
        reading.add_all(found + [Mention(m.entry, m.first, m.last, m.written, "named again", 0.6) for m in again])
    _people_named_again(words, reading)
    reading.mentions.sort(key=lambda m: m.first)
    return reading


def _spans(matches: list[Match], label: str) -> dict[int, Match]:
    return {i: m for m in matches if m.entry.label == label for i in m.tokens}


def _titles(words: list[Token], text: str, gazetteer: Gazetteer, matches: list[Match], reading: Reading) -> None:
    keys = [fold(t.text).replace(" ", "") for t in words]
    named = {i for m in matches if m.entry.label in ("Place", "Institution") for i in m.tokens}
    index = 0
    while index < len(words):
        found = _title_at(keys, index) if index not in named and words[index].capitalised else None
        if found is None:
            index += 1
            continue
        title, head_end, acting = found
        start = index - 1 if acting else index
        office = _office(words, text, gazetteer, matches, title, start, head_end)
        if office is not None:
            reading.offices.append(office)
            index = max(office.title_span.stop, office.name_span.stop)
        else:
            index = head_end


def _title_at(keys: list[str], index: int) -> tuple[Title, int, bool] | None:
    """Return the title whose opening words start at `index`, where they end, and if acting (Plt)."""
    expanded: list[str] = []
    ends: list[int] = []
    for at in range(index, min(index + 4, len(keys))):
        for key in lexicon().abbreviations.get(keys[at], (keys[at],)):
            expanded.append(key)
            ends.append(at + 1)
    # The longest head that ends on a word's end (not inside an abbreviation's expansion) wins.
    fitting = [t for t in lexicon().titles if tuple(expanded[:len(t.head)]) == t.head
               and (len(t.head) == len(ends) or ends[len(t.head) - 1] != ends[len(t.head)])]
    if not fitting:
        return None
    title = max(fitting, key=lambda t: len(t.head))
    return title, ends[len(title.head) - 1], index > 0 and keys[index - 1] in lexicon().acting


def _office(words: list[Token], text: str, gazetteer: Gazetteer, matches: list[Match], title: Title,
            start: int, head_end: int) -> OfficeRead | None:
    qualifier_end = _qualifier_end(words, matches, head_end, "{q}" in title.body)
    name_start = qualifier_end + 1 if qualifier_end < len(words) and words[qualifier_end].text == "," else qualifier_end
    name_end, honorific = _name_end(words, name_start)
    name = range(name_start + honorific, name_end)
    if not name:
        # No name after the title: the name before it, as in "kata Harum, Gubernur Kaltim".
        name = _name_before(words, matches, start)
    if not name:
        return None
    person = _person(words, text, gazetteer, matches, name.start, name.stop)
    title_text = text[words[start].start:words[qualifier_end - 1].end].strip(" ,")
    institution = _institution(words, text, gazetteer, matches, title, person, head_end, qualifier_end)
    if institution is None:
        return None
    acting = fold(words[start].text) in lexicon().acting
    return OfficeRead(person, institution, title_text, title.en, acting, range(start, qualifier_end), name,
                      0.8 if person.known else 0.7)


def _name_before(words: list[Token], matches: list[Match], title: int) -> range:
    """The name a comma sets before a title: a known person's, or two to four capitalised words
    after a word in lower case (kata Andi Sulaiman, Ketua ...)."""
    if title < 2 or words[title - 1].text != ",":
        return range(0)
    end = title - 1
    known = next((m for m in matches if m.entry.label == "Person" and m.last == end - 1), None)
    if known is not None:
        return range(known.first, end)
    first = end
    while first > 0 and end - first < 4 and words[first - 1].word and words[first - 1].capitalised \
            and fold(words[first - 1].text) not in NOT_NAMES:
        first -= 1
    opened = first > 0 and words[first - 1].word and not words[first - 1].capitalised
    return range(first, end) if 2 <= end - first and opened else range(0)


def _is_acronym(token: Token) -> bool:
    return len(token.text) >= 2 and token.text.isupper()


def _qualifier_end(words: list[Token], matches: list[Match], at: int, named: bool) -> int:
    """Return where the words naming an office's place or body end (Balikpapan, Dinas PUPR dan Pera).
    A title that names one (`named`) takes its next word, unless a known person's name starts there."""
    places = {i for m in matches if m.entry.label in ("Place", "Institution") for i in m.tokens}
    people = {m.first for m in matches if m.entry.label == "Person"}
    office_words, bodies = lexicon().office_words, lexicon().bodies
    if named and at + 1 < len(words) and at not in people and words[at].capitalised and (
            words[at + 1].capitalised or fold(words[at + 1].text) == "dan"):
        at += 1
    while at < len(words):
        token, folded = words[at], fold(words[at].text).replace(" ", "")
        previous = fold(words[at - 1].text) if at else ""
        if token.text == "(":
            close = next((j for j in range(at + 1, min(at + 6, len(words))) if words[j].text == ")"), None)
            if close is None:
                break
            at = close + 1
            continue
        forced = previous in ("dan", "untuk", "di", "&") or previous in bodies
        if not token.word or not (forced or folded in office_words or _is_acronym(token) or at in places):
            break
        if not token.capitalised and folded not in office_words:
            break
        at += 1
    while at > 0 and fold(words[at - 1].text) in ("dan", "untuk", "di"):
        at -= 1
    return at


def _name_end(words: list[Token], at: int) -> tuple[int, int]:
    """Return where a person's name starting at `at` ends, and how many honorifics open it."""
    honorifics = 0
    while at + honorifics < len(words) and fold(words[at + honorifics].text) in lexicon().honorifics \
            and words[at + honorifics].capitalised:
        honorifics += 1
        if at + honorifics < len(words) and words[at + honorifics].text == ".":
            honorifics += 1
    end = at + honorifics
    while end < len(words) and end - at - honorifics < NAME_WORDS_MAX and words[end].word and \
            words[end].capitalised and fold(words[end].text) not in NOT_NAMES:
        end += 1
    named = [w for w in words[at + honorifics:end] if len(w.text) > 1]
    return (end, honorifics) if named else (at, 0)


def _person(words: list[Token], text: str, gazetteer: Gazetteer, matches: list[Match], first: int, end: int) -> Entry:
    # A known person only when their name is the whole name written, initials aside.
    names = [m for m in matches if m.entry.label == "Person" and first <= m.first and m.last < end]
    written = [i for i in range(first, end) if len(words[i].text.strip(".")) > 1]
    for match in names:
        if all(match.first <= i <= match.last for i in written):
            return match.entry
    name = text[words[first].start:words[end - 1].end]
    entry_id = proposed_id("Person", name)
    return gazetteer.entries.get(entry_id) or Entry(entry_id, "Person", name, False)


def _institution(words: list[Token], text: str, gazetteer: Gazetteer, matches: list[Match], title: Title,
                 person: Entry, head_end: int, qualifier_end: int) -> Entry | None:
    inside = [m.entry for m in matches if m.entry.label == "Institution" and head_end <= m.first < qualifier_end]
    if inside:
        return inside[-1]
    held = [o.institution for o in gazetteer.offices.get(person.id, []) if _same_head(o.title, title)]
    if held and held[-1] in gazetteer.entries:
        return gazetteer.entries[held[-1]]
    qualifier = [w.text for w in _outside_brackets(words[head_end:qualifier_end])
                 if w.word and fold(w.text) not in title.drop]
    if "{q}" in title.body and not qualifier:
        return None
    name = " ".join(title.body.replace("{q}", " ".join(qualifier)).split())
    known = gazetteer.by_name(name, "Institution")
    return known or Entry(proposed_id("Institution", name), "Institution", name, False, {"kind": title.kind})


def _outside_brackets(words: list[Token]) -> list[Token]:
    """The words not inside brackets: an acronym in brackets is no part of a body's name."""
    depth, kept = 0, []
    for word in words:
        depth += (word.text == "(") - (word.text == ")")
        if depth == 0 and word.text != ")":
            kept.append(word)
    return kept


def _same_head(written: str, title: Title) -> bool:
    keys = [k for w in written.split() for k in lexicon().abbreviations.get(fold(w), (fold(w),))]
    return tuple(k for k in keys if k not in lexicon().acting)[:len(title.head)] == title.head


def _foreign_titles(words: list[Token], text: str, gazetteer: Gazetteer, matches: list[Match],
                    reading: Reading) -> None:
    """Read "Name Surname (Head of the Department ... )": a person and the office in brackets."""
    for index, token in enumerate(words):
        if token.text != "(" or index == 0 or not words[index - 1].capitalised:
            continue
        close = next((j for j in range(index + 1, min(index + 30, len(words))) if words[j].text == ")"), None)
        if close is None or fold(words[index + 1].text) not in lexicon().foreign_titles | set(lexicon().bodies):
            continue
        first = index
        while first > 0 and index - first < 4 and words[first - 1].word and words[first - 1].capitalised:
            first -= 1
        person = _person(words, text, gazetteer, matches, first, index)
        inside = [m.entry for m in matches if m.entry.label == "Institution" and index < m.first < close]
        title = text[words[index + 1].start:words[close - 1].end]
        institution = inside[-1] if inside else _body_in_title(words, text, index + 1, close)
        reading.offices.append(OfficeRead(person, institution, title, "", False, range(index + 1, close),
                                          range(first, index), 0.6))


def _body_in_title(words: list[Token], text: str, first: int, end: int) -> Entry:
    """Return the body an English title names after its office words: Head of the Department of X."""
    person_words = (lexicon().foreign_titles - set(lexicon().bodies)) | {"of", "the"}
    while first < end - 1 and fold(words[first].text) in person_words:
        first += 1
    name = text[words[first].start:words[end - 1].end]
    return Entry(proposed_id("Institution", name), "Institution", name, False, {"kind": "other"})


def _people_named_again(words: list[Token], reading: Reading) -> None:
    """A single capitalised word that is one of the words of a person named in full is that person."""
    people = {m.entry.id: m.entry for m in reading.mentions if m.entry.label == "Person"}
    people.update({o.person.id: o.person for o in reading.offices})
    parts: dict[str, set[str]] = {}
    for entry in people.values():
        for word in entry.name.split():
            if len(word) > 2:
                parts.setdefault(spelling_key(word), set()).add(entry.id)
    for index, token in enumerate(words):
        owners = parts.get(spelling_key(token.text), set()) if token.word and token.capitalised else set()
        if len(owners) == 1:
            entry = people[next(iter(owners))]
            reading.add(Mention(entry, index, index, token.text, "named again", 0.75))
