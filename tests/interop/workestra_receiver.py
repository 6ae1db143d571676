"""Workestra's receiver, as its docs write it (Python, standard library only).

The docs compare `hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()`
with the whole X-Workestra-Signature header, which always fails because the
header carries a `sha256=` prefix (see PROVIDERS.md). This receiver is the
docs' code with that one fix: the prefix is stripped before comparing.

    workestra_receiver.py sign --secret S BODY_FILE
        prints {"X-Workestra-Signature": "sha256=<hexdigest>"}
    workestra_receiver.py verify --secret S --header 'X-Workestra-Signature: ...' BODY_FILE
        exits 0 when the receiver accepts the delivery, 1 when it rejects it
"""

import hashlib
import hmac
import sys

from common import parse_args, print_headers, read_body


def expected_signature(secret, body):
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def main():
    args = parse_args()
    body = read_body(args.body)
    if args.command == "sign":
        print_headers({"X-Workestra-Signature": "sha256=" + expected_signature(args.secret, body)})
        return 0
    headers = {k.lower(): v for k, v in args.headers.items()}
    received = headers.get("x-workestra-signature", "")
    if received.startswith("sha256="):
        received = received[len("sha256="):]
    if not hmac.compare_digest(expected_signature(args.secret, body), received):
        print("rejected: signature mismatch", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
