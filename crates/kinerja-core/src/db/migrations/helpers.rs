//! Builders the table migrations share: an identifier, a named foreign key to `id`, and a named
//! index `ix_{table}_{cols}`.

use sea_orm_migration::prelude::*;

pub(super) fn n(s: &'static str) -> Alias {
    Alias::new(s)
}

pub(super) fn fk(
    table: &'static str,
    col: &'static str,
    to: &'static str,
    del: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{col}"))
        .from(n(table), n(col))
        .to(n(to), n("id"))
        .on_delete(del)
        .to_owned()
}

pub(super) fn index(
    table: &'static str,
    cols: &[&'static str],
    unique: bool,
) -> IndexCreateStatement {
    let mut stmt = Index::create();
    stmt.name(format!("ix_{table}_{}", cols.join("_")))
        .table(n(table));
    for c in cols {
        stmt.col(n(c));
    }
    if unique {
        stmt.unique();
    }
    stmt.to_owned()
}
