//! The counts of activities per pegawai and month (`services::ringkasan::hitungan`) and each month's last
//! date on SQLite and PostgreSQL: after recording (alone and in a group commit), copying the last
//! day, editing into another month and within one, submitting, verifying three ways, deleting,
//! and refused changes, they equal the counts and dates over the activities themselves, the
//! monitoring page shows them, and a rebuild gives the same. The migrations that change the
//! summary tables' schema keep their rows.

use chrono::NaiveDate;
use kinerja_core::db::entities::aktivitas;
use kinerja_core::services::harian::aktivitas::{self as akt, AktivitasInput, VerifikasiInput};
use kinerja_core::services::harian::pencatat::Pencatat;
use kinerja_core::services::{
    akun::auth, harian::monitoring, ringkasan::hitungan, ringkasan::keluaran,
    ringkasan::skp as ringkasan_skp,
};
use kinerja_core::storage::BuktiStore;
use kinerja_core::testing::{
    NIP_KAPUS, NIP_PERAWAT1, NIP_PERAWAT2, PASSWORD, actor, fixture, rencana,
};
use kinerja_core::{CoreError, DatabaseConnection, db_test};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn tgl(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn kegiatan(tanggal: &str, rhk: i32, ajukan: bool) -> AktivitasInput {
    AktivitasInput {
        tanggal: tanggal.into(),
        rhk_id: rhk.to_string(),
        uraian: "Melakukan asuhan keperawatan".into(),
        kuantitas: "1".into(),
        satuan: "Laporan".into(),
        tautan: String::new(),
        ajukan: ajukan.then(|| "1".into()),
    }
}

/// The counts as kept equal the counts over the activities; returns them.
async fn sama_hitungan(db: &DatabaseConnection, langkah: &str) -> hitungan::Hitungan {
    let kept = hitungan::tersimpan(db).await.unwrap();
    let counted = hitungan::dari_aktivitas(db).await.unwrap();
    assert_eq!(kept, counted, "after {langkah}");
    kept
}

/// The counts and last dates as kept equal those over the activities; returns the counts.
async fn sama(db: &DatabaseConnection, langkah: &str) -> hitungan::Hitungan {
    let kept = sama_hitungan(db, langkah).await;
    let kept_dates = hitungan::terakhir_tersimpan(db).await.unwrap();
    let dates = hitungan::terakhir_dari_aktivitas(db).await.unwrap();
    assert_eq!(kept_dates, dates, "last dates after {langkah}");
    kept
}

/// The last date kept for one pegawai and month.
async fn terakhir(db: &DatabaseConnection, pegawai_id: i32, awal: NaiveDate) -> Option<NaiveDate> {
    let dates = hitungan::terakhir_tersimpan(db).await.unwrap();
    dates.get(&(pegawai_id, awal)).copied()
}

fn verdik(v: &str) -> VerifikasiInput {
    VerifikasiInput {
        verifikasi: v.into(),
        catatan: if v == akt::SESUAI { "" } else { "Lengkapi" }.into(),
        ..Default::default()
    }
}

db_test!(counts_follow_every_change_of_an_activity, |db| {
    let f = fixture(db).await;
    let r = rencana(db, &f, today()).await;
    let ani = actor(db, NIP_PERAWAT1).await;
    let joko = actor(db, NIP_PERAWAT2).await;
    let kapus = actor(db, NIP_KAPUS).await;
    let t = today();
    let st = BuktiStore::memory();
    let okt = tgl("2026-10-01");
    let nov = tgl("2026-11-01");
    let ani_id = f.perawat1.id;

    // Recorded one at a time: drafts and submitted, in October and November.
    let mut ids = Vec::new();
    for (d, ajukan) in [
        ("2026-10-20", false),
        ("2026-10-21", true),
        ("2026-11-16", false),
        ("2026-11-17", true),
        ("2026-11-18", true),
        ("2026-11-19", true),
        ("2026-11-20", true),
    ] {
        let a = akt::catat(db, &st, &ani, &kegiatan(d, r.rhk_perawat1, ajukan), &[], t)
            .await
            .unwrap();
        ids.push(a.id);
    }
    let h = sama(db, "recording").await;
    assert_eq!(h.get(&(ani_id, okt)), Some(&[1, 1, 0, 0]));
    assert_eq!(h.get(&(ani_id, nov)), Some(&[1, 4, 0, 0]));
    assert_eq!(terakhir(db, ani_id, okt).await, Some(tgl("2026-10-21")));
    assert_eq!(terakhir(db, ani_id, nov).await, Some(tgl("2026-11-20")));

    // Concurrent form posts through the group commit: several to a batch, one row each month.
    let pencatat = Pencatat::mulai(db.clone());
    let posts = (0..12).map(|k| {
        let (db, st, pencatat, ani) = (db.clone(), st.clone(), pencatat.clone(), ani.clone());
        let input = kegiatan("2026-11-20", r.rhk_perawat1, k % 3 != 0);
        tokio::spawn(
            async move { akt::catat_dengan(&db, &pencatat, &st, &ani, &input, &[], t).await },
        )
    });
    for p in posts {
        p.await.unwrap().unwrap();
    }
    let h = sama(db, "the group commit").await;
    assert_eq!(h.get(&(ani_id, nov)), Some(&[5, 12, 0, 0]));

    // The October draft moves to November and is submitted with the same edit.
    akt::ubah(
        db,
        &st,
        &ani,
        ids[0],
        &kegiatan("2026-11-02", r.rhk_perawat1, true),
        &[],
        t,
    )
    .await
    .unwrap();
    let h = sama(db, "editing into another month").await;
    assert_eq!(h.get(&(ani_id, okt)), Some(&[0, 1, 0, 0]));
    assert_eq!(h.get(&(ani_id, nov)), Some(&[5, 13, 0, 0]));

    // A new October draft becomes the month's last; moved back within the month, the date is
    // read again from the activities (the submitted 21st); moved forward, it is raised; deleted,
    // the 21st is the last again.
    let okt_draft = akt::catat(
        db,
        &st,
        &ani,
        &kegiatan("2026-10-25", r.rhk_perawat1, false),
        &[],
        t,
    )
    .await
    .unwrap();
    sama(db, "a new last activity").await;
    assert_eq!(terakhir(db, ani_id, okt).await, Some(tgl("2026-10-25")));
    for (d, last) in [("2026-10-05", "2026-10-21"), ("2026-10-30", "2026-10-30")] {
        akt::ubah(
            db,
            &st,
            &ani,
            okt_draft.id,
            &kegiatan(d, r.rhk_perawat1, false),
            &[],
            t,
        )
        .await
        .unwrap();
        sama(db, &format!("editing within the month to {d}")).await;
        assert_eq!(terakhir(db, ani_id, okt).await, Some(tgl(last)));
    }
    akt::hapus(db, &ani, okt_draft.id, t).await.unwrap();
    sama(db, "deleting the month's last").await;
    assert_eq!(terakhir(db, ani_id, okt).await, Some(tgl("2026-10-21")));

    // Submitting, then the three verdicts.
    akt::ajukan(db, &ani, ids[2], t).await.unwrap();
    sama(db, "submitting").await;
    for (id, v) in [
        (ids[1], akt::SESUAI),
        (ids[3], akt::KURANG),
        (ids[4], akt::TIDAK_SESUAI),
    ] {
        akt::verifikasi(db, &kapus, id, &verdik(v), t)
            .await
            .unwrap();
    }
    let h = sama(db, "verifying").await;
    assert_eq!(h.get(&(ani_id, okt)), Some(&[0, 0, 1, 0]));
    assert_eq!(h.get(&(ani_id, nov)), Some(&[4, 12, 1, 1]));

    // A returned activity edited as it stays returned, then resubmitted.
    akt::ubah(
        db,
        &st,
        &ani,
        ids[4],
        &kegiatan("2026-11-18", r.rhk_perawat1, false),
        &[],
        t,
    )
    .await
    .unwrap();
    sama(db, "editing a returned activity").await;
    akt::ajukan(db, &ani, ids[4], t).await.unwrap();
    let h = sama(db, "resubmitting").await;
    assert_eq!(h.get(&(ani_id, nov)), Some(&[4, 13, 1, 0]));

    // Refused changes leave the counts alone: verifying twice, verifying or deleting someone
    // else's activity, deleting a verified one.
    let before = hitungan::tersimpan(db).await.unwrap();
    assert!(matches!(
        akt::verifikasi(db, &kapus, ids[1], &verdik(akt::SESUAI), t).await,
        Err(CoreError::Conflict(_))
    ));
    assert!(matches!(
        akt::verifikasi(db, &joko, ids[5], &verdik(akt::SESUAI), t).await,
        Err(CoreError::Forbidden)
    ));
    assert!(matches!(
        akt::hapus(db, &joko, ids[5], t).await,
        Err(CoreError::Forbidden)
    ));
    assert!(matches!(
        akt::hapus(db, &ani, ids[1], t).await,
        Err(CoreError::Conflict(_))
    ));
    assert_eq!(hitungan::tersimpan(db).await.unwrap(), before);

    // Deleting a draft; copying the last recorded day (the 20th: 13 activities) as drafts.
    let draft = aktivitas::Entity::find()
        .filter(aktivitas::Column::PegawaiId.eq(ani_id))
        .filter(aktivitas::Column::Status.eq(kinerja_core::services::status::aktivitas::DRAFT))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    akt::hapus(db, &ani, draft.id, t).await.unwrap();
    sama(db, "deleting").await;
    let copied = akt::salin_terakhir(db, &ani, t).await.unwrap();
    assert!(copied > 0);
    let h = sama(db, "copying the last day").await;
    let nov_ani = *h.get(&(ani_id, nov)).unwrap();
    assert_eq!(nov_ani[0], 3 + copied as i32);

    // The monitoring page shows the quarter's counts (October and November).
    let tim = monitoring::tim(db, &kapus, false, t).await.unwrap();
    let baris = tim.anggota.iter().find(|a| a.pegawai.id == ani_id).unwrap();
    let okt_ani = h.get(&(ani_id, okt)).unwrap();
    let semua = |a: &[i32; 4]| i64::from(a.iter().sum::<i32>());
    assert_eq!(baris.jumlah, semua(okt_ani) + semua(&nov_ani));
    assert_eq!(baris.diajukan, i64::from(okt_ani[1] + nov_ani[1]));
    assert_eq!(baris.disetujui, i64::from(okt_ani[2] + nov_ani[2]));
    let joko_baris = tim
        .anggota
        .iter()
        .find(|a| a.pegawai.id == f.perawat2.id)
        .unwrap();
    assert!(joko_baris.belum_mengisi());
    // The period in force comes with the figures; a pegawai with no team still sees it; on a
    // day no period contains there is none, and nothing is counted.
    let per = kinerja_core::services::perencanaan::periode::kini(db, f.alpha, t)
        .await
        .unwrap()
        .unwrap();
    assert!(per.jenis != "TAHUNAN" && per.mulai <= t && t <= per.selesai);
    assert_eq!(tim.periode, Some(per));
    let sendiri = monitoring::tim(db, &joko, false, t).await.unwrap();
    assert!(sendiri.anggota.is_empty());
    assert_eq!(sendiri.periode, tim.periode);
    let kosong = monitoring::tim(db, &kapus, false, tgl("2030-01-15"))
        .await
        .unwrap();
    assert_eq!(kosong.periode, None);
    assert!(!kosong.anggota.is_empty() && kosong.anggota.iter().all(|a| a.jumlah == 0));
    // The monitoring page reads the period with the session: the same period and the same
    // actor, none on a day no period holds, none for an account without a pegawai.
    let sesi = auth::login(db, NIP_KAPUS, PASSWORD, 3600).await.unwrap();
    let kini = auth::actor_for_page_kini(db, &sesi.token, t)
        .await
        .unwrap()
        .unwrap();
    let (a, n) = auth::actor_for_page(db, &sesi.token)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (a.user_id, a.instansi_id, n),
        (
            kini.actor.user_id,
            kini.actor.instansi_id,
            kini.belum_dibaca
        )
    );
    assert_eq!(kini.periode_kini, tim.periode);
    let nanti = auth::actor_for_page_kini(db, &sesi.token, tgl("2030-01-15"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(nanti.periode_kini, None);
    let admin = auth::login(db, "admin.alpha", PASSWORD, 3600)
        .await
        .unwrap();
    let h_admin = auth::actor_for_page_kini(db, &admin.token, t)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (h_admin.actor.instansi_id, h_admin.periode_kini),
        (Some(f.alpha), None)
    );
    assert!(
        auth::actor_for_page_kini(db, &"0".repeat(64), t)
            .await
            .unwrap()
            .is_none()
    );
    // With the period given, the team's figures are those read with it; another instansi's
    // period, or one that does not hold the day, is refused.
    let dalam = monitoring::tim_dalam(db, &kini.actor, kini.periode_kini.clone(), false, t)
        .await
        .unwrap();
    let angka = |tim: &monitoring::Tim| {
        tim.anggota
            .iter()
            .map(|a| (a.pegawai.id, a.jumlah, a.diajukan, a.disetujui, a.terakhir))
            .collect::<Vec<_>>()
    };
    assert_eq!(angka(&dalam), angka(&tim));
    let mut lain = tim.periode.clone().unwrap();
    lain.instansi_id = f.beta;
    let mut lampau = tim.periode.clone().unwrap();
    lampau.selesai = lampau.mulai.pred_opt().unwrap();
    lampau.mulai = lampau.selesai - chrono::Days::new(30);
    for per in [lain, lampau] {
        assert!(matches!(
            monitoring::tim_dalam(db, &kapus, Some(per), false, t).await,
            Err(CoreError::Forbidden)
        ));
    }
    // The last activity: from the period's months when it holds one, sought among the
    // activities when there is no period; the same either way, and none for Joko.
    let dates = hitungan::terakhir_dari_aktivitas(db).await.unwrap();
    let last_ani = dates
        .iter()
        .filter(|((p, _), _)| *p == ani_id)
        .map(|(_, d)| *d)
        .max();
    assert!(last_ani.is_some());
    assert_eq!(baris.terakhir, last_ani);
    assert_eq!(joko_baris.terakhir, None);
    for a in &kosong.anggota {
        let dulu = tim.anggota.iter().find(|b| b.pegawai.id == a.pegawai.id);
        assert_eq!(
            Some(a.terakhir),
            dulu.map(|b| b.terakhir),
            "{}",
            a.pegawai.id
        );
    }

    // A rebuild from the activities gives what was kept.
    hitungan::hitung_ulang(db).await.unwrap();
    assert_eq!(hitungan::tersimpan(db).await.unwrap(), h);
});

/// What the monitoring page shows of every member: counts, progress per RHK, last activity.
async fn tampilan(db: &DatabaseConnection, kapus: &kinerja_core::Actor) -> Vec<String> {
    let tim = monitoring::tim(db, kapus, false, today()).await.unwrap();
    tim.anggota
        .iter()
        .map(|a| {
            let progres: Vec<_> = a.progres.iter().map(|p| (p.rhk_id, p.capai)).collect();
            format!(
                "{} {:?} {} {} {} {progres:?}",
                a.pegawai.id, a.terakhir, a.jumlah, a.diajukan, a.disetujui
            )
        })
        .collect()
}

/// The SQL SQLite keeps for a table or index.
async fn skema(db: &DatabaseConnection, nama: &str) -> String {
    let sql = format!("SELECT sql FROM sqlite_master WHERE name = '{nama}'");
    kinerja_core::db::scalar::<String, _>(db, sql)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("{nama} is in the schema"))
}

