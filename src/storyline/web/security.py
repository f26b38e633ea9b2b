"""The guard in front of every request (an ASGI middleware):

- on a loopback address, the Host header must name this machine (a page on another site cannot
  reach the server through a DNS name rebound to 127.0.0.1);
- off loopback, every request needs the token: ``Authorization: Bearer TOKEN``, or the cookie
  that the printed login link (``/?token=TOKEN``) sets;
- every write (any method but GET, HEAD, OPTIONS) needs a same-origin ``Origin`` (else
  ``Referer``) and the token (header, cookie, or the form's ``token`` field, which the route
  checks once the form is read: `write_allowed`), even on loopback;
- request bodies are capped: a larger ``Content-Length`` is refused at once, and a body that
  streams past the cap stops with `BodyTooLarge` (413);
- every response carries a strict Content-Security-Policy and the headers that go with it.
"""
from __future__ import annotations

import secrets
from urllib.parse import urlencode, urlsplit

from fastapi.responses import RedirectResponse
from starlette.requests import Request

from .render import error_response
from .settings import TOKEN_COOKIE, Settings, is_loopback

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
HEADERS = (
    (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; "
                                 b"frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
)
DEFAULT_PORTS = {"http": 80, "https": 443}


class BodyTooLarge(Exception):
    """A request body past `Settings.max_body_bytes`."""

    def __init__(self, cap: int):
        super().__init__(f"the request body is over the limit of {cap:,} bytes")
        self.cap = cap


def new_token() -> str:
    return secrets.token_urlsafe(24)


def same_token(given: str | None, token: str) -> bool:
    return bool(given) and secrets.compare_digest(given.encode(), token.encode())


def bearer(request: Request) -> str | None:
    value = request.headers.get("authorization", "")
    scheme, _, credential = value.partition(" ")
    return credential.strip() if scheme.lower() == "bearer" and credential.strip() else None


def presented_token(request: Request) -> str | None:
    """The token a request carries in its header or cookie (not a form: that is the route's)."""
    return bearer(request) or request.cookies.get(TOKEN_COOKIE) or None


def own_origin(request: Request) -> str:
    url = request.url
    port = url.port or DEFAULT_PORTS.get(url.scheme)
    host = url.hostname or ""
    host = f"[{host}]" if ":" in host else host
    return f"{url.scheme}://{host}" + ("" if port == DEFAULT_PORTS.get(url.scheme) else f":{port}")


def origin_of(value: str) -> str | None:
    """The scheme, host and port of an Origin or Referer header; None when it is no URL (a
    hostile header may be anything: "http://[::1", a port past 65535)."""
    try:
        parts = urlsplit(value)
        if not parts.scheme or not parts.hostname:
            return None
        port = parts.port or DEFAULT_PORTS.get(parts.scheme)
    except ValueError:
        return None
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return f"{parts.scheme}://{host}" + ("" if port == DEFAULT_PORTS.get(parts.scheme)
                                          else f":{port}")


def origin_problem(request: Request) -> str | None:
    """Why a write does not come from this site's own pages, or None when it does."""
    origin = request.headers.get("origin")
    if origin is None:
        referer = request.headers.get("referer")
        if referer is None:
            if bearer(request):  # a program with the token in its header, not a browser form
                return None
            return "a write must come from this site's own pages (no Origin or Referer header)"
        origin = origin_of(referer) or "null"
    if origin_of(origin) != own_origin(request):
        return f"a write must come from this site's own pages, not {origin[:100]!r}"
    return None


def write_allowed(request: Request, form_token: str | None) -> str | None:
    """Why a write is refused (no token, a wrong one), or None when its token is right."""
    token = request.app.state.settings.token
    given = presented_token(request) or form_token
    if not given:
        return ("a write needs the token: open the login link that `storyline serve` printed, "
                "or give it in the form's token field or an Authorization: Bearer header")
    if not same_token(given, token):
        return "wrong token"
    return None


class Guard:
    """The checks above, then the app; every response gets `HEADERS`."""

    def __init__(self, app, settings: Settings):
        self.app = app
        self.settings = settings
        self.allowed_hosts = {settings.host.strip("[]").lower()}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        request = Request(scope)
        refusal = self._refusal(request)
        if refusal is not None:
            await refusal(scope, receive, send_with_headers)
            return
        cap = self.settings.max_body_bytes
        received = 0

        async def capped_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > cap:
                    raise BodyTooLarge(cap)
            return message

        await self.app(scope, capped_receive, send_with_headers)

    def _refusal(self, request: Request):
        settings = self.settings
        if settings.loopback:
            host = (request.url.hostname or "").lower()
            if not (is_loopback(host) or host in self.allowed_hosts):
                return error_response(request, 421, f"this server answers on {settings.host} "
                                                    f"only, not as {host[:100]!r}")
        carried = presented_token(request)
        query_token = request.query_params.get("token")
        if query_token is not None and request.method == "GET":
            if not same_token(query_token, settings.token):
                return error_response(request, 403, "wrong token in the login link")
            return self._sign_in(request)
        if carried is not None and not same_token(carried, settings.token):
            return error_response(request, 403, "wrong token")
        signed_in = carried is not None
        request.scope.setdefault("state", {})["signed_in"] = signed_in
        if not settings.loopback and not signed_in:
            return error_response(request, 401, "this server needs its token: open the login "
                                                "link that `storyline serve` printed")
        if request.method not in SAFE_METHODS:
            problem = origin_problem(request)
            if problem:
                return error_response(request, 403, problem)
        length = request.headers.get("content-length")
        if length is not None and not (length.isascii() and length.isdigit()):
            return error_response(request, 400, f"Content-Length {length[:20]!r} is no number")
        if length is not None and int(length) > settings.max_body_bytes:
            return error_response(request, 413, f"the request body is over the limit of "
                                                f"{settings.max_body_bytes:,} bytes")
        return None

    def _sign_in(self, request: Request):
        """The login link: keep the token in a cookie, and go on to the page without it."""
        rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
        target = request.url.path + (f"?{urlencode(rest)}" if rest else "")
        response = RedirectResponse(_local(target), status_code=303)
        response.set_cookie(TOKEN_COOKIE, self.settings.token, httponly=True, samesite="strict",
                            path="/", secure=request.url.scheme == "https")
        return response


def _local(target: str) -> str:
    """A redirect target that stays on this site (a path, never //other.host)."""
    return "/" + target.lstrip("/\\")
