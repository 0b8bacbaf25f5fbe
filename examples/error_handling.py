"""What goes wrong and how to catch it: client-side validation, API errors, retries, bulk.

    python examples/error_handling.py

Every error derives from ``SmartleadError``; HTTP errors are ``APIError`` subclasses with
``status``, ``message`` and the request (never the API key). Runs against a local sandbox
without SMARTLEAD_API_KEY.
"""

from __future__ import annotations

from _connect import connect, run

from smartlead_async import (
    APIError,
    AuthenticationError,
    NotFoundError,
    RetryPolicy,
    SmartleadClient,
    SmartleadError,
    TransportError,
    ValidationError,
)


async def main() -> None:
    async with connect(seed=lambda sb: sb.seed_workspace(campaigns=2)) as sl:
        # 1. Bad arguments are rejected before any request is sent.
        try:
            await sl.campaigns.get(-1)
        except ValidationError as exc:
            print(f"validation: {exc}")

        # 2. HTTP errors have a class per status (404 here) with the details.
        try:
            await sl.campaigns.get(987_654_321)
        except NotFoundError as exc:
            print(f"not found: HTTP {exc.status} {exc.message!r} on {exc.method} {exc.path}")

        # 3. A wrong key is an AuthenticationError; the key never appears in messages.
        async with SmartleadClient("wrong-key", base_url=sl.base_url) as bad:
            try:
                await bad.campaigns.list()
            except AuthenticationError as exc:
                print(f"auth: {exc}")

        # 4. Transport failures (connection refused, timeouts) are TransportError; retries
        #    are configurable per client or per call site with with_options().
        async with SmartleadClient(
            "any-key", base_url="http://127.0.0.1:9/api/v1", retry=RetryPolicy(max_attempts=2)
        ) as offline:
            try:
                await offline.campaigns.list()
            except TransportError as exc:
                print(f"transport: {type(exc).__name__}: {exc}")
        quick = sl.with_options(timeout=5.0, retry=None)  # same session and rate gate
        print(f"campaigns (no retries, 5 s timeout): {len(await quick.campaigns.list())}")

        # 5. Bulk calls capture errors per item instead of raising the first one.
        results = await sl.bulk.map(sl.campaigns.get_analytics, [1, 2, 3])
        for failure in results.failed:
            error = failure.error
            status = error.status if isinstance(error, APIError) else "-"
            print(f"bulk item {failure.item}: {type(error).__name__} (status {status})")

        # 6. Anything else from the SDK is still a SmartleadError.
        try:
            await sl.request("GET", "/no-such-route")
        except SmartleadError as exc:
            print(f"catch-all: {type(exc).__name__}: {exc}")


if __name__ == "__main__":
    run(main)