// The migrations that rebuild the summary tables WITHOUT ROWID on SQLite, make the evidence
// indexes partial, keep each pegawai's SKP in force (`ringkasan_skp`) and each month's last
// date keep every row when undone and done again, on both databases; done again, the kept SKP
// rows and the last dates are rebuilt as they were and the monitoring page reads the same
// figures.
db_test!(summary_tables_keep_their_rows_when_rebuilt, |db| {
    let f = fixture(db).await;
    let r = rencana(db, &f, today()).await;
    let ani = actor(db, NIP_PERAWAT1).await;
    let kapus = actor(db, NIP_KAPUS).await;
    let st = BuktiStore::memory();
    let t = today();
    for (d, ajukan) in [
        ("2026-10-20", true),
        ("2026-11-16", true),
        ("2026-11-17", false),
    ] {
        let a = akt::catat(db, &st, &ani, &kegiatan(d, r.rhk_perawat1, ajukan), &[], t)
            .await
            .unwrap();
        if ajukan {
            akt::verifikasi(db, &kapus, a.id, &verdik(akt::SESUAI), t)
                .await
                .unwrap();
        }
    }
    let counts = sama(db, "recording").await;
    let rhk_ids = vec![r.rhk_perawat1];
    let totals = keluaran::per_rhk(db, rhk_ids.clone()).await.unwrap();
    assert_eq!(
        totals.values().sum::<i64>(),
        200,
        "two verified, in hundredths"
    );
    let shown = tampilan(db, &kapus).await;
    let ringkasan = ringkasan_skp::tersimpan(db).await.unwrap();
    assert!(!ringkasan.is_empty());
    let sqlite = db.get_database_backend() == sea_orm::DbBackend::Sqlite;

    for (langkah, tanpa_rowid) in [("undone", false), ("done again", true)] {
        if tanpa_rowid {
            kinerja_core::setup::migrate(db).await.unwrap();
        } else {
            // Back to just before `m20260112_000001_ringkasan_tanpa_rowid`, however many
            // migrations came after it.
            let sejak = kinerja_core::db::migration_status(db)
                .await
                .unwrap()
                .iter()
                .filter(|(nama, _)| nama.as_str() >= "m20260112_000001_ringkasan_tanpa_rowid")
                .count() as u32;
            kinerja_core::db::migrate_down(db, Some(sejak))
                .await
                .unwrap();
        }
        // Undone, the table has no last dates to compare.
        let now = if tanpa_rowid {
            sama(db, langkah).await
        } else {
            sama_hitungan(db, langkah).await
        };
        assert_eq!(now, counts, "{langkah}");
        let now = keluaran::per_rhk(db, rhk_ids.clone()).await.unwrap();
        assert_eq!(now, totals, "{langkah}");
        if tanpa_rowid {
            let again = ringkasan_skp::tersimpan(db).await.unwrap();
            assert_eq!(again, ringkasan, "{langkah}");
            assert_eq!(tampilan(db, &kapus).await, shown, "{langkah}");
        }
        if sqlite {
            if tanpa_rowid {
                let sql = skema(db, "ringkasan_skp").await;
                assert!(sql.ends_with("WITHOUT ROWID"), "{langkah}: {sql}");
            }
            for tabel in ["hitungan_aktivitas", "keluaran_rhk"] {
                let sql = skema(db, tabel).await;
                assert_eq!(
                    sql.ends_with("WITHOUT ROWID"),
                    tanpa_rowid,
                    "{langkah}: {sql}"
                );
            }
            for kolom in ["realisasi_id", "pelatihan_id"] {
                let sql = skema(db, &format!("ix_bukti_dukung_{kolom}")).await;
                assert_eq!(sql.contains("IS NOT NULL"), tanpa_rowid, "{langkah}: {sql}");
            }
        }
    }
});
