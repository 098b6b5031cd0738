"""Shared pieces of the load and fault scripts: gunicorn on loopback, a signed-in session, a load loop.

The load generator is plain Python (threads in a few processes, keep-alive HTTP/1.1 connections);
it runs on the same 2-core machine as the server, so it takes CPU from it: the figures are a lower
bound of what the server does alone.
"""

import http.client
import multiprocessing
import os
import platform
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")


def machine(vendor: str) -> str:
    """The machine line every results file starts with."""
    return (
        f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, database {vendor}"
    )


def save_result(kind: str, vendor: str, text: str, suffix: str = "md") -> Path:
    """Print a benchmark's table and keep it in benchmarks/results/<kind>-<vendor>-<date>.<suffix>."""
    out = ROOT / "benchmarks" / "results" / f"{kind}-{vendor}-{datetime.now():%Y%m%d-%H%M}.{suffix}"
    out.parent.mkdir(exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print()
    print(text)
    print(f"written to {out.relative_to(ROOT)}")
    return out


def django_setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wucheng_edu.settings")
    os.environ.setdefault("DJANGO_SECURE", "false")
    import django

    django.setup()


def session_cookie(username: str = "staff") -> str:
    """A valid session for `username`, made directly in the session store (no login round trip)."""
    django_setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from accounts.models import User

    user = User.objects.get(username=username)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session["last_activity"] = int(time.time())
    session.save()
    return f"sessionid={session.session_key}"


class Server:
    """gunicorn serving the project (and the trivial baseline view) on 127.0.0.1:`port`."""

    def __init__(self, port: int = 8765, workers: int = 4, log: str = "/tmp/bench-gunicorn.log"):
        self.port, self.workers, self.log = port, workers, log
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> "Server":
        env = {
            **os.environ,
            "DJANGO_SECURE": "false",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_DEBUG": "false",
            "LOG_LEVEL": os.environ.get("LOG_LEVEL", "WARNING"),
        }
        env.setdefault("DJANGO_SECRET_KEY", "benchmark-only-" + "x" * 40)
        self.proc = subprocess.Popen(
            [
                GUNICORN,
                "benchmarks.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--timeout",
                "60",
                "--graceful-timeout",
                "5",
            ],
            cwd=ROOT,
            env=env,
            stdout=open(self.log, "w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=5) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        raise RuntimeError(f"gunicorn did not start, see {self.log}")

    def __exit__(self, *exc) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def _worker(port, path, cookie, until, threads, queue):
    """One load process: `threads` keep-alive clients requesting `path` until `until` (epoch seconds).
    Puts a list of (start epoch, latency ms, status) — status 0 for a connection error."""
    samples: list[tuple[float, float, int]] = []
    lock = threading.Lock()

    def client():
        conn = None
        local = []
        while time.time() < until:
            start = time.time()
            t0 = time.perf_counter()
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
                response = conn.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException):
                status = 0
                if conn is not None:
                    conn.close()
                conn = None
                time.sleep(0.05)
            local.append((start, (time.perf_counter() - t0) * 1000, status))
        with lock:
            samples.extend(local)

    pool = [threading.Thread(target=client) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    queue.put(samples)


def run_load(port: int, path: str, cookie: str, seconds: float, processes: int = 2, threads: int = 4):
    """Load `path` for `seconds` with processes × threads concurrent clients; returns the samples."""
    queue = multiprocessing.Queue()
    until = time.time() + seconds
    procs = [
        multiprocessing.Process(target=_worker, args=(port, path, cookie, until, threads, queue))
        for _ in range(processes)
    ]
    for p in procs:
        p.start()
    samples = []
    for _ in procs:
        samples.extend(queue.get())
    for p in procs:
        p.join()
    return sorted(samples)


def summarize(samples, seconds: float) -> dict:
    ok = sorted(ms for _s, ms, status in samples if status == 200)
    errors = sum(1 for _s, _ms, status in samples if status != 200)
    return {
        "requests": len(samples),
        "rps": len(ok) / seconds,
        "errors": errors,
        "p50": ok[len(ok) // 2] if ok else None,
        "p95": ok[max(0, int(len(ok) * 0.95) - 1)] if ok else None,
    }
