"""Typed facts instead of notes: target periods and figures, checked like every other field."""

from pathlib import Path

import httpx
import pytest

from graph.export import snapshot, to_yaml
from graph.store import Store
from jalin.errors import InvalidData
from seeds.loader import read_fixtures, seed
from tests.conftest import FIXTURES, data

TYPED = FIXTURES / "typed"
ARTICLE = TYPED / "2026-01-10-sister-city-plan.yaml"


def with_line_replaced(tmp_path: Path, old: str, new: str) -> Path:
    text = ARTICLE.read_text()
    assert old in text
    changed = tmp_path / ARTICLE.name
    changed.write_text(text.replace(old, new))
    return changed


@pytest.mark.parametrize(("old", "new", "line", "expected"), [
    ("target_period: 2027..2028", "target_period: 2028..2027", 29, "ends before it starts"),
    ("target_period: 2027..2028", "target_period: 2027-2028", 29, "write START..END with partial dates"),
    ("target_period: 2027..2028", "target_period: 2027..2028-13", 29, "has no month 13"),
    ("{counts: Indonesian cities helped, value: 5}", "{counts: Indonesian cities helped}", 21,
     "needs 'counts' (what is counted) and 'value'"),
    ("value: 5}", "value: 5, per: year}", 21, "a figure has no 'per'"),
    ("value: 5}", "value: five}", 21, "expected a number"),
])
def test_typed_fact_errors_say_where_and_what_to_write(tmp_path: Path, old: str, new: str, line: int,
                                                      expected: str) -> None:
    with pytest.raises(InvalidData) as raised:
        read_fixtures(with_line_replaced(tmp_path, old, new))
    [problem] = raised.value.problems
    assert problem.where.endswith(f"{ARTICLE.name}:{line}")
    assert expected in problem.message


async def test_typed_facts_read_back_through_graphql(empty_store: Store, writer: httpx.AsyncClient) -> None:
    await seed(empty_store, TYPED)
    result = await data(writer, """{ entity(id: "place-typed-home") { figures { counts value unit approximate }
        relations { type targetPeriod figures { counts } } } }""")
    assert result["entity"]["figures"] == [
        {"counts": "population", "value": 3000000, "unit": "people", "approximate": True}]
    assert result["entity"]["relations"] == [{"type": "SISTER_CITY", "targetPeriod": "2027..2028", "figures": []}]


async def test_typed_facts_survive_the_yaml_round_trip(empty_store: Store, tmp_path: Path) -> None:
    await seed(empty_store, TYPED)
    exported = tmp_path / "export.yaml"
    exported.write_text(to_yaml(await snapshot(empty_store)), encoding="utf-8")
    batch, _ = read_fixtures(exported)
    abroad = next(n for n in batch.nodes if n.id == "place-typed-abroad")
    assert abroad.props["figures"] == ['{"counts": "Indonesian cities helped", "value": 5}']
