//! Issue 19 part 3: one version everywhere. The workspace's `[workspace.package] version` is
//! kefu's version (`kefu_core::VERSION`); every crate, the Python project, the npm packages
//! (napi and both wasm targets), their lock file and the README's artifact names carry it.
//! TOML is read by line (no toml crate in the workspace): the files are kefu's own and simple.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fs;
use std::path::{Path, PathBuf};

use kefu_core::VERSION;
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("core/ has a parent")
        .to_path_buf()
}

fn read(rel: &str) -> String {
    let path = root().join(rel);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The lines of one `[section]` of a TOML file, comments and blank lines dropped.
fn section<'a>(toml: &'a str, name: &str) -> Vec<&'a str> {
    let mut inside = false;
    let mut lines = Vec::new();
    for line in toml.lines() {
        let line = line.split(" #").next().unwrap_or("").trim();
        if line.starts_with('[') {
            inside = line == format!("[{name}]");
            continue;
        }
        if inside && !line.is_empty() && !line.starts_with('#') {
            lines.push(line);
        }
    }
    lines
}

/// The value of `key = ...` in a section's lines, as written (quotes kept).
fn value<'a>(lines: &[&'a str], key: &str) -> Option<&'a str> {
    lines.iter().find_map(|line| {
        let (k, v) = line.split_once('=')?;
        (k.trim() == key).then(|| v.trim())
    })
}

/// `"0.1.0"` → `0.1.0`.
fn unquote(v: &str) -> &str {
    v.trim().trim_matches('"')
}

