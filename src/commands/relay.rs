//! `hooks relay serve|connect|token|queue`.

use crate::cli::{
    NatsArgs, RelayCommand, RelayConnectArgs, RelayQueueCommand, RelayServeArgs, RelayStatusArgs,
    RelayStoreArgs, RelayTokenCommand,
};
use crate::config::Config;
use crate::netlist::NetList;
use crate::output::TableFormat;
use crate::relay::protocol::{Frame, CLUSTER_QUEUE_BIT};
use crate::relay::store::{Item, State, Store};
use crate::relay::{client, cluster, server, tokens};
use crate::{Error, Result};
use std::sync::Arc;

pub fn run(cmd: RelayCommand, config: &Config) -> Result<()> {
    match cmd {
        RelayCommand::Serve(args) => serve(*args, config),
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
        RelayCommand::Queue(cmd) => queue(cmd, config),
        RelayCommand::Status(args) => status(args),
    }
}

fn serve(args: RelayServeArgs, config: &Config) -> Result<()> {
    let cluster = cluster_options(&args)?;
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
        queue_max_attempts: args.queue_max_attempts,
        queue_max_bytes: crate::size::parse(&args.queue_max_bytes, "--queue-max-bytes")?,
        queue_max_total_bytes: crate::size::parse(
            &args.queue_max_total_bytes,
            "--queue-max-total-bytes",
        )?,
        offline: args.offline,
        rate_limit: args.rate_limit,
        trusted_proxies: args
            .trusted_proxies
            .as_deref()
            .map(|t| NetList::from_flag(t, "--trusted-proxies"))
            .transpose()?,
        allow_from: args
            .allow_from
            .as_deref()
            .map(|t| NetList::from_flag(t, "--allow-from"))
            .transpose()?,
        heartbeat: args.heartbeat.into(),
        max_streams: args.max_streams.max(1),
        max_connections_per_token: args.max_connections_per_token.max(1),
        max_channels_per_token: args.max_channels_per_token.max(1),
        admin_bind: args.admin_bind,
        tls: args.tls_cert.zip(args.tls_key),
        cluster,
    };
    crate::runtime()?.block_on(server::serve(opts))
}

/// The cluster options of `relay serve`, when `--cluster` is given; the
/// other NATS flags without it are a usage error.
fn cluster_options(args: &RelayServeArgs) -> Result<Option<cluster::ClusterOptions>> {
    if args.cluster.is_empty() {
        no_stray_nats_flags(
            &args.nats,
            &[
                ("--node-id", args.node_id.is_some()),
                ("--nats-replicas", args.nats_replicas.is_some()),
            ],
        )?;
        return Ok(None);
    }
    let node_id = match &args.node_id {
        Some(id) => id.clone(),
        None => cluster::default_node_id(),
    };
    if !cluster::valid_node_id(&node_id) {
        return Err(Error::usage(format!(
            "--node-id {node_id:?}: a node id is 1-64 letters, digits, '-', '_' or '.'"
        ))
        .with_hint("pass a short name such as relay-1"));
    }
    let mut options = nats_options(&args.cluster, node_id, &args.nats);
    options.replicas = args.nats_replicas.map_or(0, usize::from);
    options.queue = cluster::QueueLimits {
        max_requests: args.queue_limit,
        ttl: args.queue_ttl.into(),
        max_bytes: crate::size::parse(&args.queue_max_total_bytes, "--queue-max-total-bytes")?,
    };
    Ok(Some(options))
}

/// Without `--cluster`, the NATS flags (and `others`, each with whether it
/// was given) are a usage error.
fn no_stray_nats_flags(nats: &NatsArgs, others: &[(&str, bool)]) -> Result<()> {
    let nats_flags = [
        ("--nats-creds", nats.nats_creds.is_some()),
        ("--nats-token", nats.nats_token.is_some()),
        ("--nats-tls-ca", nats.nats_tls_ca.is_some()),
    ];
    match nats_flags.iter().chain(others).find(|(_, given)| *given) {
        Some((flag, _)) => Err(Error::usage(format!("{flag} is only used with --cluster"))
            .with_hint("add --cluster nats://HOST:PORT, or leave the flag out")),
        None => Ok(()),
    }
}

/// A cluster that could not be read: bad `--cluster` options are a usage
/// error, the rest a network error about `what` at `servers`.
fn cluster_unreadable(servers: &str, what: &str, e: cluster::ClusterError) -> Error {
    match e {
        cluster::ClusterError::Config(why) => Error::usage(format!("--cluster: {why}")),
        other => Error::network(format!("cannot read {what} at {servers}: {other}"))
            .with_hint("check --cluster and the NATS credentials; the relay nodes' NATS servers must be running"),
    }
}

