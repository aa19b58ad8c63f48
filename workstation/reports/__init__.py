"""Printed documents (reportlab, no Qt): prescription, order sheets, MAR, temperature chart,
notes and discharge summary, handoff, medication labels, stock report and the downtime pack."""
