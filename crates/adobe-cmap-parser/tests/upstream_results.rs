//! The replacement must give the original crate's results. `tests/data/*.cmap` are the
//! ToUnicode CMaps of the repository's own fixture PDFs (LaTeX, Chromium, LibreOffice); each
//! `.expected` file is what crates.io's adobe-cmap-parser 0.4.1 returned for it (code, then
//! the UTF-16BE bytes in hex, sorted by code).

use std::fmt::Write;
use std::path::Path;

#[test]
fn fixture_cmaps_map_as_the_original_did() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("tests/data") {
        let path = entry.expect("dir entry").path();
        if path.extension().is_none_or(|e| e != "cmap") {
            continue;
        }
        let input = std::fs::read(&path).expect("cmap");
        let expected =
            std::fs::read_to_string(path.with_extension("cmap.expected")).expect("expected");
        let map = adobe_cmap_parser::get_unicode_map(&input).expect("parses");
        let mut codes: Vec<_> = map.into_iter().collect();
        codes.sort();
        let mut got = String::new();
        for (code, utf16) in codes {
            let hex: String = utf16.iter().map(|b| format!("{b:02x}")).collect();
            let _ = writeln!(got, "{code:x} {hex}");
        }
        assert_eq!(got, expected, "{}", path.display());
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} CMaps in {}", dir.display());
}
