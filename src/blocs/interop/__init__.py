"""Interop: evidence coded by other systems, read into the store beside blocs' own.

- `store_import.import_events(store, path, origin)`: a GDELT 1.0/2.0, ICEWS or Phoenix
  event file -> `coded_events` (origin `gdelt1`, `gdelt2`, `icews`, `phoenix`), which the
  `evidence_events` view serves with blocs' events; an imported row that repeats one of
  blocs' events (same article URL, date, states and CAMEO root: the `evidence_repeats`
  view) counts once when both are selected (`blocs.store.event_queries.counted_once`);
- `unga.import_unga(store, votes_path, roll_calls_path)`: UN General Assembly roll calls ->
  `votes` and `roll_calls`.

Every import is one transaction per call, logs itself in `imports` (file, SHA-256, rows
read, added and skipped) and returns what it did (`report.ImportReport`, `UngaReport`);
importing a file again adds nothing; what cannot be imported raises
`blocs.errors.InteropError`. The package itself imports nothing, so that a module which
needs only a table of codes (`cameo_states`) does not load the store.
"""
