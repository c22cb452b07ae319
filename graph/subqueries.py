"""A dialect difference: how a CALL subquery imports variables.

FalkorDB parses only the importing WITH (`CALL { WITH n MATCH ... }`); Neo4j 5.26 deprecates it,
and a subquery with no scope at all, in favour of a scope clause (`CALL (n) { MATCH ... }`) and
warns on every statement that uses the old form. The shared statements keep FalkorDB's form and
the Neo4j store sends each through `scoped_subqueries`."""

import re
from functools import lru_cache

CALL = re.compile(r"\bCALL \{")
UNION = re.compile(r"\bUNION\b")
IMPORTING_WITH = re.compile(r"(\s*)WITH (\w+(?:, \w+)*)\s+(?=MATCH|OPTIONAL|UNWIND|RETURN|CALL|CREATE|MERGE)")


def _closing_brace(text: str, opening: int) -> int:
    """Return the index of the brace closing the one at `opening`."""
    depth = 0
    for i in range(opening, len(text)):
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        if depth == 0:
            return i
    raise ValueError(f"unbalanced braces after: {text[opening:opening + 40]!r}")


def _scoped(body: str) -> tuple[list[str], str]:
    """Return the variables a subquery body imports, and the body without its importing WITHs."""
    imported: list[str] = []
    branches = []
    for branch in UNION.split(body):
        found = IMPORTING_WITH.match(branch)
        if found:
            imported += [v for v in found.group(2).split(", ") if v not in imported]
            branch = found.group(1) + branch[found.end():]
        branches.append(branch)
    return imported, "UNION".join(branches)


@lru_cache(maxsize=512)
def scoped_subqueries(statement: str) -> str:
    """Return `statement` with each `CALL { WITH a, b ... }` written as `CALL (a, b) { ... }`."""
    out, position = [], 0
    for call in CALL.finditer(statement):
        if call.start() < position:
            continue  # inside a subquery already rewritten
        opening = call.end() - 1
        closing = _closing_brace(statement, opening)
        imported, body = _scoped(scoped_subqueries(statement[opening + 1:closing]))
        out += [statement[position:call.start()], f"CALL ({', '.join(imported)}) {{", body, "}"]
        position = closing + 1
    return "".join(out) + statement[position:]
