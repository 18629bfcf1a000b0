"""The consultation domain: pure rules, no frameworks or I/O."""
