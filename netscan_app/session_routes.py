"""The login cookie, set by the server: HttpOnly, SameSite=Strict, and Secure behind HTTPS.

Streamlit's script cannot send HTTP headers, and a cookie written from JavaScript cannot be
HttpOnly. So ``serve.py`` runs the app as ``st.App`` (Streamlit's ASGI mode, served by
``streamlit run serve.py``) with three small routes of our own:

- ``GET /_netscan/session?code=…&next=…``: the sign-in page hands the browser a one-time code
  (a login token valid for ``HANDOVER_TTL``, stored as a hash like every token); this route
  trades it for the real session token, sets it as an HttpOnly cookie and sends the browser on
  to ``next`` (a path of this app only). A code works once.
- ``GET /_netscan/sign-out``: the session was already ended in the database by the page; this
  route deletes the cookie the page's JavaScript cannot reach, and goes to the sign-in page.
- ``GET /_netscan/ready``: readiness for a proxy or orchestrator (200, or 503 with the reason).

Secure: when the request came over HTTPS, or a proxy says so in ``X-Forwarded-Proto`` (set
``NETSCAN_TRUST_PROXY=1`` only behind a proxy that sets it). Run as plain ``streamlit run app.py``
these routes do not exist (``ENABLED`` stays False) and the app falls back to a cookie written by
JavaScript (``auth.py``); docs/app.md says what each mode protects.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from typing import Any

from diagnose.store import Store

HANDOVER_TTL = dt.timedelta(seconds=60)
SESSION_PATH = "/_netscan/session"
SIGN_OUT_PATH = "/_netscan/sign-out"
READY_PATH = "/_netscan/ready"

#: True once serve.py has added the routes to this process's server
ENABLED = False

_store: Store | None = None
_store_lock = threading.Lock()


def _get_store() -> Store:
    global _store
    with _store_lock:
        if _store is None:
            _store = Store.open()
        return _store


def safe_next(target: str | None) -> str:
    """Only a path of this app: never another site (``//evil``, ``https://…``, ``/\\evil``)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def is_https(scheme: str, headers: Any) -> bool:
    if scheme == "https":
        return True
    trust = os.environ.get("NETSCAN_TRUST_PROXY", "").strip() in ("1", "true", "yes")
    return trust and str(headers.get("x-forwarded-proto", "")).split(",")[0].strip() == "https"


def routes() -> list[Any]:
    """Our routes, for ``st.App(routes=...)``; marks this process as serving them."""
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse, RedirectResponse
    from starlette.routing import Route

    from netscan_app.auth import COOKIE, COOKIE_MAX_AGE

    def session(request: Request) -> RedirectResponse:
        code = request.query_params.get("code", "")
        target = safe_next(request.query_params.get("next"))
        store = _get_store()
        token = store.exchange_login_token(code) if code else None
        response = RedirectResponse(target, status_code=303)
        response.headers["Cache-Control"] = "no-store"
        response.headers["Referrer-Policy"] = "no-referrer"
        if token is not None:
            response.set_cookie(
                COOKIE,
                token,
                max_age=COOKIE_MAX_AGE,
                path="/",
                httponly=True,
                samesite="strict",
                secure=is_https(request.url.scheme, request.headers),
            )
        return response

    def sign_out(request: Request) -> RedirectResponse:
        response = RedirectResponse("/", status_code=303)
        response.headers["Cache-Control"] = "no-store"
        response.delete_cookie(
            COOKIE,
            path="/",
            httponly=True,
            samesite="strict",
            secure=is_https(request.url.scheme, request.headers),
        )
        return response

    def ready(request: Request) -> PlainTextResponse:
        """For the proxy's and the orchestrator's health checks: 200 only when this process can
        serve people (its database answers and has the schema it needs), else 503. Streamlit's own
        /_stcore/health says 200 as long as the process runs, even with the database gone."""
        try:
            ok, reason = _get_store().readiness()
        except Exception as exc:  # a store that cannot even be opened (bad URL): not ready, say why
            ok, reason = False, f"store cannot be opened: {type(exc).__name__}"
        response = PlainTextResponse(reason + "\n", status_code=200 if ok else 503)
        response.headers["Cache-Control"] = "no-store"
        return response

    global ENABLED
    ENABLED = True
    return [
        Route(SESSION_PATH, session, methods=["GET"]),
        Route(SIGN_OUT_PATH, sign_out, methods=["GET"]),
        Route(READY_PATH, ready, methods=["GET", "HEAD"]),
    ]
