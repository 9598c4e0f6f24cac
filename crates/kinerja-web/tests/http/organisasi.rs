//! The CSV import page.

use super::*;

db_test!(csv_import_page_reports_rows, |db| {
    fixture(db).await;
    let app = app(db);
    let cookie = login(&app, "admin.alpha").await;
    let before = pegawai::Entity::find().count(db).await.unwrap();
    let bad = "nip,nama,status_asn,golongan,unit_kerja,jabatan,aktif\n198808082012081008,Dina,PNS,III/a,Puskesmas Kota,Perawat Ahli Pertama,ya\n123,Salah,PNS,III/a,Puskesmas Kota,Perawat Ahli Pertama,ya\n";
    let res = send(&app, multipart("/impor", &cookie, "pegawai", bad)).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("Tidak ada yang disimpan") && res.body.contains("<td>3</td>"));
    assert_eq!(pegawai::Entity::find().count(db).await.unwrap(), before);
    let good = "nip,nama,status_asn,golongan,unit_kerja,jabatan,aktif\n198808082012081008,Dina,PNS,III/a,Puskesmas Kota,Perawat Ahli Pertama,ya\n";
    let res = send(&app, multipart("/impor", &cookie, "pegawai", good)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("Impor berhasil: 1 baris, 1 ditambahkan"));
    assert_eq!(pegawai::Entity::find().count(db).await.unwrap(), before + 1);
    let perawat = login(&app, testing::NIP_PERAWAT1).await;
    assert_eq!(
        send(&app, multipart("/impor", &perawat, "pegawai", good))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
});
