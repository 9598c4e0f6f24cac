//! The competency dictionary, job standards, assessment, development and talent pages.

use super::*;

db_test!(competency_dictionary_and_job_standards_pages, |db| {
    let f = fixture(db).await;
    let app = app(db);
    let ani = login(&app, testing::NIP_PERAWAT1).await;
    let admin = login(&app, "admin.alpha").await;
    let beta = login(&app, "admin.beta").await;

    // The dictionary: read by the pegawai; a technical competency added by the admin only.
    let res = send(&app, get("/kompetensi", &ani)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("Perekat Bangsa") && !res.body.contains("form-kompetensi"));
    let form =
        "kode=T.01&nama=Komunikasi%20kesehatan&level_1=a&level_2=b&level_3=c&level_4=d&level_5=e";
    assert_eq!(
        send(&app, post("/kompetensi", &ani, form)).await.status,
        StatusCode::FORBIDDEN
    );
    let res = send(
        &app,
        post(
            "/kompetensi",
            &admin,
            "kode=M.02&nama=Komunikasi%20kesehatan",
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.body.contains("dipakai kompetensi nasional")
            && res.body.contains("Komunikasi kesehatan")
    );
    let res = send(&app, post("/kompetensi", &admin, form)).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);

    // The standard of the perawat's jabatan: suggested, read-only for the pegawai.
    let skj = format!("/jabatan/{}/kompetensi", f.jab_perawat);
    let res = send(&app, get(&skj, &ani)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("Belum ditetapkan") && !res.body.contains("simpan-standar"));
    let st = send(&app, get(&skj, &beta)).await.status;
    assert!(
        matches!(st, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
        "{st}"
    );
    let ids: Vec<String> = res
        .body
        .split("name=\"level_")
        .skip(1)
        .filter_map(|s| s.split('"').next().map(String::from))
        .collect();
    assert_eq!(ids.len(), 10, "nine national and one technical");
    let all: String = ids
        .iter()
        .take(9)
        .map(|id| format!("level_{id}=2&"))
        .collect();
    assert_eq!(
        send(&app, post(&skj, &ani, &all)).await.status,
        StatusCode::FORBIDDEN
    );
    let res = send(&app, post(&skj, &admin, &format!("level_{}=2", ids[0]))).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("Pilih level 1 sampai 5."));
    let res = send(&app, post(&skj, &admin, &all)).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let res = send(&app, get(&skj, &ani)).await;
    assert!(!res.body.contains("Belum ditetapkan"));
    assert!(res.body.contains("<option value=\"2\" selected>"));
});

/// The Puskesmas's people logged in, for the competency pages.
struct Sesi {
    app: TestApp,
    f: testing::Fixture,
    admin: String,
    kapus: String,
    ani: String,
    joko: String,
    tahun: i32,
}

async fn sesi(db: &DatabaseConnection) -> Sesi {
    let f = fixture(db).await;
    let app = TestApp::new(db);
    Sesi {
        admin: app.login_as("admin.alpha").await,
        kapus: app.login_as(testing::NIP_KAPUS).await,
        ani: app.login_as(testing::NIP_PERAWAT1).await,
        joko: app.login_as(testing::NIP_PERAWAT2).await,
        tahun: wib_today().year(),
        app,
        f,
    }
}

impl Sesi {
    fn ronde_form(&self) -> String {
        format!(
            "nama=Asesmen%20Puskesmas&tahun={}&batas=2099-01-31&dengan_360=1&unit_kerja_id={}",
            self.tahun, self.f.unit_pkm
        )
    }
}

/// A round with 360 opened through the page; Ani's self form, its competencies and her place in
/// the round, looked up through the service.
struct Ronde {
    s: Sesi,
    id: i32,
    diri: i32,
    kids: Vec<i32>,
    peserta: i32,
}

impl Ronde {
    fn tugas(&self) -> String {
        format!("/asesmen/tugas/{}", self.diri)
    }

