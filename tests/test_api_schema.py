"""Property-based tests from the OpenAPI schema (schemathesis) against a real server: no 500s,
responses match their declared models. Admin routes are exercised with the key."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import content_type_conformance, not_a_server_error, response_schema_conformance

from api.main import create_app
from tests.conftest import serve_api, writable_sample_index

KEY = "schema-test-key"
# The schema is read from the app object (no server needed to collect); calls go over HTTP.
schema = schemathesis.openapi.from_dict(create_app().openapi())


@pytest.fixture(scope="module")
def live(base_settings, embedder, tmp_path_factory):
    s = writable_sample_index(base_settings, embedder, tmp_path_factory.mktemp("schema"))
    with serve_api(s, RAG_ADMIN_API_KEY=KEY, RAG_MAX_UPLOAD_BYTES="5000") as client:
        yield str(client.base_url)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case, live):
    case.call_and_validate(base_url=live, headers={"X-API-Key": KEY},
                           checks=[not_a_server_error, response_schema_conformance, content_type_conformance])
