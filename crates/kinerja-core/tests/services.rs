//! Service tests; every case runs on SQLite and on PostgreSQL (see `db_test!`).

use chrono::NaiveDate;
use kinerja_core::db::entities::{audit_event, pegawai, unit_kerja};
use kinerja_core::db_test;
use kinerja_core::services::organisasi::jabatan::JabatanInput;
use kinerja_core::services::organisasi::pegawai::{PegawaiInput, PenilaiManualInput};
use kinerja_core::services::organisasi::penilai::{self, Sumber};
use kinerja_core::services::organisasi::penugasan::PenugasanInput;
use kinerja_core::services::organisasi::unit_kerja::UnitInput;
use kinerja_core::services::{
    akun::auth, jejak::audit, organisasi::import, organisasi::jabatan,
    organisasi::pegawai as pegawai_svc, organisasi::penugasan, organisasi::unit_kerja as unit_svc,
};
use kinerja_core::testing::{self, PASSWORD, actor, fixture};
use kinerja_core::{CoreError, DatabaseConnection};
use sea_orm::{ColumnTrait, DatabaseBackend, EntityTrait, PaginatorTrait, QueryFilter};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

async fn pegawai_count(db: &DatabaseConnection) -> u64 {
    pegawai::Entity::find().count(db).await.unwrap()
}

async fn audit_count(db: &DatabaseConnection, entity: &str, id: i64) -> u64 {
    audit_event::Entity::find()
        .filter(audit_event::Column::Entity.eq(entity))
        .filter(audit_event::Column::EntityId.eq(id))
        .count(db)
        .await
        .unwrap()
}

fn input(nip: &str, nama: &str, jabatan_id: i32) -> PegawaiInput {
    PegawaiInput {
        nip: nip.into(),
        nama: nama.into(),
        status_asn: "PNS".into(),
        golongan: "III/b".into(),
        jabatan_id: jabatan_id.to_string(),
        aktif: Some("on".into()),
    }
}

db_test!(migrations_down_and_up_again, |db| {
    let f = fixture(db).await;
    assert_eq!(pegawai_count(db).await, 5);
    kinerja_core::db::migrate_down(db, None).await.unwrap();
    let status = kinerja_core::db::migration_status(db).await.unwrap();
    assert!(status.iter().all(|(_, applied)| !applied));
    kinerja_core::setup::migrate(db).await.unwrap();
    assert!(
        kinerja_core::db::migration_status(db)
            .await
            .unwrap()
            .iter()
            .all(|(_, a)| *a)
    );
    assert_eq!(pegawai_count(db).await, 0);
    // Every table is usable again.
    let f2 = fixture(db).await;
    assert_eq!(f2.perawat1.nip, f.perawat1.nip);
    let ok = auth::login(db, testing::NIP_PERAWAT1, PASSWORD, 3600)
        .await
        .unwrap();
    assert!(
        auth::actor_for_session(db, &ok.token)
            .await
            .unwrap()
            .is_some()
    );
    assert!(matches!(
        auth::login(db, "nobody", "x-wrong-x", 3600).await,
        Err(CoreError::BadCredentials)
    ));
});

db_test!(start_up_warns_when_postgresql_keeps_no_statistics, |db| {
    let warnings = kinerja_core::db::setting_warnings(db).await.unwrap();
    if db.get_database_backend() == DatabaseBackend::Sqlite {
        assert!(warnings.is_empty());
        return;
    }
    // autovacuum is a server-wide setting a test cannot switch, so the warning is checked
    // against whichever way this server is configured.
    let autovacuum: String = kinerja_core::db::scalar(db, "SHOW autovacuum")
        .await
        .unwrap()
        .unwrap();
    let warned = warnings.iter().any(|w| w.contains("autovacuum"));
    assert_eq!(warned, autovacuum == "off", "{warnings:?}");
    // TLS to a server on the same host is warned about; whether this connection has it depends
    // on the server and the URL, so the warning is checked against what the server says.
    let tls_lokal: bool = kinerja_core::db::scalar(db, kinerja_core::db::TLS_LOKAL)
        .await
        .unwrap()
        .unwrap();
    let warned = warnings.iter().any(|w| w.contains("TLS"));
    assert_eq!(warned, tls_lokal, "{warnings:?}");
    // Without TLS there is no warning; with it required, there is one when the server is on
    // this host (a server without TLS refuses the second connection, and is not checked).
    let url = std::env::var("KINERJA_TEST_POSTGRES_URL").unwrap();
    let sep = if url.contains('?') { '&' } else { '?' };
    for mode in ["disable", "require"] {
        let Ok(c) = kinerja_core::db::connect(&format!("{url}{sep}sslmode={mode}"), 1).await else {
            assert_eq!(
                mode, "require",
                "a connection without TLS is always possible"
            );
            continue;
        };
        let lokal: bool = kinerja_core::db::scalar(&c, kinerja_core::db::TLS_LOKAL)
            .await
            .unwrap()
            .unwrap();
        let warned = kinerja_core::db::setting_warnings(&c)
            .await
            .unwrap()
            .iter()
            .any(|w| w.contains("TLS"));
        assert_eq!(warned, lokal, "{mode}");
        if mode == "disable" {
            assert!(!warned, "no TLS, no warning");
        }
    }
});

