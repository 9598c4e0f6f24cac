//! Passwords (argon2id), login with throttling, and database-backed sessions.
//!
//! Failed logins are counted per typed login name, whether or not the account exists, and the
//! message is the same in every case, so the login form cannot be used to discover accounts.

use crate::actor::{Actor, Peran};
use crate::db::baca::{self, RowAt};
use crate::db::entities::{
    instansi, login_throttle, notifikasi, pegawai, perangkat_login, periode, user_account,
    user_session,
};
use crate::error::{CoreError, CoreResult, FieldErrors};
use crate::services::jejak::audit::{self, Action};
use crate::services::perencanaan::periode as periode_svc;
use crate::services::{now, unix_now};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use chrono::NaiveDate;
use rand::RngCore;
use sea_orm::sea_query::{Expr, ExprTrait, Func, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, DbErr,
    EntityTrait, Iterable, JoinType, QueryFilter, QuerySelect, QueryTrait, RelationDef, Set,
    Statement, TransactionTrait, Value,
};
use sha2::{Digest, Sha256};

/// Tries allowed for one account within [`THROTTLE_WINDOW_SECS`] from browsers it does not know
/// (and, apart from that, from each browser it knows) before further tries are refused until
/// the window ends.
pub const MAX_FAILURES: i32 = 5;
/// Failed tries allowed from one network address within the window, over all accounts: enough
/// for an office behind one address whose staff mistype, too few to guess across accounts.
pub const MAX_FAILURES_ALAMAT: i32 = 30;
pub const THROTTLE_WINDOW_SECS: i64 = 15 * 60;
pub const MIN_PASSWORD_LEN: usize = 8;

/// Hashes a password with argon2id. CPU-heavy: call through [`hash_password_async`] from async
/// code.
pub fn hash_password(password: &str) -> String {
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt).expect("16 bytes is a valid salt");
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 with default parameters cannot fail")
        .to_string()
}

pub async fn hash_password_async(password: String) -> CoreResult<String> {
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| CoreError::Internal(e.to_string()))
}

async fn verify_password_async(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|h| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &h)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// Verified against when the account does not exist, so both paths cost one argon2 run.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0ZQ5iB4y8S0kQWl6a3R0n0Y2c2u0N8C0Zg2o6u3t5zE";

/// A new session token (for the cookie) and its SHA-256 (for the database).
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    let hash = token_hash(&token);
    (token, hash)
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub fn normalize_username(s: &str) -> String {
    s.split_whitespace().collect::<String>().to_lowercase()
}

/// Checks the password rules; the message is for the `field` given.
pub fn check_new_password(errors: &mut FieldErrors, field: &str, password: &str, confirm: &str) {
    if password.chars().count() < MIN_PASSWORD_LEN {
        errors.add(
            field,
            format!("Kata sandi minimal {MIN_PASSWORD_LEN} karakter."),
        );
    } else if password.len() > 256 {
        errors.add(field, "Kata sandi terlalu panjang.");
    }
    if password != confirm {
        errors.add("konfirmasi", "Konfirmasi kata sandi tidak sama.");
    }
}

#[derive(Debug)]
pub struct LoginOk {
    /// The cookie value; only its hash is stored.
    pub token: String,
    pub user_id: i32,
    pub expires_at: i64,
    /// The token of the browser's "known device" cookie: the one it sent when that was valid
    /// for this account, a new one otherwise. Only its hash is stored.
    pub perangkat: String,
}

/// A login attempt as the web layer sees it.
#[derive(Debug, Default, Clone, Copy)]
pub struct Percobaan<'a> {
    pub login_name: &'a str,
    pub password: &'a str,
    /// Absolute session lifetime.
    pub session_secs: i64,
    /// The client's network address, when known: failures are also counted per address.
    pub alamat: Option<&'a str>,
    /// The browser's "known device" cookie, when it sent one.
    pub perangkat: Option<&'a str>,
    /// The session cookie the browser still holds: ended by a successful login, so that a
    /// browser holds one session at a time.
    pub sesi_lama: Option<&'a str>,
}

