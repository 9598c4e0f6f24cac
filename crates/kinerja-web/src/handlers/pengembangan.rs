//! Competency development: a pegawai's Individual Development Plan with the training they
//! completed (`/pegawai/{id}/pengembangan`, `/pengembangan` for one's own), and the instansi's
//! catalogue (`/katalog-pengembangan`). Each post calls one service; a refused form comes back
//! with 422 and what was typed.

use super::aktivitas::{MAX_BODY, field, read_multipart};
use super::kompetensi::InstansiQuery;
use super::{Web, instansi_dari, instansi_qs, or_invalid, status_of, tahun_dari, today};
use crate::AppState;
use crate::context::{Ctx, ErrorsExt};
use crate::error::AppResult;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Datelike;
use kinerja_core::db::entities::{katalog_pengembangan, kompetensi as kompetensi_entity};
use kinerja_core::rules::pengembangan::{JP_MINIMUM, Jenis, jenis_label};
use kinerja_core::services::kompetensi::pengembangan::{
    Idp, KatalogInput, PelatihanInput, RencanaInput,
};
use kinerja_core::services::{kompetensi::kamus as kompetensi, kompetensi::pengembangan};
use kinerja_core::{CoreError, FieldErrors};
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
pub struct TahunQuery {
    #[serde(default)]
    pub tahun: String,
}

impl TahunQuery {
    pub fn tahun(&self) -> i32 {
        tahun_dari(&self.tahun)
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "idp.html")]
pub struct IdpPage {
    ctx: Ctx,
    i: Idp,
    jenis: [Jenis; 5],
    rencana: RencanaInput,
    pelatihan: PelatihanInput,
    errors: FieldErrors,
    /// Which form the errors belong to: "rencana" or "pelatihan".
    form: &'static str,
    jp_minimum: u32,
}

impl IdpPage {
    fn jenis_label(&self, c: &str) -> String {
        jenis_label(c).to_string()
    }
    fn gap(&self, g: &i32) -> String {
        super::asesmen::gap(&Some(*g))
    }
    fn err(&self, form: &str, f: &str) -> String {
        if self.form == form {
            self.errors.msg(f)
        } else {
            String::new()
        }
    }
}

/// What a refused form brings back to the page: the typed values and the errors of one form
/// ("rencana" or "pelatihan").
#[derive(Default)]
struct Isian {
    rencana: RencanaInput,
    pelatihan: PelatihanInput,
    errors: FieldErrors,
    form: &'static str,
}

async fn idp_page(
    state: &AppState,
    web: Web,
    pegawai_id: i32,
    tahun: i32,
    isian: Isian,
) -> AppResult<Response> {
    let Isian {
        rencana,
        pelatihan,
        errors,
        form,
    } = isian;
    let i = pengembangan::idp(&state.baca, &web.actor, pegawai_id, tahun, today()).await?;
    let rencana = if rencana.tahun.is_empty() {
        RencanaInput {
            tahun: tahun.to_string(),
            sumber: "KOMPETENSI".into(),
            ..rencana
        }
    } else {
        rencana
    };
    Ok((
        status_of(&errors),
        IdpPage {
            ctx: web.ctx,
            i,
            jenis: Jenis::ALL,
            rencana,
            pelatihan,
            errors,
            form,
            jp_minimum: JP_MINIMUM,
        },
    )
        .into_response())
}

/// `/pengembangan`: the actor's own plan.
pub async fn sendiri(web: Web, Query(q): Query<TahunQuery>) -> AppResult<Response> {
    let pid = web.actor.pegawai_id.ok_or(CoreError::Forbidden)?;
    Ok(Redirect::to(&format!("/pegawai/{pid}/pengembangan?tahun={}", q.tahun())).into_response())
}

pub async fn show(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
    Query(q): Query<TahunQuery>,
) -> AppResult<Response> {
    idp_page(&state, web, id, q.tahun(), Isian::default()).await
}

pub async fn tambah_rencana(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
    Form(input): Form<RencanaInput>,
) -> AppResult<Response> {
    let r = pengembangan::tambah_rencana(&state.tulis, &web.actor, id, &input, today()).await;
    match or_invalid(r)? {
        Ok(r) => Ok(Redirect::to(&format!(
            "/pegawai/{id}/pengembangan?tahun={}#rencana-{}",
            r.tahun, r.id
        ))
        .into_response()),
        Err(errors) => {
            let tahun = tahun_dari(&input.tahun);
            idp_page(
                &state,
                web,
                id,
                tahun,
                Isian {
                    rencana: input,
                    errors,
                    form: "rencana",
                    ..Default::default()
                },
            )
            .await
        }
    }
}

