//! Embeds the articles in `kennisbank/` into the binary, so a desk (and `--demo`) always has the
//! trainers' kennisbank without knowing where the source tree is. A municipality's own folder can
//! be configured instead (`kennisbank = "..."` in config.toml).

use std::fmt::Write;
use std::path::Path;

fn main() {
    // The articles live at the top of the repository, beside the README.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../kennisbank");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "md"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut out = String::from("&[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().unwrap().to_string_lossy();
        writeln!(
            out,
            "    ({name:?}, include_str!({:?})),",
            f.display().to_string()
        )
        .unwrap();
    }
    out.push(']');
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("kennisbank_files.rs");
    std::fs::write(dest, out).unwrap();
}
