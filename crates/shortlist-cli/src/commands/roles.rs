//! `shortlist roles`: the built-in role profiles, one line each.

use shortlist_matcher::{DEFAULT_ROLE, Role};
use std::io::Write;

/// Prints each built-in role with its summary.
pub fn run() -> anyhow::Result<u8> {
    let mut out = std::io::stdout().lock();
    let names = Role::builtin_names();
    let width = names.iter().map(|(n, _)| n.len()).max().unwrap_or(0);
    for (name, summary) in names {
        let mark = if *name == DEFAULT_ROLE {
            " (default)"
        } else {
            ""
        };
        writeln!(out, "{name:width$}  {summary}{mark}")?;
    }
    writeln!(
        out,
        "\nUse --role NAME, or --role FILE.toml for your own profile (see keyword-lists/roles/)."
    )?;
    Ok(crate::exit::OK)
}
