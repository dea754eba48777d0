"""Reading inputs (paths, decoding), writing outputs (every format) and the SQLite store."""
