//! Competency gap and Job Person Match (`DOMAIN.md` §12.4), and the anonymity rule of 360
//! assessments. JPM is kept in hundredths of a percent (integer arithmetic).

/// Gap per competency: achieved level minus required level (negative = development area).
pub fn gap(capaian: u8, standar: u8) -> i8 {
    capaian as i8 - standar as i8
}

/// JPM = Σ achieved ÷ Σ required × 100%, in hundredths of a percent, rounded half up; capped at
/// 100% when `cap` (capping is an instansi setting). `None` when nothing is required.
pub fn jpm(pairs: &[(u8, u8)], cap: bool) -> Option<u32> {
    let x100: Vec<(u32, u8)> = pairs.iter().map(|(c, s)| (*c as u32 * 100, *s)).collect();
    jpm_x100(&x100, cap)
}

/// [`jpm`] for achieved levels in hundredths of a level (a weighted level such as 2.67 is 267):
/// the combined result of several rater groups is rarely a whole level.
pub fn jpm_x100(pairs: &[(u32, u8)], cap: bool) -> Option<u32> {
    let capaian: u64 = pairs.iter().map(|(c, _)| u64::from(*c)).sum();
    let standar: u64 = pairs.iter().map(|(_, s)| u64::from(*s) * 100).sum();
    if standar == 0 {
        return None;
    }
    let v = ((2 * capaian * 10_000 + standar) / (2 * standar)) as u32;
    Some(if cap { v.min(10_000) } else { v })
}

/// The rater groups of an assessment round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kelompok {
    Diri,
    Atasan,
    Rekan,
    Bawahan,
}

impl Kelompok {
    pub const ALL: [Kelompok; 4] = [
        Kelompok::Diri,
        Kelompok::Atasan,
        Kelompok::Rekan,
        Kelompok::Bawahan,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Kelompok::Diri => "DIRI",
            Kelompok::Atasan => "ATASAN",
            Kelompok::Rekan => "REKAN",
            Kelompok::Bawahan => "BAWAHAN",
        }
    }
    pub fn from_code(s: &str) -> Option<Kelompok> {
        Self::ALL.into_iter().find(|k| k.code() == s)
    }
    /// Its place in [`Kelompok::ALL`], where per-group arrays keep it.
    pub fn index(self) -> usize {
        self as usize
    }
    pub fn label(self) -> &'static str {
        match self {
            Kelompok::Diri => "Diri sendiri",
            Kelompok::Atasan => "Atasan langsung",
            Kelompok::Rekan => "Rekan kerja",
            Kelompok::Bawahan => "Bawahan",
        }
    }
    /// Peers and subordinates answer anonymously.
    pub fn anonim(self) -> bool {
        matches!(self, Kelompok::Rekan | Kelompok::Bawahan)
    }
}

/// The achieved level in hundredths from each group's level (hundredths) and its weight in
/// percent. Groups without a level (nobody answered, or too few to stay anonymous) drop out and
/// the remaining weights are scaled up to 100%, so a missing 360 does not pull a level down.
/// `None` when no group has a level or every weight left is zero.
pub fn level_tertimbang(kelompok: &[(Option<u32>, u32)]) -> Option<u32> {
    let ada: Vec<(u32, u32)> = kelompok
        .iter()
        .filter_map(|(l, b)| l.map(|l| (l, *b)))
        .collect();
    let bobot: u64 = ada.iter().map(|(_, b)| u64::from(*b)).sum();
    if bobot == 0 {
        return None;
    }
    let jumlah: u64 = ada.iter().map(|(l, b)| u64::from(*l) * u64::from(*b)).sum();
    Some(((2 * jumlah + bobot) / (2 * bobot)) as u32)
}

/// The difference between self and supervisor ratings worth discussing: one whole level or more.
pub fn selisih_berarti(diri_x100: u32, atasan_x100: u32) -> bool {
    diri_x100.abs_diff(atasan_x100) >= 100
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

/// The mean of anonymous ratings in hundredths of a level (rounded half up), or `None` when too
/// few people answered to keep them anonymous.
pub fn rata_rata_anonim(nilai: &[u8]) -> Option<u32> {
    (nilai.len() >= MIN_PENILAI_ANONIM).then(|| rata_rata(nilai))
}

/// The mean of named ratings (self, supervisor) in hundredths of a level; 0 for none.
pub fn rata_rata(nilai: &[u8]) -> u32 {
    if nilai.is_empty() {
        return 0;
    }
    let n = nilai.len() as u32;
    let sum: u32 = nilai.iter().map(|&v| u32::from(v) * 100).sum();
    (2 * sum + n) / (2 * n)
}

/// Gap in hundredths of a level: achieved (hundredths) minus required.
pub fn gap_x100(capaian_x100: u32, standar: u8) -> i32 {
    capaian_x100 as i32 - i32::from(standar) * 100
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
        assert_eq!(rata_rata_anonim(&[]), None);
        assert_eq!(rata_rata_anonim(&[3, 4, 5]), Some(400));
        assert_eq!(rata_rata_anonim(&[3, 3, 4]), Some(333));
        assert_eq!(rata_rata_anonim(&[3, 4, 4]), Some(367));
        assert!(Kelompok::Rekan.anonim() && Kelompok::Bawahan.anonim());
        assert!(!Kelompok::Diri.anonim() && !Kelompok::Atasan.anonim());
        for (i, k) in Kelompok::ALL.into_iter().enumerate() {
            assert_eq!(k.index(), i);
        }
    }

    #[test]
    fn weights_rescale_over_the_groups_that_answered() {
        // Self 4, supervisor 3, peers 3.67, subordinates too few: 20/50/30 of the three.
        let l = level_tertimbang(&[(Some(400), 20), (Some(300), 50), (Some(367), 30), (None, 0)]);
        assert_eq!(l, Some(340)); // (80 + 150 + 110.1) / 100 = 3.401
        // Without the peers, self and supervisor count 20:50.
        assert_eq!(
            level_tertimbang(&[(Some(400), 20), (Some(300), 50), (None, 30)]),
            Some(329)
        );
        assert_eq!(level_tertimbang(&[(None, 50)]), None);
        assert_eq!(level_tertimbang(&[(Some(300), 0)]), None);
        assert_eq!(gap_x100(329, 3), 29);
        assert_eq!(gap_x100(250, 3), -50);
        assert!(selisih_berarti(400, 300) && !selisih_berarti(400, 333));
        // A fractional JPM: 3.40 and 2.50 against 3 and 3 → 98.33%.
        assert_eq!(jpm_x100(&[(340, 3), (250, 3)], false), Some(9833));
    }
}