pub async fn batalkan_rencana(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
) -> AppResult<Response> {
    let r = pengembangan::batalkan_rencana(&state.tulis, &web.actor, id, today()).await?;
    Ok(Redirect::to(&format!(
        "/pegawai/{}/pengembangan?tahun={}",
        r.pegawai_id, r.tahun
    ))
    .into_response())
}

pub async fn catat_pelatihan(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
    mp: Multipart,
) -> AppResult<Response> {
    let (fields, files, too_big) = read_multipart(mp).await;
    let get = |n: &str| field(&fields, n);
    let input = PelatihanInput {
        nama: get("nama"),
        jenis: get("jenis"),
        penyelenggara: get("penyelenggara"),
        mulai: get("mulai"),
        selesai: get("selesai"),
        jp: get("jp"),
        rencana_id: get("rencana_id"),
        tautan: get("tautan"),
    };
    let tahun = today().year();
    if let Some(m) = too_big {
        let mut e = FieldErrors::new();
        e.add("sertifikat", m);
        return idp_page(
            &state,
            web,
            id,
            tahun,
            Isian {
                pelatihan: input,
                errors: e,
                form: "pelatihan",
                ..Default::default()
            },
        )
        .await;
    }
    let r = pengembangan::catat_pelatihan(
        &state.tulis,
        &state.bukti,
        &web.actor,
        id,
        &input,
        &files,
        today(),
    )
    .await;
    match or_invalid(r)? {
        Ok(t) => Ok(Redirect::to(&format!(
            "/pegawai/{id}/pengembangan?tahun={}#pelatihan-{}",
            t.selesai.year(),
            t.id
        ))
        .into_response()),
        Err(errors) => {
            idp_page(
                &state,
                web,
                id,
                tahun,
                Isian {
                    pelatihan: input,
                    errors,
                    form: "pelatihan",
                    ..Default::default()
                },
            )
            .await
        }
    }
}

/// The body limit of the training form (a certificate upload).
pub const MAX_PELATIHAN_BODY: usize = MAX_BODY;

#[derive(Template, WebTemplate)]
#[template(path = "katalog.html")]
pub struct KatalogPage {
    ctx: Ctx,
    katalog: Vec<katalog_pengembangan::Model>,
    kamus: Vec<kompetensi_entity::Model>,
    jenis: [Jenis; 5],
    dapat_ubah: bool,
    input: KatalogInput,
    errors: FieldErrors,
    iq: String,
}

impl KatalogPage {
    fn jenis_label(&self, c: &str) -> String {
        jenis_label(c).to_string()
    }
    fn kompetensi(&self, id: &Option<i32>) -> String {
        id.and_then(|id| self.kamus.iter().find(|k| k.id == id))
            .map(|k| format!("{} {}", k.kode, k.nama))
            .unwrap_or_else(|| "Umum".into())
    }
}

async fn katalog_page(
    state: &AppState,
    web: Web,
    q: &InstansiQuery,
    input: KatalogInput,
    errors: FieldErrors,
) -> AppResult<Response> {
    let iid = instansi_dari(&web.actor, &q.instansi)?;
    let katalog = pengembangan::katalog(&state.baca, &web.actor, iid).await?;
    let kamus = kompetensi::kamus(&state.baca, &web.actor, iid).await?;
    Ok((
        status_of(&errors),
        KatalogPage {
            dapat_ubah: web.actor.can_admin_instansi(iid),
            iq: instansi_qs(&web.actor, iid),
            ctx: web.ctx,
            katalog,
            kamus,
            jenis: Jenis::ALL,
            input,
            errors,
        },
    )
        .into_response())
}

pub async fn katalog(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<InstansiQuery>,
) -> AppResult<Response> {
    katalog_page(&state, web, &q, KatalogInput::default(), FieldErrors::new()).await
}

pub async fn tambah_katalog(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<InstansiQuery>,
    Form(input): Form<KatalogInput>,
) -> AppResult<Response> {
    let iid = instansi_dari(&web.actor, &q.instansi)?;
    let r = pengembangan::tambah_katalog(&state.tulis, &web.actor, iid, &input).await;
    match or_invalid(r)? {
        Ok(k) => Ok(Redirect::to(&format!(
            "/katalog-pengembangan?{}#katalog-{}",
            instansi_qs(&web.actor, iid),
            k.id
        ))
        .into_response()),
        Err(errors) => katalog_page(&state, web, &q, input, errors).await,
    }
}
