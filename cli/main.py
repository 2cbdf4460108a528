"""Entry point of the `roadside` command."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from redis.exceptions import RedisError

from storage.errors import StorageError
from webhooks.log_format import configure_logging


def _storage():  # type: ignore[no-untyped-def]
    from storage.services import Storage
    from storage.settings import Settings

    return Storage.from_settings(Settings.from_env())


def cmd_run(args: argparse.Namespace) -> int:
    from cli.run import run_stack
    from cli.stack import Ports

    ports = Ports(web=args.port, rasa=args.rasa_port, actions=args.actions_port, redis=args.redis_port)
    return run_stack(ports, rasa_servers=args.rasa_servers, web_workers=args.web_workers)


def cmd_chat(args: argparse.Namespace) -> int:
    from cli.chat import chat
    from storage.settings import load_dotenv_file

    load_dotenv_file()
    return chat(args.url, args.sender)


def cmd_dispatch_list(args: argparse.Namespace) -> int:
    st = _storage()
    entries = st.dispatch.unacknowledged()
    rows = []
    for entry in entries:
        st.audit.record(f"cli:{args.actor}", "read_request", entry.fields.get("id", "?"))
        rows.append({"entry_id": entry.entry_id, **entry.fields, **entry.payload})
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        for row in rows:
            req = row.get("request") or {}
            print(f"{row['entry_id']}  {row.get('id')}  {row.get('type')}  {row.get('priority')}  "
                  f"{(req.get('issue') or {}).get('category', '')}  {(req.get('pickup') or {}).get('text', '')}")
        if not rows:
            print("no pending dispatch requests")
    return 0


def cmd_rotate_keys(args: argparse.Namespace) -> int:
    from storage.rotation import rotate

    st = _storage()
    report = rotate(st.client, st.keyring)
    print(f"re-encrypted {report.rewritten} values under key {st.keyring.current_kid}; "
          f"{report.current} already current; {report.stream_entries_on_old_keys} stream entries stay "
          "on older keys until retention removes them (keep those keys in ROADSIDE_DATA_KEYS until then)")
    return 0


def _at_least_one(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="roadside", description="Roadside intake bot")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run the whole stack locally")
    run.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8000), help="web app port")
    run.add_argument("--rasa-port", type=int, default=5005)
    run.add_argument("--actions-port", type=int, default=5055)
    run.add_argument("--redis-port", type=int, default=6390, help="private Redis (when REDIS_URL is unset)")
    run.add_argument("--rasa-servers", type=_at_least_one, default=os.environ.get("RASA_SERVERS") or "1",
                     help="Rasa servers (each with its own action server) on consecutive ports from --rasa-port "
                          "and --actions-port (default: RASA_SERVERS or 1)")
    run.add_argument("--web-workers", type=_at_least_one, default=os.environ.get("WEB_WORKERS") or "2",
                     help="gunicorn workers of the web app (default: WEB_WORKERS or 2)")
    run.set_defaults(func=cmd_run)

    chat = sub.add_parser("chat", help="text the running app as a driver")
    chat.add_argument("--from", dest="sender", default="+15085550142")
    chat.add_argument("--url", default="http://127.0.0.1:8000")
    chat.set_defaults(func=cmd_chat)

    dispatch = sub.add_parser("dispatch", help="dispatch queue")
    dsub = dispatch.add_subparsers(dest="dispatch_command", required=True)
    dlist = dsub.add_parser("list", help="pending dispatch requests, decrypted (each read is audited)")
    dlist.add_argument("--json", action="store_true")
    dlist.add_argument("--actor", default="operator")
    dlist.set_defaults(func=cmd_dispatch_list)
    from cli import dispatch_consumer

    dispatch_consumer.add_command(dsub)

    rotate = sub.add_parser("rotate-keys", help="re-encrypt stored values under the newest data key")
    rotate.set_defaults(func=cmd_rotate_keys)

    _add_optional_commands(sub)
    return parser


def _add_optional_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Commands contributed by other modules (privacy rights, agents)."""
    from cli import held, privacy

    privacy.add_commands(sub)
    held.add_commands(sub)
    try:
        from cli import agents  # type: ignore[attr-defined]
    except ImportError:
        pass
    else:
        agents.add_commands(sub)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        configure_logging()  # the scheduler (send-held) and every other command honour LOG_FORMAT too
        return int(args.func(args))
    except StorageError as exc:
        print(f"roadside: {exc}", file=sys.stderr)
        return 1
    except RedisError as exc:
        print(f"roadside: Redis unavailable ({exc.__class__.__name__})", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
