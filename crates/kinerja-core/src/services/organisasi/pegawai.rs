//! Pegawai: the people of an instansi. Admins create and edit them; a pegawai sees their own
//! record; their penilai and atasan penilai see it too. Nobody sees another instansi's people.

use crate::actor::Actor;
use crate::db::baca;
use crate::db::entities::{instansi, jabatan, pegawai, unit_kerja, user_account};
use crate::error::{CoreError, CoreResult, FieldErrors};
use crate::rules::golongan::{self, Golongan};
use crate::rules::nip::{Nip, StatusAsn};
use crate::services::jejak::audit::{self, Action};
use crate::services::organisasi::penilai::{self, Penilai};
use crate::services::{Page, like_escape, now, required_text};
use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Set, TransactionTrait,
};
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct PegawaiInput {
    #[serde(default)]
    pub nip: String,
    #[serde(default)]
    pub nama: String,
    #[serde(default)]
    pub status_asn: String,
    #[serde(default)]
    pub golongan: String,
    #[serde(default)]
    pub jabatan_id: String,
    #[serde(default)]
    pub aktif: Option<String>,
}

impl From<&pegawai::Model> for PegawaiInput {
    fn from(m: &pegawai::Model) -> Self {
        PegawaiInput {
            nip: m.nip.clone(),
            nama: m.nama.clone(),
            status_asn: m.status_asn.clone(),
            golongan: m.golongan.clone(),
            jabatan_id: m.jabatan_id.to_string(),
            aktif: m.aktif.then(|| "on".into()),
        }
    }
}

/// A new, active pegawai row (not yet inserted): the one place that fills in derived columns.
pub fn new_row(
    instansi_id: i32,
    jabatan_id: i32,
    unit_kerja_id: i32,
    nip: &str,
    nama: &str,
    status: StatusAsn,
    golongan: &str,
) -> pegawai::ActiveModel {
    pegawai::ActiveModel {
        instansi_id: Set(instansi_id),
        nip: Set(nip.to_string()),
        nama: Set(nama.to_string()),
        nama_lower: Set(nama.to_lowercase()),
        status_asn: Set(status.code().to_string()),
        golongan: Set(golongan.to_string()),
        jabatan_id: Set(jabatan_id),
        unit_kerja_id: Set(unit_kerja_id),
        aktif: Set(true),
        penilai_manual_id: Set(None),
        penilai_manual_alasan: Set(String::new()),
        created_at: Set(now()),
        updated_at: Set(now()),
        ..Default::default()
    }
}

/// A pegawai with the names a list or a profile shows.
#[derive(Debug, Clone)]
pub struct PegawaiRow {
    pub pegawai: pegawai::Model,
    pub jabatan_nama: String,
    pub unit_nama: String,
}

impl PegawaiRow {
    pub fn golongan_label(&self) -> String {
        let status = StatusAsn::from_code(&self.pegawai.status_asn).unwrap_or(StatusAsn::Pns);
        golongan::label(&self.pegawai.golongan, status)
    }
}

/// Everything the profile page shows.
#[derive(Debug, Clone)]
pub struct PegawaiDetail {
    pub row: PegawaiRow,
    pub instansi: instansi::Model,
    pub jabatan: jabatan::Model,
    pub penilai: Option<Penilai>,
    pub atasan_penilai: Option<Penilai>,
    pub username: Option<String>,
    /// Whether the actor may edit this record (an admin of its instansi).
    pub can_edit: bool,
}

/// Validated values of a [`PegawaiInput`].
pub struct ValidPegawai {
    pub nip: String,
    pub nama: String,
    pub status: StatusAsn,
    pub golongan: &'static str,
    pub jabatan: jabatan::Model,
    pub aktif: bool,
}

