"""One module per ``tutor`` subcommand: ``add_arguments(parser)`` and ``run(args) -> int``."""
