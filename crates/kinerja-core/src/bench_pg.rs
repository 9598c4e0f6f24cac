//! The statements of `bench/pg/`, which `bench/pg-parts.sh` runs with pgbench to split what the
//! monitoring page costs PostgreSQL (`docs/PERFORMANCE.md`), are the page's own: each
//! file is the text the code builds, its placeholders named for the values pgbench binds.
//! When the code's statement changes, these tests fail until the file is written again.

use crate::db::entities::periode;
use crate::services::{akun::auth, harian::monitoring, organisasi::penilai::Pejabat};
use chrono::NaiveDate;
use sea_orm::DbBackend;

/// `built`, a PostgreSQL statement, with each `$n` replaced by `names[n - 1]`.
fn named(built: &str, names: &[&str]) -> String {
    let mut out = String::with_capacity(built.len());
    let mut rest = built;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let digits: String = rest[at + 1..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let n: usize = digits.parse().expect("a numbered placeholder");
        out.push_str(names[n - 1]);
        rest = &rest[at + 1 + digits.len()..];
    }
    out.push_str(rest);
    out
}

/// The statement of `bench/pg/<file>`: its lines after the comments, without the `;`.
fn file(name: &str) -> String {
    let path = format!("{}/../../bench/pg/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let sql: Vec<&str> = text.lines().filter(|l| !l.starts_with("--")).collect();
    sql.join("\n").trim_end().trim_end_matches(';').to_string()
}

fn hari() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
}

#[test]
fn halaman_sql_is_the_monitoring_statement() {
    let per = periode::Model {
        id: 1,
        instansi_id: 1,
        tahun: 2026,
        jenis: "TRIWULAN".into(),
        urutan: 4,
        nama: "Triwulan IV".into(),
        mulai: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
        selesai: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
        batas_pengisian: NaiveDate::from_ymd_opt(2027, 1, 15).unwrap(),
        status: "TERBUKA".into(),
        created_at: chrono::Utc::now(),
    };
    let me = Pejabat {
        pegawai_id: 4,
        jabatan_id: 4,
    };
    let built = DbBackend::Postgres
        .build(&monitoring::tingkat_dengan_angka_query(
            me,
            Some(&per),
            hari(),
        ))
        .sql;
    let names = [
        ":benar", ":jabatan", ":benar", ":pegawai", ":hari", ":hari", ":pegawai", ":benar",
        ":mulai", ":selesai", ":tahun",
    ];
    assert_eq!(named(&built, &names), file("halaman.sql"));
}

#[test]
fn sesi_sql_is_the_monitoring_session() {
    let built = auth::halaman_query("x".into(), 0, Some(hari()), DbBackend::Postgres).sql;
    let names = [
        ":salah",
        "'TAHUNAN'",
        ":hari",
        ":hari",
        "1",
        ":hash",
        ":kini",
        "1",
    ];
    assert_eq!(named(&built, &names), file("sesi.sql"));
}

#[test]
fn the_variants_are_halaman_sql_with_a_part_taken_out() {
    let halaman = file("halaman.sql");
    let (level, _) = halaman
        .split_once(" SELECT \"t\".*, ")
        .expect("the first level, then its rows");
    assert_eq!(
        file("tingkat-satu.sql"),
        format!("{level} SELECT \"t\".* FROM \"t\"")
    );
    let kept = "\"rs\".\"skp_id\" AS \"skp_id\", \"rs\".\"status\" AS \"skp_status\", \
                \"rs\".\"progres\" AS \"progres\"";
    let join = " LEFT JOIN \"ringkasan_skp\" AS \"rs\" ON \"rs\".\"pegawai_id\" = \"g\".\"id\" \
                AND \"rs\".\"tahun\" = :tahun";
    assert!(halaman.contains(kept) && halaman.contains(join));
    assert_eq!(
        file("tanpa-ringkasan.sql"),
        halaman.replace(kept, "NULL, NULL, NULL").replace(join, "")
    );
}
