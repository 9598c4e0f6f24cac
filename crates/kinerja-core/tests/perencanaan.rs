//! Planning and daily work on SQLite and PostgreSQL: the SKP workflow with every
//! transition allowed and refused, cascading, versions, activities with evidence, verification,
//! realisasi, monitoring, feedback and the cascade view, with the forbidden paths.

use chrono::NaiveDate;
use kinerja_core::db::entities::{aktivitas, audit_event, bukti_dukung, notifikasi, skp};
use kinerja_core::db_test;
use kinerja_core::rules::alur_skp::{self, Aksi};
use kinerja_core::services::harian::aktivitas::{AktivitasInput, VerifikasiInput};
use kinerja_core::services::harian::bukti::Berkas;
use kinerja_core::services::organisasi::pegawai::{self as pegawai_svc, PenilaiManualInput};
use kinerja_core::services::perencanaan::skp::{BuatInput, IkiInput, RhkInput};
use kinerja_core::services::{
    evaluasi::realisasi, harian::aktivitas as akt, harian::bukti, harian::monitoring,
    harian::umpan_balik, jejak::notifikasi as notif, perencanaan::kaskade, perencanaan::periode,
    perencanaan::skp as skp_svc,
};
use kinerja_core::storage::BuktiStore;
use kinerja_core::testing::{
    NIP_BETA, NIP_KADIS, NIP_KAPUS, NIP_PERAWAT1, NIP_PERAWAT2, PDF, actor, fixture, rencana,
};
use kinerja_core::{CoreError, DatabaseConnection};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn store() -> (tempfile::TempDir, BuktiStore) {
    let dir = tempfile::tempdir().unwrap();
    let s = BuktiStore::local(dir.path()).unwrap();
    (dir, s)
}

fn kegiatan(tanggal: &str, rhk: i32, jumlah: &str) -> AktivitasInput {
    AktivitasInput {
        tanggal: tanggal.into(),
        rhk_id: rhk.to_string(),
        uraian: "Menyusun laporan asuhan keperawatan".into(),
        kuantitas: jumlah.into(),
        satuan: "Laporan".into(),
        tautan: String::new(),
        ajukan: Some("1".into()),
    }
}

async fn status_of(db: &DatabaseConnection, id: i32) -> String {
    skp::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .status
}

async fn count_aktivitas(db: &DatabaseConnection) -> u64 {
    aktivitas::Entity::find().count(db).await.unwrap()
}

fn is_validation(e: &CoreError, field: &str) -> bool {
    matches!(e, CoreError::Validation(f) if f.get(field).is_some())
}

