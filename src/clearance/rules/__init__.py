"""clearance.rules"""
