"""A local Neo4j 5.26 Community server from pinned Maven artifacts, started, found again and stopped by Jalin.

Nothing is built or installed: Maven resolves the jars that `neo4j-server/pom.xml` pins into its local
repository, and Jalin starts Neo4j's own entry point on that classpath with a `neo4j.conf` it writes.
APOC core, which Neo4j loads only from its plugins directory, is copied there instead.
"""

import contextlib
import fcntl
import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil

from graph.server import exited_within
from jalin.errors import StoreUnavailable

POM = Path(__file__).resolve().parent.parent / "neo4j-server" / "pom.xml"
MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"
JAVA_VERSIONS = (17, 21)  # what Neo4j 5.26 runs on
START_TIMEOUT_S = 180.0  # a first start creates the system and neo4j databases: about 20 s here
STOP_TIMEOUT_S = 120.0  # a clean stop checkpoints the store first
MAVEN_TIMEOUT_S = 900.0  # the first resolution downloads about 135 MB
# Artifacts of the pom that Neo4j loads as plugins: procedures are found in the plugins directory only.
PLUGINS = ("apoc-core", "apoc-common")
# The flags Neo4j's launcher script would pass; starting the entry point directly, we pass them.
JVM_FLAGS = [
    "-XX:+UseG1GC", "-XX:-OmitStackTraceInFastThrow", "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024", "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048", "-Dlog4j2.disable.jmx=true", "-Dfile.encoding=UTF-8",
    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
]


@dataclass(frozen=True)
class Neo4jServerSettings:
    """Where a local Neo4j keeps its files, where it listens, its password and its memory."""

    home: Path
    password: str
    bolt_port: int = 7687
    http_port: int = 7474
    heap: str = "1g"
    page_cache: str = "1g"
    # Commands Browser runs once connected (Jalin's style and guide), and the hosts it may fetch them from.
    post_connect_cmd: str | None = None
    content_hosts: str = "localhost,127.0.0.1"
    # Added to the JVM's flags, of the server and of the admin tool that sets the initial password.
    jvm_flags: tuple[str, ...] = ()


def neo4j_conf(settings: Neo4jServerSettings) -> str:
    """Return the `neo4j.conf` of a local server: loopback only, auth on, no usage reports."""
    home = settings.home.resolve()
    lines = {
        "server.directories.data": home / "data",
        "server.directories.logs": home / "logs",
        "server.directories.run": home / "run",
        "server.directories.import": home / "import",
        "server.directories.plugins": home / "plugins",
        "server.directories.dumps.root": home / "data" / "dumps",
        "server.default_listen_address": "127.0.0.1",
        "server.default_advertised_address": "127.0.0.1",
        "server.bolt.listen_address": f":{settings.bolt_port}",
        "server.bolt.advertised_address": f":{settings.bolt_port}",
        "server.http.listen_address": f":{settings.http_port}",
        "server.http.advertised_address": f":{settings.http_port}",
        "server.https.enabled": "false",
        "dbms.security.auth_enabled": "true",
        "dbms.usage_report.enabled": "false",
        "server.memory.pagecache.size": settings.page_cache,
        "browser.remote_content_hostname_whitelist": settings.content_hosts,
    }
    if settings.post_connect_cmd:
        lines["browser.post_connect_cmd"] = settings.post_connect_cmd
    return "".join(f"{key}={value}\n" for key, value in lines.items())


