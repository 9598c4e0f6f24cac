//! Competency assessment and development, on SQLite and PostgreSQL: a 360 round for the
//! Puskesmas team with the anonymity threshold, gap and JPM, the IDP built from the gaps,
//! training records and the 20 JP check, the nine-box, and the unit heat map; with the forbidden
//! paths (reading another's answers or result, a peer seeing who rated what, changing a closed
//! round, another instansi). One rule a test, each starting from the stage of the round it needs
//! (`tim`, `ronde`, `terjawab`, `bercelah`, `direncanakan`, `terlatih`).

mod common;

use chrono::NaiveDate;
use common::{conflict, field, fields, forbidden, today};
use kinerja_core::db::entities::{asesmen as asesmen_row, audit_event};
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
use kinerja_core::testing::{self, Fixture, actor, fixture, peg};
use kinerja_core::{Actor, DatabaseConnection};
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

/// The Puskesmas team with two more perawat, so that Ani has three colleagues under Sari, and
/// the perawat standard confirmed by the admin: Integritas 2, the rest as suggested (1).
struct Tim {
    f: Fixture,
    admin: Actor,
    admin_beta: Actor,
    kadis: Actor,
    kapus: Actor,
    ani: Actor,
    joko: Actor,
    rina: Actor,
    dedi: Actor,
    integritas: i32,
    isian: HashMap<i32, String>,
}

async fn tim(db: &DatabaseConnection) -> Tim {
    let f = fixture(db).await;
    for (nip, nama) in [
        ("199205052017052005", "Rina Perawat"),
        ("199306062018061006", "Dedi Perawat"),
    ] {
        peg(db, f.alpha, f.jab_perawat, f.unit_pkm, nip, nama).await;
    }
    let admin = actor(db, "admin.alpha").await;
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
    Tim {
        admin,
        admin_beta: actor(db, "admin.beta").await,
        kadis: actor(db, testing::NIP_KADIS).await,
        kapus: actor(db, testing::NIP_KAPUS).await,
        ani: actor(db, testing::NIP_PERAWAT1).await,
        joko: actor(db, testing::NIP_PERAWAT2).await,
        rina: actor(db, "199205052017052005").await,
        dedi: actor(db, "199306062018061006").await,
        integritas,
        isian,
        f,
    }
}

fn buka_input(f: &Fixture) -> AsesmenInput {
    AsesmenInput {
        nama: "Asesmen kompetensi Puskesmas 2026".into(),
        tahun: "2026".into(),
        batas: "2026-12-15".into(),
        dengan_360: "1".into(),
        unit_kerja_id: f.unit_pkm.to_string(),
    }
}

/// A round with 360 opened by the admin for the Puskesmas: Ani's form on herself, Sari's form
/// on Ani as her atasan, the competencies of a perawat's form, and Ani's place in the round.
struct Ronde {
    t: Tim,
    a: asesmen_row::Model,
    diri: i32,
    atasan_ani: i32,
    ids: Vec<i32>,
    peserta_ani: i32,
}

async fn ronde(db: &DatabaseConnection) -> Ronde {
    let t = tim(db).await;
    let a = asesmen::buka(db, &t.admin, t.f.alpha, &buka_input(&t.f), today())
        .await
        .unwrap();
    let d = asesmen::daftar(db, &t.ani, t.f.alpha).await.unwrap();
    let diri = tugas(db, &t, &t.ani, Kelompok::Diri, "Ani Perawat").await;
    let atasan_ani = tugas(db, &t, &t.kapus, Kelompok::Atasan, "Ani Perawat").await;
    let form = asesmen::formulir(db, &t.ani, diri).await.unwrap();
    let ids = form.baris.iter().map(|b| b.kompetensi.id).collect();
    Ronde {
        peserta_ani: d.hasil_saya[0].1,
        t,
        a,
        diri,
        atasan_ani,
        ids,
    }
}

/// The id of `who`'s form of group `kelompok` on the pegawai named `dinilai`.
async fn tugas(
    db: &DatabaseConnection,
    t: &Tim,
    who: &Actor,
    kelompok: Kelompok,
    dinilai: &str,
) -> i32 {
    asesmen::daftar(db, who, t.f.alpha)
        .await
        .unwrap()
        .tugas
        .into_iter()
        .find(|x| x.kelompok == kelompok && (kelompok == Kelompok::Diri || x.dinilai == dinilai))
        .unwrap()
        .id
}

