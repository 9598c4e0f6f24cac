//! Jabatan: the positions of an instansi, each in a unit, with jenis, jenjang and the jabatan it
//! reports to. The reporting line is what derives each pegawai's pejabat penilai.

use crate::actor::Actor;
use crate::db::entities::{jabatan, unit_kerja};
use crate::error::{CoreError, CoreResult, FieldErrors};
use crate::rules::jabatan::JenisJabatan;
use crate::services::jejak::audit::{self, Action};
use crate::services::{Page, like_escape, now, required_text};
use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct JabatanInput {
    #[serde(default)]
    pub nama: String,
    #[serde(default)]
    pub unit_kerja_id: String,
    #[serde(default)]
    pub jenis: String,
    #[serde(default)]
    pub jenjang: String,
    #[serde(default)]
    pub atasan_id: String,
}

impl From<&jabatan::Model> for JabatanInput {
    fn from(m: &jabatan::Model) -> Self {
        JabatanInput {
            nama: m.nama.clone(),
            unit_kerja_id: m.unit_kerja_id.to_string(),
            jenis: m.jenis.clone(),
            jenjang: m.jenjang.clone(),
            atasan_id: m.atasan_id.map(|a| a.to_string()).unwrap_or_default(),
        }
    }
}

/// A new jabatan row (not yet inserted): the one place that fills in derived columns.
pub fn new_row(
    instansi_id: i32,
    unit_kerja_id: i32,
    nama: &str,
    jenis: JenisJabatan,
    jenjang: &str,
    atasan_id: Option<i32>,
) -> jabatan::ActiveModel {
    jabatan::ActiveModel {
        instansi_id: Set(instansi_id),
        unit_kerja_id: Set(unit_kerja_id),
        nama: Set(nama.to_string()),
        nama_lower: Set(nama.to_lowercase()),
        jenis: Set(jenis.code().to_string()),
        jenjang: Set(jenjang.to_string()),
        atasan_id: Set(atasan_id),
        created_at: Set(now()),
        ..Default::default()
    }
}

/// A jabatan with the names a list needs.
#[derive(Debug, Clone)]
pub struct JabatanRow {
    pub jabatan: jabatan::Model,
    pub unit_nama: String,
    pub atasan_nama: String,
}

fn can_read(actor: &Actor, instansi_id: i32) -> bool {
    actor.can_admin_instansi(instansi_id) || actor.instansi_id == Some(instansi_id)
}

pub async fn lihat<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: i32,
) -> CoreResult<jabatan::Model> {
    let j = jabatan::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(CoreError::NotFound)?;
    if !can_read(actor, j.instansi_id) {
        return Err(CoreError::Forbidden);
    }
    Ok(j)
}

/// Searchable, paginated list of an instansi's jabatan.
pub async fn daftar<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    instansi_id: i32,
    q: &str,
    page: u64,
) -> CoreResult<Page<JabatanRow>> {
    actor.require_admin_instansi(instansi_id)?;
    let mut query = jabatan::Entity::find().filter(jabatan::Column::InstansiId.eq(instansi_id));
    let q = q.trim().to_lowercase();
    if !q.is_empty() {
        let pat = format!("%{}%", like_escape(&q));
        query = query.filter(
            Condition::all()
                .add(Expr::col(jabatan::Column::NamaLower).like(LikeExpr::new(pat).escape('\\'))),
        );
    }
    let per_page = 25;
    let paginator = query
        .order_by_asc(jabatan::Column::NamaLower)
        .order_by_asc(jabatan::Column::Id)
        .paginate(db, per_page);
    let total = paginator.num_items().await?;
    let items = paginator
        .fetch_page(crate::services::indeks_halaman(page))
        .await?;
    let rows = dengan_nama(db, items).await?;
    Ok(Page::new(rows, page, per_page, total))
}

/// Adds unit and atasan names with two batched queries.
pub async fn dengan_nama<C: ConnectionTrait>(
    db: &C,
    items: Vec<jabatan::Model>,
) -> CoreResult<Vec<JabatanRow>> {
    let unit_ids: Vec<i32> = items.iter().map(|j| j.unit_kerja_id).collect();
    let atasan_ids: Vec<i32> = items.iter().filter_map(|j| j.atasan_id).collect();
    let units: HashMap<i32, String> = unit_kerja::Entity::find()
        .filter(unit_kerja::Column::Id.is_in(unit_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.nama))
        .collect();
    let atasan: HashMap<i32, String> = jabatan::Entity::find()
        .filter(jabatan::Column::Id.is_in(atasan_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|j| (j.id, j.nama))
        .collect();
    Ok(items
        .into_iter()
        .map(|j| JabatanRow {
            unit_nama: units.get(&j.unit_kerja_id).cloned().unwrap_or_default(),
            atasan_nama: j
                .atasan_id
                .and_then(|a| atasan.get(&a).cloned())
                .unwrap_or_default(),
            jabatan: j,
        })
        .collect())
}

/// Every jabatan of an instansi with its unit, for select boxes.
pub async fn pilihan<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    instansi_id: i32,
) -> CoreResult<Vec<JabatanRow>> {
    actor.require_admin_instansi(instansi_id)?;
    let items = jabatan::Entity::find()
        .filter(jabatan::Column::InstansiId.eq(instansi_id))
        .order_by_asc(jabatan::Column::NamaLower)
        .all(db)
        .await?;
    dengan_nama(db, items).await
}

