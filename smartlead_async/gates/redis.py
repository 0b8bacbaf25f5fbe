"""RedisGate: one strict rate budget shared by every process and host that uses an API key.

Requires the ``redis`` extra (``pip install 'smartlead-async[redis]'``). The windows, the
requests in flight and the shared cooldown live in Redis under keys derived from a hash of
the API key (never the key itself) and are updated atomically by Lua scripts that read the
Redis server's clock, so the clocks of the clients never matter.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections import deque
from collections.abc import Mapping
from typing import Any, Literal

from smartlead_async.errors import ConfigurationError, GateUnavailableError
from smartlead_async.gates._headers import (
    DEFAULT_MAX_PAUSE,
    check_margin,
    check_max_pause,
    pause_from_headers,
    window_span,
)
from smartlead_async.gates._limits import (
    DEFAULT_RATE_LIMIT,
    RateLimit,
    RateLimitSpec,
    key_fingerprint,
    normalize_limits,
)
from smartlead_async.gates.local import LocalGate

try:
    import redis.asyncio as aioredis
    from redis.exceptions import RedisError
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "RedisGate needs the redis package: pip install 'smartlead-async[redis]'"
    ) from exc

logger = logging.getLogger("smartlead_async.gate")

# KEYS: cooldown, pending, half_open, released, window_1..window_n
# ARGV: token, lease_seconds, then (limit, span) pairs (span: the window plus its margin)
# half_open holds '1' after a capped pause, or the token of the probe that is out.
_ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local cooldown = tonumber(redis.call('GET', KEYS[1]) or '0')
if cooldown > now then
  return tostring(cooldown - now)
end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local in_flight = redis.call('ZCARD', KEYS[2])
local half = redis.call('GET', KEYS[3])
if half and in_flight > 0 then
  return '-1'
end
local wait = 0
for i = 5, #KEYS do
  local limit = tonumber(ARGV[3 + (i - 5) * 2])
  local span = tonumber(ARGV[4 + (i - 5) * 2])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - span)
  local used = in_flight + redis.call('ZCARD', KEYS[i])
  if used >= limit then
    local this_wait
    if in_flight >= limit then
      this_wait = -1
    else
      local oldest = redis.call('ZRANGE', KEYS[i], used - limit, used - limit, 'WITHSCORES')
      this_wait = tonumber(oldest[2]) + span - now
    end
    if this_wait < 0 then
      wait = -1
    elseif wait >= 0 and this_wait > wait then
      wait = this_wait
    end
  end
end
if wait ~= 0 then
  return tostring(wait)
end
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), ARGV[1])
redis.call('EXPIRE', KEYS[2], math.ceil(tonumber(ARGV[2])) + 1)
if half then
  redis.call('SET', KEYS[3], ARGV[1], 'EX', 86400)
end
return '0'
"""

# KEYS: cooldown, pending, half_open, released, window_1..window_n
# ARGV: token, pause_seconds, capped (0/1), success (0/1), then the span of each window
# Each release also pushes to `released`, which a waiter blocked on in-flight requests pops.
_RELEASE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
redis.call('ZREM', KEYS[2], ARGV[1])
for i = 5, #KEYS do
  redis.call('ZADD', KEYS[i], now, ARGV[1])
  redis.call('EXPIRE', KEYS[i], math.ceil(tonumber(ARGV[i])) + 1)
end
redis.call('LPUSH', KEYS[4], '1')
redis.call('LTRIM', KEYS[4], 0, 63)
redis.call('EXPIRE', KEYS[4], 60)
if redis.call('GET', KEYS[3]) == ARGV[1] then
  if ARGV[4] == '1' then
    redis.call('DEL', KEYS[3])
  else
    redis.call('SET', KEYS[3], '1', 'EX', 86400)
  end
end
local pause = tonumber(ARGV[2])
if pause > 0 then
  local current = tonumber(redis.call('GET', KEYS[1]) or '0')
  if now + pause > current then
    redis.call('SET', KEYS[1], tostring(now + pause), 'PX', math.ceil(pause * 1000) + 1000)
  end
  if ARGV[3] == '1' then
    redis.call('SET', KEYS[3], '1', 'EX', 86400)
  end