class Neo4jServer:
    """One local Neo4j per home directory: its conf, data, logs and pid file live there."""

    def __init__(self, settings: Neo4jServerSettings) -> None:
        self.settings = settings
        self.home = settings.home.resolve()
        self.pidfile = self.home / "run" / "jalin-neo4j.pid"
        self.console = self.home / "logs" / "console.log"

    @property
    def bolt_uri(self) -> str:
        return f"bolt://127.0.0.1:{self.settings.bolt_port}"

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.settings.http_port}"

    def browser_url(self, user: str = "neo4j") -> str:
        """Return Browser's address with the connection form filled in (all but the password)."""
        return f"{self.http_url}/browser/?dbms=bolt://{user}@127.0.0.1:{self.settings.bolt_port}&db=neo4j"

    def pid(self) -> int | None:
        """Return the pid of the Neo4j serving this home directory, if one runs."""
        try:
            process = psutil.Process(int(self.pidfile.read_text().strip()))
            command = process.cmdline()
            alive = process.status() != psutil.STATUS_ZOMBIE
            return process.pid if alive and MAIN_CLASS in command and f"--home-dir={self.home}" in command else None
        except (FileNotFoundError, ValueError, psutil.Error):
            return None

    def start(self) -> bool:
        """Start Neo4j and return True once Bolt and HTTP answer; False if it runs already."""
        with self._locked():
            if self.pid() is not None:
                return False
            java = java_command()
            for port in (self.settings.bolt_port, self.settings.http_port):
                refuse_taken_port(port)
            classpath, plugins = split_plugins(resolve_classpath(self.home))
            self._write_conf()
            classpath = os.pathsep.join([classpath, *map(str, self._install_plugins(plugins))])
            self._set_initial_password(java, classpath)
            process = self._spawn(java, classpath)
            self._wait_until_answering(process)
            return True

    def stop(self) -> bool:
        """Stop Neo4j cleanly (it checkpoints first); return False if none ran. Raise if it will not stop."""
        with self._locked():
            pid = self.pid()
            if pid is None:
                return False
            os.kill(pid, signal.SIGTERM)
            if not exited_within(pid, STOP_TIMEOUT_S):
                raise StoreUnavailable(f"Neo4j (pid {pid}) did not stop within {STOP_TIMEOUT_S:.0f} s; "
                                       f"see {self.console}, or end it with: kill -9 {pid}")
            self.pidfile.unlink(missing_ok=True)
            return True

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        # Two `jalin neo4j start` at once: the second waits, then finds the first's server.
        self.home.mkdir(parents=True, exist_ok=True)
        with open(self.home / "jalin-neo4j.lock", "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _write_conf(self) -> None:
        for folder in ("conf", "data", "logs", "run", "import", "plugins", "tmp"):
            (self.home / folder).mkdir(parents=True, exist_ok=True)
        (self.home / "conf" / "neo4j.conf").write_text(neo4j_conf(self.settings), encoding="utf-8")

    def _install_plugins(self, jars: list[Path]) -> list[Path]:
        """Make the plugins directory hold exactly these jars (a version left by an older pom goes); return
        their copies there. Like Neo4j's launcher, the server gets them on its classpath too: Neo4j finds
        procedures in the directory, and a plugin's own extensions (APOC's configuration) on the classpath."""
        folder = self.home / "plugins"
        wanted = {jar.name: jar for jar in jars}
        for old in folder.glob("*.jar"):
            if old.name not in wanted:
                old.unlink()
        for name, jar in wanted.items():
            if not (folder / name).exists():
                shutil.copyfile(jar, folder / name)
        return [folder / name for name in wanted]

    def _environment(self) -> dict[str, str]:
        return {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(self.home / "conf")}

    def _set_initial_password(self, java: list[str], classpath: str) -> None:
        # Only a database that has never started takes an initial password; later it is a user's to change.
        if (self.home / "data" / "dbms" / "auth.ini").exists():
            return
        done = subprocess.run([*java, *self.settings.jvm_flags, "-cp", classpath, ADMIN_CLASS, "dbms",
                               "set-initial-password", self.settings.password],
                              env=self._environment(), capture_output=True, text=True)
        if done.returncode != 0:
            raise StoreUnavailable(f"Neo4j refused the initial password (JALIN_NEO4J_PASSWORD): "
                                   f"{(done.stderr or done.stdout).strip().splitlines()[-1]}")

    def _spawn(self, java: list[str], classpath: str) -> subprocess.Popen[bytes]:
        heap = self.settings.heap
        command = [*java, f"-Xms{heap}", f"-Xmx{heap}", *JVM_FLAGS, *self.settings.jvm_flags,
                   f"-Djava.io.tmpdir={self.home / 'tmp'}",
                   "-cp", classpath, MAIN_CLASS, f"--home-dir={self.home}",
                   f"--config-dir={self.home / 'conf'}", "--console-mode"]
        with open(self.console, "ab") as log:
            process = subprocess.Popen(command, env=self._environment(), stdin=subprocess.DEVNULL, stdout=log,
                                       stderr=subprocess.STDOUT, start_new_session=True,
                                       preexec_fn=raise_file_limit)
        self.pidfile.write_text(f"{process.pid}\n")
        return process

    def _wait_until_answering(self, process: subprocess.Popen[bytes]) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not (port_answers(self.settings.bolt_port) and http_answers(self.http_url)):
            if process.poll() is not None:
                self.pidfile.unlink(missing_ok=True)
                raise StoreUnavailable(f"Neo4j exited with code {process.returncode} while starting: "
                                       f"{last_error(self.console)} (see {self.console})")
            if time.monotonic() > deadline:
                raise StoreUnavailable(f"Neo4j did not answer within {START_TIMEOUT_S:.0f} s; see {self.console}")
            time.sleep(0.2)


def missing_requirements() -> str | None:
    """Return why this machine cannot start a local Neo4j (no fit Java, no Maven), or None when it can."""
    try:
        java_command()
    except StoreUnavailable as error:
        return error.detail
    return None if shutil.which("mvn") else "Maven (mvn) is needed to fetch Neo4j's jars: apt-get install maven"


def java_command() -> list[str]:
    """Return the java to start Neo4j with: JAVA_HOME's, else the one on PATH; it must be 17 or 21."""
    java_home = os.environ.get("JAVA_HOME")
    java = str(Path(java_home) / "bin" / "java") if java_home else shutil.which("java")
    if not java or not Path(java).exists():
        raise StoreUnavailable("no Java found: install a JDK 17 or 21 (apt-get install openjdk-17-jre-headless) "
                               "or set JAVA_HOME to one")
    version = java_version(java)
    if version not in JAVA_VERSIONS:
        raise StoreUnavailable(f"Neo4j 5.26 runs on Java 17 or 21, but {java} is Java {version}: "
                               "set JAVA_HOME to a JDK 17 or 21")
    return [java]


def java_version(java: str) -> int:
    """Return the feature release of a `java` executable (17 for 17.0.15)."""
    done = subprocess.run([java, "-XshowSettings:properties", "-version"], capture_output=True, text=True)
    found = re.search(r"java\.specification\.version = (\d+)", done.stderr)
    return int(found.group(1)) if found else 0


def classpath_cache(digest: str) -> Path:
    """Return where the classpath Maven resolved for the pom of `digest` is kept: in the user's cache
    directory, shared by every Neo4j home (its jars are in Maven's local repository, not in a home)."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "jalin" / f"neo4j-classpath-{digest[:16]}.txt"


def resolve_classpath(home: Path) -> str:
    """Return the server's classpath, asking Maven once per version of the pom (its first run downloads,
    and each run costs a JVM's start: about 10 s of CPU)."""
    digest = hashlib.sha256(POM.read_bytes()).hexdigest()
    cached = classpath_cache(digest)
    if cached.exists():
        pom_digest, _, classpath = cached.read_text().partition("\n")
        if pom_digest == digest and all(Path(jar).exists() for jar in classpath.split(os.pathsep)):
            return classpath.strip()
    mvn = shutil.which("mvn")
    if not mvn:
        raise StoreUnavailable("Maven (mvn) is needed to fetch Neo4j's jars: apt-get install maven")
    output = home / "classpath.mvn"
    done = subprocess.run([mvn, "-q", "-B", "-f", str(POM), "dependency:build-classpath",
                           f"-Dmdep.outputFile={output}"], capture_output=True, text=True, timeout=MAVEN_TIMEOUT_S)
    if done.returncode != 0:
        raise StoreUnavailable(f"Maven could not resolve Neo4j's jars from {POM}: "
                               f"{last_error_of((done.stdout + done.stderr).splitlines())}")
    classpath = output.read_text().strip()
    cached.parent.mkdir(parents=True, exist_ok=True)
    written = cached.with_name(f"{cached.name}.{os.getpid()}")  # then renamed: another process may read it
    written.write_text(f"{digest}\n{classpath}\n")
    written.replace(cached)
    return classpath


def split_plugins(classpath: str) -> tuple[str, list[Path]]:
    """Return the classpath without the plugin jars, and those jars."""
    jars = [Path(jar) for jar in classpath.split(os.pathsep) if jar]
    plugins = [jar for jar in jars if jar.name.startswith(tuple(f"{artifact}-" for artifact in PLUGINS))]
    return os.pathsep.join(str(jar) for jar in jars if jar not in plugins), plugins


def refuse_taken_port(port: int) -> None:
    """Raise unless nothing listens on loopback `port`."""
    if port_answers(port):
        raise StoreUnavailable(f"port {port} on 127.0.0.1 is taken by another program: stop it, or choose "
                               "other ports with JALIN_NEO4J_BOLT_PORT and JALIN_NEO4J_HTTP_PORT")


def port_answers(port: int) -> bool:
    """Tell whether something accepts connections on loopback `port`."""
    with socket.socket() as probe:
        probe.settimeout(1.0)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def http_answers(url: str) -> bool:
    """Tell whether Neo4j's HTTP discovery document answers at `url`: the last thing a start opens."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200 and b"neo4j_version" in response.read())
    except OSError:
        return False


def raise_file_limit() -> None:
    """Raise the open-files limit to its hard maximum: Neo4j warns below 40,000."""
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def last_error(log: Path) -> str:
    """Return the last line of a log that reads like an error, or its last line."""
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        return "no log written"
    return last_error_of(lines)


def last_error_of(lines: list[str]) -> str:
    """Return the last line that reads like an error, or the last line, or a placeholder."""
    errors = [line for line in lines if re.search(r"ERROR|Exception|Error:", line)]
    return (errors or lines or ["no output"])[-1].strip()
