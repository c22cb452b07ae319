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
from graph.embedded import EmbeddedStore
from jalin.config import Settings


def bench_app(data_dir: Path, graph_name: str) -> FastAPI:
    """Return the production app over the embedded store, with the benchmark routes added."""
    settings = Settings(data_dir=data_dir, graph_name=graph_name)
    store = EmbeddedStore(data_dir, graph_name)
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
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--graph", default="jalin")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    uvicorn.run(bench_app(args.data_dir, args.graph), host="127.0.0.1", port=args.port,
                log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
