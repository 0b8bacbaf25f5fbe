"""The converter and the model base: loose wire types in, strict Python types out."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import attrs
import pytest

from smartlead_async import ResponseValidationError
from smartlead_async._convert import parse_datetime, strict_responses, structure, unstructure
from smartlead_async.models.common import Model, OkResponse, Percent, secret, wire


@pytest.fixture(autouse=True)
def _strict() -> Iterator[None]:
    """These tests pin what the converter refuses: in strict mode every refusal raises."""
    with strict_responses():
        yield


@attrs.frozen(kw_only=True)
class Inner(Model):
    count: int = 0


@attrs.frozen(kw_only=True)
class Sample(Model):
    id: int
    name: str | None = None
    rate: float | None = None
    open_rate: Percent | None = None
    active: bool | None = None
    created_at: datetime | None = None
    day: date | None = None
    max_leads_per_day: int | None = wire("max_leads_per_day", "maxLeadsPerDay")
    tags: list[str] = wire("tags", factory=list)
    inner: Inner | None = None
    password: str | None = secret("password", "smtp_password")


# --- numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (42, 42),
        ("42", 42),
        (" 7 ", 7),
        ("-3", -3),
        ("12.0", 12),
        (3.0, 3),
        ("12345678901234567.0", 12345678901234567),
        ("98765432109876543210", 98765432109876543210),
    ],
)
def test_int_fields_accept_numeric_strings(raw: Any, expected: int) -> None:
    value = Sample.from_dict({"id": raw}).id
    assert value == expected and type(value) is int


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("12.5", "expected an integer"),
        (12.5, "refusing to truncate"),
        ("abc", "expected an integer"),
        ("", "expected an integer"),
        (True, "boolean"),
        ([1], "expected an integer"),
    ],
)
def test_int_fields_refuse_lossy_or_foreign_values(raw: Any, reason: str) -> None:
    with pytest.raises(ResponseValidationError, match=reason) as caught:
        Sample.from_dict({"id": raw})
    assert caught.value.model == "Sample"
    assert str(caught.value).startswith("could not decode Sample: id: ")


@pytest.mark.parametrize(
    ("raw", "expected"), [("1.5", 1.5), (2, 2.0), ("50%", 50.0), (" .5 ", 0.5), ("1e3", 1000.0)]
)
def test_float_fields(raw: Any, expected: float) -> None:
    value = Sample.from_dict({"id": 1, "rate": raw}).rate
    assert value == expected and isinstance(value, float)


@pytest.mark.parametrize("raw", ["nan", "inf", "fast", True, "1.2.3"])
def test_float_fields_refuse(raw: Any) -> None:
    with pytest.raises(ResponseValidationError, match="rate"):
        Sample.from_dict({"id": 1, "rate": raw})


def test_percent_keeps_the_raw_text() -> None:
    sample = Sample.from_dict({"id": 1, "open_rate": "50%"})
    assert isinstance(sample.open_rate, Percent)
    assert sample.open_rate == 50.0
    assert sample.open_rate.raw == "50%"
    assert sample.to_dict()["open_rate"] == "50%"
    plain = Sample.from_dict({"id": 1, "open_rate": 12.5})
    assert plain.open_rate == 12.5 and plain.open_rate is not None
    assert plain.open_rate.raw is None
    assert plain.to_dict()["open_rate"] == 12.5


def test_percent_refuses_booleans() -> None:
    with pytest.raises(ResponseValidationError, match="open_rate"):
        Sample.from_dict({"id": 1, "open_rate": True})


# --- booleans and strings -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (True, True),
        (False, False),
        ("true", True),
        ("False", False),
        ("1", True),
        ("0", False),
        ("yes", True),
        ("no", False),
        (1, True),
        (0, False),
    ],
)
def test_bool_fields(raw: Any, expected: bool) -> None:
    assert Sample.from_dict({"id": 1, "active": raw}).active is expected


@pytest.mark.parametrize("raw", ["maybe", "", "enabled", 2, -1, 0.5, [True]])
def test_bool_fields_refuse_arbitrary_values(raw: Any) -> None:
    with pytest.raises(ResponseValidationError, match="expected a boolean"):
        Sample.from_dict({"id": 1, "active": raw})


def test_str_fields_take_numbers_but_not_structures() -> None:
    assert Sample.from_dict({"id": 1, "name": 42}).name == "42"
    with pytest.raises(ResponseValidationError, match="expected a string"):
        Sample.from_dict({"id": 1, "name": {"first": "x"}})


# --- datetimes --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2023-10-16T10:33:02Z", datetime(2023, 10, 16, 10, 33, 2, tzinfo=UTC)),
        ("2023-10-16 10:33:02.000Z", datetime(2023, 10, 16, 10, 33, 2, tzinfo=UTC)),
        ("2023-10-16T10:33:02.123456+00:00", datetime(2023, 10, 16, 10, 33, 2, 123456, UTC)),
        ("2023-10-16T10:33:02", datetime(2023, 10, 16, 10, 33, 2, tzinfo=UTC)),
        (
            "2023-10-16T10:33:02+05:30",
            datetime(2023, 10, 16, 10, 33, 2, tzinfo=timezone(timedelta(hours=5, minutes=30))),
        ),
        (1697452382000, datetime(2023, 10, 16, 10, 33, 2, tzinfo=UTC)),
        (1697452382, datetime(2023, 10, 16, 10, 33, 2, tzinfo=UTC)),
    ],
)
def test_datetimes_are_timezone_aware(raw: Any, expected: datetime) -> None:
    value = Sample.from_dict({"id": 1, "created_at": raw}).created_at
    assert value == expected
    assert value is not None and value.tzinfo is not None


@pytest.mark.parametrize("raw", ["yesterday", "", "2023-13-45T00:00:00Z", True, [2023]])
def test_bad_datetimes(raw: Any) -> None:
    with pytest.raises(ResponseValidationError, match="created_at"):
        Sample.from_dict({"id": 1, "created_at": raw})


def test_parse_datetime_keeps_aware_values() -> None:
    aware = datetime(2024, 1, 1, tzinfo=UTC)
    assert parse_datetime(aware) is aware
    assert parse_datetime(datetime(2024, 1, 1)).tzinfo is UTC


def test_dates() -> None:
    assert Sample.from_dict({"id": 1, "day": "2024-02-29"}).day == date(2024, 2, 29)
    assert Sample.from_dict({"id": 1, "day": "2024-02-29T10:00:00Z"}).day == date(2024, 2, 29)
    with pytest.raises(ResponseValidationError, match="YYYY-MM-DD"):
        Sample.from_dict({"id": 1, "day": "29/02/2024"})


def test_datetimes_unstructure_to_iso() -> None:
    sample = Sample.from_dict({"id": 1, "created_at": "2023-10-16T10:33:02Z"})
    assert sample.to_dict()["created_at"] == "2023-10-16T10:33:02+00:00"


# --- the model base ---------------------------------------------------------------------------


def test_unknown_keys_land_in_extra() -> None:
    sample = Sample.from_dict({"id": 1, "brand_new": [1, 2], "another": None})
    assert sample.extra == {"brand_new": [1, 2], "another": None}
    assert "<2 more keys: another, brand_new>" in repr(sample)
    assert sample == Sample.from_dict({"id": 1})  # extra is not part of equality
    assert sample.to_dict()["brand_new"] == [1, 2]


def test_alternative_wire_names() -> None:
    assert Sample.from_dict({"id": 1, "maxLeadsPerDay": "20"}).max_leads_per_day == 20
    both = Sample.from_dict({"id": 1, "max_leads_per_day": 5, "maxLeadsPerDay": 9})
    assert both.max_leads_per_day == 5  # the first name wins
    assert both.extra == {}  # both names are claimed, neither is "unknown"
    assert both.to_dict()["max_leads_per_day"] == 5
    assert "maxLeadsPerDay" not in both.to_dict()


def test_secret_fields_stay_out_of_repr() -> None:
    sample = Sample.from_dict({"id": 1, "smtp_password": "hunter2"})
    assert sample.password == "hunter2"
    assert "hunter2" not in repr(sample)
    assert "password" not in repr(sample)


def test_null_and_missing_fields() -> None:
    sample = Sample.from_dict({"id": 1, "tags": None, "name": None, "inner": None})
    assert sample.tags == [] and sample.name is None and sample.inner is None
    with pytest.raises(ResponseValidationError, match="id: required field is missing"):
        Sample.from_dict({"name": "x"})
    with pytest.raises(ResponseValidationError, match="id: required field is null"):
        Sample.from_dict({"id": None})


def test_nested_errors_name_the_outer_model_and_the_field_path() -> None:
    with pytest.raises(ResponseValidationError) as caught:
        Sample.from_dict({"id": 1, "inner": {"count": "lots"}})
    assert caught.value.model == "Sample"
    assert str(caught.value) == (
        "could not decode Sample: inner.count: expected an integer, got 'lots'"
    )


def test_non_objects_are_refused_readably() -> None:
    with pytest.raises(ResponseValidationError, match="expected a JSON object, got list"):
        Sample.from_dict([1, 2])  # type: ignore[arg-type]
    with pytest.raises(ResponseValidationError, match="expected a JSON object, got str"):
        structure("success", Sample)


def test_lists_of_models_and_of_scalars() -> None:
    samples = structure([{"id": "1"}, {"id": 2, "tags": ["a", 3]}], list[Sample])
    assert [sample.id for sample in samples] == [1, 2]
    assert samples[1].tags == ["a", "3"]
    with pytest.raises(ResponseValidationError, match="Sample"):
        structure([{"id": "x"}], list[Sample])


def test_models_are_frozen() -> None:
    sample = Sample.from_dict({"id": 1})
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        sample.id = 2  # type: ignore[misc]


def test_round_trip() -> None:
    wire_data = {
        "id": 3,
        "name": "n",
        "tags": ["x"],
        "inner": {"count": 4},
        "max_leads_per_day": 10,
        "unknown": {"k": "v"},
    }
    sample = Sample.from_dict(wire_data)
    again = Sample.from_dict(unstructure(sample))
    assert again == sample
    assert again.extra == {"unknown": {"k": "v"}}


def test_ok_response() -> None:
    ok = OkResponse.from_dict({"ok": True, "message": "done", "data": {"id": 1}, "x": 1})
    assert ok.ok is True and ok.data == {"id": 1} and ok.extra == {"x": 1}
