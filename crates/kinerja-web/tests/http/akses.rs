//! Forbidden paths: another pegawai's record, another instansi, a role without the right.

use super::*;

db_test!(forbidden_paths_are_refused, |db| {
    let f = fixture(db).await;
    let app = app(db);
    let perawat = login(&app, testing::NIP_PERAWAT1).await;
    let admin_beta = login(&app, "admin.beta").await;
    let kapus = login(&app, testing::NIP_KAPUS).await;

    // A pegawai: own record yes; a colleague, the directory, admin pages and forms no.
    assert_eq!(
        send(&app, get(&format!("/pegawai/{}", f.perawat1.id), &perawat))
            .await
            .status,
        StatusCode::OK
    );
    for path in [
        format!("/pegawai/{}", f.perawat2.id),
        format!("/pegawai/{}", f.beta_pegawai.id),
        format!("/pegawai/{}/ubah", f.perawat1.id),
        "/pegawai".to_string(),
        "/unit".to_string(),
        "/jabatan".to_string(),
        "/audit".to_string(),
        "/impor".to_string(),
        "/instansi/baru".to_string(),
    ] {
        let res = send(&app, get(&path, &perawat)).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{path}");
    }
    let res = send(
        &app,
        post(
            &format!("/pegawai/{}/ubah", f.perawat1.id),
            &perawat,
            "nama=Saya+Sendiri",
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let res = send(
        &app,
        post(
            &format!("/pegawai/{}/kata-sandi", f.perawat2.id),
            &perawat,
            "baru=bobol12345&konfirmasi=bobol12345",
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);

    // The penilai sees their team member but not the other instansi.
    assert_eq!(
        send(&app, get(&format!("/pegawai/{}", f.perawat1.id), &kapus))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        send(
            &app,
            get(&format!("/pegawai/{}", f.beta_pegawai.id), &kapus)
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );

    // Admin of Beta: Alpha's records, forms and history are off limits.
    for path in [
        format!("/pegawai/{}", f.perawat1.id),
        format!("/pegawai/{}/ubah", f.perawat1.id),
        format!("/unit/{}/ubah", f.unit_pkm),
        format!("/jabatan/{}/ubah", f.jab_perawat),
        format!("/audit?entity=pegawai&id={}", f.perawat1.id),
        format!("/pegawai?instansi={}", f.alpha),
    ] {
        let res = send(&app, get(&path, &admin_beta)).await;
        assert!(
            res.status == StatusCode::FORBIDDEN || !res.body.contains("Ani Perawat"),
            "{path}: {}",
            res.status
        );
    }
    let form = format!(
        "nama=Dibajak&nip={}&status_asn=PNS&golongan=III/a&jabatan_id={}&aktif=on",
        f.perawat1.nip, f.jab_perawat
    );
    let res = send(
        &app,
        post(
            &format!("/pegawai/{}/ubah", f.perawat1.id),
            &admin_beta,
            &form,
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let res = send(
        &app,
        post(
            &format!("/pegawai/{}/penilai", f.perawat1.id),
            &admin_beta,
            "penilai_nip=&alasan=x",
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert_eq!(nama_of(db, f.perawat1.id).await, "Ani Perawat");
    // Beta's list shows only Beta.
    let res = send(&app, get("/pegawai", &admin_beta)).await;
    assert!(res.body.contains("Eko Beta") && !res.body.contains("Ani Perawat"));
});