end
return 'ok'
"""

FallbackMode = Literal["raise", "local"]


class RedisGate:
    """A strict multi-window gate whose state lives in Redis, shared by a whole fleet.

    >>> gate = RedisGate("redis://localhost:6379/0", api_key=key, limits=RateLimit(10, 2))
    >>> client = SmartleadClient(key, gate=gate)

    ``on_unavailable="raise"`` (the default) fails closed: when Redis cannot be reached for
    ``reconnect_timeout`` seconds, :meth:`acquire` raises :class:`GateUnavailableError`.
    ``on_unavailable="local"`` falls back to an in-process gate with a warning instead (the
    fleet-wide budget is then no longer shared).

    A caller that only a completion can admit blocks in Redis until any process of the fleet
    records one (``poll_interval``, default 1 s, bounds the wait before it asks again).
    """

    def __init__(
        self,
        redis: str | aioredis.Redis,
        *,
        api_key: str,
        limits: RateLimitSpec = DEFAULT_RATE_LIMIT,
        on_unavailable: FallbackMode = "raise",
        reconnect_timeout: float = 5.0,
        lease: float = 300.0,
        margin: float | None = None,
        prefix: str = "smartlead_async",
        poll_interval: float = 1.0,
        max_pause: float = DEFAULT_MAX_PAUSE,
    ) -> None:
        if on_unavailable not in ("raise", "local"):
            raise ConfigurationError("on_unavailable must be 'raise' or 'local'")
        if not api_key:
            raise ConfigurationError("RedisGate needs the api_key whose budget it shares")
        self._max_pause = check_max_pause(max_pause)
        self._windows: tuple[RateLimit, ...] = normalize_limits(limits)
        self._redis = aioredis.from_url(redis) if isinstance(redis, str) else redis
        self._owns_redis = isinstance(redis, str)
        #: Which key this gate budgets (a hash; clients check it matches their own key).
        self.key_fingerprint = key_fingerprint(api_key)
        base = f"{prefix}:{self.key_fingerprint}"
        self._keys = [
            f"{base}:cooldown",
            f"{base}:in_flight",
            f"{base}:half_open",
            f"{base}:released",
        ] + [f"{base}:window:{w.requests}:{w.per_seconds:g}" for w in self._windows]
        self._acquire_script = self._redis.register_script(_ACQUIRE)
        self._release_script = self._redis.register_script(_RELEASE)
        self._on_unavailable = on_unavailable
        self._reconnect_timeout = reconnect_timeout
        self._lease = lease
        self._margin = check_margin(margin)
        self._spans = [window_span(w.per_seconds, self._margin) for w in self._windows]
        self._poll: float = (
            int(poll_interval) if float(poll_interval).is_integer() else poll_interval
        )
        self._tokens: deque[str] = deque()
        self._lock = asyncio.Lock()
        self._fallback: LocalGate | None = None
        self._local_tokens = 0
        self._drain_until = 0.0
        self._failing_since: float | None = None

    @property
    def limits(self) -> tuple[RateLimit, ...]:
        return self._windows

    @property
    def max_pause(self) -> float:
        """The longest fleet-wide pause any server hint can cause, in seconds."""
        return self._max_pause

    @property
    def using_fallback(self) -> bool:
        """True while Redis is unreachable and the in-process fallback gate is in use."""
        return self._fallback is not None and self._failing_since is not None

    def __repr__(self) -> str:
        windows = ", ".join(str(w) for w in self._windows)
        return f"RedisGate([{windows}], key={self._keys[0].rsplit(':', 1)[0]!r})"

    async def aclose(self) -> None:
        """Close the Redis connection pool if this gate created it."""
        if self._owns_redis:
            await self._redis.aclose()

    def _acquire_args(self, token: str) -> list[Any]:
        args: list[Any] = [token, self._lease]
        for window, span in zip(self._windows, self._spans, strict=True):
            args.extend([window.requests, span])
        return args

    async def acquire(self) -> None:
        """Wait until the fleet-wide windows admit one more request."""
        async with self._lock:
            token = uuid.uuid4().hex
            while True:
                hold = self._drain_until - time.monotonic()
                if hold > 0:
                    await asyncio.sleep(hold)
                try:
                    raw = await self._acquire_script(
                        keys=self._keys, args=self._acquire_args(token)
                    )
                except (RedisError, OSError) as exc:
                    if await self._handle_unavailable(exc):
                        return
                    continue
                wait = float(raw)
                if wait == 0:
                    self._tokens.append(token)
                    await self._drain_after_outage()
                    return
                if wait > 0:
                    await asyncio.sleep(max(wait, 0.001))
                    continue
                # Only a completion frees a slot: block until one anywhere in the fleet
                # pushes to the released list (at most poll_interval, then ask again).
                try:
                    await self._redis.blpop([self._keys[3]], timeout=self._poll)
                except (RedisError, OSError) as exc:
                    if await self._handle_unavailable(exc):
                        return

    async def on_response(self, status: int | None, headers: Mapping[str, str]) -> None:
        """Record a completion in every window; share any pause the response asks for."""
        pause, capped = pause_from_headers(
            status, headers, max(w.per_seconds for w in self._windows), self._max_pause
        )
        success = status is not None and status != 429 and status < 500 and not pause
        if not self._tokens:
            if self._fallback is not None and self._local_tokens:
                self._local_tokens -= 1
                await self._fallback.on_response(status, headers)
            return
        token = self._tokens.popleft()
        args: list[Any] = [
            token,
            pause,
            int(capped),
            int(success),
            *self._spans,
        ]
        try:
            await self._release_script(keys=self._keys, args=args)
        except (RedisError, OSError) as exc:
            # The lease expires on its own; keep the pause locally so this process obeys it.
            logger.warning("rate gate: could not record a completion in Redis (%s)", exc)
            if pause:
                self._drain_until = max(self._drain_until, time.monotonic() + pause)

    async def _handle_unavailable(self, exc: BaseException) -> bool:
        """Wait for Redis or fall back. True when the request was admitted by the fallback."""
        now = time.monotonic()
        if self._failing_since is None:
            self._failing_since = now
            logger.warning("rate gate: Redis unreachable (%s); retrying", type(exc).__name__)
        if now - self._failing_since < self._reconnect_timeout:
            await asyncio.sleep(min(0.25, self._reconnect_timeout / 10))
            return False
        if self._on_unavailable == "raise":
            self._failing_since = None
            raise GateUnavailableError(
                f"the Redis rate gate has been unreachable for {self._reconnect_timeout:g}s "
                f"({type(exc).__name__}); refusing to send requests outside the shared budget. "
                "Pass on_unavailable='local' to fall back to an in-process gate."
            ) from None
        if self._fallback is None:
            logger.warning(
                "rate gate: Redis unreachable; falling back to an in-process gate (the budget "
                "is no longer shared with other processes)"
            )
            self._fallback = LocalGate(
                self._windows, margin=self._margin, max_pause=self._max_pause
            )
        await self._fallback.acquire()
        self._local_tokens += 1
        return True

    async def _drain_after_outage(self) -> None:
        """After an outage Redis may have lost its windows (a restart): wait one full window."""
        if self._failing_since is None:
            return
        self._failing_since = None
        logger.warning("rate gate: Redis reachable again; pausing one window before resuming")
        await asyncio.sleep(max(self._spans))
