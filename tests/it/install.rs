//! `install.sh` with PREFIX set to a temporary directory: the binary, the man
//! page and every completion land under it (nothing in HOME), the script
//! says where each went and how to put zsh's directory on fpath, and
//! `--uninstall` takes it all away again.

use crate::support::Env;
use std::path::{Path, PathBuf};
use std::process::Output;

/// Runs `sh install.sh ARGS` with PREFIX (unless None), an empty HOME, and
/// on PATH first a `zsh` whose fpath (what an interactive zsh prints) is
/// `fpath`.
fn install(env: &Env, prefix: Option<&Path>, fpath: &str, args: &[&str]) -> Output {
    let bin = env.dir.path().join("shell-bin");
    std::fs::create_dir_all(&bin).unwrap();
    let zsh = bin.join("zsh");
    std::fs::write(&zsh, format!("#!/bin/sh\nprintf '%s\\n' '{fpath}'\n")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&zsh, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("install.sh");
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let mut command = env.command("sh");
    match prefix {
        Some(p) => command.env("PREFIX", p),
        None => command.env_remove("PREFIX"),
    };
    let out = command
        .arg(script)
        .args(args)
        .env("HOME", env.dir.path().join("home"))
        .env_remove("XDG_DATA_HOME")
        .env_remove("XDG_CONFIG_HOME")
        .env("PATH", path)
        .env("HOOKS_BINARY", assert_cmd::cargo::cargo_bin("hooks"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn installed(prefix: &Path) -> Vec<PathBuf> {
    [
        "bin/hooks",
        "share/man/man1/hooks.1",
        "share/bash-completion/completions/hooks",
        "share/zsh/site-functions/_hooks",
        "share/fish/vendor_completions.d/hooks.fish",
    ]
    .iter()
    .map(|p| prefix.join(p))
    .collect()
}

#[test]
fn install_sh_puts_everything_under_prefix_says_where_and_uninstalls() {
    let env = Env::new();
    let prefix = env.dir.path().join("prefix");
    let out = install(
        &env,
        Some(&prefix),
        "/usr/share/zsh/functions/Completion",
        &[],
    );
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    for file in installed(&prefix) {
        assert!(file.is_file(), "{} is missing:\n{stdout}", file.display());
        assert!(
            stdout.contains(&file.display().to_string()),
            "{} not named:\n{stdout}",
            file.display()
        );
    }
    let man = std::fs::read(prefix.join("share/man/man1/hooks.1")).unwrap();
    let committed =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/hooks.1"));
    assert_eq!(man, committed.unwrap());
    // Every subcommand's page, as committed, where `man hooks-listen` finds it.
    let pages = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/man"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect::<Vec<_>>();
    assert!(pages.len() > 25, "{pages:?}");
    for page in &pages {
        let installed = prefix.join("share/man/man1").join(page);
        let committed = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("completions/man")
            .join(page);
        assert_eq!(
            std::fs::read(&installed).ok(),
            std::fs::read(committed).ok(),
            "{}",
            installed.display()
        );
    }
    assert!(
        stdout.contains(&format!(
            "{}/hooks-*.1 ({}, e.g. man hooks-listen)",
            prefix.join("share/man/man1").display(),
            pages.len()
        )),
        "{stdout}"
    );
    let version = std::process::Command::new(prefix.join("bin/hooks"))
        .arg("--version")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("hooks "));
    assert!(
        !env.dir.path().join("home").exists(),
        "install.sh wrote to HOME although PREFIX was set"
    );
    let zsh_dir = prefix.join("share/zsh/site-functions");
    assert!(
        stdout.contains(&format!("  fpath=({} $fpath)", zsh_dir.display())),
        "{stdout}"
    );
    assert!(stdout.contains("is not on your PATH"), "{stdout}");

    // Already on zsh's fpath: no advice. Run again, idempotently.
    let fpath = format!("{}\n/usr/share/zsh/functions", zsh_dir.display());
    let again = install(&env, Some(&prefix), &fpath, &[]);
    let stdout = String::from_utf8_lossy(&again.stdout).into_owned();
    assert!(!stdout.contains("fpath"), "{stdout}");

    let removed = install(&env, Some(&prefix), &fpath, &["--uninstall"]);
    let stdout = String::from_utf8_lossy(&removed.stdout).into_owned();
    let listen_page = prefix.join("share/man/man1/hooks-listen.1");
    for file in installed(&prefix).into_iter().chain([listen_page]) {
        assert!(!file.exists(), "{} was left", file.display());
        assert!(
            stdout.contains(&format!("removed {}", file.display())),
            "{stdout}"
        );
    }
}

#[test]
fn install_sh_without_prefix_uses_the_per_user_directories() {
    let env = Env::new();
    let home = env.dir.path().join("home");
    let out = install(&env, None, "", &[]);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    for file in [
        ".local/bin/hooks",
        ".local/share/man/man1/hooks.1",
        ".local/share/bash-completion/completions/hooks",
        ".local/share/zsh/site-functions/_hooks",
        ".config/fish/completions/hooks.fish",
    ] {
        let file = home.join(file);
        assert!(file.is_file(), "{} is missing:\n{stdout}", file.display());
        assert!(stdout.contains(&file.display().to_string()), "{stdout}");
    }
    assert!(home
        .join(".local/share/man/man1/hooks-relay-serve.1")
        .is_file());
    install(&env, None, "", &["--uninstall"]);
    assert!(!home.join(".local/bin/hooks").exists());
    assert!(!home
        .join(".local/share/man/man1/hooks-relay-serve.1")
        .exists());
}