/// Logs in by NIP or username. `session_secs` is the absolute session lifetime.
pub async fn login(
    db: &DatabaseConnection,
    login_name: &str,
    password: &str,
    session_secs: i64,
) -> CoreResult<LoginOk> {
    masuk(
        db,
        &Percobaan {
            login_name,
            password,
            session_secs,
            ..Default::default()
        },
    )
    .await
}

/// Logs in, throttled.
///
/// Every try is counted *before* the password is checked, in one atomic upsert per counter
/// (`INSERT … ON CONFLICT DO UPDATE … RETURNING`), so that concurrent guesses each see their
/// own count and at most [`MAX_FAILURES`] passwords are ever checked per counter and window.
/// Two counters apply: the account's and the network address's. The account's counter is kept
/// apart per browser that has logged in to it before (its "known device" cookie), so that a
/// stranger who fills the account's general counter does not lock its owner out of their own
/// browser. A successful login clears the account counter it used and takes its try back from
/// the address's, which therefore counts failures only.
pub async fn masuk(db: &DatabaseConnection, p: &Percobaan<'_>) -> CoreResult<LoginOk> {
    let key = normalize_username(p.login_name);
    if key.is_empty() || p.password.is_empty() || key.len() > 128 || p.password.len() > 1024 {
        return Err(CoreError::BadCredentials);
    }
    let t = unix_now();
    let user = user_account::Entity::find()
        .filter(user_account::Column::Username.eq(&key))
        .one(db)
        .await?;
    let dikenal = match (p.perangkat, &user) {
        (Some(tok), Some(u)) if tok.len() == 64 => perangkat_login::Entity::find()
            .filter(perangkat_login::Column::TokenHash.eq(token_hash(tok)))
            .filter(perangkat_login::Column::UserId.eq(u.id))
            .one(db)
            .await?
            .map(|d| d.token_hash),
        _ => None,
    };
    let kunci_akun = throttle_key("akun", &key, dikenal.as_deref());
    let kunci_alamat = p.alamat.map(|a| throttle_key("alamat", a, None));
    if let Some(k) = &kunci_alamat {
        let (n, awal) = hitung_percobaan(db, k, t).await?;
        if n > MAX_FAILURES_ALAMAT {
            return Err(throttled(awal, t));
        }
    }
    let (n, awal) = hitung_percobaan(db, &kunci_akun, t).await?;
    if n > MAX_FAILURES {
        return Err(throttled(awal, t));
    }
    let hash = user
        .as_ref()
        .map(|u| u.password_hash.clone())
        .unwrap_or(DUMMY_HASH.to_string());
    let password_ok = verify_password_async(p.password.to_string(), hash).await;
    let usable = match &user {
        Some(u) if u.aktif && password_ok => pegawai_active(db, u).await?,
        _ => false,
    };
    let Some(user) = user.filter(|_| usable) else {
        return Err(CoreError::BadCredentials);
    };
    login_throttle::Entity::delete_many()
        .filter(login_throttle::Column::Key.eq(&kunci_akun))
        .exec(db)
        .await?;
    if let Some(k) = &kunci_alamat {
        login_throttle::Entity::update_many()
            .col_expr(
                login_throttle::Column::Failures,
                Expr::col(login_throttle::Column::Failures).sub(1),
            )
            .filter(login_throttle::Column::Key.eq(k))
            .filter(login_throttle::Column::Failures.gt(0))
            .exec(db)
            .await?;
    }
    let perangkat = ingat_perangkat(db, user.id, p.perangkat, dikenal, t).await?;
    if let Some(lama) = p.sesi_lama {
        logout(db, lama).await?;
    }
    let (token, hash) = new_token();
    let expires_at = t + p.session_secs;
    user_session::ActiveModel {
        token_hash: Set(hash),
        user_id: Set(user.id),
        created_at: Set(now()),
        expires_at: Set(expires_at),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(LoginOk {
        token,
        user_id: user.id,
        expires_at,
        perangkat,
    })
}

/// The refusal of a try over a counter's limit: wait until the window that started at `awal`
/// ends.
fn throttled(awal: i64, t: i64) -> CoreError {
    CoreError::Throttled {
        minutes: (Ord::max(awal + THROTTLE_WINDOW_SECS - t, 1) + 59) / 60,
    }
}

/// The stored key of a counter: a hash, so that the table neither holds typed login names or
/// addresses nor outgrows its column whatever was typed.
fn throttle_key(jenis: &str, nilai: &str, perangkat: Option<&str>) -> String {
    token_hash(&format!(
        "{jenis}\u{0}{nilai}\u{0}{}",
        perangkat.unwrap_or("")
    ))
}

/// Counts one try against `key` and returns the count in the current window with the window's
/// start. The window starts again when the previous one has passed. One statement, atomic on
/// both backends, so concurrent tries cannot read the same count.
async fn hitung_percobaan(db: &DatabaseConnection, key: &str, t: i64) -> CoreResult<(i32, i64)> {
    use sea_orm::{DbBackend, Statement};
    let backend = db.get_database_backend();
    let sql = "INSERT INTO login_throttle (key, failures, first_failure_at) \
               VALUES ($1, 1, $2) \
               ON CONFLICT (key) DO UPDATE SET \
               failures = CASE WHEN login_throttle.first_failure_at < $3 THEN 1 \
                          ELSE login_throttle.failures + 1 END, \
               first_failure_at = CASE WHEN login_throttle.first_failure_at < $3 THEN $2 \
                          ELSE login_throttle.first_failure_at END \
               RETURNING failures, first_failure_at";
    let sql = match backend {
        DbBackend::Sqlite => sql.replace('$', "?"),
        _ => sql.to_string(),
    };
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [key.into(), t.into(), (t - THROTTLE_WINDOW_SECS).into()],
        ))
        .await?
        .ok_or_else(|| CoreError::Internal("login_throttle: no row returned".into()))?;
    Ok((
        row.try_get("", "failures")?,
        row.try_get("", "first_failure_at")?,
    ))
}

