"""`make bench`: the "February morning" sync benchmark.

Many simulated devices each push a batch of 5 mutations and pull their changes, against the
real app served by uvicorn (one process on SQLite; optionally several on PostgreSQL), beside a
bare Litestar JSON endpoint and, on SQLite, a minimal endpoint that bulk-inserts 5 rows per
request, both measured in the same run on the same machine (see bench/bare.py).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import msgspec

from backend.content.compiler import compile_content
from backend.settings import ROOT
from bench.client import Connection, Result, percentile, run_load


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(args: list[str], env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        args, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"server on port {port} did not start")


@dataclass
class Device:
    cookie: str
    cursor: str | None = None


class Row(msgspec.Struct):
    name: str
    requests: int
    seconds: float
    errors: int
    p50: float
    p95: float
    p99: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds


def summarise(name: str, result: Result, seconds: float) -> Row:
    ms = [x * 1000 for x in result.latencies]
    return Row(
        name=name,
        requests=len(ms),
        seconds=seconds,
        errors=result.errors,
        p50=percentile(ms, 50),
        p95=percentile(ms, 95),
        p99=percentile(ms, 99),
    )


async def bare_load(port: int, connections: int, seconds: float) -> Row:
    pool = [Connection("127.0.0.1", port) for _ in range(connections)]

    async def step(conn: Connection) -> int:
        status, _, _ = await conn.request("GET", "/bare")
        return status

    result, elapsed = await run_load(pool, step, seconds)
    for conn in pool:
        conn.close()
    return summarise("bare Litestar GET /bare", result, elapsed)


async def minimal_insert_load(port: int, connections: int, seconds: float) -> Row:
    pool = [Connection("127.0.0.1", port) for _ in range(connections)]
    account = str(uuid.uuid4())

    async def step(conn: Connection) -> int:
        rows = [{"id": str(uuid.uuid4()), "account": account, "value": n} for n in range(5)]
        status, _, _ = await conn.request("POST", "/bare/insert", msgspec.json.encode(rows))
        return status

    result, elapsed = await run_load(pool, step, seconds)
    for conn in pool:
        conn.close()
    return summarise("minimal SQLite insert (5 rows)", result, elapsed)


async def create_devices(port: int, count: int) -> list[Device]:
    devices: list[Device] = []
    conn = Connection("127.0.0.1", port)
    body = msgspec.json.encode({"time_zone": "UTC"})
    for _ in range(count):
        status, headers, _ = await conn.request(
            "POST", "/api/accounts", body, {"X-Attune-Client": "bench"}
        )
        if status != 201:
            raise RuntimeError(f"account creation failed: {status}")
        devices.append(Device(cookie=headers["set-cookie"].split(";", 1)[0]))
    conn.close()
    return devices


async def sync_load(
    port: int, devices: list[Device], connections: int, seconds: float, lessons: dict[str, int]
) -> Row:
    lesson_ids = list(lessons)
    today = dt.datetime.now(dt.UTC).date().isoformat()
    rng = random.Random(7)
    pool = [(Connection("127.0.0.1", port), devices[n::connections]) for n in range(connections)]
    turn = {id(conn): 0 for conn, _ in pool}
    decoder = msgspec.json.Decoder()

    def batch(device: Device) -> bytes:
        mutations = []
        for _ in range(5):
            lesson = rng.choice(lesson_ids)
            mutations.append(
                {
                    "id": str(uuid.uuid4()),
                    "kind": "lesson_progress",
                    "args": {"lesson_id": lesson, "card": rng.randrange(lessons[lesson])},
                    "local_date": today,
                    "created_at": dt.datetime.now(dt.UTC).isoformat(),
                }
            )
        return msgspec.json.encode(
            {"client_id": "bench", "cursor": device.cursor, "mutations": mutations}
        )

    async def step(worker: tuple[Connection, list[Device]]) -> int:
        conn, mine = worker
        device = mine[turn[id(conn)] % len(mine)]
        turn[id(conn)] += 1
        status, _, payload = await conn.request(
            "POST",
            "/api/sync",
            batch(device),
            {"Cookie": device.cookie, "X-Attune-Client": "bench"},
        )
        if status == 200:
            device.cursor = decoder.decode(payload)["cursor"]
        return status

    result, elapsed = await run_load(pool, step, seconds)
    for conn, _ in pool:
        conn.close()
    return summarise("POST /api/sync (push 5 + pull)", result, elapsed)


def print_rows(title: str, rows: list[Row]) -> None:
    print(f"\n{title}")
    print(f"  {'scenario':40} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for row in rows:
        print(
            f"  {row.name:40} {row.rps:9.0f} {row.p50:8.1f} {row.p95:8.1f} {row.p99:8.1f}"
            f" {row.errors:7d}"
        )


def scenario(
    title: str,
    database_url: str | None,
    workers: int,
    args: argparse.Namespace,
    lessons: dict[str, int],
) -> list[Row]:
    python = sys.executable
    var_dir = Path(tempfile.mkdtemp(prefix="attune-bench-"))
    env = {
        **os.environ,
        "ATTUNE_ENV": "test",
        "ATTUNE_SECRET_KEY": "bench-secret-key-long-enough-0000000000",
        "ATTUNE_VAR_DIR": str(var_dir),
        "ATTUNE_ACCOUNTS_PER_HOUR": "100000000",
        "ATTUNE_LOG_LEVEL": "WARNING",
    }
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    bare_port, app_port = free_port(), free_port()
    uvicorn = [
        python,
        "-m",
        "uvicorn",
        "--host",
        "127.0.0.1",
        "--no-access-log",
        "--log-level",
        "warning",
        "--workers",
        str(workers),
    ]
    bare = serve([*uvicorn, "--port", str(bare_port), "bench.bare:app"], env, bare_port)
    subprocess.run(
        [python, "-m", "backend", "migrate"], env=env, cwd=ROOT, check=True, capture_output=True
    )
    app = serve(
        [python, "-m", "backend", "serve", "--port", str(app_port), "--workers", str(workers)],
        env,
        app_port,
    )
    try:
        rows = asyncio.run(_measure(bare_port, app_port, args, lessons, database_url is None))
    finally:
        for process in (bare, app):
            process.terminate()
            process.wait(timeout=15)
        shutil.rmtree(var_dir, ignore_errors=True)
    print_rows(title, rows)
    sync = rows[-1]
    for name, yardstick in (("bare", rows[0]), ("minimal insert", rows[1])):
        if yardstick is sync:
            continue
        ratio = sync.rps / yardstick.rps if yardstick.rps else float("nan")
        print(
            f"  sync-to-{name} throughput ratio: {ratio:.3f} ({sync.rps:.0f} / {yardstick.rps:.0f})"
        )
    return rows


async def _measure(
    bare_port: int,
    app_port: int,
    args: argparse.Namespace,
    lessons: dict[str, int],
    with_minimal_insert: bool,
) -> list[Row]:
    """The yardsticks, then the app's sync: [bare, minimal insert (SQLite only), sync]."""
    await bare_load(bare_port, args.connections, 1)  # warm up
    rows = [await bare_load(bare_port, args.connections, args.seconds)]
    if with_minimal_insert:  # one SQLite file takes one process's writes
        await minimal_insert_load(bare_port, args.connections, 1)
        rows.append(await minimal_insert_load(bare_port, args.connections, args.seconds))
    devices = await create_devices(app_port, args.devices)
    await sync_load(app_port, devices, args.connections, 1, lessons)  # warm up
    rows.append(await sync_load(app_port, devices, args.connections, args.seconds, lessons))
    return rows


@contextlib.contextmanager
def fresh_database(server_url: str) -> Iterator[str]:
    """A new, empty database on the given PostgreSQL server, dropped afterwards."""
    name = f"attune_bench_{uuid.uuid4().hex[:8]}"

    async def admin(statement: str) -> None:
        conn = await asyncpg.connect(server_url)
        try:
            await conn.execute(statement)
        finally:
            await conn.close()

    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{server_url.rsplit('/', 1)[0]}/{name}"
    finally:
        asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--devices", type=int, default=1000)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument(
        "--postgres",
        default=os.environ.get("ATTUNE_BENCH_POSTGRES_URL"),
        help="also run on PostgreSQL with --pg-workers processes",
    )
    parser.add_argument("--pg-workers", type=int, default=2)
    args = parser.parse_args()
    lessons = {
        lesson.id: len(lesson.cards) for lesson in compile_content(ROOT / "content").pack.lessons
    }
    print(
        f"February morning: {args.devices} devices, {args.connections} connections, "
        f"{args.seconds:.0f} s per scenario, {os.cpu_count()} CPUs"
    )
    scenario("SQLite, one process", None, 1, args, lessons)
    if args.postgres:
        scenario(
            f"PostgreSQL, {args.pg_workers} processes",
            args.postgres,
            args.pg_workers,
            args,
            lessons,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
