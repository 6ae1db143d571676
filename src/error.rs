//! Error kinds and their exit codes (documented in README.md, "Exit codes").

use std::fmt;

/// What went wrong, which decides the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// A check failed: invalid signature, unexpected status, `--exit-after` timed out.
    CheckFailed,
    /// Usage or configuration error: bad flag value, unknown event, unreadable file.
    Usage,
    /// Network or remote-API error: connection refused, timeout, 5xx after retries.
    Network,
    /// Interrupted by Ctrl-C after a clean shutdown.
    Interrupted,
}

impl ErrorKind {
    pub fn exit_code(self) -> u8 {
        match self {
            ErrorKind::CheckFailed => 1,
            ErrorKind::Usage => 2,
            ErrorKind::Network => 3,
            ErrorKind::Interrupted => 130,
        }
    }
}

/// An error as the user sees it: what happened (the message) and, where there
/// is one, what to do next (the hint).
#[derive(Debug)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
    pub hint: Option<String>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            hint: None,
        }
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Usage, message)
    }

    pub fn network(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Network, message)
    }

    pub fn check(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::CheckFailed, message)
    }

    pub fn interrupted() -> Self {
        Error::new(ErrorKind::Interrupted, "stopped")
    }

    /// Marks an error whose outcome the command already printed (a verdict
    /// on stdout): only its exit code remains, nothing more is printed.
    pub fn already_reported(mut self) -> Self {
        self.message.clear();
        self.hint = None;
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn exit_code(&self) -> u8 {
        self.kind.exit_code()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// Reading a file the user named: the message says which file and why.
pub fn read_file(path: &std::path::Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| {
        Error::usage(format!("cannot read {}: {e}", path.display()))
            .with_hint("check the path and its permissions")
    })
}
