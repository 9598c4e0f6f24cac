//! Competency assessment and development, on SQLite and PostgreSQL: a 360
//! round for the Puskesmas team with the anonymity threshold, gap and JPM, the IDP built from the
//! gaps, training records and the 20 JP check, the nine-box, and the unit heat map; with the
//! forbidden paths (reading another's answers or result, a peer seeing who rated what, changing
//! a closed round, another instansi).

mod common;

use chrono::NaiveDate;
use common::{conflict, field, fields, forbidden, today};
use kinerja_core::db::entities::audit_event;
use kinerja_core::db_test;
use kinerja_core::rules::kompetensi::{Kelompok, jpm_x100};
use kinerja_core::services::harian::bukti::Berkas;
use kinerja_core::services::kompetensi::asesmen::{self, AsesmenInput};
use kinerja_core::services::kompetensi::pengembangan::{
    self, KatalogInput, PelatihanInput, RencanaInput,
};
use kinerja_core::services::{
    kompetensi::kamus as kompetensi, kompetensi::pengaturan as pengaturan_kompetensi,
};
use kinerja_core::services::{kompetensi::peta as peta_kompetensi, kompetensi::talenta};
use kinerja_core::storage::BuktiStore;
use kinerja_core::testing::{self, actor, fixture, peg};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

fn jawaban(ids: &[i32], level: u8) -> HashMap<i32, (String, String)> {
    ids.iter()
        .map(|id| {
            (
                *id,
                (
                    level.to_string(),
                    "Contoh: memimpin edukasi pasien diabetes di posyandu.".to_string(),
                ),
            )
        })
        .collect()
}

