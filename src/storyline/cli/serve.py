"""`storyline serve`: the store in the browser (and as JSON), until interrupted."""
from __future__ import annotations

import argparse
import os
import socket
import sys
import tempfile
from pathlib import Path

from ..errors import UsageError
from ..store import DEFAULT_PATH

TOKEN_VARIABLE = "STORYLINE_TOKEN"


def add_parser(commands) -> None:
    serve = commands.add_parser(
        "serve", help="browse the store: stories, timelines, dossiers, search, /add",
        description="Serve the store as web pages, each also JSON at its address plus .json "
                    "(the API is described at /openapi.json). Binds 127.0.0.1 by default. Every "
                    "write (/add) needs the token and comes from the site's own pages; the token "
                    "is generated and printed with a login link unless --token or "
                    f"{TOKEN_VARIABLE} gives it. On any other address every request needs it.",
        epilog="example: storyline serve --demo   (a store of the bundled demo articles)")
    serve.add_argument("--db", default=None, metavar="FILE",
                       help=f"the store to serve (default: {DEFAULT_PATH})")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to bind (default 127.0.0.1; any other needs the token)")
    serve.add_argument("--port", type=int, default=8800, help="port (default 8800)")
    serve.add_argument("--token", help=f"the access token (default: {TOKEN_VARIABLE}, else "
                                       "generated)")
    serve.add_argument("--allow-private-fetch", action="store_true",
                       help="let /add fetch URLs on loopback, private and link-local addresses")
    serve.add_argument("--max-body", type=int, default=None, metavar="BYTES",
                       help="largest request body (default 20,000,000 bytes)")
    serve.add_argument("--workers", type=int, default=1, metavar="N",
                       help="server processes (default 1); pages not yet kept render in "
                            "parallel, each process keeping its own and loading its own model "
                            "for /add")
    serve.add_argument("--demo", action="store_true",
                       help="serve a temporary store built from the bundled demo articles")
    serve.add_argument("--model", help="spaCy pipeline for /add and --demo (default: the best "
                                       "installed English one)")
    serve.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..config import Config
    from ..web.security import new_token
    from ..web.settings import MAX_BODY_BYTES, Settings

    if not 0 < args.port < 65536:
        raise UsageError(f"--port {args.port}: give a port from 1 to 65535")
    if args.max_body is not None and args.max_body < 1:
        raise UsageError(f"--max-body {args.max_body}: must be 1 or more")
    if not 1 <= args.workers <= 64:
        raise UsageError(f"--workers {args.workers}: give 1 to 64 processes")
    if args.demo and args.db:
        raise UsageError("--demo builds its own store; leave out --db")
    token = args.token or os.environ.get(TOKEN_VARIABLE) or new_token()
    if len(token) < 8:
        raise UsageError("--token: give at least 8 characters")
    config = Config(model=args.model or None)
    with tempfile.TemporaryDirectory(prefix="storyline-demo-") as folder:
        pipeline = None
        if args.demo:
            from ..demo import build_store
            from ..pipeline import Pipeline

            print("storyline: building the demo store (loading the model, 9 articles)…",
                  file=sys.stderr, flush=True)
            pipeline = Pipeline(config)
            db = str(build_store(Path(folder) / "demo.db", pipeline))
        else:
            db = args.db or DEFAULT_PATH
        settings = Settings(db=db, token=token, host=args.host, port=args.port,
                            allow_private_fetch=args.allow_private_fetch,
                            max_body_bytes=args.max_body or MAX_BODY_BYTES, config=config)
        return serve(settings, pipeline, args.workers)


def serve(settings, pipeline=None, workers: int = 1) -> int:
    import uvicorn

    from ..web import create_app
    from ..web.workers import to_environment

    app = create_app(settings, pipeline)  # checks the store in this process, before serving
    host = f"[{settings.host}]" if ":" in settings.host else settings.host
    address = f"http://{host}:{settings.port}"
    _check_listen(settings.host, settings.port, address)
    print(f"storyline: serving {settings.db} at {address}/"
          + (f" with {workers} worker processes" if workers > 1 else ""), file=sys.stderr)
    print(f"storyline: log in (needed to add articles{'' if settings.loopback else ', and to read'}"
          f"): {address}/?token={settings.token}", file=sys.stderr)
    print("storyline: press Ctrl-C to stop", file=sys.stderr, flush=True)
    options = dict(host=settings.host, port=settings.port, log_level="warning",
                   access_log=False, server_header=False, lifespan="off")
    try:
        if workers > 1:  # each worker builds its own app (`web/workers.py`)
            os.environ.update(to_environment(settings))
            uvicorn.run("storyline.web.workers:app_from_environment", factory=True,
                        workers=workers, **options)
        else:
            uvicorn.Server(uvicorn.Config(app, **options)).run()
    except KeyboardInterrupt:  # uvicorn stops gracefully, then passes the Ctrl-C on: a clean end
        pass
    print("storyline: stopped", file=sys.stderr)
    return 0


def _check_listen(host: str, port: int, address: str) -> None:
    """Fail in one line, before serving, when the address cannot be listened on (the port is
    taken, or the address is not this machine's)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise UsageError(f"cannot listen on {address}: {error.strerror or error}") from None
