"""One module per family of errors. Every public module here is imported by the registry."""
