//! Replays every file of `fuzz/regressions/<target>/` through the target function of the same
//! name (`kefu_fuzz::TARGETS`): minimised inputs that once found a bug, and hand-picked nasty
//! ones. A folder that names no target fails the test, and so does any input that panics.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::path::PathBuf;

#[test]
fn every_regression_input_passes_its_target() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("regressions");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let mut replayed = 0;
    let mut failed = Vec::new();
    for dir in dirs {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let Some((_, target)) = kefu_fuzz::TARGETS.iter().find(|(t, _)| *t == name) else {
            panic!(
                "fuzz/regressions/{name}/ names no target (known: {:?})",
                kefu_fuzz::TARGETS
                    .iter()
                    .map(|(t, _)| *t)
                    .collect::<Vec<_>>()
            );
        };
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        let mut count = 0;
        for file in files {
            let data = std::fs::read(&file).unwrap();
            if std::panic::catch_unwind(|| target(&data)).is_err() {
                failed.push(format!(
                    "{name}/{}",
                    file.file_name().unwrap().to_string_lossy()
                ));
            }
            count += 1;
        }
        // Written to stderr directly: the test harness captures `println!` of a passing test.
        let _ = writeln!(
            std::io::stderr(),
            "kefu-fuzz: {name}: replayed {count} inputs"
        );
        replayed += count;
    }
    let _ = writeln!(
        std::io::stderr(),
        "kefu-fuzz: replayed {replayed} regression inputs"
    );
    assert!(failed.is_empty(), "failing inputs: {failed:?}");
    assert!(replayed > 0, "no regression input replayed");
}
