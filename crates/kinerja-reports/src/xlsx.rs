//! The XLSX recap of a unit's results for one period: one row per pegawai
//! with NIP, jabatan, both ratings, predikat, angka kredit and status, under a title row.

use crate::ReportError;
use rust_xlsxwriter::{Format, Workbook};

#[derive(Debug, Clone, Default)]
pub struct BarisRekap {
    pub nama: String,
    pub nip: String,
    pub jabatan: String,
    pub unit: String,
    pub rating_hasil: String,
    pub rating_perilaku: String,
    pub predikat: String,
    /// Angka kredit of the period, when the jabatan is fungsional.
    pub angka_kredit: Option<f64>,
    pub status: String,
}

pub const KOLOM: [&str; 10] = [
    "No",
    "Nama",
    "NIP",
    "Jabatan",
    "Unit Kerja",
    "Rating Hasil Kerja",
    "Rating Perilaku Kerja",
    "Predikat Kinerja",
    "Angka Kredit",
    "Status",
];

/// A workbook with one sheet "Rekap": `judul` in the first row, the header in the third, the
/// rows beneath. NIPs are written as text so that spreadsheets keep all 18 digits.
pub fn rekap(judul: &str, baris: &[BarisRekap]) -> Result<Vec<u8>, ReportError> {
    let err = |e: rust_xlsxwriter::XlsxError| ReportError::Xlsx(e.to_string());
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Rekap").map_err(err)?;
    let tebal = Format::new().set_bold();
    let ak = Format::new().set_num_format("0.00");
    ws.write_string_with_format(0, 0, judul, &tebal)
        .map_err(err)?;
    for (c, k) in KOLOM.iter().enumerate() {
        ws.write_string_with_format(2, c as u16, *k, &tebal)
            .map_err(err)?;
    }
    for (i, b) in baris.iter().enumerate() {
        let r = 3 + i as u32;
        ws.write_number(r, 0, (i + 1) as f64).map_err(err)?;
        for (c, v) in [
            &b.nama,
            &b.nip,
            &b.jabatan,
            &b.unit,
            &b.rating_hasil,
            &b.rating_perilaku,
            &b.predikat,
        ]
        .into_iter()
        .enumerate()
        {
            ws.write_string(r, 1 + c as u16, v).map_err(err)?;
        }
        if let Some(x) = b.angka_kredit {
            ws.write_number_with_format(r, 8, x, &ak).map_err(err)?;
        }
        ws.write_string(r, 9, &b.status).map_err(err)?;
    }
    ws.set_column_width(1, 28).map_err(err)?;
    ws.set_column_width(2, 20).map_err(err)?;
    ws.set_column_width(3, 30).map_err(err)?;
    ws.set_column_width(4, 26).map_err(err)?;
    ws.autofilter(2, 0, 2 + baris.len() as u32, 9)
        .map_err(err)?;
    wb.save_to_buffer().map_err(err)
}

/// A row of the competency heat map: jabatan, holders, holders assessed, and per competency the
/// percent meeting the standard (`None` where the jabatan has no standard or nobody was assessed).
#[derive(Debug, Clone, Default)]
pub struct BarisPeta {
    pub jabatan: String,
    pub pemegang: u32,
    pub dinilai: u32,
    pub persen: Vec<Option<u32>>,
}

/// A row of the training needs.
#[derive(Debug, Clone, Default)]
pub struct BarisKebutuhan {
    pub uraian: String,
    pub jenis: String,
    pub kompetensi: String,
    pub pegawai: u32,
    pub jp: u32,
}

/// The competency report of a unit: sheet "Peta kompetensi" with the heat map
/// (cells coloured by band, as on the page) and sheet "Kebutuhan pelatihan" with the needs summed
/// from the IDPs.
pub fn peta_kompetensi(
    judul: &str,
    kolom: &[String],
    baris: &[BarisPeta],
    kebutuhan: &[BarisKebutuhan],
) -> Result<Vec<u8>, ReportError> {
    use rust_xlsxwriter::Color;
    let err = |e: rust_xlsxwriter::XlsxError| ReportError::Xlsx(e.to_string());
    let mut wb = Workbook::new();
    let tebal = Format::new().set_bold();
    let band = |p: u32| {
        let c = if p < 50 {
            0xF4C7C3
        } else if p < 80 {
            0xFCE8B2
        } else {
            0xB7E1CD
        };
        Format::new().set_background_color(Color::RGB(c))
    };
    {
        let ws = wb.add_worksheet();
        ws.set_name("Peta kompetensi").map_err(err)?;
        ws.write_string_with_format(0, 0, judul, &tebal)
            .map_err(err)?;
        ws.write_string(
            1,
            0,
            "Persentase pemegang jabatan yang memenuhi standar kompetensi",
        )
        .map_err(err)?;
        for (c, k) in ["Jabatan", "Pemegang", "Dinilai"]
            .into_iter()
            .chain(kolom.iter().map(String::as_str))
            .enumerate()
        {
            ws.write_string_with_format(3, c as u16, k, &tebal)
                .map_err(err)?;
        }
        for (i, b) in baris.iter().enumerate() {
            let r = 4 + i as u32;
            ws.write_string(r, 0, &b.jabatan).map_err(err)?;
            ws.write_number(r, 1, f64::from(b.pemegang)).map_err(err)?;
            ws.write_number(r, 2, f64::from(b.dinilai)).map_err(err)?;
            for (c, p) in b.persen.iter().enumerate() {
                if let Some(p) = p {
                    ws.write_number_with_format(r, 3 + c as u16, f64::from(*p), &band(*p))
                        .map_err(err)?;
                }
            }
        }
        ws.set_column_width(0, 36).map_err(err)?;
    }
    {
        let ws = wb.add_worksheet();
        ws.set_name("Kebutuhan pelatihan").map_err(err)?;
        ws.write_string_with_format(0, 0, judul, &tebal)
            .map_err(err)?;
        for (c, k) in [
            "Kegiatan",
            "Jenis",
            "Kompetensi",
            "Jumlah pegawai",
            "JP direncanakan",
        ]
        .into_iter()
        .enumerate()
        {
            ws.write_string_with_format(2, c as u16, k, &tebal)
                .map_err(err)?;
        }
        for (i, k) in kebutuhan.iter().enumerate() {
            let r = 3 + i as u32;
            ws.write_string(r, 0, &k.uraian).map_err(err)?;
            ws.write_string(r, 1, &k.jenis).map_err(err)?;
            ws.write_string(r, 2, &k.kompetensi).map_err(err)?;
            ws.write_number(r, 3, f64::from(k.pegawai)).map_err(err)?;
            ws.write_number(r, 4, f64::from(k.jp)).map_err(err)?;
        }
        ws.set_column_width(0, 40).map_err(err)?;
        ws.set_column_width(1, 24).map_err(err)?;
        ws.set_column_width(2, 30).map_err(err)?;
    }
    wb.save_to_buffer().map_err(err)
}