    /// Every competency of the form at `level`, with `bukti` as its example.
    fn isi(&self, level: u8, bukti: &str) -> String {
        self.kids
            .iter()
            .map(|k| format!("level_{k}={level}&bukti_{k}={}&", enc(bukti)))
            .collect()
    }
}

async fn ronde(db: &DatabaseConnection) -> Ronde {
    use kinerja_core::rules::kompetensi::Kelompok;
    use kinerja_core::services::kompetensi::asesmen;
    let s = sesi(db).await;
    let res = s.app.post("/asesmen", &s.admin, &s.ronde_form()).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let id = id_after(res.location(), "/asesmen/");
    let ani = testing::actor(db, testing::NIP_PERAWAT1).await;
    let daftar = asesmen::daftar(db, &ani, s.f.alpha).await.unwrap();
    let diri = daftar
        .tugas
        .iter()
        .find(|t| t.kelompok == Kelompok::Diri)
        .unwrap()
        .id;
    let kids = asesmen::formulir(db, &ani, diri)
        .await
        .unwrap()
        .baris
        .iter()
        .map(|b| b.kompetensi.id)
        .collect();
    Ronde {
        peserta: daftar.hasil_saya[0].1,
        s,
        id,
        diri,
        kids,
    }
}

/// [`ronde`] with Ani's self-assessment answered: level 3 throughout.
async fn dijawab(db: &DatabaseConnection) -> Ronde {
    let r = ronde(db).await;
    let isi = r.isi(3, "Memimpin edukasi pasien diabetes.");
    let res = r.s.app.post(&r.tugas(), &r.s.ani, &isi).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    r
}

/// A training of `jp` JP on the day, as the form sends it.
fn pelatihan(jp: &'static str) -> Vec<(&'static str, String)> {
    let hari = wib_today().format("%Y-%m-%d").to_string();
    vec![
        ("nama", "Pelatihan Dokumentasi Keperawatan".to_string()),
        ("jenis", "KLASIKAL".to_string()),
        ("penyelenggara", "Dinas Kesehatan".to_string()),
        ("mulai", hari.clone()),
        ("selesai", hari),
        ("jp", jp.to_string()),
    ]
}

fn rencana_mentoring(tahun: i32) -> String {
    format!(
        "tahun={tahun}&sumber=KINERJA&uraian=Mentoring%20dokumentasi%20asuhan&jenis=MENTORING&jp_rencana=10"
    )
}

