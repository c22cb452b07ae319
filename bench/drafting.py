"""How close `jalin draft` comes to the hand-made fixtures of the seed articles.

Each article is drafted twice: with the whole graph known (every entity it names is in the
gazetteer: this measures recognition and the relation rules), and with the article unseen (the
graph without what only that article states: this measures what a new article gets, where people,
bodies and places must be found from their titles and opening words). Written to
bench/drafting.{md,json}."""

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from draft.dates import find_dates
from draft.document import ArticleInfo, Draft, draft_article
from draft.gazetteer import Gazetteer, from_graph, name_keys, names_of
from jalin.config import get_settings
from schema.dates import first_day, last_day
from schema.records import Batch
from seeds.loader import read_fixtures

ARTICLES = Path(__file__).resolve().parents[2] / "shared" / "seeds"
RESULTS = Path(__file__).with_name("drafting")
TARGET_TYPES = ("MET", "VISITED", "AGREEMENT", "SISTER_CITY", "HOLDS_POSITION", "MEMBER_OF_DELEGATION")
UNDIRECTED = ("MET", "AGREEMENT", "SISTER_CITY")
IGNORED_LABELS = ("Source", "Event")


@dataclass
class Expected:
    """What an article's fixtures state: its entities, relations and dates."""

    source: str
    published: date | None
    text: str
    entities: dict[str, dict[str, Any]]
    relations: list[tuple[str, str, str]]
    dates: set[str]


def expected(batch: Batch, source: dict[str, Any], articles: Path) -> Expected:
    """Return what the fixtures state on the authority of `source`."""
    sid = source["id"]
    entities = {n.id: {"type": n.label, **n.props} for n in batch.nodes
                if sid in n.props.get("sources", []) and n.label not in IGNORED_LABELS}
    relations, dates = [], set()
    for r in batch.relations:
        if sid in r.props.get("sources", []) and r.type in TARGET_TYPES:
            relations.append(_relation_key(r.type, r.from_id, r.to_id))
        if sid in r.props.get("sources", []) and "date_text" in r.props:
            dates.add(_date_of(r.props))
    published = source.get("published") or source.get("event_date")
    text = (articles / source["seed_file"]).read_text(encoding="utf-8")
    return Expected(sid, date.fromisoformat(published) if published else None, text, entities,
                    sorted(set(relations)), dates)


def _date_of(props: dict[str, Any]) -> str:
    """A date as a value at its precision, or an earliest..latest window."""
    value = props.get("date")
    if value and (not props.get("date_earliest") or (first_day(value), last_day(value)) ==
                  (props["date_earliest"], props["date_latest"])):
        return str(value)
    if props.get("date_earliest"):
        return f"{props['date_earliest']}..{props['date_latest']}"
    return "unknown"


def _relation_key(kind: str, a: str, b: str) -> tuple[str, str, str]:
    return (kind, *sorted((a, b))) if kind in UNDIRECTED else (kind, a, b)  # type: ignore[return-value]


def gazetteer(batch: Batch, without: str | None) -> Gazetteer:
    """Return the graph's gazetteer, or the one it had before `without` was entered."""
    nodes, relations = [], []
    for n in batch.nodes:
        sources = [s for s in n.props.get("sources", []) if s != without]
        if sources or n.label == "Source":
            nodes.append({"type": n.label, **n.props, "sources": sources})
    for r in batch.relations:
        sources = [s for s in r.props.get("sources", []) if s != without]
        if sources:
            relations.append({"type": r.type, "from": r.from_id, "to": r.to_id, **r.props})
    return from_graph(nodes, relations)


def _matcher(entities: dict[str, dict[str, Any]]) -> dict[tuple[str, tuple[str, ...]], str]:
    keyed = {}
    for eid, fields in entities.items():
        for name in names_of(fields, fields["name"]):
            keyed[(fields["type"], name_keys(name, fields["type"]))] = eid
    return keyed