/// The "known device" token for the browser that just logged in to `user_id`: the one it sent
/// when that is known for the account (its last use updated), otherwise a new one.
async fn ingat_perangkat(
    db: &DatabaseConnection,
    user_id: i32,
    dikirim: Option<&str>,
    dikenal: Option<String>,
    t: i64,
) -> CoreResult<String> {
    if let (Some(tok), Some(hash)) = (dikirim, dikenal) {
        perangkat_login::Entity::update_many()
            .col_expr(perangkat_login::Column::TerakhirDipakai, Expr::value(t))
            .filter(perangkat_login::Column::TokenHash.eq(hash))
            .exec(db)
            .await?;
        return Ok(tok.to_string());
    }
    let (token, hash) = new_token();
    perangkat_login::ActiveModel {
        token_hash: Set(hash),
        user_id: Set(user_id),
        terakhir_dipakai: Set(t),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

async fn pegawai_active(db: &DatabaseConnection, u: &user_account::Model) -> CoreResult<bool> {
    Ok(match u.pegawai_id {
        None => true,
        Some(pid) => pegawai::Entity::find_by_id(pid)
            .one(db)
            .await?
            .is_some_and(|p| p.aktif),
    })
}

/// The actor of a session cookie, or `None` when it is unknown or expired (see
/// [`actor_for_page`]).
pub async fn actor_for_session<C: ConnectionTrait + 'static>(
    db: &C,
    token: &str,
) -> CoreResult<Option<Actor>> {
    Ok(actor_for_page(db, token).await?.map(|(actor, _)| actor))
}

/// The actor of a session cookie with their unread notifications, which every page shows in its
/// navigation; `None` when the session is unknown or expired. Session, account, pegawai and the
/// count in one indexed query: this runs on every request, so it is one round trip, and
/// sessions are not written per request.
pub async fn actor_for_page<C: ConnectionTrait + 'static>(
    db: &C,
    token: &str,
) -> CoreResult<Option<(Actor, u64)>> {
    let halaman = halaman(db, token, None).await?;
    Ok(halaman.map(|h| (h.actor, h.belum_dibaca)))
}

/// A page's session as [`actor_for_page`] reads it, with the period of the pegawai's instansi that
/// contains `today` (as `perencanaan::periode::kini` finds it), for the pages that show the current
/// period. Read in the session's statement, it is a round trip fewer on the monitoring page, whose
/// every other statement needs the period's dates (`docs/PERFORMANCE.md`); the other pages do not
/// pay for the join.
pub async fn actor_for_page_kini<C: ConnectionTrait + 'static>(
    db: &C,
    token: &str,
    today: NaiveDate,
) -> CoreResult<Option<Halaman>> {
    halaman(db, token, Some(today)).await
}

