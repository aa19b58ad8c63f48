"""The login throttle's pure parts: whose address a login counts against, and the waits."""

from __future__ import annotations

from workstation.server.login_throttle import LoginPolicy, client_address, trusted_networks

PROXIES = trusted_networks(["10.0.0.5", "10.1.0.0/24"])


def test_the_peer_counts_unless_it_is_a_trusted_proxy() -> None:
    assert client_address("192.168.3.7", "1.2.3.4", PROXIES) == "192.168.3.7"
    assert client_address("10.0.0.5", "1.2.3.4", PROXIES) == "1.2.3.4"
    assert client_address("10.0.0.5", None, PROXIES) == "10.0.0.5"


def test_only_hops_added_by_trusted_proxies_are_believed() -> None:
    # the client wrote "6.6.6.6" itself; the proxies appended the real client 1.2.3.4, then 10.1.0.9
    assert client_address("10.0.0.5", "6.6.6.6, 1.2.3.4, 10.1.0.9", PROXIES) == "1.2.3.4"
    assert client_address("10.0.0.5", "garbage", PROXIES) == "10.0.0.5"


def test_ipv6_counts_by_its_64_and_mapped_ipv4_as_ipv4() -> None:
    assert client_address("2001:db8:1:2::aa", None, ()) == "2001:db8:1:2::/64"
    assert client_address("2001:db8:1:2:ffff::1", None, ()) == "2001:db8:1:2::/64"
    assert client_address("::ffff:192.168.3.7", None, ()) == "192.168.3.7"


def test_each_failure_past_the_free_ones_doubles_the_wait_up_to_the_cap() -> None:
    policy = LoginPolicy(address_free_failures=5, address_first_delay_seconds=1.0,
                         address_max_delay_seconds=900.0)  # fmt: skip
    assert [policy.address_delay(n) for n in range(4, 10)] == [0, 0, 1, 2, 4, 8]
    assert policy.address_delay(60) == 900.0
