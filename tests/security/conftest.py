"""The UI fixtures (a real server over a small ward, stations on it) for the station's security tests."""

from tests.ui.conftest import chinese, open_station, ward_server  # noqa: F401 - pytest fixtures
