//! Talent mapping (`DOMAIN.md` §13, PermenPANRB 3/2020): the nine-box and its follow-up.

use super::predikat::{Predikat, Rating};

/// The score of a predikat on the performance axis (the K13 example of `DOMAIN.md` §13.1).
pub fn skor_predikat(p: Predikat) -> u32 {
    match p {
        Predikat::SangatBaik => 100,
        Predikat::Baik => 80,
        Predikat::ButuhPerbaikan => 60,
        Predikat::Kurang => 40,
        Predikat::SangatKurang => 20,
    }
}

/// The performance level from the mean score of recent predikat, read against the instansi's
/// thresholds (`di_atas` > `sesuai`). `None` when there is no predikat to read.
pub fn tingkat_kinerja(predikat: &[Predikat], di_atas: u32, sesuai: u32) -> Option<Rating> {
    if predikat.is_empty() {
        return None;
    }
    let n = predikat.len() as u32;
    let rata = predikat.iter().map(|p| skor_predikat(*p)).sum::<u32>() * 100 / n;
    Some(if rata >= di_atas * 100 {
        Rating::DiAtas
    } else if rata >= sesuai * 100 {
        Rating::Sesuai
    } else {
        Rating::DiBawah
    })
}

/// The potential level from a JPM in hundredths of a percent and the thresholds in percent
/// (Tinggi ≥ 90, Menengah ≥ 78 in the K4 example).
pub fn tingkat_potensial(jpm: u32, tinggi: u32, menengah: u32) -> Potensial {
    if jpm >= tinggi * 100 {
        Potensial::Tinggi
    } else if jpm >= menengah * 100 {
        Potensial::Menengah
    } else {
        Potensial::Rendah
    }
}

impl Potensial {
    pub const ALL: [Potensial; 3] = [Potensial::Rendah, Potensial::Menengah, Potensial::Tinggi];
    pub fn label(self) -> &'static str {
        match self {
            Potensial::Rendah => "Rendah",
            Potensial::Menengah => "Menengah",
            Potensial::Tinggi => "Tinggi",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Potensial {
    Rendah,
    Menengah,
    Tinggi,
}

/// Box 1–9 from the performance rating and the potential level.
pub fn kotak(kinerja: Rating, potensial: Potensial) -> u8 {
    const TABLE: [[u8; 3]; 3] = [[4, 7, 9], [2, 5, 8], [1, 3, 6]];
    let row = match kinerja {
        Rating::DiAtas => 0,
        Rating::Sesuai => 1,
        Rating::DiBawah => 2,
    };
    let col = match potensial {
        Potensial::Rendah => 0,
        Potensial::Menengah => 1,
        Potensial::Tinggi => 2,
    };
    TABLE[row][col]
}

/// The recommended follow-up of a box.
pub fn rekomendasi(kotak: u8) -> &'static str {
    match kotak {
        9 => {
            "Dipromosikan dan dipertahankan; masuk Kelompok Rencana Suksesi Instansi/Nasional; penghargaan"
        }
        8 => {
            "Dipertahankan; masuk Kelompok Rencana Suksesi Instansi; rotasi/perluasan jabatan; bimbingan kinerja"
        }
        7 => {
            "Dipertahankan; masuk Kelompok Rencana Suksesi Instansi; rotasi/pengayaan jabatan; pengembangan kompetensi; tugas belajar"
        }
        6 => "Penempatan yang sesuai; bimbingan kinerja; konseling kinerja",
        5 => "Penempatan yang sesuai; bimbingan kinerja; pengembangan kompetensi",
        4 => "Rotasi; pengembangan kompetensi",
        3 => {
            "Bimbingan kinerja; konseling kinerja; pengembangan kompetensi; penempatan yang sesuai"
        }
        2 => "Bimbingan kinerja; pengembangan kompetensi; penempatan yang sesuai",
        1 => "Diproses sesuai ketentuan peraturan perundang-undangan",
        _ => "",
    }
}

/// Kelompok Rencana Suksesi: instansi for boxes 7–9, nasional for box 9.
pub fn krs_instansi(kotak: u8) -> bool {
    (7..=9).contains(&kotak)
}

pub fn krs_nasional(kotak: u8) -> bool {
    kotak == 9
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_cases_and_every_box_once() {
        assert_eq!(kotak(Rating::DiAtas, Potensial::Tinggi), 9);
        assert_eq!(kotak(Rating::DiBawah, Potensial::Tinggi), 6);
        assert_eq!(kotak(Rating::Sesuai, Potensial::Rendah), 2);
        let mut seen: Vec<u8> = Rating::ALL
            .iter()
            .flat_map(|r| {
                [Potensial::Rendah, Potensial::Menengah, Potensial::Tinggi].map(|p| kotak(*r, p))
            })
            .collect();
        seen.sort();
        assert_eq!(seen, (1..=9).collect::<Vec<_>>());
        assert!(krs_instansi(7) && !krs_instansi(6) && krs_nasional(9) && !krs_nasional(8));
        assert!((1..=9).all(|k| !rekomendasi(k).is_empty()));
    }

    #[test]
    fn axes_from_predikat_and_jpm() {
        use Predikat::*;
        // SB and B average 90: Di Atas with the default threshold 90.
        assert_eq!(
            tingkat_kinerja(&[SangatBaik, Baik], 90, 70),
            Some(Rating::DiAtas)
        );
        assert_eq!(tingkat_kinerja(&[Baik, Baik], 90, 70), Some(Rating::Sesuai));
        assert_eq!(
            tingkat_kinerja(&[Baik, ButuhPerbaikan], 90, 70),
            Some(Rating::Sesuai)
        );
        assert_eq!(
            tingkat_kinerja(&[ButuhPerbaikan], 90, 70),
            Some(Rating::DiBawah)
        );
        assert_eq!(tingkat_kinerja(&[], 90, 70), None);
        assert_eq!(tingkat_potensial(9000, 90, 78), Potensial::Tinggi);
        assert_eq!(tingkat_potensial(8999, 90, 78), Potensial::Menengah);
        assert_eq!(tingkat_potensial(7800, 90, 78), Potensial::Menengah);
        assert_eq!(tingkat_potensial(7799, 90, 78), Potensial::Rendah);
        // The §18 cells through the axes.
        let k = |p: &[Predikat], jpm| {
            kotak(
                tingkat_kinerja(p, 90, 70).unwrap(),
                tingkat_potensial(jpm, 90, 78),
            )
        };
        assert_eq!(k(&[SangatBaik], 9500), 9);
        assert_eq!(k(&[Kurang], 9500), 6);
        assert_eq!(k(&[Baik], 5000), 2);
    }
}
