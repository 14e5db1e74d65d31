"""Tests against a real llama.cpp server and the in-process local backend (opt in with --live)."""
