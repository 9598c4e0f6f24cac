//! NIP (PNS) and NI PPPK: the 18-digit identifiers of `DOMAIN.md` §15.1.
//!
//! A PNS NIP reads `YYYYMMDD YYYYMM G NNN` (birth date, TMT month, sex, sequence). An NI PPPK reads
//! `YYYYMMDD YYYY 21 G NNN` (birth date, appointment year, the literal `21`, sex, sequence). The two
//! cannot always be told apart from the digits alone, so callers that know the employee type
//! (`StatusAsn`) validate against it with [`Nip::parse_for`]; [`Nip::parse`] only guesses.

use chrono::{Datelike, NaiveDate};
use std::fmt;

/// Whether the holder is a PNS (civil servant) or a PPPK (contract civil servant).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusAsn {
    Pns,
    Pppk,
}

impl StatusAsn {
    pub fn code(self) -> &'static str {
        match self {
            StatusAsn::Pns => "PNS",
            StatusAsn::Pppk => "PPPK",
        }
    }

    pub fn from_code(s: &str) -> Option<Self> {
        match s.trim().to_ascii_uppercase().as_str() {
            "PNS" => Some(StatusAsn::Pns),
            "PPPK" => Some(StatusAsn::Pppk),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JenisKelamin {
    LakiLaki,
    Perempuan,
}

/// A validated NIP or NI PPPK.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nip {
    digits: String,
    pub status: StatusAsn,
    pub tanggal_lahir: NaiveDate,
    /// PNS: the TMT year; PPPK: the appointment year.
    pub tahun_tmt: i32,
    /// PNS only: the TMT month (1–12).
    pub bulan_tmt: Option<u32>,
    pub jenis_kelamin: JenisKelamin,
    pub urutan: u32,
}

/// Why a NIP was refused. `Display` gives the Indonesian message shown next to the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NipError {
    Panjang,
    BukanAngka,
    TanggalLahir,
    TahunLahirTidakWajar,
    BulanTmt,
    KodePppk,
    JenisKelamin,
    Urutan,
    TmtSebelumUsia18,
    TmtDiMasaDepan,
}

impl fmt::Display for NipError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NipError::Panjang => "NIP harus terdiri dari 18 digit.",
            NipError::BukanAngka => "NIP hanya boleh berisi angka.",
            NipError::TanggalLahir => "Digit 1–8 NIP bukan tanggal lahir yang valid (TTTTBBHH).",
            NipError::TahunLahirTidakWajar => "Tahun lahir pada NIP tidak wajar.",
            NipError::BulanTmt => "Bulan TMT pada NIP (digit 13–14) harus 01–12.",
            NipError::KodePppk => "NI PPPK harus memuat kode 21 pada digit 13–14.",
            NipError::JenisKelamin => {
                "Digit ke-15 NIP (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan)."
            }
            NipError::Urutan => "Nomor urut pada NIP (digit 16–18) harus 001–999.",
            NipError::TmtSebelumUsia18 => "TMT pada NIP lebih awal dari usia 18 tahun.",
            NipError::TmtDiMasaDepan => "TMT pada NIP berada di masa depan.",
        })
    }
}

impl std::error::Error for NipError {}

/// Earliest birth year we accept: nobody born before this is still in active service.
const TAHUN_LAHIR_MIN: i32 = 1940;

impl Nip {
    /// Parses without knowing the employee type: digits 13–14 equal to `21` (a month that cannot
    /// exist) mark an NI PPPK, anything else is read as a PNS NIP.
    pub fn parse(input: &str, today: NaiveDate) -> Result<Nip, NipError> {
        let digits = normalize(input)?;
        let status = if &digits[12..14] == "21" {
            StatusAsn::Pppk
        } else {
            StatusAsn::Pns
        };
        parse_digits(digits, status, today)
    }

    /// Parses and validates against the known employee type (the preferred form).
    pub fn parse_for(input: &str, status: StatusAsn, today: NaiveDate) -> Result<Nip, NipError> {
        parse_digits(normalize(input)?, status, today)
    }

    pub fn as_str(&self) -> &str {
        &self.digits
    }

    /// The usual grouped display, e.g. `19650222 200701 1 005`.
    pub fn grouped(&self) -> String {
        format!(
            "{} {} {} {}",
            &self.digits[0..8],
            &self.digits[8..14],
            &self.digits[14..15],
            &self.digits[15..18]
        )
    }
}

impl fmt::Display for Nip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.digits)
    }
}

/// Strips the spaces people type when copying the grouped form.
fn normalize(input: &str) -> Result<String, NipError> {
    let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(NipError::BukanAngka);
    }
    if digits.len() != 18 {
        return Err(NipError::Panjang);
    }
    Ok(digits)
}

fn num(s: &str) -> u32 {
    s.parse().expect("checked to be ASCII digits")
}