db_test!(create_pegawai_validates_and_audits, |db| {
    let f = fixture(db).await;
    let admin = actor(db, "admin.alpha").await;
    let before = pegawai_count(db).await;
    // Every field wrong: nothing is stored and each field says why.
    let bad = PegawaiInput {
        nip: "19900303201513".into(),
        nama: "  ".into(),
        status_asn: "PNS".into(),
        golongan: "V/a".into(),
        jabatan_id: "999999".into(),
        aktif: None,
    };
    match pegawai_svc::simpan(db, &admin, f.alpha, None, &bad, today()).await {
        Err(CoreError::Validation(e)) => {
            assert!(e.get("nip").unwrap().contains("18 digit"));
            assert_eq!(e.get("nama"), Some("Wajib diisi."));
            assert!(e.get("golongan").is_some());
            assert!(e.get("jabatan_id").is_some());
        }
        other => panic!("expected validation error, got {other:?}"),
    }
    // PNS with a PPPK number: refused on the TMT month.
    let pppk_as_pns = input("199312282025212001", "Rina", f.jab_perawat);
    let Err(CoreError::Validation(e)) =
        pegawai_svc::simpan(db, &admin, f.alpha, None, &pppk_as_pns, today()).await
    else {
        panic!()
    };
    assert!(e.get("nip").unwrap().contains("Bulan TMT"));
    // Duplicate NIP.
    let dup = input(testing::NIP_BETA, "Dup", f.jab_perawat);
    let Err(CoreError::Validation(e)) =
        pegawai_svc::simpan(db, &admin, f.alpha, None, &dup, today()).await
    else {
        panic!()
    };
    assert_eq!(e.get("nip"), Some("NIP sudah terdaftar."));
    assert_eq!(pegawai_count(db).await, before);

    // PPPK with NI PPPK and golongan IX: accepted, unit follows the jabatan, audited.
    let mut ok = input("199312282025212001", "Rina Lestari", f.jab_perawat);
    ok.status_asn = "PPPK".into();
    ok.golongan = "ix".into();
    let p = pegawai_svc::simpan(db, &admin, f.alpha, None, &ok, today())
        .await
        .unwrap();
    assert_eq!(
        (p.golongan.as_str(), p.unit_kerja_id, p.status_asn.as_str()),
        ("IX", f.unit_pkm, "PPPK")
    );
    assert_eq!(audit_count(db, "pegawai", p.id as i64).await, 1);

    // Edit: the audit event holds the values before and after.
    let mut edit = PegawaiInput::from(&p);
    edit.nama = "Rina Lestari Putri".into();
    pegawai_svc::simpan(db, &admin, f.alpha, Some(p.id), &edit, today())
        .await
        .unwrap();
    let hist = audit::history(db, &admin, "pegawai", p.id as i64, 1)
        .await
        .unwrap();
    assert_eq!(hist.total, 2);
    let change = hist.items[0]
        .changes
        .iter()
        .find(|c| c.field == "nama")
        .unwrap();
    assert_eq!(
        (change.before.as_str(), change.after.as_str()),
        ("Rina Lestari", "Rina Lestari Putri")
    );
});

