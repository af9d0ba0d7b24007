"""clearance.lists"""
