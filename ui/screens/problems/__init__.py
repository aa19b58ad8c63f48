"""Recording a problem on the chart's problem list with an ICD-10 picker."""