db_test!(admins_and_pegawai_stay_in_their_lane, |db| {
    let f = fixture(db).await;
    let admin_beta = actor(db, "admin.beta").await;
    let perawat1 = actor(db, testing::NIP_PERAWAT1).await;
    let kapus = actor(db, testing::NIP_KAPUS).await;
    let kadis = actor(db, testing::NIP_KADIS).await;
    let superadmin = actor(db, "superadmin").await;

    // Admin of Beta cannot create in, edit, list, or read the history of Alpha.
    let i = input("198808082012081008", "Nyasar", f.jab_perawat);
    assert!(matches!(
        pegawai_svc::simpan(db, &admin_beta, f.alpha, None, &i, today()).await,
        Err(CoreError::Forbidden)
    ));
    let edit = PegawaiInput::from(&f.perawat1);
    assert!(matches!(
        pegawai_svc::simpan(
            db,
            &admin_beta,
            f.alpha,
            Some(f.perawat1.id),
            &edit,
            today()
        )
        .await,
        Err(CoreError::Forbidden)
    ));
    // Even through their own instansi id, another instansi's record is refused.
    assert!(matches!(
        pegawai_svc::simpan(db, &admin_beta, f.beta, Some(f.perawat1.id), &edit, today()).await,
        Err(CoreError::Forbidden)
    ));
    assert!(matches!(
        pegawai_svc::cari(db, &admin_beta, f.alpha, "", 1).await,
        Err(CoreError::Forbidden)
    ));
    assert!(matches!(
        pegawai_svc::lihat(db, &admin_beta, f.perawat1.id, today()).await,
        Err(CoreError::Forbidden)
    ));
    assert!(matches!(
        audit::history(db, &admin_beta, "pegawai", f.perawat1.id as i64, 1).await,
        Err(CoreError::Forbidden)
    ));
    // Beta's own people are theirs.
    assert_eq!(
        pegawai_svc::cari(db, &admin_beta, f.beta, "", 1)
            .await
            .unwrap()
            .total,
        1
    );

    // A pegawai sees themselves, not a colleague, not their superior, and no directory.
    assert!(
        pegawai_svc::lihat(db, &perawat1, f.perawat1.id, today())
            .await
            .is_ok()
    );
    assert!(matches!(
        pegawai_svc::lihat(db, &perawat1, f.perawat2.id, today()).await,
        Err(CoreError::Forbidden)
    ));
    assert!(matches!(
        pegawai_svc::lihat(db, &perawat1, f.kapus.id, today()).await,
        Err(CoreError::Forbidden)
    ));
    assert!(matches!(
        pegawai_svc::lihat(db, &perawat1, 987654, today()).await,
        Err(CoreError::Forbidden)
    ));
    assert!(matches!(
        pegawai_svc::cari(db, &perawat1, f.alpha, "", 1).await,
        Err(CoreError::Forbidden)
    ));
    assert!(matches!(
        pegawai_svc::simpan(db, &perawat1, f.alpha, Some(f.perawat1.id), &edit, today()).await,
        Err(CoreError::Forbidden)
    ));

    // The penilai and the atasan penilai see the pegawai; the pegawai cannot see up.
    assert!(
        pegawai_svc::lihat(db, &kapus, f.perawat1.id, today())
            .await
            .is_ok()
    );
    assert!(
        pegawai_svc::lihat(db, &kadis, f.perawat1.id, today())
            .await
            .is_ok()
    );
    assert!(matches!(
        pegawai_svc::lihat(db, &kapus, f.beta_pegawai.id, today()).await,
        Err(CoreError::Forbidden)
    ));

    // The super admin sees everything.
    assert!(
        pegawai_svc::lihat(db, &superadmin, f.beta_pegawai.id, today())
            .await
            .is_ok()
    );
    assert_eq!(
        pegawai_svc::cari(db, &superadmin, f.alpha, "perawat", 1)
            .await
            .unwrap()
            .total,
        2
    );
    // Search by NIP prefix and by name, with LIKE wildcards taken literally.
    let admin = actor(db, "admin.alpha").await;
    assert_eq!(
        pegawai_svc::cari(db, &admin, f.alpha, "1990 0303", 1)
            .await
            .unwrap()
            .total,
        1
    );
    assert_eq!(
        pegawai_svc::cari(db, &admin, f.alpha, "ANI", 1)
            .await
            .unwrap()
            .total,
        1
    );
    assert_eq!(
        pegawai_svc::cari(db, &admin, f.alpha, "%", 1)
            .await
            .unwrap()
            .total,
        0
    );
});

