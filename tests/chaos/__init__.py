"""Chaos tests: faults between workstation and server, and the invariants that must survive them."""
