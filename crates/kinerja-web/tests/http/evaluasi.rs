//! Rating, handing out, keberatan, documents, follow-up and angka kredit pages.

use super::*;

// The penilai's evaluation sheet: refused without umpan balik (422, keeping what was typed),
// saved with it (the predikat shown to the pegawai too), and refused to the pegawai, to another
// instansi and to a forged cross-site post.
db_test!(penilaian_page_rates_and_refuses, |db| {
    let today = wib_today();
    let f = fixture(db).await;
    let r = testing::rencana(db, &f, today).await;
    let app = app(db);
    let kapus = login(&app, testing::NIP_KAPUS).await;
    let path = format!("/penilaian/{}", r.skp_perawat1);
    let res = send(&app, get(&path, &kapus)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(res.body.contains("Simpan penilaian"));
    assert!(
        res.body
            .contains(&format!("name=\"ub_iki_{}\"", r.iki_perawat1))
    );
    let post_path = format!("{path}/{}", periode_kini(db, f.alpha).await);
    assert!(res.body.contains(&format!("action=\"{post_path}\"")));

    let partial = "ub_iki_0=&ub_perilaku_1=Teliti%20dan%20ramah&rating_hasil=SESUAI";
    let res = send(&app, post(&post_path, &kapus, partial)).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("Teliti dan ramah"));
    assert!(
        res.body
            .contains("Tulis umpan balik sebelum memberi rating.")
    );
    assert!(res.body.contains("Pilih Rating Perilaku Kerja."));

    let mut form = format!(
        "ub_iki_{}=Laporan%20lengkap&rating_hasil=SESUAI&rating_perilaku=DIATAS",
        r.iki_perawat1
    );
    for n in 1..=7 {
        form.push_str(&format!("&ub_perilaku_{n}=Sesuai%20panduan"));
    }
    let mut evil = post(&post_path, &kapus, &form);
    evil.headers_mut()
        .insert(header::ORIGIN, "http://evil.example".parse().unwrap());
    evil.headers_mut().remove("sec-fetch-site");
    assert_eq!(send(&app, evil).await.status, StatusCode::FORBIDDEN);
    let res = send(&app, post(&post_path, &kapus, &form)).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);

    // The pegawai reads the result but cannot rate.
    let ani = login(&app, testing::NIP_PERAWAT1).await;
    let res = send(&app, get(&path, &ani)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("<strong id=\"predikat\">Baik</strong>"));
    assert!(!res.body.contains("Simpan penilaian"));
    assert_eq!(
        send(&app, post(&post_path, &ani, &form)).await.status,
        StatusCode::FORBIDDEN
    );
    // Another instansi's admin sees nothing of it.
    let beta = login(&app, "admin.beta").await;
    let res = send(&app, get(&path, &beta)).await;
    assert!(
        matches!(res.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
        "{}",
        res.status
    );
    // The monitoring page links the sheet for each member rated directly.
    let res = send(&app, get("/monitoring", &kapus)).await;
    assert!(res.body.contains(&format!("href=\"{path}\"")));
});

/// Ani rated Di Atas / Sesuai (Baik) by Sari through the sheet, for the period under way; the
/// sessions of everyone the rules below name.
struct Dinilai {
    app: TestApp,
    f: testing::Fixture,
    periode: i32,
    /// The evaluation's page.
    ev: String,
    kapus: String,
    kadis: String,
    ani: String,
    joko: String,
    admin: String,
    beta: String,
}

async fn dinilai(db: &DatabaseConnection) -> Dinilai {
    dinilai_sebagai(db, "DIATAS", "Laporan%20lengkap").await
}

