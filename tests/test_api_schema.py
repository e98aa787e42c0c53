"""Property-based tests from the OpenAPI schema (schemathesis) against a real server: no 500s,
responses match their declared models. Admin routes are exercised with the key."""

from __future__ import annotations

import shutil

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import content_type_conformance, not_a_server_error, response_schema_conformance

from api.main import create_app
from rag.sync import ingest_folder
from tests.conftest import SAMPLES, serve_api

KEY = "schema-test-key"
# The schema is read from the app object (no server needed to collect); calls go over HTTP.
schema = schemathesis.openapi.from_dict(create_app().openapi())


@pytest.fixture(scope="module")
def live(base_settings, embedder, tmp_path_factory):
    root = tmp_path_factory.mktemp("schema")
    shutil.copytree(SAMPLES, root / "articles")
    s = base_settings.model_copy(update={"data_dir": root / "articles", "index_dir": root / "index",
                                         "cache_dir": root / "cache"})
    ingest_folder(s.data_dir, s, embedder)
    with serve_api(s, RAG_ADMIN_API_KEY=KEY, RAG_MAX_UPLOAD_BYTES="5000") as client:
        yield str(client.base_url)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case, live):
    case.call_and_validate(base_url=live, headers={"X-API-Key": KEY},
                           checks=[not_a_server_error, response_schema_conformance, content_type_conformance])
