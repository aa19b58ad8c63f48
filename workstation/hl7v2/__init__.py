"""HL7 v2: reading messages off the wire (python-hl7) and what they say, without a database."""
