//! The seven BerAKHLAK core values and their 21 panduan perilaku (`DOMAIN.md` §4.5). The same for
//! every jabatan since PermenPANRB 6/2022; each SKP may add an ekspektasi khusus pimpinan per value.

/// One core value: its number (1–7, the order of the official format), name and three guides.
#[derive(Debug, Clone, Copy)]
pub struct NilaiDasar {
    pub kode: i32,
    pub nama: &'static str,
    pub panduan: [&'static str; 3],
}

pub const NILAI: [NilaiDasar; 7] = [
    NilaiDasar {
        kode: 1,
        nama: "Berorientasi Pelayanan",
        panduan: [
            "Memahami dan memenuhi kebutuhan masyarakat",
            "Ramah, cekatan, solutif, dan dapat diandalkan",
            "Melakukan perbaikan tiada henti",
        ],
    },
    NilaiDasar {
        kode: 2,
        nama: "Akuntabel",
        panduan: [
            "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin dan berintegritas tinggi",
            "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien",
            "Tidak menyalahgunakan kewenangan jabatan",
        ],
    },
    NilaiDasar {
        kode: 3,
        nama: "Kompeten",
        panduan: [
            "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
            "Membantu orang lain belajar",
            "Melaksanakan tugas dengan kualitas terbaik",
        ],
    },
    NilaiDasar {
        kode: 4,
        nama: "Harmonis",
        panduan: [
            "Menghargai setiap orang apapun latar belakangnya",
            "Suka menolong orang lain",
            "Membangun lingkungan kerja yang kondusif",
        ],
    },
    NilaiDasar {
        kode: 5,
        nama: "Loyal",
        panduan: [
            "Memegang teguh ideologi Pancasila, UUD 1945, setia kepada NKRI serta pemerintahan yang sah",
            "Menjaga nama baik sesama ASN, Pimpinan, Instansi, dan Negara",
            "Menjaga rahasia jabatan dan negara",
        ],
    },
    NilaiDasar {
        kode: 6,
        nama: "Adaptif",
        panduan: [
            "Cepat menyesuaikan diri menghadapi perubahan",
            "Terus berinovasi dan mengembangkan kreativitas",
            "Bertindak proaktif",
        ],
    },
    NilaiDasar {
        kode: 7,
        nama: "Kolaboratif",
        panduan: [
            "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
            "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
            "Menggerakkan pemanfaatan berbagai sumberdaya untuk tujuan bersama",
        ],
    },
];

/// The value with this number, if any.
pub fn nilai(kode: i32) -> Option<&'static NilaiDasar> {
    NILAI.iter().find(|n| n.kode == kode)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seven_values_twenty_one_guides() {
        assert_eq!(NILAI.len(), 7);
        let guides: usize = NILAI.iter().map(|n| n.panduan.len()).sum();
        assert_eq!(guides, 21);
        assert_eq!(nilai(3).unwrap().nama, "Kompeten");
        assert_eq!(
            nilai(7).unwrap().panduan[2],
            "Menggerakkan pemanfaatan berbagai sumberdaya untuk tujuan bersama"
        );
        assert!(nilai(8).is_none());
        for (i, n) in NILAI.iter().enumerate() {
            assert_eq!(n.kode, i as i32 + 1);
        }
    }
}