fn parse_digits(digits: String, status: StatusAsn, today: NaiveDate) -> Result<Nip, NipError> {
    let tahun_lahir = num(&digits[0..4]) as i32;
    let tanggal_lahir =
        NaiveDate::from_ymd_opt(tahun_lahir, num(&digits[4..6]), num(&digits[6..8]))
            .ok_or(NipError::TanggalLahir)?;
    if tahun_lahir < TAHUN_LAHIR_MIN || tanggal_lahir > today {
        return Err(NipError::TahunLahirTidakWajar);
    }
    let tahun_tmt = num(&digits[8..12]) as i32;
    let kode = num(&digits[12..14]);
    let bulan_tmt = match status {
        StatusAsn::Pns => {
            if !(1..=12).contains(&kode) {
                return Err(NipError::BulanTmt);
            }
            Some(kode)
        }
        StatusAsn::Pppk => {
            if kode != 21 {
                return Err(NipError::KodePppk);
            }
            None
        }
    };
    let jenis_kelamin = match &digits[14..15] {
        "1" => JenisKelamin::LakiLaki,
        "2" => JenisKelamin::Perempuan,
        _ => return Err(NipError::JenisKelamin),
    };
    let urutan = num(&digits[15..18]);
    if urutan == 0 {
        return Err(NipError::Urutan);
    }
    if tahun_tmt < tahun_lahir + 18 {
        return Err(NipError::TmtSebelumUsia18);
    }
    let tmt_in_future = match bulan_tmt {
        Some(m) => (tahun_tmt, m) > (today.year(), today.month()),
        None => tahun_tmt > today.year(),
    };
    if tmt_in_future {
        return Err(NipError::TmtDiMasaDepan);
    }
    Ok(Nip {
        digits,
        status,
        tanggal_lahir,
        tahun_tmt,
        bulan_tmt,
        jenis_kelamin,
        urutan,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    #[test]
    fn domain_example_pns() {
        let nip = Nip::parse("196502222007011005", today()).unwrap();
        assert_eq!(nip.status, StatusAsn::Pns);
        assert_eq!(
            nip.tanggal_lahir,
            NaiveDate::from_ymd_opt(1965, 2, 22).unwrap()
        );
        assert_eq!((nip.tahun_tmt, nip.bulan_tmt), (2007, Some(1)));
        assert_eq!(nip.jenis_kelamin, JenisKelamin::LakiLaki);
        assert_eq!(nip.urutan, 5);
        assert_eq!(nip.grouped(), "19650222 200701 1 005");
    }

    #[test]
    fn domain_example_pppk_is_not_a_month_error() {
        let nip = Nip::parse("199312282025212001", today()).unwrap();
        assert_eq!(nip.status, StatusAsn::Pppk);
        assert_eq!(nip.tahun_tmt, 2025);
        assert_eq!(nip.bulan_tmt, None);
        assert_eq!(nip.jenis_kelamin, JenisKelamin::Perempuan);
        assert_eq!(nip.urutan, 1);
        // The same digits are refused when the employee is declared PNS.
        assert_eq!(
            Nip::parse_for("199312282025212001", StatusAsn::Pns, today()),
            Err(NipError::BulanTmt)
        );
        // And a PNS NIP is refused when the employee is declared PPPK.
        assert_eq!(
            Nip::parse_for("196502222007011005", StatusAsn::Pppk, today()),
            Err(NipError::KodePppk)
        );
    }

    #[test]
    fn grouped_input_is_accepted() {
        let nip = Nip::parse("19650222 200701 1 005", today()).unwrap();
        assert_eq!(nip.as_str(), "196502222007011005");
    }

    #[test]
    fn every_rule_refuses() {
        let t = today();
        let cases = [
            ("19650222200701100", NipError::Panjang),
            ("1965022220070110055", NipError::Panjang),
            ("19650222200701100A", NipError::BukanAngka),
            ("196502302007011005", NipError::TanggalLahir),
            ("196513222007011005", NipError::TanggalLahir),
            ("183502222007011005", NipError::TahunLahirTidakWajar),
            ("196502222007001005", NipError::BulanTmt),
            ("196502222007131005", NipError::BulanTmt),
            ("196502222007013005", NipError::JenisKelamin),
            ("196502222007010005", NipError::JenisKelamin),
            ("196502222007011000", NipError::Urutan),
            ("196502221980011005", NipError::TmtSebelumUsia18),
            ("199502222027011005", NipError::TmtDiMasaDepan),
        ];
        for (input, expected) in cases {
            assert_eq!(Nip::parse(input, t), Err(expected.clone()), "{input}");
            assert!(!expected.to_string().is_empty());
        }
    }

    #[test]
    fn tmt_this_month_is_allowed_next_month_is_not() {
        let t = today();
        assert!(Nip::parse("199502222026111001", t).is_ok());
        assert_eq!(
            Nip::parse("199502222026121001", t),
            Err(NipError::TmtDiMasaDepan)
        );
    }

    #[test]
    fn status_codes_round_trip() {
        for s in [StatusAsn::Pns, StatusAsn::Pppk] {
            assert_eq!(StatusAsn::from_code(s.code()), Some(s));
        }
        assert_eq!(StatusAsn::from_code(" pppk "), Some(StatusAsn::Pppk));
        assert_eq!(StatusAsn::from_code("honorer"), None);
    }
}
