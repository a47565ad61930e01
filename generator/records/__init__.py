"""The record format and everything that reads, writes, merges and checks records."""
