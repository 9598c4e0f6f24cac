//! The objection deadline (PP 30/2019 Pasal 59, `DOMAIN.md` §8): a keberatan must be filed
//! within 14 days of receiving the result.

use chrono::{Duration, NaiveDate};

pub const BATAS_HARI: i64 = 14;

/// The last day a keberatan may be filed.
pub fn batas(diterima: NaiveDate) -> NaiveDate {
    diterima + Duration::days(BATAS_HARI)
}

/// Whether a keberatan filed on `diajukan` is in time.
pub fn tepat_waktu(diterima: NaiveDate, diajukan: NaiveDate) -> bool {
    diajukan >= diterima && diajukan <= batas(diterima)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fourteen_days() {
        let d = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        assert_eq!(batas(d), NaiveDate::from_ymd_opt(2026, 1, 19).unwrap());
        assert!(tepat_waktu(d, d));
        assert!(tepat_waktu(
            d,
            NaiveDate::from_ymd_opt(2026, 1, 19).unwrap()
        ));
        assert!(!tepat_waktu(
            d,
            NaiveDate::from_ymd_opt(2026, 1, 20).unwrap()
        ));
        assert!(!tepat_waktu(
            d,
            NaiveDate::from_ymd_opt(2026, 1, 4).unwrap()
        ));
    }
}
