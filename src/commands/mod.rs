//! One file per subcommand: glue between the CLI and the library.

pub mod check;
pub mod completions;
pub mod config;
pub mod convert;
pub mod deliveries;
pub mod demo;
pub mod emulate;
pub mod fixtures;
pub mod help;
pub mod init;
pub mod inspect;
pub mod listen;
pub mod relay;
pub mod remote;
pub mod replay;
pub mod send_test;
pub mod sign;
pub mod verify;

/// Reads a payload from a file, or standard input for `-`.
pub fn read_payload(file: &str) -> crate::Result<Vec<u8>> {
    if file == "-" {
        use std::io::Read;
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| crate::Error::usage(format!("cannot read standard input: {e}")))?;
        Ok(buf)
    } else {
        crate::error::read_file(std::path::Path::new(file))
    }
}

/// The app to forward to: `--forward`, else the profile's `forward`.
pub fn forward_target(
    flag: Option<&str>,
    config: &crate::config::Config,
) -> crate::Result<Option<reqwest::Url>> {
    flag.or(config.profile.forward.as_deref())
        .map(crate::outbound::parse_target)
        .transpose()
}

/// Says on stderr that the development secret is in use (no secret was
/// configured anywhere), and where it lives: a signature that does not
/// verify elsewhere is then explained.
pub fn note_dev_secret(doing: &str, config: &crate::config::Config) {
    crate::output::note(format!(
        "{doing} with the development secret in {} (no --secret, HOOKS_SECRET or profile secret)",
        config.data_dir.join("dev-secret").display()
    ));
}