/// A page's session: the actor, their unread notifications and, when asked for, the current
/// period of their instansi (none for an account without a pegawai).
#[derive(Debug, Clone)]
pub struct Halaman {
    pub actor: Actor,
    pub belum_dibaca: u64,
    pub periode_kini: Option<periode::Model>,
}

/// [`actor_for_page`], and with `kini` [`actor_for_page_kini`].
async fn halaman<C: ConnectionTrait + 'static>(
    db: &C,
    token: &str,
    kini: Option<NaiveDate>,
) -> CoreResult<Option<Halaman>> {
    if token.len() != 64 {
        return Ok(None);
    }
    let sesi = SesiAktor {
        hash: token_hash(token),
        now: unix_now(),
    };
    let row = match kini {
        None => baca::satu(db, &sesi).await?.map(|aktor| (aktor, None)),
        Some(today) => baca::satu(db, &SesiAktorKini { sesi, today })
            .await?
            .map(|b| (b.aktor, b.periode)),
    };
    Ok(row.and_then(|(aktor, periode)| {
        let (a, b, c, d, e, f, g, h, i, j, belum_dibaca) = aktor;
        actor_from((a, b, c, d, e, f, g, h, i, j)).map(|actor| {
            let n = if actor.pegawai_id.is_some() {
                u64::try_from(belum_dibaca).unwrap_or(0)
            } else {
                0
            };
            Halaman {
                actor,
                belum_dibaca: n,
                periode_kini: periode,
            }
        })
    }))
}

/// The statement of [`actor_for_page`]: the session `hash` unexpired at `now` with its account,
/// pegawai and unread notifications; with `kini`, the period of the pegawai's instansi that
/// contains that day after them. The period is a scalar subquery in the join's condition,
/// `perencanaan::periode::kini`'s own query (`perencanaan::periode::pada`), so that both find the
/// same one; inside it `periode` names the subquery's table, the nearer one.
pub(crate) fn halaman_query(
    hash: String,
    now: i64,
    kini: Option<NaiveDate>,
    backend: DbBackend,
) -> Statement {
    let session: RelationDef = user_session::Entity::belongs_to(user_account::Entity)
        .from(user_session::Column::UserId)
        .to(user_account::Column::Id)
        .into();
    let unread = Query::select()
        .expr(Func::count(Expr::col((
            notifikasi::Entity,
            notifikasi::Column::Id,
        ))))
        .from(notifikasi::Entity)
        .and_where(
            Expr::col((notifikasi::Entity, notifikasi::Column::PegawaiId))
                .equals((user_account::Entity, user_account::Column::PegawaiId)),
        )
        .and_where(Expr::col((notifikasi::Entity, notifikasi::Column::Dibaca)).eq(false))
        .to_owned();
    let mut q = actor_query()
        .column_as(Expr::from(unread), "belum_dibaca")
        .join(JoinType::InnerJoin, session.rev());
    if let Some(today) = kini {
        let instansi = Expr::col((pegawai::Entity, pegawai::Column::InstansiId));
        let kini = periode_svc::pada(instansi, today)
            .select_only()
            .column(periode::Column::Id)
            .limit(1)
            .into_query();
        for c in periode::Column::iter() {
            q = q.column(c);
        }
        QueryTrait::query(&mut q).left_join(
            periode::Entity,
            Expr::col((periode::Entity, periode::Column::Id)).eq(Expr::from(kini)),
        );
    }
    q.filter(user_session::Column::TokenHash.eq(hash))
        .filter(user_session::Column::ExpiresAt.gt(now))
        .limit(1)
        .build(backend)
}

/// The named read of [`actor_for_page`]: the session whose token hashes to `hash`, unexpired at
/// `now`.
struct SesiAktor {
    hash: String,
    now: i64,
}

impl SesiAktor {
    /// The values after the period's, in the order [`halaman_query`]'s text binds them.
    fn nilai_sesi(&self) -> [Value; 3] {
        [
            self.hash.clone().into(),
            self.now.into(),
            Value::BigUnsigned(Some(1)),
        ]
    }
}

