"""The `jalin` command (serve, neo4j, seed, validate, draft, generate, export, migrate, stats); errors mapped
to exit codes."""

import argparse
import asyncio
import os
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path

from draft.document import ArticleInfo, draft_article, read_article
from draft.document import to_yaml as draft_yaml
from draft.gazetteer import Gazetteer, from_graph
from graph import STORE_NAMES, local_neo4j, make_store, store_named
from graph.export import snapshot, to_graphml, to_json, to_yaml
from graph.search import key_names
from graph.stats import count_entities, graph_stats
from graph.store import Store
from graph.sync import SyncPlan, apply_sync
from graph.transfer import CopyReport, copy_graph
from jalin.config import Settings, get_settings
from jalin.errors import BadRequest, JalinError, StoreRefused, StoreUnavailable
from schema import MODEL
from seeds.generate import generate
from seeds.loader import Progress, read_fixtures, seed


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


async def _with_open[T](store: Store, work: Callable[[Store], Awaitable[T]]) -> T:
    await store.open()
    try:
        return await work(store)
    finally:
        await store.close()


async def _with_store(settings: Settings, work: Callable[[Store], Awaitable[int]]) -> int:
    return await _with_open(make_store(settings), work)


async def seed_if_empty(store: Store, settings: Settings) -> None:
    """Seed the fixtures into a store that holds no entity yet."""
    held = await count_entities(store)
    if held:
        _say(f"store holds {held} entities; not seeding")
        return
    _say(f"seeding the empty store from {settings.seeds_dir} …")
    report = await seed(store, settings.seeds_dir)
    _say(f"seeded {report.nodes} entities and {report.relations} relations from {report.files} files")


async def bring_up_to_date(store: Store) -> None:
    """Give a store written by an earlier Jalin the indexes and derived properties this one reads."""
    await store.install_schema(MODEL)
    if keyed := await key_names(store):
        _say(f"indexed whole the names of {keyed} entities stored without them")


async def wait_until_ready(store: Store, seconds: float) -> None:
    """Ping the store until it answers; after `seconds`, raise its last StoreUnavailable."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            await store.ping()
            return
        except StoreRefused:
            raise
        except StoreUnavailable as error:
            if time.monotonic() >= deadline:
                raise StoreUnavailable(f"gave up after {seconds:g} s: {error.detail}") from error
            _say(f"waiting for the {store.name} store: {error.detail}")
            await asyncio.sleep(2)


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    if args.workers is not None:
        if args.workers < 1:
            raise BadRequest(f"--workers {args.workers}: give 1 or more worker processes")
        settings = settings.model_copy(update={"workers": args.workers})

    async def prepare(store: Store) -> int:
        try:
            await store.ping()
        except StoreRefused:
            raise  # wrong credentials or version: fail at start, not on every request
        except StoreUnavailable as error:
            _say(f"{error.detail}; serving anyway: /readyz and GraphQL answer 503 until the store answers")
            return 0
        if not args.no_seed:
            await seed_if_empty(store, settings)
        await bring_up_to_date(store)
        return 0

    if settings.neo4j_uri or not args.no_seed:
        asyncio.run(_with_store(settings, prepare))
    _say(f"Jalin serves GraphQL at http://{settings.host}:{settings.port}/graphql "
         f"({settings.workers} worker process{'es' if settings.workers > 1 else ''})")
    # The server and the API are imported by the one command that serves: they were most of the start of
    # every other command (`jalin validate`: 6.8 s of CPU with them, 4 s without, on a busy machine).
    from cli.serving import serve

    serve(settings)
    return 0


def cmd_neo4j(args: argparse.Namespace, settings: Settings) -> int:
    server = local_neo4j(settings)
    if args.action == "stop":
        _say(f"Neo4j stopped ({server.home})" if server.stop() else "no local Neo4j runs; nothing to stop")
        return 0
    if args.action == "status":
        pid = server.pid()
        _say(f"Neo4j runs (pid {pid}) at {server.bolt_uri}" if pid else f"no local Neo4j runs in {server.home}")
        return 0 if pid else 1
    started = time.perf_counter()
    if server.start():
        _say(f"Neo4j 5 started in {time.perf_counter() - started:.1f} s: Bolt {server.bolt_uri}, "
             f"HTTP {server.http_url}, files in {server.home}")
    else:
        _say(f"Neo4j already runs (pid {server.pid()}) at {server.bolt_uri}; nothing to do")
    if args.action == "run":
        # Through the environment, which worker processes read too.
        os.environ.update(JALIN_NEO4J_URI=server.bolt_uri, JALIN_BROWSER_URL=f"{server.http_url}/browser/")
        local = Settings()
        _say(f"Neo4j Browser: {server.browser_url(local.neo4j_user)} "
             f"(user {local.neo4j_user}, the password of JALIN_NEO4J_PASSWORD)")
        return cmd_serve(args, local)
    return 0


def reading_progress(started: float) -> Progress | None:
    """Return a one-line display of how reading goes (records/s, time left), on a terminal only."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int, records: int) -> None:
        elapsed = time.perf_counter() - started
        left = elapsed * (total - done) / done if done else 0.0
        print(f"\r  {done / total:4.0%} read, {records:,} records, {records / elapsed:,.0f} records/s, "
              f"about {left:.0f} s to go ", end="" if done < total else "\n", file=sys.stderr, flush=True)
    return show