/// How to reach NATS, from the flags `relay serve` and `relay status` share.
fn nats_options(servers: &[String], node_id: String, nats: &NatsArgs) -> cluster::ClusterOptions {
    let mut options = cluster::ClusterOptions::new(servers.to_vec(), node_id);
    options.token = nats.nats_token.clone();
    options.creds = nats.nats_creds.clone();
    options.tls_ca = nats.nats_tls_ca.clone();
    options
}

/// `hooks relay status --cluster`: the nodes, the channels they hold and
/// the queue depths, read from NATS.
fn status(args: RelayStatusArgs) -> Result<()> {
    let id = format!("status-{}", hex::encode(rand::random::<[u8; 2]>()));
    let options = nats_options(&args.cluster, id, &args.nats);
    let servers = args.cluster.join(",");
    let status = crate::runtime()?.block_on(async move {
        let cluster = cluster::Cluster::connect(options).await?;
        cluster.status().await
    });
    let status = status.map_err(|e| cluster_unreadable(&servers, "the cluster", e))?;
    match args.format {
        TableFormat::Json => {
            for n in &status.nodes {
                crate::output::json_line(&serde_json::json!({
                    "kind": "node",
                    "node": n.node,
                    "alive": n.alive,
                    "bind": n.bind,
                    "tunnels": n.tunnels,
                }));
            }
            for c in &status.channels {
                crate::output::json_line(&serde_json::json!({
                    "kind": "channel",
                    "channel": c.channel,
                    "node": c.node,
                    "queued": c.queued,
                    "dead": c.dead,
                }));
            }
        }
        TableFormat::Table => {
            if status.nodes.is_empty() {
                crate::output::note("no relay node is alive in this cluster");
            } else {
                let rows: Vec<Vec<String>> = status
                    .nodes
                    .iter()
                    .map(|n| {
                        vec![
                            n.node.clone(),
                            if n.alive { "alive" } else { "gone" }.to_string(),
                            n.bind.clone(),
                            n.tunnels.to_string(),
                        ]
                    })
                    .collect();
                for line in crate::output::table(&["NODE", "STATE", "BIND", "TUNNELS"], &rows) {
                    crate::output::line(line);
                }
            }
            if !status.channels.is_empty() {
                crate::output::line("");
                let rows: Vec<Vec<String>> = status
                    .channels
                    .iter()
                    .map(|c| {
                        vec![
                            c.channel.clone(),
                            c.node.clone().unwrap_or_else(|| "-".into()),
                            c.queued.to_string(),
                            c.dead.to_string(),
                        ]
                    })
                    .collect();
                for line in crate::output::table(&["CHANNEL", "NODE", "QUEUED", "DEAD"], &rows) {
                    crate::output::line(line);
                }
            }
        }
    }
    Ok(())
}

fn connect(args: RelayConnectArgs, config: &Config) -> Result<()> {
    let forward = client::Forward::new(&args.forward, args.timeout.into())?;
    let opts = client::ClientOptions {
        relay: args.relay,
        token: args.token.or(args.token_file),
        channel: args.channel,
        data_dir: config.data_dir.clone(),
        fail_on_disconnect: args.fail_on_disconnect.map(Into::into),
        heartbeat: args.heartbeat.into(),
        ca: args.relay_ca,
    };
    let target = forward.base.to_string();
    crate::local_runtime()?.block_on(async move {
        tokio::select! {
            r = client::run(opts, Arc::new(forward), |url| {
                crate::output::line(url);
                crate::output::note(format!("relay: forwarding {url} -> {target}"));
            }) => r,
            _ = tokio::signal::ctrl_c() => Err(Error::interrupted()),
        }
    })
}

/// `hooks relay queue list|retry|drop`, on the relay's database (the relay
/// may be running: SQLite's WAL lets both use it).
fn queue(cmd: RelayQueueCommand, config: &Config) -> Result<()> {
    let (RelayQueueCommand::List { store, .. }
    | RelayQueueCommand::Retry { store, .. }
    | RelayQueueCommand::DropDead { store, .. }) = &cmd;
    drop_confirmed(&cmd)?;
    if !store.cluster.is_empty() {
        return cluster_queue(cmd);
    }
    no_stray_nats_flags(&store.nats, &[])?;
    let open = |args: &RelayStoreArgs| {
        let dir = args
            .data_dir
            .clone()
            .unwrap_or_else(|| config.data_dir.join("relay"));
        Store::open_existing(&dir)
    };
    let db = |e: rusqlite::Error| Error::usage(format!("relay database: {e}"));
    match cmd {
        RelayQueueCommand::List {
            store: args,
            dead,
            format,
        } => {
            let store = open(&args)?;
            let items = store.list(args.channel.as_deref(), dead).map_err(db)?;
            print_items(&items, format);
            Ok(())
        }
        RelayQueueCommand::Retry {
            id,
            all: _,
            store: args,
        } => {
            let mut store = open(&args)?;
            for item in dead_letters(&store, id, &args)? {
                let new = store.retry(item.id).map_err(db)?;
                crate::output::line(format!(
                    "{} -> queued as {new} (channel {})",
                    item.id, item.channel
                ));
            }
            Ok(())
        }
        RelayQueueCommand::DropDead {
            id, store: args, ..
        } => {
            let store = open(&args)?;
            for item in dead_letters(&store, id, &args)? {
                store.drop_dead(item.id).map_err(db)?;
                crate::output::line(format!("{} dropped (channel {})", item.id, item.channel));
            }
            Ok(())
        }
    }
}

