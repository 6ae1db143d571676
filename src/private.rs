//! Private files and directories: every data file hooks writes (the
//! SQLite stores with their `-wal`/`-shm` files, the development secret,
//! tokens) is mode 0600 and every data directory it creates 0700, whatever
//! the umask. On other systems than Unix these only create.

use std::fs::File;
use std::io::Write;
use std::path::Path;

/// The files SQLite keeps beside a database.
const SQLITE_SIDE_FILES: [&str; 3] = ["-wal", "-shm", "-journal"];

#[cfg(unix)]
fn chmod(path: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn chmod(_: &Path, _: u32) -> std::io::Result<()> {
    Ok(())
}

/// Creates `dir` and its missing parents with mode 0700. A directory that
/// already exists is left as it is (the files in it are private anyway).
pub fn create_dir(dir: &Path) -> std::io::Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent() {
        create_dir(parent)?;
    }
    match std::fs::create_dir(dir) {
        Ok(()) => chmod(dir, 0o700),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
        Err(e) => Err(e),
    }
}

/// Opens `path` for writing from its start, created with mode 0600, and
/// makes an existing file 0600 too.
pub fn open_private(path: &Path, truncate: bool) -> std::io::Result<File> {
    if let Some(parent) = path.parent() {
        create_dir(parent)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(truncate);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(path)?;
    chmod(path, 0o600)?;
    Ok(file)
}

/// Writes a file that holds a secret, mode 0600, its directory 0700.
pub fn write(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let mut file = open_private(path, true)?;
    file.write_all(contents)?;
    file.sync_all()
}

/// Makes ready an SQLite database's place before it is opened: its
/// directory 0700, the database file (created empty if missing) and the
/// side files SQLite already left there 0600. SQLite gives the side files
/// it creates later the database file's mode.
pub fn prepare_database(path: &Path) -> std::io::Result<()> {
    open_private(path, false)?;
    for suffix in SQLITE_SIDE_FILES {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        let side = Path::new(&side);
        if side.exists() {
            chmod(side, 0o600)?;
        }
    }
    Ok(())
}

/// Refuses `path` (a file or directory hooks trusts: the data directory,
/// the development secret, the config file, the relay's tokens file) when
/// another user could have written it: owned by another user than the one
/// running hooks, or writable by its group or by others. Such a file may
/// have been planted (a secret another user knows, a config that sends
/// deliveries elsewhere), so it is refused like ssh refuses an unprotected
/// key, with what to run to fix it: a usage error, exit 2. A path that does
/// not exist passes (hooks creates it private). Symbolic links are followed:
/// what counts is the file that is read.
#[cfg(unix)]
pub fn check_trusted(path: &Path, what: &str) -> crate::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(());
    };
    let shown = path.display().to_string();
    let shown = crate::terminal::quote(&shown);
    let chmod = if meta.is_dir() { "700" } else { "600" };
    if let Some(me) = own_uid() {
        if meta.uid() != me {
            return Err(crate::Error::usage(format!(
                "refusing {what} {shown}: it belongs to another user (uid {}), who may have planted it",
                meta.uid()
            ))
            .with_hint(format!(
                "check what it holds, then remove it, or make it yours: chown {me} {shown} && chmod {chmod} {shown}"
            )));
        }
    }
    if meta.mode() & 0o022 != 0 {
        return Err(crate::Error::usage(format!(
            "refusing {what} {shown}: its group or other users can write it (mode {:03o})",
            meta.mode() & 0o777
        ))
        .with_hint(format!(
            "check what it holds, then run: chmod go-w {shown} (or chmod {chmod} {shown})"
        )));
    }
    Ok(())
}

#[cfg(not(unix))]
pub fn check_trusted(_: &Path, _: &str) -> crate::Result<()> {
    Ok(())
}

/// The effective uid of this process, without unsafe code: the owner of
/// `/proc/self`. None where there is no procfs; then only modes are checked.
#[cfg(unix)]
fn own_uid() -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").ok().map(|m| m.uid())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn files_are_0600_and_new_directories_0700() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("a/b/store.db");
        std::fs::create_dir_all(dir.path().join("a")).unwrap();
        prepare_database(&db).unwrap();
        assert_eq!(mode(&db), 0o600);
        assert_eq!(mode(&dir.path().join("a/b")), 0o700);
        let wal = dir.path().join("a/b/store.db-wal");
        std::fs::write(&wal, b"").unwrap();
        chmod(&wal, 0o644).unwrap();
        prepare_database(&db).unwrap();
        assert_eq!(mode(&wal), 0o600);
        let secret = dir.path().join("c/secret");
        write(&secret, b"s").unwrap();
        assert_eq!(mode(&secret), 0o600);
        assert_eq!(mode(&dir.path().join("c")), 0o700);
    }
}
