//! One process per relay channel and data dir. Two `hooks listen --relay`
//! (or `relay connect`) sharing a data dir would claim the same saved
//! channel, and the relay hands a channel to its newest connection: each
//! would replace the other for ever, and deliveries would land on whichever
//! held it. So a client takes an advisory lock (flock) on a file in the data
//! dir before it connects; the kernel drops the lock when its holder exits,
//! so a crashed process blocks nothing.

use crate::{Error, Result};
use std::fs::{File, TryLockError};
use std::io::{Seek, Write};
use std::path::{Path, PathBuf};

/// A held claim on a channel of one relay; released when dropped.
#[derive(Debug)]
pub struct Claim {
    _file: File,
}

/// Which channel of a relay a claim is about: one named by `--channel`,
/// or the data dir's own (the one the relay assigned it, saved there).
#[derive(Debug, Clone, Copy)]
pub enum Which<'a> {
    Named(&'a str),
    Own,
}

impl Claim {
    /// Claims `which` channel of the relay whose normalised key is `relay`.
    /// Held by a live process: a usage error naming it, its pid and what to
    /// do. A lock that cannot be taken for another reason (a read-only data
    /// dir) is noted and not enforced: the client still works, unguarded.
    pub fn take(data_dir: &Path, relay: &str, which: Which) -> Result<Option<Claim>> {
        let path = lock_path(data_dir, relay, which);
        let opened = path
            .parent()
            .map_or(Ok(()), crate::private::create_dir)
            .and_then(|()| crate::private::open_private(&path, false));
        let mut file = match opened {
            Ok(f) => f,
            Err(e) => {
                crate::output::note(format!(
                    "relay: cannot create the lock {} ({e}): a second process on this channel is not prevented",
                    path.display()
                ));
                return Ok(None);
            }
        };
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                let holder = match text.trim().parse::<u32>() {
                    Ok(pid) => format!("process {pid}"),
                    Err(_) => "another hooks process".to_string(),
                };
                let channel = match which {
                    Which::Named(name) => format!("channel {name}"),
                    Which::Own => "this data dir's channel".to_string(),
                };
                return Err(Error::usage(format!(
                    "{channel} on the relay {relay} is held by {holder} with the same data dir ({}); two clients would take it from each other for ever",
                    data_dir.display()
                ))
                .with_hint(
                    "stop the other one (hooks listen --relay or hooks relay connect), or give this one its own --channel NAME or HOOKS_DATA_DIR",
                ));
            }
            Err(TryLockError::Error(e)) => {
                crate::output::note(format!(
                    "relay: cannot lock {} ({e}): a second process on this channel is not prevented",
                    path.display()
                ));
                return Ok(None);
            }
        }
        // The holder's pid, for the message a second process prints.
        let _ = file
            .set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| writeln!(file, "{}", std::process::id()));
        Ok(Some(Claim { _file: file }))
    }
}

/// `relay-locks/<relay>#<channel>.lock`, with every character a file name
/// cannot hold (or that would read as a directory) replaced.
fn lock_path(data_dir: &Path, relay: &str, which: Which) -> PathBuf {
    let channel = match which {
        Which::Named(name) => name,
        Which::Own => "",
    };
    let name: String = format!("{relay}#{channel}")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '#') {
                c
            } else {
                '_'
            }
        })
        .collect();
    data_dir.join("relay-locks").join(format!("{name}.lock"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_claim_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let first = Claim::take(dir.path(), "ws://h:1", Which::Own).unwrap();
        assert!(first.is_some());
        let err = Claim::take(dir.path(), "ws://h:1", Which::Own).unwrap_err();
        assert!(err
            .message
            .contains(&format!("process {}", std::process::id())));
        assert!(Claim::take(dir.path(), "ws://h:1", Which::Named("a"))
            .unwrap()
            .is_some());
        drop(first);
        assert!(Claim::take(dir.path(), "ws://h:1", Which::Own)
            .unwrap()
            .is_some());
    }
}
