//! Angka kredit for jabatan fungsional (`DOMAIN.md` §9, PermenPANRB 1/2023, PerBKN 3/2023):
//! AK = (months / 12) × percentage of the predikat × koefisien of the jenjang, rounded to two
//! decimals. Computed in hundredths with integer arithmetic, rounding half up.

use super::predikat::Predikat;

/// Koefisien per year in hundredths, by SIASN jenjang code.
pub fn koefisien(jenjang: &str) -> Option<u32> {
    Some(match jenjang {
        "PM" => 375,
        "TR" => 500,
        "MH" => 1250,
        "PY" => 2500,
        "PT" => 1250,
        "MU" => 2500,
        "MA" => 3750,
        "UT" => 5000,
        _ => return None,
    })
}

/// Percentage of the koefisien earned for a predikat.
pub fn persen(p: Predikat) -> u32 {
    match p {
        Predikat::SangatBaik => 150,
        Predikat::Baik => 100,
        Predikat::ButuhPerbaikan => 75,
        Predikat::Kurang => 50,
        Predikat::SangatKurang => 25,
    }
}

/// AK in hundredths for `bulan` months (1–12) at `jenjang` with `predikat`.
pub fn angka_kredit(jenjang: &str, predikat: Predikat, bulan: u32) -> Option<u32> {
    Some(bulatkan(angka_kredit_tepat(jenjang, predikat, bulan)?))
}

/// Units of [`angka_kredit_tepat`] in one hundredth.
pub const PER_SERATUS: u64 = 12 * 100;

/// AK unrounded, in 1/[`PER_SERATUS`] of a hundredth: what is summed over a year's periods,
/// so that the total is rounded once (4 × 3 months of Terampil at Sangat Baik are 7,50, not
/// 4 × 1,88).
pub fn angka_kredit_tepat(jenjang: &str, predikat: Predikat, bulan: u32) -> Option<u64> {
    if !(1..=12).contains(&bulan) {
        return None;
    }
    Some(u64::from(bulan) * u64::from(persen(predikat)) * u64::from(koefisien(jenjang)?))
}

/// An unrounded AK (see [`angka_kredit_tepat`]) rounded half up to hundredths.
pub fn bulatkan(tepat: u64) -> u32 {
    u32::try_from((2 * tepat + PER_SERATUS) / (2 * PER_SERATUS)).unwrap_or(u32::MAX)
}

/// Hundredths as "12,50" (Indonesian decimal comma).
pub fn tampil(hundredths: u32) -> String {
    format!("{},{:02}", hundredths / 100, hundredths % 100)
}

/// Cumulative AK (hundredths) needed for the next pangkat and the next jenjang; `None` where the
/// table has no next step.
pub fn kebutuhan(jenjang: &str) -> Option<(u32, Option<u32>)> {
    Some(match jenjang {
        "UT" => (20000, None),
        "MA" => (15000, Some(45000)),
        "MU" => (10000, Some(20000)),
        "PT" => (5000, Some(10000)),
        "PY" => (10000, None),
        "MH" => (5000, Some(10000)),
        "TR" => (2000, Some(6000)),
        "PM" => (1500, Some(1500)),
        _ => return None,
    })
}

/// One final evaluation's AK as the cumulative total sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Perolehan {
    pub tahun: i32,
    /// From the annual period (TAHUNAN) rather than a triwulan or month.
    pub tahunan: bool,
    /// Unrounded, in 1/[`PER_SERATUS`] of a hundredth (see [`angka_kredit_tepat`]).
    pub ak: u64,
}

/// Which perolehan count towards the cumulative total, in order. A year's annual evaluation
/// converts the whole year, so when it exists the periodic ones of that year are not added again
/// (they would count the same months twice); a year without one counts its periodic evaluations,
/// each prorated by its months.
pub fn dihitung(xs: &[Perolehan]) -> Vec<bool> {
    xs.iter()
        .map(|x| x.tahunan || !xs.iter().any(|y| y.tahunan && y.tahun == x.tahun))
        .collect()
}

/// How far a cumulative total is from the next pangkat and the next jenjang.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ambang {
    /// Hundredths needed.
    pub perlu: u32,
    pub tercapai: bool,
    /// Hundredths still missing (0 when reached).
    pub kurang: u32,
}

/// The next pangkat and next jenjang thresholds for `total` (hundredths) at `jenjang`.
pub fn ambang(jenjang: &str, total: u32) -> Option<(Ambang, Option<Ambang>)> {
    let a = |perlu: u32| Ambang {
        perlu,
        tercapai: total >= perlu,
        kurang: perlu.saturating_sub(total),
    };
    let (pangkat, jenjang) = kebutuhan(jenjang)?;
    Some((a(pangkat), jenjang.map(a)))
}

/// Parses an AK typed as "12,50", "12.5" or "12" into hundredths; `None` for anything else,
/// negative values or more than two decimals.
pub fn baca(s: &str) -> Option<u32> {
    let s = s.trim().replace(',', ".");
    let (bulat, pecahan) = s.split_once('.').unwrap_or((s.as_str(), ""));
    if bulat.is_empty() || !bulat.bytes().all(|b| b.is_ascii_digit()) || pecahan.len() > 2 {
        return None;
    }
    if !pecahan.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let frac = match pecahan.len() {
        0 => 0,
        1 => pecahan.parse::<u32>().ok()? * 10,
        _ => pecahan.parse::<u32>().ok()?,
    };
    bulat
        .parse::<u32>()
        .ok()?
        .checked_mul(100)?
        .checked_add(frac)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_of_quarters_is_rounded_once() {
        let kuartal = angka_kredit_tepat("TR", Predikat::SangatBaik, 3).unwrap();
        assert_eq!(bulatkan(kuartal), 188);
        assert_eq!(bulatkan(4 * kuartal), 750);
        assert_eq!(
            bulatkan(4 * kuartal),
            angka_kredit("TR", Predikat::SangatBaik, 12).unwrap()
        );
    }
    use Predikat::*;

    #[test]
    fn domain_examples() {
        assert_eq!(angka_kredit("PT", Baik, 12), Some(1250));
        assert_eq!(angka_kredit("PT", Baik, 2), Some(208));
        assert_eq!(angka_kredit("MA", SangatBaik, 12), Some(5625));
        assert_eq!(tampil(208), "2,08");
    }

    #[test]
    fn whole_table_matches() {
        // [SB, B, BP, K, SK] per jenjang, from DOMAIN.md §9 (hundredths).
        let table = [
            ("PM", [563, 375, 281, 188, 94]),
            ("TR", [750, 500, 375, 250, 125]),
            ("MH", [1875, 1250, 938, 625, 313]),
            ("PY", [3750, 2500, 1875, 1250, 625]),
            ("PT", [1875, 1250, 938, 625, 313]),
            ("MU", [3750, 2500, 1875, 1250, 625]),
            ("MA", [5625, 3750, 2813, 1875, 938]),
            ("UT", [7500, 5000, 3750, 2500, 1250]),
        ];
        for (j, row) in table {
            for (p, expected) in Predikat::ALL.into_iter().zip(row) {
                assert_eq!(angka_kredit(j, p, 12), Some(expected), "{j} {p:?}");
            }
        }
        assert_eq!(angka_kredit("XX", Baik, 12), None);
        assert_eq!(angka_kredit("PT", Baik, 0), None);
        assert_eq!(angka_kredit("PT", Baik, 13), None);
        assert_eq!(kebutuhan("MU"), Some((10000, Some(20000))));
    }

    #[test]
    fn annual_evaluation_replaces_the_periodic_ones_of_its_year() {
        let p = |tahun, tahunan, ak: u32| Perolehan {
            tahun,
            tahunan,
            ak: u64::from(ak) * PER_SERATUS,
        };
        let xs = [
            p(2025, false, 313),
            p(2025, false, 313),
            p(2025, true, 1250),
            p(2026, false, 313),
            p(2026, false, 469),
        ];
        assert_eq!(dihitung(&xs), [false, false, true, true, true]);
        assert_eq!(dihitung(&[]), Vec::<bool>::new());
    }

    #[test]
    fn thresholds_report_what_is_missing() {
        let (pangkat, jenjang) = ambang("PT", 4250).unwrap();
        assert_eq!(
            pangkat,
            Ambang {
                perlu: 5000,
                tercapai: false,
                kurang: 750
            }
        );
        assert_eq!(jenjang.unwrap().kurang, 5750);
        let (pangkat, jenjang) = ambang("UT", 20000).unwrap();
        assert!(pangkat.tercapai && pangkat.kurang == 0);
        assert_eq!(jenjang, None);
        assert_eq!(ambang("XX", 0), None);
    }

    #[test]
    fn reads_indonesian_and_dotted_decimals() {
        assert_eq!(baca("12,50"), Some(1250));
        assert_eq!(baca(" 12.5 "), Some(1250));
        assert_eq!(baca("7"), Some(700));
        assert_eq!(baca("0,08"), Some(8));
        for bad in ["", "-1", "1,234", "abc", "1,2x", ",5", "1.2.3"] {
            assert_eq!(baca(bad), None, "{bad}");
        }
    }
}
