"""clearance.screening"""