/// `relay queue drop --all` needs `--yes`.
fn drop_confirmed(cmd: &RelayQueueCommand) -> Result<()> {
    if let RelayQueueCommand::DropDead {
        id: None,
        yes: false,
        ..
    } = cmd
    {
        return Err(
            Error::usage("dropping every dead letter needs confirmation")
                .with_hint("pass --yes, or drop one with `hooks relay queue drop ID`"),
        );
    }
    Ok(())
}

/// `hooks relay queue list|retry|drop --cluster`: the same on the
/// cluster's queue in JetStream (ids are the ones the relay answers 202
/// with: 2^63 plus the request's sequence in the queue stream).
fn cluster_queue(cmd: RelayQueueCommand) -> Result<()> {
    let (RelayQueueCommand::List { store, .. }
    | RelayQueueCommand::Retry { store, .. }
    | RelayQueueCommand::DropDead { store, .. }) = &cmd;
    let args = store.clone();
    let id = format!("queue-{}", hex::encode(rand::random::<[u8; 2]>()));
    let options = nats_options(&args.cluster, id, &args.nats);
    let servers = args.cluster.join(",");
    let failed = move |e: cluster::ClusterError| match e {
        cluster::ClusterError::InvalidChannel(name) => Error::usage(format!(
            "--channel {name:?}: not a channel name (a-z, 0-9 and -)"
        )),
        cluster::ClusterError::QueueFull { channel, limit } => Error::usage(format!(
            "the queue of channel '{channel}' holds its limit of {limit} requests"
        ))
        .with_hint("retry once the channel's client has taken some"),
        cluster::ClusterError::StoreFull { limit } => Error::usage(format!(
            "the cluster's queues hold their limit of {limit} bytes for all channels"
        ))
        .with_hint("retry once clients have taken some, or drop dead letters"),
        other => cluster_unreadable(&servers, "the cluster's queue", other),
    };
    crate::runtime()?.block_on(async move {
        let cluster = cluster::Cluster::connect(options).await.map_err(&failed)?;
        let queue = cluster.queue();
        match cmd {
            RelayQueueCommand::List { dead, format, .. } => {
                let listed = queue
                    .list(args.channel.as_deref(), dead)
                    .await
                    .map_err(&failed)?;
                let items: Vec<Item> = listed.into_iter().map(listed_item).collect();
                print_items(&items, format);
            }
            RelayQueueCommand::Retry { id, .. } => {
                for dead in cluster_dead_letters(queue, id, &args)
                    .await
                    .map_err(|e| e.unwrap_or_else(&failed))?
                {
                    let new = queue.retry_dead(dead.sequence).await.map_err(&failed)?;
                    crate::output::line(format!(
                        "{} -> queued as {} (channel {})",
                        CLUSTER_QUEUE_BIT | dead.sequence,
                        CLUSTER_QUEUE_BIT | new,
                        dead.channel
                    ));
                }
            }
            RelayQueueCommand::DropDead { id, .. } => {
                for dead in cluster_dead_letters(queue, id, &args)
                    .await
                    .map_err(|e| e.unwrap_or_else(&failed))?
                {
                    queue.drop_dead(dead.sequence).await.map_err(&failed)?;
                    crate::output::line(format!(
                        "{} dropped (channel {})",
                        CLUSTER_QUEUE_BIT | dead.sequence,
                        dead.channel
                    ));
                }
            }
        }
        Ok(())
    })
}

/// The cluster's dead letter `id`, or every dead letter (of `--channel`);
/// an id that is not one is a usage error (`Ok` of the error), a cluster
/// failure is `Err`.
async fn cluster_dead_letters(
    queue: &cluster::OfflineQueue,
    id: Option<u64>,
    args: &RelayStoreArgs,
) -> std::result::Result<
    Vec<cluster::queue::Listed>,
    std::result::Result<Error, cluster::ClusterError>,