/// Ani's result as she reads it.
async fn hasil_ani(db: &DatabaseConnection, r: &Ronde) -> asesmen::Hasil {
    asesmen::hasil(db, &r.t.ani, r.peserta_ani, today())
        .await
        .unwrap()
}

/// Ani's self 4 and Sari's 1 as her atasan; colleagues Joko 2 and Rina 3 (Dedi not yet).
async fn dua_rekan(db: &DatabaseConnection) -> Ronde {
    let r = ronde(db).await;
    let t = &r.t;
    asesmen::simpan(db, &t.ani, r.diri, &jawaban(&r.ids, 4))
        .await
        .unwrap();
    asesmen::simpan(db, &t.kapus, r.atasan_ani, &jawaban(&r.ids, 1))
        .await
        .unwrap();
    for (who, level) in [(&t.joko, 2), (&t.rina, 3)] {
        let id = tugas(db, t, who, Kelompok::Rekan, "Ani Perawat").await;
        asesmen::simpan(db, who, id, &jawaban(&r.ids, level))
            .await
            .unwrap();
    }
    r
}

/// [`dua_rekan`], then Joko's 3 on himself and Dedi's 3 as Ani's third colleague.
async fn terjawab(db: &DatabaseConnection) -> Ronde {
    let r = dua_rekan(db).await;
    let t = &r.t;
    let joko_diri = tugas(db, t, &t.joko, Kelompok::Diri, "").await;
    asesmen::simpan(db, &t.joko, joko_diri, &jawaban(&r.ids, 3))
        .await
        .unwrap();
    let dedi = tugas(db, t, &t.dedi, Kelompok::Rekan, "Ani Perawat").await;
    asesmen::simpan(db, &t.dedi, dedi, &jawaban(&r.ids, 3))
        .await
        .unwrap();
    r
}

/// [`terjawab`], the round closed, and a stricter Integritas standard (3).
async fn bercelah(db: &DatabaseConnection) -> Ronde {
    let mut r = terjawab(db).await;
    asesmen::tutup(db, &r.t.admin, r.a.id).await.unwrap();
    r.t.isian.insert(r.t.integritas, "3".into());
    kompetensi::simpan_standar(db, &r.t.admin, r.t.f.jab_perawat, &r.t.isian)
        .await
        .unwrap();
    r
}

fn katalog_integritas(integritas: i32) -> KatalogInput {
    KatalogInput {
        nama: "Pelatihan Integritas dan Antikorupsi".into(),
        jenis: "KLASIKAL".into(),
        kompetensi_id: integritas.to_string(),
        jp: "12".into(),
    }
}

fn dari_katalog(katalog_id: i32) -> RencanaInput {
    RencanaInput {
        tahun: "2026".into(),
        sumber: "KOMPETENSI".into(),
        katalog_id: katalog_id.to_string(),
        ..Default::default()
    }
}

/// [`bercelah`], the catalogue's integrity training, and Ani's plan to take it.
async fn direncanakan(db: &DatabaseConnection) -> (Ronde, i32) {
    let r = bercelah(db).await;
    let t = &r.t;
    let kat =
        pengembangan::tambah_katalog(db, &t.admin, t.f.alpha, &katalog_integritas(t.integritas))
            .await
            .unwrap();
    let rencana =
        pengembangan::tambah_rencana(db, &t.ani, t.f.perawat1.id, &dari_katalog(kat.id), today())
            .await
            .unwrap();
    (r, rencana.id)
}

fn pelatihan(rencana_id: i32) -> PelatihanInput {
    PelatihanInput {
        nama: "Pelatihan Integritas dan Antikorupsi".into(),
        jenis: "KLASIKAL".into(),
        penyelenggara: "BPSDM Provinsi".into(),
        mulai: "2026-10-05".into(),
        selesai: "2026-10-06".into(),
        jp: "12".into(),
        rencana_id: rencana_id.to_string(),
        tautan: String::new(),
    }
}

