"""`jalin neo4j`: the local Neo4j's start, second start, stop and the one-line errors of a machine that
cannot run it. The server itself is the session's (`neo4j` fixture), started by the same launcher."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from graph.neo4j import Neo4jStore
from graph.neo4j_server import PLUGINS, neo4j_conf, split_plugins
from tests.conftest import free_port
from tests.neo4j_server import Neo4jEndpoint

ROOT = Path(__file__).resolve().parent.parent
JAVA_25 = Path("/usr/lib/jvm/temurin-25-jdk-amd64")


def jalin_neo4j(action: str, data_dir: Path, bolt: int, http: int, **env: str) -> subprocess.CompletedProcess[str]:
    """Run `jalin neo4j ACTION` on the local Neo4j of `data_dir` at the given ports."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("JALIN_")}
    settings = {"JALIN_DATA_DIR": str(data_dir), "JALIN_NEO4J_BOLT_PORT": str(bolt),
                "JALIN_NEO4J_HTTP_PORT": str(http), "JALIN_NEO4J_PASSWORD": "jalin-test"}
    return subprocess.run([sys.executable, "-m", "cli", "neo4j", action], cwd=ROOT,
                          env={**clean, **settings, **env}, capture_output=True, text=True, timeout=300)


def endpoint_args(neo4j: Neo4jEndpoint) -> tuple[Path, int, int]:
    if neo4j.server is None:
        pytest.skip("JALIN_TEST_NEO4J_URI names an outside server: the launcher is not under test")
    settings = neo4j.server.settings
    return settings.home.parent, settings.bolt_port, settings.http_port


def test_second_start_says_neo4j_runs_and_does_nothing(neo4j: Neo4jEndpoint) -> None:
    assert neo4j.server is not None
    pid = neo4j.server.pid()
    done = jalin_neo4j("start", *endpoint_args(neo4j))
    assert done.returncode == 0, done.stderr
    assert f"Neo4j already runs (pid {pid})" in done.stderr and "nothing to do" in done.stderr
    assert neo4j.server.pid() == pid


def test_status_names_the_running_server(neo4j: Neo4jEndpoint) -> None:
    done = jalin_neo4j("status", *endpoint_args(neo4j))
    assert done.returncode == 0 and neo4j.uri in done.stderr


def test_served_discovery_is_neo4j_5_with_browser(neo4j: Neo4jEndpoint) -> None:
    assert neo4j.server is not None
    import httpx

    discovery = httpx.get(neo4j.server.http_url).json()
    assert discovery["neo4j_version"].startswith("5.26.") and discovery["neo4j_edition"] == "community"
    assert discovery["bolt_direct"] == neo4j.uri  # advertised on the port it listens on
    browser = httpx.get(f"{neo4j.server.http_url}/browser/")
    assert browser.status_code == 200 and "Neo4j Browser" in browser.text


def test_start_on_a_taken_port_says_which_and_what_to_do(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = jalin_neo4j("start", tmp_path, port, free_port())
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"error: port {port} on 127.0.0.1 is taken by another program: stop it, or choose other ports "
        "with JALIN_NEO4J_BOLT_PORT and JALIN_NEO4J_HTTP_PORT"]


def test_start_without_java_says_what_to_install(tmp_path: Path) -> None:
    done = jalin_neo4j("start", tmp_path, free_port(), free_port(), JAVA_HOME=str(tmp_path / "no-jdk"))
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1
    assert "no Java found: install a JDK 17 or 21" in done.stderr


@pytest.mark.skipif(not JAVA_25.exists(), reason=f"no second JDK at {JAVA_25} to play the wrong Java")
def test_start_on_the_wrong_java_names_it(tmp_path: Path) -> None:
    done = jalin_neo4j("start", tmp_path, free_port(), free_port(), JAVA_HOME=str(JAVA_25))
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1
    assert f"{JAVA_25}/bin/java is Java 25: set JAVA_HOME to a JDK 17 or 21" in done.stderr


def test_stop_when_none_runs_says_so(tmp_path: Path) -> None:
    done = jalin_neo4j("stop", tmp_path, free_port(), free_port())
    assert done.returncode == 0 and "no local Neo4j runs; nothing to stop" in done.stderr


def test_conf_keeps_neo4j_on_loopback_with_auth_and_no_usage_reports(tmp_path: Path) -> None:
    from graph.neo4j_server import Neo4jServerSettings

    conf = dict(line.split("=", 1) for line in neo4j_conf(Neo4jServerSettings(
        home=tmp_path, password="x" * 8, post_connect_cmd="style http://127.0.0.1:8000/browser/style.grass"
    )).splitlines())
    assert conf["server.default_listen_address"] == "127.0.0.1"
    assert conf["dbms.security.auth_enabled"] == "true" and conf["dbms.usage_report.enabled"] == "false"
    assert conf["server.directories.data"] == str(tmp_path.resolve() / "data")
    assert conf["browser.post_connect_cmd"].startswith("style http://127.0.0.1:8000/")


async def test_local_neo4j_has_apoc_core_as_a_plugin(neo4j_session_store: Neo4jStore, neo4j: Neo4jEndpoint) -> None:
    rows = await neo4j_session_store.run("RETURN apoc.version() AS version, apoc.text.join(['a', 'b'], '-') AS joined")
    assert rows == [{"version": rows[0]["version"], "joined": "a-b"}] and rows[0]["version"].startswith("5.26")
    if neo4j.server is not None:  # one this session started: the plugin jars sit in its plugins directory
        assert {jar.name.split("-5.")[0] for jar in (neo4j.server.home / "plugins").glob("*.jar")} == set(PLUGINS)


def test_plugins_leave_the_classpath_for_the_plugins_directory() -> None:
    classpath = os.pathsep.join(["/m2/org/neo4j/neo4j-5.26.19.jar", "/m2/apoc-core-5.26.19.jar",
                                 "/m2/apoc-common-5.26.19.jar", "/m2/opencsv-5.7.1.jar"])
    rest, plugins = split_plugins(classpath)
    assert rest.split(os.pathsep) == ["/m2/org/neo4j/neo4j-5.26.19.jar", "/m2/opencsv-5.7.1.jar"]
    assert [p.name for p in plugins] == ["apoc-core-5.26.19.jar", "apoc-common-5.26.19.jar"]
