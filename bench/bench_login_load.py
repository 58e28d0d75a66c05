"""Benchmark: the login page's answer time while hostile import previews run (issue 11's
Done-when: "< 1 s while 8 hostile previews run").

Starts ``jixiao serve --demo`` (8 threads) on a free port with a fresh data folder, stages a
slow file for each demo editor (a PDF of 300 pages of table text, the most the reading limits
let through), then fires 8 preview requests at once (the issue's "8 refreshes") while another
client loads the login page every 0.2 s. Prints the login page's times with and without the
load and what the previews answered (200 read, 503 "refresh in a few seconds").

    .venv/bin/python bench/bench_login_load.py
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JIXIAO = str(Path(sys.executable).with_name("jixiao"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _slow_pdf(path: Path, pages: int = 300) -> Path:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    for page in range(pages):
        for line in range(60):
            pdf.drawString(40, 800 - 13 * line, f"row {page}-{line} " + "1234567890 " * 9)
        pdf.showPage()
    pdf.save()
    return path


class Client:
    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(self.base + path, timeout=120) as r:
                return r.status, r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8", "replace")

    def _token(self, html: str) -> str:
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert found, "no CSRF token"
        return found.group(1)

    def login(self, username: str, password: str) -> None:
        _, html = self.get("/login/")
        data = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": self._token(html), "username": username, "password": password}
        ).encode()
        request = urllib.request.Request(self.base + "/login/", data=data)
        request.add_header("Referer", self.base + "/login/")
        self.opener.open(request, timeout=60).read()

    def upload(self, path: Path) -> str:
        """The preview URL of the staged file (the upload's redirect is not followed)."""
        _, html = self.get("/import/")
        boundary = "----jixiao-bench"
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"'
                f"\r\n\r\n{self._token(html)}\r\n--{boundary}\r\nContent-Disposition: form-data; "
                f'name="file"; filename="{path.name}"\r\nContent-Type: application/pdf\r\n\r\n'
            ).encode()
            + path.read_bytes()
            + f"\r\n--{boundary}--\r\n".encode()
        )
        request = urllib.request.Request(self.base + "/import/", data=body)
        request.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
        request.add_header("Referer", self.base + "/import/")
        request.add_header("X-Requested-With", "XMLHttpRequest")
        with self.opener.open(request, timeout=60) as r:
            text = r.read().decode()
        found = re.search(r'"redirect": "([^"]+)"', text)
        assert found, text
        return found.group(1)


def _login_times(base: str, seconds: float) -> list[float]:
    times: list[float] = []
    client = Client(base)
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        started = time.perf_counter()
        status, _ = client.get("/login/")
        assert status == 200
        times.append(time.perf_counter() - started)
        time.sleep(0.2)
    return times


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        port = _free_port()
        env = {**os.environ, "JIXIAO_DATA_DIR": str(Path(tmp) / "data"), "NO_COLOR": "1"}
        printed = Path(tmp) / "serve.out"
        server = subprocess.Popen(
            [JIXIAO, "serve", "--demo", "--port", str(port)],
            env=env,
            stdout=printed.open("w"),
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(120):
                try:
                    urllib.request.urlopen(base + "/login/", timeout=2).read()
                    break
                except OSError:
                    time.sleep(0.5)
            pdf = _slow_pdf(Path(tmp) / "slow.pdf")
            found = re.search(r"password (\S+?)\)", printed.read_text(encoding="utf-8"))
            assert found, "the demo password was not printed"
            password = found.group(1)
            editors = [Client(base), Client(base)]
            for client, name in zip(editors, ("unit", "unit2"), strict=True):
                client.login(name, password)
            urls = [client.upload(pdf) for client in editors for _ in range(4)]
            idle = _login_times(base, 3)
            answers: list[tuple[int, float]] = []

            def preview(k: int) -> None:
                started = time.perf_counter()
                status, _ = editors[k % 2].get(urls[k])
                answers.append((status, time.perf_counter() - started))

            workers = [threading.Thread(target=preview, args=(k,)) for k in range(8)]
            for w in workers:
                w.start()
            loaded = _login_times(base, 8)
            for w in workers:
                w.join()
        finally:
            server.terminate()
            server.wait(30)
    print(f"login page, idle:      median {statistics.median(idle):.3f} s, max {max(idle):.3f} s")
    print(
        f"login page, 8 previews: median {statistics.median(loaded):.3f} s, max {max(loaded):.3f} s"
    )
    codes = sorted(status for status, _ in answers)
    print(f"previews: {codes}; slowest {max(s for _, s in answers):.1f} s")


if __name__ == "__main__":
    main()
