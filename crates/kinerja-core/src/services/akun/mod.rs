//! Accounts and sessions: login with its throttling, passwords, sessions and the session
//! context every page starts from.

pub mod auth;
