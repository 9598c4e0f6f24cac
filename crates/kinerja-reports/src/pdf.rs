//! A Typst world with everything inside the binary: the templates, the fonts of
//! `typst-assets`, and one document's data as `/data.json` (plus an optional chart as
//! `/sebaran.svg`). No package is fetched and no file is read from disk.

use crate::ReportError;
use std::sync::LazyLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

/// Parsed once per process: every font face of `typst-assets`.
static FONTS: LazyLock<(LazyHash<FontBook>, Vec<Font>)> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
});

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// The modules documents import: the shared layout (page, fonts, header table helpers) and the
/// evaluation pages that two documents print.
const PUSTAKA: [(&str, &str); 2] = [
    ("/gaya.typ", include_str!("../templates/gaya.typ")),
    (
        "/lembar_evaluasi.typ",
        include_str!("../templates/lembar_evaluasi.typ"),
    ),
];

fn id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("a valid virtual path");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

struct Dunia {
    main: Source,
    pustaka: Vec<Source>,
    data: Bytes,
    svg: Option<Bytes>,
}

impl World for Dunia {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.0
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, fid: FileId) -> FileResult<Source> {
        if fid == self.main.id() {
            Ok(self.main.clone())
        } else if let Some(s) = self.pustaka.iter().find(|s| s.id() == fid) {
            Ok(s.clone())
        } else {
            Err(FileError::NotFound(
                fid.get().vpath().get_without_slash().into(),
            ))
        }
    }
    fn file(&self, fid: FileId) -> FileResult<Bytes> {
        if fid == id("/data.json") {
            Ok(self.data.clone())
        } else if let (true, Some(svg)) = (fid == id("/sebaran.svg"), &self.svg) {
            Ok(svg.clone())
        } else {
            Err(FileError::NotFound(
                fid.get().vpath().get_without_slash().into(),
            ))
        }
    }
    fn font(&self, index: usize) -> Option<Font> {
        FONTS.1.get(index).cloned()
    }
    /// Documents print the dates they are given; none reads the clock.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

/// Typesets template `teks` (named `nama`) with `data` and, when given, the chart `svg`, into a
/// PDF.
pub(crate) fn render(
    nama: &str,
    teks: &'static str,
    data: &impl serde::Serialize,
    svg: Option<String>,
) -> Result<Vec<u8>, ReportError> {
    let json = serde_json::to_vec(data).map_err(|e| ReportError::Typst(e.to_string()))?;
    let world = Dunia {
        main: Source::new(id(&format!("/{nama}.typ")), teks.into()),
        pustaka: PUSTAKA
            .iter()
            .map(|(path, teks)| Source::new(id(path), (*teks).into()))
            .collect(),
        data: Bytes::new(json),
        svg: svg.map(|s| Bytes::new(s.into_bytes())),
    };
    let doc: PagedDocument = typst::compile(&world).output.map_err(|errs| {
        ReportError::Typst(
            errs.iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })?;
    typst_pdf::pdf(&doc, &typst_pdf::PdfOptions::default()).map_err(|errs| {
        ReportError::Typst(
            errs.iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })
}
