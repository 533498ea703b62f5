"""Scale: the per-document stages on a Dask cluster (`runner.DaskRunner`), their results
passed as Parquet shards (`shards`) that the store merges idempotently (`merge`)."""
