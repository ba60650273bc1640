"""`sifeng serve`: the review over HTTP for office systems (FastAPI on uvicorn, the `[serve]` extra).

- `POST /v1/review` (multipart `file`): the review JSON, as `sifeng review --format json`;
  synchronous, bounded in time (504 past the limit).
- `POST /v1/jobs` (multipart `file`, one or more files or a .zip): 202 `{"id"}`; the batch is a
  `screen` run whose workspace lives under `--data/jobs/<id>/`.
- `GET /v1/jobs/{id}?wait=S` long-polls the status; `/results` (JSONL), `/report.html`,
  `/report.xlsx`, `/letters.zip`; `DELETE /v1/jobs/{id}`.
- `/openapi.json`, `/docs` (a self-contained page: no CDN), `/healthz`.

A job's state is a file (`job.json`), so any worker process answers for any job and a restart loses
nothing: unfinished jobs are taken up again when the server starts (the screen workspace resumes where
it stopped), one process per job by a file lock. `X-API-Key` is required when `SIFENG_API_KEY` is set;
uploads are bounded by `SIFENG_MAX_UPLOAD_MB` (default 100); archives follow `screen`'s rules; temporary
files go under `--data`; every error is JSON `{code, message}` in Chinese, never a traceback.
"""


import asyncio
import datetime as dt
import fcntl
import html
import io
import json
import os
import re
import shutil
import threading
import time
import uuid
import zipfile
from pathlib import Path
from typing import Optional

STATUSES = ("queued", "running", "done", "failed")
_ID = re.compile(r"^[0-9a-f]{32}$")


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _settings(data: Path) -> dict:
    return {
        "data": data,
        "api_key": os.environ.get("SIFENG_API_KEY") or None,
        "max_bytes": int(float(os.environ.get("SIFENG_MAX_UPLOAD_MB", "100")) * 1024 * 1024),
        "review_seconds": float(os.environ.get("SIFENG_REVIEW_SECONDS", "120")),
        "job_workers": int(os.environ.get("SIFENG_JOB_WORKERS", "1")),
    }


# -- jobs on disk ---------------------------------------------------------------------------------


class Jobs:
    """Jobs as folders: `input/` (the uploads), `out/` (the screen workspace and reports) and
    `job.json` (status and counts), written atomically."""

    def __init__(self, root: Path, workers: int):
        self.root = root / "jobs"
        self.root.mkdir(parents=True, exist_ok=True)
        self.workers = workers
        self._locks: dict[str, object] = {}

    def folder(self, job_id: str) -> Path:
        if not _ID.match(job_id):
            raise ApiError(404, "not_found", f"没有编号为“{job_id}”的任务")
        folder = self.root / job_id
        if not (folder / "job.json").exists():
            raise ApiError(404, "not_found", f"没有编号为“{job_id}”的任务（可能已删除）")
        return folder

    def state(self, job_id: str) -> dict:
        folder = self.folder(job_id)
        for _ in range(5):
            try:
                return json.loads((folder / "job.json").read_text(encoding="utf-8"))
            except (json.JSONDecodeError, FileNotFoundError):
                time.sleep(0.05)
        raise ApiError(500, "job_state", "任务状态文件暂时无法读取，请稍后重试")

    def write(self, folder: Path, state: dict) -> None:
        tmp = folder / f"job.json.{os.getpid()}.{threading.get_ident()}.tmp"
        tmp.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, folder / "job.json")

    def create(self, files: list[tuple[str, bytes]]) -> str:
        job_id = uuid.uuid4().hex
        folder = self.root / job_id
        inputs = folder / "input"
        inputs.mkdir(parents=True)
        for index, (name, data) in enumerate(files):
            safe = _safe_name(name) or f"file-{index + 1}"
            target = inputs / safe
            if target.exists():
                target = inputs / f"{index + 1}-{safe}"
            target.write_bytes(data)
        self.write(folder, {"id": job_id, "status": "queued", "done": 0, "total": len(files), "failed": 0,
                            "created": dt.datetime.now().isoformat(timespec="seconds"), "message": None})
        return job_id

    def start(self, job_id: str) -> None:
        thread = threading.Thread(target=self._run, args=(job_id,), daemon=True, name=f"job-{job_id}")
        thread.start()

    def resume_unfinished(self) -> None:
        for folder in sorted(self.root.iterdir()):
            try:
                state = json.loads((folder / "job.json").read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError):
                continue
            if state.get("status") in ("queued", "running"):
                self.start(folder.name)

    def _run(self, job_id: str) -> None:
        from .screen import screen
        from .workspace import WorkspaceError

        folder = self.root / job_id
        lock = open(folder / "runner.lock", "a+")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            lock.close()  # another process runs it
            return
        try:
            state = json.loads((folder / "job.json").read_text(encoding="utf-8"))
            state["status"] = "running"
            self.write(folder, state)

            def on_start(total: int, already: int) -> None:
                state.update(total=total, done=already)
                self.write(folder, state)

            last = [0.0]

            def on_progress(done: int, failed: int, total: int) -> None:
                state.update(done=done, failed=failed, total=total)
                if time.monotonic() - last[0] > 0.5 or done == total:
                    last[0] = time.monotonic()
                    self.write(folder, state)

            try:
                batch = screen([str(folder / "input")], out=folder / "out", workers=self.workers,
                               on_start=on_start, on_progress=on_progress)
            except WorkspaceError as exc:
                state.update(status="failed", message=exc.message)
            except Exception as exc:  # noqa: BLE001 - the job fails, the server stays up
                state.update(status="failed", message=f"任务运行出错（{exc.__class__.__name__}）")
            else:
                state.update(status="done", total=len(batch.entries) + len(batch.input_problems),
                             done=len(batch.entries) + len(batch.input_problems),
                             failed=len(batch.failed) + len(batch.input_problems),
                             finished=dt.datetime.now().isoformat(timespec="seconds"))
            self.write(folder, state)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
            lock.close()

    def delete(self, job_id: str) -> None:
        folder = self.folder(job_id)
        lock = open(folder / "runner.lock", "a+")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            lock.close()
            raise ApiError(409, "job_running", "任务正在运行，完成后才能删除") from None
        try:
            shutil.rmtree(folder, ignore_errors=True)
        finally:
            lock.close()