/// [`dijawab`], with a mentoring line in Ani's IDP and a 24 JP training with its certificate,
/// and the round closed.
async fn ditutup_dengan_idp(db: &DatabaseConnection) -> Ronde {
    let r = dijawab(db).await;
    let s = &r.s;
    let idp = format!("/pegawai/{}/pengembangan", s.f.perawat1.id);
    let res = s
        .app
        .post(
            &format!("{idp}/rencana"),
            &s.ani,
            &rencana_mentoring(s.tahun),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let res = send(
        &s.app.router,
        multipart_form(
            &format!("{idp}/pelatihan"),
            &s.ani,
            &pairs(&pelatihan("24")),
            &[("sertifikat.pdf", testing::PDF)],
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let tutup = format!("/asesmen/{}/tutup", r.id);
    assert_eq!(
        s.app.post(&tutup, &s.admin, "").await.status,
        StatusCode::SEE_OTHER
    );
    r
}

// Opening a round is the admin's; a refused form keeps what was typed.
db_test!(a_round_is_opened_by_the_admin_from_a_checked_form, |db| {
    let s = sesi(db).await;
    let res = s.app.get("/asesmen", &s.admin).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("Belum ada putaran asesmen"));
    let kosong = format!(
        "nama=&tahun={}&batas=2099-01-31&unit_kerja_id={}",
        s.tahun, s.f.unit_pkm
    );
    let res = s.app.post("/asesmen", &s.admin, &kosong).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("Isi nama putaran asesmen") && res.body.contains("2099-01-31"));
    assert_eq!(
        s.app.post("/asesmen", &s.ani, &s.ronde_form()).await.status,
        StatusCode::FORBIDDEN
    );
    let res = s.app.post("/asesmen", &s.admin, &s.ronde_form()).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
});

db_test!(a_rounds_page_is_the_admins, |db| {
    let r = ronde(db).await;
    let page = format!("/asesmen/{}", r.id);
    let res = r.s.app.get(&page, &r.s.admin).await;
    assert!(res.body.contains("Ani Perawat") && res.body.contains("Tutup putaran"));
    assert_eq!(
        r.s.app.get(&page, &r.s.kapus).await.status,
        StatusCode::FORBIDDEN
    );
});

// Ani's list links her form and her result; the form is hers alone, and every level needs an
// example (a refused form keeps the levels chosen).
db_test!(
    a_self_assessment_is_the_raters_alone_with_an_example_per_level,
    |db| {
        let r = ronde(db).await;
        let s = &r.s;
        let res = s.app.get("/asesmen", &s.ani).await;
        assert!(res.body.contains(&format!("<tr id=\"tugas-{}\"", r.diri)));
        assert!(links_to(
            &res.body,
            &format!("/asesmen/hasil/{}", r.peserta)
        ));
        let tugas = r.tugas();
        assert_eq!(
            s.app.get(&tugas, &s.joko).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            s.app.get(&tugas, &s.admin).await.status,
            StatusCode::FORBIDDEN
        );
        let res = s.app.get(&tugas, &s.ani).await;
        assert_eq!(res.status, StatusCode::OK);
        assert!(res.body.contains("Integritas") && res.body.contains("Level 5"));
        assert_eq!(r.kids.len(), 9);
        assert!(
            r.kids
                .iter()
                .all(|k| res.body.contains(&format!("name=\"bukti_{k}\"")))
        );
        let res = s.app.post(&tugas, &s.ani, &r.isi(3, "singkat")).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            res.body.contains("Tulis sekurang-kurangnya 10 karakter")
                && res.body.contains("value=\"3\" checked")
        );
        let panjang = r.isi(5, "Contoh perilaku yang panjang");
        assert_eq!(
            s.app.post(&tugas, &s.joko, &panjang).await.status,
            StatusCode::FORBIDDEN
        );
        let isi = r.isi(3, "Memimpin edukasi pasien diabetes.");
        let res = s.app.post(&tugas, &s.ani, &isi).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
        let res = s.app.get(&format!("{tugas}?ok=1"), &s.ani).await;
        assert!(res.body.contains("Jawaban tersimpan"));
    }
);

// The result (gap, JPM, the profile chart) is Ani's and her penilai's, not a colleague's.
db_test!(a_result_is_shown_to_the_pegawai_and_their_penilai, |db| {
    let r = dijawab(db).await;
    let s = &r.s;
    let hasil = format!("/asesmen/hasil/{}", r.peserta);
    let res = s.app.get(&hasil, &s.ani).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(
        res.body.contains("Job Person Match")
            && res.body.contains("<svg")
            && res.body.contains("sementara")
    );
    assert_eq!(s.app.get(&hasil, &s.kapus).await.status, StatusCode::OK);
    assert_eq!(
        s.app.get(&hasil, &s.joko).await.status,
        StatusCode::FORBIDDEN
    );
});

db_test!(the_catalogue_is_filled_by_the_admin_and_read_by_all, |db| {
    let r = ronde(db).await;
    let s = &r.s;
    let res = s
        .app
        .post("/katalog-pengembangan", &s.admin, "nama=&jenis=&jp=0")
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("Isi JP 1 sampai 999"));
    let kat = format!(
        "nama=Coaching%20Integritas&jenis=COACHING&kompetensi_id={}&jp=6",
        r.kids[0]
    );
    assert_eq!(
        s.app
            .post("/katalog-pengembangan", &s.ani, &kat)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        s.app
            .post("/katalog-pengembangan", &s.admin, &kat)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert!(
        s.app
            .get("/katalog-pengembangan", &s.ani)
            .await
            .body
            .contains("Coaching Integritas")
    );
});

