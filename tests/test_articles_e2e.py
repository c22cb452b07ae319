"""The questions the five articles answer, asked through the GraphQL API."""

import httpx

from tests.conftest import data

RELATIONS = """query($id: ID!, $types: [String!]) { entity(id: $id) { name
    relations(types: $types) { type direction date status properties other { id name } sources { seedFile } } } }"""


async def test_who_is_mayor_of_balikpapan(client: httpx.AsyncClient) -> None:
    result = await data(client, RELATIONS, id="inst-pemkot-balikpapan", types=["HOLDS_POSITION"])
    mayors = [r for r in result["entity"]["relations"] if "Wali Kota" in r["properties"]["title"]]
    assert [m["other"]["name"] for m in mayors] == ["Rahmad Mas'ud"]


async def test_which_akimat_astana_officials_came(client: httpx.AsyncClient) -> None:
    result = await data(client, RELATIONS, id="person-fadjroel-rachman", types=["MEMBER_OF_DELEGATION"])
    members = {r["other"]["id"] for r in result["entity"]["relations"] if r["direction"] == "IN"}
    assert {"person-mankaraev-kaisa-zakirovich", "person-bergaliev-gabbas-tokanovich",
            "person-rakhmatullaev-abai-kalykululy", "person-yergaliev-talgat-faizullievich"} <= members


async def test_what_went_to_sri_lanka_and_when(client: httpx.AsyncClient) -> None:
    result = await data(client, """{ timeline(entityId: "place-sri-lanka", kinds: ["shipment"]) {
        date datePrecision status properties participants { id } place { name } sources { seedFile } } }""")
    [shipment] = result["timeline"]
    assert shipment["date"] == "2025-11-27" and shipment["datePrecision"] == "day"
    assert "commodity-damar-batu" in {p["id"] for p in shipment["participants"]}
    assert shipment["properties"]["first_shipment"] is True
    assert shipment["place"]["name"] == "Kaltim Kariangau Terminal"
    assert shipment["sources"] == [{"seedFile": "004_24a36835c5811dcc.txt"}]


async def test_how_palu_connects_to_astana(client: httpx.AsyncClient) -> None:
    result = await data(client, """{ path(fromId: "place-palu", toId: "place-astana", maxHops: 6,
        types: ["SUPPLIES", "VISITED", "MET", "SISTER_CITY", "AGREEMENT", "MEMBER_OF_DELEGATION",
                "HOLDS_POSITION", "LOCATED_IN"]) { entities { id } relations { type } } }""")
    ids = [e["id"] for e in result["path"]["entities"]]
    assert ids[0] == "place-palu" and ids[-1] == "place-astana"
    assert "PART_OF" not in {r["type"] for r in result["path"]["relations"]}


async def test_kaltim_kaltara_agreement_signed_in_tarakan(client: httpx.AsyncClient) -> None:
    result = await data(client, RELATIONS, id="inst-pemprov-kaltim", types=["AGREEMENT"])
    [kaltara] = [r for r in result["entity"]["relations"] if r["other"]["id"] == "inst-pemprov-kaltara"]
    assert (kaltara["date"], kaltara["status"]) == ("2025-08-07", "signed")
    assert kaltara["properties"]["place"] == "place-swiss-belhotel-tarakan"


async def test_nusantara_astana_sister_city_is_not_yet_signed(client: httpx.AsyncClient) -> None:
    result = await data(client, RELATIONS, id="place-astana", types=["SISTER_CITY"])
    [link] = result["entity"]["relations"]
    assert link["other"]["id"] == "place-ikn-nusantara" and link["status"] in ("proposed", "planned")


async def test_export_center_figures_and_kratom_price(client: httpx.AsyncClient) -> None:
    result = await data(client, """{ center: entity(id: "inst-export-center-balikpapan") {
        ... on Institution { marketCountries tradeRepresentatives } }
        kratom: entity(id: "commodity-kratom") { aliases relations(types: ["PRODUCES"]) { properties } } }""")
    assert (result["center"]["marketCountries"], result["center"]["tradeRepresentatives"]) == (33, 46)
    assert "keratom" in [a.lower() for a in result["kratom"]["aliases"]]
    prices = [r["properties"].get("price") for r in result["kratom"]["relations"]]
    assert 98_000_000 in prices


async def test_palu_supplies_balikpapan_with_vegetables_and_chili(client: httpx.AsyncClient) -> None:
    result = await data(client, RELATIONS, id="place-palu", types=["SUPPLIES"])
    [supply] = [r for r in result["entity"]["relations"] if r["other"]["id"] == "place-balikpapan"]
    assert {"commodity-sayur-mayur", "commodity-cabai"} <= set(supply["properties"]["commodities"])


async def test_ambassador_is_one_node_born_in_banjarmasin(client: httpx.AsyncClient) -> None:
    for spelling in ("Fadjroel Rachman", "Pajrul Rahman", "Fadiroel Rachman"):
        result = await data(client, 'query($t: String!) { search(text: $t, types: ["Person"]) { id } }', t=spelling)
        assert [e["id"] for e in result["search"]][:1] == ["person-fadjroel-rachman"]
    result = await data(client, RELATIONS, id="person-fadjroel-rachman", types=["BORN_IN"])
    assert [r["other"]["id"] for r in result["entity"]["relations"]] == ["place-banjarmasin"]


async def test_balikpapan_visit_is_one_timeline_entry_with_its_participants(client: httpx.AsyncClient) -> None:
    result = await data(client, """{ timeline(entityId: "person-fadjroel-rachman", from: "2025-08-29",
        to: "2025-08-29") { kind date participants { id } } }""")
    visits = [e for e in result["timeline"] if e["kind"] == "visit"]
    assert len(visits) == 1
    assert {"person-fadjroel-rachman", "person-rahmad-masud"} <= {p["id"] for p in visits[0]["participants"]}