impl baca::Bacaan for SesiAktor {
    type Baris = AktorBarisHalaman;

    fn teks(&self) -> &'static baca::Fixed {
        static TEKS: baca::Fixed = baca::Fixed::new();
        &TEKS
    }

    fn nilai(&self) -> Vec<Value> {
        let mut values = vec![false.into()];
        values.extend(self.nilai_sesi());
        values
    }

    fn bangun(&self, backend: DbBackend) -> Statement {
        halaman_query(self.hash.clone(), self.now, None, backend)
    }
}

/// The named read of [`actor_for_page_kini`]: [`SesiAktor`] with the period that contains
/// `today`.
struct SesiAktorKini {
    sesi: SesiAktor,
    today: NaiveDate,
}

impl baca::Bacaan for SesiAktorKini {
    type Baris = BarisHalaman;

    fn teks(&self) -> &'static baca::Fixed {
        static TEKS: baca::Fixed = baca::Fixed::new();
        &TEKS
    }

    fn nilai(&self) -> Vec<Value> {
        let mut values = vec![
            false.into(),
            crate::services::perencanaan::periode::TAHUNAN.into(),
            self.today.into(),
            self.today.into(),
            Value::BigUnsigned(Some(1)),
        ];
        values.extend(self.sesi.nilai_sesi());
        values
    }

    fn bangun(&self, backend: DbBackend) -> Statement {
        halaman_query(
            self.sesi.hash.clone(),
            self.sesi.now,
            Some(self.today),
            backend,
        )
    }
}

/// A row of [`halaman_query`] with the period: the actor's columns, then the period's.
struct BarisHalaman {
    aktor: AktorBarisHalaman,
    periode: Option<periode::Model>,
}

/// Where the period's columns begin in a [`BarisHalaman`]: after the actor's and the unread
/// count.
const KOLOM_PERIODE: usize = <AktorBarisHalaman as RowAt>::KOLOM;

impl baca::Row for BarisHalaman {
    fn from_row(row: &baca::Baris<'_>) -> Result<Self, DbErr> {
        Ok(BarisHalaman {
            aktor: baca::Row::from_row(row)?,
            periode: periode::Model::optional_at(row, KOLOM_PERIODE)?,
        })
    }
}

/// Builds the actor of an account (inactive accounts and inactive pegawai get none).
pub async fn actor_for_user<C: ConnectionTrait>(db: &C, user_id: i32) -> CoreResult<Option<Actor>> {
    let row = actor_query()
        .filter(user_account::Column::Id.eq(user_id))
        .into_tuple()
        .one(db)
        .await?;
    Ok(row.and_then(actor_from))
}

/// The account with its pegawai's name, instansi and state, as [`AktorBaris`].
fn actor_query() -> sea_orm::Select<user_account::Entity> {
    user_account::Entity::find()
        .select_only()
        .column(user_account::Column::Id)
        .column(user_account::Column::Username)
        .column(user_account::Column::PegawaiId)
        .column(user_account::Column::InstansiId)
        .column(user_account::Column::Peran)
        .column(user_account::Column::Aktif)
        .column(pegawai::Column::Nama)
        .column(pegawai::Column::InstansiId)
        .column(pegawai::Column::Aktif)
        .column(pegawai::Column::JabatanId)
        .join(
            JoinType::LeftJoin,
            user_account::Entity::belongs_to(pegawai::Entity)
                .from(user_account::Column::PegawaiId)
                .to(pegawai::Column::Id)
                .into(),
        )
}

/// The actor of one row of [`actor_query`]; none for an inactive account, or an account whose
/// pegawai is gone or inactive.
fn actor_from(row: AktorBaris) -> Option<Actor> {
    let (
        user_id,
        username,
        pegawai_id,
        instansi_akun,
        peran,
        aktif,
        nama,
        instansi,
        p_aktif,
        jabatan_id,
    ) = row;
    if !aktif {
        return None;
    }
    let (nama, instansi_id) = match pegawai_id {
        Some(_) => match (nama, p_aktif) {
            (Some(n), Some(true)) => (n, instansi),
            _ => return None,
        },
        None => (username.clone(), instansi_akun),
    };
    Some(Actor {
        user_id,
        username,
        nama,
        pegawai_id,
        jabatan_id: pegawai_id.and(jabatan_id),
        instansi_id,
        peran: Peran::from_code(&peran),
    })
}

