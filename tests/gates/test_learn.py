"""Learning a stricter plan from the server's 429s and headers (the pure learner)."""

from __future__ import annotations

import asyncio
import time

from smartlead_async import RetryPolicy, SmartleadClient
from smartlead_async.gates import LocalGate, RateLimit, RateLimits
from smartlead_async.gates._learn import CALM_WINDOWS, LimitLearner, span_at_least
from smartlead_async.testing.sandbox import SandboxServer

DEFAULT = (RateLimit(10, 2.0),)


def burst(learner: LimitLearner, count: int, start: float, every: float) -> float:
    """``count`` accepted requests from ``start``, one per ``every`` seconds; the last time."""
    now = start
    for n in range(count):
        now = start + n * every
        learner.accepted(now)
    return now


def say_no(learner: LimitLearner, at: float) -> None:
    """A 429, then the next request refused too: a confirmed refusal."""
    learner.rejected(at, pending=0)
    learner.rejected(at + 0.5, pending=0)


def test_nothing_is_learned_without_a_429() -> None:
    learner = LimitLearner(DEFAULT)
    burst(learner, 500, 0.0, 0.2)
    learner.tick(200.0)
    assert learner.limit is None


def test_a_first_429_learns_the_count_over_the_span_it_took() -> None:
    learner = LimitLearner(DEFAULT)
    last = burst(learner, 60, 0.0, 0.2)  # 60 requests in 11.8 s, then the server says no
    say_no(learner, last + 0.2)
    assert learner.limit == RateLimit(60, 15.0)


def test_a_lone_429_is_a_hiccup_not_a_lesson() -> None:
    learner = LimitLearner(DEFAULT)
    burst(learner, 60, 0.0, 0.2)
    learner.rejected(12.0, pending=3)
    learner.rejected(12.1, pending=3)  # one more of the four answers to decide: not half
    burst(learner, 3, 12.2, 0.1)  # the other two pass: a hiccup
    assert learner.limit is None
    learner.rejected(30.0, pending=0)  # a new suspicion, not the second of a pair
    assert learner.limit is None


def test_a_429_confirmed_by_half_the_answers_in_flight_is_a_lesson() -> None:
    learner = LimitLearner(DEFAULT)
    burst(learner, 60, 0.0, 0.2)
    learner.rejected(12.0, pending=7)  # 8 answers decide; 4 refusals confirm
    for n in range(3):
        assert learner.limit is None
        learner.rejected(12.01 + n / 100, pending=6 - n)
    learner.rejected(12.05, pending=3)
    assert learner.limit == RateLimit(60, 15.0)


def test_a_429_within_the_learned_window_lengthens_it() -> None:
    learner = LimitLearner(DEFAULT)
    say_no(learner, burst(learner, 60, 0.0, 0.2) + 0.2)
    say_no(learner, 15.1)  # the server still counts the first burst: its window is longer
    assert learner.limit == RateLimit(60, 30.0)
    say_no(learner, 30.1)
    assert learner.limit == RateLimit(60, 60.0)


def test_a_calm_learned_limit_probes_for_more_and_steps_back_on_a_429() -> None:
    learner = LimitLearner(DEFAULT)
    say_no(learner, burst(learner, 60, 0.0, 0.2) + 0.2)
    say_no(learner, 15.1)
    say_no(learner, 30.1)
    settled = 30.6
    learner.tick(settled + CALM_WINDOWS * 60 - 1)
    assert learner.limit == RateLimit(60, 60.0), "not calm long enough yet"
    probe_at = settled + CALM_WINDOWS * 60 + 0.01
    learner.tick(probe_at)
    assert learner.limit == RateLimit(61, 60.0)  # one request more
    learner.rejected(probe_at + 5, pending=0)  # the plan is 60: back at once
    assert learner.limit == RateLimit(60, 60.0)
    learner.tick(probe_at + 5 + CALM_WINDOWS * 60)
    assert learner.limit == RateLimit(60, 60.0), "the next probe waits twice as long"
    learner.tick(probe_at + 5 + 2 * CALM_WINDOWS * 60 + 0.01)
    assert learner.limit == RateLimit(61, 60.0)


def test_a_probe_that_holds_keeps_rising_until_the_configured_windows_take_over() -> None:
    learner = LimitLearner((RateLimit(10, 1.0),))
    say_no(learner, burst(learner, 8, 0.0, 0.1) + 0.1)  # 8 requests in 0.8 s
    assert learner.limit == RateLimit(8, 1.0)
    now, seen = 1.3, []
    while learner.limit is not None and len(seen) < 50:
        seen.append(learner.limit.requests)
        now += CALM_WINDOWS * 1.0 + 0.01
        learner.tick(now)
    assert learner.limit is None, "10 per second is what the configured window allows anyway"
    assert seen == [8, 9], "one request more, then twice the step after each probe that held"


