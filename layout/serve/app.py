"""`newspage serve`: the live preview, a small Starlette app on loopback.

    GET /                    the preview page (thumbnails, one page large, the report)
    GET /api/state           pages, their problems and the edition's error, as JSON
    GET /api/page/N.svg      page N drawn as SVG with the proof layer
    GET /api/events          Server-Sent Events: the state after every rebuild
    GET /api/source?path=P   a file of the edition (refused outside the edition)
    GET /fonts/KEY.ttf       a face the pages use, by key (no other file)

A watcher (watchfiles) sees an article or edition.yaml saved, the engine
lays out again only the pages that changed, and every open page gets the
new state pushed; the browser fetches only the pages whose version moved.
The server binds 127.0.0.1 only and answers only requests from loopback
addressed to a loopback name (no DNS rebinding).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import threading
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    JSONResponse,
    PlainTextResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Route

from .engine import Engine, Snapshot

STATIC = Path(__file__).parent / "static"
LOOPBACK_HOSTS = {"127.0.0.1", "::1", "localhost"}
WATCHED = (".md", ".markdown", ".yaml", ".yml")


class Hub:
    """Open event streams; each gets every new snapshot's state."""

    def __init__(self) -> None:
        self.queues: set[asyncio.Queue] = set()
        self.closed = asyncio.Event()

    def publish(self, state: dict) -> None:
        for q in list(self.queues):
            q.put_nowait(state)

    def close(self) -> None:
        self.closed.set()


def state_dict(engine: Engine, snap: Snapshot) -> dict:
    pages = []
    for v in snap.pages:
        pages.append(
            {
                "number": v.number,
                "name": v.name,
                "version": v.version,
                "problems": [
                    {
                        "id": p.id,
                        "kind": p.kind,
                        "article": p.article,
                        "label": p.label,
                        "message": p.message,
                    }
                    for p in v.proof.problems
                ],
                "modules": [
                    {"article": m.article, "label": m.label, "kind": m.kind}
                    for m in v.proof.modules
                ],
                "notes": v.proof.notes,
                "report": v.report,
            }
        )
    return {
        "edition": engine.root.name,
        "version": snap.version,
        "rebuilt": snap.rebuilt,
        "seconds": round(snap.seconds, 4),
        "error": snap.error.as_dict() if snap.error else None,
        "faces": sorted(engine.faces()),
        "pages": pages,
    }


def _is_loopback(host: str | None) -> bool:
    if not host:
        return False
    return host in LOOPBACK_HOSTS or host.startswith("127.")


def create_app(edition_dir: Path | str, *, watch: bool = True, step_ms: int = 10) -> Starlette:
    engine = Engine(edition_dir)
    root = engine.root

    async def rebuild_and_publish() -> None:
        loop = asyncio.get_running_loop()
        before = engine.last
        snap = await loop.run_in_executor(None, engine.rebuild)
        if snap.version != before.version:
            app.state.hub.publish(state_dict(engine, snap))

    async def watcher() -> None:
        import watchfiles

        def wanted(change, path: str) -> bool:
            name = Path(path).name
            return not name.startswith(".") and name.endswith(WATCHED)

        hub: Hub = app.state.hub
        async for _changes in watchfiles.awatch(
            root, watch_filter=wanted, step=step_ms, debounce=400, stop_event=hub.closed
        ):
            await rebuild_and_publish()

    @contextlib.asynccontextmanager
    async def lifespan(app):
        app.state.hub = Hub()
        loop = asyncio.get_running_loop()
        app.state.loop = loop
        await loop.run_in_executor(None, engine.rebuild)
        task = asyncio.create_task(watcher()) if watch else None
        try:
            yield
        finally:
            app.state.hub.close()
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task

    async def index(request: Request) -> Response:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        path = STATIC / name
        if name not in {"app.js", "app.css"} or not path.is_file():
            return PlainTextResponse("not found", status_code=404)
        return FileResponse(path)

    async def state(request: Request) -> Response:
        return JSONResponse(state_dict(engine, engine.last))

    async def page_svg(request: Request) -> Response:
        view = engine.page(request.path_params["number"])
        if view is None:
            return PlainTextResponse("no such page", status_code=404)
        return Response(
            view.svg,
            media_type="image/svg+xml",
            headers={"Cache-Control": "no-cache", "ETag": f'"{view.version}"'},
        )

    async def font(request: Request) -> Response:
        path = engine.faces().get(request.path_params["key"])
        if path is None:
            return PlainTextResponse("not a face of this edition", status_code=404)
        return FileResponse(
            path, media_type="font/ttf", headers={"Cache-Control": "max-age=86400, immutable"}
        )

    async def source(request: Request) -> Response:
        wanted = request.query_params.get("path", "")
        path = _inside(root, wanted)
        if path is None:
            return JSONResponse(
                {"error": f"refused: '{wanted}' is not a file of the edition"}, status_code=403
            )
        return PlainTextResponse(path.read_text(encoding="utf-8", errors="replace"))

    async def events(request: Request) -> Response:
        hub: Hub = app.state.hub
        queue: asyncio.Queue = asyncio.Queue()
        hub.queues.add(queue)

        async def stream():
            try:
                first = state_dict(engine, engine.last)
                yield f"event: update\ndata: {json.dumps(first, ensure_ascii=False)}\n\n"
                while not hub.closed.is_set():
                    getter = asyncio.ensure_future(queue.get())
                    closer = asyncio.ensure_future(hub.closed.wait())
                    done, _ = await asyncio.wait(
                        {getter, closer}, timeout=15, return_when=asyncio.FIRST_COMPLETED
                    )
                    closer.cancel()
                    if getter in done:
                        data = json.dumps(getter.result(), ensure_ascii=False)
                        yield f"event: update\ndata: {data}\n\n"
                    else:
                        getter.cancel()
                        if not hub.closed.is_set():
                            yield ": keep-alive\n\n"
            finally:
                hub.queues.discard(queue)

        return StreamingResponse(
            stream(),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )

    routes = [
        Route("/", index),
        Route("/static/{name}", static),
        Route("/api/state", state),
        Route("/api/page/{number:int}.svg", page_svg),
        Route("/api/events", events),
        Route("/api/source", source),
        Route("/fonts/{key}.ttf", font),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
    ]
    app = Starlette(routes=routes, lifespan=lifespan, middleware=[Middleware(LoopbackOnly)])
    app.state.engine = engine
    app.state.rebuild = rebuild_and_publish

    return app


