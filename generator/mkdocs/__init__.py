"""What MkDocs loads: the build hook and the serving helpers."""
