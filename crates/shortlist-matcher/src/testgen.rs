//! Seeded pseudo-random inputs for the tests that compare a fast path with its reference:
//! the same sequence on every run, so a failure replays.

/// A xorshift64 generator from `seed` (which must not be 0).
pub(crate) fn xorshift(seed: u64) -> impl FnMut() -> u64 {
    let mut state = seed;
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}

/// `count` of `pieces`, each drawn with `next`, joined.
pub(crate) fn pieces(next: &mut impl FnMut() -> u64, pieces: &[&str], count: usize) -> String {
    (0..count)
        .map(|_| pieces[(next() % pieces.len() as u64) as usize])
        .collect()
}
