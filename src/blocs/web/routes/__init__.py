"""Routes by resource: each module holds a page and its `/api/...` twin, both calling the same
library function."""
