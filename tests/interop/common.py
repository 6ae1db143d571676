"""Argument parsing and output shared by the Python interop scripts."""

import argparse
import json
import sys


def setup_failure(package, error):
    print(
        f"the Python package {package} is not installed ({error}); "
        "install it with: pip install -r tests/interop/requirements.txt",
        file=sys.stderr,
    )
    sys.exit(2)


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["sign", "verify"])
    parser.add_argument("--secret", required=True)
    parser.add_argument("--id", default="")
    parser.add_argument("--timestamp", type=int, default=0)
    parser.add_argument("--header", action="append", default=[])
    parser.add_argument("body")
    args = parser.parse_args()
    args.headers = {}
    for raw in args.header:
        name, _, value = raw.partition(":")
        args.headers[name.strip()] = value.strip()
    return args


def read_body(path):
    with open(path, "rb") as f:
        return f.read()


def print_headers(headers):
    print(json.dumps(headers))
