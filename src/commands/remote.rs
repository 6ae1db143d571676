//! `hooks list/get/create/update/delete/event-types/logs`: glue between the
//! command line and the provider management APIs in `api/`.

use crate::api::{self, prompt, Changes, NewWebhook, Webhook};
use crate::cli::{ApiArgs, CreateArgs, DeleteArgs, UpdateArgs, WebhookIdArgs};
use crate::config::Config;
use crate::output::{self, TableFormat};
use crate::{Error, Result};
use serde_json::json;

pub async fn list(args: ApiArgs, config: &Config) -> Result<()> {
    let api = api::connect(&(&args).into(), config)?;
    print_webhooks(&api.list().await?, args.format);
    Ok(())
}

pub async fn get(args: WebhookIdArgs, config: &Config) -> Result<()> {
    let api = api::connect(&(&args.api).into(), config)?;
    print_webhooks(&[api.get(&args.id).await?], args.api.format);
    Ok(())
}

pub async fn create(args: CreateArgs, config: &Config, no_input: bool) -> Result<()> {
    let api = api::connect(&(&args.api).into(), config)?;
    let provider = api.provider().clone();
    let ask = prompt::allowed(no_input);
    let url = match &args.url {
        Some(url) => api::check_url(url)?,
        None if ask => prompt::url("Webhook URL")?,
        None => return Err(prompt::missing("no webhook URL was given", "--url URL")),
    };
    let mut events = clean(&args.events);
    if events.is_empty() {
        if !ask {
            return Err(prompt::missing(
                "no events were given",
                "--event E (repeatable)",
            ));
        }
        // An empty choice asks again (the URL typed above is kept), then
        // gives up with the command line that would do it.
        for _ in 0..3 {
            events = prompt::events(provider.events)?;
            if !events.is_empty() {
                break;
            }
            crate::output::note("select at least one event with space, then press enter");
        }
        if events.is_empty() {
            return Err(Error::usage("no events chosen, so no webhook was created")
                .with_hint(format!("hooks create --url {url} --event EVENT")));
        }
    }
    api::check_events(&provider, &events, args.allow_unknown_event)?;
    let header = args
        .header
        .as_deref()
        .map(api::parse_auth_header)
        .transpose()?;
    let new = NewWebhook {
        url,
        events,
        name: args.name.clone(),
        header,
    };
    print_webhooks(&[api.create(&new).await?], args.api.format);
    Ok(())
}

pub async fn update(args: UpdateArgs, config: &Config) -> Result<()> {
    let api = api::connect(&(&args.api).into(), config)?;
    let events = clean(&args.events);
    api::check_events(api.provider(), &events, args.allow_unknown_event)?;
    let changes = Changes {
        url: args.url.as_deref().map(api::check_url).transpose()?,
        events: (!events.is_empty()).then_some(events),
        active: match (args.active, args.inactive) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        },
    };
    if changes == Changes::default() {
        return Err(
            Error::usage(format!("nothing to change on webhook {}", args.id))
                .with_hint("pass --url, --event, --active or --inactive"),
        );
    }
    print_webhooks(&[api.update(&args.id, &changes).await?], args.api.format);
    Ok(())
}

pub async fn delete(args: DeleteArgs, config: &Config, no_input: bool) -> Result<()> {
    let api = api::connect(&(&args.api).into(), config)?;
    let provider = api.provider().name;
    if !args.yes {
        if !prompt::allowed(no_input) {
            return Err(prompt::missing(
                &format!("deleting webhook {} needs a confirmation", args.id),
                "--yes",
            ));
        }
        if !prompt::confirm(&format!("Delete {provider} webhook {}?", args.id))? {
            output::note(format!("kept webhook {}: nothing was deleted", args.id));
            return Ok(());
        }
    }
    api.delete(&args.id).await?;
    match args.api.format {
        TableFormat::Table => output::line(format!("deleted {provider} webhook {}", args.id)),
        TableFormat::Json => {
            output::json_line(&json!({"id": args.id, "provider": provider, "deleted": true}))
        }
    }
    Ok(())
}

pub async fn event_types(args: ApiArgs, config: &Config) -> Result<()> {
    let api = api::connect(&(&args).into(), config)?;
    let provider = api.provider().name;
    let events = api.event_types().await?;
    match args.format {
        TableFormat::Table => {
            let rows: Vec<Vec<String>> = events.into_iter().map(|e| vec![e]).collect();
            for line in output::table(&["EVENT"], &rows) {
                output::line(line);
            }
        }
        TableFormat::Json => {
            for event in events {
                output::json_line(&json!({"provider": provider, "event": event}));
            }
        }
    }
    Ok(())
}

pub async fn logs(args: WebhookIdArgs, config: &Config) -> Result<()> {
    let api = api::connect(&(&args.api).into(), config)?;
    let entries = api.logs(&args.id).await?;
    match args.api.format {
        TableFormat::Table => {
            for line in api::log_table(&entries) {
                output::line(line);
            }
        }
        TableFormat::Json => {
            for entry in &entries {
                output::json_line(&entry.to_json(&args.id));
            }
        }
    }
    Ok(())
}

/// `--event a,b --event c` arrives split by clap; drop blanks and repeats.
fn clean(events: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for e in events.iter().map(|e| e.trim()).filter(|e| !e.is_empty()) {
        if !out.iter().any(|o| o == e) {
            out.push(e.to_string());
        }
    }
    out
}

fn print_webhooks(webhooks: &[Webhook], format: TableFormat) {
    match format {
        TableFormat::Table => {
            for line in api::table(webhooks) {
                output::line(line);
            }
        }
        TableFormat::Json => {
            for webhook in webhooks {
                output::json_line(&webhook.to_json());
            }
        }
    }
}
