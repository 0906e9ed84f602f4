//! Shared helpers for shortlist benchmarks.