db_test!(skp_workflow_every_transition, |db| {
    let f = fixture(db).await;
    let r = rencana(db, &f, today()).await;
    let joko = actor(db, NIP_PERAWAT2).await;
    let kapus = actor(db, NIP_KAPUS).await;
    let kadis = actor(db, NIP_KADIS).await;
    let ani = actor(db, NIP_PERAWAT1).await;
    let admin = actor(db, "admin.alpha").await;
    let t = today();

    // Joko drafts against Sari's RHK; the year must be open and the approach chosen.
    let bad = skp_svc::buat(
        db,
        &joko,
        f.perawat2.id,
        &BuatInput {
            tahun: "2031".into(),
            pendekatan: "X".into(),
        },
        t,
    )
    .await
    .unwrap_err();
    assert!(is_validation(&bad, "tahun") && is_validation(&bad, "pendekatan"));
    let s = skp_svc::buat(
        db,
        &joko,
        f.perawat2.id,
        &BuatInput {
            tahun: "2026".into(),
            pendekatan: "KUANTITATIF".into(),
        },
        t,
    )
    .await
    .unwrap();
    assert_eq!(s.status, alur_skp::DRAFT);
    // Another pegawai cannot open or touch Joko's SKP.
    assert!(matches!(
        skp_svc::buat(
            db,
            &ani,
            f.perawat2.id,
            &BuatInput {
                tahun: "2026".into(),
                pendekatan: "KUANTITATIF".into()
            },
            t
        )
        .await,
        Err(CoreError::Forbidden)
    ));
    let rhk_in = |atasan: &str| RhkInput {
        jenis: "UTAMA".into(),
        teks: "Terlaksananya asuhan keperawatan rawat inap".into(),
        rhk_atasan_id: atasan.into(),
        ..Default::default()
    };
    // The RHK atasan is required for a fungsional, and must be the penilai's.
    let e = skp_svc::simpan_rhk(db, &joko, s.id, None, &rhk_in(""), t)
        .await
        .unwrap_err();
    assert!(is_validation(&e, "rhk_atasan_id"));
    let e = skp_svc::simpan_rhk(db, &joko, s.id, None, &rhk_in(&r.rhk_kadis.to_string()), t)
        .await
        .unwrap_err();
    assert!(is_validation(&e, "rhk_atasan_id"));
    let e = skp_svc::simpan_rhk(
        db,
        &joko,
        s.id,
        None,
        &RhkInput {
            teks: "x".repeat(1001),
            ..rhk_in(&r.rhk_kapus.to_string())
        },
        t,
    )
    .await
    .unwrap_err();
    assert!(is_validation(&e, "teks"));
    assert!(matches!(
        skp_svc::simpan_rhk(db, &ani, s.id, None, &rhk_in(&r.rhk_kapus.to_string()), t).await,
        Err(CoreError::Forbidden)
    ));
    let rk = skp_svc::simpan_rhk(db, &joko, s.id, None, &rhk_in(&r.rhk_kapus.to_string()), t)
        .await
        .unwrap();

    // Submitting needs an indicator on every RHK; a target must be above zero.
    let e = skp_svc::jalankan(db, &joko, s.id, Aksi::Ajukan, "", t)
        .await
        .unwrap_err();
    assert!(is_validation(&e, "iki"));
    for target in ["0", "-2", "banyak"] {
        let e = skp_svc::tambah_iki(
            db,
            &joko,
            rk.id,
            &IkiInput {
                aspek: "KUANTITAS".into(),
                indikator: "Jumlah laporan".into(),
                target: target.into(),
                satuan: "Laporan".into(),
            },
            t,
        )
        .await
        .unwrap_err();
        assert!(is_validation(&e, "target"), "{target}");
    }
    skp_svc::tambah_iki(
        db,
        &joko,
        rk.id,
        &IkiInput {
            aspek: "KUANTITAS".into(),
            indikator: "Jumlah laporan".into(),
            target: "24".into(),
            satuan: "Laporan".into(),
        },
        t,
    )
    .await
    .unwrap();

    // Refused moves from DRAFT: the pegawai cannot set or return; the penilai cannot submit.
    assert!(matches!(
        skp_svc::jalankan(db, &joko, s.id, Aksi::Tetapkan, "", t).await,
        Err(CoreError::Forbidden)
    ));
    assert!(matches!(
        skp_svc::jalankan(db, &kapus, s.id, Aksi::Ajukan, "", t).await,
        Err(CoreError::Forbidden)
    ));
    assert!(matches!(
        skp_svc::jalankan(db, &kapus, s.id, Aksi::Tetapkan, "", t).await,
        Err(CoreError::Conflict(_))
    ));
    assert!(matches!(
        skp_svc::jalankan(db, &joko, s.id, Aksi::Tutup, "", t).await,
        Err(CoreError::Forbidden)
    ));

    skp_svc::jalankan(db, &joko, s.id, Aksi::Ajukan, "", t)
        .await
        .unwrap();
    assert_eq!(status_of(db, s.id).await, alur_skp::DIAJUKAN);
    // The content is frozen while submitted.
    assert!(matches!(
        skp_svc::simpan_rhk(
            db,
            &joko,
            s.id,
            Some(rk.id),
            &rhk_in(&r.rhk_kapus.to_string()),
            t
        )
        .await,
        Err(CoreError::Conflict(_))
    ));
    // The atasan penilai reads but does not decide; another instansi sees nothing.
    assert!(skp_svc::lihat(db, &kadis, s.id, t).await.is_ok());
    assert!(matches!(
        skp_svc::jalankan(db, &kadis, s.id, Aksi::Tetapkan, "", t).await,
        Err(CoreError::Forbidden)
    ));
    let beta = actor(db, NIP_BETA).await;
    assert!(matches!(
        skp_svc::lihat(db, &beta, s.id, t).await,
        Err(CoreError::Forbidden)
    ));
    let admin_beta = actor(db, "admin.beta").await;
    assert!(matches!(
        skp_svc::lihat(db, &admin_beta, s.id, t).await,
        Err(CoreError::Forbidden)
    ));

    // Returning needs a note, which the pegawai then sees, with a notification.
    let e = skp_svc::jalankan(db, &kapus, s.id, Aksi::Kembalikan, "  ", t)
        .await
        .unwrap_err();
    assert!(is_validation(&e, "catatan"));
    let back = skp_svc::jalankan(
        db,
        &kapus,
        s.id,
        Aksi::Kembalikan,
        "Target terlalu rendah",
        t,
    )
    .await
    .unwrap();
    assert_eq!(back.status, alur_skp::DIKEMBALIKAN);
    assert_eq!(back.catatan_penilai, "Target terlalu rendah");
    assert_eq!(notif::belum_dibaca(db, &joko).await.unwrap(), 1);
    skp_svc::jalankan(db, &joko, s.id, Aksi::Ajukan, "", t)
        .await
        .unwrap();
    let set = skp_svc::jalankan(db, &kapus, s.id, Aksi::Tetapkan, "", t)
        .await
        .unwrap();
    assert_eq!(set.status, alur_skp::DITETAPKAN);
    assert_eq!(set.penilai_id, Some(f.kapus.id));

    // A set SKP is changed through a new version; the set one stays in force until then.
    assert!(matches!(
        skp_svc::tambah_iki(db, &joko, rk.id, &IkiInput::default(), t).await,
        Err(CoreError::Conflict(_))
    ));
    skp_svc::jalankan(db, &joko, s.id, Aksi::Ajukan, "", t)
        .await
        .unwrap_err();
    akt::catat(
        db,
        &store().1,
        &joko,
        &kegiatan("2026-11-20", rk.id, "2"),
        &[],
        t,
    )
    .await
    .unwrap();
    let v2 = skp_svc::jalankan(db, &joko, s.id, Aksi::Ubah, "", t)
        .await
        .unwrap();
    assert_eq!((v2.versi, v2.status.as_str()), (2, alur_skp::DRAFT));
    let again = skp_svc::jalankan(db, &joko, s.id, Aksi::Ubah, "", t)
        .await
        .unwrap();
    assert_eq!(again.id, v2.id, "one open draft version at a time");
    assert_eq!(
        skp_svc::berlaku(db, f.perawat2.id, 2026)
            .await
            .unwrap()
            .unwrap()
            .id,
        s.id
    );
    // The team views' batched read picks the same version: the set one, not the newer draft.
    let banyak = skp_svc::berlaku_banyak(db, &[f.perawat2.id], 2026)
        .await
        .unwrap();
    assert_eq!(
        (
            banyak[&f.perawat2.id].id,
            banyak[&f.perawat2.id].status.as_str()
        ),
        (s.id, alur_skp::DITETAPKAN)
    );
    // So does the monitoring page, which reads the versions with their RHK in one statement:
    // the set version's RHK with the activity's output, not the draft's copy.
    let shown = |tim: monitoring::Tim| {
        let a = tim
            .anggota
            .into_iter()
            .find(|a| a.pegawai.id == f.perawat2.id)
            .expect("Joko is in Sari's team");
        let rhk: Vec<i32> = a.progres.iter().map(|p| p.rhk_id).collect();
        (a.skp.map(|s| s.id), rhk)
    };
    let tim = monitoring::tim(db, &kapus, false, t).await.unwrap();
    assert_eq!(shown(tim), (Some(s.id), vec![rk.id]));
    let view = skp_svc::lihat(db, &joko, v2.id, t).await.unwrap();
    assert_eq!(view.utama.len(), 1);
    assert_eq!(view.utama[0].iki.len(), 1);
    assert_eq!(
        view.versi_lain,
        vec![(s.id, 1, alur_skp::DITETAPKAN.to_string())]
    );
    skp_svc::jalankan(db, &joko, v2.id, Aksi::Ajukan, "", t)
        .await
        .unwrap();
    skp_svc::jalankan(db, &kapus, v2.id, Aksi::Tetapkan, "", t)
        .await
        .unwrap();
    assert_eq!(status_of(db, s.id).await, alur_skp::DIGANTI);
    let banyak = skp_svc::berlaku_banyak(db, &[f.perawat2.id], 2026)
        .await
        .unwrap();
    assert_eq!(
        banyak[&f.perawat2.id].id, v2.id,
        "the replaced version drops out"
    );
    let copy = skp_svc::lihat(db, &joko, v2.id, t).await.unwrap().utama[0]
        .rhk
        .id;
    assert_ne!(copy, rk.id);
    let tim = monitoring::tim(db, &kapus, false, t).await.unwrap();
    assert_eq!(shown(tim), (Some(v2.id), vec![copy]));
    // The activity logged against version 1 now counts toward its copy in version 2.
    let moved = aktivitas::Entity::find()
        .filter(aktivitas::Column::PegawaiId.eq(f.perawat2.id))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(moved.skp_id, v2.id);
    assert_eq!(moved.rhk_id, view.utama[0].rhk.id);
    // The old version is readable, and nothing moves it any more.
    assert!(skp_svc::lihat(db, &joko, s.id, t).await.is_ok());
    for a in [Aksi::Ajukan, Aksi::Ubah] {
        assert!(skp_svc::jalankan(db, &joko, s.id, a, "", t).await.is_err());
    }
    assert!(
        skp_svc::jalankan(db, &admin, s.id, Aksi::Tutup, "", t)
            .await
            .is_err()
    );

    // The admin closes an SKP (mutasi); every move was audited.
    let closed = skp_svc::jalankan(db, &admin, v2.id, Aksi::Tutup, "", t)
        .await
        .unwrap();
    assert_eq!(closed.status, alur_skp::DITUTUP);
    assert!(matches!(
        skp_svc::jalankan(db, &admin_beta, r.skp_perawat1, Aksi::Tutup, "", t).await,
        Err(CoreError::Forbidden)
    ));
    let events = audit_event::Entity::find()
        .filter(audit_event::Column::Entity.eq("skp"))
        .filter(audit_event::Column::EntityId.eq(s.id as i64))
        .count(db)
        .await
        .unwrap();
    assert!(
        events >= 6,
        "create, submit, return, submit, set, replace: {events}"
    );
});

