"""Usage telemetry and anonymous feedback: the rules both the station and the server apply.

Neither is part of the clinical record: no event, no signature, no patient."""
