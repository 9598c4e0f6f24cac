//! Who is acting. Built once per request from the session (or a token) and passed to every
//! service, which decides what the actor may see and change. Handlers never check roles.

use crate::error::CoreError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Peran {
    SuperAdmin,
    AdminInstansi,
    /// An ordinary account: a pegawai, who may also be a penilai through the jabatan tree.
    Pegawai,
}

impl Peran {
    pub fn code(self) -> &'static str {
        match self {
            Peran::SuperAdmin => "SUPER_ADMIN",
            Peran::AdminInstansi => "ADMIN_INSTANSI",
            Peran::Pegawai => "",
        }
    }

    pub fn from_code(s: &str) -> Peran {
        match s {
            "SUPER_ADMIN" => Peran::SuperAdmin,
            "ADMIN_INSTANSI" => Peran::AdminInstansi,
            _ => Peran::Pegawai,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: i32,
    pub username: String,
    /// Display name: the pegawai's name, or the username for non-pegawai accounts.
    pub nama: String,
    pub pegawai_id: Option<i32>,
    /// The pegawai's jabatan, read with the session: the team views start their walk of the
    /// jabatan tree from it without reading the pegawai again.
    pub jabatan_id: Option<i32>,
    pub instansi_id: Option<i32>,
    pub peran: Peran,
}

impl Actor {
    /// The system itself (CLI imports, demo loading): may do anything, audited as "sistem".
    pub fn system() -> Actor {
        Actor {
            user_id: 0,
            username: "sistem".into(),
            nama: "Sistem".into(),
            pegawai_id: None,
            jabatan_id: None,
            instansi_id: None,
            peran: Peran::SuperAdmin,
        }
    }

    pub fn is_super_admin(&self) -> bool {
        self.peran == Peran::SuperAdmin
    }

    pub fn is_admin(&self) -> bool {
        matches!(self.peran, Peran::SuperAdmin | Peran::AdminInstansi)
    }

    /// May this actor administer the organisation and people of `instansi_id`?
    pub fn can_admin_instansi(&self, instansi_id: i32) -> bool {
        match self.peran {
            Peran::SuperAdmin => true,
            Peran::AdminInstansi => self.instansi_id == Some(instansi_id),
            Peran::Pegawai => false,
        }
    }

    pub fn require_admin_instansi(&self, instansi_id: i32) -> Result<(), CoreError> {
        if self.can_admin_instansi(instansi_id) {
            Ok(())
        } else {
            Err(CoreError::Forbidden)
        }
    }

    pub fn require_super_admin(&self) -> Result<(), CoreError> {
        if self.is_super_admin() {
            Ok(())
        } else {
            Err(CoreError::Forbidden)
        }
    }

    /// The instansi an admin works in: their own, or for a super admin the one they chose.
    pub fn admin_scope(&self, chosen: Option<i32>) -> Result<Option<i32>, CoreError> {
        match self.peran {
            Peran::SuperAdmin => Ok(chosen),
            Peran::AdminInstansi => Ok(self.instansi_id),
            Peran::Pegawai => Err(CoreError::Forbidden),
        }
    }

    /// The user id recorded in audit events (none for the system).
    pub fn audit_user_id(&self) -> Option<i32> {
        (self.user_id != 0).then_some(self.user_id)
    }
}
