//! Which processes are recording into a delivery store, so that a delivery
//! left mid-forward by a process that died (kill -9, a crash, a power cut)
//! is marked `interrupted` when the store is next opened, while those of a
//! recorder still running are left alone.
//!
//! Each process that records holds an exclusive lock on a file of its
//! own, `ID.lock` in the store's recorders directory, for as long as it
//! runs; the kernel drops the lock when the process dies, however it dies.
//! Deliveries are recorded with the recorder's ID.

use std::fs::File;
use std::path::{Path, PathBuf};

/// This process's registration; the lock is held until it is dropped.
pub struct Registration {
    pub id: String,
    path: PathBuf,
    _file: File,
}

impl Drop for Registration {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

fn lock_path(dir: &Path, id: &str) -> PathBuf {
    dir.join(format!("{id}.lock"))
}

fn try_lock(file: &File) -> std::io::Result<bool> {
    match file.try_lock() {
        Ok(()) => Ok(true),
        Err(std::fs::TryLockError::WouldBlock) => Ok(false),
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}

/// Registers this process as a recorder in `dir`. The lock file is locked
/// under a temporary name and then renamed, so that no other process ever
/// sees it unlocked.
pub fn register(dir: &Path) -> std::io::Result<Registration> {
    crate::private::create_dir(dir)?;
    let id = uuid::Uuid::new_v4().simple().to_string();
    let temporary = dir.join(format!("{id}.tmp"));
    let file = crate::private::open_private(&temporary, true)?;
    if !try_lock(&file)? {
        return Err(std::io::Error::other("a new lock file was already locked"));
    }
    let path = lock_path(dir, &id);
    std::fs::rename(&temporary, &path)?;
    Ok(Registration {
        id,
        path,
        _file: file,
    })
}

/// Whether the recorder `id` is still running. A missing lock file means
/// it is gone; a lock that cannot be checked counts as alive.
pub fn alive(dir: &Path, id: &str) -> bool {
    match File::open(lock_path(dir, id)) {
        Ok(file) => !matches!(try_lock(&file), Ok(true)),
        Err(e) => e.kind() != std::io::ErrorKind::NotFound,
    }
}

/// Removes the lock files that no running process holds.
pub fn remove_stale(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(id) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".lock"))
        else {
            continue;
        };
        if !alive(dir, id) {
            let _ = std::fs::remove_file(&path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_registration_is_alive_until_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let me = register(dir.path()).unwrap();
        assert!(alive(dir.path(), &me.id));
        remove_stale(dir.path());
        assert!(alive(dir.path(), &me.id), "a held lock is not stale");
        let id = me.id.clone();
        drop(me);
        assert!(!alive(dir.path(), &id));
        assert!(!alive(dir.path(), "never-registered"));
    }
}
