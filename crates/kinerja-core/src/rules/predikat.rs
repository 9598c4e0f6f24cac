//! Ratings and the Predikat Kinerja Pegawai matrix (`DOMAIN.md` §6.2–6.3), as a lookup table.
//! Note the asymmetry: poor behaviour with acceptable results is Kurang/Misconduct, worse than
//! poor results with acceptable behaviour (Butuh Perbaikan).

/// Rating Hasil Kerja or Rating Perilaku Kerja.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rating {
    DiAtas,
    Sesuai,
    DiBawah,
}

impl Rating {
    pub const ALL: [Rating; 3] = [Rating::DiAtas, Rating::Sesuai, Rating::DiBawah];

    pub fn code(self) -> &'static str {
        match self {
            Rating::DiAtas => "DIATAS",
            Rating::Sesuai => "SESUAI",
            Rating::DiBawah => "DIBAWAH",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Rating::DiAtas => "Di Atas Ekspektasi",
            Rating::Sesuai => "Sesuai Ekspektasi",
            Rating::DiBawah => "Di Bawah Ekspektasi",
        }
    }

    pub fn from_code(s: &str) -> Option<Rating> {
        Self::ALL.into_iter().find(|r| r.code() == s)
    }
}

/// Predikat, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Predikat {
    SangatBaik,
    Baik,
    ButuhPerbaikan,
    Kurang,
    SangatKurang,
}

impl Predikat {
    pub const ALL: [Predikat; 5] = [
        Predikat::SangatBaik,
        Predikat::Baik,
        Predikat::ButuhPerbaikan,
        Predikat::Kurang,
        Predikat::SangatKurang,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Predikat::SangatBaik => "SANGAT_BAIK",
            Predikat::Baik => "BAIK",
            Predikat::ButuhPerbaikan => "BUTUH_PERBAIKAN",
            Predikat::Kurang => "KURANG",
            Predikat::SangatKurang => "SANGAT_KURANG",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Predikat::SangatBaik => "Sangat Baik",
            Predikat::Baik => "Baik",
            Predikat::ButuhPerbaikan => "Butuh Perbaikan",
            Predikat::Kurang => "Kurang/Misconduct",
            Predikat::SangatKurang => "Sangat Kurang",
        }
    }

    pub fn from_code(s: &str) -> Option<Predikat> {
        Self::ALL.into_iter().find(|p| p.code() == s)
    }

    /// Below Baik: the pegawai is given six months of bimbingan kinerja to improve
    /// (`DOMAIN.md` §10, PP 30/2019 Pasal 57).
    pub fn perlu_perbaikan(self) -> bool {
        self > Predikat::Baik
    }

    /// Index 0..5 in best-first order, for count arrays.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Rows: Rating Hasil Kerja (Di Atas, Sesuai, Di Bawah); columns: Rating Perilaku Kerja
/// (Di Bawah, Sesuai, Di Atas), exactly as the table in `DOMAIN.md` §6.3 is printed.
const MATRIX: [[Predikat; 3]; 3] = {
    use Predikat::*;
    [
        [Kurang, Baik, SangatBaik],
        [Kurang, Baik, Baik],
        [SangatKurang, ButuhPerbaikan, ButuhPerbaikan],
    ]
};

/// The predikat of a pegawai from their two ratings.
pub fn predikat(hasil_kerja: Rating, perilaku: Rating) -> Predikat {
    let row = match hasil_kerja {
        Rating::DiAtas => 0,
        Rating::Sesuai => 1,
        Rating::DiBawah => 2,
    };
    let col = match perilaku {
        Rating::DiBawah => 0,
        Rating::Sesuai => 1,
        Rating::DiAtas => 2,
    };
    MATRIX[row][col]
}

#[cfg(test)]
mod tests {
    use super::Predikat::*;
    use super::Rating::*;
    use super::*;

    #[test]
    fn all_nine_cells() {
        let cases = [
            (DiAtas, DiBawah, Kurang),
            (DiAtas, Sesuai, Baik),
            (DiAtas, DiAtas, SangatBaik),
            (Sesuai, DiBawah, Kurang),
            (Sesuai, Sesuai, Baik),
            (Sesuai, DiAtas, Baik),
            (DiBawah, DiBawah, SangatKurang),
            (DiBawah, Sesuai, ButuhPerbaikan),
            (DiBawah, DiAtas, ButuhPerbaikan),
        ];
        for (hk, pk, expected) in cases {
            assert_eq!(predikat(hk, pk), expected, "HK {hk:?}, PK {pk:?}");
        }
    }

    #[test]
    fn codes_round_trip() {
        for p in Predikat::ALL {
            assert_eq!(Predikat::from_code(p.code()), Some(p));
        }
        for r in Rating::ALL {
            assert_eq!(Rating::from_code(r.code()), Some(r));
        }
        assert_eq!(Kurang.label(), "Kurang/Misconduct");
    }

    #[test]
    fn below_baik_needs_improvement() {
        let perlu: Vec<_> = Predikat::ALL
            .into_iter()
            .filter(|p| p.perlu_perbaikan())
            .collect();
        assert_eq!(perlu, [ButuhPerbaikan, Kurang, SangatKurang]);
    }
}
