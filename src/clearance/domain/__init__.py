"""clearance.domain"""
