//! A tantivy directory that reads an index the user may not write.
//!
//! tantivy's readers take `.tantivy-meta.lock` (creating the file) while
//! they open segments, so that a writer's garbage collection does not
//! delete files under them. In a folder the user cannot write, that fails
//! and nothing can be searched. [`ReadOnlyTolerant`] takes the lock when it
//! can and goes on without it when the file cannot be created: no writer
//! can be at work in a folder nobody may write.

use std::path::Path;
use std::sync::Arc;

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};

/// [`MmapDirectory`], whose locks are optional when the folder is read-only.
#[derive(Debug, Clone)]
pub struct ReadOnlyTolerant(MmapDirectory);

impl ReadOnlyTolerant {
    pub fn open(path: &Path) -> tantivy::Result<ReadOnlyTolerant> {
        Ok(ReadOnlyTolerant(MmapDirectory::open(path)?))
    }
}

impl Directory for ReadOnlyTolerant {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.0.get_file_handle(path)
    }
    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.0.delete(path)
    }
    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.0.exists(path)
    }
    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.0.open_write(path)
    }
    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(path)
    }
    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        self.0.atomic_write(path, data)
    }
    fn sync_directory(&self) -> std::io::Result<()> {
        self.0.sync_directory()
    }
    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.0.acquire_lock(lock) {
            Err(LockError::IoError(e))
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
                ) =>
            {
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }
    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.0.watch(watch_callback)
    }
}
