//! The SKP workflow of `DOMAIN.md` §11 as a table of (state, action, role) → next state. Services
//! ask [`transisi`] before every change of state, so a refused move is refused the same way
//! everywhere.

/// States of one SKP version.
pub const DRAFT: &str = "DRAFT";
pub const DIAJUKAN: &str = "DIAJUKAN";
pub const DIKEMBALIKAN: &str = "DIKEMBALIKAN";
pub const DITETAPKAN: &str = "DITETAPKAN";
/// Replaced by a later version that has been set; readable, never changed again.
pub const DIGANTI: &str = "DIGANTI";
/// Closed by a transfer (mutasi) or by the admin; a new SKP is opened for the new jabatan.
pub const DITUTUP: &str = "DITUTUP";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aksi {
    /// The pegawai submits the draft to the penilai.
    Ajukan,
    /// The penilai returns it with notes.
    Kembalikan,
    /// The penilai sets it.
    Tetapkan,
    /// The pegawai re-clarifies a set SKP: a new draft version is made, the set one stays.
    Ubah,
    /// The admin closes it (mutasi, pemberhentian).
    Tutup,
}

impl Aksi {
    pub fn code(self) -> &'static str {
        match self {
            Aksi::Ajukan => "AJUKAN",
            Aksi::Kembalikan => "KEMBALIKAN",
            Aksi::Tetapkan => "TETAPKAN",
            Aksi::Ubah => "UBAH",
            Aksi::Tutup => "TUTUP",
        }
    }

    pub fn from_code(s: &str) -> Option<Aksi> {
        [
            Aksi::Ajukan,
            Aksi::Kembalikan,
            Aksi::Tetapkan,
            Aksi::Ubah,
            Aksi::Tutup,
        ]
        .into_iter()
        .find(|a| a.code().eq_ignore_ascii_case(s))
    }
}

/// The actor's relation to the SKP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeranSkp {
    Pemilik,
    Penilai,
    Admin,
}

/// Every allowed move. Anything not listed is refused.
pub const TRANSISI: [(&str, Aksi, PeranSkp, &str); 11] = [
    (DRAFT, Aksi::Ajukan, PeranSkp::Pemilik, DIAJUKAN),
    (DIKEMBALIKAN, Aksi::Ajukan, PeranSkp::Pemilik, DIAJUKAN),
    (DIAJUKAN, Aksi::Kembalikan, PeranSkp::Penilai, DIKEMBALIKAN),
    (DIAJUKAN, Aksi::Tetapkan, PeranSkp::Penilai, DITETAPKAN),
    // The new version starts as a draft; the state named here is the new version's.
    (DITETAPKAN, Aksi::Ubah, PeranSkp::Pemilik, DRAFT),
    // The pengelola kinerja (admin) sets the SKP of whoever has no penilai in the system (the
    // top of the instansi, rated by the kepala daerah) or has drafted nothing in time (§3.1).
    (DRAFT, Aksi::Tetapkan, PeranSkp::Admin, DITETAPKAN),
    (DIAJUKAN, Aksi::Tetapkan, PeranSkp::Admin, DITETAPKAN),
    (DIKEMBALIKAN, Aksi::Tetapkan, PeranSkp::Admin, DITETAPKAN),
    (DRAFT, Aksi::Tutup, PeranSkp::Admin, DITUTUP),
    (DIKEMBALIKAN, Aksi::Tutup, PeranSkp::Admin, DITUTUP),
    (DITETAPKAN, Aksi::Tutup, PeranSkp::Admin, DITUTUP),
];

/// The next state, or `None` when this role may not take this action in this state.
pub fn transisi(status: &str, aksi: Aksi, peran: PeranSkp) -> Option<&'static str> {
    TRANSISI
        .iter()
        .find(|(s, a, p, _)| *s == status && *a == aksi && *p == peran)
        .map(|(_, _, _, next)| *next)
}

/// Whether this role may ever take this action (in some state). A refusal is then a matter of
/// state (a conflict), not of authority.
pub fn peran_berwenang(aksi: Aksi, peran: PeranSkp) -> bool {
    TRANSISI
        .iter()
        .any(|(_, a, p, _)| *a == aksi && *p == peran)
}

