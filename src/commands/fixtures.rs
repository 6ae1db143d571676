//! `hooks fixtures`: lists and shows the built-in event fixtures of each provider.

use crate::cli::FixturesCommand;
use crate::fixtures::Catalog;
use crate::output::{self, TableFormat};
use crate::{providers, Result};
use serde_json::json;

pub fn run(cmd: FixturesCommand, catalog: &Catalog) -> Result<()> {
    match cmd {
        FixturesCommand::List { provider, format } => {
            if let Some(p) = &provider {
                providers::get(p)?;
            }
            let list = catalog.list(provider.as_deref());
            match format {
                TableFormat::Table => {
                    let rows: Vec<Vec<String>> = list
                        .iter()
                        .map(|f| {
                            vec![
                                f.provider.clone().unwrap_or_else(|| "-".into()),
                                f.event.clone(),
                                f.origin.describe(),
                            ]
                        })
                        .collect();
                    for line in output::table(&["PROVIDER", "EVENT", "SOURCE"], &rows) {
                        output::line(line);
                    }
                }
                TableFormat::Json => {
                    for f in list {
                        output::json_line(&json!({
                            "provider": f.provider,
                            "event": f.event,
                            "source": f.origin.describe(),
                        }));
                    }
                }
            }
            Ok(())
        }
        FixturesCommand::Show { event, provider } => {
            let provider = provider.as_deref().map(providers::get).transpose()?;
            let fixture = catalog.find(&event, provider.as_ref())?;
            output::line(String::from_utf8_lossy(&fixture.body).trim_end());
            Ok(())
        }
    }
}
