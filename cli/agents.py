"""`roadside agents add|list|remove|reset-totp`: console accounts."""

from __future__ import annotations

import argparse
import getpass
import sys

from console.accounts import AGENT, ROLES, AccountError, Agent, AgentStore, otpauth_uri


def _store() -> AgentStore:
    from storage.services import Storage
    from storage.settings import Settings

    return AgentStore(Storage.from_settings(Settings.from_env()).records)


NO_TERMINAL = ("roadside: no terminal to ask for the password on; pipe it in with --password-stdin "
               "(one line on stdin)")


def _read_password(from_stdin: bool) -> str | None:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        print(NO_TERMINAL, file=sys.stderr)
        return None
    try:
        first = getpass.getpass("Password (12+ characters): ")
    except EOFError:
        print(NO_TERMINAL, file=sys.stderr)
        return None
    if getpass.getpass("Again: ") != first:
        print("roadside: the passwords differ", file=sys.stderr)
        return None
    return first


def cmd_add(args: argparse.Namespace) -> int:
    password = _read_password(args.password_stdin)
    if password is None:
        return 2
    try:
        agent = _store().add(args.name, password, args.role)
    except AccountError as exc:
        print(f"roadside: {exc}", file=sys.stderr)
        return 2
    print(f"added {agent.role} {agent.name}")
    _print_enrolment(agent, args.no_qr)
    return 0


def _print_enrolment(agent: Agent, no_qr: bool) -> None:
    uri = otpauth_uri(agent)
    print("Enrol the TOTP code in an authenticator app (scan the QR code or enter the URI):")
    print(uri)
    if not no_qr:
        import segno

        segno.make(uri, error="m").terminal(compact=True)


def cmd_remove(args: argparse.Namespace) -> int:
    store = _store()
    if store.get(args.name) is None:
        print(f"roadside: no agent named {args.name!r}", file=sys.stderr)
        return 1
    store.remove(args.name)
    print(f"removed {args.name}; their console sessions have ended")
    return 0


def cmd_reset_totp(args: argparse.Namespace) -> int:
    try:
        agent = _store().reset_totp(args.name)
    except AccountError as exc:
        print(f"roadside: {exc}", file=sys.stderr)
        return 1
    print(f"new TOTP secret for {agent.name}; the old code no longer works and their sessions have ended")
    _print_enrolment(agent, args.no_qr)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    store = _store()
    names = store.names()
    for name in names:
        agent = store.get(name)
        if agent is None:
            continue
        locked = store.locked_for(name)
        print(f"{agent.name}  {agent.role}" + (f"  locked {locked}s" if locked else ""))
    if not names:
        print("no agents yet: add one with `roadside agents add NAME`")
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    agents = sub.add_parser("agents", help="console accounts")
    asub = agents.add_subparsers(dest="agents_command", required=True)
    add = asub.add_parser("add", help="create an agent (password + TOTP enrolment)")
    add.add_argument("name")
    add.add_argument("--role", choices=ROLES, default=AGENT)
    add.add_argument("--password-stdin", action="store_true", help="read the password from one line of stdin")
    add.add_argument("--no-qr", action="store_true", help="print only the otpauth URI")
    add.set_defaults(func=cmd_add)
    lst = asub.add_parser("list", help="agents, their roles and lockouts")
    lst.set_defaults(func=cmd_list)
    remove = asub.add_parser("remove", help="delete an agent's account (their sessions end)")
    remove.add_argument("name")
    remove.set_defaults(func=cmd_remove)
    reset = asub.add_parser("reset-totp", help="a new TOTP enrolment for an agent (a lost phone)")
    reset.add_argument("name")
    reset.add_argument("--no-qr", action="store_true", help="print only the otpauth URI")
    reset.set_defaults(func=cmd_reset_totp)
