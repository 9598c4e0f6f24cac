//! Indonesian formatting: `1.234,56` for numbers and `12 Januari 2026` for dates.

use crate::i18n::Lang;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use kinerja_core::rules::kalender::BULAN;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub fn tanggal(d: NaiveDate, lang: Lang) -> String {
    let m = (d.month0()) as usize;
    let name = match lang {
        Lang::Id => BULAN[m],
        Lang::En => MONTHS[m],
    };
    format!("{} {} {}", d.day(), name, d.year())
}

/// Date and time in WIB (UTC+7), the zone of most of our users.
pub fn waktu(t: DateTime<Utc>, lang: Lang) -> String {
    let wib = t + chrono::Duration::hours(7);
    format!(
        "{} {} WIB",
        tanggal(wib.date_naive(), lang),
        wib.format("%H.%M")
    )
}

/// Thousands separated by dots: 12345 → "12.345".
pub fn angka(n: u64) -> String {
    kinerja_core::rules::nilai::ribuan(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indonesian_formats() {
        assert_eq!(
            tanggal(NaiveDate::from_ymd_opt(2026, 1, 12).unwrap(), Lang::Id),
            "12 Januari 2026"
        );
        assert_eq!(
            tanggal(NaiveDate::from_ymd_opt(2026, 8, 2).unwrap(), Lang::En),
            "2 August 2026"
        );
        assert_eq!(angka(0), "0");
        assert_eq!(angka(1234), "1.234");
        assert_eq!(angka(4_300_000), "4.300.000");
    }
}
