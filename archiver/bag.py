"""BagIt 1.0 (RFC 8493): write, read, validate. STUB."""