db_test!(every_transition_of_the_table_allowed_and_refused, |db| {
    use kinerja_core::rules::alur_skp::PeranSkp;
    let f = fixture(db).await;
    let r = rencana(db, &f, today()).await;
    let t = today();
    let roles = [
        (PeranSkp::Pemilik, actor(db, NIP_PERAWAT1).await),
        (PeranSkp::Penilai, actor(db, NIP_KAPUS).await),
        (PeranSkp::Admin, actor(db, "admin.alpha").await),
    ];
    let states = [
        alur_skp::DRAFT,
        alur_skp::DIAJUKAN,
        alur_skp::DIKEMBALIKAN,
        alur_skp::DITETAPKAN,
        alur_skp::DIGANTI,
        alur_skp::DITUTUP,
    ];
    let all = [
        Aksi::Ajukan,
        Aksi::Kembalikan,
        Aksi::Tetapkan,
        Aksi::Ubah,
        Aksi::Tutup,
    ];
    let mut allowed = 0;
    for state in states {
        for aksi in all {
            for (peran, who) in &roles {
                // The starting state is set directly; every move is then made by the service.
                skp::Entity::update_many()
                    .col_expr(skp::Column::Status, sea_orm::sea_query::Expr::value(state))
                    .filter(skp::Column::Id.eq(r.skp_perawat1))
                    .exec(db)
                    .await
                    .unwrap();
                let res =
                    skp_svc::jalankan(db, who, r.skp_perawat1, aksi, "Perbaiki target", t).await;
                match alur_skp::transisi(state, aksi, *peran) {
                    Some(next) => {
                        allowed += 1;
                        let out =
                            res.unwrap_or_else(|e| panic!("{state} {aksi:?} {peran:?}: {e:?}"));
                        if aksi == Aksi::Ubah {
                            assert!(out.versi > 1 && out.status == alur_skp::DRAFT);
                        } else {
                            assert_eq!(out.status, next, "{state} {aksi:?} {peran:?}");
                        }
                    }
                    None => {
                        let e =
                            res.expect_err(&format!("{state} {aksi:?} {peran:?} must be refused"));
                        let expected_forbidden = !alur_skp::peran_berwenang(aksi, *peran);
                        assert_eq!(
                            matches!(e, CoreError::Forbidden),
                            expected_forbidden,
                            "{state} {aksi:?} {peran:?}: {e:?}"
                        );
                        assert_eq!(
                            status_of(db, r.skp_perawat1).await,
                            state,
                            "a refused move changes nothing"
                        );
                    }
                }
            }
        }
    }
    assert_eq!(allowed, alur_skp::TRANSISI.len());
});

