//! `hooks relay serve|connect|token`.

use crate::cli::{RelayCommand, RelayConnectArgs, RelayServeArgs, RelayTokenCommand};
use crate::config::Config;
use crate::relay::{client, server, tokens};
use crate::{Error, Result};
use std::sync::Arc;

pub fn run(cmd: RelayCommand, config: &Config) -> Result<()> {
    match cmd {
        RelayCommand::Serve(args) => serve(args, config),
        RelayCommand::Connect(args) => connect(args, config),
        RelayCommand::Token(RelayTokenCommand::Add { name, tokens: path }) => {
            let token = tokens::add(&path, &name)?;
            eprintln!(
                "added token '{name}' to {}; it is shown only now:",
                path.display()
            );
            crate::output::line(token);
            Ok(())
        }
    }
}

fn serve(args: RelayServeArgs, config: &Config) -> Result<()> {
    let opts = server::ServeOptions {
        bind: args.bind,
        public_url: args.public_url,
        domain: args.domain,
        tokens: args.tokens,
        data_dir: args
            .data_dir
            .unwrap_or_else(|| config.data_dir.join("relay")),
        max_body: parse_size(&args.max_body).ok_or_else(|| {
            Error::usage(format!("--max-body {}: not a size", args.max_body))
                .with_hint("e.g. 25MiB, 512KiB, 1MB or a number of bytes")
        })?,
        request_timeout: args.request_timeout.into(),
        queue_limit: args.queue_limit,
        queue_ttl: args.queue_ttl.into(),
        offline: args.offline,
        rate_limit: args.rate_limit,
        heartbeat: args.heartbeat.into(),
        max_streams: args.max_streams.max(1),
        max_connections_per_token: args.max_connections_per_token.max(1),
        tls: args.tls_cert.zip(args.tls_key),
    };
    crate::runtime()?.block_on(server::serve(opts))
}

fn connect(args: RelayConnectArgs, config: &Config) -> Result<()> {
    let forward = client::Forward::new(&args.forward, args.timeout.into())?;
    let opts = client::ClientOptions {
        relay: args.relay,
        token: args.token,
        channel: args.channel,
        data_dir: config.data_dir.clone(),
        fail_on_disconnect: args.fail_on_disconnect.map(Into::into),
        heartbeat: args.heartbeat.into(),
        ca: args.relay_ca,
    };
    let target = forward.base.to_string();
    crate::runtime()?.block_on(async move {
        tokio::select! {
            r = client::run(opts, Arc::new(forward), |url| {
                crate::output::line(url);
                eprintln!("relay: forwarding {url} -> {target}");
            }) => r,
            _ = tokio::signal::ctrl_c() => Err(Error::interrupted()),
        }
    })
}

/// `25MiB`, `512KiB`, `1MB`, `4096`.
pub fn parse_size(text: &str) -> Option<u64> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (n, unit) = t.split_at(split);
    let n: u64 = n.parse().ok()?;
    let mult = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "kb" => 1_000,
        "kib" | "k" => 1 << 10,
        "mb" => 1_000_000,
        "mib" | "m" => 1 << 20,
        "gb" => 1_000_000_000,
        "gib" | "g" => 1 << 30,
        _ => return None,
    };
    n.checked_mul(mult)
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_parse() {
        assert_eq!(super::parse_size("25MiB"), Some(25 << 20));
        assert_eq!(super::parse_size("4096"), Some(4096));
        assert_eq!(super::parse_size("1MB"), Some(1_000_000));
        assert_eq!(super::parse_size("lots"), None);
    }
}
