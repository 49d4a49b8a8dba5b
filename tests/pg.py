"""A throwaway PostgreSQL server for the tests: initdb into a temporary folder, started on a free
port of 127.0.0.1, stopped at the end of the session. Each test gets a database of its own, cloned
from a migrated template.

The server binaries are looked up in PG_BIN, then /usr/lib/postgresql/<newest>/bin (Debian's
`postgresql` package, which .ci/run installs when missing), then PATH. PostgreSQL refuses to run
as root: under root the server runs as the `postgres` user (or `nobody`).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import asyncpg


def server_bin_dir() -> Path:
    candidates = [os.environ.get("PG_BIN", "")]
    candidates += sorted((str(p) for p in Path("/usr/lib/postgresql").glob("*/bin")), key=_version, reverse=True)
    found = shutil.which("initdb")
    candidates.append(str(Path(found).parent) if found else "")
    for folder in filter(None, candidates):
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    raise RuntimeError(
        "PostgreSQL server binaries not found (initdb, pg_ctl): install Debian's postgresql package "
        "(.ci/run does) or set PG_BIN"
    )


def _version(path: str) -> int:
    name = Path(path).parent.name
    return int(name) if name.isdigit() else 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PgServer:
    root: Path
    port: int
    bin_dir: Path
    run_as: str | None
    names = itertools.count(1)

    @property
    def admin_url(self) -> str:
        return self.url("postgres")

    def url(self, database: str) -> str:
        return f"postgresql://newsbot@127.0.0.1:{self.port}/{database}"

    @classmethod
    def start(cls) -> PgServer:
        bin_dir = server_bin_dir()
        root = Path(tempfile.mkdtemp(prefix="newsbot-pg-"))
        run_as = None
        if os.geteuid() == 0:
            run_as = next(u for u in ("postgres", "nobody") if _user_exists(u))
            user = pwd.getpwnam(run_as)
            os.chown(root, user.pw_uid, user.pw_gid)
        server = cls(root, free_port(), bin_dir, run_as)
        server._run("initdb", "-D", str(root / "data"), "-U", "newsbot", "--auth=trust", "-E", "UTF8",
                    "--locale=C.UTF-8", "--no-sync")
        options = (
            f"-p {server.port} -c listen_addresses=127.0.0.1 -k {root} -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=300 -c shared_buffers=128MB"
        )
        server._run("pg_ctl", "-D", str(root / "data"), "-o", options, "-l", str(root / "log"), "-w", "start")
        return server

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.root, ignore_errors=True)

    def _run(self, program: str, *args: str, check: bool = True) -> None:
        command = [str(self.bin_dir / program), *args]
        if self.run_as:
            command = ["setpriv", f"--reuid={self.run_as}", f"--regid={self.run_as}", "--init-groups", *command]
        result = subprocess.run(command, capture_output=True, text=True, cwd=self.root, timeout=120)
        if check and result.returncode != 0:
            log = (self.root / "log").read_text(errors="replace") if (self.root / "log").exists() else ""
            raise RuntimeError(f"{program} failed: {result.stderr or result.stdout}\n{log[-2000:]}")

    async def create_database(self, template: str | None = None) -> str:
        """A new empty database (or a copy of `template`); its URL."""
        name = f"t{os.getpid()}_{next(self.names)}"
        conn = await asyncpg.connect(self.admin_url)
        try:
            clause = f" TEMPLATE {template}" if template else ""
            await conn.execute(f"CREATE DATABASE {name}{clause}")
        finally:
            await conn.close()
        return self.url(name)


    def create_database_sync(self, template: str | None = None) -> str:
        """`create_database` from synchronous code (fixtures), whatever event loop is running."""
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            return pool.submit(asyncio.run, self.create_database(template)).result()


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True