/// [`dinilai`] with the rating of results `rating_hasil` and its feedback `umpan_balik`.
async fn dinilai_sebagai(
    db: &DatabaseConnection,
    rating_hasil: &str,
    umpan_balik: &str,
) -> Dinilai {
    use kinerja_core::db::entities::evaluasi;
    let today = wib_today();
    let f = fixture(db).await;
    let r = testing::rencana(db, &f, today).await;
    let app = TestApp::new(db);
    let kapus = app.login_as(testing::NIP_KAPUS).await;
    let path = format!("/penilaian/{}", r.skp_perawat1);
    let periode = periode_kini(db, f.alpha).await;
    let mut form = format!(
        "ub_iki_{}={umpan_balik}&rating_hasil={rating_hasil}&rating_perilaku=SESUAI",
        r.iki_perawat1
    );
    for n in 1..=7 {
        form.push_str(&format!("&ub_perilaku_{n}=Sesuai%20panduan"));
    }
    let res = app.post(&format!("{path}/{periode}"), &kapus, &form).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let e = evaluasi::Entity::find().one(db).await.unwrap().unwrap();
    Dinilai {
        ev: format!("/evaluasi/{}", e.id),
        periode,
        kadis: app.login_as(testing::NIP_KADIS).await,
        ani: app.login_as(testing::NIP_PERAWAT1).await,
        joko: app.login_as(testing::NIP_PERAWAT2).await,
        admin: app.login_as("admin.alpha").await,
        beta: app.login_as("admin.beta").await,
        kapus,
        app,
        f,
    }
}

impl Dinilai {
    /// Where the puskesmas's organisational predikat of the period is set.
    fn distribusi(&self) -> String {
        format!("/distribusi/{}/{}", self.f.unit_pkm, self.periode)
    }
}

/// [`dinilai`], and the Kepala Dinas's organisational predikat for the puskesmas: Baik.
async fn berpredikat(db: &DatabaseConnection) -> Dinilai {
    let d = dinilai(db).await;
    let catatan = "predikat=BAIK&catatan=Capaian%20PK%2097%25";
    assert_eq!(
        d.app.post(&d.distribusi(), &d.kadis, catatan).await.status,
        StatusCode::SEE_OTHER
    );
    d
}

