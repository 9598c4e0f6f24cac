//! Sample data, behind the `contoh` feature: the demo instansi with its accounts, plans,
//! activities, evaluations and competency rounds (`kinerja demo`), and the generator of one large
//! instansi for the benchmarks (`kinerja generate`). Neither is a use case: both write through
//! the services and the entities as an admin would, and nothing in the product depends on them.

pub mod demo;
pub mod generate;
mod kompetensi;
mod rencana;