/// (account id, username, pegawai id, account instansi, peran, account active, pegawai
/// name, pegawai instansi, pegawai active, pegawai jabatan) as [`actor_query`] reads them.
type AktorBaris = (
    i32,
    String,
    Option<i32>,
    Option<i32>,
    String,
    bool,
    Option<String>,
    Option<i32>,
    Option<bool>,
    Option<i32>,
);

/// [`AktorBaris`] and the count of unread notifications.
type AktorBarisHalaman = (
    i32,
    String,
    Option<i32>,
    Option<i32>,
    String,
    bool,
    Option<String>,
    Option<i32>,
    Option<bool>,
    Option<i32>,
    i64,
);

pub async fn logout<C: ConnectionTrait>(db: &C, token: &str) -> CoreResult<()> {
    user_session::Entity::delete_many()
        .filter(user_session::Column::TokenHash.eq(token_hash(token)))
        .exec(db)
        .await?;
    Ok(())
}

/// Removes expired sessions and stale throttle rows; run at start-up and periodically.
pub async fn purge_expired<C: ConnectionTrait>(db: &C) -> CoreResult<u64> {
    let t = unix_now();
    let s = user_session::Entity::delete_many()
        .filter(user_session::Column::ExpiresAt.lte(t))
        .exec(db)
        .await?;
    login_throttle::Entity::delete_many()
        .filter(login_throttle::Column::FirstFailureAt.lt(t - THROTTLE_WINDOW_SECS))
        .exec(db)
        .await?;
    // A browser unused for a year is forgotten; its owner's next login makes it known again.
    perangkat_login::Entity::delete_many()
        .filter(perangkat_login::Column::TerakhirDipakai.lt(t - 365 * 24 * 3600))
        .exec(db)
        .await?;
    Ok(s.rows_affected)
}

/// The acting user changes their own password; every other session of theirs is ended.
pub async fn change_password(
    db: &DatabaseConnection,
    actor: &Actor,
    current: &str,
    new: &str,
    confirm: &str,
) -> CoreResult<()> {
    let user = user_account::Entity::find_by_id(actor.user_id)
        .one(db)
        .await?
        .ok_or(CoreError::Unauthenticated)?;
    let mut errors = FieldErrors::new();
    if !verify_password_async(current.to_string(), user.password_hash.clone()).await {
        errors.add("lama", "Kata sandi lama salah.");
    }
    check_new_password(&mut errors, "baru", new, confirm);
    errors.into_result()?;
    let hash = hash_password_async(new.to_string()).await?;
    set_password(db, actor, user, hash, Action::PasswordChange).await
}

/// An admin sets a new password for a pegawai's account (creating the account if the pegawai
/// has none). Returns the login name. All sessions of that account are ended.
pub async fn reset_password(
    db: &DatabaseConnection,
    actor: &Actor,
    pegawai_id: i32,
    new: &str,
    confirm: &str,
) -> CoreResult<String> {
    let p = pegawai::Entity::find_by_id(pegawai_id)
        .one(db)
        .await?
        .ok_or(CoreError::NotFound)?;
    actor.require_admin_instansi(p.instansi_id)?;
    let mut errors = FieldErrors::new();
    check_new_password(&mut errors, "baru", new, confirm);
    errors.into_result()?;
    let hash = hash_password_async(new.to_string()).await?;
    let existing = user_account::Entity::find()
        .filter(user_account::Column::PegawaiId.eq(p.id))
        .one(db)
        .await?;
    match existing {
        Some(user) => {
            let username = user.username.clone();
            set_password(db, actor, user, hash, Action::PasswordReset).await?;
            Ok(username)
        }
        None => {
            let txn = db.begin().await?;
            let user = create_pegawai_account(&txn, actor, &p, hash).await?;
            txn.commit().await?;
            Ok(user.username)
        }
    }
}