db_test!(cascade_drafts_are_flagged_and_views_show_gaps, |db| {
    let f = fixture(db).await;
    let r = rencana(db, &f, today()).await;
    let kapus = actor(db, NIP_KAPUS).await;
    let joko = actor(db, NIP_PERAWAT2).await;
    let t = today();
    // Sari re-clarifies her SKP: the new version is a draft; Joko may draft against it, flagged.
    let v2 = skp_svc::jalankan(db, &kapus, r.skp_kapus, Aksi::Ubah, "", t)
        .await
        .unwrap();
    let draft_rhk = skp_svc::lihat(db, &kapus, v2.id, t).await.unwrap().utama[0]
        .rhk
        .id;
    let s = skp_svc::buat(
        db,
        &joko,
        f.perawat2.id,
        &BuatInput {
            tahun: "2026".into(),
            pendekatan: "KUANTITATIF".into(),
        },
        t,
    )
    .await
    .unwrap();
    let opts = skp_svc::pilihan_rhk_atasan(db, &s, &f.perawat2, t)
        .await
        .unwrap();
    assert_eq!(opts.len(), 1, "the version in force is offered");
    assert_eq!(opts[0].0.id, r.rhk_kapus);
    let _ = draft_rhk;
    // A penilai with only a draft: Joko's RHK is flagged until Sari's SKP is set.
    kinerja_core::db::entities::skp::Entity::update_many()
        .col_expr(
            skp::Column::Status,
            sea_orm::sea_query::Expr::value(alur_skp::DIGANTI),
        )
        .filter(skp::Column::Id.eq(r.skp_kapus))
        .exec(db)
        .await
        .unwrap();
    let opts = skp_svc::pilihan_rhk_atasan(db, &s, &f.perawat2, t)
        .await
        .unwrap();
    assert_eq!(opts[0].1, alur_skp::DRAFT);
    skp_svc::simpan_rhk(
        db,
        &joko,
        s.id,
        None,
        &RhkInput {
            jenis: "UTAMA".into(),
            teks: "Asuhan rawat inap".into(),
            rhk_atasan_id: opts[0].0.id.to_string(),
            ..Default::default()
        },
        t,
    )
    .await
    .unwrap();
    let view = skp_svc::lihat(db, &joko, s.id, t).await.unwrap();
    assert_eq!(view.menunggu_atasan(), 1);

    // The cascade view from the Dinas head down: who has no SKP, who supports what.
    let admin = actor(db, "admin.alpha").await;
    let k = kaskade::matriks(db, &admin, f.unit_dinas, 2026, t)
        .await
        .unwrap();
    let names: Vec<&str> = k.simpul.iter().map(|s| s.pegawai.nama.as_str()).collect();
    assert_eq!(names[0], "Budi Kadis");
    assert!(names.contains(&"Ani Perawat") && names.contains(&"Joko Perawat"));
    let kadis_node = &k.simpul[0];
    assert_eq!(
        kadis_node.rhk[0].pendukung.len(),
        1,
        "Sari's RHK supports Budi's"
    );
    assert!(k.tanpa_skp().is_empty());
    let beta = actor(db, NIP_BETA).await;
    assert!(matches!(
        kaskade::matriks(db, &beta, f.unit_dinas, 2026, t).await,
        Err(CoreError::Forbidden)
    ));
});

