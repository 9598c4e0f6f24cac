//! Daily work (`DOMAIN.md` §4 and §5): activities with their evidence, the group commit of the
//! activity form, verification and continuous feedback, and the monitoring of a team.

pub mod aktivitas;
pub mod bukti;
pub mod monitoring;
pub mod pencatat;
pub mod umpan_balik;