def _safe_name(name: Optional[str]) -> str:
    """A client's file name reduced to a plain name inside the job folder (no paths, no dots-only)."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    base = re.sub(r"[\x00-\x1f]", "", base)
    return "" if base in ("", ".", "..") else base[:200]


# -- the application -----------------------------------------------------------------------------


def create_app(data: Path):
    from fastapi import FastAPI, Query, Request
    from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
    from starlette.exceptions import HTTPException as StarletteHTTPException

    settings = _settings(Path(data))
    data = settings["data"]
    data.mkdir(parents=True, exist_ok=True)
    tmp = data / "tmp"
    tmp.mkdir(exist_ok=True)
    os.environ["TMPDIR"] = str(tmp)  # LibreOffice and friends write inside --data
    import tempfile

    tempfile.tempdir = str(tmp)
    jobs = Jobs(data, settings["job_workers"])
    app = FastAPI(title="sifeng", version=__import__("sifeng").__version__, docs_url=None, redoc_url=None,
                  description="审查党的群众路线教育实践活动对照检查材料与整改方案（“四风”）。")
    state: dict = {}

    @app.on_event("startup")
    async def startup() -> None:
        from .review import default_reviewer

        state["reviewer"] = default_reviewer()  # loaded once per worker process
        jobs.resume_unfinished()

    @app.middleware("http")
    async def guard(request: Request, call_next):
        rejection = None
        if request.url.path not in ("/healthz", "/docs", "/openapi.json") and settings["api_key"]:
            if request.headers.get("x-api-key") != settings["api_key"]:
                rejection = _error(401, "unauthorized", "缺少或错误的 API 密钥（请求头 X-API-Key）")
        length = request.headers.get("content-length")
        size = int(length) if length and length.isdigit() else 0
        if rejection is None and size > settings["max_bytes"] + 64 * 1024:
            rejection = _error(413, "too_large", f"上传内容超过 {settings['max_bytes'] // (1024 * 1024)} MB 上限")
        if rejection is not None:
            # Read (and drop) a moderately sized body so that the client gets the answer instead
            # of a reset connection; a huge one is cut off.
            if size <= 4 * settings["max_bytes"]:
                async for _ in request.stream():
                    pass
            return rejection
        try:
            return await call_next(request)
        except Exception as exc:  # noqa: BLE001 - never a traceback to a client
            return _error(500, "internal", f"服务内部错误（{exc.__class__.__name__}）")

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError):
        return _error(exc.status, exc.code, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        messages = {404: "没有这个地址", 405: "不支持这种请求方法"}
        return _error(exc.status_code, "http_error", messages.get(exc.status_code, str(exc.detail)))

    from fastapi.exceptions import RequestValidationError

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        return _error(422, "bad_request", "请求格式不对：请用 multipart/form-data 上传，字段名为 file")

    async def uploads(request: Request) -> list[tuple[str, bytes]]:
        form = await request.form(max_part_size=settings["max_bytes"] + 1)
        files = []
        total = 0
        for key, value in form.multi_items():
            if key != "file" or not hasattr(value, "read"):
                continue
            content = await value.read()
            total += len(content)
            if total > settings["max_bytes"]:
                raise ApiError(413, "too_large", f"上传内容超过 {settings['max_bytes'] // (1024 * 1024)} MB 上限")
            files.append((value.filename or "upload", content))
        if not files:
            raise ApiError(422, "no_file", "没有收到文件：请用 multipart/form-data 上传，字段名为 file")
        return files

    @app.get("/healthz", summary="健康检查")
    async def healthz():
        return {"status": "ok"}

    @app.post("/v1/review", summary="审查一份材料（同步）",
              description="multipart 字段 file；返回与 `sifeng review --format json` 相同的审查结果。")
    async def review_endpoint(request: Request):
        from docparse import ParseError, parse

        name, content = (await uploads(request))[0]
        reviewer = state.get("reviewer")
        if reviewer is None:
            from .review import default_reviewer

            reviewer = state["reviewer"] = default_reviewer()

        def work():
            document = parse(content, filename=_safe_name(name) or "upload")
            return reviewer.review_document(document, filename=_safe_name(name) or "upload")

        loop = asyncio.get_running_loop()
        try:
            result = await asyncio.wait_for(loop.run_in_executor(None, work), settings["review_seconds"])
        except asyncio.TimeoutError:
            raise ApiError(504, "timeout", f"审查超过 {settings['review_seconds']:g} 秒仍未完成，请改用 /v1/jobs 批量任务")
        except ParseError as exc:
            raise ApiError(422, exc.code, exc.message)
        return Response(result.to_json(indent=None), media_type="application/json")

    @app.post("/v1/jobs", status_code=202, summary="提交批量审查任务（异步）",
              description="multipart 字段 file，可多个，也可以是 .zip 压缩包；返回任务编号。")
    async def create_job(request: Request):
        files = await uploads(request)
        job_id = jobs.create(files)
        jobs.start(job_id)
        return JSONResponse({"id": job_id}, status_code=202)

    @app.get("/v1/jobs/{job_id}", summary="任务状态（可长轮询）")
    async def job_status(job_id: str, wait: float = Query(0, ge=0, le=60, description="最多等待秒数，状态变化即返回")):
        current = jobs.state(job_id)
        deadline = time.monotonic() + wait
        while wait and current["status"] in ("queued", "running") and time.monotonic() < deadline:
            await asyncio.sleep(0.25)
            latest = jobs.state(job_id)
            if (latest["status"], latest.get("done")) != (current["status"], current.get("done")):
                current = latest
                break
            current = latest
        return {k: current.get(k) for k in ("id", "status", "done", "total", "failed", "message")}

    def _finished(job_id: str) -> Path:
        folder = jobs.folder(job_id)
        if jobs.state(job_id)["status"] != "done":
            raise ApiError(409, "not_done", "任务尚未完成")
        return folder / "out"

    @app.get("/v1/jobs/{job_id}/results", summary="逐份审查结果（JSONL）")
    async def job_results(job_id: str):
        return FileResponse(_finished(job_id) / "results.jsonl", media_type="application/x-ndjson",
                            filename="results.jsonl")

    @app.get("/v1/jobs/{job_id}/report.html", summary="HTML 报告")
    async def job_html(job_id: str):
        return FileResponse(_finished(job_id) / "report.html", media_type="text/html; charset=utf-8")

    @app.get("/v1/jobs/{job_id}/report.xlsx", summary="Excel 报告")
    async def job_xlsx(job_id: str):
        return FileResponse(_finished(job_id) / "report.xlsx", filename="report.xlsx",
                            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

    @app.get("/v1/jobs/{job_id}/letters.zip", summary="督导反馈意见初稿（zip）")
    async def job_letters(job_id: str):
        letters = _finished(job_id) / "letters"
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(letters.glob("*")) if letters.exists() else []:
                archive.write(path, path.name)
        return Response(buffer.getvalue(), media_type="application/zip",
                        headers={"Content-Disposition": 'attachment; filename="letters.zip"'})

    @app.delete("/v1/jobs/{job_id}", status_code=204, summary="删除任务及其全部文件")
    async def job_delete(job_id: str):
        jobs.delete(job_id)
        return Response(status_code=204)

    @app.get("/docs", include_in_schema=False)
    async def docs():
        schema = app.openapi()
        rows = "".join(
            f"<tr><td><code>{html.escape(method.upper())}</code></td><td><code>{html.escape(path)}</code></td>"
            f"<td>{html.escape(op.get('summary', ''))}</td><td>{html.escape(op.get('description', ''))}</td></tr>"
            for path, ops in schema["paths"].items() for method, op in ops.items())
        return HTMLResponse(
            "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'><title>sifeng 接口</title>"
            "<style>body{font-family:sans-serif;margin:24px}td,th{border:1px solid #ccc;padding:4px 8px}"
            "table{border-collapse:collapse}</style></head><body><h1>sifeng 接口</h1>"
            "<p>完整的 OpenAPI 描述：<a href='/openapi.json'>/openapi.json</a>。需要时在请求头中带 X-API-Key。</p>"
            f"<table><tr><th>方法</th><th>路径</th><th>说明</th><th>备注</th></tr>{rows}</table></body></html>")

    return app


def _error(status: int, code: str, message: str):
    from fastapi.responses import JSONResponse

    return JSONResponse({"code": code, "message": message}, status_code=status)


def app_from_env():
    """The application for `uvicorn --factory sifeng.serve:app_from_env` (several worker processes)."""
    return create_app(Path(os.environ.get("SIFENG_DATA", "sifeng-data")))