/// Whether the content (RHK, IKI, lampiran) may be edited by the pegawai in this state.
pub fn dapat_disunting(status: &str) -> bool {
    matches!(status, DRAFT | DIKEMBALIKAN)
}

pub fn label(status: &str) -> &'static str {
    match status {
        DRAFT => "Draf",
        DIAJUKAN => "Diajukan",
        DIKEMBALIKAN => "Dikembalikan",
        DITETAPKAN => "Ditetapkan",
        DIGANTI => "Diganti versi baru",
        DITUTUP => "Ditutup",
        _ => "—",
    }
}

/// Which of a pegawai's open versions of one year, given by their states newest first, is in
/// force: the set one, or else the newest.
pub fn indeks_berlaku<'a>(status: impl IntoIterator<Item = &'a str>) -> Option<usize> {
    let mut terbaru = None;
    for (i, s) in status.into_iter().enumerate() {
        if s == DITETAPKAN {
            return Some(i);
        }
        terbaru.get_or_insert(i);
    }
    terbaru
}

#[cfg(test)]
mod tests {
    use super::*;

    const STATES: [&str; 6] = [DRAFT, DIAJUKAN, DIKEMBALIKAN, DITETAPKAN, DIGANTI, DITUTUP];
    const AKSI: [Aksi; 5] = [
        Aksi::Ajukan,
        Aksi::Kembalikan,
        Aksi::Tetapkan,
        Aksi::Ubah,
        Aksi::Tutup,
    ];
    const PERAN: [PeranSkp; 3] = [PeranSkp::Pemilik, PeranSkp::Penilai, PeranSkp::Admin];

    #[test]
    fn allowed_moves() {
        assert_eq!(
            transisi(DRAFT, Aksi::Ajukan, PeranSkp::Pemilik),
            Some(DIAJUKAN)
        );
        assert_eq!(
            transisi(DIKEMBALIKAN, Aksi::Ajukan, PeranSkp::Pemilik),
            Some(DIAJUKAN)
        );
        assert_eq!(
            transisi(DIAJUKAN, Aksi::Kembalikan, PeranSkp::Penilai),
            Some(DIKEMBALIKAN)
        );
        assert_eq!(
            transisi(DIAJUKAN, Aksi::Tetapkan, PeranSkp::Penilai),
            Some(DITETAPKAN)
        );
        assert_eq!(
            transisi(DITETAPKAN, Aksi::Ubah, PeranSkp::Pemilik),
            Some(DRAFT)
        );
        assert_eq!(
            transisi(DITETAPKAN, Aksi::Tutup, PeranSkp::Admin),
            Some(DITUTUP)
        );
    }

    #[test]
    fn everything_else_is_refused() {
        let mut allowed = 0;
        for s in STATES {
            for a in AKSI {
                for p in PERAN {
                    if transisi(s, a, p).is_some() {
                        allowed += 1;
                    }
                }
            }
        }
        assert_eq!(allowed, TRANSISI.len());
        // The pegawai never sets or returns their own SKP; the penilai never submits it.
        for s in STATES {
            assert!(transisi(s, Aksi::Tetapkan, PeranSkp::Pemilik).is_none());
            assert!(transisi(s, Aksi::Kembalikan, PeranSkp::Pemilik).is_none());
            assert!(transisi(s, Aksi::Ajukan, PeranSkp::Penilai).is_none());
        }
        // Nothing moves a replaced or closed version.
        for a in AKSI {
            for p in PERAN {
                assert!(transisi(DIGANTI, a, p).is_none());
                assert!(transisi(DITUTUP, a, p).is_none());
            }
        }
    }

    #[test]
    fn codes_round_trip() {
        for a in AKSI {
            assert_eq!(Aksi::from_code(a.code()), Some(a));
        }
        assert!(Aksi::from_code("HAPUS").is_none());
        assert!(peran_berwenang(Aksi::Tetapkan, PeranSkp::Penilai));
        assert!(!peran_berwenang(Aksi::Ajukan, PeranSkp::Penilai));
        assert!(!peran_berwenang(Aksi::Tutup, PeranSkp::Pemilik));
        assert!(dapat_disunting(DRAFT) && dapat_disunting(DIKEMBALIKAN));
        assert!(!dapat_disunting(DIAJUKAN) && !dapat_disunting(DITETAPKAN));
    }
}
