//! Talent mapping (`DOMAIN.md` §13, PermenPANRB 3/2020): the nine-box and its follow-up.

use super::predikat::Rating;

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
}
