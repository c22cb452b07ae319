"""GraphQL types of offices held: a tenure as the sources attest it, how sure, and who came before and after."""

from enum import Enum
from typing import Optional

import strawberry

from api.types import EntityInterface, Info, Source, load_sources, to_graphql
from graph.offices import Certainty, Holding


@strawberry.enum(description="How sure the sources are that an office was held on the day asked")
class OfficeCertainty(Enum):
    HELD = strawberry.enum_value(Certainty.HELD.value,
                                 description="Held for certain: every reading of the dates puts the day in the term")
    UNCERTAIN = strawberry.enum_value(Certainty.UNCERTAIN.value,
                                      description="Possibly held: the day falls in a window where the term "
                                                  "began or ended (e.g. end 2025: some time in 2025)")


@strawberry.type(description="An office held, as the sources attest it")
class OfficeHolding:
    title: str
    title_en: str | None
    acting: bool
    start: str | None
    end: str | None
    as_of: list[str]
    relation_id: strawberry.ID = strawberry.field(description="Id of the HOLDS_POSITION relation")
    former: bool = strawberry.field(description="The source shows it held before, not at its date")
    start_earliest: str | None = strawberry.field(description="Earliest the term can have begun (a window)")
    start_latest: str | None = strawberry.field(description="Latest the term can have begun (a window)")
    end_earliest: str | None = strawberry.field(description="Earliest the term can have ended (a window)")
    end_latest: str | None = strawberry.field(description="Latest the term can have ended (a window)")
    certainty: OfficeCertainty | None = strawberry.field(
        description="How sure the sources are that it was held on the day officeHolders was asked about; "
                    "null where no day was asked (latestOffice, predecessor, successor)")
    holding: strawberry.Private[Holding]

    @strawberry.field
    async def person(self, info: Info) -> EntityInterface:
        return to_graphql(await info.context.entities.load(self.holding.tenure.person_id))

    @strawberry.field
    async def institution(self, info: Info) -> EntityInterface:
        return to_graphql(await info.context.entities.load(self.holding.tenure.institution_id))

    @strawberry.field
    async def sources(self, info: Info) -> list[Source]:
        return await load_sources(info, self.holding.tenure.props.get("sources", []))

    @strawberry.field(description="The holder of the same title at the same institution just before, by the "
                                  "days each is known to hold it; never one surely in office at the same time")
    def predecessor(self) -> Optional["OfficeHolding"]:  # noqa: UP045 (a forward reference)
        found = self.holding.predecessor()
        return OfficeHolding.of(found) if found else None

    @strawberry.field(description="The holder of the same title at the same institution just after, by the "
                                  "days each is known to hold it; never one surely in office at the same time")
    def successor(self) -> Optional["OfficeHolding"]:  # noqa: UP045 (a forward reference)
        found = self.holding.successor()
        return OfficeHolding.of(found) if found else None

    @classmethod
    def of(cls, holding: Holding) -> "OfficeHolding":
        """Build the GraphQL object of a holding."""
        p = holding.tenure.props
        certainty = OfficeCertainty(holding.certainty.value) if holding.certainty else None
        return cls(title=p["title"], title_en=p.get("title_en"), acting=bool(p.get("acting")),
                   start=p.get("start"), end=p.get("end"), as_of=p.get("as_of") or [],
                   relation_id=strawberry.ID(holding.tenure.id), former=bool(p.get("former")),
                   start_earliest=p.get("start_earliest"), start_latest=p.get("start_latest"),
                   end_earliest=p.get("end_earliest"), end_latest=p.get("end_latest"),
                   certainty=certainty, holding=holding)
