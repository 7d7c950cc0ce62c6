"""Planner exports of the register: rows from one streamed query, written as CSV or xlsx."""
