//! Exit codes, one meaning each.

/// Every file was processed successfully.
pub const OK: u8 = 0;
/// The run finished and its output is complete, but some files could not be processed.
pub const SOME_FAILED: u8 = 1;
/// Usage error or fatal error: nothing (or nothing trustworthy) was written.
pub const USAGE: u8 = 2;
