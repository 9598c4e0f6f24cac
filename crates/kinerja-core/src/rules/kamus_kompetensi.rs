//! The national competency dictionary (`DOMAIN.md` §12.1 and §12.2, PermenPANRB 38/2017): the
//! eight managerial competencies M.01–M.08 and the socio-cultural Perekat Bangsa, each with its
//! five levels, summarised; and the level an SKJ suggests for a jabatan before the admin confirms
//! it (§12.3).

use super::jabatan::JenisJabatan;

/// MANAJERIAL, SOSIAL_KULTURAL or TEKNIS (the last defined per instansi).
pub const MANAJERIAL: &str = "MANAJERIAL";
pub const SOSIAL_KULTURAL: &str = "SOSIAL_KULTURAL";
pub const TEKNIS: &str = "TEKNIS";

pub fn kelompok_label(code: &str) -> &'static str {
    match code {
        MANAJERIAL => "Manajerial",
        SOSIAL_KULTURAL => "Sosial kultural",
        _ => "Teknis",
    }
}

pub struct KompetensiDasar {
    pub kode: &'static str,
    pub kelompok: &'static str,
    pub nama: &'static str,
    /// Levels 1 to 5.
    pub level: [&'static str; 5],
}

pub const KAMUS: [KompetensiDasar; 9] = [
    KompetensiDasar {
        kode: "M.01",
        kelompok: MANAJERIAL,
        nama: "Integritas",
        level: [
            "Bertindak sesuai nilai, norma dan etika organisasi dalam kapasitas pribadi",
            "Mengingatkan dan mengajak rekan kerja bertindak sesuai nilai, norma dan etika",
            "Memastikan anggota tim bertindak sesuai nilai, norma dan etika dalam lingkup formal",
            "Menciptakan situasi kerja yang mendorong kepatuhan pada nilai, norma dan etika",
            "Menjadi teladan keadilan dan etika di tingkat nasional",
        ],
    },
    KompetensiDasar {
        kode: "M.02",
        kelompok: MANAJERIAL,
        nama: "Kerjasama",
        level: [
            "Berpartisipasi dalam kelompok kerja",
            "Menumbuhkan tim kerja yang partisipatif dan efektif",
            "Membangun tim untuk meningkatkan kinerja organisasi",
            "Membangun komitmen dan sinergi tim lintas unit",
            "Menciptakan kerja sama yang konsisten di dalam dan di luar instansi",
        ],
    },
    KompetensiDasar {
        kode: "M.03",
        kelompok: MANAJERIAL,
        nama: "Komunikasi",
        level: [
            "Menyampaikan informasi dengan jelas dan lengkap",
            "Aktif berkomunikasi secara formal dan informal; menyusun materi",
            "Berkomunikasi asertif; mengelola informasi yang sensitif atau kompleks",
            "Menyampaikan pemikiran multidimensi untuk mendorong kesepakatan",
            "Merancang sistem komunikasi yang terbuka dan strategis",
        ],
    },
    KompetensiDasar {
        kode: "M.04",
        kelompok: MANAJERIAL,
        nama: "Orientasi pada Hasil",
        level: [
            "Bertanggung jawab memenuhi standar kerja",
            "Meningkatkan hasil kerja pribadi di atas standar",
            "Menetapkan target kerja unit yang menantang; memberi apresiasi dan teguran",
            "Mendorong unit mencapai atau melampaui target",
            "Meningkatkan mutu pencapaian organisasi sesuai prioritas nasional",
        ],
    },
    KompetensiDasar {
        kode: "M.05",
        kelompok: MANAJERIAL,
        nama: "Pelayanan Publik",
        level: [
            "Menjalankan pelayanan sesuai standar",
            "Mengawasi dan menjelaskan proses pelayanan secara transparan",
            "Memanfaatkan dinamika kelompok; memperbaiki standar pelayanan unit",
            "Memantau dan mengantisipasi isu jangka panjang pemangku kepentingan",
            "Memastikan kebijakan pelayanan objektif dan netral",
        ],
    },
    KompetensiDasar {
        kode: "M.06",
        kelompok: MANAJERIAL,
        nama: "Pengembangan Diri dan Orang Lain",
        level: [
            "Mengembangkan diri",
            "Mengembangkan bawahan melalui contoh dan penjelasan",
            "Memberikan umpan balik dan bimbingan",
            "Menyusun program pengembangan jangka panjang",
            "Menciptakan iklim belajar di seluruh organisasi",
        ],
    },
    KompetensiDasar {
        kode: "M.07",
        kelompok: MANAJERIAL,
        nama: "Mengelola Perubahan",
        level: [
            "Mengikuti perubahan",
            "Beradaptasi secara proaktif",
            "Membantu orang lain berubah; mengantisipasi perubahan",
            "Memimpin perubahan di unit kerja",
            "Menggerakkan pemangku kepentingan untuk perubahan berkelanjutan",
        ],
    },
    KompetensiDasar {
        kode: "M.08",
        kelompok: MANAJERIAL,
        nama: "Pengambilan Keputusan",
        level: [
            "Mengumpulkan informasi; bertindak sesuai kewenangan",
            "Menganalisis masalah secara mendalam",
            "Membandingkan alternatif; menimbang risiko",
            "Menyelesaikan masalah berisiko tinggi; melakukan mitigasi",
            "Mengambil keputusan strategis jangka panjang berdampak nasional",
        ],
    },
    KompetensiDasar {
        kode: "SK.01",
        kelompok: SOSIAL_KULTURAL,
        nama: "Perekat Bangsa",
        level: [
            "Peka dan menerima keberagaman",
            "Aktif mengembangkan sikap saling menghargai dan persatuan",
            "Mempromosikan toleransi dan menengahi konflik",
            "Memanfaatkan perbedaan secara konstruktif bagi efektivitas organisasi",
            "Menjadi wakil pemerintah yang membangun ikatan sosial secara nasional",
        ],
    },
];

/// The level an SKJ suggests for the managerial and socio-cultural competencies of a jabatan:
/// JPT Utama/Madya 5, JPT Pratama 4, Administrator 3, Pengawas 2, Pelaksana 1 (`DOMAIN.md`
/// §12.3). For jabatan fungsional the instansi pembina sets the standard; the suggestion follows
/// the jenjang (Ahli Utama 4, Ahli Madya 3, Ahli Muda 2, Ahli Pertama and keterampilan 1 to 2) and
/// is only a starting point the admin confirms.
pub fn level_saran(jenis: JenisJabatan, jenjang: &str) -> u8 {
    match jenis {
        JenisJabatan::Jpt => match jenjang {
            "UTAMA" | "MADYA" => 5,
            _ => 4,
        },
        JenisJabatan::Administrator => 3,
        JenisJabatan::Pengawas => 2,
        JenisJabatan::Pelaksana => 1,
        JenisJabatan::FungsionalKeahlian => match jenjang {
            "UT" => 4,
            "MA" => 3,
            "MU" => 2,
            _ => 1,
        },
        JenisJabatan::FungsionalKeterampilan => match jenjang {
            "PY" | "MH" => 2,
            _ => 1,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nine_competencies_five_levels_unique_codes() {
        let mut kode: Vec<_> = KAMUS.iter().map(|k| k.kode).collect();
        kode.sort();
        kode.dedup();
        assert_eq!(kode.len(), 9);
        assert_eq!(KAMUS.iter().filter(|k| k.kelompok == MANAJERIAL).count(), 8);
        assert!(KAMUS.iter().all(|k| k.level.iter().all(|l| !l.is_empty())));
    }

    #[test]
    fn suggestion_by_jenjang_of_domain_12_3() {
        use JenisJabatan::*;
        assert_eq!(level_saran(Jpt, "MADYA"), 5);
        assert_eq!(level_saran(Jpt, "PRATAMA"), 4);
        assert_eq!(level_saran(Administrator, ""), 3);
        assert_eq!(level_saran(Pengawas, ""), 2);
        assert_eq!(level_saran(Pelaksana, "KLEREK"), 1);
        assert_eq!(level_saran(FungsionalKeahlian, "MA"), 3);
    }
}
