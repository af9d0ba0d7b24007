"""The dashboard: server-rendered pages (Jinja2 + htmx) over the use cases, mounted by the API."""
