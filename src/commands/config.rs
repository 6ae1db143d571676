//! `hooks config show`: the effective settings and their sources.

use crate::cli::{ConfigCommand, GlobalArgs};
use crate::config::Config;
use crate::output::{self, TableFormat};
use crate::settings;
use crate::Result;
use serde_json::json;

pub fn run(cmd: ConfigCommand, config: &Config, global: &GlobalArgs) -> Result<()> {
    let ConfigCommand::Show { format } = cmd;
    // With --no-profile no profile is active, whatever HOOKS_PROFILE names.
    let profile = global.profile.as_deref().filter(|_| !global.no_profile);
    let list = settings::effective(config, global.config.as_deref(), profile);
    match format {
        TableFormat::Table => {
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|s| {
                    vec![
                        s.key.to_string(),
                        s.value.clone().unwrap_or_else(|| "-".into()),
                        s.source.describe(),
                    ]
                })
                .collect();
            for line in output::table(&["SETTING", "VALUE", "SOURCE"], &rows) {
                output::line(line);
            }
        }
        TableFormat::Json => {
            for s in list {
                output::json_line(&json!({
                    "setting": s.key,
                    "value": s.value,
                    "source": s.source.kind(),
                    "origin": s.source.origin(),
                }));
            }
        }
    }
    Ok(())
}
