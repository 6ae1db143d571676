//! `hooks init`: creates a profile in the config file, asking for what the
//! flags leave out when a person is at the terminal.

use crate::api::prompt;
use crate::cli::{GlobalArgs, InitArgs};
use crate::config_edit::{self, NewProfile};
use crate::providers::{self, Management};
use crate::{config, output, Error, Result};

/// The profile's name when `--profile` is not given.
pub const DEFAULT_PROFILE: &str = "default";

pub fn run(args: InitArgs, global: &GlobalArgs) -> Result<()> {
    let path = global
        .config
        .clone()
        .unwrap_or_else(config::default_config_path);
    let ask = prompt::allowed(global.no_input);
    let doc = config_edit::read(&path)?;

    let name = match &global.profile {
        Some(name) => name.clone(),
        None if ask => prompt::text("Profile name", DEFAULT_PROFILE)?,
        None => DEFAULT_PROFILE.to_string(),
    };
    if name.trim().is_empty() {
        return Err(Error::usage("the profile name is empty").with_hint("pass --profile NAME"));
    }
    if config_edit::has_profile(&doc, &name) && !args.force {
        return Err(config_edit::exists(&name, &path));
    }

    let provider = match &args.provider {
        Some(p) => providers::get(p)?,
        None if ask => {
            let all = providers::all();
            let items: Vec<String> = all
                .iter()
                .map(|p| format!("{:<10} {}", p.name, p.title))
                .collect();
            let items: Vec<&str> = items.iter().map(String::as_str).collect();
            all[prompt::select("Provider", &items)?].clone()
        }
        None => return Err(prompt::missing("no provider was given", "--provider P")),
    };

    // Whether hooks made the secret itself: only such a secret needs to be
    // shown to the provider (one the user typed, they have already).
    let (secret, generated) = match (&args.secret, args.generate_secret) {
        (Some(s), _) => (Some(s.clone()), false),
        (None, true) => (Some(config::generate_secret()), true),
        (None, false) if !provider.scheme.is_signed() => (None, false),
        (None, false) if ask => {
            let choice = prompt::select(
                "Signing secret",
                &["Generate a new one", "Enter the provider's secret"],
            )?;
            match choice {
                0 => (Some(config::generate_secret()), true),
                _ => (
                    Some(prompt::password("Secret").and_then(|s| {
                        s.ok_or_else(|| {
                            Error::usage("the secret is empty")
                                .with_hint("enter the secret, or choose to generate one")
                        })
                    })?),
                    false,
                ),
            }
        }
        (None, false) => {
            return Err(prompt::missing(
                "no secret was given",
                "--secret S or --generate-secret",
            ))
        }
    };
    if let Some(s) = &secret {
        provider.scheme.check_secret(s).map_err(|e| {
            Error::usage(format!(
                "the secret cannot be used with {}: {e}",
                provider.name
            ))
            .with_hint("pass --generate-secret, or a secret in the scheme's format")
        })?;
    }

    let forward = match &args.forward {
        Some(f) => Some(f.clone()),
        None if ask => {
            prompt::optional("Forward deliveries to (URL or port; empty for none)", |t| {
                crate::outbound::parse_target(t)
                    .map(|_| ())
                    .map_err(|e| e.message)
            })?
        }
        None => None,
    };
    if let Some(f) = &forward {
        crate::outbound::parse_target(f)?;
    }

    let has_api = matches!(provider.management, Management::WebWork | Management::Awork);
    let api_key = match &args.api_key {
        Some(k) => Some(k.clone()),
        None if ask && has_api => {
            prompt::password(&format!("{} API key (empty to skip)", provider.title))?
        }
        None => None,
    };

    let profile = NewProfile {
        provider: provider.name.to_string(),
        secret,
        forward,
        api_key,
    };
    let written = config_edit::write_profile(&path, &name, &profile, args.force)?;
    output::line(format!(
        "{} profile '{name}' in {} (mode 0600)",
        if written.replaced {
            "replaced"
        } else {
            "created"
        },
        path.display()
    ));
    if written.made_default {
        output::note(format!(
            "it is the default profile (default_profile = \"{name}\")"
        ));
    }
    let flag = if written.made_default
        || (name == DEFAULT_PROFILE && doc.get("default_profile").is_none())
    {
        String::new()
    } else {
        format!(" --profile {name}")
    };
    if generated {
        output::note(format!(
            "the secret was generated; print it for the provider with `hooks listen{flag} --print-secret`"
        ));
    }
    output::note(format!(
        "next: `hooks listen{flag}` here, then `hooks send-test EVENT{flag}` in another terminal"
    ));
    Ok(())
}
