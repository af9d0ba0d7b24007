"""clearance.store: persistence adapters for the ports in clearance.services."""