/// [`berpredikat`], handed out by the penilai with the reason Ani alone as Baik needs.
async fn ditetapkan(db: &DatabaseConnection) -> Dinilai {
    let d = berpredikat(db).await;
    let alasan = "catatan=Ikut%20pelatihan&alasan_distribusi=Tim%20baru%20satu%20orang%20dinilai";
    assert_eq!(
        d.app
            .post(&format!("{}/tetapkan", d.ev), &d.kapus, alasan)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    d
}

const ALASAN_KEBERATAN: &str = "alasan=Realisasi%2014%20laporan%20melebihi%20target%2012";

/// [`ditetapkan`], and Ani's keberatan.
async fn dikeberatani(db: &DatabaseConnection) -> Dinilai {
    let d = ditetapkan(db).await;
    let kb = format!("{}/keberatan", d.ev);
    assert_eq!(
        d.app.post(&kb, &d.ani, ALASAN_KEBERATAN).await.status,
        StatusCode::SEE_OTHER
    );
    d
}

const DITOLAK: &str = "keputusan=DITOLAK&catatan_keputusan=Keterlambatan%20terbukti%20di%20arsip&rating_hasil=&rating_perilaku=";

/// [`dikeberatani`], explained by the penilai at the atasan's request and refused by the atasan:
/// the evaluation is final.
async fn final_(db: &DatabaseConnection) -> Dinilai {
    let d = dikeberatani(db).await;
    let ev = &d.ev;
    let minta = format!("{ev}/keberatan/minta-penjelasan");
    assert_eq!(
        d.app.post(&minta, &d.kadis, "").await.status,
        StatusCode::SEE_OTHER
    );
    let jelaskan = format!("{ev}/keberatan/penjelasan");
    let penjelasan = "penjelasan=Dua%20laporan%20terlambat";
    assert_eq!(
        d.app.post(&jelaskan, &d.kapus, penjelasan).await.status,
        StatusCode::SEE_OTHER
    );
    let putusan = format!("{ev}/keberatan/putusan");
    assert_eq!(
        d.app.post(&putusan, &d.kadis, DITOLAK).await.status,
        StatusCode::SEE_OTHER
    );
    d
}

// The Kepala Dinas sets the puskesmas's organisational predikat; a bad choice comes back with
// 422 and the note kept; a perawat may not.
db_test!(
    only_the_units_leader_sets_its_predikat_and_it_is_checked,
    |db| {
        let d = dinilai(db).await;
        let set = d.distribusi();
        let res = d
            .app
            .post(
                &set,
                &d.kadis,
                "predikat=HEBAT&catatan=Capaian%20PK%2097%25",
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.body.contains("Pilih predikat kinerja organisasi."));
        assert!(res.body.contains("Capaian PK 97%"));
        assert_eq!(
            d.app
                .post(&set, &d.ani, "predikat=BAIK&catatan=")
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let ok = "predikat=BAIK&catatan=Capaian%20PK%2097%25";
        assert_eq!(
            d.app.post(&set, &d.kadis, ok).await.status,
            StatusCode::SEE_OTHER
        );
    }
);

db_test!(
    the_distribution_page_draws_the_curve_and_simulates_unsaved,
    |db| {
        let d = berpredikat(db).await;
        let simulasi = format!(
            "/distribusi?periode={}&unit={}&predikat=ISTIMEWA",
            d.periode, d.f.unit_pkm
        );
        let res = d.app.get(&simulasi, &d.kadis).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert!(res.body.contains("<svg") && res.body.contains("Simulasi Istimewa"));
        assert!(
            res.body
                .contains("Sebagian besar pegawai harus Sangat Baik.")
        );
        assert_eq!(
            d.app.get("/distribusi", &d.ani).await.status,
            StatusCode::FORBIDDEN
        );
    }
);

// Ani alone as Baik breaks the Baik pattern, so the penilai must give a reason; the pegawai may
// not hand out.
db_test!(handing_out_against_the_pattern_needs_a_reason, |db| {
    let d = berpredikat(db).await;
    let res = d.app.get(&d.ev, &d.kapus).await;
    assert!(res.body.contains("Tetapkan hasil evaluasi"));
    let tetapkan = format!("{}/tetapkan", d.ev);
    assert_eq!(
        d.app
            .post(&tetapkan, &d.ani, "catatan=&alasan_distribusi=")
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let res = d
        .app
        .post(
            &tetapkan,
            &d.kapus,
            "catatan=Ikut%20pelatihan&alasan_distribusi=",
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("tidak sesuai pola") && res.body.contains("Ikut pelatihan"));
    let alasan = "catatan=Ikut%20pelatihan&alasan_distribusi=Tim%20baru%20satu%20orang%20dinilai";
    assert_eq!(
        d.app.post(&tetapkan, &d.kapus, alasan).await.status,
        StatusCode::SEE_OTHER
    );
});

// Ani finds the result in her list and objects; a thin reason, a forged post and the penilai are
// refused.
db_test!(the_pegawai_objects_to_a_result_handed_out, |db| {
    let d = ditetapkan(db).await;
    let res = d.app.get("/evaluasi", &d.ani).await;
    assert!(res.body.contains(&format!("href=\"{}\"", d.ev)));
    let res = d.app.get(&d.ev, &d.ani).await;
    assert!(res.body.contains("Ajukan keberatan"));
    let kb = format!("{}/keberatan", d.ev);
    let res = d.app.post(&kb, &d.ani, "alasan=tidak%20adil").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("tidak adil"));
    let mut evil = post(&kb, &d.ani, ALASAN_KEBERATAN);
    evil.headers_mut()
        .insert(header::ORIGIN, "http://evil.example".parse().unwrap());
    evil.headers_mut().remove("sec-fetch-site");
    assert_eq!(
        send(&d.app.router, evil).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        d.app.post(&kb, &d.kapus, ALASAN_KEBERATAN).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        d.app.post(&kb, &d.ani, ALASAN_KEBERATAN).await.status,
        StatusCode::SEE_OTHER
    );
});

// The atasan sees the keberatan waiting, asks for explanations, the penilai explains, and the
// atasan decides; nobody else may.
db_test!(
    the_atasan_decides_a_keberatan_after_the_explanations,
    |db| {
        let d = dikeberatani(db).await;
        let ev = &d.ev;
        let res = d.app.get("/evaluasi", &d.kadis).await;
        assert!(res.body.contains("Keberatan yang menunggu keputusan Anda"));
        assert!(res.body.contains("Batas keputusan"));
        let minta = format!("{ev}/keberatan/minta-penjelasan");
        assert_eq!(
            d.app.post(&minta, &d.kapus, "").await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            d.app.post(&minta, &d.kadis, "").await.status,
            StatusCode::SEE_OTHER
        );
        let jelaskan = format!("{ev}/keberatan/penjelasan");
        let penjelasan = "penjelasan=Dua%20laporan%20terlambat";
        assert_eq!(
            d.app.post(&jelaskan, &d.kapus, penjelasan).await.status,
            StatusCode::SEE_OTHER
        );
        let putusan = format!("{ev}/keberatan/putusan");
        assert_eq!(
            d.app.post(&putusan, &d.ani, DITOLAK).await.status,
            StatusCode::FORBIDDEN
        );
        let res = d
            .app
            .post(
                &putusan,
                &d.kadis,
                "keputusan=DIUBAH&catatan_keputusan=singkat",
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.body.contains("Pilih Rating Hasil Kerja yang baru."));
        assert!(res.body.contains("sekurang-kurangnya 10 karakter"));
        assert_eq!(
            d.app.post(&putusan, &d.kadis, DITOLAK).await.status,
            StatusCode::SEE_OTHER
        );
        let res = d.app.get(ev, &d.ani).await;
        assert!(
            res.body
                .contains("<strong id=\"status-evaluasi\">Final</strong>"),
            "{}",
            res.body
        );
        assert!(res.body.contains("Keberatan ditolak"));
    }
);

db_test!(the_evaluation_document_is_for_its_parties_only, |db| {
    let d = final_(db).await;
    let pdf = format!("{}/dokumen.pdf", d.ev);
    let res = d.app.get(&pdf, &d.ani).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.starts_with("%PDF"));
    assert_eq!(res.headers[header::CONTENT_TYPE], "application/pdf");
    assert_eq!(d.app.get(&pdf, &d.joko).await.status, StatusCode::FORBIDDEN);
    let st = d.app.get(&pdf, &d.beta).await.status;
    assert!(
        matches!(st, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
        "{st}"
    );
});

db_test!(the_units_recap_is_for_its_leader_above, |db| {
    let d = final_(db).await;
    let rekap = format!(
        "/distribusi/{}/rekap.xlsx?periode={}",
        d.f.unit_pkm, d.periode
    );
    let res = d.app.get(&rekap, &d.kadis).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.starts_with("PK"));
    assert_eq!(
        d.app.get(&rekap, &d.ani).await.status,
        StatusCode::FORBIDDEN
    );
});

db_test!(performance_settings_are_the_admins_and_checked, |db| {
    let d = dinilai(db).await;
    assert_eq!(
        d.app.get("/pengaturan-kinerja", &d.ani).await.status,
        StatusCode::FORBIDDEN
    );
    let res = d
        .app
        .post(
            "/pengaturan-kinerja",
            &d.admin,
            "distribusi_mode=BLOCK&saran_di_atas=90&saran_sesuai=95&ukuran_minimum=3",
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("harus di bawah batas Di Atas"));
});

db_test!(
    only_the_admin_reopens_a_final_evaluation_with_a_reason,
    |db| {
        let d = final_(db).await;
        let buka = format!("{}/buka", d.ev);
        assert_eq!(
            d.app
                .post(&buka, &d.kadis, "alasan_buka=Salah%20input%20rating")
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            d.app
                .post(&buka, &d.admin, "alasan_buka=salah")
                .await
                .status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        let alasan = "alasan_buka=Salah%20input%20rating%20oleh%20penilai";
        assert_eq!(
            d.app.post(&buka, &d.admin, alasan).await.status,
            StatusCode::SEE_OTHER
        );
        let res = d.app.get(&d.ev, &d.kapus).await;
        assert!(res.body.contains("Tetapkan hasil evaluasi"));
    }
);

/// Ani rated Di Bawah / Sesuai (Butuh Perbaikan) and the result handed out by Sari.
async fn butuh_perbaikan(db: &DatabaseConnection) -> Dinilai {
    let d = dinilai_sebagai(db, "DIBAWAH", "Laporan%20terlambat").await;
    let alasan =
        "catatan=Ikuti%20bimbingan&alasan_distribusi=Tim%20kecil%2C%20hasil%20sesuai%20bukti";
    assert_eq!(
        d.app
            .post(&format!("{}/tetapkan", d.ev), &d.kapus, alasan)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    d
}

fn rencana_perbaikan() -> String {
    format!(
        "sasaran=Laporan%20kunjungan%20tepat%20waktu&langkah=Pendampingan%20mingguan%20kepala%20puskesmas&mulai={}",
        wib_today()
    )
}

/// [`butuh_perbaikan`] with the improvement plan Sari recorded.
async fn dalam_perbaikan(db: &DatabaseConnection) -> Dinilai {
    let d = butuh_perbaikan(db).await;
    let rp = format!("{}/rencana-perbaikan", d.ev);
    assert_eq!(
        d.app.post(&rp, &d.kapus, &rencana_perbaikan()).await.status,
        StatusCode::SEE_OTHER
    );
    d
}

// A self-evaluation is not submitted before every IKI has its realisasi, nor by a colleague;
// the sheet tells the penilai it has not come.
db_test!(
    a_self_evaluation_needs_every_realisasi_and_is_the_pegawais,
    |db| {
        let f = fixture(db).await;
        let r = testing::rencana(db, &f, wib_today()).await;
        let app = app(db);
        let kapus = login(&app, testing::NIP_KAPUS).await;
        let ani = login(&app, testing::NIP_PERAWAT1).await;
        let joko = login(&app, testing::NIP_PERAWAT2).await;
        let periode = periode_kini(db, f.alpha).await;
        let ajukan = format!("/skp/{}/realisasi/{periode}/ajukan", r.skp_perawat1);
        let res = send(&app, post(&ajukan, &ani, "")).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            res.body
                .contains("Isi realisasi setiap indikator terlebih dahulu")
        );
        assert_eq!(
            send(&app, post(&ajukan, &joko, "")).await.status,
            StatusCode::FORBIDDEN
        );
        let res = send(&app, get(&format!("/penilaian/{}", r.skp_perawat1), &kapus)).await;
        assert!(
            res.body
                .contains("Pegawai belum mengajukan realisasi periode ini.")
        );
    }
);

// The penilai records the improvement plan; the pegawai may not; bad input keeps the text; the
// pegawai then reads it as running.
db_test!(the_penilai_records_the_improvement_plan, |db| {
    let d = butuh_perbaikan(db).await;
    let res = d.app.get(&d.ev, &d.kapus).await;
    assert!(res.body.contains("Catat rencana perbaikan"));
    let rp = format!("{}/rencana-perbaikan", d.ev);
    assert_eq!(
        d.app.post(&rp, &d.ani, &rencana_perbaikan()).await.status,
        StatusCode::FORBIDDEN
    );
    let buruk = "sasaran=Laporan%20tepat%20waktu%20sekali&langkah=&mulai=kemarin";
    let res = d.app.post(&rp, &d.kapus, buruk).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("Laporan tepat waktu sekali"));
    assert!(
        res.body
            .contains("Isi tanggal mulai dengan format yang benar.")
    );
    assert_eq!(
        d.app.post(&rp, &d.kapus, &rencana_perbaikan()).await.status,
        StatusCode::SEE_OTHER
    );
    let res = d.app.get(&d.ev, &d.ani).await;
    assert!(
        res.body.contains("<td id=\"status-rencana\">Berjalan</td>"),
        "{}",
        res.body
    );
    assert!(!res.body.contains("form-rencana"));
});

db_test!(tidak_membaik_is_refused_before_six_months, |db| {
    let d = dalam_perbaikan(db).await;
    let hasil = format!("{}/rencana-perbaikan/hasil", d.ev);
    let res = d
        .app
        .post(
            &hasil,
            &d.kapus,
            "status=TIDAK_MEMBAIK&hasil=Masih%20terlambat%20dua%20pekan",
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("Masa perbaikan enam bulan berakhir"));
});

db_test!(the_follow_up_list_is_for_the_leader_above, |db| {
    let d = dalam_perbaikan(db).await;
    let tl = format!(
        "/distribusi/{}/tindak-lanjut?periode={}",
        d.f.unit_pkm, d.periode
    );
    let res = d.app.get(&tl, &d.kadis).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(res.body.contains("Ani Perawat") && res.body.contains("Berjalan"));
    assert!(
        res.body
            .contains("Belum ada pegawai dengan predikat Sangat Baik")
    );
    assert_eq!(d.app.get(&tl, &d.ani).await.status, StatusCode::FORBIDDEN);
});

db_test!(the_units_results_link_every_evaluation, |db| {
    let d = butuh_perbaikan(db).await;
    let hasil = format!("/distribusi/{}/hasil?periode={}", d.f.unit_pkm, d.periode);
    for who in [&d.kadis, &d.admin] {
        let res = d.app.get(&hasil, who).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert!(
            res.body
                .contains(&format!("<a href=\"{}\">Ani Perawat</a>", d.ev))
        );
        assert!(res.body.contains("Joko Perawat") && res.body.contains("Belum dinilai"));
    }
    assert_eq!(
        d.app.get(&hasil, &d.joko).await.status,
        StatusCode::FORBIDDEN
    );
});

// The angka kredit page is the pegawai's own, not a colleague's; the AK brought in from before
// is the admin's to enter, checked.
db_test!(
    angka_kredit_is_the_pegawais_page_and_the_initial_ak_the_admins,
    |db| {
        let d = butuh_perbaikan(db).await;
        let res = d.app.get("/angka-kredit", &d.ani).await;
        let ak = format!("/pegawai/{}/angka-kredit", d.f.perawat1.id);
        assert_eq!(res.headers[header::LOCATION], ak.as_str());
        let res = d.app.get(&ak, &d.ani).await;
        assert_eq!(res.status, StatusCode::OK);
        assert!(res.body.contains("Ahli Pertama") && res.body.contains("Belum final"));
        assert!(res.body.contains("2,34"), "{}", res.body);
        assert!(!res.body.contains("form-ak-awal"));
        assert_eq!(d.app.get(&ak, &d.joko).await.status, StatusCode::FORBIDDEN);
        let awal = "nilai=48%2C00&per_tanggal=2026-01-01&keterangan=PAK%20integrasi%202023";
        assert_eq!(
            d.app.post(&ak, &d.ani, awal).await.status,
            StatusCode::FORBIDDEN
        );
        let res = d
            .app
            .post(
                &ak,
                &d.admin,
                "nilai=48%2C001&per_tanggal=2026-01-01&keterangan=PAK%20lama",
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.body.contains("paling banyak dua desimal") && res.body.contains("PAK lama"));
        assert_eq!(
            d.app.post(&ak, &d.admin, awal).await.status,
            StatusCode::SEE_OTHER
        );
        let res = d.app.get(&ak, &d.ani).await;
        assert!(
            res.body.contains("<span id=\"total-ak\">48,00</span>"),
            "{}",
            res.body
        );
    }
);

db_test!(
    the_skp_document_is_for_the_pegawai_and_their_penilai,
    |db| {
        let f = fixture(db).await;
        let r = testing::rencana(db, &f, wib_today()).await;
        let app = app(db);
        let skp_pdf = format!("/skp/{}/dokumen.pdf", r.skp_perawat1);
        for nip in [testing::NIP_PERAWAT1, testing::NIP_KAPUS] {
            let who = login(&app, nip).await;
            let res = send(&app, get(&skp_pdf, &who)).await;
            assert_eq!(res.status, StatusCode::OK);
            assert!(res.body.starts_with("%PDF"));
            assert_eq!(res.headers[header::CONTENT_TYPE], "application/pdf");
        }
        let joko = login(&app, testing::NIP_PERAWAT2).await;
        assert_eq!(
            send(&app, get(&skp_pdf, &joko)).await.status,
            StatusCode::FORBIDDEN
        );
    }
);