/// Validates a pegawai form against the rules of `DOMAIN.md` §15 and the instansi's jabatan.
/// `jabatan_lookup` resolves the jabatan (by id for forms, by name for imports).
pub fn validate(
    e: &mut FieldErrors,
    input: &PegawaiInput,
    jabatan: Option<jabatan::Model>,
    today: NaiveDate,
) -> Option<ValidPegawai> {
    let nama = required_text(e, "nama", &input.nama, 200);
    let status = StatusAsn::from_code(&input.status_asn);
    if status.is_none() {
        e.add("status_asn", "Pilih status ASN: PNS atau PPPK.");
    }
    let mut nip = String::new();
    let mut gol = None;
    if let Some(s) = status {
        match Nip::parse_for(&input.nip, s, today) {
            Ok(n) => nip = n.as_str().to_string(),
            Err(err) => e.add("nip", err.to_string()),
        }
        match Golongan::parse(&input.golongan, s) {
            Ok(g) => gol = Some(g.code),
            Err(msg) => e.add("golongan", msg),
        }
    } else if input.nip.trim().is_empty() {
        e.add("nip", "Wajib diisi.");
    }
    if jabatan.is_none() {
        e.add("jabatan_id", "Pilih jabatan dari instansi ini.");
    }
    match (status, gol, jabatan) {
        (Some(status), Some(golongan), Some(jabatan)) if e.is_empty() => Some(ValidPegawai {
            nip,
            nama,
            status,
            golongan,
            jabatan,
            aktif: input.aktif.is_some(),
        }),
        _ => None,
    }
}

/// Searches an instansi's pegawai by name or NIP. Admins only: a pegawai sees people through
/// their team, never through the directory.
pub async fn cari<C: ConnectionTrait + 'static>(
    db: &C,
    actor: &Actor,
    instansi_id: i32,
    q: &str,
    page: u64,
) -> CoreResult<Page<PegawaiRow>> {
    actor.require_admin_instansi(instansi_id)?;
    let mut query = pegawai::Entity::find().filter(pegawai::Column::InstansiId.eq(instansi_id));
    let q = q.trim().to_lowercase();
    if !q.is_empty() {
        let digits: String = q.chars().filter(|c| !c.is_whitespace()).collect();
        let mut cond = Condition::any().add(
            Expr::col(pegawai::Column::NamaLower)
                .like(LikeExpr::new(format!("%{}%", like_escape(&q))).escape('\\')),
        );
        if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
            cond = cond.add(pegawai::Column::Nip.starts_with(&digits));
        }
        query = query.filter(cond);
    }
    let per_page = 25;
    let paginator = query
        .order_by_asc(pegawai::Column::NamaLower)
        .order_by_asc(pegawai::Column::Id)
        .paginate(db, per_page);
    let total = paginator.num_items().await?;
    let items = paginator
        .fetch_page(crate::services::indeks_halaman(page))
        .await?;
    Ok(Page::new(baris(db, items).await?, page, per_page, total))
}

/// Adds jabatan and unit names with one batched query (no per-row lookups).
pub async fn baris<C: ConnectionTrait + 'static>(
    db: &C,
    items: Vec<pegawai::Model>,
) -> CoreResult<Vec<PegawaiRow>> {
    if items.is_empty() {
        return Ok(Vec::new());
    }
    // The names of each pegawai's jabatan and unit in one statement (`docs/PERFORMANCE.md`:
    // a page costs what its statements cost).
    let q = Query::select()
        .expr_as(Expr::col((pegawai::Entity, pegawai::Column::Id)), "id")
        .expr_as(
            Expr::col((jabatan::Entity, jabatan::Column::Nama)),
            "jabatan",
        )
        .expr_as(
            Expr::col((unit_kerja::Entity, unit_kerja::Column::Nama)),
            "unit",
        )
        .from(pegawai::Entity)
        .left_join(
            jabatan::Entity,
            Expr::col((jabatan::Entity, jabatan::Column::Id))
                .equals((pegawai::Entity, pegawai::Column::JabatanId)),
        )
        .left_join(
            unit_kerja::Entity,
            Expr::col((unit_kerja::Entity, unit_kerja::Column::Id))
                .equals((pegawai::Entity, pegawai::Column::UnitKerjaId)),
        )
        .and_where(
            Expr::col((pegawai::Entity, pegawai::Column::Id)).is_in(items.iter().map(|p| p.id)),
        )
        .to_owned();
    let rows: Vec<(i32, Option<String>, Option<String>)> =
        baca::all(db, db.get_database_backend().build(&q)).await?;
    let names: HashMap<i32, (String, String)> = rows
        .into_iter()
        .map(|(id, jabatan, unit)| (id, (jabatan.unwrap_or_default(), unit.unwrap_or_default())))
        .collect();
    Ok(items
        .into_iter()
        .map(|p| {
            let (jabatan_nama, unit_nama) = names.get(&p.id).cloned().unwrap_or_default();
            PegawaiRow {
                jabatan_nama,
                unit_nama,
                pegawai: p,
            }
        })
        .collect())
}

