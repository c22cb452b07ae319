"""The public GraphQL contract, asked through the real ASGI app over the seeded embedded store."""

import httpx

from tests.conftest import data, gql

ENTITY_FIELDS = "id name aliases properties sources { id name } "


async def test_entity_returns_typed_node_with_sources(client: httpx.AsyncClient) -> None:
    result = await data(client, """query($id: ID!) { entity(id: $id) { __typename id name aliases
        sources { id outlet seedFile } ... on Person { honorific } } }""", id="person-fadjroel-rachman")
    entity = result["entity"]
    assert entity["__typename"] == "Person"
    assert {"Pajrul Rahman", "Fadiroel Rachman"} <= set(entity["aliases"])
    assert {s["seedFile"] for s in entity["sources"]} >= {"000_d7b28a09780a0937.txt", "001_95628520e8ad0a03.txt"}


async def test_entity_unknown_id_is_null(client: httpx.AsyncClient) -> None:
    assert (await data(client, '{ entity(id: "nobody") { id } }'))["entity"] is None


async def test_search_finds_prefix_alias_and_accentless(client: httpx.AsyncClient) -> None:
    for text, expected in [("balik", "place-balikpapan"), ("Pajrul", "person-fadjroel-rachman"),
                           ("FADIROEL", "person-fadjroel-rachman"), ("syrajudin", "person-syirajudin"),
                           ("Rahmad Mas’ud", "person-rahmad-masud"), ("masud", "person-rahmad-masud")]:
        result = await data(client, "query($t: String!) { search(text: $t) { id } }", t=text)
        assert result["search"][0]["id"] == expected, text


async def test_search_finds_names_in_cyrillic_and_kazakh_letters(client: httpx.AsyncClient) -> None:
    for text, expected in [("Казахстан", "place-kazakhstan"), ("Қазақстан", "place-kazakhstan"),
                           ("қазақ", "place-kazakhstan"), ("АСТАНА", "place-astana"),
                           ("Акимат города", "inst-akimat-astana")]:
        result = await data(client, "query($t: String!) { search(text: $t) { id } }", t=text)
        assert result["search"] and result["search"][0]["id"] == expected, text


async def test_search_filters_by_type(client: httpx.AsyncClient) -> None:
    result = await data(client, '{ search(text: "astana", types: ["Institution"], first: 20) { __typename } }')
    assert result["search"] and {e["__typename"] for e in result["search"]} == {"Institution"}


async def test_search_rejects_unknown_type_and_empty_text(client: httpx.AsyncClient) -> None:
    body = await gql(client, '{ search(text: "astana", types: ["Persn"]) { id } }')
    assert "unknown node type(s) Persn" in body["errors"][0]["message"]
    assert body["errors"][0]["extensions"]["code"] == "BadRequest"
    body = await gql(client, '{ search(text: "?") { id } }')
    assert "at least one word" in body["errors"][0]["message"]


async def test_first_above_100_is_an_error_not_a_cut(client: httpx.AsyncClient) -> None:
    body = await gql(client, "{ entities(first: 101) { totalCount } }")
    assert "101 exceeds the maximum of 100" in body["errors"][0]["message"]
    body = await gql(client, '{ entity(id: "place-balikpapan") { relations(first: 500) { id } } }')
    assert "500 exceeds the maximum of 100" in body["errors"][0]["message"]


