//! Golongan ruang and pangkat (`DOMAIN.md` §15.2): the 17 PNS ranks with their titles, and the
//! PPPK golongan I–XVII, which have no pangkat title.

use super::nip::StatusAsn;

/// PNS golongan in rank order with their pangkat.
pub const GOLONGAN_PNS: [(&str, &str); 17] = [
    ("I/a", "Juru Muda"),
    ("I/b", "Juru Muda Tingkat I"),
    ("I/c", "Juru"),
    ("I/d", "Juru Tingkat I"),
    ("II/a", "Pengatur Muda"),
    ("II/b", "Pengatur Muda Tingkat I"),
    ("II/c", "Pengatur"),
    ("II/d", "Pengatur Tingkat I"),
    ("III/a", "Penata Muda"),
    ("III/b", "Penata Muda Tingkat I"),
    ("III/c", "Penata"),
    ("III/d", "Penata Tingkat I"),
    ("IV/a", "Pembina"),
    ("IV/b", "Pembina Tingkat I"),
    ("IV/c", "Pembina Utama Muda"),
    ("IV/d", "Pembina Utama Madya"),
    ("IV/e", "Pembina Utama"),
];

/// PPPK golongan I–XVII.
pub const GOLONGAN_PPPK: [&str; 17] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
    "XVI", "XVII",
];

/// A validated golongan code in its canonical spelling (`III/a`, `IX`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Golongan {
    pub code: &'static str,
    pub status: StatusAsn,
    /// 1-based rank within its scheme, for sorting.
    pub rank: u8,
}

impl Golongan {
    /// Accepts the canonical spelling and common variants (`iii/a`, `III-A`, `3a` is refused on
    /// purpose: it is ambiguous in practice).
    pub fn parse(input: &str, status: StatusAsn) -> Result<Golongan, String> {
        let cleaned = input.trim().replace(['-', ' ', '.'], "/");
        let canon = |c: &str| c.eq_ignore_ascii_case(&cleaned);
        let found = match status {
            StatusAsn::Pns => GOLONGAN_PNS
                .iter()
                .position(|(code, _)| canon(code))
                .map(|i| (GOLONGAN_PNS[i].0, i)),
            StatusAsn::Pppk => GOLONGAN_PPPK
                .iter()
                .position(|code| canon(code))
                .map(|i| (GOLONGAN_PPPK[i], i)),
        };
        match found {
            Some((code, i)) => Ok(Golongan {
                code,
                status,
                rank: i as u8 + 1,
            }),
            None => Err(match status {
                StatusAsn::Pns => format!(
                    "Golongan PNS \"{}\" tidak dikenal; gunakan I/a sampai IV/e.",
                    input.trim()
                ),
                StatusAsn::Pppk => format!(
                    "Golongan PPPK \"{}\" tidak dikenal; gunakan I sampai XVII.",
                    input.trim()
                ),
            }),
        }
    }

    /// The pangkat title; PPPK golongan have none.
    pub fn pangkat(&self) -> Option<&'static str> {
        match self.status {
            StatusAsn::Pns => Some(GOLONGAN_PNS[self.rank as usize - 1].1),
            StatusAsn::Pppk => None,
        }
    }

    /// "Penata Muda, III/a" for PNS, "Golongan IX" for PPPK.
    pub fn label(&self) -> String {
        match self.pangkat() {
            Some(p) => format!("{p}, {}", self.code),
            None => format!("Golongan {}", self.code),
        }
    }
}

/// The label of a stored golongan code; the code itself when it is not recognised.
pub fn label(code: &str, status: StatusAsn) -> String {
    Golongan::parse(code, status)
        .map(|g| g.label())
        .unwrap_or_else(|_| code.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pns_golongan_has_its_pangkat() {
        let expected = [
            ("I/a", "Juru Muda"),
            ("II/c", "Pengatur"),
            ("III/a", "Penata Muda"),
            ("III/d", "Penata Tingkat I"),
            ("IV/a", "Pembina"),
            ("IV/c", "Pembina Utama Muda"),
            ("IV/e", "Pembina Utama"),
        ];
        for (code, pangkat) in expected {
            let g = Golongan::parse(code, StatusAsn::Pns).unwrap();
            assert_eq!(g.pangkat(), Some(pangkat));
        }
        for (i, (code, _)) in GOLONGAN_PNS.iter().enumerate() {
            assert_eq!(
                Golongan::parse(code, StatusAsn::Pns).unwrap().rank as usize,
                i + 1
            );
        }
    }

    #[test]
    fn variants_are_normalised() {
        let g = Golongan::parse(" iii-a ", StatusAsn::Pns).unwrap();
        assert_eq!(g.code, "III/a");
        assert_eq!(g.label(), "Penata Muda, III/a");
    }

    #[test]
    fn unknown_or_wrong_scheme_is_refused() {
        assert!(Golongan::parse("IV/f", StatusAsn::Pns).is_err());
        assert!(Golongan::parse("V/a", StatusAsn::Pns).is_err());
        assert!(Golongan::parse("IX", StatusAsn::Pns).is_err());
        assert!(Golongan::parse("III/a", StatusAsn::Pppk).is_err());
        assert!(Golongan::parse("XVIII", StatusAsn::Pppk).is_err());
        let g = Golongan::parse("ix", StatusAsn::Pppk).unwrap();
        assert_eq!(
            (g.code, g.pangkat(), g.label().as_str()),
            ("IX", None, "Golongan IX")
        );
    }
}
