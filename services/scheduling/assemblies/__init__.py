"""Citizens' assemblies: recruitment, selection and replacements, and the assembly at work."""
