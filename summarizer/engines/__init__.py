"""Engines that run a batch past one process: Ray Data for corpora (an optional extra)."""
