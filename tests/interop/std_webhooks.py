"""Standard Webhooks through the reference Python library `standardwebhooks`.

    std_webhooks.py sign --secret S --id ID --timestamp UNIX BODY_FILE
        prints the headers the library signs, as a JSON object
    std_webhooks.py verify --secret S --header 'Name: value'... BODY_FILE
        exits 0 when the library accepts the delivery, 1 when it rejects it

Exits 2 when the library is not installed.
"""

import sys

from common import parse_args, print_headers, read_body, setup_failure

try:
    from standardwebhooks.webhooks import Webhook, WebhookVerificationError
except ImportError as e:
    setup_failure("standardwebhooks", e)

from datetime import datetime, timezone


def main():
    args = parse_args()
    body = read_body(args.body).decode("utf-8")
    wh = Webhook(args.secret)
    if args.command == "sign":
        ts = datetime.fromtimestamp(args.timestamp, tz=timezone.utc)
        print_headers(
            {
                "webhook-id": args.id,
                "webhook-timestamp": str(args.timestamp),
                "webhook-signature": wh.sign(args.id, ts, body),
            }
        )
        return 0
    try:
        wh.verify(body, args.headers, json_parse=False)
    except WebhookVerificationError as e:
        print(f"rejected: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
