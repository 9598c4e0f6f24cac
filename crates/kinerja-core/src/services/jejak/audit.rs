//! The audit trail: every create, update and delete goes through [`record`] inside the same
//! transaction as the change, so a change without its audit event cannot be committed.

use crate::actor::Actor;
use crate::db::entities::audit_event;
use crate::error::CoreResult;
use crate::services::{Page, now};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use serde::Serialize;

/// What happened to a record.
#[derive(Debug, Clone, Copy)]
pub enum Action {
    Create,
    Update,
    Delete,
    PasswordReset,
    PasswordChange,
    Import,
    /// A final evaluation reopened by an admin, with the reason.
    Reopen,
}

impl Action {
    pub fn code(self) -> &'static str {
        match self {
            Action::Create => "CREATE",
            Action::Update => "UPDATE",
            Action::Delete => "DELETE",
            Action::PasswordReset => "PASSWORD_RESET",
            Action::PasswordChange => "PASSWORD_CHANGE",
            Action::Import => "IMPORT",
            Action::Reopen => "REOPEN",
        }
    }
}

/// Records one event about the record `(entity, id)`. `before`/`after` are serialised as JSON; pass `None::<&()>` where absent.
pub async fn record<C: ConnectionTrait, B: Serialize, A: Serialize>(
    db: &C,
    actor: &Actor,
    instansi_id: Option<i32>,
    action: Action,
    target: (&str, i64),
    before: Option<&B>,
    after: Option<&A>,
) -> CoreResult<()> {
    event(actor, instansi_id, action, target, before, after)
        .insert(db)
        .await?;
    Ok(())
}

/// The row [`record`] inserts, for callers that insert many events in one statement (the
/// activity form's group commit) within the transaction of their change.
pub fn event<B: Serialize, A: Serialize>(
    actor: &Actor,
    instansi_id: Option<i32>,
    action: Action,
    (entity, entity_id): (&str, i64),
    before: Option<&B>,
    after: Option<&A>,
) -> audit_event::ActiveModel {
    audit_event::ActiveModel {
        at: Set(now()),
        instansi_id: Set(instansi_id),
        actor_user_id: Set(actor.audit_user_id()),
        actor_label: Set(format!("{} ({})", actor.nama, actor.username)),
        action: Set(action.code().to_string()),
        entity: Set(entity.to_string()),
        entity_id: Set(entity_id),
        before_json: Set(before.map(to_json)),
        after_json: Set(after.map(to_json)),
        ..Default::default()
    }
}

/// Records the creation of a record, with its values as "after".
pub async fn created<C: ConnectionTrait, A: Serialize>(
    db: &C,
    actor: &Actor,
    instansi_id: Option<i32>,
    target: (&str, i64),
    after: &A,
) -> CoreResult<()> {
    record(
        db,
        actor,
        instansi_id,
        Action::Create,
        target,
        None::<&()>,
        Some(after),
    )
    .await
}

/// Records a change of a record, with its values before and after.
pub async fn updated<C: ConnectionTrait, T: Serialize>(
    db: &C,
    actor: &Actor,
    instansi_id: Option<i32>,
    target: (&str, i64),
    before: &T,
    after: &T,
) -> CoreResult<()> {
    record(
        db,
        actor,
        instansi_id,
        Action::Update,
        target,
        Some(before),
        Some(after),
    )
    .await
}

/// Records the deletion of a record, with its last values as "before".
pub async fn deleted<C: ConnectionTrait, T: Serialize>(
    db: &C,
    actor: &Actor,
    instansi_id: Option<i32>,
    target: (&str, i64),
    before: &T,
) -> CoreResult<()> {
    record(
        db,
        actor,
        instansi_id,
        Action::Delete,
        target,
        Some(before),
        None::<&()>,
    )
    .await
}

fn to_json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|e| format!("\"{e}\""))
}

/// One changed field of an update, for display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// An audit event ready for display.
#[derive(Debug, Clone)]
pub struct AuditView {
    pub event: audit_event::Model,
    pub changes: Vec<FieldChange>,
}

