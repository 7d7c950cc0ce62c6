"""Every error a client can see has the same RFC 9457 shape: ours, and Litestar's own."""

from __future__ import annotations

import inspect

import pytest
from litestar import Litestar, get
from litestar.params import FromPath
from litestar.testing import AsyncTestClient

from ocr import errors as ocr_errors
from service import errors
from service.errors import AppError, UploadRejectedError
from service.web.problems import EXCEPTION_HANDLERS

KEYS = {"type", "title", "status", "detail", "message_vi", "instance"}

APP_ERRORS = [
    cls
    for _, cls in inspect.getmembers(errors, inspect.isclass)
    if issubclass(cls, AppError) and cls not in (UploadRejectedError,)
]
INPUT_ERRORS = [
    cls
    for _, cls in inspect.getmembers(ocr_errors, inspect.isclass)
    if issubclass(cls, ocr_errors.InputError) and cls is not ocr_errors.InputError
]


def _app_raising(exc: Exception) -> Litestar:
    @get("/boom", opt={"exclude_from_auth": True})
    async def boom() -> None:
        raise exc

    @get("/fine/{n:int}", opt={"exclude_from_auth": True})
    async def fine(n: FromPath[int]) -> int:
        return n

    return Litestar([boom, fine], exception_handlers=EXCEPTION_HANDLERS, request_max_body_size=10)  # type: ignore[arg-type]


def assert_problem(response, status: int) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body.keys() >= KEYS, body
    assert body["status"] == status and body["type"].startswith("/problems/")
    assert body["message_vi"]
    return body


@pytest.mark.parametrize("cls", APP_ERRORS, ids=lambda c: c.__name__)
async def test_every_app_error_class_has_the_shape(cls: type[AppError]) -> None:
    async with AsyncTestClient(_app_raising(cls("something"))) as client:
        assert_problem(await client.get("/boom"), cls.status)


@pytest.mark.parametrize("cls", INPUT_ERRORS, ids=lambda c: c.__name__)
async def test_every_upload_rejection_has_the_shape(cls: type[ocr_errors.InputError]) -> None:
    async with AsyncTestClient(_app_raising(UploadRejectedError(cls("bad"), "x.jpg"))) as client:
        body = assert_problem(await client.get("/boom"), UploadRejectedError(cls("bad")).status)
        assert body["code"] == cls.code and 400 <= body["status"] < 500


async def test_unexpected_exception_is_a_500_without_internals() -> None:
    async with AsyncTestClient(_app_raising(RuntimeError("secret 048180001234 in a trace"))) as client:
        body = assert_problem(await client.get("/boom"), 500)
        assert "048180001234" not in str(body) and "Traceback" not in str(body)


@pytest.mark.parametrize(
    ("method", "path", "status", "kwargs"),
    [
        ("GET", "/nowhere", 404, {}),
        ("POST", "/fine/1", 405, {}),
        ("GET", "/fine/notanumber", 404, {}),
        ("POST", "/boom", 405, {"content": b"x" * 100}),
    ],
)
async def test_litestar_errors_have_the_shape(method: str, path: str, status: int, kwargs: dict) -> None:  # type: ignore[type-arg]
    async with AsyncTestClient(_app_raising(ValueError())) as client:
        assert_problem(await client.request(method, path, **kwargs), status)


async def test_litestar_413_415_422_have_the_shape(api_client) -> None:  # type: ignore[no-untyped-def]
    client = await api_client(role="clerk")
    assert_problem(await client.get("/api/documents", params={"limit": 0}), 422)
    assert_problem(await client.post("/api/auth/login", json={"username": 5}), 422)
    assert_problem(
        await client.post(
            "/api/auth/login", content=b"{not json", headers={"content-type": "application/json"}
        ),
        400,
    )
    assert_problem(
        await client.post("/api/auth/login", content=b"x", headers={"content-type": "text/plain"}), 415
    )
    too_big = b"\xff\xd8\xff" + b"\x00" * (60 * 1024 * 1024)
    assert_problem(await client.post("/api/documents", files={"file": ("x.jpg", too_big, "image/jpeg")}), 413)