def score(draft: Draft, truth: Expected) -> dict[str, Any]:
    """Compare one draft with the fixtures: entities, offices, relations and dates."""
    keyed = _matcher(truth.entities)
    mapped: dict[str, str | None] = {}
    for p in draft.proposals:
        record = p.record
        if p.section != "nodes" or record.get("type") in IGNORED_LABELS:
            continue
        eid = record.get("extends") or record["id"]
        names = [record.get("name", ""), *record.get("aliases", [])]
        mapped[eid] = eid if eid in truth.entities else next(
            (keyed[k] for k in ((record.get("type", ""), name_keys(n, record.get("type", ""))) for n in names)
             if k in keyed), None)
    found = {v for v in mapped.values() if v}
    relations = set()
    for p in draft.proposals:
        record = p.record
        if p.section == "relations" and "extends" in record:
            a, kind, b = str(record["extends"]).split("--")[:3]
            relations.add(_relation_key(kind, a, b))
        elif p.section == "relations":
            ends = [mapped.get(record[end], record[end]) or "" for end in ("from", "to")]
            relations.add(_relation_key(record["type"], *ends))
    hit = [r for r in truth.relations if r in relations]
    offices = [r for r in truth.relations if r[0] == "HOLDS_POSITION"]
    read = {_date_of({"date": d.value, "date_earliest": d.earliest, "date_latest": d.latest})
            for d in find_dates(truth.text, truth.published)}
    return {
        "entities": len(truth.entities), "entities_found": len(found),
        "proposed": len(mapped), "proposed_right": sum(1 for v in mapped.values() if v),
        "missed": sorted(set(truth.entities) - found),
        "wrong": sorted(k for k, v in mapped.items() if not v),
        "offices": len(offices), "offices_found": sum(1 for r in offices if r in relations),
        "relations": len(truth.relations), "relations_found": len(hit),
        "relations_missed": [" ".join(r) for r in truth.relations if r not in relations],
        "dates": len(truth.dates), "dates_right": len(truth.dates & read),
        "dates_missed": sorted(truth.dates - read),
    }


def run(articles: Path = ARTICLES) -> dict[str, Any]:
    """Draft every seed article in both modes and return the scores."""
    batch, _ = read_fixtures(get_settings().seeds_dir)
    sources = [{"type": "Source", **n.props} for n in batch.nodes if n.label == "Source" and n.props.get("seed_file")]
    results: dict[str, Any] = {}
    for mode in ("known", "unseen"):
        for source in sorted(sources, key=lambda s: s["id"]):
            truth = expected(batch, source, articles)
            known = gazetteer(batch, source["id"] if mode == "unseen" else None)
            draft = draft_article(truth.text, known, ArticleInfo(published=truth.published))
            results.setdefault(mode, {})[source["id"]] = score(draft, truth)
    return results


def totals(per_article: dict[str, dict[str, Any]]) -> dict[str, float]:
    """Return recall and precision over all articles of one mode."""
    def total(key: str) -> int:
        return sum(int(a[key]) for a in per_article.values())
    return {
        "entity_recall": total("entities_found") / total("entities"),
        "entity_precision": total("proposed_right") / max(1, total("proposed")),
        "office_recall": total("offices_found") / max(1, total("offices")),
        "relations_proposed": total("relations_found") / max(1, total("relations")),
        "dates_right": total("dates_right") / max(1, total("dates")),
    }


def report(results: dict[str, Any]) -> str:
    """Return the results as a Markdown page."""
    lines = ["# Drafts from the seed articles, compared with the hand-made fixtures", "",
             "Written by `make draft-figures`. *known*: the whole graph is known; *unseen*: the graph "
             "without what only that article states.", "",
             "| mode | entity recall | entity precision | offices | relations proposed | dates right |",
             "|---|---|---|---|---|---|"]
    for mode, per_article in results.items():
        t = totals(per_article)
        lines.append(f"| {mode} | {t['entity_recall']:.0%} | {t['entity_precision']:.0%} | "
                     f"{t['office_recall']:.0%} | {t['relations_proposed']:.0%} | {t['dates_right']:.0%} |")
    for mode, per_article in results.items():
        lines += ["", f"## {mode}", ""]
        for source, s in per_article.items():
            lines.append(f"- **{source}**: entities {s['entities_found']}/{s['entities']}, proposals right "
                         f"{s['proposed_right']}/{s['proposed']}, offices {s['offices_found']}/{s['offices']}, "
                         f"relations {s['relations_found']}/{s['relations']}, dates {s['dates_right']}/{s['dates']}")
            for key in ("missed", "wrong", "relations_missed", "dates_missed"):
                if s[key]:
                    lines.append(f"  - {key.replace('_', ' ')}: {', '.join(s[key])}")
    return "\n".join(lines) + "\n"


def main(articles: Iterable[str] = ()) -> None:
    results = run()
    RESULTS.with_suffix(".json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    RESULTS.with_suffix(".md").write_text(report(results), encoding="utf-8")
    print(report(results).split("\n## ")[0])


if __name__ == "__main__":
    main()