> {
    let Some(id) = id else {
        let dead = queue
            .list(args.channel.as_deref(), true)
            .await
            .map_err(Err)?;
        if dead.is_empty() {
            crate::output::note("no dead letters");
        }
        return Ok(dead);
    };
    let hint = "see the ids with `hooks relay queue list --cluster … --dead`";
    if id & CLUSTER_QUEUE_BIT == 0 {
        return Err(Ok(Error::usage(format!(
            "{id} is not an id of a cluster's queue (those are 9223372036854775808 and up)"
        ))
        .with_hint(hint)));
    }
    match queue
        .dead_letter(id & !CLUSTER_QUEUE_BIT)
        .await
        .map_err(Err)?
    {
        Some(dead) if args.channel.as_ref().is_none_or(|c| *c == dead.channel) => Ok(vec![dead]),
        _ => Err(Ok(
            Error::usage(format!("no dead letter with id {id}")).with_hint(hint)
        )),
    }
}

/// A request listed from the cluster's queue, as the single-node store
/// lists one.
fn listed_item(listed: cluster::queue::Listed) -> Item {
    let (method, target, headers) = match Frame::decode(listed.head) {
        Ok(Frame::RequestHead {
            method,
            target,
            headers,
            ..
        }) => (method.to_vec(), target.to_vec(), headers),
        _ => (b"?".to_vec(), b"(an unreadable head)".to_vec(), Vec::new()),
    };
    Item {
        id: CLUSTER_QUEUE_BIT | listed.sequence,
        channel: listed.channel,
        created_at: listed.stored_at,
        method,
        target,
        headers,
        size: listed.size,
        state: if listed.dead {
            State::Dead
        } else {
            State::Queued
        },
        attempts: listed.attempts.min(u32::MAX as u64) as u32,
        last_error: listed.last_error,
    }
}

/// Prints queued requests and dead letters as a table or JSON lines.
fn print_items(items: &[Item], format: TableFormat) {
    let now = crate::signature::unix_now();
    match format {
        TableFormat::Json => {
            for item in items {
                crate::output::json_line(&item_json(item, now));
            }
        }
        TableFormat::Table => {
            if items.is_empty() {
                crate::output::note("the offline queue is empty and there are no dead letters");
                return;
            }
            let rows: Vec<Vec<String>> = items
                .iter()
                .map(|i| {
                    vec![
                        i.id.to_string(),
                        i.channel.clone(),
                        i.state.name().to_string(),
                        // From the public caller: quoted, as every
                        // delivery's text is on the terminal.
                        crate::terminal::quote_bytes(&i.method),
                        crate::terminal::quote_bytes(&i.target),
                        i.size.to_string(),
                        i.attempts.to_string(),
                        humantime::format_duration(std::time::Duration::from_secs(
                            (now - i.created_at).max(0) as u64,
                        ))
                        .to_string(),
                        crate::terminal::quote(i.last_error.as_deref().unwrap_or_default())
                            .into_owned(),
                    ]
                })
                .collect();
            let header = [
                "ID",
                "CHANNEL",
                "STATE",
                "METHOD",
                "PATH",
                "SIZE",
                "ATTEMPTS",
                "AGE",
                "LAST ERROR",
            ];
            for line in crate::output::table(&header, &rows) {
                crate::output::line(line);
            }
        }
    }
}

/// The dead letter `id`, or every dead letter (of `--channel`); an id that
/// is not a dead letter is a usage error.
fn dead_letters(store: &Store, id: Option<u64>, args: &RelayStoreArgs) -> Result<Vec<Item>> {
    let db = |e: rusqlite::Error| Error::usage(format!("relay database: {e}"));
    let Some(id) = id else {
        let items = store.list(args.channel.as_deref(), true).map_err(db)?;
        if items.is_empty() {
            crate::output::note("no dead letters");
        }
        return Ok(items);
    };
    let hint = "see the ids with `hooks relay queue list --dead`";
    match store.get(id).map_err(db)? {
        Some(item) if item.state == State::Dead => Ok(vec![item]),
        Some(item) => Err(Error::usage(format!(
            "request {id} is {}, not a dead letter",
            item.state.name()
        ))
        .with_hint(hint)),
        None => Err(
            Error::usage(format!("no queued request or dead letter with id {id}")).with_hint(hint),
        ),
    }
}

fn item_json(item: &Item, now: i64) -> serde_json::Value {
    let received =
        std::time::UNIX_EPOCH + std::time::Duration::from_secs(item.created_at.max(0) as u64);
    serde_json::json!({
        "id": item.id,
        "channel": item.channel,
        "state": item.state.name(),
        "method": String::from_utf8_lossy(&item.method),
        "path": String::from_utf8_lossy(&item.target),
        "size": item.size,
        "attempts": item.attempts,
        "last_error": item.last_error,
        "received_at": humantime::format_rfc3339_seconds(received).to_string(),
        "age_secs": (now - item.created_at).max(0),
    })
}
