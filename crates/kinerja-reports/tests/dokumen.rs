//! The documents render: each PDF starts with `%PDF` and its text holds the pegawai's name,
//! NIP and predikat; a name with Typst markup in it prints as typed; the XLSX opens as a zip
//! holding the rows.

use kinerja_reports::dokumen::{
    self, BagianSkp, BarisHasil, BarisPerilaku, DokumenEvaluasi, DokumenSkp, IkiSkp, Keberatan,
    LampiranSkp, PerilakuSkp, Pihak, PolaDistribusi, RhkSkp,
};
use kinerja_reports::xlsx::{self, BarisRekap};

fn contoh() -> DokumenEvaluasi {
    DokumenEvaluasi {
        instansi: "Pemerintah Kota Pontianak".into(),
        periode: "Triwulan IV-AKHIR 2026".into(),
        rentang: "1 Oktober 2026 s.d. 31 Desember 2026".into(),
        pegawai: Pihak {
            nama: "Ani #Perawat [Ners]".into(),
            nip: "199003032015032003".into(),
            pangkat: "Penata Muda (III/a)".into(),
            jabatan: "Perawat Ahli Pertama".into(),
            unit: "Puskesmas Alianyang".into(),
        },
        penilai: Some(Pihak {
            nama: "Sari Kapus".into(),
            nip: "198002022005012002".into(),
            ..Default::default()
        }),
        atasan: None,
        capaian_organisasi: "Baik (Puskesmas Alianyang)".into(),
        hasil: vec![BarisHasil {
            rhk: "Asuhan keperawatan terdokumentasi".into(),
            indikator: "Jumlah laporan asuhan".into(),
            target: "3 Laporan".into(),
            realisasi: "4 Laporan".into(),
            umpan_balik: "Tepat waktu.".into(),
        }],
        perilaku: vec![BarisPerilaku {
            nilai: "Berorientasi Pelayanan".into(),
            umpan_balik: "Ramah.".into(),
        }],
        rating_hasil: "Di Atas Ekspektasi".into(),
        rating_perilaku: "Sesuai Ekspektasi".into(),
        predikat: "Baik".into(),
        angka_kredit: Some("3,13".into()),
        catatan: Some("Pertahankan.".into()),
        keberatan: Some(Keberatan {
            alasan: "Realisasi lebih tinggi.".into(),
            penjelasan_penilai: None,
            keputusan: None,
        }),
        tempat_tanggal: "Pontianak, 18 November 2026".into(),
        pola_distribusi: false,
    }
}

