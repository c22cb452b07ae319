"""Node types of the Jalin graph: every entity carries a stable id, its names and its sources."""

from neomodel import (
    ArrayProperty,
    IntegerProperty,
    StringProperty,
    StructuredNode,
)

from schema.properties import FigureListProperty, PartialDateProperty, RefListProperty, RefProperty, UrlProperty
from schema.relations import STATUSES

PLACE_KINDS = (
    "country", "province", "city", "regency", "capital_region", "island",
    "district", "region", "facility", "port",
)
INSTITUTION_KINDS = (
    "government", "ministry", "agency", "office", "embassy", "consulate",
    "legislature", "company", "business_group", "trade_center", "other",
)
COMMODITY_CATEGORIES = (
    "agriculture", "plantation", "fishery", "forestry", "mining", "energy",
    "food", "industry", "other",
)
# Each kind of event, and the timeline kind it is listed under (the kinds of `Dated` edges, plus
# "event" for an occasion that is none of them).
EVENT_KINDS = {
    "visit": "visit", "working_visit": "visit", "site_visit": "visit",
    "meeting": "meeting", "business_meeting": "meeting", "seminar": "meeting",
    "signing": "agreement", "inauguration": "inauguration", "shipment_release": "shipment",
    "sports_match": "event", "other": "event",
}


class Entity(StructuredNode):
    """Anything the graph speaks of; every node type below is also an Entity."""

    uid = StringProperty(db_property="id", unique_index=True, required=True,
                         help_text="Stable id of our own, e.g. 'person-fadjroel-rachman'")
    name = StringProperty(required=True, help_text="Name as best written in the sources")
    aliases = ArrayProperty(StringProperty(), default=list,
                            help_text="Other spellings exactly as the sources write them")
    name_en = StringProperty(help_text="Name in English")
    name_kk = StringProperty(help_text="Name in Kazakh")
    name_ru = StringProperty(help_text="Name in Russian")
    description = StringProperty(help_text="One line in our own words")
    figures = FigureListProperty(default=list, help_text="Figures the sources give about it: counts, value, unit")
    sources = RefListProperty(("Source",), required=True,
                              help_text="Ids of the Source nodes this entity comes from")


class Person(Entity):
    """A human actor: mayor, governor, ambassador, official, minister."""

    honorific = StringProperty(help_text="Honorific as written, e.g. 'Hj'")


class Institution(Entity):
    """A government body, office, embassy, company or organised group."""

    kind = StringProperty(choices={k: k for k in INSTITUTION_KINDS}, required=True)
    short_name = StringProperty(help_text="Acronym or short name, e.g. 'Pemkot Balikpapan'")
    member_count = IntegerProperty(help_text="Members of a group, where the source counts them")
    market_countries = IntegerProperty(help_text="Countries whose markets it serves")
    trade_representatives = IntegerProperty(help_text="Trade representatives it works with")


class Place(Entity):
    """A country, province, city, capital region, island, district or facility."""

    kind = StringProperty(choices={k: k for k in PLACE_KINDS}, required=True)
    iso_code = StringProperty(help_text="ISO 3166 code for countries and provinces")


class Commodity(Entity):
    """A good that is produced, demanded, shipped or traded."""

    category = StringProperty(choices={k: k for k in COMMODITY_CATEGORIES}, required=True)


class Source(Entity):
    """A news report that facts come from; its own `sources` list names itself."""

    outlet = StringProperty(help_text="Publisher, e.g. 'Antara Kaltim'")
    url = UrlProperty(help_text="Address of the article")
    published = PartialDateProperty(help_text="Publication date, as precise as known (not the event's date)")
    author = StringProperty(help_text="Author or reporter as credited")
    event_date = PartialDateProperty(help_text="Date of the main event reported, as precise as given")
    language = StringProperty(required=True, help_text="ISO 639-1 code of the article")
    seed_file = StringProperty(help_text="File name of the article in the seed corpus, where it is one")


class Event(Entity):
    """An occasion declared once: its title is its name; edges name it in `event`, sub-events in `parent`."""

    kind = StringProperty(choices={k: k for k in EVENT_KINDS}, required=True,
                          help_text="What kind of occasion, e.g. working_visit, seminar, signing")
    start = PartialDateProperty(help_text="First day it ran, as precise as the source: 2025-08-12, 2025-08, 2025")
    end = PartialDateProperty(help_text="Last day it ran, at its own precision; left out for a single day")
    date_text = StringProperty(help_text="The date as the source words it, e.g. 'Minggu'")
    place = RefProperty(("Place",), help_text="Id of the place where it happened")
    parent = RefProperty(("Event",), help_text="Id of the event this one is part of")
    status = StringProperty(choices={s: s for s in STATUSES})


NODE_CLASSES: tuple[type[Entity], ...] = (Person, Institution, Place, Commodity, Source, Event)
