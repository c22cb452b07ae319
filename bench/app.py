"""The app the benchmark serves: Jalin's own app plus two benchmark-only routes, run by uvicorn.

`POST /bench/floor/{operation}` makes an operation's store calls and returns their result as
JSON with nothing in between: the floor that GraphQL is measured against. `GET /bench/round-trips`
tells how many statements the app's store has sent. Neither is part of the production app.
"""

import argparse
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from api.app import create_app
from bench.operations import BY_NAME
from graph import make_store
from jalin.config import Settings


def bench_app(settings: Settings) -> FastAPI:
    """Return the production app over the settings' store, with the benchmark routes added."""
    store = make_store(settings)
    app = create_app(settings, store=store)

    async def floor(request: Request) -> JSONResponse:
        operation = BY_NAME[request.path_params["operation"]]
        args: dict[str, Any] = await request.json()
        return JSONResponse(await operation.direct(store, args))

    async def round_trips(request: Request) -> JSONResponse:
        return JSONResponse({"round_trips": store.round_trips})

    app.router.add_route("/bench/floor/{operation}", floor, methods=["POST"])
    app.router.add_route("/bench/round-trips", round_trips, methods=["GET"])
    return app


def main() -> None:
    """Serve the benchmark app until terminated."""
    parser = argparse.ArgumentParser(description="Serve Jalin with the benchmark routes.")
    parser.add_argument("--data-dir", type=Path, default=Path("data"), help="the embedded store's files")
    parser.add_argument("--graph", default="jalin")
    parser.add_argument("--neo4j-uri", help="serve this Neo4j instead of the embedded store")
    parser.add_argument("--neo4j-user", default="neo4j")
    parser.add_argument("--neo4j-password", default="")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    # Every store setting is given here, so that a JALIN_NEO4J_URI in the environment changes nothing. Answers
    # are not cached: each operation is timed on the same inputs again and again, and what is measured is the
    # cost of answering it (`python -m bench.load` measures the cache).
    settings = Settings(data_dir=args.data_dir, graph_name=args.graph, neo4j_uri=args.neo4j_uri,
                        neo4j_user=args.neo4j_user, neo4j_password=args.neo4j_password, response_cache_bytes=0)
    uvicorn.run(bench_app(settings), host="127.0.0.1", port=args.port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