/// Loads a pegawai the actor may see: themselves, an admin of the instansi, or their penilai
/// or atasan penilai. Anything else is refused the same way whether or not the id exists.
pub async fn lihat<C: ConnectionTrait + 'static>(
    db: &C,
    actor: &Actor,
    id: i32,
    today: NaiveDate,
) -> CoreResult<pegawai::Model> {
    let p = baca::first(db, pegawai::Entity::find_by_id(id)).await?;
    let Some(p) = p else {
        return Err(if actor.is_admin() {
            CoreError::NotFound
        } else {
            CoreError::Forbidden
        });
    };
    if actor.can_admin_instansi(p.instansi_id)
        || actor.pegawai_id == Some(p.id)
        || penilai::aktor_menilai(db, actor, &p, today).await?
    {
        Ok(p)
    } else {
        Err(CoreError::Forbidden)
    }
}

pub async fn rincian<C: ConnectionTrait + 'static>(
    db: &C,
    actor: &Actor,
    id: i32,
    today: NaiveDate,
) -> CoreResult<PegawaiDetail> {
    let p = lihat(db, actor, id, today).await?;
    let instansi = baca::first(db, instansi::Entity::find_by_id(p.instansi_id))
        .await?
        .ok_or(CoreError::NotFound)?;
    let jabatan = baca::first(db, jabatan::Entity::find_by_id(p.jabatan_id))
        .await?
        .ok_or(CoreError::NotFound)?;
    let (penilai, atasan_penilai) = penilai::rantai(db, &p, today).await?;
    let akun = user_account::Entity::find()
        .select_only()
        .column(user_account::Column::Username)
        .filter(user_account::Column::PegawaiId.eq(p.id))
        .limit(1)
        .build(db.get_database_backend());
    let username = baca::one::<(String,), _>(db, akun).await?.map(|(u,)| u);
    let can_edit = actor.can_admin_instansi(p.instansi_id);
    let row = baris(db, vec![p]).await?.remove(0);
    Ok(PegawaiDetail {
        row,
        instansi,
        jabatan,
        penilai,
        atasan_penilai,
        username,
        can_edit,
    })
}

