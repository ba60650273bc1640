"""`sifeng serve`: the real server on 127.0.0.1 with an API key and a 20 MB upload limit."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")
pytest.importorskip("multipart")

REPO = Path(__file__).resolve().parents[1]
KEY = "test-key-0123"
TEXT_EXAMPLES = [p for p in sorted((REPO / "examples").iterdir()) if p.suffix in (".docx", ".txt", ".html")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, data: Path):
        self.data, self.port, self.process = data, _free_port(), None

    def start(self) -> "Server":
        env = {**os.environ, "SIFENG_API_KEY": KEY, "SIFENG_MAX_UPLOAD_MB": "20", "SIFENG_JOB_WORKERS": "1"}
        self.process = subprocess.Popen([sys.executable, "-m", "sifeng", "serve", "--port", str(self.port),
                                         "--data", str(self.data)], env=env, start_new_session=True,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if self.call("GET", "/healthz")[0] == 200:
                    return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("server did not start: " + self.process.stdout.read1(4000).decode("utf-8", "replace"))

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def call(self, method: str, path: str, files=None, key: str | None = KEY, timeout: float = 120):
        headers = {"X-API-Key": key.encode("utf-8").decode("latin-1")} if key else {}
        body = None
        if files is not None:
            boundary = uuid.uuid4().hex
            parts = []
            for name, data in files:
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
                             f"Content-Type: application/octet-stream\r\n\r\n".encode("utf-8") + data + b"\r\n")
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=body, method=method,
                                         headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    server = Server(tmp_path_factory.mktemp("serve-data")).start()
    yield server
    server.kill()


def test_openapi_lists_the_endpoints(server):
    status, body = server.call("GET", "/openapi.json", key=None)
    paths = json.loads(body)["paths"]
    assert status == 200 and "/v1/review" in paths and "/v1/jobs" in paths
    status, body = server.call("GET", "/docs", key=None)
    assert status == 200 and b"/v1/jobs" in body and b"cdn" not in body.lower()


def test_a_request_without_the_key_is_refused(server):
    status, body = server.call("POST", "/v1/review", files=[("a.txt", b"x")], key=None)
    assert status == 401 and json.loads(body)["code"] == "unauthorized"
    status, _ = server.call("GET", "/v1/jobs/" + "0" * 32, key="wrong")
    assert status == 401


def test_an_upload_over_the_limit_is_413(server):
    status, body = server.call("POST", "/v1/review", files=[("big.pdf", b"\0" * (21 * 1024 * 1024))])
    data = json.loads(body)
    assert status == 413 and data["code"] == "too_large" and "20 MB" in data["message"]


def test_review_returns_the_review_json(server):
    path = REPO / "examples" / "qingshi_zhen_zhenggai_fangan.docx"
    status, body = server.call("POST", "/v1/review", files=[(path.name, path.read_bytes())])
    data = json.loads(body)
    assert status == 200
    assert data["doc_type"] == "整改方案" and data["measures"] and data["verdict"]
    expected = subprocess.run([sys.executable, "-m", "sifeng", "review", str(path), "--format", "json"],
                              capture_output=True, text=True, check=True)
    assert data["verdict"] == json.loads(expected.stdout)["verdict"]


def test_a_damaged_upload_is_a_json_error(server):
    status, body = server.call("POST", "/v1/review", files=[("坏.docx", b"PK\x03\x04 this is not a zip")])
    data = json.loads(body)
    assert status == 422 and data["code"] and "坏.docx" in data["message"] and "Traceback" not in body.decode()


def test_32_reviews_from_8_concurrent_clients(server):
    files = [(p.name, p.read_bytes()) for p in TEXT_EXAMPLES]

    def one(k):
        name, data = files[k % len(files)]
        return server.call("POST", "/v1/review", files=[(name, data)])[0]

    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(one, range(32)))
    assert statuses == [200] * 32


def test_a_job_survives_a_kill_and_restart(tmp_path):
    server = Server(tmp_path / "data").start()
    files = []
    for k in range(3):
        for path in TEXT_EXAMPLES:
            data = path.read_bytes()
            if path.suffix == ".txt":
                data += f"\n第{k}份".encode("gb18030")
            files.append((f"{k}-{path.name}", data))
    scan = REPO / "examples" / "liuwan_cun_zhenggai_qingdan.pdf"
    files.append((scan.name, scan.read_bytes()))  # slow: OCR keeps the job running while we kill
    status, body = server.call("POST", "/v1/jobs", files=files)
    assert status == 202
    job = json.loads(body)["id"]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        state = json.loads(server.call("GET", f"/v1/jobs/{job}?wait=2")[1])
        if state["status"] == "running" and state["done"] >= 1:
            break
    assert state["status"] == "running", state
    server.kill()
    server = Server(tmp_path / "data").start()
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            status, body = server.call("GET", f"/v1/jobs/{job}?wait=20")
            assert status == 200, body
            state = json.loads(body)
            if state["status"] in ("done", "failed"):
                break
        assert state["status"] == "done", state
        status, body = server.call("GET", f"/v1/jobs/{job}/results")
        lines = [json.loads(line) for line in body.decode("utf-8").splitlines() if line.strip()]
        assert status == 200 and len(lines) == len(files)
        status, body = server.call("GET", f"/v1/jobs/{job}/report.html")
        assert status == 200 and "筛查报告" in body.decode("utf-8")
        status, body = server.call("GET", f"/v1/jobs/{job}/letters.zip")
        assert status == 200 and body[:2] == b"PK"
        assert server.call("DELETE", f"/v1/jobs/{job}")[0] == 204
        assert server.call("GET", f"/v1/jobs/{job}")[0] == 404
        # Nothing was written outside --data.
        assert {p.name for p in (tmp_path / "data").iterdir()} <= {"jobs", "tmp"}
    finally:
        server.kill()
        shutil.rmtree(tmp_path / "data", ignore_errors=True)
