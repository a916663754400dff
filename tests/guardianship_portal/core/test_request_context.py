"""The client's address behind trusted reverse proxies (core/request_context.py)."""

import pytest
from django.test import RequestFactory

from guardianship_portal.core.request_context import client_address


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.7", "10.0.0.1"),  # no proxy trusted: the connection's address
        (1, "203.0.113.7", "203.0.113.7"),  # nginx appended the client
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # the client's own entry is not believed
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.5", "203.0.113.7"),  # a balancer, then nginx
        (2, "203.0.113.7", "10.0.0.1"),  # fewer entries than proxies: the connection's
        (1, "not-an-address", "10.0.0.1"),
        (1, "", "10.0.0.1"),
    ],
)
def test_the_client_behind_trusted_proxies(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected
