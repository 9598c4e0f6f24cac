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
    if !(1..=12).contains(&bulan) {
        return None;
    }
    let num = bulan * persen(predikat) * koefisien(jenjang)?;
    let den = 12 * 100;
    Some((2 * num + den) / (2 * den))
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

#[cfg(test)]
mod tests {
    use super::*;
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
}