async fn set_password(
    db: &DatabaseConnection,
    actor: &Actor,
    user: user_account::Model,
    hash: String,
    action: Action,
) -> CoreResult<()> {
    let txn = db.begin().await?;
    let (id, instansi_id) = (user.id, user.instansi_id);
    let mut am: user_account::ActiveModel = user.into();
    am.password_hash = Set(hash);
    am.password_changed_at = Set(now());
    am.update(&txn).await?;
    user_session::Entity::delete_many()
        .filter(user_session::Column::UserId.eq(id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        actor,
        instansi_id,
        action,
        ("user_account", id as i64),
        None::<&()>,
        None::<&()>,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A new, active account row (not yet inserted). Every account is created through this.
pub fn new_account(
    username: &str,
    password_hash: String,
    pegawai_id: Option<i32>,
    instansi_id: Option<i32>,
    peran: Peran,
) -> user_account::ActiveModel {
    user_account::ActiveModel {
        username: Set(username.to_string()),
        password_hash: Set(password_hash),
        pegawai_id: Set(pegawai_id),
        instansi_id: Set(instansi_id),
        peran: Set(peran.code().to_string()),
        aktif: Set(true),
        created_at: Set(now()),
        password_changed_at: Set(now()),
        ..Default::default()
    }
}

/// The account of a pegawai: login name = NIP.
pub async fn create_pegawai_account<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    p: &pegawai::Model,
    password_hash: String,
) -> CoreResult<user_account::Model> {
    let user = new_account(
        &p.nip,
        password_hash,
        Some(p.id),
        Some(p.instansi_id),
        Peran::Pegawai,
    )
    .insert(db)
    .await?;
    audit::record(
        db,
        actor,
        Some(p.instansi_id),
        Action::Create,
        ("user_account", user.id as i64),
        None::<&()>,
        Some(&serde_json::json!({"username": user.username, "pegawai_id": p.id})),
    )
    .await?;
    Ok(user)
}

/// Creates an administrator account (CLI `create-admin`). With an instansi code the account is
/// an admin of that instansi, otherwise a super admin.
pub async fn create_admin(
    db: &DatabaseConnection,
    username: &str,
    password: &str,
    instansi_kode: Option<&str>,
) -> CoreResult<user_account::Model> {
    let username = normalize_username(username);
    let mut errors = FieldErrors::new();
    if username.len() < 3 || username.len() > 64 {
        errors.add("username", "Nama pengguna 3–64 karakter.");
    }
    check_new_password(&mut errors, "password", password, password);
    let instansi_id = match instansi_kode {
        Some(kode) => match instansi::Entity::find()
            .filter(instansi::Column::Kode.eq(kode.trim().to_lowercase()))
            .one(db)
            .await?
        {
            Some(i) => Some(i.id),
            None => {
                errors.add(
                    "instansi",
                    format!("Instansi dengan kode \"{kode}\" tidak ada."),
                );
                None
            }
        },
        None => None,
    };
    if user_account::Entity::find()
        .filter(user_account::Column::Username.eq(&username))
        .one(db)
        .await?
        .is_some()
    {
        errors.add("username", "Nama pengguna sudah dipakai.");
    }
    errors.into_result()?;
    let hash = hash_password_async(password.to_string()).await?;
    let peran = if instansi_id.is_some() {
        Peran::AdminInstansi
    } else {
        Peran::SuperAdmin
    };
    let txn = db.begin().await?;
    let user = new_account(&username, hash, None, instansi_id, peran)
        .insert(&txn)
        .await?;
    audit::record(
        &txn,
        &Actor::system(),
        instansi_id,
        Action::Create,
        ("user_account", user.id as i64),
        None::<&()>,
        Some(&serde_json::json!({"username": username, "peran": peran.code()})),
    )
    .await?;
    txn.commit().await?;
    Ok(user)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dummy_hash_parses() {
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
    }

    #[test]
    fn tokens_are_random_and_hashed() {
        let (a, ha) = new_token();
        let (b, _) = new_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_eq!(token_hash(&a), ha);
    }

    #[test]
    fn usernames_are_normalised() {
        assert_eq!(
            normalize_username(" 19650222 200701 1 005 "),
            "196502222007011005"
        );
        assert_eq!(normalize_username("Admin.Pontianak"), "admin.pontianak");
    }
}
