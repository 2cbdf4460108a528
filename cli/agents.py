"""`roadside agents add NAME` and `roadside agents list`: console accounts."""

from __future__ import annotations

import argparse
import getpass
import sys

from console.accounts import AGENT, ROLES, AccountError, AgentStore, otpauth_uri


def _store() -> AgentStore:
    from storage.services import Storage
    from storage.settings import Settings

    return AgentStore(Storage.from_settings(Settings.from_env()).records)


def _read_password(from_stdin: bool) -> str | None:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password (12+ characters): ")
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
    uri = otpauth_uri(agent)
    print(f"added {agent.role} {agent.name}")
    print("Enrol the TOTP code in an authenticator app (scan the QR code or enter the URI):")
    print(uri)
    if not args.no_qr:
        import segno

        segno.make(uri, error="m").terminal(compact=True)
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
