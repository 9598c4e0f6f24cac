//! Competency gap and Job Person Match (`DOMAIN.md` §12.4), and the anonymity rule of 360
//! assessments. JPM is kept in hundredths of a percent (integer arithmetic).

/// Gap per competency: achieved level minus required level (negative = development area).
pub fn gap(capaian: u8, standar: u8) -> i8 {
    capaian as i8 - standar as i8
}

/// JPM = Σ achieved ÷ Σ required × 100%, in hundredths of a percent, rounded half up; capped at
/// 100% when `cap` (capping is an instansi setting). `None` when nothing is required.
pub fn jpm(pairs: &[(u8, u8)], cap: bool) -> Option<u32> {
    let capaian: u32 = pairs.iter().map(|(c, _)| *c as u32).sum();
    let standar: u32 = pairs.iter().map(|(_, s)| *s as u32).sum();
    if standar == 0 {
        return None;
    }
    let v = (2 * capaian * 10_000 + standar) / (2 * standar);
    Some(if cap { v.min(10_000) } else { v })
}

/// Category for mapping / placement (*pemetaan*).
pub fn kategori_pemetaan(jpm: u32) -> &'static str {
    match jpm {
        9000.. => "Optimal",
        7800..=8999 => "Cukup Optimal",
        _ => "Kurang Optimal",
    }
}

/// Category for uji kompetensi / inpassing; a pass is JPM ≥ 68%.
pub fn kategori_uji(jpm: u32) -> &'static str {
    match jpm {
        8000.. => "Memenuhi Syarat",
        6800..=7999 => "Masih Memenuhi Syarat",
        _ => "Kurang Memenuhi Syarat",
    }
}

/// Peer and subordinate answers are shown only as an aggregate of at least this many raters.
pub const MIN_PENILAI_ANONIM: usize = 3;

/// The mean of anonymous ratings, or `None` when too few people answered to keep them anonymous.
pub fn rata_rata_anonim(nilai: &[u8]) -> Option<f64> {
    (nilai.len() >= MIN_PENILAI_ANONIM)
        .then(|| nilai.iter().map(|&v| v as f64).sum::<f64>() / nilai.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jpm_and_categories() {
        // 25 of 18 required → 138.89% uncapped, 100% capped.
        let pairs = [(5, 3), (5, 3), (5, 3), (5, 3), (5, 6)];
        assert_eq!(jpm(&pairs, false), Some(13_889));
        assert_eq!(jpm(&pairs, true), Some(10_000));
        assert_eq!(jpm(&[], false), None);
        assert_eq!(jpm(&[(2, 3), (3, 3)], false), Some(8333));
        assert_eq!(kategori_pemetaan(9000), "Optimal");
        assert_eq!(kategori_pemetaan(8999), "Cukup Optimal");
        assert_eq!(kategori_pemetaan(7799), "Kurang Optimal");
        assert_eq!(kategori_uji(8000), "Memenuhi Syarat");
        assert_eq!(kategori_uji(6800), "Masih Memenuhi Syarat");
        assert_eq!(kategori_uji(6799), "Kurang Memenuhi Syarat");
        assert_eq!(gap(2, 3), -1);
    }

    #[test]
    fn anonymity_threshold() {
        assert_eq!(rata_rata_anonim(&[3, 4]), None);
        assert_eq!(rata_rata_anonim(&[3, 4, 5]), Some(4.0));
    }
}
