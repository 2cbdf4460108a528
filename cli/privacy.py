"""`roadside export` and `roadside erase`: a customer's data rights."""

from __future__ import annotations

import argparse
import json
import sys

from facts.phone import to_e164
from storage.erasure import erase_token, export_token


def _token(args: argparse.Namespace) -> tuple[object, str] | None:
    from storage.services import Storage
    from storage.settings import Settings

    phone = to_e164(args.phone)
    if phone is None:
        print(f"roadside: {args.phone!r} is not a valid phone number", file=sys.stderr)
        return None
    st = Storage.from_settings(Settings.from_env())
    return st, st.token(phone)


def cmd_export(args: argparse.Namespace) -> int:
    found = _token(args)
    if found is None:
        return 2
    st, token = found
    print(json.dumps(export_token(st, token, actor=f"cli:{args.actor}"), indent=2))  # type: ignore[arg-type]
    return 0


def cmd_erase(args: argparse.Namespace) -> int:
    found = _token(args)
    if found is None:
        return 2
    st, token = found
    report = erase_token(st, token, actor=f"cli:{args.actor}")  # type: ignore[arg-type]
    print(f"erased {report['keys']} records, {report['stream_entries']} queue entries and "
          f"{report['messages']} held or outbox texts"
          + ("; the opt-out is kept so we never text this number" if report["kept_opt_out"] else ""))
    return 0


def cmd_index_streams(args: argparse.Namespace) -> int:
    from storage.services import Storage
    from storage.settings import Settings

    st = Storage.from_settings(Settings.from_env())
    for stream in (st.dispatch, st.escalations):
        print(f"{stream.name}: indexed {stream.index_existing()} entries by customer")
    print(f"contacts: listed {st.contacts.index_existing()} withheld-id calls under the number they keyed in")
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    export = sub.add_parser("export", help="print everything held for a phone number as JSON (audited)")
    export.add_argument("--phone", required=True)
    export.add_argument("--actor", default="operator")
    export.set_defaults(func=cmd_export)
    erase = sub.add_parser("erase", help="delete everything held for a phone number except an opt-out (audited)")
    erase.add_argument("--phone", required=True)
    erase.add_argument("--actor", default="operator")
    erase.set_defaults(func=cmd_erase)
    index = sub.add_parser("index-streams", help="index the dispatch and escalation entries, and the withheld-id "
                                                 "calls' contact records, written before the per-customer index "
                                                 "existed (once, after upgrading)")
    index.set_defaults(func=cmd_index_streams)
