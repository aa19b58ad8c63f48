"""Mapping of the ward's projections to HL7 FHIR R4 resources (built with fhir.resources models).

One module per resource family; every function takes a projection row (a mapping) and returns
a fhir.resources model, never a hand-made dict. The HTTP side is workstation.server.fhir_api."""