/// The team walk's jabatan names are the members' own jabatan, for every rater of `raters`.
async fn names_are_the_members_jabatan(db: &DatabaseConnection, raters: &[&pegawai::Model]) {
    let raters: Vec<penilai::Pejabat> = raters.iter().map(|r| penilai::Pejabat::from(*r)).collect();
    let (teams, names) = penilai::tim_dengan_jabatan::<_, pegawai::Model>(db, &raters, today())
        .await
        .unwrap();
    assert!(teams.values().any(|t| !t.is_empty()), "a team to check");
    for m in teams.values().flatten() {
        let j = kinerja_core::db::entities::jabatan::Entity::find_by_id(m.jabatan_id)
            .one(db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(names.get(&m.id), Some(&j.nama), "the jabatan of {}", m.nama);
    }
}

db_test!(penilai_follows_jabatan_plt_and_override, |db| {
    let f = fixture(db).await;
    let admin = actor(db, "admin.alpha").await;
    let (p, a) = penilai::rantai(db, &f.perawat1, today()).await.unwrap();
    let p = p.unwrap();
    assert_eq!((p.pegawai.id, p.sumber), (f.kapus.id, Sumber::Definitif));
    assert_eq!(a.unwrap().pegawai.id, f.kadis.id);
    let team: Vec<i32> = penilai::tim(db, &f.kapus, today())
        .await
        .unwrap()
        .iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(team, vec![f.perawat1.id, f.perawat2.id]);
    assert_eq!(penilai::tim(db, &f.kadis, today()).await.unwrap().len(), 1);

    // Kapus leaves: the jabatan is vacant, so the kepala dinas rates the perawat.
    let mut gone = PegawaiInput::from(&f.kapus);
    gone.aktif = None;
    pegawai_svc::simpan(db, &admin, f.alpha, Some(f.kapus.id), &gone, today())
        .await
        .unwrap();
    let p = penilai::penilai_dari(db, &f.perawat1, today())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(p.pegawai.id, f.kadis.id);
    assert_eq!(penilai::tim(db, &f.kadis, today()).await.unwrap().len(), 2);

    // Perawat 2 becomes Plt. kepala puskesmas: they rate perawat 1.
    let plt = PenugasanInput {
        jabatan_id: f.jab_kapus.to_string(),
        pegawai_nip: testing::NIP_PERAWAT2.into(),
        jenis: "PLT".into(),
        mulai: "2026-11-01".into(),
        selesai: String::new(),
    };
    let a = penugasan::buat(db, &admin, f.alpha, &plt).await.unwrap();
    let p = penilai::penilai_dari(db, &f.perawat1, today())
        .await
        .unwrap()
        .unwrap();
    assert_eq!((p.pegawai.id, p.sumber), (f.perawat2.id, Sumber::Plt));
    // Their team is the acting jabatan's, whether they are walked alone or beside another rater.
    let team_ids = |team: Vec<pegawai::Model>| team.iter().map(|m| m.id).collect::<Vec<_>>();
    let joko_team = penilai::tim(db, &f.perawat2, today()).await.unwrap();
    assert_eq!(team_ids(joko_team), vec![f.perawat1.id]);
    let both = [
        penilai::Pejabat::from(&f.perawat2),
        penilai::Pejabat::from(&f.kadis),
    ];
    let mut teams = penilai::tim_banyak(db, &both, today()).await.unwrap();
    assert_eq!(
        team_ids(teams.remove(&f.perawat2.id).unwrap()),
        vec![f.perawat1.id]
    );
    names_are_the_members_jabatan(db, &[&f.perawat2, &f.kadis]).await;
    let oktober = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
    let before = penilai::tim(db, &f.perawat2, oktober).await.unwrap();
    assert!(before.is_empty(), "not before the assignment starts");
    // Not before the assignment starts.
    let p_before = penilai::penilai_dari(
        db,
        &f.perawat1,
        NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(p_before.pegawai.id, f.kadis.id);
    // Bad PLT input is refused field by field; another admin cannot assign here.
    let bad = PenugasanInput {
        jenis: "X".into(),
        mulai: "2026-13-01".into(),
        selesai: "2026-01-01".into(),
        ..plt.clone()
    };
    let Err(CoreError::Validation(e)) = penugasan::buat(db, &admin, f.alpha, &bad).await else {
        panic!()
    };
    assert!(e.get("jenis").is_some() && e.get("mulai").is_some());
    let admin_beta = actor(db, "admin.beta").await;
    assert!(matches!(
        penugasan::buat(db, &admin_beta, f.alpha, &plt).await,
        Err(CoreError::Forbidden)
    ));
    assert!(matches!(
        penugasan::hapus(db, &admin_beta, a.id).await,
        Err(CoreError::Forbidden)
    ));

    // Manual override: reason required, wins over the tree, audited.
    let no_reason = PenilaiManualInput {
        penilai_nip: testing::NIP_KADIS.into(),
        alasan: " ".into(),
    };
    assert!(matches!(
        pegawai_svc::atur_penilai_manual(db, &admin, f.perawat1.id, &no_reason).await,
        Err(CoreError::Validation(_))
    ));
    let other_instansi = PenilaiManualInput {
        penilai_nip: testing::NIP_BETA.into(),
        alasan: "x".into(),
    };
    assert!(matches!(
        pegawai_svc::atur_penilai_manual(db, &admin, f.perawat1.id, &other_instansi).await,
        Err(CoreError::Validation(_))
    ));
    let ok = PenilaiManualInput {
        penilai_nip: testing::NIP_KADIS.into(),
        alasan: "Penugasan khusus".into(),
    };
    let audits = audit_count(db, "pegawai", f.perawat1.id as i64).await;
    pegawai_svc::atur_penilai_manual(db, &admin, f.perawat1.id, &ok)
        .await
        .unwrap();
    assert_eq!(
        audit_count(db, "pegawai", f.perawat1.id as i64).await,
        audits + 1
    );
    let p1 = pegawai::Entity::find_by_id(f.perawat1.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let p = penilai::penilai_dari(db, &p1, today())
        .await
        .unwrap()
        .unwrap();
    assert_eq!((p.pegawai.id, p.sumber), (f.kadis.id, Sumber::Manual));
    // The teams follow: Ani joins the kadis's team, two levels below in the tree, and leaves
    // the team of the kepala puskesmas's jabatan (Joko, its Plt., keeps no one).
    let ids = |team: Vec<pegawai::Model>| team.into_iter().map(|m| m.id).collect::<Vec<_>>();
    let kadis_team = ids(penilai::tim(db, &f.kadis, today()).await.unwrap());
    assert!(kadis_team.contains(&f.perawat1.id));
    let kapus_team = ids(penilai::tim(db, &f.kapus, today()).await.unwrap());
    assert_eq!(kapus_team, vec![f.perawat2.id]);
    assert!(ids(penilai::tim(db, &f.perawat2, today()).await.unwrap()).is_empty());
    // A rater with nothing below in the tree still gets whom the override names.
    let ke_ani = PenilaiManualInput {
        penilai_nip: testing::NIP_PERAWAT1.into(),
        alasan: "Pembimbing klinis".into(),
    };
    pegawai_svc::atur_penilai_manual(db, &admin, f.perawat2.id, &ke_ani)
        .await
        .unwrap();
    let ani_team = ids(penilai::tim(db, &p1, today()).await.unwrap());
    assert_eq!(ani_team, vec![f.perawat2.id]);
    // The names of members read through an override, alone and beside the tree's.
    names_are_the_members_jabatan(db, &[&p1]).await;
    names_are_the_members_jabatan(db, &[&f.kadis, &p1]).await;
    assert!(ids(penilai::tim(db, &f.kapus, today()).await.unwrap()).is_empty());
    assert!(matches!(
        pegawai_svc::atur_penilai_manual(db, &admin_beta, f.perawat1.id, &ok).await,
        Err(CoreError::Forbidden)
    ));
});

db_test!(unit_and_jabatan_trees_refuse_cycles, |db| {
    let f = fixture(db).await;
    let admin = actor(db, "admin.alpha").await;
    let into_child = UnitInput {
        nama: "Dinas Kesehatan".into(),
        parent_id: f.unit_pkm.to_string(),
        aktif: Some("on".into()),
        ..Default::default()
    };
    let Err(CoreError::Validation(e)) =
        unit_svc::simpan(db, &admin, f.alpha, Some(f.unit_dinas), &into_child).await
    else {
        panic!()
    };
    assert!(e.get("parent_id").is_some());
    let dup = UnitInput {
        nama: "puskesmas kota".into(),
        ..Default::default()
    };
    let Err(CoreError::Validation(e)) = unit_svc::simpan(db, &admin, f.alpha, None, &dup).await
    else {
        panic!()
    };
    assert!(e.get("nama").is_some());
    let cyc = JabatanInput {
        nama: "Kepala Dinas Kesehatan".into(),
        unit_kerja_id: f.unit_dinas.to_string(),
        jenis: "JPT".into(),
        jenjang: "Pratama".into(),
        atasan_id: f.jab_perawat.to_string(),
    };
    let Err(CoreError::Validation(e)) =
        jabatan::simpan(db, &admin, f.alpha, Some(f.jab_kadis), &cyc).await
    else {
        panic!()
    };
    assert!(e.get("atasan_id").is_some());
    let bad_jenjang = JabatanInput {
        nama: "Perawat Baru".into(),
        jenis: "FUNGSIONAL_KETERAMPILAN".into(),
        jenjang: "Ahli Muda".into(),
        atasan_id: String::new(),
        ..cyc.clone()
    };
    let Err(CoreError::Validation(e)) =
        jabatan::simpan(db, &admin, f.alpha, None, &bad_jenjang).await
    else {
        panic!()
    };
    assert!(e.get("jenjang").is_some());
    // A unit of another instansi cannot be used as parent.
    let admin_beta = actor(db, "admin.beta").await;
    let stray = UnitInput {
        nama: "Bidang X".into(),
        parent_id: f.unit_dinas.to_string(),
        ..Default::default()
    };
    let Err(CoreError::Validation(e)) =
        unit_svc::simpan(db, &admin_beta, f.beta, None, &stray).await
    else {
        panic!()
    };
    assert!(e.get("parent_id").is_some());
    let tree = unit_svc::pohon(db, &admin, f.alpha).await.unwrap();
    assert_eq!(tree.iter().map(|n| n.depth).collect::<Vec<_>>(), vec![0, 1]);
    assert_eq!(tree[1].jumlah_pegawai, 3);
});

db_test!(imports_are_all_or_nothing, |db| {
    let f = fixture(db).await;
    let admin = actor(db, "admin.alpha").await;
    let mut noop = |_: u64, _: u64| {};
    let before = pegawai_count(db).await;
    let csv = format!(
        "nip,nama,status_asn,golongan,unit_kerja,jabatan,aktif\n\
         198808082012081008,Dina Baru,PNS,III/a,Puskesmas Kota,Perawat Ahli Pertama,ya\n\
         19880808201208100X,Salah NIP,PNS,III/a,Puskesmas Kota,Perawat Ahli Pertama,ya\n\
         198909092013091009,Tanpa Unit,PNS,III/a,Puskesmas Desa,Perawat Ahli Pertama,\n\
         {},Milik Beta,PNS,III/a,Puskesmas Kota,Perawat Ahli Pertama,ya\n",
        testing::NIP_BETA
    );
    let r = import::pegawai(db, &admin, f.alpha, csv.as_bytes(), today(), &mut noop)
        .await
        .unwrap();
    assert!(!r.ok());
    assert_eq!(r.rows, 4);
    assert_eq!(
        r.errors.iter().map(|e| e.line).collect::<Vec<_>>(),
        vec![3, 4, 5]
    );
    assert!(r.errors[0].messages[0].contains("angka"));
    assert!(
        r.errors[1]
            .messages
            .iter()
            .any(|m| m.contains("Puskesmas Desa"))
    );
    assert!(
        r.errors[2]
            .messages
            .iter()
            .any(|m| m.contains("instansi lain"))
    );
    assert_eq!(
        pegawai_count(db).await,
        before,
        "nothing stored when any row is bad"
    );

    // A good file creates new rows and updates known NIPs, semicolons accepted.
    let csv = format!(
        "nip;nama;status_asn;golongan;unit_kerja;jabatan;aktif\n\
         198808082012081008;Dina Baru;PNS;III/a;Puskesmas Kota;Perawat Ahli Pertama;ya\n\
         {};Ani Perawat Senior;PNS;III/c;Puskesmas Kota;Perawat Ahli Pertama;ya\n",
        testing::NIP_PERAWAT1
    );
    let mut calls = 0;
    let mut count = |_: u64, _: u64| calls += 1;
    let r = import::pegawai(db, &admin, f.alpha, csv.as_bytes(), today(), &mut count)
        .await
        .unwrap();
    assert!(r.ok(), "{:?}", r.errors);
    assert_eq!((r.created, r.updated), (1, 1));
    assert_eq!(calls, 2);
    assert_eq!(pegawai_count(db).await, before + 1);
    let p1 = pegawai::Entity::find_by_id(f.perawat1.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (p1.nama.as_str(), p1.golongan.as_str()),
        ("Ani Perawat Senior", "III/c")
    );

    // Units: the parent may be created earlier in the same file; a missing header is reported.
    let units =
        "nama,singkatan,induk\nBidang P2P,P2P,Dinas Kesehatan\nSeksi Surveilans,,Bidang P2P\n";
    let r = import::unit_kerja(db, &admin, f.alpha, units.as_bytes(), &mut noop)
        .await
        .unwrap();
    assert!(r.ok(), "{:?}", r.errors);
    let seksi = unit_kerja::Entity::find()
        .filter(unit_kerja::Column::NamaLower.eq("seksi surveilans"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert!(seksi.parent_id.is_some());
    let r = import::unit_kerja(db, &admin, f.alpha, b"nama\nX\n", &mut noop)
        .await
        .unwrap();
    assert_eq!(r.errors[0].line, 1);
    // Another instansi's admin cannot import here.
    let admin_beta = actor(db, "admin.beta").await;
    assert!(matches!(
        import::unit_kerja(db, &admin_beta, f.alpha, units.as_bytes(), &mut noop).await,
        Err(CoreError::Forbidden)
    ));
});

db_test!(login_is_throttled_without_revealing_accounts, |db| {
    fixture(db).await;
    for _ in 0..auth::MAX_FAILURES {
        assert!(matches!(
            auth::login(db, testing::NIP_PERAWAT1, "salah-salah", 3600).await,
            Err(CoreError::BadCredentials)
        ));
        assert!(matches!(
            auth::login(db, "tidak.ada", "salah-salah", 3600).await,
            Err(CoreError::BadCredentials)
        ));
    }
    // Both the real and the unknown account are now locked, with the same message.
    let real = auth::login(db, testing::NIP_PERAWAT1, PASSWORD, 3600).await;
    let unknown = auth::login(db, "tidak.ada", PASSWORD, 3600).await;
    match (real, unknown) {
        (Err(CoreError::Throttled { minutes: a }), Err(CoreError::Throttled { minutes: b })) => {
            assert_eq!((a, b), (15, 15))
        }
        other => panic!("expected both throttled, got {other:?}"),
    }
    // Another account is unaffected; the session works until logout.
    let ok = auth::login(db, &format!(" {} ", testing::NIP_KAPUS), PASSWORD, 3600)
        .await
        .unwrap();
    let a = auth::actor_for_session(db, &ok.token)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(a.nama, "Sari Kapus");
    auth::logout(db, &ok.token).await.unwrap();
    assert!(
        auth::actor_for_session(db, &ok.token)
            .await
            .unwrap()
            .is_none()
    );
    // Expired sessions are not accepted.
    let short = auth::login(db, testing::NIP_KAPUS, PASSWORD, -1)
        .await
        .unwrap();
    assert!(
        auth::actor_for_session(db, &short.token)
            .await
            .unwrap()
            .is_none()
    );
});

db_test!(passwords_change_and_reset, |db| {
    let f = fixture(db).await;
    let kapus = actor(db, testing::NIP_KAPUS).await;
    let s = auth::login(db, testing::NIP_KAPUS, PASSWORD, 3600)
        .await
        .unwrap();
    let Err(CoreError::Validation(e)) =
        auth::change_password(db, &kapus, "keliru", "pendek", "lain").await
    else {
        panic!()
    };
    assert!(e.get("lama").is_some() && e.get("baru").is_some() && e.get("konfirmasi").is_some());
    auth::change_password(db, &kapus, PASSWORD, "sandi-baru-123", "sandi-baru-123")
        .await
        .unwrap();
    assert!(
        auth::actor_for_session(db, &s.token)
            .await
            .unwrap()
            .is_none(),
        "old sessions end"
    );
    assert!(
        auth::login(db, testing::NIP_KAPUS, "sandi-baru-123", 3600)
            .await
            .is_ok()
    );

    let admin = actor(db, "admin.alpha").await;
    let admin_beta = actor(db, "admin.beta").await;
    let perawat2 = actor(db, testing::NIP_PERAWAT2).await;
    assert!(matches!(
        auth::reset_password(db, &admin_beta, f.perawat1.id, "xxxxxxxx1", "xxxxxxxx1").await,
        Err(CoreError::Forbidden)
    ));
    assert!(matches!(
        auth::reset_password(db, &perawat2, f.perawat1.id, "xxxxxxxx1", "xxxxxxxx1").await,
        Err(CoreError::Forbidden)
    ));
    let login = auth::reset_password(db, &admin, f.perawat1.id, "direset-123", "direset-123")
        .await
        .unwrap();
    assert_eq!(login, testing::NIP_PERAWAT1);
    assert!(
        auth::login(db, testing::NIP_PERAWAT1, "direset-123", 3600)
            .await
            .is_ok()
    );

    // create-admin validates and refuses duplicates.
    assert!(matches!(
        auth::create_admin(db, "admin.alpha", "panjang-sekali", Some("alpha")).await,
        Err(CoreError::Validation(_))
    ));
    assert!(matches!(
        auth::create_admin(db, "admin.gamma", "panjang-sekali", Some("gamma")).await,
        Err(CoreError::Validation(_))
    ));
    let u = auth::create_admin(db, "Admin.Kedua", "panjang-sekali", Some("alpha"))
        .await
        .unwrap();
    assert_eq!(u.username, "admin.kedua");
});

db_test!(demo_data_is_large_valid_and_idempotent, |db| {
    let a = kinerja_core::contoh::demo::load(db, |_, _| {})
        .await
        .unwrap();
    assert!(a.loaded);
    assert!(a.pegawai >= 400, "{} pegawai", a.pegawai);
    let periods =
        kinerja_core::services::perencanaan::periode::daftar(db, &kinerja_core::Actor::system(), 1)
            .await
            .unwrap();
    assert_eq!(
        periods.len(),
        5,
        "the demo opens the current year in quarters"
    );
    let again = kinerja_core::contoh::demo::load(db, |_, _| {})
        .await
        .unwrap();
    assert!(!again.loaded);
    assert_eq!(again.pegawai, a.pegawai);
    // Every NIP and golongan passes the rules; every non-top pegawai has a penilai.
    let all = pegawai::Entity::find().all(db).await.unwrap();
    let mut pppk = 0;
    for p in &all {
        let s = kinerja_core::rules::nip::StatusAsn::from_code(&p.status_asn).unwrap();
        kinerja_core::rules::nip::Nip::parse_for(&p.nip, s, today())
            .unwrap_or_else(|e| panic!("{}: {e}", p.nip));
        kinerja_core::rules::golongan::Golongan::parse(&p.golongan, s).unwrap();
        if s == kinerja_core::rules::nip::StatusAsn::Pppk {
            pppk += 1;
        }
    }
    assert!(pppk > 10);
    let staff = all
        .iter()
        .find(|p| p.nama_lower.contains(' ') && p.jabatan_id > 3)
        .unwrap();
    assert!(
        penilai::penilai_dari(db, staff, today())
            .await
            .unwrap()
            .is_some()
    );
    // The printed accounts log in with the printed password.
    for (_, login, _) in &a.accounts {
        assert!(
            auth::login(db, login, kinerja_core::contoh::demo::DEMO_PASSWORD, 60)
                .await
                .is_ok(),
            "{login}"
        );
    }
    // The printed perawat with a set SKP has this quarter's evaluation handed out, under the
    // organisational predikat of her puskesmas; one such evaluation per instansi.
    use kinerja_core::db::entities::{evaluasi, predikat_organisasi};
    let nip = &a
        .accounts
        .iter()
        .find(|(r, ..)| r == "Perawat (SKP ditetapkan)")
        .unwrap()
        .1;
    let ani = all.iter().find(|p| &p.nip == nip).unwrap();
    let e = evaluasi::Entity::find()
        .filter(evaluasi::Column::PegawaiId.eq(ani.id))
        .one(db)
        .await
        .unwrap()
        .expect("the demo hands out one evaluation");
    assert_eq!(e.status, "DITETAPKAN");
    assert_eq!(e.predikat.as_deref(), Some("BAIK"));
    assert!(e.angka_kredit.is_some());
    assert_eq!(evaluasi::Entity::find().count(db).await.unwrap(), 4);
    // Two technical competencies per instansi; the perawat's standard is confirmed.
    let system = kinerja_core::Actor::system();
    let kamus = kinerja_core::services::kompetensi::kamus::kamus(db, &system, ani.instansi_id)
        .await
        .unwrap();
    assert_eq!(kamus.len(), 11);
    let skj = kinerja_core::services::kompetensi::kamus::standar(db, &system, ani.jabatan_id)
        .await
        .unwrap();
    assert!(!skj.belum_ditetapkan);
    assert_eq!(
        predikat_organisasi::Entity::find().count(db).await.unwrap(),
        4
    );
    // The competency demo: a closed 360 round puts the rated perawat on the nine-box with her
    // predikat; her IDP has a line and a training; a second round waits for her self-assessment.
    use chrono::Datelike;
    let tahun = kinerja_core::services::now().date_naive().year();
    let peta =
        kinerja_core::services::kompetensi::talenta::peta(db, &system, ani.instansi_id, tahun)
            .await
            .unwrap();
    assert!(
        peta.baris
            .iter()
            .flatten()
            .any(|k| k.anggota.iter().any(|t| t.pegawai.id == ani.id))
    );
    let me = kinerja_core::testing::actor(db, nip).await;
    let d = kinerja_core::services::kompetensi::asesmen::daftar(db, &me, ani.instansi_id)
        .await
        .unwrap();
    assert!(
        d.tugas
            .iter()
            .any(|t| !t.selesai && t.asesmen.status == "DIBUKA")
    );
    assert_eq!(d.hasil_saya.len(), 2);
    let today = kinerja_core::services::now().date_naive();
    let idp = kinerja_core::services::kompetensi::pengembangan::idp(db, &me, ani.id, tahun, today)
        .await
        .unwrap();
    assert!(idp.asesmen.as_ref().is_some_and(|h| h.jpm.is_some()));
    assert_eq!(idp.katalog.len(), 6);
});

db_test!(periods_open_close_and_guard_writes, |db| {
    use kinerja_core::services::perencanaan::periode::{self, BukaTahunInput};
    let f = fixture(db).await;
    let admin = actor(db, "admin.alpha").await;
    let input = BukaTahunInput {
        tahun: "2026".into(),
        skema: "TRIWULAN".into(),
        tenggang_hari: "10".into(),
    };
    let created = periode::buka_tahun(db, &admin, f.alpha, &input)
        .await
        .unwrap();
    assert_eq!(created.len(), 5);
    assert_eq!(audit_count(db, "periode", created[1].id as i64).await, 1);
    // The same year twice, bad year, bad scheme, bad grace: refused with field messages.
    let Err(CoreError::Validation(e)) = periode::buka_tahun(db, &admin, f.alpha, &input).await
    else {
        panic!()
    };
    assert!(e.get("tahun").unwrap().contains("sudah dibuka"));
    let bad = BukaTahunInput {
        tahun: "dua ribu".into(),
        skema: "X".into(),
        tenggang_hari: "-3".into(),
    };
    let Err(CoreError::Validation(e)) = periode::buka_tahun(db, &admin, f.alpha, &bad).await else {
        panic!()
    };
    assert!(e.get("tahun").is_some() && e.get("tenggang_hari").is_some());
    let bad = BukaTahunInput {
        tahun: "2027".into(),
        skema: "MINGGUAN".into(),
        tenggang_hari: String::new(),
    };
    let Err(CoreError::Validation(e)) = periode::buka_tahun(db, &admin, f.alpha, &bad).await else {
        panic!()
    };
    assert!(e.get("skema").is_some());
    // Other instansi's admin and a pegawai cannot open or close Alpha's periods.
    let admin_beta = actor(db, "admin.beta").await;
    let perawat = actor(db, testing::NIP_PERAWAT1).await;
    assert!(matches!(
        periode::buka_tahun(db, &admin_beta, f.alpha, &input).await,
        Err(CoreError::Forbidden)
    ));
    assert!(matches!(
        periode::ubah_status(db, &admin_beta, created[1].id, false).await,
        Err(CoreError::Forbidden)
    ));
    assert!(matches!(
        periode::ubah_status(db, &perawat, created[1].id, false).await,
        Err(CoreError::Forbidden)
    ));
    assert!(matches!(
        periode::daftar(db, &admin_beta, f.alpha).await,
        Err(CoreError::Forbidden)
    ));
    assert_eq!(
        periode::daftar(db, &perawat, f.alpha).await.unwrap().len(),
        5,
        "pegawai see their instansi's periods"
    );

    // Writes into a period: open and within the deadline only.
    let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    assert!(
        periode::terbuka_pada(db, f.alpha, d(2, 10), d(2, 11))
            .await
            .unwrap()
    );
    assert!(
        periode::terbuka_pada(db, f.alpha, d(3, 31), d(4, 10))
            .await
            .unwrap(),
        "within the grace days"
    );
    assert!(
        !periode::terbuka_pada(db, f.alpha, d(3, 31), d(4, 11))
            .await
            .unwrap(),
        "after the deadline"
    );
    assert!(
        !periode::terbuka_pada(db, f.beta, d(2, 10), d(2, 11))
            .await
            .unwrap(),
        "Beta has no period"
    );
    periode::ubah_status(db, &admin, created[1].id, false)
        .await
        .unwrap();
    assert!(
        !periode::terbuka_pada(db, f.alpha, d(2, 10), d(2, 11))
            .await
            .unwrap(),
        "closed"
    );
    assert!(
        periode::terbuka_pada(db, f.alpha, d(5, 10), d(5, 11))
            .await
            .unwrap(),
        "other quarters stay open"
    );
    periode::ubah_status(db, &admin, created[1].id, true)
        .await
        .unwrap();
    assert!(
        periode::terbuka_pada(db, f.alpha, d(2, 10), d(2, 11))
            .await
            .unwrap(),
        "reopened"
    );
    assert_eq!(audit_count(db, "periode", created[1].id as i64).await, 3);
});

/// SQLite's writer syncs the WAL at every commit unless told otherwise, so an acknowledged
/// write survives a power cut; `normal` is there for who chooses speed over that.
#[tokio::test]
async fn the_sqlite_writer_syncs_every_commit_by_default() {
    use kinerja_core::db::{self, Sinkron};
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("k.db").display());
    for (sinkron, expected) in [
        (Sinkron::default(), 2i64),
        (Sinkron::Full, 2),
        (Sinkron::Normal, 1),
    ] {
        let pools = db::connect_pools_sinkron(&url, 2, sinkron).await.unwrap();
        let got: Option<i64> = db::scalar(&pools.tulis, "PRAGMA synchronous")
            .await
            .unwrap();
        assert_eq!(got, Some(expected), "{sinkron:?}");
        pools.tulis.close().await.unwrap();
        pools.baca.close().await.unwrap();
    }
}
