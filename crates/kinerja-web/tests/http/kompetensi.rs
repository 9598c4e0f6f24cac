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

db_test!(assessment_development_and_talent_pages, |db| {
    let f = fixture(db).await;
    let app = app(db);
    let admin = login(&app, "admin.alpha").await;
    let kapus = login(&app, testing::NIP_KAPUS).await;
    let ani = login(&app, testing::NIP_PERAWAT1).await;
    let joko = login(&app, testing::NIP_PERAWAT2).await;
    let tahun = wib_today().year();

    // Opening a round: a refused form keeps what was typed.
    let res = send(&app, get("/asesmen", &admin)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("Belum ada putaran asesmen"));
    let res = send(
        &app,
        post(
            "/asesmen",
            &admin,
            &format!(
                "nama=&tahun={tahun}&batas=2099-01-31&unit_kerja_id={}",
                f.unit_pkm
            ),
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("Isi nama putaran asesmen") && res.body.contains("2099-01-31"));
    let form = format!(
        "nama=Asesmen%20Puskesmas&tahun={tahun}&batas=2099-01-31&dengan_360=1&unit_kerja_id={}",
        f.unit_pkm
    );
    assert_eq!(
        send(&app, post("/asesmen", &ani, &form)).await.status,
        StatusCode::FORBIDDEN
    );
    let res = send(&app, post("/asesmen", &admin, &form)).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let round = id_after(res.headers[header::LOCATION].to_str().unwrap(), "/asesmen/");
    let res = send(&app, get(&format!("/asesmen/{round}"), &admin)).await;
    assert!(res.body.contains("Ani Perawat") && res.body.contains("Tutup putaran"));
    assert_eq!(
        send(&app, get(&format!("/asesmen/{round}"), &kapus))
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    // Ani's self-assessment: hers alone, every level with an example.
    use kinerja_core::rules::kompetensi::Kelompok;
    use kinerja_core::services::kompetensi::asesmen;
    let ani_aktor = testing::actor(db, testing::NIP_PERAWAT1).await;
    let daftar = asesmen::daftar(db, &ani_aktor, f.alpha).await.unwrap();
    let diri = daftar
        .tugas
        .iter()
        .find(|t| t.kelompok == Kelompok::Diri)
        .unwrap()
        .id;
    let peserta = daftar.hasil_saya[0].1;
    // Her list links the form and her result.
    let res = send(&app, get("/asesmen", &ani)).await;
    assert!(res.body.contains(&format!("<tr id=\"tugas-{diri}\"")));
    assert!(links_to(&res.body, &format!("/asesmen/hasil/{peserta}")));
    let tugas = format!("/asesmen/tugas/{diri}");
    assert_eq!(
        send(&app, get(&tugas, &joko)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(&app, get(&tugas, &admin)).await.status,
        StatusCode::FORBIDDEN
    );
    let res = send(&app, get(&tugas, &ani)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("Integritas") && res.body.contains("Level 5"));
    let kids: Vec<i32> = asesmen::formulir(db, &ani_aktor, diri)
        .await
        .unwrap()
        .baris
        .iter()
        .map(|b| b.kompetensi.id)
        .collect();
    assert_eq!(kids.len(), 9);
    assert!(
        kids.iter()
            .all(|k| res.body.contains(&format!("name=\"bukti_{k}\"")))
    );
    let isi = |level: u8, bukti: &str| -> String {
        kids.iter()
            .map(|k| format!("level_{k}={level}&bukti_{k}={}&", enc(bukti)))
            .collect()
    };
    let res = send(&app, post(&tugas, &ani, &isi(3, "singkat"))).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.body.contains("Tulis sekurang-kurangnya 10 karakter")
            && res.body.contains("value=\"3\" checked")
    );
    assert_eq!(
        send(
            &app,
            post(&tugas, &joko, &isi(5, "Contoh perilaku yang panjang"))
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let res = send(
        &app,
        post(&tugas, &ani, &isi(3, "Memimpin edukasi pasien diabetes.")),
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let res = send(&app, get(&format!("{tugas}?ok=1"), &ani)).await;
    assert!(res.body.contains("Jawaban tersimpan"));

    // The result: gap, JPM and the profile chart, for Ani and her penilai; not for a colleague.
    let hasil = format!("/asesmen/hasil/{peserta}");
    let res = send(&app, get(&hasil, &ani)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(
        res.body.contains("Job Person Match")
            && res.body.contains("<svg")
            && res.body.contains("sementara")
    );
    assert_eq!(send(&app, get(&hasil, &kapus)).await.status, StatusCode::OK);
    assert_eq!(
        send(&app, get(&hasil, &joko)).await.status,
        StatusCode::FORBIDDEN
    );

    // The catalogue: the admin adds, everyone reads.
    let res = send(
        &app,
        post("/katalog-pengembangan", &admin, "nama=&jenis=&jp=0"),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("Isi JP 1 sampai 999"));
    let kat = format!(
        "nama=Coaching%20Integritas&jenis=COACHING&kompetensi_id={}&jp=6",
        kids[0]
    );
    assert_eq!(
        send(&app, post("/katalog-pengembangan", &ani, &kat))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(&app, post("/katalog-pengembangan", &admin, &kat))
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert!(
        send(&app, get("/katalog-pengembangan", &ani))
            .await
            .body
            .contains("Coaching Integritas")
    );

    // Ani's IDP: a line, a training with its certificate, the JP of the year.
    let res = send(&app, get("/pengembangan", &ani)).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let idp = format!("/pegawai/{}/pengembangan", f.perawat1.id);
    let res = send(&app, get(&idp, &ani)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("Belum memenuhi 20 JP"));
    let rencana = format!("{idp}/rencana");
    let res = send(
        &app,
        post(
            &rencana,
            &ani,
            &format!("tahun={tahun}&sumber=KINERJA&uraian=&jenis=MENTORING&jp_rencana=abc"),
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.body.contains("Isi JP 1 sampai 999")
            && res.body.contains("Tulis kegiatan pengembangannya")
    );
    let baik = format!(
        "tahun={tahun}&sumber=KINERJA&uraian=Mentoring%20dokumentasi%20asuhan&jenis=MENTORING&jp_rencana=10"
    );
    assert_eq!(
        send(&app, post(&rencana, &joko, &baik)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(&app, post(&rencana, &ani, &baik)).await.status,
        StatusCode::SEE_OTHER
    );
    let hari = wib_today().format("%Y-%m-%d").to_string();
    let latih = |jp: &'static str| {
        vec![
            ("nama", "Pelatihan Dokumentasi Keperawatan".to_string()),
            ("jenis", "KLASIKAL".to_string()),
            ("penyelenggara", "Dinas Kesehatan".to_string()),
            ("mulai", hari.clone()),
            ("selesai", hari.clone()),
            ("jp", jp.to_string()),
        ]
    };
    let bad = latih("0");
    let res = send(
        &app,
        multipart_form(&format!("{idp}/pelatihan"), &ani, &pairs(&bad), &[]),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.body.contains("Lampirkan sertifikat")
            && res.body.contains("Pelatihan Dokumentasi Keperawatan")
    );
    let ok = latih("24");
    let res = send(
        &app,
        multipart_form(
            &format!("{idp}/pelatihan"),
            &ani,
            &pairs(&ok),
            &[("sertifikat.pdf", testing::PDF)],
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let res = send(&app, get(&idp, &kapus)).await;
    assert!(res.body.contains("sertifikat.pdf") && res.body.contains("<strong>Memenuhi</strong>"));
    assert_eq!(
        send(&app, get(&idp, &joko)).await.status,
        StatusCode::FORBIDDEN
    );

    // Settings, the nine-box and the unit report.
    let res = send(&app, post("/pengaturan-kompetensi", &admin, "bobot_diri=50&bobot_atasan=50&bobot_rekan=20&bobot_bawahan=0&skala_jpm=PEMETAAN&potensial_tinggi=90&potensial_menengah=78&kinerja_di_atas=90&kinerja_sesuai=70")).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("Jumlah bobot harus 100%, sekarang 120%"));
    assert_eq!(
        send(&app, get("/pengaturan-kompetensi", &kapus))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let res = send(&app, get("/talenta", &admin)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("Kotak 9") && res.body.contains("Belum ada predikat kinerja"));
    assert_eq!(
        send(&app, get("/talenta", &kapus)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(&app, post(&format!("/asesmen/{round}/tutup"), &admin, ""))
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let laporan = format!("/laporan-kompetensi?unit={}&tahun={tahun}", f.unit_pkm);
    let res = send(&app, get(&laporan, &kapus)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(
        res.body.contains("Peta kompetensi") && res.body.contains("Mentoring dokumentasi asuhan")
    );
    assert!(res.body.contains("Pemenuhan 20 JP"));
    assert_eq!(
        send(&app, get(&laporan, &ani)).await.status,
        StatusCode::FORBIDDEN
    );
    let res = send(
        &app,
        get(
            &format!(
                "/laporan-kompetensi/{}/laporan.xlsx?tahun={tahun}",
                f.unit_pkm
            ),
            &kapus,
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.starts_with("PK"));
});
