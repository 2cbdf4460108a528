"""The console blueprint and what every console request shares."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template
from werkzeug.exceptions import HTTPException

from console import sessions

bp = Blueprint("console", __name__, url_prefix="/console", template_folder="templates",
               static_folder="static", static_url_path="/static")

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")


@bp.before_request
def _csrf() -> None:
    sessions.require_csrf()


@bp.after_request
def _headers(response: Response) -> Response:
    """Pages hold personal data: never cached, framed or leaked in a Referer."""
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    if not (response.mimetype or "").startswith(("text/css", "application/javascript", "text/javascript")):
        response.headers["Cache-Control"] = "no-store"
    return response


@bp.errorhandler(HTTPException)
def _http_error(exc: HTTPException) -> tuple[str, int]:
    """A plain console page: the status and a sentence, never a stack trace."""
    return render_template("error.html", error=exc), exc.code or 500


@bp.app_context_processor
def _template_globals() -> dict[str, object]:
    cfg = current_app.config
    return {"csrf_token": sessions.csrf_token, "poll_seconds": cfg["CONSOLE_POLL_SECONDS"],
            "outbox_mode": cfg["CONSOLE_OUTBOX_MODE"]}