class LoopbackOnly:
    """Answers only clients on loopback that address the server by a loopback name."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            client = (scope.get("client") or ("", 0))[0]
            headers = dict(scope.get("headers") or [])
            host = headers.get(b"host", b"").decode("latin-1").rsplit(":", 1)[0].strip("[]")
            test = client == "testclient" and host == "testserver"  # starlette's TestClient
            if not test and not (_is_loopback(client) and _is_loopback(host)):
                await PlainTextResponse("loopback only", status_code=403)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _inside(root: Path, wanted: str) -> Path | None:
    """`wanted` as a file inside the edition folder (symlinks resolved), or None."""
    if not wanted or "\x00" in wanted:
        return None
    try:
        path = (root / wanted).resolve()
    except (OSError, RuntimeError):
        return None
    if not path.is_relative_to(root) or not path.is_file():
        return None
    return path


class PreviewServer:
    """uvicorn in a thread (tests, benchmarks) or in the foreground (the command)."""

    def __init__(self, edition_dir: Path | str, port: int = 0, *, watch: bool = True):
        import uvicorn

        self.app = create_app(edition_dir, watch=watch)
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", port))
        self.port = self.sock.getsockname()[1]
        config = uvicorn.Config(
            self.app,
            log_level="warning",
            lifespan="on",
            timeout_graceful_shutdown=2,
        )
        self.server = uvicorn.Server(config)
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def run(self) -> None:
        self.server.run(sockets=[self.sock])

    def start(self, timeout: float = 60.0) -> PreviewServer:
        self.thread = threading.Thread(target=self.run, name="newspage-serve", daemon=True)
        self.thread.start()
        waited = 0.0
        while not self.server.started:
            if not self.thread.is_alive():
                raise RuntimeError("the preview server stopped while starting")
            if waited > timeout:
                self.stop()
                raise TimeoutError(f"the preview server did not start in {timeout} s")
            threading.Event().wait(0.05)
            waited += 0.05
        return self

    def stop(self, timeout: float = 10.0) -> None:
        loop = getattr(self.app.state, "loop", None)
        if loop is not None and not loop.is_closed():  # end the event streams first
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self.app.state.hub.close)
        self.server.should_exit = True
        if self.thread is not None:
            self.thread.join(timeout)
        with contextlib.suppress(OSError):
            self.sock.close()

    def __enter__(self) -> PreviewServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def serve(edition_dir: Path, port: int = 8000) -> int:
    from ..errors import ContentError

    if not edition_dir.is_dir():
        raise ContentError(edition_dir, "the edition folder does not exist")
    server = PreviewServer(edition_dir, port)
    print(f"newspage serve: {edition_dir} on {server.url}  (Ctrl-C stops)", flush=True)
    server.run()
    return 0
