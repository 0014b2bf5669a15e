"""Scorecard: strategic performance management and quarterly reporting for UK councils."""