/// The fields whose values differ between the before and after JSON objects.
pub fn diff(before: Option<&str>, after: Option<&str>) -> Vec<FieldChange> {
    use serde_json::{Map, Value};
    let parse = |s: Option<&str>| -> Map<String, Value> {
        s.and_then(|s| serde_json::from_str::<Value>(s).ok())
            .and_then(|v| v.as_object().cloned())
            .unwrap_or_default()
    };
    let (b, a) = (parse(before), parse(after));
    let show = |v: Option<&Value>| match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
    };
    let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| !matches!(k.as_str(), "updated_at" | "created_at"))
        .filter(|k| b.get(*k) != a.get(*k))
        .map(|k| FieldChange {
            field: k.clone(),
            before: show(b.get(k)),
            after: show(a.get(k)),
        })
        .collect()
}

/// The history of one record, newest first. Admins of the record's instansi only.
pub async fn history<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    entity: &str,
    entity_id: i64,
    page: u64,
) -> CoreResult<Page<AuditView>> {
    match owner_instansi(db, entity, entity_id).await? {
        Some(Some(i)) => actor.require_admin_instansi(i)?,
        Some(None) => actor.require_super_admin()?,
        None => {
            // A deleted record: judge by the instansi its own events name.
            let first = audit_event::Entity::find()
                .filter(audit_event::Column::Entity.eq(entity))
                .filter(audit_event::Column::EntityId.eq(entity_id))
                .one(db)
                .await?;
            match first.and_then(|e| e.instansi_id) {
                Some(i) => actor.require_admin_instansi(i)?,
                None => actor.require_super_admin()?,
            }
        }
    }
    let q = audit_event::Entity::find()
        .filter(audit_event::Column::Entity.eq(entity))
        .filter(audit_event::Column::EntityId.eq(entity_id));
    list(db, q, page).await
}

/// The instansi a record belongs to: `Some(Some(id))`, `Some(None)` for global records, `None`
/// when the record no longer exists (or the entity is unknown).
async fn owner_instansi<C: ConnectionTrait>(
    db: &C,
    entity: &str,
    id: i64,
) -> CoreResult<Option<Option<i32>>> {
    use crate::db::entities::{
        instansi, jabatan, pegawai, penugasan_plt, unit_kerja, user_account,
    };
    let Ok(id) = i32::try_from(id) else {
        return Ok(None);
    };
    Ok(match entity {
        "instansi" => instansi::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|r| Some(r.id)),
        "unit_kerja" => unit_kerja::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|r| Some(r.instansi_id)),
        "jabatan" => jabatan::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|r| Some(r.instansi_id)),
        "pegawai" => pegawai::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|r| Some(r.instansi_id)),
        "penugasan_plt" => penugasan_plt::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|r| Some(r.instansi_id)),
        "user_account" => user_account::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|r| r.instansi_id),
        _ => None,
    })
}

/// Recent events of an instansi (or everything, for a super admin with no instansi chosen).
pub async fn recent<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    instansi_id: Option<i32>,
    page: u64,
) -> CoreResult<Page<AuditView>> {
    let scope = actor.admin_scope(instansi_id)?;
    let mut q = audit_event::Entity::find();
    if let Some(i) = scope {
        q = q.filter(audit_event::Column::InstansiId.eq(i));
    }
    list(db, q, page).await
}

async fn list<C: ConnectionTrait>(
    db: &C,
    q: sea_orm::Select<audit_event::Entity>,
    page: u64,
) -> CoreResult<Page<AuditView>> {
    let per_page = 25;
    let paginator = q
        .order_by_desc(audit_event::Column::Id)
        .paginate(db, per_page);
    let total = paginator.num_items().await?;
    let items = paginator
        .fetch_page(crate::services::indeks_halaman(page))
        .await?
        .into_iter()
        .map(|event| AuditView {
            changes: diff(event.before_json.as_deref(), event.after_json.as_deref()),
            event,
        })
        .collect();
    Ok(Page::new(items, page, per_page, total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_lists_only_changed_fields() {
        let d = diff(
            Some(r#"{"nama":"A","golongan":"III/a","updated_at":"x"}"#),
            Some(r#"{"nama":"B","golongan":"III/a","updated_at":"y","aktif":true}"#),
        );
        assert_eq!(
            d,
            vec![
                FieldChange {
                    field: "aktif".into(),
                    before: "".into(),
                    after: "true".into()
                },
                FieldChange {
                    field: "nama".into(),
                    before: "A".into(),
                    after: "B".into()
                },
            ]
        );
        assert_eq!(diff(None, Some(r#"{"x":1}"#)).len(), 1);
    }
}