/// Creates (`id` = None) or updates a pegawai. The unit follows the jabatan's unit.
pub async fn simpan(
    db: &DatabaseConnection,
    actor: &Actor,
    instansi_id: i32,
    id: Option<i32>,
    input: &PegawaiInput,
    today: NaiveDate,
) -> CoreResult<pegawai::Model> {
    actor.require_admin_instansi(instansi_id)?;
    let before = match id {
        Some(id) => {
            let b = pegawai::Entity::find_by_id(id)
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
    let jabatan = match input.jabatan_id.trim().parse::<i32>() {
        Ok(jid) => jabatan::Entity::find_by_id(jid)
            .one(db)
            .await?
            .filter(|j| j.instansi_id == instansi_id),
        Err(_) => None,
    };
    let mut e = FieldErrors::new();
    let valid = validate(&mut e, input, jabatan, today);
    if let Some(v) = &valid {
        let clash = pegawai::Entity::find()
            .filter(pegawai::Column::Nip.eq(&v.nip))
            .one(db)
            .await?;
        if clash.is_some_and(|c| Some(c.id) != id) {
            e.add("nip", "NIP sudah terdaftar.");
        }
    }
    e.into_result()?;
    let v = valid.expect("no errors means valid");
    let txn = db.begin().await?;
    let saved = tulis(&txn, actor, instansi_id, before.as_ref(), v).await?;
    // The login name of a pegawai account is the NIP: keep it in step.
    if let Some(b) = &before
        && b.nip != saved.nip
        && let Some(u) = user_account::Entity::find()
            .filter(user_account::Column::PegawaiId.eq(saved.id))
            .one(&txn)
            .await?
    {
        let mut am: user_account::ActiveModel = u.into();
        am.username = Set(saved.nip.clone());
        am.update(&txn).await?;
    }
    txn.commit().await?;
    Ok(saved)
}

/// Inserts or updates one validated pegawai and records the audit event (used by forms and
/// imports alike, inside the caller's transaction).
pub async fn tulis<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    instansi_id: i32,
    before: Option<&pegawai::Model>,
    v: ValidPegawai,
) -> CoreResult<pegawai::Model> {
    let mut am = match before {
        Some(b) => b.clone().into(),
        None => pegawai::ActiveModel {
            instansi_id: Set(instansi_id),
            penilai_manual_id: Set(None),
            penilai_manual_alasan: Set(String::new()),
            created_at: Set(now()),
            ..Default::default()
        },
    };
    am.nip = Set(v.nip);
    am.nama_lower = Set(v.nama.to_lowercase());
    am.nama = Set(v.nama);
    am.status_asn = Set(v.status.code().to_string());
    am.golongan = Set(v.golongan.to_string());
    am.jabatan_id = Set(v.jabatan.id);
    am.unit_kerja_id = Set(v.jabatan.unit_kerja_id);
    am.aktif = Set(v.aktif);
    am.updated_at = Set(now());
    let saved = match before {
        Some(_) => am.update(db).await?,
        None => am.insert(db).await?,
    };
    let action = if before.is_some() {
        Action::Update
    } else {
        Action::Create
    };
    audit::record(
        db,
        actor,
        Some(instansi_id),
        action,
        ("pegawai", saved.id as i64),
        before,
        Some(&saved),
    )
    .await?;
    Ok(saved)
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct PenilaiManualInput {
    /// NIP of the chosen penilai; empty to go back to the jabatan tree.
    #[serde(default)]
    pub penilai_nip: String,
    #[serde(default)]
    pub alasan: String,
}

/// Sets or clears the manual penilai override. A reason is required either way.
pub async fn atur_penilai_manual(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    input: &PenilaiManualInput,
) -> CoreResult<pegawai::Model> {
    let p = pegawai::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(CoreError::NotFound)?;
    actor.require_admin_instansi(p.instansi_id)?;
    let mut e = FieldErrors::new();
    let alasan = required_text(&mut e, "alasan", &input.alasan, 500);
    let nip: String = input
        .penilai_nip
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let penilai = if nip.is_empty() {
        None
    } else {
        match pegawai::Entity::find()
            .filter(pegawai::Column::Nip.eq(&nip))
            .one(db)
            .await?
        {
            Some(x) if x.instansi_id == p.instansi_id && x.aktif && x.id != p.id => Some(x.id),
            Some(x) if x.id == p.id => {
                e.add(
                    "penilai_nip",
                    "Pegawai tidak dapat menjadi penilai dirinya sendiri.",
                );
                None
            }
            _ => {
                e.add(
                    "penilai_nip",
                    "Tidak ada pegawai aktif dengan NIP itu di instansi ini.",
                );
                None
            }
        }
    };
    e.into_result()?;
    let txn = db.begin().await?;
    let before = p.clone();
    let mut am: pegawai::ActiveModel = p.into();
    am.penilai_manual_id = Set(penilai);
    am.penilai_manual_alasan = Set(if penilai.is_some() {
        alasan
    } else {
        format!("(dikembalikan ke struktur) {alasan}")
    });
    am.updated_at = Set(now());
    let saved = am.update(&txn).await?;
    audit::updated(
        &txn,
        actor,
        Some(saved.instansi_id),
        ("pegawai", saved.id as i64),
        &before,
        &saved,
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}

/// The pegawai record of the actor, if they are a pegawai.
pub async fn milik_aktor<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
) -> CoreResult<Option<pegawai::Model>> {
    match actor.pegawai_id {
        Some(id) => Ok(pegawai::Entity::find_by_id(id).one(db).await?),
        None => Ok(None),
    }
}

pub async fn jumlah<C: ConnectionTrait>(
    db: &C,
    instansi_id: i32,
    only_active: bool,
) -> CoreResult<u64> {
    let mut q = pegawai::Entity::find().filter(pegawai::Column::InstansiId.eq(instansi_id));
    if only_active {
        q = q.filter(pegawai::Column::Aktif.eq(true));
    }
    Ok(q.count(db).await?)
}

/// "Penata Muda (III/a)" for a PNS, the PPPK grade for a PPPK: as documents print it.
pub fn pangkat(p: &pegawai::Model) -> String {
    let status = if p.status_asn == "PPPK" {
        StatusAsn::Pppk
    } else {
        StatusAsn::Pns
    };
    golongan::label(&p.golongan, status)
}
