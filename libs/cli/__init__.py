"""The ``peel`` command for operators."""