def test_probes_that_hold_double_their_step() -> None:
    learner = LimitLearner(DEFAULT)
    say_no(learner, burst(learner, 60, 0.0, 0.2) + 0.2)
    say_no(learner, 15.1)
    say_no(learner, 30.1)  # 60 per 60 s
    now, seen = 30.6, []
    for _ in range(4):
        now += CALM_WINDOWS * 60 + 0.01
        learner.tick(now)
        assert learner.limit is not None
        seen.append(learner.limit.requests)
    assert seen == [61, 63, 67, 75]


def test_an_announced_limit_is_learned_over_the_longest_reset_seen_with_it() -> None:
    learner = LimitLearner(DEFAULT)
    learner.observed(10, 1.5, 0.0)  # the configured window itself: nothing to learn
    assert learner.limit is None
    learner.observed(100, 20.0, 1.0)
    learner.observed(100, 45.0, 2.0)
    assert learner.limit == RateLimit(100, 60.0)
    learner.observed(10, 2.0, 3.0)  # the short window's announcement changes nothing
    assert learner.limit == RateLimit(100, 60.0)


def test_spans_round_up_to_a_step_and_stop_at_an_hour() -> None:
    assert span_at_least(0.3) == 1
    assert span_at_least(11.8) == 15
    assert span_at_least(60) == 60
    assert span_at_least(10_000) == 3600


# --- the gate learns from a server that says no without any hint ------------------------------


class BareServer:
    """A sliding-window server that answers 429 with no header at all."""

    def __init__(self, limit: RateLimit) -> None:
        self.limit = limit
        self.accepted: list[float] = []
        self.rejected: list[float] = []

    def answer(self) -> int:
        now = time.monotonic()
        recent = [at for at in self.accepted if at > now - self.limit.per_seconds]
        if len(recent) >= self.limit.requests:
            self.rejected.append(now)
            return 429
        self.accepted.append(now)
        return 200


async def test_the_default_gate_learns_a_stricter_plan_from_bare_429s() -> None:
    server = BareServer(RateLimit(6, 1.0))  # the plan: 6 per second, never announced
    gate = LocalGate(RateLimit(10, 0.1))  # what the client was told: 100 per second
    started = time.monotonic()

    async def one() -> None:
        while True:
            await gate.acquire()
            status = server.answer()
            await gate.on_response(status, {})
            if status != 429:
                return

    await asyncio.gather(*(one() for _ in range(24)))
    assert gate.learned_limit == RateLimit(6, 1.0)
    assert len(server.accepted) == 24
    # the lesson is drawn from the first burst; after it, a probe for more draws at most
    # one 429 per window of the plan
    assert server.rejected and server.rejected[1] - started < 0.5
    later = [int(at - started) for at in server.rejected[2:]]
    assert len(later) == len(set(later))
    assert "learned=" in repr(gate)


async def test_learning_can_be_switched_off() -> None:
    server = BareServer(RateLimit(3, 1.0))
    gate = LocalGate(RateLimit(10, 0.1), learn=False)
    for _ in range(12):
        await gate.acquire()
        await gate.on_response(server.answer(), {})
    assert gate.learned_limit is None
    assert len(server.rejected) > 0


async def test_a_client_learns_the_sandboxs_stricter_window_and_shows_it() -> None:
    async with (
        SandboxServer(rate_limits=[(6, 1.0)]) as sb,
        SmartleadClient(
            sb.api_key,
            base_url=sb.base_url,
            rate_limit=RateLimit(10, 0.1),
            retry=RetryPolicy(max_attempts=10, max_elapsed=30, base_delay=0.01),
        ) as client,
    ):
        assert client.effective_rate_limits == RateLimits((RateLimit(10, 0.1),))
        await asyncio.gather(*(client.campaigns.list() for _ in range(24)))
        limits = client.effective_rate_limits
        # 6 per second, or 7 while a probe for more is out
        assert limits.learned in (RateLimit(6, 1.0), RateLimit(7, 1.0))
        assert str(limits) == f"10/0.1s (learned: {limits.learned})"
        assert client.rate_limits == (RateLimit(10, 0.1),), "the configured windows stay"
        refused = [r.time for r in sb.log.records if r.status == 429]
        # all but probes for more come before the lesson; a probe draws one 429 a window
        later = [int(at - refused[0]) for at in refused if at - refused[0] > 1.5]
        assert refused and len(later) == len(set(later))
