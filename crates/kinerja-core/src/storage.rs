//! The evidence store (bukti dukung files) over `object_store`: a local directory by default;
//! an S3-compatible store fits behind the same type. Files are addressed by their SHA-256, so the
//! same upload twice is stored once, and only an authorising handler ever reads them back.

use crate::error::{CoreError, CoreResult};
use object_store::local::LocalFileSystem;
use object_store::path::Path as ObjPath;
use object_store::{ObjectStore, PutPayload};
use std::sync::Arc;

#[derive(Clone, Debug)]
pub struct BuktiStore {
    inner: Arc<dyn ObjectStore>,
}

fn gagal(e: object_store::Error) -> CoreError {
    if penuh(&e) {
        CoreError::PenyimpananPenuh(format!("penyimpanan bukti: {e}"))
    } else {
        CoreError::Internal(format!("penyimpanan bukti: {e}"))
    }
}

/// Whether a store error comes from a full disk (the local store wraps the `io::Error`).
fn penuh(e: &object_store::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<std::io::Error>()
            && io.kind() == std::io::ErrorKind::StorageFull
        {
            return true;
        }
        source = s.source();
    }
    e.to_string().contains("No space left on device")
}

impl BuktiStore {
    /// A store in a local directory, created when missing.
    pub fn local(dir: impl AsRef<std::path::Path>) -> std::io::Result<Self> {
        std::fs::create_dir_all(dir.as_ref())?;
        let fs = LocalFileSystem::new_with_prefix(dir.as_ref()).map_err(std::io::Error::other)?;
        Ok(BuktiStore {
            inner: Arc::new(fs),
        })
    }

    /// A store in memory. It keeps nothing across restarts, so it only suits callers that
    /// attach links, never files (the demo loader).
    pub fn memory() -> Self {
        BuktiStore {
            inner: Arc::new(object_store::memory::InMemory::new()),
        }
    }

    pub async fn simpan(&self, key: &str, bytes: Vec<u8>) -> CoreResult<()> {
        self.inner
            .put(&ObjPath::from(key), PutPayload::from(bytes))
            .await
            .map_err(gagal)?;
        Ok(())
    }

    pub async fn ambil(&self, key: &str) -> CoreResult<Vec<u8>> {
        let r = self
            .inner
            .get(&ObjPath::from(key))
            .await
            .map_err(|e| match e {
                object_store::Error::NotFound { .. } => CoreError::NotFound,
                other => gagal(other),
            })?;
        Ok(r.bytes().await.map_err(gagal)?.to_vec())
    }

    pub async fn ada(&self, key: &str) -> CoreResult<bool> {
        match self.inner.head(&ObjPath::from(key)).await {
            Ok(_) => Ok(true),
            Err(object_store::Error::NotFound { .. }) => Ok(false),
            Err(e) => Err(gagal(e)),
        }
    }
}

#[cfg(test)]
mod penuh_tests {
    use super::*;

    /// A full disk under the evidence store is named as such, whatever wraps the `io::Error`.
    #[test]
    fn a_full_disk_is_recognised() {
        let e = object_store::Error::Generic {
            store: "LocalFileSystem",
            source: Box::new(std::io::Error::from(std::io::ErrorKind::StorageFull)),
        };
        assert!(matches!(gagal(e), CoreError::PenyimpananPenuh(_)));
        let e = object_store::Error::Generic {
            store: "LocalFileSystem",
            source: Box::new(std::io::Error::from(std::io::ErrorKind::PermissionDenied)),
        };
        assert!(matches!(gagal(e), CoreError::Internal(_)));
    }
}