/// The text of a PDF, through `pdftotext` when it is installed (poppler-utils); otherwise the
/// raw bytes, where Typst's subset fonts leave names unreadable, so only the header is checked.
fn teks(pdf: &[u8]) -> Option<String> {
    let dir = std::env::temp_dir().join(format!("kinerja-reports-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let path = dir.join(format!("{}.pdf", pdf.len()));
    std::fs::write(&path, pdf).ok()?;
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn evaluasi_pdf_holds_name_nip_and_predikat() {
    let d = contoh();
    let pola = PolaDistribusi {
        jumlah: [1, 7, 2, 0, 0],
        batas: [
            (None, None),
            (None, Some(70)),
            (None, None),
            (None, None),
            (None, None),
        ],
    };
    for chart in [None, Some(&pola)] {
        let pdf = dokumen::evaluasi(&d, chart).expect("renders");
        assert!(pdf.starts_with(b"%PDF"));
        match teks(&pdf) {
            Some(t) => {
                assert!(t.contains("Ani #Perawat [Ners]"), "{t}");
                assert!(t.contains("199003032015032003"));
                assert!(t.contains("DOKUMEN EVALUASI KINERJA PEGAWAI"));
                assert!(t.contains("Baik"));
                assert!(t.contains("3,13"));
                assert!(t.contains("Realisasi lebih tinggi."));
                assert_eq!(t.contains("POLA DISTRIBUSI"), chart.is_some());
            }
            None => {
                if std::env::var_os("KINERJA_REQUIRE_PDFTOTEXT").is_some() {
                    panic!("pdftotext is required");
                }
            }
        }
    }
}

fn skp_contoh(format_jpt: bool) -> DokumenSkp {
    let c = contoh();
    DokumenSkp {
        instansi: c.instansi,
        tahun: 2026,
        pendekatan: "Kuantitatif".into(),
        format_jpt,
        pegawai: c.pegawai,
        penilai: c.penilai,
        hasil: vec![
            BagianSkp {
                judul: "A. Utama".into(),
                rhk: vec![RhkSkp {
                    rhk_atasan: "Cakupan pelayanan kesehatan meningkat".into(),
                    rhk: "Asuhan keperawatan terdokumentasi".into(),
                    perspektif: "Penerima layanan".into(),
                    iki: vec![
                        IkiSkp {
                            aspek: "Kuantitas".into(),
                            indikator: "Jumlah laporan asuhan".into(),
                            target: "12 Laporan".into(),
                        },
                        IkiSkp {
                            aspek: "Waktu".into(),
                            indikator: "Laporan diserahkan tiap bulan".into(),
                            target: "12 Bulan".into(),
                        },
                    ],
                }],
            },
            BagianSkp {
                judul: "B. Tambahan".into(),
                rhk: vec![],
            },
        ],
        perilaku: vec![PerilakuSkp {
            nama: "Berorientasi Pelayanan".into(),
            panduan: vec!["Memahami dan memenuhi kebutuhan masyarakat".into()],
            ekspektasi: "Ramah kepada pasien lansia".into(),
        }],
        lampiran: vec![LampiranSkp {
            judul: "Dukungan sumber daya".into(),
            isi: vec!["Tensimeter digital".into()],
        }],
        tempat_tanggal: "Puskesmas Alianyang, 15 Januari 2026".into(),
        evaluasi: None,
    }
}

#[test]
fn skp_pdf_holds_name_nip_plan_lampiran_and_predikat() {
    for jpt in [false, true] {
        let mut d = skp_contoh(jpt);
        // The JPT layout is printed with its evaluation pages and the distribution chart.
        if jpt {
            d.evaluasi = Some(contoh());
        }
        let pola = PolaDistribusi {
            jumlah: [1, 7, 2, 0, 0],
            ..Default::default()
        };
        let pdf = dokumen::skp(&d, jpt.then_some(&pola)).expect("renders");
        assert!(pdf.starts_with(b"%PDF"));
        // Words as printed, whatever the column widths wrapped.
        match teks(&pdf).map(|t| t.split_whitespace().collect::<Vec<_>>().join(" ")) {
            Some(t) => {
                assert!(t.contains("SASARAN KINERJA PEGAWAI"), "{t}");
                assert!(t.contains("Ani #Perawat [Ners]"), "{t}");
                assert!(t.contains("199003032015032003"));
                assert!(t.contains("Jumlah laporan asuhan"));
                assert!(t.contains("Ramah kepada pasien lansia"));
                assert!(t.contains("LAMPIRAN SASARAN KINERJA PEGAWAI"));
                assert!(t.contains("Tensimeter digital"));
                assert_eq!(t.contains("Penerima layanan"), jpt);
                assert_eq!(t.contains("DOKUMEN EVALUASI KINERJA PEGAWAI"), jpt);
                assert_eq!(t.contains("PREDIKAT KINERJA PEGAWAI"), jpt);
                assert_eq!(t.contains("POLA DISTRIBUSI"), jpt);
                assert_eq!(t.contains("Cakupan pelayanan kesehatan meningkat"), !jpt);
            }
            None => {
                if std::env::var_os("KINERJA_REQUIRE_PDFTOTEXT").is_some() {
                    panic!("pdftotext is required");
                }
            }
        }
    }
}

#[test]
fn xlsx_recap_holds_the_rows() {
    let rows = vec![BarisRekap {
        nama: "Ani Perawat".into(),
        nip: "199003032015032003".into(),
        predikat: "Baik".into(),
        angka_kredit: Some(3.13),
        ..Default::default()
    }];
    let bytes = xlsx::rekap("Rekap Puskesmas", &rows).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an XLSX is a zip");
    let mut part = |name: &str| {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
        s
    };
    let strings = part("xl/sharedStrings.xml");
    for v in [
        "Rekap Puskesmas",
        "Ani Perawat",
        "199003032015032003",
        "Predikat Kinerja",
    ] {
        assert!(strings.contains(v), "{v}");
    }
    let sheet = part("xl/worksheets/sheet1.xml");
    assert!(sheet.contains("<v>3.13</v>"), "{sheet}");
}

#[test]
fn xlsx_competency_report_has_the_heat_map_and_the_needs() {
    let bytes = xlsx::peta_kompetensi(
        "Laporan kompetensi Puskesmas Kota tahun 2026",
        &["M.01 Integritas".into(), "T.01 Komunikasi kesehatan".into()],
        &[xlsx::BarisPeta {
            jabatan: "Perawat Ahli Pertama".into(),
            pemegang: 4,
            dinilai: 2,
            persen: vec![Some(50), None],
        }],
        &[xlsx::BarisKebutuhan {
            uraian: "Pelatihan Integritas dan Antikorupsi".into(),
            jenis: "Pelatihan klasikal".into(),
            kompetensi: "M.01 Integritas".into(),
            pegawai: 3,
            jp: 48,
        }],
    )
    .unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an XLSX is a zip");
    let mut part = |name: &str| {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
        s
    };
    let book = part("xl/workbook.xml");
    assert!(book.contains("Peta kompetensi") && book.contains("Kebutuhan pelatihan"));
    let strings = part("xl/sharedStrings.xml");
    for v in [
        "Perawat Ahli Pertama",
        "T.01 Komunikasi kesehatan",
        "Pelatihan Integritas dan Antikorupsi",
    ] {
        assert!(strings.contains(v), "{v}");
    }
    assert!(part("xl/worksheets/sheet1.xml").contains("<v>50</v>"));
    assert!(part("xl/worksheets/sheet2.xml").contains("<v>48</v>"));
}
