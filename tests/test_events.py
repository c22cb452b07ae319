"""Events declared once: a span at its own precision, its edges and sub-events under it, the events
several entities share, in round trips bounded by the levels asked for; and bad events refused with
their file and line."""

from typing import Any

import httpx
import pytest

from graph.store import Store
from graph.timeline import TimelineEntry
from jalin.errors import InvalidData
from seeds.loader import read_fixtures, seed
from tests.conftest import FIXTURES, data, gql

ARTICLE = FIXTURES / "events"  # a made-up delegation's three-day visit, its two sub-events and a football match
BAD = FIXTURES / "bad"
VISIT, SMELTER, SEMINAR = "event-test-verdania-visit", "event-test-smelter-visit", "event-test-seminar"
MATCH = "event-test-football-match"
ENVOY, GOVERNOR, CLUB = "person-test-envoy", "person-test-governor", "inst-test-local-club"
ARRIVAL = "person-test-envoy--VISITED--place-test-province--event-test-verdania-visit"

ENTRY = """id kind date datePrecision dateEarliest dateLatest start end status relationIds
    event { id name kind start end } participants { id } place { id }"""
TIMELINE = f"""query($id: ID, $ids: [ID!], $from: String, $to: String, $kinds: [String!]) {{
  timeline(entityId: $id, entityIds: $ids, from: $from, to: $to, kinds: $kinds) {{
    {ENTRY} subEvents {{ {ENTRY} subEvents {{ id }} }} }} }}"""


@pytest.fixture
async def client(empty_store: Store, writer: httpx.AsyncClient) -> httpx.AsyncClient:
    """The API over a graph holding only the made-up article, once per store."""
    await seed(empty_store, ARTICLE)
    return writer


async def timeline(client: httpx.AsyncClient, **variables: Any) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = (await data(client, TIMELINE, **variables))["timeline"]
    return entries


def ids(entries: list[dict[str, Any]]) -> list[str]:
    return [e["id"] for e in entries]


async def test_three_day_visit_is_one_entry_at_day_precision_with_sub_events_nested(
        client: httpx.AsyncClient) -> None:
    visit, match = await timeline(client, id=ENVOY)
    assert (visit["id"], match["id"]) == (VISIT, MATCH)
    assert (visit["start"], visit["end"], visit["datePrecision"]) == ("2025-08-12", "2025-08-14", "day")
    assert (visit["date"], visit["dateEarliest"], visit["dateLatest"]) == ("2025-08-12", "2025-08-12", "2025-08-14")
    assert visit["event"] == {"id": VISIT, "name": "Verdanian delegation's visit to the province",
                              "kind": "working_visit", "start": "2025-08-12", "end": "2025-08-14"}
    assert (visit["kind"], visit["status"], visit["place"]) == ("visit", "completed", {"id": "place-test-province"})
    smelter, seminar = visit["subEvents"]
    assert (smelter["id"], smelter["kind"], smelter["start"], smelter["end"]) == (SMELTER, "visit", "2025-08-13",
                                                                                  "2025-08-13")
    assert (seminar["id"], seminar["kind"], seminar["datePrecision"]) == (SEMINAR, "meeting", "day")
    assert seminar["place"] == {"id": "place-test-campus"} and seminar["subEvents"] == []
    assert (match["kind"], match["event"]["kind"], match["subEvents"]) == ("event", "sports_match", [])


async def test_edge_pointing_at_the_visit_appears_under_it_not_as_a_second_entry(client: httpx.AsyncClient) -> None:
    entries = await timeline(client)
    assert ids(entries) == [VISIT, MATCH]
    visit = entries[0]
    assert ARRIVAL in visit["relationIds"] and len(visit["relationIds"]) == 2
    assert {p["id"] for p in visit["participants"]} == {ENVOY, GOVERNOR, "place-test-province"}
    [seminar_meeting] = visit["subEvents"][1]["relationIds"]
    assert seminar_meeting.endswith(f"--{SEMINAR}")


