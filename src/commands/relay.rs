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
            crate::output::note(format!(
                "added token '{name}' to {}; it is shown only now:",
                path.display()
            ));
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
        max_body: crate::size::parse(&args.max_body, "--max-body")?,
        request_timeout: args.request_timeout.into(),
        body_idle_timeout: args.body_idle_timeout.into(),
        body_deadline: args.body_deadline.into(),
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
                crate::output::note(format!("relay: forwarding {url} -> {target}"));
            }) => r,
            _ = tokio::signal::ctrl_c() => Err(Error::interrupted()),
        }
    })
}
