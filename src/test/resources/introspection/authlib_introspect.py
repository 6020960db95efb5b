"""Introspects tokens at Tollgate with authlib's own RFC 7662 client code.

Reads one JSON object on standard input (so no token or secret is ever a command-line argument):
{"url": ..., "client_id": ..., "client_secret": ..., "auth_method": "client_secret_basic" or
"client_secret_post", "requests": [{"token": ..., "hint": ... or null}, ...]}.
Prints one JSON array: for each request, the status and the JSON body authlib's session received.
"""

import json
import sys

from authlib.integrations.requests_client import OAuth2Session


def main():
    job = json.load(sys.stdin)
    session = OAuth2Session(
        job["client_id"],
        job["client_secret"],
        revocation_endpoint_auth_method=job["auth_method"],
        default_timeout=10,
    )
    # The test's own server on the loopback interface: no proxy from the environment.
    session.trust_env = False
    answers = []
    for request in job["requests"]:
        response = session.introspect_token(job["url"], token=request["token"], token_type_hint=request.get("hint"))
        answers.append({"status": response.status_code, "body": response.json()})
    json.dump(answers, sys.stdout)


if __name__ == "__main__":
    main()
