"""Recording a patient's opioid tolerance (issue 11 item 1)."""
