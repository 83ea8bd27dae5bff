"""WARC/1.1 writing (warcio) and checking. STUB."""
