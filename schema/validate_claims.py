"""Check ranked claims against what they are about; a preferred claim sets its subject's value.

The subject's own value counts as a normal claim backed by the subject's sources. When a preferred
claim gives another value, the subject takes it and keeps its former value as a normal claim with
those sources: no value is picked, or lost, without a trace in the graph.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from schema.claims import DEPRECATED, NORMAL, NOT_CLAIMABLE, PREFERRED, claim_id, encode_value
from schema.model import CLAIM, LIST_KINDS, PropertySpec
from schema.records import Batch, ClaimRecord, NodeRecord, RawRecord, RelationRecord
from schema.suggest import suggest
from schema.values import convert

if TYPE_CHECKING:
    from schema.validate import Validator

REQUIRED = ("about", "property", "value")
# A claim's own fields; its value is checked by the property it is about, and its id is derived.
OWN_FIELDS = {name: spec for name, spec in CLAIM.properties.items() if name not in ("id", "value")}

Subject = NodeRecord | RelationRecord


@dataclass(frozen=True)
class Checked:
    """A claim whose fields are checked: the record it came from, its subject, property and value."""

    raw: RawRecord
    subject: Subject
    prop: str
    value: Any
    props: dict[str, Any]  # about, property, sources, and rank, reason, note where given

    @property
    def rank(self) -> str:
        return str(self.props.get("rank") or NORMAL)

    @property
    def what(self) -> str:
        return f"{self.subject.id}'s {self.prop}"


def kind_of(subject: Subject) -> str:
    """Return a subject's node label or relation type."""
    return subject.label if isinstance(subject, NodeRecord) else subject.type