async def test_entities_pages_with_cursor_until_the_end(client: httpx.AsyncClient) -> None:
    query = """query($after: String) { entities(first: 20, after: $after, types: ["Person"]) {
        totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }"""
    seen: list[str] = []
    after = None
    while True:
        page = (await data(client, query, after=after))["entities"]
        seen += [e["node"]["id"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == page["totalCount"] == len(set(seen)) > 20
    assert seen == sorted(seen)


async def test_entities_sorted_by_name(client: httpx.AsyncClient) -> None:
    result = await data(client, '{ entities(first: 100, types: ["Place"], orderBy: NAME) { edges { node { name } } } }')
    names = [e["node"]["name"] for e in result["entities"]["edges"]]
    assert names == sorted(names) and len(names) > 10


async def test_entities_rejects_foreign_cursor(client: httpx.AsyncClient) -> None:
    body = await gql(client, '{ entities(after: "not-a-cursor") { totalCount } }')
    assert "is not a cursor" in body["errors"][0]["message"]


async def test_relation_has_iso_date_precision_and_direction(client: httpx.AsyncClient) -> None:
    result = await data(client, """{ entity(id: "person-fadjroel-rachman") {
        relations(types: ["VISITED"]) { type direction date datePrecision status other { id } sources { id } } } }""")
    visits = result["entity"]["relations"]
    balikpapan = [r for r in visits if r["date"] == "2025-08-29"]
    assert balikpapan and balikpapan[0]["datePrecision"] == "day" and balikpapan[0]["direction"] == "OUT"
    assert all(r["sources"] for r in visits)


async def test_path_palu_to_astana(client: httpx.AsyncClient) -> None:
    result = await data(client, """{ path(fromId: "place-palu", toId: "place-astana", maxHops: 6) {
        length entities { id } relations { type sources { id } } } }""")
    path = result["path"]
    assert path["entities"][0]["id"] == "place-palu" and path["entities"][-1]["id"] == "place-astana"
    assert path["length"] == len(path["relations"]) == len(path["entities"]) - 1
    assert all(r["sources"] for r in path["relations"])


async def test_path_is_null_when_too_far_and_error_when_unknown(client: httpx.AsyncClient) -> None:
    result = await data(client, '{ path(fromId: "place-palu", toId: "place-astana", maxHops: 1) { length } }')
    assert result["path"] is None
    body = await gql(client, '{ path(fromId: "place-palu", toId: "nowhere") { length } }')
    assert "no entity with id 'nowhere'" in body["errors"][0]["message"]
    body = await gql(client, '{ path(fromId: "place-palu", toId: "place-astana", maxHops: 9) { length } }')
    assert "maxHops" in body["errors"][0]["message"]


async def test_timeline_is_chronological_with_honest_precision(client: httpx.AsyncClient) -> None:
    result = await data(client, """{ timeline { kind date datePrecision dateText dateEarliest
        participants { id } sources { id } } }""")
    entries = result["timeline"]
    dated = [e["dateEarliest"] for e in entries if e["dateEarliest"]]
    assert dated == sorted(dated)
    assert any(e["dateText"] == "Minggu" and e["date"] is None and e["datePrecision"] == "unknown"
               for e in entries)
    assert any(e["dateText"] == "pekan lalu" and e["datePrecision"] == "approximate" for e in entries)
    assert all(e["sources"] and e["participants"] for e in entries)


async def test_timeline_range_and_bad_dates(client: httpx.AsyncClient) -> None:
    result = await data(client, '{ timeline(from: "2025-11", to: "2025-11-30") { kind date datePrecision } }')
    # The shipment day falls in the range; "late 2025" (October to December) overlaps it.
    assert [(e["date"], e["datePrecision"]) for e in result["timeline"]] == [
        ("2025", "approximate"), ("2025-11-27", "day")]
    body = await gql(client, '{ timeline(from: "29/8/2025") { kind } }')
    assert "from:" in body["errors"][0]["message"]
    body = await gql(client, '{ timeline(from: "2025-12", to: "2025-01") { kind } }')
    assert "is after" in body["errors"][0]["message"]


async def test_office_holders_on_a_day(client: httpx.AsyncClient) -> None:
    query = """query($t: String, $on: String!) { officeHolders(title: $t, on: $on) {
        title certainty person { id } institution { id } sources { id } } }"""
    result = await data(client, query, t="Wali Kota Balikpapan", on="2025-08-29")
    assert [(h["person"]["id"], h["certainty"]) for h in result["officeHolders"]] == [("person-rahmad-masud", "HELD")]
    result = await data(client, query, t="Wali Kota Balikpapan", on="2020-01-01")
    assert result["officeHolders"] == []
    body = await gql(client, query, t="Wali Kota", on="2025")
    assert "must be a day" in body["errors"][0]["message"]


async def test_stats_counts(client: httpx.AsyncClient) -> None:
    result = await data(client, """{ stats { entitiesByType { key count } agreementsByStatus { key count }
        relationsBySector { key count } entitiesByCountry { key count } } }""")
    by_type = {c["key"]: c["count"] for c in result["stats"]["entitiesByType"]}
    assert by_type["Source"] == 5 and by_type["Person"] >= 20
    assert sum(c["count"] for c in result["stats"]["agreementsByStatus"]) == 5
    assert {c["key"] for c in result["stats"]["entitiesByCountry"]} >= {"Indonesia", "Kazakhstan"}


async def test_guard_rails_depth_and_aliases(client: httpx.AsyncClient) -> None:
    deep = "{ entity(id: \"place-palu\") { " + "relations(first: 1) { other { " * 6 + "id" + " } }" * 6 + " } }"
    body = await gql(client, deep)
    assert "nests fields 13 levels below its root fields, over the limit of 10" in body["errors"][0]["message"]
    aliased = "{ " + " ".join(f"a{i}: entity(id: \"place-palu\") {{ id }}" for i in range(40)) + " }"
    body = await gql(client, aliased)
    assert "aliases" in body["errors"][0]["message"].lower()


RELATION_PAGE = """query($after: String) { entity(id: "person-fadjroel-rachman") {
  relations(first: 5, after: $after) { id type cursor } } }"""


async def test_relations_page_by_cursor_through_every_edge_once(client: httpx.AsyncClient) -> None:
    everything = (await data(client, '{ entity(id: "person-fadjroel-rachman") { relations { id type } } }'))
    expected = [(r["type"], r["id"]) for r in everything["entity"]["relations"]]
    seen: list[tuple[str, str]] = []
    after = None
    while True:
        page = (await data(client, RELATION_PAGE, after=after))["entity"]["relations"]
        seen += [(r["type"], r["id"]) for r in page]
        if len(page) < 5:
            break
        after = page[-1]["cursor"]
    assert len(expected) > 10
    assert seen == expected == sorted(expected)


async def test_relations_refuse_a_cursor_they_did_not_make(client: httpx.AsyncClient) -> None:
    body = await gql(client, RELATION_PAGE, after="not-a-cursor")
    error = body["errors"][0]
    assert error["extensions"]["code"] == "BadRequest"
    assert "after: 'not-a-cursor' is not a relation cursor" in error["message"]


async def test_supported_by_lists_every_fact_citing_a_source(client: httpx.AsyncClient) -> None:
    result = await data(client, """{ supportedBy(sourceId: "source-004") { entities { id }
        relations { start { id } relation { type other { id } sources { id } } } } }""")
    found = result["supportedBy"]
    assert "source-004" not in {e["id"] for e in found["entities"]}
    assert "commodity-damar-batu" in {e["id"] for e in found["entities"]}
    assert found["relations"] and all(
        "source-004" in {s["id"] for s in r["relation"]["sources"]} for r in found["relations"])
    assert any(r["relation"]["type"] == "EXPORTS" for r in found["relations"])
