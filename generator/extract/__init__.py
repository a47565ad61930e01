"""Articles to draft records: ingest, the language stages, clustering, and the executors (local, Dask)."""