async def test_timeline_of_several_entities_gives_only_the_events_all_take_part_in(
        client: httpx.AsyncClient) -> None:
    assert ids(await timeline(client, ids=[ENVOY, GOVERNOR])) == [VISIT]
    assert ids(await timeline(client, ids=[ENVOY, CLUB])) == [MATCH]
    assert ids(await timeline(client, id=GOVERNOR, ids=[CLUB])) == []
    # Taking part in a sub-event is taking part in the event it belongs to.
    assert ids(await timeline(client, ids=["person-test-rector", GOVERNOR])) == [VISIT]


async def test_sub_event_shows_within_its_whole_event(client: httpx.AsyncClient) -> None:
    for entity in (SEMINAR, "person-test-rector", "place-test-smelter"):
        [visit] = await timeline(client, id=entity)
        assert (visit["id"], ids(visit["subEvents"])) == (VISIT, [SMELTER, SEMINAR]), entity


async def test_range_and_kinds_keep_an_event_by_its_span_and_its_sub_events(client: httpx.AsyncClient) -> None:
    assert ids(await timeline(client, **{"from": "2025-08-14", "to": "2025-08-31"})) == [VISIT]
    assert ids(await timeline(client, to="2025-08-11")) == []
    assert ids(await timeline(client, kinds=["event"])) == [MATCH]
    assert ids(await timeline(client, kinds=["meeting"])) == [VISIT]  # its seminar is a meeting


async def test_timeline_of_an_entity_with_participants_and_sub_events_is_one_round_trip(
        client: httpx.AsyncClient, empty_store: Store) -> None:
    before = empty_store.round_trips
    flat = await data(client, "query($id: ID) { timeline(entityId: $id) { id participants { id } } }", id=ENVOY)
    assert len(flat["timeline"]) == 2
    # the timeline statement brings the entities its edges name
    assert empty_store.round_trips - before == 1
    before = empty_store.round_trips
    entries = await timeline(client, id=ENVOY)
    assert sum(len(e["subEvents"]) for e in entries) == 2
    assert {p["id"] for p in entries[0]["subEvents"][1]["participants"]} >= {"person-test-rector"}
    # and those of the sub-events, their places included, however many levels are asked for
    assert empty_store.round_trips - before == 1


async def test_timeline_of_every_event_reads_participants_in_one_more_batch(client: httpx.AsyncClient,
                                                                             empty_store: Store) -> None:
    before = empty_store.round_trips
    entries = (await data(client, "{ timeline { id participants { id } } }"))["timeline"]
    assert ids(entries) == [VISIT, MATCH] and all(e["participants"] for e in entries)
    assert empty_store.round_trips - before == 2


async def test_empty_entity_ids_is_an_error(client: httpx.AsyncClient) -> None:
    body = await gql(client, "{ timeline(entityIds: []) { id } }")
    assert "entityIds: give at least one id" in body["errors"][0]["message"]


# (fixture under bad/, line the fault is on, words the message must hold)
BAD_EVENTS = [
    ("event_ends_before_start.yaml", 11, ["end 2025-08-12 is before start 2025-08-14"]),
    ("event_unknown.yaml", 12, ["event: 'visit-of-person-b' is not the id of any entity",
                                "declare it once, as a node of type Event"]),
    ("event_parent_not_event.yaml", 11, ["parent: 'person-a' is a Person, expected Event",
                                         "the id of the Event it is part of"]),
    ("event_parent_cycle.yaml", 10, ["event-a -> event-b -> event-a is a cycle"]),
    ("event_too_deep.yaml", 9, ["nests this event 4 levels deep", "at most 3"]),
]


@pytest.mark.parametrize(("name", "line", "words"), BAD_EVENTS, ids=[name for name, _, _ in BAD_EVENTS])
def test_bad_event_is_a_load_error_naming_file_and_line(name: str, line: int, words: list[str]) -> None:
    with pytest.raises(InvalidData) as raised:
        read_fixtures(BAD / name)
    [problem] = raised.value.problems
    assert problem.where.endswith(f"bad/{name}:{line}")
    assert all(word in problem.message for word in words), problem.message


def test_timeline_entry_lists_a_participant_once_when_an_edge_also_names_an_end() -> None:
    entry = TimelineEntry("rel-1", "agreement", {})
    entry.add("agreement", "person-a", "place-b", {"id": "rel-1", "signatories": ["person-a", "person-c", "person-c"]})
    assert entry.participant_ids == ["person-a", "place-b", "person-c"]