db_test!(activities_evidence_verification_and_closed_periods, |db| {
    let f = fixture(db).await;
    let r = rencana(db, &f, today()).await;
    let (_dir, st) = store();
    let ani = actor(db, NIP_PERAWAT1).await;
    let joko = actor(db, NIP_PERAWAT2).await;
    let kapus = actor(db, NIP_KAPUS).await;
    let kadis = actor(db, NIP_KADIS).await;
    let admin = actor(db, "admin.alpha").await;
    let t = today();

    // Bad input: future date, outside any period, empty and huge text, zero output, a fake PDF,
    // an oversized file. Nothing is stored.
    let cases: Vec<(AktivitasInput, Vec<Berkas>, &str)> = vec![
        (
            kegiatan("2026-11-23", r.rhk_perawat1, "1"),
            vec![],
            "tanggal",
        ),
        (
            kegiatan("2025-06-01", r.rhk_perawat1, "1"),
            vec![],
            "tanggal",
        ),
        (
            AktivitasInput {
                uraian: " ".into(),
                ..kegiatan("2026-11-20", r.rhk_perawat1, "1")
            },
            vec![],
            "uraian",
        ),
        (
            AktivitasInput {
                uraian: "x".repeat(2001),
                ..kegiatan("2026-11-20", r.rhk_perawat1, "1")
            },
            vec![],
            "uraian",
        ),
        (
            kegiatan("2026-11-20", r.rhk_perawat1, "0"),
            vec![],
            "kuantitas",
        ),
        (kegiatan("2026-11-20", r.rhk_kapus, "1"), vec![], "rhk_id"),
        (
            kegiatan("2026-11-20", r.rhk_perawat1, "1"),
            vec![Berkas {
                nama: "laporan.pdf".into(),
                bytes: b"<html>not a pdf</html>".to_vec(),
            }],
            "berkas",
        ),
        (
            kegiatan("2026-11-20", r.rhk_perawat1, "1"),
            vec![Berkas {
                nama: "besar.pdf".into(),
                bytes: {
                    let mut b = PDF.to_vec();
                    b.resize(bukti::MAX_BUKTI_BYTES + 1, b' ');
                    b
                },
            }],
            "berkas",
        ),
    ];
    for (input, files, field) in cases {
        let e = akt::catat(db, &st, &ani, &input, &files, t)
            .await
            .unwrap_err();
        assert!(is_validation(&e, field), "{field}: {e:?}");
    }
    // The RHK field says why it is refused: someone else's RHK or none that exists, no RHK
    // chosen, or (Joko) no SKP this year at all.
    for (who, rhk_id, pesan) in [
        (&ani, r.rhk_kapus.to_string(), "bukan bagian dari SKP Anda"),
        (&ani, "999999".to_string(), "bukan bagian dari SKP Anda"),
        (&ani, " ".to_string(), "Pilih RHK"),
        (
            &joko,
            r.rhk_perawat1.to_string(),
            "bukan bagian dari SKP Anda",
        ),
        (&joko, String::new(), "belum memiliki SKP tahun 2026"),
    ] {
        let input = AktivitasInput {
            rhk_id: rhk_id.clone(),
            ..kegiatan("2026-11-20", r.rhk_perawat1, "1")
        };
        match akt::catat(db, &st, who, &input, &[], t).await {
            Err(CoreError::Validation(f)) => {
                let m = f.get("rhk_id").unwrap_or_default();
                assert!(m.contains(pesan), "{rhk_id:?}: {m}");
            }
            other => panic!("{rhk_id:?}: {other:?}"),
        }
    }
    assert_eq!(count_aktivitas(db).await, 0);
    assert_eq!(bukti_dukung::Entity::find().count(db).await.unwrap(), 0);
    assert_eq!(
        std::fs::read_dir(_dir.path()).unwrap().count(),
        0,
        "no file was kept"
    );

    // A good one with a PDF and a link.
    let mut input = kegiatan("2026-11-20", r.rhk_perawat1, "3");
    input.tautan = "https://drive.example/laporan".into();
    let a = akt::catat(
        db,
        &st,
        &ani,
        &input,
        &[Berkas {
            nama: "laporan.pdf".into(),
            bytes: PDF.to_vec(),
        }],
        t,
    )
    .await
    .unwrap();
    assert_eq!(
        (a.kuantitas, a.status.as_str()),
        (300, kinerja_core::services::status::aktivitas::DIAJUKAN)
    );
    let files = bukti_dukung::Entity::find()
        .filter(bukti_dukung::Column::AktivitasId.eq(a.id))
        .all(db)
        .await
        .unwrap();
    assert_eq!(files.len(), 2);
    let file = files.iter().find(|b| b.jenis == "FILE").unwrap();
    assert_eq!(file.content_type, "application/pdf");
    // Downloads: the owner and the penilai chain, never a colleague or another instansi.
    assert_eq!(
        bukti::unduh(db, &st, &ani, file.id, t).await.unwrap().1,
        PDF
    );
    assert!(bukti::unduh(db, &st, &kapus, file.id, t).await.is_ok());
    assert!(bukti::unduh(db, &st, &admin, file.id, t).await.is_ok());
    assert!(matches!(
        bukti::unduh(db, &st, &joko, file.id, t).await,
        Err(CoreError::Forbidden)
    ));
    assert!(matches!(
        bukti::unduh(db, &st, &actor(db, "admin.beta").await, file.id, t).await,
        Err(CoreError::Forbidden)
    ));

    // Joko cannot change or submit Ani's activity, nor see her list.
    assert!(matches!(
        akt::hapus(db, &joko, a.id, t).await,
        Err(CoreError::Forbidden)
    ));
    assert!(matches!(
        akt::daftar(db, &joko, f.perawat1.id, 1, t).await,
        Err(CoreError::Forbidden)
    ));

    // Verification: only the direct penilai; a note is needed for anything but SESUAI.
    let v = |verdict: &str, note: &str| VerifikasiInput {
        verifikasi: verdict.into(),
        catatan: note.into(),
        bukti: vec![(file.id, "SESUAI".into())],
    };
    assert!(matches!(
        akt::verifikasi(db, &joko, a.id, &v("SESUAI", ""), t).await,
        Err(CoreError::Forbidden)
    ));
    assert!(matches!(
        akt::verifikasi(db, &kadis, a.id, &v("SESUAI", ""), t).await,
        Err(CoreError::Forbidden)
    ));
    assert!(matches!(
        akt::verifikasi(db, &ani, a.id, &v("SESUAI", ""), t).await,
        Err(CoreError::Forbidden)
    ));
    let e = akt::verifikasi(db, &kapus, a.id, &v("TIDAK_SESUAI", ""), t)
        .await
        .unwrap_err();
    assert!(is_validation(&e, "catatan"));
    assert_eq!(akt::antrean(db, &kapus, 1, t).await.unwrap().total, 1);
    let back = akt::verifikasi(
        db,
        &kapus,
        a.id,
        &v("TIDAK_SESUAI", "Lampirkan daftar pasien"),
        t,
    )
    .await
    .unwrap();
    assert_eq!(
        back.status,
        kinerja_core::services::status::aktivitas::DIKEMBALIKAN
    );
    assert_eq!(
        notif::belum_dibaca(db, &ani).await.unwrap(),
        2,
        "SKP set, activity returned"
    );
    akt::ajukan(db, &ani, a.id, t).await.unwrap();
    let ok = akt::verifikasi(db, &kapus, a.id, &v("SESUAI", ""), t)
        .await
        .unwrap();
    assert_eq!(
        (ok.status.as_str(), ok.verifikasi.as_deref()),
        (
            kinerja_core::services::status::aktivitas::DISETUJUI,
            Some("SESUAI")
        )
    );
    assert!(matches!(
        akt::verifikasi(db, &kapus, a.id, &v("SESUAI", ""), t).await,
        Err(CoreError::Conflict(_))
    ));
    assert!(matches!(
        akt::hapus(db, &ani, a.id, t).await,
        Err(CoreError::Conflict(_))
    ));

    // Copy the last day to today.
    assert_eq!(akt::salin_terakhir(db, &ani, t).await.unwrap(), 1);

    // A closed period refuses writes and verification.
    let draft = akt::catat(
        db,
        &st,
        &ani,
        &AktivitasInput {
            ajukan: None,
            ..kegiatan("2026-11-21", r.rhk_perawat1, "1")
        },
        &[],
        t,
    )
    .await
    .unwrap();
    let iv = periode::daftar(db, &admin, f.alpha)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.nama.starts_with("Triwulan IV"))
        .unwrap();
    periode::ubah_status(db, &admin, iv.id, false)
        .await
        .unwrap();
    let before = count_aktivitas(db).await;
    let e = akt::catat(
        db,
        &st,
        &ani,
        &kegiatan("2026-11-20", r.rhk_perawat1, "1"),
        &[],
        t,
    )
    .await
    .unwrap_err();
    assert!(is_validation(&e, "tanggal"));
    assert!(matches!(
        akt::ajukan(db, &ani, draft.id, t).await,
        Err(CoreError::Conflict(_))
    ));
    assert!(matches!(
        akt::hapus(db, &ani, draft.id, t).await,
        Err(CoreError::Conflict(_))
    ));
    assert_eq!(count_aktivitas(db).await, before);
    periode::ubah_status(db, &admin, iv.id, true).await.unwrap();
    // And a period whose deadline passed refuses them too.
    let late = NaiveDate::from_ymd_opt(2027, 1, 15).unwrap();
    let e = akt::catat(
        db,
        &st,
        &ani,
        &kegiatan("2026-12-30", r.rhk_perawat1, "1"),
        &[],
        late,
    )
    .await
    .unwrap_err();
    assert!(is_validation(&e, "tanggal"));
});

