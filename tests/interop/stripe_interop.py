"""Stripe signatures through Stripe's own Python library `stripe`.

    stripe_interop.py sign --secret S --timestamp UNIX BODY_FILE
        prints {"Stripe-Signature": ...} as the library generates it
    stripe_interop.py verify --secret S --header 'Stripe-Signature: ...' BODY_FILE
        exits 0 when stripe.Webhook.construct_event accepts the delivery, 1 when
        it raises SignatureVerificationError

Exits 2 when the library is not installed.
"""

import sys

from common import parse_args, print_headers, read_body, setup_failure

try:
    import stripe
except ImportError as e:
    setup_failure("stripe", e)


def main():
    args = parse_args()
    body = read_body(args.body)
    if args.command == "sign":
        header = stripe.WebhookSignature.generate_signature_header(
            body.decode("utf-8"), args.secret, timestamp=args.timestamp
        )
        print_headers({"Stripe-Signature": header})
        return 0
    header = {k.lower(): v for k, v in args.headers.items()}.get("stripe-signature")
    try:
        stripe.WebhookSignature.verify_header(body, header, args.secret, tolerance=300)
        event = stripe.Webhook.construct_event(body, header, args.secret)
    except stripe.SignatureVerificationError as e:
        print(f"rejected: {e}", file=sys.stderr)
        return 1
    print(f"accepted event {event.id}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
