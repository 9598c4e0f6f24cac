//! The rule of `docs/ARCHITECTURE.md`: the areas of `services/` import downwards only, no two
//! service modules import each other, directly or round a circle, and the data layer uses no
//! service. Read from the source, so
//! that a new `use` that breaks the rule fails here, naming the file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The areas from the bottom up: each may use those before it, never those after.
const LAPISAN: [&str; 8] = [
    "jejak",
    "organisasi",
    "ringkasan",
    "perencanaan",
    "harian",
    "akun",
    "kompetensi",
    "evaluasi",
];

type Modul = (String, String);

/// Every `services::<area>::<module>` a source names outside its comments, in paths and in
/// `use` groups (`services::{jejak::audit, organisasi::akses}`).
fn rujukan(src: &str) -> BTreeSet<Modul> {
    let kode: String = src
        .lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = BTreeSet::new();
    let mut rest = kode.as_str();
    while let Some(i) = rest.find("services::") {
        rest = &rest[i + "services::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = penutup(group);
            for item in pisah(&group[..end]) {
                tambah(&mut out, item.trim());
            }
        } else {
            tambah(&mut out, rest);
        }
    }
    out
}

/// The index of the `}` that closes a group whose `{` came just before `s`.
fn penutup(s: &str) -> usize {
    let mut depth = 0;
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return i,
            '}' => depth -= 1,
            _ => {}
        }
    }
    s.len()
}

/// The items of a `use` group at its top level.
fn pisah(s: &str) -> Vec<&str> {
    let (mut depth, mut from, mut out) = (0, 0, Vec::new());
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(&s[from..i]);
                from = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[from..]);
    out
}

/// Records `area::module` when `path` starts with one.
fn tambah(out: &mut BTreeSet<Modul>, path: &str) {
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let area = ident(path);
    if !LAPISAN.contains(&area.as_str()) {
        return;
    }
    let Some(rest) = path[area.len()..].strip_prefix("::") else {
        return;
    };
    let moduls: Vec<String> = match rest.strip_prefix('{') {
        Some(group) => pisah(&group[..penutup(group)])
            .into_iter()
            .map(|m| ident(m.trim()))
            .collect(),
        None => vec![ident(rest)],
    };
    for modul in moduls.into_iter().filter(|m| !m.is_empty()) {
        out.insert((area.clone(), modul));
    }
}

/// Every service module with the modules it names.
fn graf() -> BTreeMap<Modul, BTreeSet<Modul>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/services");
    let mut g = BTreeMap::new();
    for area in LAPISAN {
        let dir = root.join(area);
        assert!(dir.is_dir(), "{} is not a folder", dir.display());
        for f in std::fs::read_dir(&dir).unwrap() {
            let path = f.unwrap().path();
            let modul = path.file_stem().unwrap().to_string_lossy().to_string();
            let src = std::fs::read_to_string(&path).unwrap();
            let me = (area.to_string(), modul);
            let mut refs = rujukan(&src);
            refs.remove(&me);
            g.insert(me, refs);
        }
    }
    g
}

#[test]
fn areas_import_only_the_areas_beneath_them() {
    let lapis = |a: &str| LAPISAN.iter().position(|x| *x == a).unwrap();
    let mut salah = Vec::new();
    for ((area, modul), refs) in graf() {
        for (ke, m) in refs {
            if lapis(&ke) > lapis(&area) {
                salah.push(format!("{area}/{modul}.rs uses {ke}::{m}"));
            }
        }
    }
    assert!(salah.is_empty(), "upward imports:\n{}", salah.join("\n"));
}

/// Every `.rs` file under `dir`, with its text.
fn berkas(dir: &Path) -> Vec<(std::path::PathBuf, String)> {
    let mut out = Vec::new();
    for f in std::fs::read_dir(dir).unwrap() {
        let path = f.unwrap().path();
        if path.is_dir() {
            out.extend(berkas(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            let src = std::fs::read_to_string(&path).unwrap();
            out.push((path, src));
        }
    }
    out
}

/// The data layer sits beneath every service: a migration must do what it did on the day it was
/// written, so it never runs a service's code, and the tuned reads are reached by services
/// through `db::baca` and `db::tulis`, never `db::direct` or rusqlite.
#[test]
fn the_data_layer_uses_no_service_and_services_no_backend() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut salah = Vec::new();
    for (path, text) in berkas(&src.join("db")) {
        let code: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        if code.contains("services::") {
            salah.push(format!("{} uses a service", path.display()));
        }
    }
    for (path, text) in berkas(&src.join("services")) {
        for nama in ["db::direct", "rusqlite", "Jalur"] {
            if text.contains(nama) {
                salah.push(format!("{} names {nama}", path.display()));
            }
        }
    }
    assert!(salah.is_empty(), "{}", salah.join("\n"));
}

#[test]
fn no_two_service_modules_import_each_other_round_a_circle() {
    let g = graf();
    // Depth-first, with the path so far: a module met again on the path closes a circle.
    fn jalan(
        g: &BTreeMap<Modul, BTreeSet<Modul>>,
        v: &Modul,
        path: &mut Vec<Modul>,
        selesai: &mut BTreeSet<Modul>,
    ) -> Option<Vec<Modul>> {
        if let Some(i) = path.iter().position(|p| p == v) {
            return Some(path[i..].to_vec());
        }
        if !selesai.insert(v.clone()) {
            return None;
        }
        path.push(v.clone());
        for w in g.get(v).into_iter().flatten() {
            if let Some(c) = jalan(g, w, path, selesai) {
                return Some(c);
            }
        }
        path.pop();
        None
    }
    let mut selesai = BTreeSet::new();
    for v in g.keys() {
        let circle = jalan(&g, v, &mut Vec::new(), &mut selesai);
        assert!(
            circle.is_none(),
            "import circle: {:?}",
            circle.unwrap_or_default()
        );
    }
}

#[test]
fn the_reader_finds_paths_and_groups() {
    let src = "use crate::services::jejak::audit;\n\
               use crate::services::{Page, organisasi::{akses, penilai}, harian::bukti as b};\n\
               // crate::services::evaluasi::rekap in a comment\n\
               let x = crate::services::perencanaan::skp::lihat(db);";
    let got: Vec<String> = rujukan(src)
        .into_iter()
        .map(|(a, m)| format!("{a}::{m}"))
        .collect();
    assert_eq!(
        got,
        [
            "harian::bukti",
            "jejak::audit",
            "organisasi::akses",
            "organisasi::penilai",
            "perencanaan::skp"
        ]
    );
}
