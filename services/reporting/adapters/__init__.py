"""Where the read models live, a rebuild's tables and swap, and topics replayed from the beginning."""
