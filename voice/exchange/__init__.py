"""REFI-QDA exchange: redacted notes and their themes out as a `.qdpx` project, and a codebook in as
a proposed change to the themes. Pure functions over plain records; the store side is
`voice.store.exchange`, the audited jobs `voice.jobs.exchange`."""
