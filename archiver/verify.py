"""One report over a bag and the WARCs in it (human and JSON). STUB."""
