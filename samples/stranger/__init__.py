"""The stranger set: certificates made apart from `samples/`' variant lists, to measure what was not tuned on.

Read README.md in this folder before using it: no change is tuned on its failures, and a number quoted
from it comes from a seed never generated before.
"""
