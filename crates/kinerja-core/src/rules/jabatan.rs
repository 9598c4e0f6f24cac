//! Jenis jabatan and jenjang (`DOMAIN.md` §15.3). Stored as the codes below; labels are what the
//! UI prints.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JenisJabatan {
    Jpt,
    Administrator,
    Pengawas,
    Pelaksana,
    FungsionalKeahlian,
    FungsionalKeterampilan,
}

impl JenisJabatan {
    pub const ALL: [JenisJabatan; 6] = [
        JenisJabatan::Jpt,
        JenisJabatan::Administrator,
        JenisJabatan::Pengawas,
        JenisJabatan::Pelaksana,
        JenisJabatan::FungsionalKeahlian,
        JenisJabatan::FungsionalKeterampilan,
    ];

    pub fn code(self) -> &'static str {
        match self {
            JenisJabatan::Jpt => "JPT",
            JenisJabatan::Administrator => "ADMINISTRATOR",
            JenisJabatan::Pengawas => "PENGAWAS",
            JenisJabatan::Pelaksana => "PELAKSANA",
            JenisJabatan::FungsionalKeahlian => "FUNGSIONAL_KEAHLIAN",
            JenisJabatan::FungsionalKeterampilan => "FUNGSIONAL_KETERAMPILAN",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            JenisJabatan::Jpt => "Jabatan Pimpinan Tinggi",
            JenisJabatan::Administrator => "Administrator",
            JenisJabatan::Pengawas => "Pengawas",
            JenisJabatan::Pelaksana => "Pelaksana",
            JenisJabatan::FungsionalKeahlian => "Fungsional Keahlian",
            JenisJabatan::FungsionalKeterampilan => "Fungsional Keterampilan",
        }
    }

    pub fn from_code(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|j| j.code().eq_ignore_ascii_case(s.trim()))
    }

    /// The jenjang codes allowed for this jenis; empty means none is recorded.
    pub fn jenjang(self) -> &'static [(&'static str, &'static str)] {
        match self {
            JenisJabatan::Jpt => &[
                ("UTAMA", "Utama"),
                ("MADYA", "Madya"),
                ("PRATAMA", "Pratama"),
            ],
            JenisJabatan::Pelaksana => &[
                ("KLEREK", "Klerek"),
                ("OPERATOR", "Operator"),
                ("TEKNISI", "Teknisi"),
            ],
            JenisJabatan::FungsionalKeahlian => &[
                ("PT", "Ahli Pertama"),
                ("MU", "Ahli Muda"),
                ("MA", "Ahli Madya"),
                ("UT", "Ahli Utama"),
            ],
            JenisJabatan::FungsionalKeterampilan => &[
                ("PM", "Pemula"),
                ("TR", "Terampil"),
                ("MH", "Mahir"),
                ("PY", "Penyelia"),
            ],
            JenisJabatan::Administrator | JenisJabatan::Pengawas => &[],
        }
    }

    /// Validates a jenjang for this jenis; an empty jenjang is valid only where none exists.
    pub fn check_jenjang(self, jenjang: &str) -> Result<Option<&'static str>, String> {
        let j = jenjang.trim();
        let allowed = self.jenjang();
        if allowed.is_empty() {
            return if j.is_empty() {
                Ok(None)
            } else {
                Err(format!("Jabatan {} tidak memiliki jenjang.", self.label()))
            };
        }
        allowed
            .iter()
            .find(|(code, label)| code.eq_ignore_ascii_case(j) || label.eq_ignore_ascii_case(j))
            .map(|(code, _)| Some(*code))
            .ok_or_else(|| {
                let names: Vec<&str> = allowed.iter().map(|(_, l)| *l).collect();
                format!(
                    "Jenjang untuk {} harus salah satu dari: {}.",
                    self.label(),
                    names.join(", ")
                )
            })
    }
}

/// The label of a stored jenjang code ("PT" → "Ahli Pertama").
pub fn jenjang_label(code: &str) -> &str {
    JenisJabatan::ALL
        .iter()
        .flat_map(|j| j.jenjang().iter())
        .find(|(c, _)| *c == code)
        .map(|(_, l)| *l)
        .unwrap_or(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for j in JenisJabatan::ALL {
            assert_eq!(JenisJabatan::from_code(j.code()), Some(j));
        }
        assert_eq!(JenisJabatan::from_code("bupati"), None);
    }

    #[test]
    fn jenjang_checked_per_jenis() {
        assert_eq!(
            JenisJabatan::FungsionalKeahlian.check_jenjang("Ahli Muda"),
            Ok(Some("MU"))
        );
        assert_eq!(
            JenisJabatan::FungsionalKeterampilan.check_jenjang("py"),
            Ok(Some("PY"))
        );
        assert!(
            JenisJabatan::FungsionalKeterampilan
                .check_jenjang("PT")
                .is_err()
        );
        assert!(JenisJabatan::Jpt.check_jenjang("").is_err());
        assert_eq!(JenisJabatan::Pengawas.check_jenjang(""), Ok(None));
        assert!(JenisJabatan::Pengawas.check_jenjang("MADYA").is_err());
        assert_eq!(jenjang_label("MA"), "Ahli Madya");
    }
}