def cmd_seed(args: argparse.Namespace, settings: Settings) -> int:
    path = Path(args.path) if args.path else settings.seeds_dir

    async def work(store: Store) -> int:
        if args.wait:
            await wait_until_ready(store, args.wait)
        started = time.perf_counter()
        _say(f"reading and checking {path} …")
        report = await seed(store, path, dry_run=True, progress=reading_progress(started))
        if sys.stderr.isatty():
            _say(f"read {report.nodes + report.relations:,} records in {time.perf_counter() - started:.1f} s, "
                 "checked")
        if not report.plan.into_empty:
            _say("\n".join(plan_lines(report.plan)))
        if args.dry_run:
            _say(f"{report.nodes} entities and {report.relations} relations from {report.files} files "
                 "checked (dry run, nothing written)")
            return 0
        if report.plan.destructive and not args.yes:
            _say("nothing written: this seed changes or removes stored facts; check the list above, "
                 "then run again with --yes")
            return 1
        if sys.stderr.isatty():
            _say(f"writing {len(report.plan.batch):,} records, all or nothing …")
        await apply_sync(store, report.plan)
        elapsed = time.perf_counter() - started
        _say(f"{report.nodes} entities and {report.relations} relations from {report.files} files "
             f"written in {elapsed:.2f} s ({(report.nodes + report.relations) / elapsed:,.0f} records/s "
             "read, checked and written)")
        return 0

    return asyncio.run(_with_store(settings, work))


SHOWN_CHANGES = 50  # lines listed per kind of change; the count says how many more


def plan_lines(plan: SyncPlan) -> list[str]:
    """Return what a seed will do, as lines a person checks before `--yes`."""
    if not (plan.added or plan.changed or plan.removed or plan.kept):
        return ["the store matches the fixtures already"]
    lines = []
    for mark, title, changes in (("+", "to add", plan.added), ("~", "to change", plan.changed),
                                 ("-", "to remove", plan.removed),
                                 ("=", "kept as the API wrote them", plan.kept)):
        if changes:
            lines.append(f"{len(changes)} {title}")
        lines += [f"  {mark} {c.kind} {c.id}" + (f": {c.detail}" if c.detail else "")
                  for c in changes[:SHOWN_CHANGES]]
        if len(changes) > SHOWN_CHANGES:
            lines.append(f"  … and {len(changes) - SHOWN_CHANGES} more")
    return lines


def cmd_validate(args: argparse.Namespace, settings: Settings) -> int:
    batch, files = read_fixtures(Path(args.path))
    claims = f" (and {len(batch.claims)} claims where sources disagree)" if batch.claims else ""
    print(f"{args.path}: {len(batch.nodes)} entities and {len(batch.relations)} relations "
          f"in {files} files are valid{claims}")
    return 0


