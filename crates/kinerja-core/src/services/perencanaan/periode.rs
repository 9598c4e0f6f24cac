//! Evaluation periods (`DOMAIN.md` §3.1, §6.5): the admin instansi opens a year, which creates
//! the annual period and its quarterly (TRIWULAN I–IV) or monthly parts, each with an entry
//! deadline; periods are closed when the deadline passes and can be reopened, all audited.
//! Later features ask [`terbuka_pada`] before accepting a write into a period.

use crate::actor::Actor;
use crate::db::baca;
use crate::db::entities::periode;
use crate::error::{CoreError, CoreResult, FieldErrors};
use crate::rules::kalender::BULAN;
use crate::services::jejak::audit;
use crate::services::now;
use chrono::{Datelike, Duration, NaiveDate};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, QueryTrait, Set, Statement, TransactionTrait, Value,
};
use serde::Deserialize;

pub const TERBUKA: &str = "TERBUKA";
/// The jenis of the annual period; the others (quarters or months) are its parts.
pub const TAHUNAN: &str = "TAHUNAN";
pub const DITUTUP: &str = "DITUTUP";

const TRIWULAN: [&str; 4] = ["I", "II", "III", "IV"];

#[derive(Debug, Clone, Default, Deserialize)]
pub struct BukaTahunInput {
    #[serde(default)]
    pub tahun: String,
    /// TRIWULAN or BULANAN.
    #[serde(default)]
    pub skema: String,
    /// Days after a period ends during which it may still be filled in.
    #[serde(default)]
    pub tenggang_hari: String,
}

/// One period to create: (jenis, urutan, nama, mulai, selesai).
type Rencana = (&'static str, i32, String, NaiveDate, NaiveDate);

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid calendar date")
}

fn last_day(y: i32, m: u32) -> NaiveDate {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    ymd(ny, nm, 1) - Duration::days(1)
}

/// The periods of a year under a scheme, annual first. Pure, so it is tested on its own.
pub fn rencana(tahun: i32, skema: &str) -> Option<Vec<Rencana>> {
    let mut out = vec![(
        TAHUNAN,
        0,
        format!("Tahunan {tahun}"),
        ymd(tahun, 1, 1),
        ymd(tahun, 12, 31),
    )];
    match skema {
        "TRIWULAN" => {
            for (i, nama) in TRIWULAN.iter().enumerate() {
                let m0 = i as u32 * 3 + 1;
                let akhir = if i == 3 {
                    "IV-AKHIR".to_string()
                } else {
                    nama.to_string()
                };
                out.push((
                    "TRIWULAN",
                    i as i32 + 1,
                    format!("Triwulan {akhir} {tahun}"),
                    ymd(tahun, m0, 1),
                    last_day(tahun, m0 + 2),
                ));
            }
        }
        "BULANAN" => {
            for (i, nama) in BULAN.iter().enumerate() {
                let m = i as u32 + 1;
                out.push((
                    "BULANAN",
                    m as i32,
                    format!("{nama} {tahun}"),
                    ymd(tahun, m, 1),
                    last_day(tahun, m),
                ));
            }
        }
        _ => return None,
    }
    Some(out)
}

