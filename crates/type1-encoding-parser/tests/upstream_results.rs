//! The replacement must give the original crate's results. `tests/data/*.pfa` are the clear
//! text parts (up to `eexec`) of the Type 1 fonts embedded in the repository's own fixture
//! PDFs; each `.expected` file is what crates.io's type1-encoding-parser 0.1.1 returned for
//! it (code, then glyph name, sorted by code).

use std::fmt::Write;
use std::path::Path;

#[test]
fn fixture_fonts_encode_as_the_original_did() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("tests/data") {
        let path = entry.expect("dir entry").path();
        if path.extension().is_none_or(|e| e != "pfa") {
            continue;
        }
        let input = std::fs::read(&path).expect("font");
        let expected =
            std::fs::read_to_string(path.with_extension("pfa.expected")).expect("expected");
        let map = type1_encoding_parser::get_encoding_map(&input).expect("parses");
        let mut codes: Vec<_> = map.into_iter().collect();
        codes.sort();
        let mut got = String::new();
        for (code, name) in codes {
            let _ = writeln!(got, "{code} {}", String::from_utf8_lossy(&name));
        }
        assert_eq!(got, expected, "{}", path.display());
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} fonts in {}", dir.display());
}
