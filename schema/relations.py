"""Edge types of the Jalin graph: meetings, agreements, positions, trade flows, each with sources."""

from typing import ClassVar

from neomodel import (
    ArrayProperty,
    BooleanProperty,
    FloatProperty,
    IntegerProperty,
    StringProperty,
    StructuredRel,
)

from schema.properties import FigureListProperty, PartialDateProperty, PeriodProperty, RefListProperty, RefProperty

DATE_PRECISIONS = ("day", "month", "year", "approximate", "unknown")
STATUSES = ("proposed", "planned", "signed", "active", "stalled", "completed")
ACTORS = ("Person", "Institution")
PARTIES = ("Person", "Institution", "Place")


def _choices(values: tuple[str, ...]) -> dict[str, str]:
    return {v: v for v in values}


class Fact(StructuredRel):
    """Base of every edge: a stable id, sources and an optional note."""

    TYPE: ClassVar[str] = ""
    FROM: ClassVar[tuple[str, ...]] = ()
    TO: ClassVar[tuple[str, ...]] = ()
    SYMMETRIC: ClassVar[bool] = False
    TIMELINE_KIND: ClassVar[str | None] = None

    uid = StringProperty(db_property="id", required=True, help_text="Stable id of the edge")
    sources = RefListProperty(("Source",), required=True)
    note = StringProperty(help_text="One line in our own words")
    figures = FigureListProperty(default=list, help_text="Figures the sources give about it: counts, value, unit")


class Dated(Fact):
    """An edge that happened, or is to happen, at a time and place, in some state."""

    date = PartialDateProperty(help_text="ISO 8601 as precise as the source: 2025-08-29, 2025-08, 2025")
    date_precision = StringProperty(choices=_choices(DATE_PRECISIONS))
    date_text = StringProperty(help_text="The date as the source words it, e.g. 'Minggu', 'pekan lalu'")
    date_earliest = PartialDateProperty(help_text="Earliest day it can be, for approximate dates")
    date_latest = PartialDateProperty(help_text="Latest day it can be, for approximate dates")
    status = StringProperty(choices=_choices(STATUSES))
    event = RefProperty(("Event",), help_text="Id of the Event it belongs to, shared by that event's edges")
    place = RefProperty(("Place",), help_text="Id of the place where it happened")
    venue = StringProperty(help_text="Room or building as written")
    topics = ArrayProperty(StringProperty(), default=list)
    sectors = ArrayProperty(StringProperty(), default=list)
    target_period = PeriodProperty(help_text="When it is meant to happen or be reached, e.g. 2027..2028 or ..2027")


class Met(Dated):
    """A meeting: the `from` side received or attended, the `to` side visited or was met."""

    TYPE, FROM, TO, TIMELINE_KIND = "MET", ACTORS, ACTORS, "meeting"
    role = StringProperty(choices=_choices(("host", "attendee", "guest")))


class Visited(Dated):
    """A working visit by an actor to a place or institution."""

    TYPE, FROM, TO, TIMELINE_KIND = "VISITED", ACTORS, ("Place", "Institution"), "visit"
    purpose = StringProperty()


class Agreement(Dated):
    """A cooperation agreement or MoU between two parties, proposed to signed."""

    TYPE, FROM, TO, SYMMETRIC, TIMELINE_KIND = "AGREEMENT", PARTIES, PARTIES, True, "agreement"
    kind = StringProperty(choices=_choices(("mou", "joint_agreement", "cooperation")), required=True)
    title = StringProperty(help_text="Name of the agreement as written")
    signatories = RefListProperty(("Person",))
    witnesses = RefListProperty(("Person",))


class SisterCity(Dated):
    """A sister-city link between two places."""

    TYPE, FROM, TO, SYMMETRIC, TIMELINE_KIND = "SISTER_CITY", ("Place",), ("Place",), True, "agreement"
    proposed_by = RefListProperty(("Person",))


class DelegationMember(Dated):
    """Membership in the delegation that a person led on a visit."""

    TYPE, FROM, TO = "MEMBER_OF_DELEGATION", ACTORS, ("Person",)
    role = StringProperty(help_text="Role in the delegation as written")