fn json(rel: &str) -> Value {
    serde_json::from_str(&read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn workspace_version_is_kefu_core_version() {
    let cargo = read("Cargo.toml");
    let package = section(&cargo, "workspace.package");
    let version = value(&package, "version").expect("[workspace.package] version");
    assert_eq!(unquote(version), VERSION);
    // The path dependency's version requirement names the same release.
    let deps = section(&cargo, "workspace.dependencies");
    let core = value(&deps, "kefu-core").expect("[workspace.dependencies] kefu-core");
    assert!(
        core.contains(&format!("version = \"{VERSION}\"")),
        "[workspace.dependencies] kefu-core = {core}: its version must be {VERSION}"
    );
}

#[test]
fn every_crate_takes_the_workspace_version() {
    let cargo = read("Cargo.toml");
    // `members = [...]` on one line or several.
    let start = cargo.find("\nmembers").expect("[workspace] members");
    let list = &cargo[start..];
    let list = &list[list.find('[').unwrap() + 1..list.find(']').unwrap()];
    let members: Vec<&str> = list
        .split(',')
        .map(|m| unquote(m.trim()))
        .filter(|m| !m.is_empty())
        .collect();
    assert!(
        members.contains(&"core") && members.len() >= 5,
        "{members:?}"
    );
    for member in members {
        let toml = read(&format!("{member}/Cargo.toml"));
        let package = section(&toml, "package");
        match (
            value(&package, "version.workspace"),
            value(&package, "version"),
        ) {
            (Some("true"), None) => {}
            (None, Some(v)) => assert_eq!(unquote(v), VERSION, "{member}/Cargo.toml"),
            other => panic!(
                "{member}/Cargo.toml: [package] version {other:?}; want version.workspace = true"
            ),
        }
    }
}

#[test]
fn python_project_takes_the_crate_version() {
    let pyproject = read("python/pyproject.toml");
    let project = section(&pyproject, "project");
    if let Some(v) = value(&project, "version") {
        assert_eq!(
            unquote(v),
            VERSION,
            "python/pyproject.toml [project] version"
        );
        return;
    }
    // `dynamic = ["version"]`: maturin takes the version of the crate it builds.
    let dynamic = value(&project, "dynamic").expect("[project] version or dynamic");
    assert!(dynamic.contains("\"version\""), "dynamic = {dynamic}");
    let maturin = section(&pyproject, "tool.maturin");
    let manifest = unquote(value(&maturin, "manifest-path").expect("[tool.maturin] manifest-path"));
    let crate_toml = read(&format!("python/{manifest}"));
    let package = section(&crate_toml, "package");
    match value(&package, "version") {
        Some(v) => assert_eq!(unquote(v), VERSION, "python/{manifest}"),
        None => assert_eq!(
            value(&package, "version.workspace"),
            Some("true"),
            "python/{manifest}"
        ),
    }
}

#[test]
fn napi_package_and_its_lock_file() {
    let pkg = json("node/package.json");
    assert_eq!(pkg["name"], "kefu");
    assert_eq!(pkg["version"], VERSION, "node/package.json");
    let lock = json("node/package-lock.json");
    assert_eq!(lock["version"], VERSION, "node/package-lock.json");
    assert_eq!(
        lock["packages"][""]["version"], VERSION,
        "node/package-lock.json packages[\"\"]"
    );
}

/// Does `text` hold a literal version, `N.N.N`?
fn has_semver(text: &str) -> Option<String> {
    let b = text.as_bytes();
    (0..b.len()).find_map(|i| {
        if !b[i].is_ascii_digit()
            || (i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'.'))
        {
            return None;
        }
        let tail: String = text[i..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let parts: Vec<&str> = tail.trim_end_matches('.').split('.').collect();
        (parts.len() == 3 && parts.iter().all(|p| !p.is_empty())).then_some(tail)
    })
}

#[test]
fn wasm_packages_take_the_workspace_version() {
    // bindings/wasm/package-json.mjs writes each wasm package's package.json with the version
    // it reads from Cargo.toml's [workspace.package]; it must not carry one of its own.
    let generator = read("bindings/wasm/package-json.mjs");
    assert!(
        generator.contains("Cargo.toml") && generator.contains("workspace\\.package"),
        "package-json.mjs no longer reads [workspace.package] version from Cargo.toml"
    );
    assert_eq!(
        has_semver(&generator),
        None,
        "a version written into package-json.mjs"
    );
    // The built packages, where scripts/build.sh has made them.
    for target in ["web", "nodejs"] {
        let rel = format!("bindings/wasm/pkg/{target}/package.json");
        if root().join(&rel).exists() {
            assert_eq!(json(&rel)["version"], VERSION, "{rel}");
        }
    }
}

#[test]
fn private_packages_have_no_other_version() {
    // Not published; a version there, if one is ever written, is kefu's.
    for rel in ["web-demo/package.json", "bindings/wasm/package.json"] {
        let pkg = json(rel);
        if let Some(v) = pkg.get("version") {
            assert_eq!(v, VERSION, "{rel}");
        }
    }
}

#[test]
fn readme_artifact_names_carry_the_version() {
    // kefu-0.1.0.tgz, kefu-wasm-0.1.0.tgz, kefu-0.1.0-cp310-abi3-….whl in the install notes;
    // every such name the README writes is checked.
    let readme = read("README.md");
    for (at, _) in readme.match_indices("kefu-") {
        let mut rest = &readme[at + "kefu-".len()..];
        for prefix in ["wasm-", "node-"] {
            rest = rest.strip_prefix(prefix).unwrap_or(rest);
        }
        let lead: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        if has_semver(&lead).is_some() {
            let line = readme[at..].lines().next().unwrap_or("");
            assert_eq!(lead.trim_end_matches('.'), VERSION, "README.md: {line}");
        }
    }
}

#[test]
fn semver_scan() {
    assert_eq!(has_semver("version: '0.1.0',").as_deref(), Some("0.1.0"));
    assert_eq!(has_semver("../../Cargo.toml v2 1.5"), None);
    assert_eq!(has_semver("x10.2.3"), None);
    assert_eq!(has_semver("kefu-12.0.1-cp310").as_deref(), Some("12.0.1"));
}

#[test]
fn toml_by_line() {
    let toml = "[package]\nname = \"x\"\nversion.workspace = true # kefu's\n\n[[bench]]\nversion = \"9.9.9\"\n[dependencies.y]\nversion = \"1\"\n";
    let package = section(toml, "package");
    assert_eq!(value(&package, "version.workspace"), Some("true"));
    assert_eq!(value(&package, "version"), None);
    assert_eq!(
        value(&section(toml, "dependencies.y"), "version").map(unquote),
        Some("1")
    );
}