/// Opens a year for an instansi. Refused when the year is already open.
pub async fn buka_tahun(
    db: &DatabaseConnection,
    actor: &Actor,
    instansi_id: i32,
    input: &BukaTahunInput,
) -> CoreResult<Vec<periode::Model>> {
    actor.require_admin_instansi(instansi_id)?;
    let mut e = FieldErrors::new();
    let tahun = match input.tahun.trim().parse::<i32>() {
        Ok(t) if (2020..=2100).contains(&t) => Some(t),
        _ => {
            e.add("tahun", "Tahun harus antara 2020 dan 2100.");
            None
        }
    };
    let tenggang = match input.tenggang_hari.trim() {
        "" => Some(10),
        s => match s.parse::<i64>() {
            Ok(d) if (0..=90).contains(&d) => Some(d),
            _ => {
                e.add(
                    "tenggang_hari",
                    "Masa pengisian 0–90 hari setelah periode berakhir.",
                );
                None
            }
        },
    };
    // The scheme is checked whatever the year, so that a form with both wrong names both.
    if rencana(tahun.unwrap_or(2020), &input.skema).is_none() {
        e.add("skema", "Pilih periode triwulanan atau bulanan.");
    }
    let plan = tahun.and_then(|t| rencana(t, &input.skema));
    if let Some(t) = tahun {
        let exists = periode::Entity::find()
            .filter(periode::Column::InstansiId.eq(instansi_id))
            .filter(periode::Column::Tahun.eq(t))
            .one(db)
            .await?;
        if exists.is_some() {
            e.add(
                "tahun",
                format!("Tahun {t} sudah dibuka untuk instansi ini."),
            );
        }
    }
    e.into_result()?;
    let (plan, tenggang) = (plan.unwrap_or_default(), tenggang.unwrap_or(10));
    let txn = db.begin().await?;
    let mut created = Vec::new();
    for (jenis, urutan, nama, mulai, selesai) in plan {
        let p = periode::ActiveModel {
            instansi_id: Set(instansi_id),
            tahun: Set(mulai.year()),
            jenis: Set(jenis.to_string()),
            urutan: Set(urutan),
            nama: Set(nama),
            mulai: Set(mulai),
            selesai: Set(selesai),
            batas_pengisian: Set(selesai + Duration::days(tenggang)),
            status: Set(TERBUKA.to_string()),
            created_at: Set(now()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit::created(&txn, actor, Some(instansi_id), ("periode", p.id as i64), &p).await?;
        created.push(p);
    }
    txn.commit().await?;
    Ok(created)
}

/// The periods of an instansi, newest year first, annual before its parts.
pub async fn daftar<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    instansi_id: i32,
) -> CoreResult<Vec<periode::Model>> {
    if !actor.can_admin_instansi(instansi_id) && actor.instansi_id != Some(instansi_id) {
        return Err(CoreError::Forbidden);
    }
    Ok(periode::Entity::find()
        .filter(periode::Column::InstansiId.eq(instansi_id))
        .order_by_desc(periode::Column::Tahun)
        .order_by_asc(periode::Column::Jenis)
        .order_by_asc(periode::Column::Urutan)
        .all(db)
        .await?)
}

/// Closes (`buka = false`) or reopens a period.
pub async fn ubah_status(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    buka: bool,
) -> CoreResult<periode::Model> {
    let p = periode::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(CoreError::NotFound)?;
    actor.require_admin_instansi(p.instansi_id)?;
    let status = if buka { TERBUKA } else { DITUTUP };
    if p.status == status {
        return Ok(p);
    }
    let txn = db.begin().await?;
    let before = p.clone();
    let mut am: periode::ActiveModel = p.into();
    am.status = Set(status.to_string());
    let saved = am.update(&txn).await?;
    audit::updated(
        &txn,
        actor,
        Some(saved.instansi_id),
        ("periode", saved.id as i64),
        &before,
        &saved,
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}

/// Whether entries for `tanggal` may be written today: a period of the instansi covers the date,
/// is open, and its entry deadline has not passed. Later features call this before any write.
pub async fn terbuka_pada<C: ConnectionTrait + 'static>(
    db: &C,
    instansi_id: i32,
    tanggal: NaiveDate,
    today: NaiveDate,
) -> CoreResult<bool> {
    let bacaan = PeriodeTerbuka {
        instansi_id,
        tanggal,
    };
    let covering = baca::satu(db, &bacaan).await?;
    Ok(covering.is_some_and(|(status, batas)| status == TERBUKA && today <= batas))
}

/// The named read of [`terbuka_pada`]: the state and entry deadline of the instansi's period
/// (month or quarter) that covers `tanggal`. Two columns rather than the whole row: every
/// activity posted asks this (`docs/PERFORMANCE.md`).
struct PeriodeTerbuka {
    instansi_id: i32,
    tanggal: NaiveDate,
}

impl baca::Bacaan for PeriodeTerbuka {
    type Baris = (String, NaiveDate);

    fn teks(&self) -> &'static baca::Fixed {
        static TEKS: baca::Fixed = baca::Fixed::new();
        &TEKS
    }

    fn nilai(&self) -> Vec<Value> {
        vec![
            self.instansi_id.into(),
            TAHUNAN.into(),
            self.tanggal.into(),
            self.tanggal.into(),
            Value::BigUnsigned(Some(1)),
        ]
    }

    fn bangun(&self, backend: DbBackend) -> Statement {
        periode::Entity::find()
            .select_only()
            .columns([periode::Column::Status, periode::Column::BatasPengisian])
            .filter(periode::Column::InstansiId.eq(self.instansi_id))
            .filter(periode::Column::Jenis.ne(TAHUNAN))
            .filter(periode::Column::Mulai.lte(self.tanggal))
            .filter(periode::Column::Selesai.gte(self.tanggal))
            .limit(1)
            .build(backend)
    }
}