fn sertifikat() -> Vec<Berkas> {
    vec![Berkas {
        nama: "sertifikat.pdf".into(),
        bytes: testing::PDF.to_vec(),
    }]
}

/// [`direncanakan`], the planned training done with its certificate (12 JP) and an e-learning
/// recorded by Sari (8 JP): Ani's 20 JP.
async fn terlatih(db: &DatabaseConnection) -> Ronde {
    let (r, rencana_id) = direncanakan(db).await;
    let t = &r.t;
    let store = BuktiStore::memory();
    pengembangan::catat_pelatihan(
        db,
        &store,
        &t.ani,
        t.f.perawat1.id,
        &pelatihan(rencana_id),
        &sertifikat(),
        today(),
    )
    .await
    .unwrap();
    pengembangan::catat_pelatihan(
        db,
        &store,
        &t.kapus,
        t.f.perawat1.id,
        &PelatihanInput {
            nama: "E-learning Pelayanan Prima".into(),
            jenis: "NON_KLASIKAL".into(),
            jp: "8".into(),
            rencana_id: String::new(),
            tautan: "https://elearning.example.go.id/sertifikat/123".into(),
            ..pelatihan(rencana_id)
        },
        &[],
        today(),
    )
    .await
    .unwrap();
    r
}

db_test!(
    only_the_instansi_admin_opens_a_round_and_its_fields_are_checked,
    |db| {
        let t = tim(db).await;
        let buka = buka_input(&t.f);
        forbidden(asesmen::buka(db, &t.ani, t.f.alpha, &buka, today()).await);
        forbidden(asesmen::buka(db, &t.admin_beta, t.f.alpha, &buka, today()).await);
        fields(
            asesmen::buka(
                db,
                &t.admin,
                t.f.alpha,
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
        asesmen::buka(db, &t.admin, t.f.alpha, &buka, today())
            .await
            .unwrap();
    }
);

db_test!(
    each_member_rates_themselves_their_colleagues_and_their_atasan,
    |db| {
        let r = ronde(db).await;
        let t = &r.t;
        let d = asesmen::daftar(db, &t.ani, t.f.alpha).await.unwrap();
        let by = |k: Kelompok| d.tugas.iter().filter(|x| x.kelompok == k).count();
        assert_eq!(
            (
                by(Kelompok::Diri),
                by(Kelompok::Rekan),
                by(Kelompok::Bawahan)
            ),
            (1, 3, 1)
        );
        assert!(d.putaran.is_empty() && !d.dapat_buka);
        // Sari rates Ani as her atasan (found by `ronde`); the Kepala Dinas, outside the round,
        // rates Sari.
        let kadis = asesmen::daftar(db, &t.kadis, t.f.alpha).await.unwrap();
        assert!(kadis.tugas.iter().any(|x| x.kelompok == Kelompok::Atasan));
    }
);

db_test!(a_form_is_its_raters_alone, |db| {
    let r = ronde(db).await;
    forbidden(asesmen::formulir(db, &r.t.joko, r.diri).await);
    forbidden(asesmen::formulir(db, &r.t.admin, r.diri).await);
    let form = asesmen::formulir(db, &r.t.ani, r.diri).await.unwrap();
    assert_eq!(form.baris.len(), 9);
});

db_test!(every_level_is_one_to_five_with_an_example, |db| {
    let r = ronde(db).await;
    let mut kurang = jawaban(&r.ids, 3);
    kurang.get_mut(&r.t.integritas).unwrap().1 = "ok".into();
    kurang.get_mut(&r.ids[1]).unwrap().0 = "6".into();
    fields(
        asesmen::simpan(db, &r.t.ani, r.diri, &kurang).await,
        &[
            &format!("bukti_{}", r.t.integritas),
            &format!("level_{}", r.ids[1]),
        ],
    );
    asesmen::simpan(db, &r.t.ani, r.diri, &jawaban(&r.ids, 4))
        .await
        .unwrap();
});

db_test!(two_colleagues_are_too_few_to_show_even_as_a_mean, |db| {
    let r = dua_rekan(db).await;
    let h = hasil_ani(db, &r).await;
    let m01 = h
        .baris
        .iter()
        .find(|b| b.kompetensi.id == r.t.integritas)
        .unwrap();
    assert_eq!(m01.kelompok, [Some(400), Some(100), None, None]);
    assert_eq!(m01.jumlah, [1, 1, 2, 0]);
    // Self 4 and atasan 1 at 20:50 → 1.86.
    assert_eq!(m01.capaian, Some(186));
    assert!(m01.selisih());
});

db_test!(
    a_third_colleague_brings_the_peers_mean_in_at_twenty_percent,
    |db| {
        let r = terjawab(db).await;
        let h = hasil_ani(db, &r).await;
        let m01 = h
            .baris
            .iter()
            .find(|b| b.kompetensi.id == r.t.integritas)
            .unwrap();
        // The peers' mean: 2, 3, 3 → 2.67.
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
    }
);

db_test!(the_uji_scale_reads_the_jpm_uncapped, |db| {
    let r = terjawab(db).await;
    pengaturan_kompetensi::simpan(
        db,
        &r.t.admin,
        r.t.f.alpha,
        &pengaturan_kompetensi::PengaturanKompetensiInput {
            jpm_batas_100: String::new(),
            skala_jpm: "UJI".into(),
            ..pengaturan_kompetensi::PengaturanKompetensi::default().into()
        },
    )
    .await
    .unwrap();
    let h = hasil_ani(db, &r).await;
    // 2.04 against 2 and 8 × 2.04 against 1: (2.04 × 9) / (2 + 8) = 183.60%.
    assert_eq!(h.jpm, Some(18_360));
    assert_eq!(h.kategori, "Memenuhi Syarat");
});

db_test!(competency_settings_are_the_admins_and_checked, |db| {
    let t = tim(db).await;
    field(
        pengaturan_kompetensi::simpan(
            db,
            &t.admin,
            t.f.alpha,
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
            &t.kapus,
            t.f.alpha,
            &pengaturan_kompetensi::PengaturanKompetensi::default().into(),
        )
        .await,
    );
});

db_test!(
    a_result_is_read_by_the_pegawai_their_penilai_the_atasan_and_the_admin,
    |db| {
        let r = terjawab(db).await;
        let t = &r.t;
        for who in [&t.ani, &t.kapus, &t.kadis, &t.admin] {
            asesmen::hasil(db, who, r.peserta_ani, today())
                .await
                .unwrap();
        }
        // Not a colleague who rated her, not another instansi.
        forbidden(asesmen::hasil(db, &t.joko, r.peserta_ani, today()).await);
        forbidden(asesmen::hasil(db, &t.admin_beta, r.peserta_ani, today()).await);
    }
);

db_test!(the_trail_says_a_form_was_answered_never_the_levels, |db| {
    terjawab(db).await;
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
});

db_test!(the_rounds_page_shows_progress_to_the_admin_only, |db| {
    let r = terjawab(db).await;
    forbidden(asesmen::rincian(db, &r.t.kapus, r.a.id).await);
    let rincian = asesmen::rincian(db, &r.t.admin, r.a.id).await.unwrap();
    assert_eq!(rincian.peserta.len(), 5);
});

db_test!(
    only_the_admin_closes_a_round_and_then_nothing_changes,
    |db| {
        let r = terjawab(db).await;
        let t = &r.t;
        let rincian = asesmen::rincian(db, &t.admin, r.a.id).await.unwrap();
        forbidden(asesmen::tutup(db, &t.kapus, r.a.id).await);
        asesmen::tutup(db, &t.admin, r.a.id).await.unwrap();
        conflict(
            asesmen::simpan(db, &t.ani, r.diri, &jawaban(&r.ids, 5)).await,
            "ditutup",
        );
        let sari = rincian
            .peserta
            .iter()
            .find(|p| p.hasil.pegawai.id == t.f.kapus.id)
            .unwrap();
        conflict(
            asesmen::tambah_penilai(
                db,
                &t.admin,
                sari.hasil.peserta.id,
                &t.f.kadis.id.to_string(),
                "REKAN",
            )
            .await,
            "ditutup",
        );
        conflict(asesmen::tutup(db, &t.admin, r.a.id).await, "ditutup");
    }
);

db_test!(a_stricter_standard_opens_a_gap, |db| {
    let r = bercelah(db).await;
    let h = hasil_ani(db, &r).await;
    let gaps: Vec<&str> = h
        .area_pengembangan()
        .iter()
        .map(|b| b.kompetensi.kode.as_str())
        .collect();
    assert_eq!(gaps, ["M.01"]);
});

db_test!(
    only_the_admin_fills_the_catalogue_and_its_fields_are_checked,
    |db| {
        let t = tim(db).await;
        forbidden(
            pengembangan::tambah_katalog(db, &t.ani, t.f.alpha, &KatalogInput::default()).await,
        );
        fields(
            pengembangan::tambah_katalog(db, &t.admin, t.f.alpha, &KatalogInput::default()).await,
            &["nama", "jenis", "jp"],
        );
    }
);

db_test!(the_idp_proposes_the_catalogues_offer_for_the_gap, |db| {
    let r = bercelah(db).await;
    let t = &r.t;
    let kat =
        pengembangan::tambah_katalog(db, &t.admin, t.f.alpha, &katalog_integritas(t.integritas))
            .await
            .unwrap();
    let idp = pengembangan::idp(db, &t.ani, t.f.perawat1.id, 2026, today())
        .await
        .unwrap();
    assert_eq!(idp.usulan.len(), 1);
    assert_eq!(idp.usulan[0].katalog[0].id, kat.id);
    assert!(!idp.usulan[0].direncanakan);
});

db_test!(a_plan_is_made_by_the_pegawai_and_their_penilai_only, |db| {
    let r = bercelah(db).await;
    let t = &r.t;
    let kat =
        pengembangan::tambah_katalog(db, &t.admin, t.f.alpha, &katalog_integritas(t.integritas))
            .await
            .unwrap();
    let rencana = dari_katalog(kat.id);
    let pid = t.f.perawat1.id;
    forbidden(pengembangan::tambah_rencana(db, &t.joko, pid, &rencana, today()).await);
    forbidden(pengembangan::tambah_rencana(db, &t.kadis, pid, &rencana, today()).await);
    fields(
        pengembangan::tambah_rencana(
            db,
            &t.ani,
            pid,
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
    let dibuat = pengembangan::tambah_rencana(db, &t.ani, pid, &rencana, today())
        .await
        .unwrap();
    assert_eq!(
        (dibuat.jp_rencana, dibuat.kompetensi_id),
        (12, Some(t.integritas))
    );
    let idp = pengembangan::idp(db, &t.kapus, pid, 2026, today())
        .await
        .unwrap();
    assert!(idp.usulan[0].direncanakan && idp.dapat_ubah);
    let idp = pengembangan::idp(db, &t.kadis, pid, 2026, today())
        .await
        .unwrap();
    assert!(!idp.dapat_ubah);
    forbidden(pengembangan::idp(db, &t.joko, pid, 2026, today()).await);
});

db_test!(
    a_training_needs_its_certificate_and_its_pegawai_or_penilai,
    |db| {
        let (r, rencana_id) = direncanakan(db).await;
        let t = &r.t;
        let store = BuktiStore::memory();
        let pid = t.f.perawat1.id;
        fields(
            pengembangan::catat_pelatihan(
                db,
                &store,
                &t.ani,
                pid,
                &PelatihanInput {
                    selesai: "2026-12-30".into(),
                    ..pelatihan(rencana_id)
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
                &t.joko,
                pid,
                &pelatihan(rencana_id),
                &sertifikat(),
                today(),
            )
            .await,
        );
        pengembangan::catat_pelatihan(
            db,
            &store,
            &t.ani,
            pid,
            &pelatihan(rencana_id),
            &sertifikat(),
            today(),
        )
        .await
        .unwrap();
        let idp = pengembangan::idp(db, &t.ani, pid, 2026, today())
            .await
            .unwrap();
        assert_eq!(
            (idp.jp_realisasi(), idp.memenuhi(), idp.kurang()),
            (12, false, 8)
        );
        assert_eq!(idp.rencana[0].status, pengembangan::SELESAI);
        assert_eq!(idp.pelatihan[0].1.len(), 1);
    }
);

db_test!(twenty_jp_in_the_year_meet_the_requirement, |db| {
    let r = terlatih(db).await;
    let idp = pengembangan::idp(db, &r.t.ani, r.t.f.perawat1.id, 2026, today())
        .await
        .unwrap();
    assert!(idp.memenuhi());
});

db_test!(
    the_units_jp_check_and_heat_map_are_for_its_head_and_the_admin,
    |db| {
        let r = terlatih(db).await;
        let t = &r.t;
        forbidden(pengembangan::jp_unit(db, &t.ani, t.f.unit_pkm, 2026).await);
        let jp = pengembangan::jp_unit(db, &t.kapus, t.f.unit_pkm, 2026)
            .await
            .unwrap();
        assert_eq!(jp.len(), 5);
        assert!(jp.last().unwrap().memenuhi() && jp.iter().filter(|b| b.memenuhi()).count() == 1);
        forbidden(peta_kompetensi::unit(db, &t.joko, t.f.unit_pkm, 2026).await);
        forbidden(peta_kompetensi::unit(db, &t.admin_beta, t.f.unit_pkm, 2026).await);
        let peta = peta_kompetensi::unit(db, &t.kapus, t.f.unit_pkm, 2026)
            .await
            .unwrap();
        let perawat = peta
            .baris
            .iter()
            .find(|b| b.jabatan.id == t.f.jab_perawat)
            .unwrap();
        // Ani and Joko have results; Rina and Dedi answered for others only.
        assert_eq!((perawat.pemegang, perawat.dinilai), (4, 2));
        let kol = peta
            .kolom
            .iter()
            .position(|k| k.id == t.integritas)
            .unwrap();
        // Against Integritas 3: Ani at 2.04 falls short, Joko at 3 meets it.
        assert_eq!(perawat.sel[kol].standar, Some(3));
        assert_eq!(perawat.sel[kol].persen(), Some(50));
        assert_eq!(perawat.sel[kol].tingkat(), 2);
        assert_eq!(peta.kebutuhan.len(), 1);
        assert_eq!((peta.kebutuhan[0].pegawai, peta.kebutuhan[0].jp), (1, 12));
    }
);

db_test!(the_penilai_sees_the_training_on_the_penilaian_sheet, |db| {
    let r = terlatih(db).await;
    // The year's planning (which opens the periods); the training shows under BerAKHLAK
    // "Kompeten".
    let rencana = testing::rencana(db, &r.t.f, today()).await;
    let lembar = kinerja_core::services::evaluasi::penilaian::lembar(
        db,
        &r.t.kapus,
        rencana.skp_perawat1,
        None,
        today(),
    )
    .await
    .unwrap();
    assert_eq!((lembar.pelatihan.len(), lembar.jp_pelatihan()), (2, 20));
});

db_test!(the_nine_box_places_by_predikat_and_jpm, |db| {
    let r = terlatih(db).await;
    let t = &r.t;
    forbidden(talenta::peta(db, &t.kapus, t.f.alpha, 2026).await);
    testing::rencana(db, &t.f, today()).await;
    for (p, predikat) in [
        (&t.f.perawat1, "SANGAT_BAIK"),
        (&t.f.perawat2, "BUTUH_PERBAIKAN"),
    ] {
        testing::evaluasi_tahunan_final(
            db,
            &t.f,
            p,
            predikat,
            NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
        )
        .await;
    }
    let peta = talenta::peta(db, &t.admin, t.f.alpha, 2026).await.unwrap();
    let kotak_of = |id: i32| {
        peta.baris
            .iter()
            .flatten()
            .find(|k| k.anggota.iter().any(|x| x.pegawai.id == id))
            .map(|k| k.nomor)
    };
    // Ani: Sangat Baik and her JPM (capped 100%): box 9.
    assert_eq!(kotak_of(t.f.perawat1.id), Some(9));
    // Joko: Butuh Perbaikan (Di Bawah) and a self-rating of 3 against mostly 1 (Tinggi): box 6.
    assert_eq!(kotak_of(t.f.perawat2.id), Some(6));
    assert!(
        peta.suksesi()
            .iter()
            .any(|x| x.pegawai.id == t.f.perawat1.id)
    );
    // No predikat yet for the others.
    assert_eq!(peta.belum.len(), 4);
});
