"""The privacy officer's list of break-the-glass alerts."""
