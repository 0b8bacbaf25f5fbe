"""The flat-memory digest set behind import dedupe."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartlead_async import _digests
from smartlead_async._digests import DigestSet
from smartlead_async.imports import run_import
from tests.helpers.import_fakes import FakeImportServer, rows


def test_digests_added_once_each_across_the_move_to_disk() -> None:
    seen = DigestSet(memory_limit=100)
    values = [(-1) ** n * n * 2**40 for n in range(1, 1001)]
    assert all(seen.add(value) for value in values)
    assert len(seen) == 1000
    assert not any(seen.add(value) for value in values)  # old ones are found on disk
    assert all(value in seen for value in values)
    assert 12345 not in seen and seen.add(12345)
    assert seen.add(2**63 - 1) and seen.add(-(2**63)) and (2**63 - 1) in seen
    seen.close()
    assert len(seen) == 0 and values[0] not in seen


def test_digests_that_share_a_bit_of_the_disk_bitmap_stay_apart() -> None:
    seen = DigestSet(memory_limit=2)
    low = 12345
    on_disk, same_bit = low + (1 << 40), low + (2 << 40)  # equal low 27 bits
    assert seen.add(on_disk) and seen.add(7)  # both move to disk
    assert same_bit not in seen and seen.add(same_bit)  # the bit is set: the database decides
    assert on_disk in seen and not seen.add(on_disk)
    seen.close()


_DIGESTS = st.one_of(
    st.integers(-(2**63), 2**63 - 1),
    st.integers(0, 7).map(lambda n: 99 + (n << 27)),  # share one bit of the bitmap
)


@given(values=st.lists(_DIGESTS, max_size=60), limit=st.integers(1, 8))
@settings(max_examples=200, deadline=None)
def test_a_digest_set_answers_as_a_set_does(values: list[int], limit: int) -> None:
    seen, expected = DigestSet(memory_limit=limit), set()
    for value in values:
        assert (value in seen) == (value in expected)
        assert seen.add(value) == (value not in expected)
        expected.add(value)
    assert len(seen) == len(expected)
    seen.close()


async def test_an_import_drops_repeats_of_rows_that_moved_to_disk(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_digests, "DEFAULT_MEMORY_LIMIT", 50)
    data = rows(500)
    repeats = [{"email": row["email"].upper()} for row in data[::5]]
    endpoint = FakeImportServer()
    report = await run_import(endpoint.send, [*data, *repeats], batch_size=100)
    assert report.total_rows == 600
    assert report.duplicates_in_input == len(repeats) == 100
    assert report.uploaded == 500
    assert sorted(endpoint.stored) == sorted(row["email"].lower() for row in data)
