//! Bukti dukung: files checked by their content (not by what the browser claims), limited in
//! size, hashed and kept in the evidence store; or links. Downloads go through [`unduh`], which
//! lets only the pegawai, their penilai chain and their admin read them.

use crate::actor::Actor;
use crate::db::entities::bukti_dukung;
use crate::error::{CoreError, CoreResult, FieldErrors};
use crate::services::now;
use crate::services::organisasi::akses;
use crate::storage::BuktiStore;
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};
use sha2::{Digest, Sha256};

/// Largest evidence file accepted.
pub const MAX_BUKTI_BYTES: usize = 5 * 1024 * 1024;
/// Most files on one activity or realisasi.
pub const MAX_BERKAS: usize = 5;

/// Accepted kinds: file extension → the content type its bytes must show.
const JENIS: [(&str, &str); 7] = [
    ("pdf", "application/pdf"),
    ("png", "image/png"),
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("webp", "image/webp"),
    (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
];

/// An uploaded file as received.
#[derive(Debug, Clone)]
pub struct Berkas {
    pub nama: String,
    pub bytes: Vec<u8>,
}

/// A file that passed the checks.
#[derive(Debug, Clone)]
pub struct BerkasSah {
    pub nama: String,
    pub content_type: String,
    pub sha256: String,
    pub bytes: Vec<u8>,
}

impl BerkasSah {
    pub fn key(&self, instansi_id: i32) -> String {
        format!("{instansi_id}/{}/{}", &self.sha256[..2], self.sha256)
    }
}

/// Checks one file: a known extension, bytes that really are of that kind, within the limit.
pub fn periksa_berkas(b: &Berkas) -> Result<BerkasSah, String> {
    let nama: String = b
        .nama
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect();
    let ext = nama
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let Some((_, expected)) = JENIS.iter().find(|(e, _)| *e == ext) else {
        return Err(format!(
            "Berkas \"{nama}\": jenis tidak diterima. Gunakan PDF, JPG, PNG, WEBP, DOCX atau XLSX."
        ));
    };
    if b.bytes.is_empty() {
        return Err(format!("Berkas \"{nama}\" kosong."));
    }
    if b.bytes.len() > MAX_BUKTI_BYTES {
        return Err(format!(
            "Berkas \"{nama}\" terlalu besar (paling besar {} MB).",
            MAX_BUKTI_BYTES / 1024 / 1024
        ));
    }
    let actual = infer::get(&b.bytes).map(|t| t.mime_type());
    if actual != Some(*expected) {
        return Err(format!(
            "Isi berkas \"{nama}\" bukan {} yang sah.",
            ext.to_ascii_uppercase()
        ));
    }
    Ok(BerkasSah {
        nama,
        content_type: expected.to_string(),
        sha256: hex::encode(Sha256::digest(&b.bytes)),
        bytes: b.bytes.clone(),
    })
}

/// Checks every file and the link; messages go on `field`. Returns the files that passed.
pub fn periksa(
    e: &mut FieldErrors,
    field: &str,
    files: &[Berkas],
    tautan: &str,
) -> (Vec<BerkasSah>, Option<String>) {
    let mut ok = Vec::new();
    if files.len() > MAX_BERKAS {
        e.add(field, format!("Paling banyak {MAX_BERKAS} berkas."));
    }
    for f in files {
        match periksa_berkas(f) {
            Ok(s) => ok.push(s),
            Err(m) => e.add(field, m),
        }
    }
    let t = tautan.trim();
    let link = if t.is_empty() {
        None
    } else if !(t.starts_with("https://") || t.starts_with("http://"))
        || t.chars().count() > 2000
        || t.chars().any(char::is_whitespace)
    {
        e.add(
            "tautan",
            "Tautan harus alamat web lengkap, diawali https://.",
        );
        None
    } else {
        Some(t.to_string())
    };
    (ok, link)
}

/// Stores the files (before the database transaction, so a failed write leaves at most an
/// unreferenced file, never a row without its file).
pub async fn simpan_berkas(
    store: &BuktiStore,
    instansi_id: i32,
    files: &[BerkasSah],
) -> CoreResult<()> {
    for f in files {
        let key = f.key(instansi_id);
        if !store.ada(&key).await? {
            store.simpan(&key, f.bytes.clone()).await?;
        }
    }
    Ok(())
}

/// Where a piece of evidence belongs.
#[derive(Debug, Clone, Copy)]
pub enum Pemilik {
    Aktivitas(i32),
    Realisasi(i32),
    /// A training record's certificate.
    Pelatihan(i32),
}

/// Inserts the evidence rows for stored files and a link.
pub async fn catat<C: ConnectionTrait>(
    db: &C,
    instansi_id: i32,
    pegawai_id: i32,
    pemilik: Pemilik,
    files: &[BerkasSah],
    link: Option<&str>,
) -> CoreResult<Vec<bukti_dukung::Model>> {
    let mut out = Vec::new();
    for am in baris(instansi_id, pegawai_id, pemilik, files, link) {
        out.push(am.insert(db).await?);
    }
    Ok(out)
}

/// The evidence rows of stored files and a link, not yet inserted: [`catat`] inserts them one
/// by one, the activity form's group commit many at once.
pub fn baris(
    instansi_id: i32,
    pegawai_id: i32,
    pemilik: Pemilik,
    files: &[BerkasSah],
    link: Option<&str>,
) -> Vec<bukti_dukung::ActiveModel> {
    let (aktivitas_id, realisasi_id, pelatihan_id) = match pemilik {
        Pemilik::Aktivitas(id) => (Some(id), None, None),
        Pemilik::Realisasi(id) => (None, Some(id), None),
        Pemilik::Pelatihan(id) => (None, None, Some(id)),
    };
    let base = || bukti_dukung::ActiveModel {
        instansi_id: Set(instansi_id),
        pegawai_id: Set(pegawai_id),
        aktivitas_id: Set(aktivitas_id),
        realisasi_id: Set(realisasi_id),
        pelatihan_id: Set(pelatihan_id),
        verifikasi: Set(None),
        created_at: Set(now()),
        ..Default::default()
    };
    let mut out = Vec::new();
    for f in files {
        let mut am = base();
        am.jenis = Set("FILE".into());
        am.nama = Set(f.nama.clone());
        am.content_type = Set(f.content_type.clone());
        am.ukuran = Set(f.bytes.len() as i64);
        am.sha256 = Set(f.sha256.clone());
        am.storage_key = Set(f.key(instansi_id));
        am.url = Set(String::new());
        out.push(am);
    }
    if let Some(url) = link {
        let mut am = base();
        am.jenis = Set("TAUTAN".into());
        am.nama = Set(url.chars().take(200).collect());
        am.content_type = Set(String::new());
        am.ukuran = Set(0);
        am.sha256 = Set(String::new());
        am.storage_key = Set(String::new());
        am.url = Set(url.to_string());
        out.push(am);
    }
    out
}

/// Reads a file for an actor who may see its pegawai's work.
pub async fn unduh<C: ConnectionTrait + 'static>(
    db: &C,
    store: &BuktiStore,
    actor: &Actor,
    id: i32,
    today: NaiveDate,
) -> CoreResult<(bukti_dukung::Model, Vec<u8>)> {
    let b = bukti_dukung::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(CoreError::Forbidden)?;
    akses::pegawai_terlihat(db, actor, b.pegawai_id, today).await?;
    if b.jenis != "FILE" {
        return Err(CoreError::NotFound);
    }
    let bytes = store.ambil(&b.storage_key).await?;
    Ok((b, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

    #[test]
    fn content_decides_not_the_name() {
        let ok = periksa_berkas(&Berkas {
            nama: "C:\\laporan\\rapat.PDF".into(),
            bytes: PDF.to_vec(),
        })
        .unwrap();
        assert_eq!(ok.nama, "rapat.PDF");
        assert_eq!(ok.content_type, "application/pdf");
        assert_eq!(ok.sha256.len(), 64);
        let fake = periksa_berkas(&Berkas {
            nama: "laporan.pdf".into(),
            bytes: b"MZ\x90\x00 not a pdf".to_vec(),
        });
        assert!(fake.unwrap_err().contains("bukan PDF"));
        let exe = periksa_berkas(&Berkas {
            nama: "virus.exe".into(),
            bytes: b"MZ".to_vec(),
        });
        assert!(exe.unwrap_err().contains("tidak diterima"));
        let mut big = PDF.to_vec();
        big.resize(MAX_BUKTI_BYTES + 1, b' ');
        let too_big = periksa_berkas(&Berkas {
            nama: "besar.pdf".into(),
            bytes: big,
        });
        assert!(too_big.unwrap_err().contains("terlalu besar"));
    }

    #[test]
    fn links_must_be_web_addresses() {
        let mut e = FieldErrors::new();
        let (_, l) = periksa(&mut e, "berkas", &[], " https://drive.example/x ");
        assert_eq!(l.as_deref(), Some("https://drive.example/x"));
        assert!(e.is_empty());
        let (_, l) = periksa(&mut e, "berkas", &[], "javascript:alert(1)");
        assert!(l.is_none());
        assert!(e.get("tautan").is_some());
    }
}
