//! The benchmark data generator on both databases: valid NIPs, teams of at most 30, set SKPs
//! cascaded up the chain, activities the monitoring page counts, and ordinary writes afterwards
//! (on PostgreSQL the id sequences must have moved past the generated rows).

use chrono::NaiveDate;
use kinerja_core::Actor;
use kinerja_core::contoh::generate::{self, Opsi};
use kinerja_core::db::entities::{aktivitas, pegawai, rhk, skp};
use kinerja_core::db_test;
use kinerja_core::rules::nip::Nip;
use kinerja_core::services::harian::aktivitas::AktivitasInput;
use kinerja_core::services::{
    evaluasi::instansi as evaluasi_instansi, harian::aktivitas as akt, harian::monitoring,
    organisasi::penilai, ringkasan::hitungan, ringkasan::skp as ringkasan_skp,
};
use kinerja_core::storage::BuktiStore;
use kinerja_core::testing::actor;
use sea_orm::{ColumnTrait, DatabaseBackend, EntityTrait, PaginatorTrait, QueryFilter};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 18).unwrap()
}

db_test!(generated_instansi_is_valid_and_usable, |db| {
    let opsi = Opsi {
        pegawai: 120,
        hari: 10,
        kode: "uji".into(),
    };
    let mut phases = Vec::new();
    let mut progress = |p: &'static str, _: u64, _: u64| {
        if !phases.contains(&p) {
            phases.push(p)
        }
    };
    let h = generate::generate(db, &opsi, today(), &mut progress)
        .await
        .unwrap();
    assert_eq!(
        phases,
        [
            "organisasi",
            "pegawai",
            "skp",
            "aktivitas",
            "keluaran",
            "hitungan",
            "ringkasan",
            "statistik"
        ]
    );
    // The CLI draws its progress bars from this list: every phase reported has one.
    assert_eq!(phases, generate::FASE);
    // On PostgreSQL the load ends with the planner's statistics gathered: a table never analysed
    // or vacuumed has reltuples -1 (the planner then guesses its size).
    if db.get_database_backend() == DatabaseBackend::Postgres {
        let reltuples: Option<i64> = kinerja_core::db::scalar(
            db,
            "SELECT reltuples::BIGINT FROM pg_class WHERE relname = 'aktivitas'",
        )
        .await
        .unwrap();
        assert_eq!(reltuples, Some(h.aktivitas as i64));
    }
    assert_eq!(h.pegawai, 120);
    assert_eq!(pegawai::Entity::find().count(db).await.unwrap(), 120);
    assert_eq!(skp::Entity::find().count(db).await.unwrap(), 120);
    // Working days among the 10 days before 18 November 2026 (9–13 and 16–17 November): 7;
    // half the people log 2 a day, half 3.
    assert_eq!(h.aktivitas, 60 * 7 * 2 + 60 * 7 * 3);
    assert_eq!(
        aktivitas::Entity::find().count(db).await.unwrap(),
        h.aktivitas
    );
    for p in pegawai::Entity::find().all(db).await.unwrap() {
        Nip::parse(&p.nip, today()).unwrap_or_else(|e| panic!("{}: {e:?}", p.nip));
    }
    // Every RHK below the JPT level intervenes in its atasan's.
    let unlinked = rhk::Entity::find()
        .filter(rhk::Column::RhkAtasanId.is_null())
        .count(db)
        .await
        .unwrap();
    assert_eq!(unlinked, 4, "the sekda's and the kadis's two RHK each");
    // A kepala seksi rates 29 and sees them on the monitoring page.
    let kasi = actor(db, &h.contoh[0].1).await;
    let me = pegawai::Entity::find_by_id(kasi.pegawai_id.unwrap())
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(penilai::tim(db, &me, today()).await.unwrap().len(), 29);
    let tim = monitoring::tim(db, &kasi, false, today()).await.unwrap();
    assert_eq!(tim.anggota.len(), 29);
    assert!(tim.anggota.iter().all(|a| a.skp.is_some() && a.jumlah > 0));
    // Ordinary writes still work: the staff member records an activity.
    let staf = actor(db, &h.contoh[1].1).await;
    let rhk_id = akt::pilihan_rhk(db, staf.pegawai_id.unwrap(), 2026)
        .await
        .unwrap()[0]
        .id;
    let dir = tempfile::tempdir().unwrap();
    let store = BuktiStore::local(dir.path()).unwrap();
    let input = AktivitasInput {
        tanggal: "2026-11-18".into(),
        rhk_id: rhk_id.to_string(),
        uraian: "Rapat koordinasi".into(),
        kuantitas: "1".into(),
        satuan: "Laporan".into(),
        tautan: String::new(),
        ajukan: None,
    };
    akt::catat(db, &store, &staf, &input, &[], today())
        .await
        .unwrap();
    // The counts per pegawai and month built at the end of the load, and kept by that write.
    assert_eq!(
        hitungan::tersimpan(db).await.unwrap(),
        hitungan::dari_aktivitas(db).await.unwrap()
    );
    // Every pegawai's SKP in force with its RHK's progress, built at the end of the load.
    let ringkasan = ringkasan_skp::tersimpan(db).await.unwrap();
    assert_eq!(ringkasan.len(), 120);
    assert_eq!(
        ringkasan,
        ringkasan_skp::semua_dari_sumber(db).await.unwrap()
    );
    // The annual evaluation is rated for everyone and evaluates in one run, with angka kredit
    // for the jabatan fungsional among the staff.
    assert_eq!(h.evaluasi, 120);
    let per = evaluasi_instansi::periode_dari(db, "uji", 2026, None)
        .await
        .unwrap()
        .1;
    // A period is named as in its own name or within the year, in any case (the CLI's
    // `--periode "Triwulan I"`); an unknown name lists the names that exist.
    for nama in ["Triwulan I", "triwulan  i", "Triwulan I 2026"] {
        let p = evaluasi_instansi::periode_dari(db, "uji", 2026, Some(nama))
            .await
            .unwrap()
            .1;
        assert_eq!(p.nama, "Triwulan I 2026", "{nama}");
    }
    match evaluasi_instansi::periode_dari(db, "uji", 2026, Some("Triwulan V")).await {
        Err(kinerja_core::CoreError::Conflict(m)) => {
            assert!(m.contains("\"Triwulan III 2026\""), "{m}")
        }
        other => panic!("{other:?}"),
    }
    let l = evaluasi_instansi::jalankan(db, &Actor::system(), per.id, &mut |_, _, _| {})
        .await
        .unwrap();
    assert_eq!((l.dinilai, l.belum_dinilai, l.sebaran.n()), (120, 0, 120));
    assert!(l.pegawai_ak > 0 && l.unit_diperiksa == 2);
    // The same code twice is refused.
    assert!(
        generate::generate(db, &opsi, today(), &mut |_, _, _| {})
            .await
            .is_err()
    );
});

#[test]
fn generated_nips_are_valid_and_unique() {
    let t = today();
    // Consecutive people, and a sample across the 17.9 million the scheme covers.
    let ids = (0..20_000u64).chain((20_000..17_982_000u64).step_by(9_973));
    let mut seen = std::collections::HashSet::new();
    for i in ids {
        let nip = generate::nip_ke(i, t);
        Nip::parse(&nip, t).unwrap_or_else(|e| panic!("{i}: {nip}: {e:?}"));
        assert!(seen.insert(nip), "{i}");
    }
}
