"""Tests of the READ stage (hemekg.read)."""