pub async fn simpan(
    db: &DatabaseConnection,
    actor: &Actor,
    instansi_id: i32,
    id: Option<i32>,
    input: &JabatanInput,
) -> CoreResult<jabatan::Model> {
    actor.require_admin_instansi(instansi_id)?;
    let before = match id {
        Some(id) => {
            let b = jabatan::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or(CoreError::NotFound)?;
            if b.instansi_id != instansi_id {
                return Err(CoreError::Forbidden);
            }
            Some(b)
        }
        None => None,
    };
    let mut e = FieldErrors::new();
    let nama = required_text(&mut e, "nama", &input.nama, 200);
    let jenis = JenisJabatan::from_code(&input.jenis);
    let mut jenjang = String::new();
    match jenis {
        None => e.add("jenis", "Pilih jenis jabatan."),
        Some(j) => match j.check_jenjang(&input.jenjang) {
            Ok(code) => jenjang = code.unwrap_or_default().to_string(),
            Err(msg) => e.add("jenjang", msg),
        },
    }
    let unit_id = input.unit_kerja_id.trim().parse::<i32>().ok();
    match unit_id {
        None => e.add("unit_kerja_id", "Pilih unit kerja."),
        Some(u) => match unit_kerja::Entity::find_by_id(u).one(db).await? {
            Some(unit) if unit.instansi_id == instansi_id => {}
            _ => e.add(
                "unit_kerja_id",
                "Unit kerja tidak ditemukan di instansi ini.",
            ),
        },
    }
    let atasan_id = match input.atasan_id.trim() {
        "" => None,
        s => s.parse::<i32>().ok().or_else(|| {
            e.add("atasan_id", "Jabatan atasan tidak valid.");
            None
        }),
    };
    if let Some(a) = atasan_id {
        match jabatan::Entity::find_by_id(a).one(db).await? {
            Some(atasan) if atasan.instansi_id == instansi_id => {
                if let Some(me) = id
                    && reports_to(db, a, me).await?
                {
                    e.add(
                        "atasan_id",
                        "Jabatan atasan tidak boleh jabatan ini sendiri atau bawahannya.",
                    );
                }
            }
            _ => e.add(
                "atasan_id",
                "Jabatan atasan tidak ditemukan di instansi ini.",
            ),
        }
    }
    if let Some(u) = unit_id {
        let clash = jabatan::Entity::find()
            .filter(jabatan::Column::UnitKerjaId.eq(u))
            .filter(jabatan::Column::NamaLower.eq(nama.to_lowercase()))
            .one(db)
            .await?;
        if clash.is_some_and(|c| Some(c.id) != id) {
            e.add("nama", "Nama jabatan sudah ada di unit ini.");
        }
    }
    e.into_result()?;
    let txn = db.begin().await?;
    let mut am = match &before {
        Some(b) => b.clone().into(),
        None => jabatan::ActiveModel {
            instansi_id: Set(instansi_id),
            created_at: Set(now()),
            ..Default::default()
        },
    };
    am.nama_lower = Set(nama.to_lowercase());
    am.nama = Set(nama);
    am.unit_kerja_id = Set(unit_id.unwrap_or_default());
    am.jenis = Set(jenis.map(|j| j.code()).unwrap_or_default().to_string());
    am.jenjang = Set(jenjang);
    am.atasan_id = Set(atasan_id);
    let saved = match before {
        Some(_) => am.update(&txn).await?,
        None => am.insert(&txn).await?,
    };
    let action = if id.is_some() {
        Action::Update
    } else {
        Action::Create
    };
    audit::record(
        &txn,
        actor,
        Some(instansi_id),
        action,
        ("jabatan", saved.id as i64),
        before.as_ref(),
        Some(&saved),
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}

/// True when walking up the reporting line from `start` meets `target`.
async fn reports_to<C: ConnectionTrait>(db: &C, start: i32, target: i32) -> CoreResult<bool> {
    let mut cur = Some(start);
    for _ in 0..64 {
        match cur {
            None => return Ok(false),
            Some(c) if c == target => return Ok(true),
            Some(c) => {
                cur = jabatan::Entity::find_by_id(c)
                    .one(db)
                    .await?
                    .and_then(|j| j.atasan_id)
            }
        }
    }
    Ok(true)
}

pub async fn jumlah<C: ConnectionTrait>(db: &C, instansi_id: i32) -> CoreResult<u64> {
    Ok(jabatan::Entity::find()
        .filter(jabatan::Column::InstansiId.eq(instansi_id))
        .count(db)
        .await?)
}