class ClaimChecker:
    """Turn raw claims into ClaimRecords; each fault is a problem on the validator, with its place."""

    def __init__(self, validator: "Validator", batch: Batch) -> None:
        self.v = validator
        self.subjects: dict[str, Subject] = {**{r.id: r for r in batch.relations}, **{n.id: n for n in batch.nodes}}

    def check(self, raws: list[RawRecord]) -> list[ClaimRecord]:
        """Check each claim on its own, then the claims on each subject's property together."""
        groups: dict[tuple[str, str], list[Checked]] = {}
        for raw in raws:
            if (claim := self._claim(raw)) is not None:
                groups.setdefault((claim.subject.id, claim.prop), []).append(claim)
        return [record for group in groups.values() for record in self._ranked(group)]

    def _claim(self, raw: RawRecord) -> Checked | None:
        if "id" in raw.data:
            self.v.problem(raw.at("id"), "a claim's id is derived from its subject, property and value; drop 'id'")
        props = self.v.properties(raw, OWN_FIELDS, {k: v for k, v in raw.data.items() if k not in ("id", "value")},
                                  "a claim")
        self.v.check_refs(raw, "the claim", {"sources": OWN_FIELDS["sources"]}, props)
        for key in (k for k in REQUIRED if raw.data.get(k) is None):
            self.v.problem(raw.where, f"missing required field '{key}' of the claim")
        if props.get("rank") in (PREFERRED, DEPRECATED) and not props.get("reason"):
            self.v.problem(raw.at("rank"), f"reason: a {props['rank']} claim says why in 'reason', in our own words")
        subject = self._subject(raw, props.get("about"))
        spec = self._spec(raw, subject, props.get("property")) if subject else None
        if subject is None or spec is None or raw.data.get("value") is None:
            return None
        try:
            value = convert(spec, raw.data["value"])
        except ValueError as error:
            self.v.problem(raw.at("value"), f"value: {error} (as {kind_of(subject)}'s {spec.name})")
            return None
        if spec.targets:
            self.v.check_refs(raw, kind_of(subject), {spec.name: spec}, {spec.name: value})
        return Checked(raw, subject, spec.name, value, props)

    def _subject(self, raw: RawRecord, about: Any) -> Subject | None:
        if not isinstance(about, str):
            return None
        found = self.subjects.get(about)
        if found is None:
            self.v.problem(raw.at("about"), f"about: '{about}' is not the id of any entity or relation "
                                             f"in the fixtures{suggest(about, self.subjects)}")
        return found

    def _spec(self, raw: RawRecord, subject: Subject, prop: Any) -> PropertySpec | None:
        if not isinstance(prop, str):
            return None
        kind = kind_of(subject)
        specs = self.v.model.nodes[kind].properties if isinstance(subject, NodeRecord) \
            else self.v.model.relations[kind].properties
        spec = specs.get(prop)
        if spec is None:
            self.v.problem(raw.at("property"), f"property: {kind} has no property '{prop}'{suggest(prop, specs)}")
        elif prop in NOT_CLAIMABLE:
            self.v.problem(raw.at("property"), f"property: no claim may be about '{prop}': {NOT_CLAIMABLE[prop]}")
        elif spec.kind in LIST_KINDS:
            self.v.problem(raw.at("property"), f"property: {kind}'s '{prop}' is a list, whose items each stand "
                                                "on their own: add the item where the subject is stated (or in an "
                                                "'extends' record) instead of claiming it")
        else:
            return spec
        return None

    def _ranked(self, group: list[Checked]) -> list[ClaimRecord]:
        """Return the records of one property's claims; a preferred one sets the subject's value."""
        claims = self._distinct(group)
        preferred = self._preferred(claims)
        current = group[0].subject.props.get(group[0].prop)
        if preferred is None:
            self._check_deprecated(claims, current)
        elif preferred.value != current:
            if current is not None and all(c.value != current for c in claims):
                claims.append(self._former(preferred, current))
            self._replace(preferred)
        return [self._record(claim) for claim in claims]

    def _distinct(self, group: list[Checked]) -> list[Checked]:
        """Return the claims with one claim per value; a second claim of a value is a problem."""
        seen: dict[str, Checked] = {}
        for claim in group:
            first = seen.setdefault(encode_value(claim.value), claim)
            if first is not claim:
                self.v.problem(claim.raw.at("value"), f"value: {claim.value!r} is claimed already for "
                                                       f"{claim.what} at {first.raw.at('value')}; "
                                                       "give all of its sources in that one claim")
        return list(seen.values())

    def _preferred(self, claims: list[Checked]) -> Checked | None:
        preferred = [c for c in claims if c.rank == PREFERRED]
        for extra in preferred[1:]:
            self.v.problem(extra.raw.at("rank"), f"rank: {extra.what} has a preferred claim already, at "
                                                  f"{preferred[0].raw.at('rank')}; keep one preferred and "
                                                  "rank the other normal")
        return preferred[0] if preferred else None

    def _check_deprecated(self, claims: list[Checked], current: Any) -> None:
        for claim in (c for c in claims if c.rank == DEPRECATED and c.value == current):
            self.v.problem(claim.raw.at("rank"), f"rank: {claim.what} holds {current!r}, the value this claim "
                                                  "deprecates; mark the claim to trust preferred, or state its "
                                                  "value on the subject")

    def _where(self, subject: Subject) -> RawRecord:
        return self.v.node_where[subject.id] if isinstance(subject, NodeRecord) else self.v.relation_where[subject.id]

    def _former(self, preferred: Checked, current: Any) -> Checked:
        """Return the subject's own value as a normal claim backed by the subject's sources."""
        subject = preferred.subject
        props = {"about": subject.id, "property": preferred.prop, "sources": subject.props["sources"], "rank": NORMAL}
        return Checked(self._where(subject), subject, preferred.prop, current, props)

    def _replace(self, preferred: Checked) -> None:
        """Give the subject the preferred value; a relation's new date gets its bounds derived anew."""
        subject, props = preferred.subject, preferred.subject.props
        if not (isinstance(subject, RelationRecord) and preferred.prop == "date"):
            props[preferred.prop] = preferred.value
        elif props.get("date_precision") == "approximate":
            self.v.problem(preferred.raw.at("rank"), f"rank: {subject.id} is dated approximately "
                                                      f"({props.get('date_earliest')}..{props.get('date_latest')}) "
                                                      f"at {self._where(subject).where}; a preferred claim cannot "
                                                      "replace a window: write the date you prefer there")
        else:
            self.v.redate(self._where(subject), props, preferred.value)

    def _record(self, claim: Checked) -> ClaimRecord:
        props = {"id": claim_id(claim.subject.id, claim.prop, claim.value), **claim.props,
                 "value": encode_value(claim.value), "rank": claim.rank}
        self.v.claim_where[props["id"]] = claim.raw
        return ClaimRecord(props)
