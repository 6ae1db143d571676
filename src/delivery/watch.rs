//! Which file-system events mean "a payload file was saved", and which saves
//! are worth sending: `hooks replay --watch` sends each save once, and never
//! because the file was only opened or read (sending it reads it).

use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind, RenameMode};
use notify::{Event, EventKind};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Whether `kind` is a write: data written, a file closed after writing,
/// created, or renamed into place (how many editors save). Opening, reading,
/// closing a file that was only read and metadata changes are not.
pub fn is_write(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Any)
            | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
            | EventKind::Create(CreateKind::File | CreateKind::Any)
    )
}

/// The payload files an event says were saved (scratch files left out).
pub fn saved_paths(event: &Event) -> Vec<PathBuf> {
    if !is_write(&event.kind) {
        return vec![];
    }
    event
        .paths
        .iter()
        .filter(|p| !is_scratch(p))
        .cloned()
        .collect()
}

/// Editor swap and backup files, and hidden files, are not payloads.
pub fn is_scratch(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp")
}

/// The content hash of each file when it was last sent.
#[derive(Debug, Default)]
pub struct Sent {
    hashes: HashMap<PathBuf, [u8; 32]>,
}

impl Sent {
    /// True (and remembered) when `body` differs from what was last sent for
    /// `path`; false when it is the same bytes again.
    pub fn changed(&mut self, path: &Path, body: &[u8]) -> bool {
        let hash: [u8; 32] = Sha256::digest(body).into();
        self.hashes.insert(path.to_path_buf(), hash) != Some(hash)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::DataChange;

    #[test]
    fn only_writes_count() {
        assert!(is_write(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(is_write(&EventKind::Modify(ModifyKind::Data(
            DataChange::Content
        ))));
        assert!(is_write(&EventKind::Modify(ModifyKind::Name(
            RenameMode::To
        ))));
        assert!(!is_write(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!is_write(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(!is_write(&EventKind::Modify(ModifyKind::Metadata(
            notify::event::MetadataKind::Any
        ))));
        assert!(!is_write(&EventKind::Modify(ModifyKind::Name(
            RenameMode::From
        ))));
    }

    #[test]
    fn the_same_content_is_sent_once() {
        let mut sent = Sent::default();
        let path = Path::new("a.json");
        assert!(sent.changed(path, b"{}"));
        assert!(!sent.changed(path, b"{}"));
        assert!(sent.changed(path, b"{\"n\":1}"));
        assert!(sent.changed(Path::new("b.json"), b"{}"));
    }
}
