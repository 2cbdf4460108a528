"""Pure parsers for driver messages: vehicle, location, issue, danger, emergency numbers."""
