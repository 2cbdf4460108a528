"""The web process: builds the services once and wires the webhooks and the console onto one Flask app."""
