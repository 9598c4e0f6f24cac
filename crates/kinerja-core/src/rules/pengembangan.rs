//! Competency development (`DOMAIN.md` §14): the kinds of intervention and the yearly hours.

/// At least this many JP (jam pelajaran) of development a year for a PNS (PP 17/2020).
pub const JP_MINIMUM: u32 = 20;

/// The kinds of intervention of an IDP and the catalogue: the two tracks of §14, training split
/// into classroom and non-classroom, with coaching and mentoring as the usual non-classroom forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Jenis {
    Klasikal,
    NonKlasikal,
    Coaching,
    Mentoring,
    TugasBelajar,
}

impl Jenis {
    pub const ALL: [Jenis; 5] = [
        Jenis::Klasikal,
        Jenis::NonKlasikal,
        Jenis::Coaching,
        Jenis::Mentoring,
        Jenis::TugasBelajar,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Jenis::Klasikal => "KLASIKAL",
            Jenis::NonKlasikal => "NON_KLASIKAL",
            Jenis::Coaching => "COACHING",
            Jenis::Mentoring => "MENTORING",
            Jenis::TugasBelajar => "TUGAS_BELAJAR",
        }
    }
    pub fn from_code(s: &str) -> Option<Jenis> {
        Self::ALL.into_iter().find(|j| j.code() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            Jenis::Klasikal => "Pelatihan klasikal",
            Jenis::NonKlasikal => "Pelatihan non-klasikal (e-learning, magang, seminar)",
            Jenis::Coaching => "Coaching",
            Jenis::Mentoring => "Mentoring",
            Jenis::TugasBelajar => "Tugas belajar",
        }
    }
}

/// The label of a stored code (the code itself when unknown).
pub fn jenis_label(code: &str) -> &str {
    Jenis::from_code(code).map(Jenis::label).unwrap_or(code)
}

/// Whether the JP realised in a year meet the minimum.
pub fn jp_terpenuhi(jp: u32) -> bool {
    jp >= JP_MINIMUM
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_the_twenty_hours() {
        for j in Jenis::ALL {
            assert_eq!(Jenis::from_code(j.code()), Some(j));
        }
        assert_eq!(jenis_label("COACHING"), "Coaching");
        assert!(jp_terpenuhi(20) && !jp_terpenuhi(19));
    }
}
