//! The group commit of the daily activity form (`services::harian::pencatat`) on SQLite and PostgreSQL:
//! many concurrent form posts are each written with their evidence and audit event, each gets
//! its own activity back, and an entry that cannot be written fails alone, whatever batch it
//! shared.

use chrono::NaiveDate;
use kinerja_core::db::entities::{aktivitas, audit_event, bukti_dukung};
use kinerja_core::db_test;
use kinerja_core::services::harian::aktivitas::{self as akt, AktivitasInput};
use kinerja_core::services::harian::pencatat::{Entri, Pencatat};
use kinerja_core::storage::BuktiStore;
use kinerja_core::testing::{NIP_PERAWAT1, actor, fixture, rencana};
use kinerja_core::{CoreError, DatabaseConnection};
use sea_orm::{
    ActiveModelTrait, ActiveValue, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

fn kegiatan(rhk: i32, ke: usize) -> AktivitasInput {
    AktivitasInput {
        tanggal: today().to_string(),
        rhk_id: rhk.to_string(),
        uraian: format!("Asuhan keperawatan pasien ke-{ke}"),
        kuantitas: (ke + 1).to_string(),
        satuan: "Laporan".into(),
        // Every other one with a link as evidence, so evidence rows must land on their own
        // activity and not a neighbour in the batch.
        tautan: if ke.is_multiple_of(2) {
            format!("https://contoh.go.id/laporan/{ke}")
        } else {
            String::new()
        },
        ajukan: Some("1".into()),
    }
}

async fn audit_of(db: &DatabaseConnection, id: i32) -> Vec<audit_event::Model> {
    audit_event::Entity::find()
        .filter(audit_event::Column::Entity.eq("aktivitas"))
        .filter(audit_event::Column::EntityId.eq(id as i64))
        .all(db)
        .await
        .unwrap()
}

db_test!(concurrent_posts_are_each_written_whole, |db| {
    let f = fixture(db).await;
    let r = rencana(db, &f, today()).await;
    let ani = actor(db, NIP_PERAWAT1).await;
    let store = BuktiStore::memory();
    let pencatat = Pencatat::mulai(db.clone());
    let sebelum = aktivitas::Entity::find().count(db).await.unwrap();

    let posts = (0..40).map(|ke| {
        let (db, store, pencatat, ani) = (db.clone(), store.clone(), pencatat.clone(), ani.clone());
        tokio::spawn(async move {
            let input = kegiatan(r.rhk_perawat1, ke);
            let a = akt::catat_dengan(&db, &pencatat, &store, &ani, &input, &[], today()).await;
            (ke, a)
        })
    });
    let mut hasil = Vec::new();
    for p in posts.collect::<Vec<_>>() {
        hasil.push(p.await.unwrap());
    }

    let mut ids = Vec::new();
    for (ke, a) in hasil {
        let a = a.unwrap();
        // Each request gets its own row back, not a neighbour's.
        assert_eq!(a.uraian, format!("Asuhan keperawatan pasien ke-{ke}"));
        assert_eq!(a.kuantitas, (ke as i64 + 1) * 100);
        assert_eq!(
            a.status,
            kinerja_core::services::status::aktivitas::DIAJUKAN
        );
        let stored = aktivitas::Entity::find_by_id(a.id).one(db).await.unwrap();
        assert_eq!(stored.unwrap().uraian, a.uraian);
        let bukti = bukti_dukung::Entity::find()
            .filter(bukti_dukung::Column::AktivitasId.eq(a.id))
            .all(db)
            .await
            .unwrap();
        if ke.is_multiple_of(2) {
            assert_eq!(bukti.len(), 1, "activity {ke} has its link");
            assert_eq!(bukti[0].url, format!("https://contoh.go.id/laporan/{ke}"));
        } else {
            assert!(bukti.is_empty(), "activity {ke} has no evidence");
        }
        let events = audit_of(db, a.id).await;
        assert_eq!(events.len(), 1, "one audit event for activity {ke}");
        assert_eq!(events[0].action, "CREATE");
        assert_eq!(events[0].actor_user_id, Some(ani.user_id));
        let after = events[0].after_json.clone().unwrap_or_default();
        assert!(after.contains(&a.uraian), "{after}");
        if ke.is_multiple_of(2) {
            assert!(after.contains(&format!("laporan/{ke}\"")), "{after}");
        }
        ids.push(a.id);
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 40);
    assert_eq!(
        aktivitas::Entity::find().count(db).await.unwrap(),
        sebelum + 40
    );

    // A post that fails validation is refused with its field and writes nothing.
    let mut salah = kegiatan(r.rhk_perawat1, 99);
    salah.tanggal = "2026-12-31".into();
    let e = akt::catat_dengan(db, &pencatat, &store, &ani, &salah, &[], today()).await;
    assert!(matches!(e, Err(CoreError::Validation(ref m)) if m.get("tanggal").is_some()));
    assert_eq!(
        aktivitas::Entity::find().count(db).await.unwrap(),
        sebelum + 40
    );
});

db_test!(an_entry_that_cannot_be_written_fails_alone, |db| {
    let f = fixture(db).await;
    let r = rencana(db, &f, today()).await;
    let ani = actor(db, NIP_PERAWAT1).await;
    let pencatat = Pencatat::mulai(db.clone());
    let sebelum = aktivitas::Entity::find().count(db).await.unwrap();
    // A valid entry to copy: written directly once, then queued again many times, with one
    // copy pointing at an RHK that does not exist (as if removed after validation).
    let contoh = akt::catat(
        db,
        &BuktiStore::memory(),
        &ani,
        &kegiatan(r.rhk_perawat1, 0),
        &[],
        today(),
    )
    .await
    .unwrap();
    let entri = |rhk_id: i32, ke: usize| Entri {
        aktivitas: aktivitas::ActiveModel {
            id: ActiveValue::NotSet,
            rhk_id: Set(rhk_id),
            uraian: Set(format!("Salinan {ke}")),
            ..aktivitas::ActiveModel::from(contoh.clone()).reset_all()
        },
        bukti: Vec::new(),
        actor: ani.clone(),
    };
    let posts: Vec<_> = (0..30)
        .map(|ke| {
            let p = pencatat.clone();
            let e = entri(if ke == 17 { 999_999 } else { r.rhk_perawat1 }, ke);
            tokio::spawn(async move { (ke, p.catat(e).await) })
        })
        .collect();
    for p in posts {
        let (ke, res) = p.await.unwrap();
        if ke == 17 {
            assert!(res.is_err(), "the entry with a missing RHK is refused");
        } else {
            let a = res.unwrap();
            assert_eq!(a.uraian, format!("Salinan {ke}"));
            assert_eq!(audit_of(db, a.id).await.len(), 1);
        }
    }
    assert_eq!(
        aktivitas::Entity::find().count(db).await.unwrap(),
        sebelum + 1 + 29
    );
    assert_eq!(
        aktivitas::Entity::find()
            .filter(aktivitas::Column::Uraian.eq("Salinan 17"))
            .count(db)
            .await
            .unwrap(),
        0
    );
});

db_test!(
    a_batch_written_again_under_its_key_is_not_duplicated,
    |db| {
        use kinerja_core::services::harian::pencatat;
        let f = fixture(db).await;
        let r = rencana(db, &f, today()).await;
        let ani = actor(db, NIP_PERAWAT1).await;
        let contoh = akt::catat(
            db,
            &BuktiStore::memory(),
            &ani,
            &kegiatan(r.rhk_perawat1, 0),
            &[],
            today(),
        )
        .await
        .unwrap();
        let entri: Vec<Entri> = (1..=3)
            .map(|ke| Entri {
                aktivitas: aktivitas::ActiveModel {
                    id: ActiveValue::NotSet,
                    uraian: Set(format!("Batch {ke}")),
                    ..aktivitas::ActiveModel::from(contoh.clone()).reset_all()
                },
                bukti: Vec::new(),
                actor: ani.clone(),
            })
            .collect();
        let kunci = pencatat::kunci_baru();
        assert!(
            pencatat::sudah_tertulis(db, &kunci)
                .await
                .unwrap()
                .is_none()
        );
        let pertama = pencatat::tulis_dengan_kunci(db, &entri, &kunci)
            .await
            .unwrap();
        let sebelum = aktivitas::Entity::find().count(db).await.unwrap();
        // The same batch again, as a retry after a lost reply would send it: refused whole.
        assert!(
            pencatat::tulis_dengan_kunci(db, &entri, &kunci)
                .await
                .is_err()
        );
        assert_eq!(aktivitas::Entity::find().count(db).await.unwrap(), sebelum);
        // What the key finds is what the first write stored, in the entries' order.
        let lagi = pencatat::sudah_tertulis(db, &kunci).await.unwrap().unwrap();
        assert_eq!(
            lagi.iter().map(|a| a.id).collect::<Vec<_>>(),
            pertama.iter().map(|a| a.id).collect::<Vec<_>>()
        );
        assert_eq!(lagi[2].uraian, "Batch 3");
    }
);