// Ani's IDP: a line (checked, hers and her penilai's to add), a training with its certificate,
// and the 20 JP of the year.
db_test!(
    an_idp_takes_lines_and_trainings_with_their_certificates,
    |db| {
        let s = sesi(db).await;
        let res = s.app.get("/pengembangan", &s.ani).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        let idp = format!("/pegawai/{}/pengembangan", s.f.perawat1.id);
        let res = s.app.get(&idp, &s.ani).await;
        assert_eq!(res.status, StatusCode::OK);
        assert!(res.body.contains("Belum memenuhi 20 JP"));
        let rencana = format!("{idp}/rencana");
        let buruk = format!(
            "tahun={}&sumber=KINERJA&uraian=&jenis=MENTORING&jp_rencana=abc",
            s.tahun
        );
        let res = s.app.post(&rencana, &s.ani, &buruk).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            res.body.contains("Isi JP 1 sampai 999")
                && res.body.contains("Tulis kegiatan pengembangannya")
        );
        let baik = rencana_mentoring(s.tahun);
        assert_eq!(
            s.app.post(&rencana, &s.joko, &baik).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            s.app.post(&rencana, &s.ani, &baik).await.status,
            StatusCode::SEE_OTHER
        );
        let latih = format!("{idp}/pelatihan");
        let res = send(
            &s.app.router,
            multipart_form(&latih, &s.ani, &pairs(&pelatihan("0")), &[]),
        )
        .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            res.body.contains("Lampirkan sertifikat")
                && res.body.contains("Pelatihan Dokumentasi Keperawatan")
        );
        let res = send(
            &s.app.router,
            multipart_form(
                &latih,
                &s.ani,
                &pairs(&pelatihan("24")),
                &[("sertifikat.pdf", testing::PDF)],
            ),
        )
        .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
        let res = s.app.get(&idp, &s.kapus).await;
        assert!(
            res.body.contains("sertifikat.pdf") && res.body.contains("<strong>Memenuhi</strong>")
        );
        assert_eq!(s.app.get(&idp, &s.joko).await.status, StatusCode::FORBIDDEN);
    }
);

db_test!(competency_weights_must_add_up_to_a_hundred, |db| {
    let s = sesi(db).await;
    let res = s.app.post("/pengaturan-kompetensi", &s.admin, "bobot_diri=50&bobot_atasan=50&bobot_rekan=20&bobot_bawahan=0&skala_jpm=PEMETAAN&potensial_tinggi=90&potensial_menengah=78&kinerja_di_atas=90&kinerja_sesuai=70").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("Jumlah bobot harus 100%, sekarang 120%"));
    assert_eq!(
        s.app.get("/pengaturan-kompetensi", &s.kapus).await.status,
        StatusCode::FORBIDDEN
    );
});

db_test!(the_nine_box_is_the_admins, |db| {
    let s = sesi(db).await;
    let res = s.app.get("/talenta", &s.admin).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("Kotak 9") && res.body.contains("Belum ada predikat kinerja"));
    assert_eq!(
        s.app.get("/talenta", &s.kapus).await.status,
        StatusCode::FORBIDDEN
    );
});

// The unit's report (the map, the IDP lines, the 20 JP check, and its XLSX) is for the unit's
// head, not a perawat.
db_test!(the_units_competency_report_is_for_its_head, |db| {
    let r = ditutup_dengan_idp(db).await;
    let s = &r.s;
    let laporan = format!(
        "/laporan-kompetensi?unit={}&tahun={}",
        s.f.unit_pkm, s.tahun
    );
    let res = s.app.get(&laporan, &s.kapus).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(
        res.body.contains("Peta kompetensi") && res.body.contains("Mentoring dokumentasi asuhan")
    );
    assert!(res.body.contains("Pemenuhan 20 JP"));
    assert_eq!(
        s.app.get(&laporan, &s.ani).await.status,
        StatusCode::FORBIDDEN
    );
    let xlsx = format!(
        "/laporan-kompetensi/{}/laporan.xlsx?tahun={}",
        s.f.unit_pkm, s.tahun
    );
    let res = s.app.get(&xlsx, &s.kapus).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.starts_with("PK"));
});
