"""The command layer: one thin module a command, called by `generator.cli`."""
