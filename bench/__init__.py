"""Jalin's benchmark: seed speed, read latency through GraphQL, a bare endpoint and the store, at growing scale."""

import logging
import sys
import time

# The Neo4j driver logs each deprecation notice of every statement it runs: thousands of lines per
# operation timed, between the figures. The notices are Cypher's (graph/), not the benchmark's.
logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)


def say(message: str) -> None:
    """Tell the person waiting what is going on."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)