def cmd_draft(args: argparse.Namespace, settings: Settings) -> int:
    text = read_article(Path(args.article))
    info = ArticleInfo(published=_day(args.published), url=args.url, outlet=args.outlet, title=args.title)
    if args.store:
        gazetteer = asyncio.run(_with_open(make_store(settings), _store_gazetteer))
    else:
        gazetteer = fixtures_gazetteer(Path(args.fixtures) if args.fixtures else settings.seeds_dir)
    draft = draft_article(text, gazetteer, info)
    yaml_text = draft_yaml(draft)
    if not args.output:
        sys.stdout.write(yaml_text)
        return 0
    output = Path(args.output)
    if output.is_dir():
        output = output / f"{draft.source_id.removeprefix('source-')}.yaml"
    output.write_text(yaml_text, encoding="utf-8")
    review = sum(p.needs_review for p in draft.proposals)
    _say(f"wrote {output}: {len(draft.proposals)} records, {review} marked for review")
    for missing in draft.missing:
        _say(f"missing: {missing}")
    return 0


def _day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadRequest(f"--published: {value!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-08-29") from None


async def _store_gazetteer(store: Store) -> Gazetteer:
    data = await snapshot(store)
    return from_graph(data["nodes"], data["relations"])


def fixtures_gazetteer(path: Path) -> Gazetteer:
    """Return the gazetteer of the graph the fixtures under `path` describe."""
    batch, _ = read_fixtures(path)
    return from_graph([{"type": n.label, **n.props} for n in batch.nodes],
                      [{"type": r.type, "from": r.from_id, "to": r.to_id, **r.props} for r in batch.relations])


def cmd_generate(args: argparse.Namespace, settings: Settings) -> int:
    started = time.perf_counter()
    files = generate(Path(args.output), args.nodes, args.edges, args.seed)
    _say(f"wrote {args.nodes} entities and {args.edges} relations (seed {args.seed}) in {files} files "
         f"to {args.output} in {time.perf_counter() - started:.1f} s")
    return 0


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    async def work(store: Store) -> int:
        data = await snapshot(store)
        text = {"graphml": to_graphml, "yaml": to_yaml, "json": to_json}[args.format](data)
        if args.output:
            Path(args.output).write_text(text, encoding="utf-8")
            _say(f"wrote {len(data['nodes'])} entities and {len(data['relations'])} relations to {args.output}")
        else:
            sys.stdout.write(text)
        return 0

    return asyncio.run(_with_store(settings, work))


def cmd_migrate(args: argparse.Namespace, settings: Settings) -> int:
    source = store_named(next(name for name in STORE_NAMES if name != args.to), settings)
    target = store_named(args.to, settings)

    async def copy(source_store: Store) -> CopyReport:
        return await _with_open(target, lambda t: copy_graph(source_store, t, replace=args.replace))

    async def work() -> int:
        _say(f"copying the {source.name} store into the {target.name} store …")
        report = await _with_open(source, copy)
        _say(f"copied {report.nodes} entities and {report.relations} relations; "
             f"both stores export identical data")
        return 0

    return asyncio.run(work())


def cmd_stats(args: argparse.Namespace, settings: Settings) -> int:
    async def work(store: Store) -> int:
        stats = await graph_stats(store)
        for title, rows in (("entities", stats.entities_by_type), ("relations", stats.relations_by_type)):
            print(f"{title}: {sum(c for _, c in rows)}")
            for key, count in rows:
                print(f"  {key:<24}{count:>8}")
        return 0

    return asyncio.run(_with_store(settings, work))


