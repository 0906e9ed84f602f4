//! End-to-end tests: the real `shortlist` binary on real files.
//!
//! `fixtures/` holds our own sample résumés with the facts expected from them;
//! `../shared/corpus/hostile/` (beside the repository in CI) holds broken and hostile files.

mod extract;
mod fixtures;
mod hardening;
mod rank;
mod search;
mod util;