/// The period (month or quarter) of an instansi that contains `today`.
pub async fn kini<C: ConnectionTrait + 'static>(
    db: &C,
    instansi_id: i32,
    today: NaiveDate,
) -> CoreResult<Option<periode::Model>> {
    Ok(baca::first(db, pada(Expr::val(instansi_id), today)).await?)
}

/// The periods of the instansi `instansi` (a value, or a column of an outer statement) that
/// contain `today`, first the one [`kini`] takes. A year is planned in months or in
/// quarters, so one period at most contains the day; the order makes the choice the same on
/// both databases should an instansi have both. The session's statement of the monitoring page
/// reads the period with this query as its subquery (`akun::auth::actor_for_page_kini`).
pub(crate) fn pada(instansi: Expr, today: NaiveDate) -> sea_orm::Select<periode::Entity> {
    periode::Entity::find()
        .filter(Expr::col((periode::Entity, periode::Column::InstansiId)).eq(instansi))
        .filter(periode::Column::Jenis.ne(TAHUNAN))
        .filter(periode::Column::Mulai.lte(today))
        .filter(periode::Column::Selesai.gte(today))
        .order_by_asc(periode::Column::Id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_and_months_cover_the_year() {
        let q = rencana(2026, "TRIWULAN").unwrap();
        assert_eq!(q.len(), 5);
        assert_eq!(q[1].2, "Triwulan I 2026");
        assert_eq!((q[1].3, q[1].4), (ymd(2026, 1, 1), ymd(2026, 3, 31)));
        assert_eq!(q[4].2, "Triwulan IV-AKHIR 2026");
        assert_eq!(q[4].4, ymd(2026, 12, 31));
        let m = rencana(2028, "BULANAN").unwrap();
        assert_eq!(m.len(), 13);
        assert_eq!(
            (m[2].2.as_str(), m[2].4),
            ("Februari 2028", ymd(2028, 2, 29))
        );
        for w in m[1..].windows(2) {
            assert_eq!(w[0].4 + Duration::days(1), w[1].3, "no gaps or overlaps");
        }
        assert!(rencana(2026, "MINGGUAN").is_none());
    }

    /// `services::ringkasan::hitungan` keeps activity counts per calendar month and adds up a
    /// period's months: that holds only while every period is made of whole months.
    #[test]
    fn every_period_is_whole_months() {
        for (tahun, skema) in [(2026, "TRIWULAN"), (2028, "BULANAN"), (2027, "BULANAN")] {
            for (_, _, nama, mulai, selesai) in rencana(tahun, skema).unwrap() {
                assert_eq!(mulai.day(), 1, "{nama} starts on the 1st");
                assert_eq!(
                    (selesai + Duration::days(1)).day(),
                    1,
                    "{nama} ends a month"
                );
            }
        }
    }
}