def parser() -> argparse.ArgumentParser:
    """Return the command-line parser."""
    root = argparse.ArgumentParser(prog="jalin", description="Sourced knowledge graph of cooperation.")
    sub = root.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="seed an empty store, then serve the API")
    serve.add_argument("--no-seed", action="store_true", help="do not seed an empty store")
    serve.add_argument("--workers", type=int, metavar="N",
                       help="worker processes answering requests (default: JALIN_WORKERS, else 1)")
    serve.set_defaults(run=cmd_serve)
    neo4j = sub.add_parser("neo4j", help="start, stop or serve on the local Neo4j 5 under the data dir")
    neo4j.add_argument("action", choices=("start", "stop", "status", "run"),
                       help="run: start Neo4j if needed, seed it when empty and serve the API on it")
    neo4j.add_argument("--no-seed", action="store_true", help="with run: do not seed an empty store")
    neo4j.add_argument("--workers", type=int, metavar="N", help="with run: worker processes answering requests")
    neo4j.set_defaults(run=cmd_neo4j)
    seed = sub.add_parser("seed", help="make the store match YAML fixtures, all or nothing; API edits are kept")
    seed.add_argument("path", nargs="?", help="file or folder (default: the bundled fixtures)")
    seed.add_argument("--dry-run", action="store_true",
                      help="check, and list what would be added, changed, removed and kept; write nothing")
    seed.add_argument("--yes", action="store_true",
                      help="apply a seed that changes or removes stored facts (list them first with --dry-run)")
    seed.add_argument("--wait", type=float, default=0, metavar="SECONDS",
                      help="wait up to this long for the store to answer first (a store starting beside us)")
    seed.set_defaults(run=cmd_seed)
    validate = sub.add_parser("validate", help="check YAML fixtures without a store")
    validate.add_argument("path")
    validate.set_defaults(run=cmd_validate)
    draft = sub.add_parser("draft", help="read an Indonesian news article and write a draft fixture file to review")
    draft.add_argument("article", help="the article as a UTF-8 text file")
    draft.add_argument("--published", metavar="YYYY-MM-DD", help="publication date: relative dates are read from it")
    draft.add_argument("--url", help="address of the article")
    draft.add_argument("--outlet", help="the outlet that published it")
    draft.add_argument("--title", help="the article's headline")
    draft.add_argument("--output", "-o", help="file, or folder to name the file in (default: standard output)")
    draft.add_argument("--fixtures", help="recognise the entities of these fixtures (default: the bundled ones)")
    draft.add_argument("--store", action="store_true",
                       help="recognise the entities of the store's current graph instead of the fixtures'")
    draft.set_defaults(run=cmd_draft)
    generate = sub.add_parser("generate", help="write a synthetic graph shaped like the real seeds (benchmarks)")
    generate.add_argument("--nodes", type=int, required=True, help="entities to generate")
    generate.add_argument("--edges", type=int, required=True, help="relations to generate")
    generate.add_argument("--seed", type=int, default=0, help="random seed: the same seed writes the same files")
    generate.add_argument("--output", "-o", default="data/generated", help="folder to write (its YAML is replaced)")
    generate.set_defaults(run=cmd_generate)
    export = sub.add_parser("export", help="write the whole graph as JSON, GraphML or YAML fixtures")
    export.add_argument("--format", choices=("json", "graphml", "yaml"), default="json",
                        help="yaml: fixtures that validate and seed back into the same graph")
    export.add_argument("--output", "-o", help="file to write (default: standard output)")
    export.set_defaults(run=cmd_export)
    migrate = sub.add_parser("migrate", help="copy the whole graph into the other store, checked")
    migrate.add_argument("--to", required=True, choices=("neo4j", "embedded"),
                         help="the store to copy into; the other one is the source")
    migrate.add_argument("--replace", action="store_true", help="delete what the target holds first")
    migrate.set_defaults(run=cmd_migrate)
    stats = sub.add_parser("stats", help="count entities and relations by type")
    stats.set_defaults(run=cmd_stats)
    return root


def main(argv: list[str] | None = None) -> int:
    """Run the command line; a JalinError prints its message and exits non-zero."""
    args = parser().parse_args(argv)
    try:
        return int(args.run(args, get_settings()))
    except JalinError as error:
        _say(f"error: {error.detail}")
        return 2
