"""The exception hierarchy: classes, fields and how errors read."""

from __future__ import annotations

import orjson
import pytest

import smartlead_async
from smartlead_async import (
    APIError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    ConnectError,
    InvalidTypeError,
    MalformedResponseError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RequestTimeoutError,
    ResponseValidationError,
    ServerError,
    SmartleadError,
    TransportError,
    UnprocessableEntityError,
    ValidationError,
)
from smartlead_async.errors import error_class_for_status


def test_every_public_error_is_a_smartlead_error() -> None:
    for name in smartlead_async.__all__:
        value = getattr(smartlead_async, name)
        if isinstance(value, type) and issubclass(value, BaseException):
            assert issubclass(value, SmartleadError), name


@pytest.mark.parametrize(
    ("child", "parent"),
    [
        (BadRequestError, APIError),
        (AuthenticationError, APIError),
        (PermissionDeniedError, APIError),
        (NotFoundError, APIError),
        (UnprocessableEntityError, APIError),
        (RateLimitError, APIError),
        (ServerError, APIError),
        (ConnectError, TransportError),
        (RequestTimeoutError, TransportError),
        (MalformedResponseError, TransportError),
        (ValidationError, ValueError),
        (InvalidTypeError, TypeError),
        (ConfigurationError, SmartleadError),
        (ResponseValidationError, SmartleadError),
    ],
)
def test_hierarchy(child: type[Exception], parent: type[Exception]) -> None:
    assert issubclass(child, parent)


def test_transport_and_api_errors_are_disjoint() -> None:
    assert not issubclass(APIError, TransportError)
    assert not issubclass(TransportError, APIError)


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (422, UnprocessableEntityError),
        (429, RateLimitError),
        (500, ServerError),
        (503, ServerError),
        (599, ServerError),
        (402, APIError),
        (418, APIError),
        (200, APIError),
    ],
)
def test_error_class_for_status(status: int, cls: type[APIError]) -> None:
    assert error_class_for_status(status) is cls


def test_api_error_fields_and_text() -> None:
    error = RateLimitError(
        429,
        "Too many requests",
        '{"message": "Too many requests"}',
        method="GET",
        path="/campaigns/",
        retry_after=2.5,
        data={"message": "Too many requests"},
    )
    assert error.status == 429
    assert error.message == "Too many requests"
    assert error.body == '{"message": "Too many requests"}'
    assert error.retry_after == 2.5
    assert error.data == {"message": "Too many requests"}
    assert error.attempts == 1
    assert str(error) == "HTTP 429: Too many requests (GET /campaigns/)"
    assert repr(error) == (
        "RateLimitError(status=429, message='Too many requests', path='/campaigns/')"
    )
    error.attempts = 4
    assert str(error) == "HTTP 429: Too many requests (GET /campaigns/) after 4 attempts"


def test_api_error_without_request_context() -> None:
    error = APIError(500, "boom")
    assert str(error) == "HTTP 500: boom"
    assert error.body is None and error.data is None and error.retry_after is None


def test_long_bodies_are_truncated() -> None:
    error = ServerError(500, "boom", "y" * 2000)
    assert error.body is not None
    assert error.body.startswith("y" * 500)
    assert error.body.endswith("... (1500 more characters)")


def test_transport_errors() -> None:
    timeout = RequestTimeoutError("no complete response within 5s", method="POST", path="/x")
    assert timeout.sent is True
    assert str(timeout) == "no complete response within 5s (POST /x)"
    refused = ConnectError("could not connect: refused", method="GET", path="/y", attempts=3)
    assert refused.sent is False
    assert str(refused) == "could not connect: refused (GET /y) after 3 attempts"
    assert MalformedResponseError("bad").sent is True


def test_response_validation_error_reads_well() -> None:
    error = ResponseValidationError("id: required field is missing", model="Campaign", body="{}")
    assert str(error) == "could not decode Campaign: id: required field is missing"
    assert str(ResponseValidationError("x")) == "could not decode response: x"
    long = ResponseValidationError("x", body="z" * 1000)
    assert long.body is not None and len(long.body) < 600


def test_client_side_errors_are_catchable_as_builtins() -> None:
    with pytest.raises(ValueError):
        raise ValidationError("limit must be between 1 and 100")
    with pytest.raises(TypeError):
        raise InvalidTypeError("campaign_id must be an int")


def test_api_error_masks_credentials_in_body_and_data() -> None:
    data = {
        "message": "bad",
        "data": [
            {"smtp_password": "hunter22", "imap_password": "imap-pw-9", "name": "x"},
            {"client": {"api_key": "client-key-77", "smtp_secret": "s3cr3t"}},
        ],
    }
    err = BadRequestError(400, "bad", orjson.dumps(data).decode(), data=data)
    for secret in ("hunter22", "imap-pw-9", "client-key-77", "s3cr3t"):
        assert secret not in (err.body or "")
        assert secret not in repr(err.data)
        assert secret not in str(err)
    assert err.data["data"][0]["name"] == "x"
    assert err.data["data"][0]["smtp_password"] == "***"


def test_api_error_without_credentials_keeps_body() -> None:
    err = NotFoundError(404, "gone", '{"message": "gone"}', data={"message": "gone"})
    assert err.body == '{"message": "gone"}'
    assert err.data == {"message": "gone"}