db_test!(a_360_round_from_forms_to_the_nine_box, |db| {
    let f = fixture(db).await;
    let admin = actor(db, "admin.alpha").await;
    let admin_beta = actor(db, "admin.beta").await;
    let kadis = actor(db, testing::NIP_KADIS).await;
    let kapus = actor(db, testing::NIP_KAPUS).await;
    let ani = actor(db, testing::NIP_PERAWAT1).await;
    let joko = actor(db, testing::NIP_PERAWAT2).await;
    // Two more perawat so that Ani has three colleagues under Sari.
    for (nip, nama) in [
        ("199205052017052005", "Rina Perawat"),
        ("199306062018061006", "Dedi Perawat"),
    ] {
        peg(db, f.alpha, f.jab_perawat, f.unit_pkm, nip, nama).await;
    }
    let rina = actor(db, "199205052017052005").await;
    let dedi = actor(db, "199306062018061006").await;

    // The perawat standard, confirmed by the admin: Integritas 2, the rest as suggested (1).
    let skj = kompetensi::standar(db, &admin, f.jab_perawat)
        .await
        .unwrap();
    let mut isian: HashMap<i32, String> = skj
        .baris
        .iter()
        .filter_map(|b| Some((b.kompetensi.id, b.nilai()?.to_string())))
        .collect();
    let integritas = skj
        .baris
        .iter()
        .find(|b| b.kompetensi.kode == "M.01")
        .unwrap()
        .kompetensi
        .id;
    isian.insert(integritas, "2".into());
    kompetensi::simpan_standar(db, &admin, f.jab_perawat, &isian)
        .await
        .unwrap();

    // Opening a round: the admin of the instansi only, validated.
    let buka = AsesmenInput {
        nama: "Asesmen kompetensi Puskesmas 2026".into(),
        tahun: "2026".into(),
        batas: "2026-12-15".into(),
        dengan_360: "1".into(),
        unit_kerja_id: f.unit_pkm.to_string(),
    };
    forbidden(asesmen::buka(db, &ani, f.alpha, &buka, today()).await);
    forbidden(asesmen::buka(db, &admin_beta, f.alpha, &buka, today()).await);
    fields(
        asesmen::buka(
            db,
            &admin,
            f.alpha,
            &AsesmenInput {
                nama: " ".into(),
                tahun: "2020".into(),
                batas: "2026-01-01".into(),
                ..buka.clone()
            },
            today(),
        )
        .await,
        &["nama", "tahun", "batas"],
    );
    let a = asesmen::buka(db, &admin, f.alpha, &buka, today())
        .await
        .unwrap();

    // Ani rates herself, her three colleagues, and Sari as a subordinate.
    let d = asesmen::daftar(db, &ani, f.alpha).await.unwrap();
    let by = |k: Kelompok| d.tugas.iter().filter(|t| t.kelompok == k).count();
    assert_eq!(
        (
            by(Kelompok::Diri),
            by(Kelompok::Rekan),
            by(Kelompok::Bawahan)
        ),
        (1, 3, 1)
    );
    assert!(d.putaran.is_empty() && !d.dapat_buka);
    let diri = d
        .tugas
        .iter()
        .find(|t| t.kelompok == Kelompok::Diri)
        .unwrap()
        .id;
    // Sari rates Ani as her atasan; the Kepala Dinas (outside the round) rates Sari.
    let tugas_of = |who: &kinerja_core::Actor| {
        let who = who.clone();
        async move { asesmen::daftar(db, &who, f.alpha).await.unwrap().tugas }
    };
    let kapus_tugas = tugas_of(&kapus).await;
    let atasan_ani = kapus_tugas
        .iter()
        .find(|t| t.kelompok == Kelompok::Atasan && t.dinilai == "Ani Perawat")
        .unwrap()
        .id;
    assert!(
        tugas_of(&kadis)
            .await
            .iter()
            .any(|t| t.kelompok == Kelompok::Atasan)
    );

    // A form is its rater's alone: not a colleague's, not even the admin's.
    forbidden(asesmen::formulir(db, &joko, diri).await);
    forbidden(asesmen::formulir(db, &admin, diri).await);
    let form = asesmen::formulir(db, &ani, diri).await.unwrap();
    assert_eq!(form.baris.len(), 9);
    let ids: Vec<i32> = form.baris.iter().map(|b| b.kompetensi.id).collect();
    // Every level needs an example.
    let mut kurang = jawaban(&ids, 3);
    kurang.get_mut(&integritas).unwrap().1 = "ok".into();
    kurang.get_mut(&ids[1]).unwrap().0 = "6".into();
    fields(
        asesmen::simpan(db, &ani, diri, &kurang).await,
        &[&format!("bukti_{integritas}"), &format!("level_{}", ids[1])],
    );
    asesmen::simpan(db, &ani, diri, &jawaban(&ids, 4))
        .await
        .unwrap();
    asesmen::simpan(db, &kapus, atasan_ani, &jawaban(&ids, 1))
        .await
        .unwrap();

    // Two colleagues answer: too few to show, even as a mean.
    let rekan_ani = |who: &kinerja_core::Actor| {
        let who = who.clone();
        async move {
            asesmen::daftar(db, &who, f.alpha)
                .await
                .unwrap()
                .tugas
                .into_iter()
                .find(|t| t.kelompok == Kelompok::Rekan && t.dinilai == "Ani Perawat")
                .map(|t| t.id)
        }
    };
    let t_joko = rekan_ani(&joko).await.unwrap();
    let t_rina = rekan_ani(&rina).await.unwrap();
    let t_dedi = rekan_ani(&dedi).await.unwrap();
    asesmen::simpan(db, &joko, t_joko, &jawaban(&ids, 2))
        .await
        .unwrap();
    asesmen::simpan(db, &rina, t_rina, &jawaban(&ids, 3))
        .await
        .unwrap();
    let peserta_ani = d.hasil_saya[0].1;
    let h = asesmen::hasil(db, &ani, peserta_ani, today())
        .await
        .unwrap();
    let m01 = h
        .baris
        .iter()
        .find(|b| b.kompetensi.id == integritas)
        .unwrap();
    assert_eq!(m01.kelompok, [Some(400), Some(100), None, None]);
    assert_eq!(m01.jumlah, [1, 1, 2, 0]);
    // Self 4 and atasan 1 at 20:50 → 1.86.
    assert_eq!(m01.capaian, Some(186));
    assert!(m01.selisih());

    // Joko rates himself 3 throughout.
    let joko_diri = asesmen::daftar(db, &joko, f.alpha)
        .await
        .unwrap()
        .tugas
        .into_iter()
        .find(|t| t.kelompok == Kelompok::Diri)
        .unwrap()
        .id;
    asesmen::simpan(db, &joko, joko_diri, &jawaban(&ids, 3))
        .await
        .unwrap();

    // The third colleague: the peers' mean (2, 3, 3 → 2.67) now counts at 20%.
    asesmen::simpan(db, &dedi, t_dedi, &jawaban(&ids, 3))
        .await
        .unwrap();
    let h = asesmen::hasil(db, &ani, peserta_ani, today())
        .await
        .unwrap();
    let m01 = h
        .baris
        .iter()
        .find(|b| b.kompetensi.id == integritas)
        .unwrap();
    assert_eq!(m01.kelompok[2], Some(267));
    // (4×20 + 1×50 + 2.67×20) / 90 = 2.04
    assert_eq!(m01.capaian, Some(204));
    assert_eq!(m01.gap(), Some(4));
    let pairs: Vec<(u32, u8)> = h
        .baris
        .iter()
        .map(|b| (b.capaian.unwrap(), b.standar))
        .collect();
    assert_eq!(h.jpm, jpm_x100(&pairs, true));
    assert_eq!(h.jpm, Some(10_000)); // capped at 100% by default
    assert_eq!(h.kategori, "Optimal");
    assert!(h.area_pengembangan().is_empty());
    // Uncapped, read for uji kompetensi: 2.04 against 2 and 8 × 2.04 against 1.
    pengaturan_kompetensi::simpan(
        db,
        &admin,
        f.alpha,
        &pengaturan_kompetensi::PengaturanKompetensiInput {
            jpm_batas_100: String::new(),
            skala_jpm: "UJI".into(),
            ..pengaturan_kompetensi::PengaturanKompetensi::default().into()
        },
    )
    .await
    .unwrap();
    let h = asesmen::hasil(db, &ani, peserta_ani, today())
        .await
        .unwrap();
    assert_eq!(h.jpm, Some(18_360)); // (2.04 × 9) / (2 + 8) = 183.60%
    assert_eq!(h.kategori, "Memenuhi Syarat");
    // Bad settings are refused with the field.
    field(
        pengaturan_kompetensi::simpan(
            db,
            &admin,
            f.alpha,
            &pengaturan_kompetensi::PengaturanKompetensiInput {
                bobot_diri: "30".into(),
                ..pengaturan_kompetensi::PengaturanKompetensi::default().into()
            },
        )
        .await,
        "bobot_diri",
    );
    forbidden(
        pengaturan_kompetensi::simpan(
            db,
            &kapus,
            f.alpha,
            &pengaturan_kompetensi::PengaturanKompetensi::default().into(),
        )
        .await,
    );

    // Who may read Ani's result: she, her penilai, the penilai's atasan and the admin; not a
    // colleague who rated her, not another instansi.
    asesmen::hasil(db, &kapus, peserta_ani, today())
        .await
        .unwrap();
    asesmen::hasil(db, &kadis, peserta_ani, today())
        .await
        .unwrap();
    asesmen::hasil(db, &admin, peserta_ani, today())
        .await
        .unwrap();
    forbidden(asesmen::hasil(db, &joko, peserta_ani, today()).await);
    forbidden(asesmen::hasil(db, &admin_beta, peserta_ani, today()).await);
    // The trail says a task was done, never the levels given.
    let jejak = audit_event::Entity::find()
        .filter(audit_event::Column::Entity.eq("asesmen_penilai"))
        .all(db)
        .await
        .unwrap();
    assert!(jejak.len() >= 5);
    assert!(
        jejak
            .iter()
            .all(|e| !e.after_json.clone().unwrap_or_default().contains("level\""))
    );
    // The round's page shows progress, never answers; it is the admin's.
    forbidden(asesmen::rincian(db, &kapus, a.id).await);
    let r = asesmen::rincian(db, &admin, a.id).await.unwrap();
    assert_eq!(r.peserta.len(), 5);

    // Closing: the admin's; afterwards nothing changes.
    forbidden(asesmen::tutup(db, &kapus, a.id).await);
    asesmen::tutup(db, &admin, a.id).await.unwrap();
    conflict(
        asesmen::simpan(db, &ani, diri, &jawaban(&ids, 5)).await,
        "ditutup",
    );
    let sari_peserta = r
        .peserta
        .iter()
        .find(|p| p.hasil.pegawai.id == f.kapus.id)
        .unwrap();
    conflict(
        asesmen::tambah_penilai(
            db,
            &admin,
            sari_peserta.hasil.peserta.id,
            &f.kadis.id.to_string(),
            "REKAN",
        )
        .await,
        "ditutup",
    );
    conflict(asesmen::tutup(db, &admin, a.id).await, "ditutup");

    // Back to the mapping scale with the cap; a stricter Integritas standard opens a gap.
    pengaturan_kompetensi::simpan(
        db,
        &admin,
        f.alpha,
        &pengaturan_kompetensi::PengaturanKompetensi::default().into(),
    )
    .await
    .unwrap();
    isian.insert(integritas, "3".into());
    kompetensi::simpan_standar(db, &admin, f.jab_perawat, &isian)
        .await
        .unwrap();
    let h = asesmen::hasil(db, &ani, peserta_ani, today())
        .await
        .unwrap();
    let gaps: Vec<&str> = h
        .area_pengembangan()
        .iter()
        .map(|b| b.kompetensi.kode.as_str())
        .collect();
    assert_eq!(gaps, ["M.01"]);

    // The IDP proposes the catalogue's offer for the gap.
    let kat = pengembangan::tambah_katalog(
        db,
        &admin,
        f.alpha,
        &KatalogInput {
            nama: "Pelatihan Integritas dan Antikorupsi".into(),
            jenis: "KLASIKAL".into(),
            kompetensi_id: integritas.to_string(),
            jp: "12".into(),
        },
    )
    .await
    .unwrap();
    forbidden(pengembangan::tambah_katalog(db, &ani, f.alpha, &KatalogInput::default()).await);
    fields(
        pengembangan::tambah_katalog(db, &admin, f.alpha, &KatalogInput::default()).await,
        &["nama", "jenis", "jp"],
    );
    let idp = pengembangan::idp(db, &ani, f.perawat1.id, 2026, today())
        .await
        .unwrap();
    assert_eq!(idp.usulan.len(), 1);
    assert_eq!(idp.usulan[0].katalog[0].id, kat.id);
    assert!(!idp.usulan[0].direncanakan);
    let dari_katalog = RencanaInput {
        tahun: "2026".into(),
        sumber: "KOMPETENSI".into(),
        katalog_id: kat.id.to_string(),
        ..Default::default()
    };
    forbidden(pengembangan::tambah_rencana(db, &joko, f.perawat1.id, &dari_katalog, today()).await);
    forbidden(
        pengembangan::tambah_rencana(db, &kadis, f.perawat1.id, &dari_katalog, today()).await,
    );
    fields(
        pengembangan::tambah_rencana(
            db,
            &ani,
            f.perawat1.id,
            &RencanaInput {
                tahun: "2024".into(),
                sumber: "KOMPETENSI".into(),
                ..Default::default()
            },
            today(),
        )
        .await,
        &["tahun", "kompetensi_id", "jenis", "uraian", "jp_rencana"],
    );
    let rencana = pengembangan::tambah_rencana(db, &ani, f.perawat1.id, &dari_katalog, today())
        .await
        .unwrap();
    assert_eq!(
        (rencana.jp_rencana, rencana.kompetensi_id),
        (12, Some(integritas))
    );
    let idp = pengembangan::idp(db, &kapus, f.perawat1.id, 2026, today())
        .await
        .unwrap();
    assert!(idp.usulan[0].direncanakan && idp.dapat_ubah);
    assert!(
        !pengembangan::idp(db, &kadis, f.perawat1.id, 2026, today())
            .await
            .unwrap()
            .dapat_ubah
    );
    forbidden(pengembangan::idp(db, &joko, f.perawat1.id, 2026, today()).await);

    // Training with its certificate: 12 JP, then 8 more make the 20.
    let store = BuktiStore::memory();
    let sertifikat = || {
        vec![Berkas {
            nama: "sertifikat.pdf".into(),
            bytes: testing::PDF.to_vec(),
        }]
    };
    let latih = PelatihanInput {
        nama: "Pelatihan Integritas dan Antikorupsi".into(),
        jenis: "KLASIKAL".into(),
        penyelenggara: "BPSDM Provinsi".into(),
        mulai: "2026-10-05".into(),
        selesai: "2026-10-06".into(),
        jp: "12".into(),
        rencana_id: rencana.id.to_string(),
        tautan: String::new(),
    };
    fields(
        pengembangan::catat_pelatihan(
            db,
            &store,
            &ani,
            f.perawat1.id,
            &PelatihanInput {
                selesai: "2026-12-30".into(),
                ..latih.clone()
            },
            &[],
            today(),
        )
        .await,
        &["selesai", "sertifikat"],
    );
    forbidden(
        pengembangan::catat_pelatihan(
            db,
            &store,
            &joko,
            f.perawat1.id,
            &latih,
            &sertifikat(),
            today(),
        )
        .await,
    );
    pengembangan::catat_pelatihan(
        db,
        &store,
        &ani,
        f.perawat1.id,
        &latih,
        &sertifikat(),
        today(),
    )
    .await
    .unwrap();
    let idp = pengembangan::idp(db, &ani, f.perawat1.id, 2026, today())
        .await
        .unwrap();
    assert_eq!(
        (idp.jp_realisasi(), idp.memenuhi(), idp.kurang()),
        (12, false, 8)
    );
    assert_eq!(idp.rencana[0].status, pengembangan::SELESAI);
    assert_eq!(idp.pelatihan[0].1.len(), 1);
    pengembangan::catat_pelatihan(
        db,
        &store,
        &kapus,
        f.perawat1.id,
        &PelatihanInput {
            nama: "E-learning Pelayanan Prima".into(),
            jenis: "NON_KLASIKAL".into(),
            jp: "8".into(),
            rencana_id: String::new(),
            tautan: "https://elearning.example.go.id/sertifikat/123".into(),
            ..latih.clone()
        },
        &[],
        today(),
    )
    .await
    .unwrap();
    let idp = pengembangan::idp(db, &ani, f.perawat1.id, 2026, today())
        .await
        .unwrap();
    assert!(idp.memenuhi());

    // The unit's 20 JP check and heat map: for the unit's head and the admin.
    forbidden(pengembangan::jp_unit(db, &ani, f.unit_pkm, 2026).await);
    let jp = pengembangan::jp_unit(db, &kapus, f.unit_pkm, 2026)
        .await
        .unwrap();
    assert_eq!(jp.len(), 5);
    assert!(jp.last().unwrap().memenuhi() && jp.iter().filter(|b| b.memenuhi()).count() == 1);
    forbidden(peta_kompetensi::unit(db, &joko, f.unit_pkm, 2026).await);
    forbidden(peta_kompetensi::unit(db, &admin_beta, f.unit_pkm, 2026).await);
    let peta = peta_kompetensi::unit(db, &kapus, f.unit_pkm, 2026)
        .await
        .unwrap();
    let perawat = peta
        .baris
        .iter()
        .find(|b| b.jabatan.id == f.jab_perawat)
        .unwrap();
    // Ani and Joko have results; Rina and Dedi answered for others only.
    assert_eq!((perawat.pemegang, perawat.dinilai), (4, 2));
    let kol = peta.kolom.iter().position(|k| k.id == integritas).unwrap();
    // Against Integritas 3: Ani at 2.04 falls short, Joko at 3 meets it.
    assert_eq!(perawat.sel[kol].standar, Some(3));
    assert_eq!(perawat.sel[kol].persen(), Some(50));
    assert_eq!(perawat.sel[kol].tingkat(), 2);
    assert_eq!(peta.kebutuhan.len(), 1);
    assert_eq!((peta.kebutuhan[0].pegawai, peta.kebutuhan[0].jp), (1, 12));

    // The nine-box: Ani's Sangat Baik and her JPM (capped 100%) put her in box 9.
    forbidden(talenta::peta(db, &kapus, f.alpha, 2026).await);
    // The year's planning (which opens the periods): the penilai sees Ani's training on her
    // penilaian sheet, under BerAKHLAK "Kompeten".
    let rencana = testing::rencana(db, &f, today()).await;
    let lembar = kinerja_core::services::evaluasi::penilaian::lembar(
        db,
        &kapus,
        rencana.skp_perawat1,
        None,
        today(),
    )
    .await
    .unwrap();
    assert_eq!((lembar.pelatihan.len(), lembar.jp_pelatihan()), (2, 20));
    for (p, predikat) in [
        (&f.perawat1, "SANGAT_BAIK"),
        (&f.perawat2, "BUTUH_PERBAIKAN"),
    ] {
        testing::evaluasi_tahunan_final(
            db,
            &f,
            p,
            predikat,
            NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
        )
        .await;
    }
    let peta = talenta::peta(db, &admin, f.alpha, 2026).await.unwrap();
    let kotak_of = |id: i32| {
        peta.baris
            .iter()
            .flatten()
            .find(|k| k.anggota.iter().any(|t| t.pegawai.id == id))
            .map(|k| k.nomor)
    };
    assert_eq!(kotak_of(f.perawat1.id), Some(9));
    // Joko: Butuh Perbaikan (Di Bawah) and a self-rating of 3 against mostly 1 (Tinggi): box 6.
    assert_eq!(kotak_of(f.perawat2.id), Some(6));
    assert!(peta.suksesi().iter().any(|t| t.pegawai.id == f.perawat1.id));
    // No predikat yet for the others.
    assert_eq!(peta.belum.len(), 4);
});
