//! What happened and who was told: the audit trail every change writes, and the notifications
//! its parties receive. The lowest area: every other one records here, and it imports none.

pub mod audit;
pub mod notifikasi;
