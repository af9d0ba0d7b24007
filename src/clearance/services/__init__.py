"""clearance.services"""