/// What the monitoring page shows of a member, however the figures were read: the period's
/// counts, the last activity, the SKP's state with its RHK's progress, and the jabatan.
fn angka(
    m: &monitoring::Anggota,
) -> (
    i64,
    i64,
    i64,
    Option<NaiveDate>,
    &'static str,
    &[monitoring::ProgresRhk],
    &str,
) {
    (
        m.jumlah,
        m.diajukan,
        m.disetujui,
        m.terakhir,
        m.skp_label(),
        &m.progres,
        &m.jabatan,
    )
}

db_test!(realisasi_monitoring_and_feedback, |db| {
    let f = fixture(db).await;
    let r = rencana(db, &f, today()).await;
    let (_dir, st) = store();
    let ani = actor(db, NIP_PERAWAT1).await;
    let joko = actor(db, NIP_PERAWAT2).await;
    let kapus = actor(db, NIP_KAPUS).await;
    let t = today();
    for (d, n) in [
        ("2026-11-18", "3"),
        ("2026-11-19", "2"),
        ("2026-11-20", "4"),
    ] {
        akt::catat(db, &st, &ani, &kegiatan(d, r.rhk_perawat1, n), &[], t)
            .await
            .unwrap();
    }
    let queue = akt::antrean(db, &kapus, 1, t).await.unwrap();
    for row in queue.items.iter().take(2) {
        akt::verifikasi(
            db,
            &kapus,
            row.aktivitas.id,
            &VerifikasiInput {
                verifikasi: "SESUAI".into(),
                ..Default::default()
            },
            t,
        )
        .await
        .unwrap();
    }

    // Realisasi is proposed from the verified outputs (3 + 2 Laporan), then confirmed.
    let sheet = realisasi::lembar(db, &ani, r.skp_perawat1, None, t)
        .await
        .unwrap();
    assert!(sheet.periode.nama.starts_with("Triwulan IV"));
    assert_eq!(sheet.baris.len(), 1);
    assert_eq!(sheet.baris[0].usulan, Some(500));
    assert!(sheet.dapat_isi);
    let input = realisasi::RealisasiInput {
        nilai: "5".into(),
        keterangan: "Sesuai laporan".into(),
        tautan: String::new(),
    };
    let e = realisasi::simpan(
        db,
        &st,
        &ani,
        r.iki_perawat1,
        sheet.periode.id,
        &realisasi::RealisasiInput {
            nilai: "lima".into(),
            ..input.clone()
        },
        &[],
        t,
    )
    .await
    .unwrap_err();
    assert!(is_validation(&e, "nilai"));
    assert!(matches!(
        realisasi::simpan(
            db,
            &st,
            &joko,
            r.iki_perawat1,
            sheet.periode.id,
            &input,
            &[],
            t
        )
        .await,
        Err(CoreError::Forbidden)
    ));
    let saved = realisasi::simpan(
        db,
        &st,
        &ani,
        r.iki_perawat1,
        sheet.periode.id,
        &input,
        &[Berkas {
            nama: "rekap.pdf".into(),
            bytes: PDF.to_vec(),
        }],
        t,
    )
    .await
    .unwrap();
    assert_eq!(saved.nilai, Some(500));
    let sheet = realisasi::lembar(db, &kapus, r.skp_perawat1, Some(sheet.periode.id), t)
        .await
        .unwrap();
    assert_eq!(sheet.baris[0].bukti.len(), 1);
    assert!(!sheet.dapat_isi, "the penilai reads, the pegawai fills in");

    // Monitoring: Sari sees Ani's progress and that Joko has not filled in.
    let tim = monitoring::tim(db, &kapus, false, t).await.unwrap();
    assert_eq!(tim.anggota.len(), 2);
    let a = tim
        .anggota
        .iter()
        .find(|m| m.pegawai.id == f.perawat1.id)
        .unwrap();
    assert_eq!((a.jumlah, a.diajukan, a.disetujui), (3, 1, 2));
    assert_eq!(a.persen_verifikasi(), Some(66));
    assert_eq!(a.terakhir, NaiveDate::from_ymd_opt(2026, 11, 20));
    assert_eq!(a.progres[0].capai, 500);
    assert_eq!(a.progres[0].target, 1200);
    assert_eq!(a.progres[0].persen, Some(41));
    let j = tim
        .anggota
        .iter()
        .find(|m| m.pegawai.id == f.perawat2.id)
        .unwrap();
    assert!(j.belum_mengisi() && j.skp.is_none());
    assert_eq!(tim.belum_mengisi(), 1);
    // The Kadis sees everyone beneath with `semua`; a pegawai's own team is empty.
    let kadis = actor(db, NIP_KADIS).await;
    assert_eq!(
        monitoring::tim(db, &kadis, false, t)
            .await
            .unwrap()
            .anggota
            .len(),
        1
    );
    let seluruh = monitoring::tim(db, &kadis, true, t).await.unwrap();
    assert_eq!(seluruh.anggota.len(), 3);
    // The whole view reads the figures of those beneath the first level in a statement of
    // their own, and the penilai's page reads them with the first level: the same figures.
    let dalam = seluruh
        .anggota
        .iter()
        .find(|m| m.pegawai.id == f.perawat1.id)
        .unwrap();
    assert_eq!(dalam.tingkat, 2);
    assert_eq!(angka(dalam), angka(a));
    assert!(
        monitoring::tim(db, &ani, false, t)
            .await
            .unwrap()
            .anggota
            .is_empty()
    );
    let admin = actor(db, "admin.alpha").await;
    let (_, units) = monitoring::progres_unit(db, &admin, f.alpha, t)
        .await
        .unwrap();
    let pkm = units.iter().find(|u| u.unit.id == f.unit_pkm).unwrap();
    assert_eq!((pkm.pegawai, pkm.skp_ditetapkan, pkm.mengisi), (3, 2, 1));
    assert!(matches!(
        monitoring::progres_unit(db, &ani, f.alpha, t).await,
        Err(CoreError::Forbidden)
    ));

    // Feedback threads notify the other side; strangers neither read nor write.
    let before = notif::belum_dibaca(db, &ani).await.unwrap();
    umpan_balik::kirim(
        db,
        &kapus,
        r.skp_perawat1,
        "RHK",
        r.rhk_perawat1 as i64,
        "Bagus, pertahankan.",
        t,
    )
    .await
    .unwrap();
    assert_eq!(notif::belum_dibaca(db, &ani).await.unwrap(), before + 1);
    let before = notif::belum_dibaca(db, &kapus).await.unwrap();
    umpan_balik::kirim(
        db,
        &ani,
        r.skp_perawat1,
        "PERILAKU",
        3,
        "Saya ikut pelatihan",
        t,
    )
    .await
    .unwrap();
    assert_eq!(notif::belum_dibaca(db, &kapus).await.unwrap(), before + 1);
    let thread = umpan_balik::utas(db, &ani, r.skp_perawat1, "RHK", r.rhk_perawat1 as i64, t)
        .await
        .unwrap();
    assert_eq!(thread.pesan.len(), 1);
    assert!(matches!(
        umpan_balik::utas(db, &joko, r.skp_perawat1, "RHK", r.rhk_perawat1 as i64, t).await,
        Err(CoreError::Forbidden)
    ));
    assert!(matches!(
        umpan_balik::kirim(
            db,
            &joko,
            r.skp_perawat1,
            "RHK",
            r.rhk_perawat1 as i64,
            "x",
            t
        )
        .await,
        Err(CoreError::Forbidden)
    ));
    assert!(matches!(
        umpan_balik::kirim(db, &ani, r.skp_perawat1, "RHK", r.rhk_kapus as i64, "x", t).await,
        Err(CoreError::NotFound)
    ));
    assert!(matches!(
        umpan_balik::kirim(db, &ani, r.skp_perawat1, "PERILAKU", 9, "x", t).await,
        Err(CoreError::NotFound)
    ));
    let e = umpan_balik::kirim(
        db,
        &ani,
        r.skp_perawat1,
        "RHK",
        r.rhk_perawat1 as i64,
        "",
        t,
    )
    .await
    .unwrap_err();
    assert!(is_validation(&e, "teks"));
    // Notifications: only the owner opens one.
    let n = notifikasi::Entity::find()
        .filter(notifikasi::Column::PegawaiId.eq(f.perawat1.id))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert!(matches!(
        notif::buka(db, &joko, n.id).await,
        Err(CoreError::Forbidden)
    ));
    assert!(!notif::buka(db, &ani, n.id).await.unwrap().is_empty());
    notif::baca_semua(db, &ani).await.unwrap();
    assert_eq!(notif::belum_dibaca(db, &ani).await.unwrap(), 0);

    // An override moves Ani to the kadis's own page, where the walk's first level reads her
    // through the override with her figures: those her former penilai saw.
    let sebelum = monitoring::tim(db, &kapus, false, t).await.unwrap();
    let dulu = sebelum
        .anggota
        .iter()
        .find(|m| m.pegawai.id == f.perawat1.id)
        .unwrap();
    let ke_kadis = PenilaiManualInput {
        penilai_nip: NIP_KADIS.into(),
        alasan: "Penugasan khusus".into(),
    };
    let admin = actor(db, "admin.alpha").await;
    pegawai_svc::atur_penilai_manual(db, &admin, f.perawat1.id, &ke_kadis)
        .await
        .unwrap();
    let kini = monitoring::tim(db, &kadis, false, t).await.unwrap();
    let pindah = kini
        .anggota
        .iter()
        .find(|m| m.pegawai.id == f.perawat1.id)
        .unwrap();
    assert_eq!(pindah.tingkat, dulu.tingkat);
    assert_eq!(angka(pindah), angka(dulu));
    assert_eq!(kini.anggota.len(), 2);
    let tanpa = monitoring::tim(db, &kapus, false, t).await.unwrap();
    assert!(tanpa.anggota.iter().all(|m| m.pegawai.id != f.perawat1.id));
});