class HoldsPosition(Fact):
    """An office held in an institution."""

    TYPE, FROM, TO = "HOLDS_POSITION", ("Person",), ("Institution",)
    title = StringProperty(required=True, help_text="Title as written in the source")
    title_en = StringProperty(help_text="Title in English")
    start = PartialDateProperty(help_text="First day in office, as precise as known: 2021 means some day of 2021")
    end = PartialDateProperty(help_text="Last day in office, as precise as known: 2025 means it ended in 2025")
    start_earliest = PartialDateProperty(help_text="Earliest the term can have begun, when its start is known "
                                                   "only as a window (instead of start)")
    start_latest = PartialDateProperty(help_text="Latest the term can have begun, e.g. the first report that "
                                                 "shows the office held (instead of start)")
    end_earliest = PartialDateProperty(help_text="Earliest the term can have ended, e.g. the last report that "
                                                 "still shows the office held (instead of end)")
    end_latest = PartialDateProperty(help_text="Latest the term can have ended, e.g. the first report that "
                                               "shows it over (instead of end)")
    as_of = ArrayProperty(PartialDateProperty(), default=list,
                          help_text="Dates on which a source shows the office held")
    acting = BooleanProperty(default=False, help_text="Acting holder (Plt)")
    former = BooleanProperty(default=False, help_text="Held before, not at the source's date")
    term = IntegerProperty(help_text="Term of office, where the source numbers it")
    principal = RefProperty(("Person",), help_text="Person the office serves, e.g. a spokesperson's")


class LocatedIn(Fact):
    """An institution or facility located in a place."""

    TYPE, FROM, TO = "LOCATED_IN", ("Institution", "Place"), ("Place",)


class PartOf(Fact):
    """A place within a larger place, or a unit within a larger institution."""

    TYPE, FROM, TO = "PART_OF", ("Place", "Institution"), ("Place", "Institution")


class BornIn(Fact):
    """A person's place of birth."""

    TYPE, FROM, TO = "BORN_IN", ("Person",), ("Place",)


class Inaugurated(Dated):
    """An official opening of an institution or facility."""

    TYPE, FROM, TO, TIMELINE_KIND = "INAUGURATED", ("Person",), ("Institution", "Place"), "inauguration"


class Produces(Fact):
    """A commodity produced in a place, with its price where given."""

    TYPE, FROM, TO = "PRODUCES", ("Place", "Institution"), ("Commodity",)
    price = FloatProperty()
    price_currency = StringProperty(help_text="ISO 4217 code")
    price_unit = StringProperty(help_text="Unit the price is per, e.g. 'kg'")
    product_form = StringProperty(help_text="Form the price or figure refers to, e.g. 'powder'")
    priority = BooleanProperty(default=False, help_text="Named as a priority commodity")


class Demands(Fact):
    """A commodity a place or institution needs."""

    TYPE, FROM, TO = "DEMANDS", ("Place", "Institution"), ("Commodity",)
    trend = StringProperty(choices=_choices(("rising", "stable", "falling", "high")))
    uses = ArrayProperty(StringProperty(), default=list)


class Exports(Dated):
    """A commodity shipped, or to be shipped, from a place to a destination."""

    TYPE, FROM, TO, TIMELINE_KIND = "EXPORTS", ("Place", "Institution"), ("Commodity",), "shipment"
    destination = RefProperty(("Place",), required=True)
    port = RefProperty(("Place",), help_text="Id of the port of loading")
    first_shipment = BooleanProperty(default=False)
    facilitated_by = RefListProperty(("Institution",))
    witnesses = RefListProperty(("Person",))


class Supplies(Dated):
    """A place supplying another place with commodities."""

    TYPE, FROM, TO, TIMELINE_KIND = "SUPPLIES", ("Place",), ("Place",), None
    commodities = RefListProperty(("Commodity",))
    trend = StringProperty(choices=_choices(("rising", "stable", "falling")))


RELATION_CLASSES: tuple[type[Fact], ...] = (
    Met, Visited, Agreement, SisterCity, DelegationMember, HoldsPosition, LocatedIn,
    PartOf, BornIn, Inaugurated, Produces, Demands, Exports, Supplies,
)
