//! `hooks listen`: builds the delivery pipeline (verify, print, forward, record) from the command line and serves it, locally or through a relay.

use crate::cli::ListenArgs;
use crate::config::Config;
use crate::delivery::filter::Filter;
use crate::delivery::forward::{self, Forwarder, Tls};
use crate::delivery::pipeline::{Options, Pipeline, Route};
use crate::delivery::print::Printer;
use crate::delivery::respond::Respond;
use crate::delivery::secrets::Masker;
use crate::delivery::store::Store;
use crate::delivery::verify::Verifier;
use crate::listener::{self, Settings};
use crate::netlist::NetList;
use crate::relay::register::{RegisterOptions, Registration};
use crate::signing::SchemeConfig;
use crate::{outbound, output, Error, ErrorKind, Result};
use std::sync::Arc;
use std::time::Duration;

/// Why the listener stopped.
enum Stop {
    Done,
    TimedOut,
    Interrupted,
    Terminated,
    /// The relay client gave up (refused, or --fail-on-disconnect).
    Relay(Error),
    /// `--register` could not create the webhook.
    Register(Error),
}

pub async fn run(args: ListenArgs, config: &Config) -> Result<()> {
    let scheme = SchemeConfig::from(&args.scheme);
    let verifier = Verifier::new(&scheme, config)?;
    if args.print_secret {
        let secrets = verifier.secrets();
        if secrets.is_empty() {
            return Err(Error::usage(
                "no secret: the provider's scheme does not sign deliveries",
            ));
        }
        for s in secrets {
            output::line(s);
        }
        return Ok(());
    }
    let registration = if args.register.register {
        Some(Registration::prepare(
            &RegisterOptions::from(&args),
            config,
            &verifier,
        )?)
    } else {
        None
    };
    let max_body = crate::size::parse(&args.max_body, "--max-body")?;
    let forward = if args.no_forward {
        None
    } else {
        forward_target(args.forward.as_deref(), config)?
    };
    let routes = args
        .forward_event
        .iter()
        .map(|r| parse_route(r))
        .collect::<Result<Vec<_>>>()?;
    let store = if args.no_record {
        None
    } else {
        Some(Store::open(
            &Store::path_in(&config.data_dir),
            args.retention,
        )?)
    };
    let forward_timeout: Duration = args.forward_timeout.into();
    let options = Options {
        forward,
        routes,
        events: args.events.clone(),
        filters: args
            .filter
            .iter()
            .map(|f| Filter::parse(f))
            .collect::<Result<Vec<_>>>()?,
        forward_invalid: args.forward_invalid,
        path_prefix: args.path.clone(),
        allow_from: allow_from(&args, config)?,
        respond: respond_rules(&args)?,
    };
    let printer = Printer {
        format: args.format,
        mode: args.print,
        masker: Masker::new(args.show_secrets, config, &scheme),
    };
    let addr = match &args.bind {
        Some(b) if b.contains(':') && !b.ends_with(']') => b.clone(),
        Some(host) => format!("{host}:{}", args.port),
        None => format!("127.0.0.1:{}", args.port),
    };
    let forwarder = Forwarder::new(forward_timeout)
        .with_tls(&Tls {
            ca: args.forward_ca.clone(),
            insecure: args.forward_insecure,
        })?
        .with_headers(
            args.forward_header
                .iter()
                .map(|h| forward::parse_header(h, "--forward-header"))
                .collect::<Result<Vec<_>>>()?,
        );
    let signals = Signals::register()?;
    // A file left by an earlier run would say "ready" before this one is.
    if let Some(path) = &args.ready_file {
        remove_ready_file(path)?;
    }
    let tcp = listener::bind(&addr).await?;
    let local = tcp
        .local_addr()
        .map_err(|e| Error::network(format!("cannot read the listening address: {e}")))?;
    let inspector = super::inspect::prepare(&args, store.as_ref()).await?;
    announce(&local, &verifier, &options, store.as_ref(), &args, config);
    let inspected = store.clone();

    let writer = store.as_ref().map(Store::writer);
    let pipeline = Arc::new(Pipeline::new(
        verifier,
        writer.clone(),
        printer,
        forwarder,
        options,
    ));
    inspector.start(&args, config, inspected, &pipeline, local);
    let settings = Settings {
        max_body,
        path_prefix: args.path.clone(),
        grace: forward_timeout + Duration::from_secs(1),
        body_idle_timeout: args.body_idle_timeout.into(),
        body_deadline: args.body_deadline.into(),
        trusted_proxies: args
            .trusted_proxies
            .as_deref()
            .map(|t| NetList::from_flag(t, "--trusted-proxies"))
            .transpose()?,
        budget: crate::budget::Budget::new(crate::budget::BODY_BUDGET),
    };
    let handled = pipeline.handled();
    let counted = pipeline.clone();
    let mut registered = registration.map(Registration::start);
    let relay = relay_client(
        &args,
        config,
        pipeline.clone(),
        max_body,
        registered.as_ref().map(|r| r.url_sink()),
    )?;
    let register_failed = async {
        match registered.as_mut() {
            Some(r) => r.failed().await,
            None => std::future::pending().await,
        }
    };
    let stop = async {
        let waiting = wait_for_stop(
            signals,
            handled,
            args.exit_after,
            args.timeout.map(Into::into),
        );
        tokio::select! {
            stop = waiting => stop,
            Err(e) = relay => Stop::Relay(e),
            e = register_failed => Stop::Register(e),
        }
    };
    // Written after the last check that can fail, so that a listener that
    // gives up before serving leaves no file saying it is ready; the bound
    // socket already queues the connections a script makes as soon as it
    // sees the file.
    if let Some(path) = &args.ready_file {
        write_ready_file(path, &format!("http://{local}{}\n", args.path))?;
    }
    let stopped = listener::serve(tcp, pipeline, settings, stop).await;
    if let Some(path) = &args.ready_file {
        if let Err(e) = remove_ready_file(path) {
            output::warn(e.message);
        }
    }
    if let Some(w) = writer {
        w.flush().await?;
    }
    let result = match stopped {
        Stop::Done | Stop::Terminated => Ok(()),
        Stop::Interrupted => Err(Error::new(
            ErrorKind::Interrupted,
            format!("stopped: {}", counted.tally()),
        )),
        Stop::Relay(e) | Stop::Register(e) => Err(e),
        Stop::TimedOut => match args.exit_after {
            Some(n) => Err(Error::check(format!(
                "timed out: fewer than {n} deliveries arrived within {}",
                args.timeout.map(|t| t.to_string()).unwrap_or_default()
            ))
            .with_hint("check that the sender targets this listener's address")),
            None => Ok(()),
        },
    };
    match registered {
        Some(r) => r.finish(result).await,
        None => result,
    }
}

/// `--forward`, else the profile's. An empty `--forward` is refused,
/// pointing at `--no-forward`: an empty value reads like an unset variable
/// as much as like "off".
fn forward_target(flag: Option<&str>, config: &Config) -> Result<Option<reqwest::Url>> {
    if flag.is_some_and(|f| f.trim().is_empty()) {
        return Err(Error::usage("--forward is empty: it names no URL or port").with_hint(
            "to forward nothing this run (the profile's forward too), pass --no-forward; else a URL like http://localhost:3000/webhooks or a port like 3000",
        ));
    }
    super::forward_target(flag, config)
}

/// `--ready-file`: the listener's URL, written to a temporary file beside
/// `path` and renamed over it, so that a script that sees the file sees all
/// of it, and only once connections are accepted.
fn write_ready_file(path: &std::path::Path, url: &str) -> Result<()> {
    let mut temp = path.as_os_str().to_owned();
    temp.push(format!(".{}.tmp", std::process::id()));
    let temp = std::path::PathBuf::from(temp);
    std::fs::write(&temp, url)
        .and_then(|()| std::fs::rename(&temp, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&temp);
            Error::usage(format!(
                "cannot write the --ready-file {}: {e}",
                path.display()
            ))
            .with_hint("pass a path in a writable directory")
        })
}

/// Removes the `--ready-file`; one that is not there is fine.
fn remove_ready_file(path: &std::path::Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::usage(format!(
            "cannot remove the --ready-file {}: {e}",
            path.display()
        ))
        .with_hint("pass a path in a writable directory")),
        _ => Ok(()),
    }
}

/// With `--relay`, the relay client feeding the same pipeline; it only
/// returns when it gives up. Without, a future that never completes.
fn relay_client(
    args: &ListenArgs,
    config: &Config,
    pipeline: Arc<Pipeline>,
    max_body: u64,
    mut on_url: Option<impl FnMut(&str) + Send + 'static>,
) -> Result<std::pin::Pin<Box<dyn std::future::Future<Output = Result<()>> + Send>>> {
    let Some(relay) = args.relay.clone() else {
        return Ok(Box::pin(std::future::pending()));
    };
    crate::relay::client::connect_url(&relay)?;
    let opts = crate::relay::client::ClientOptions {
        relay,
        token: args.token.clone().or(args.token_file.clone()),
        channel: args.channel.clone(),
        data_dir: config.data_dir.clone(),
        fail_on_disconnect: args.fail_on_disconnect.map(Into::into),
        heartbeat: args.relay_heartbeat.into(),
        ca: args.relay_ca.clone(),
    };
    let handler = Arc::new(crate::relay::tunnel::PipelineHandler { pipeline, max_body });
    Ok(Box::pin(crate::relay::client::run(
        opts,
        handler,
        move |url| {
            output::note(format!("  public URL (through the relay): {url}"));
            if let Some(register) = on_url.as_mut() {
                register(url);
            }
        },
    )))
}

async fn wait_for_stop(
    mut signals: Signals,
    mut handled: tokio::sync::watch::Receiver<u64>,
    exit_after: Option<u64>,
    timeout: Option<Duration>,
) -> Stop {
    let enough = async {
        match exit_after {
            Some(n) => {
                let _ = handled.wait_for(|count| *count >= n).await;
            }
            None => std::future::pending::<()>().await,
        }
    };
    let timer = async {
        match timeout {
            Some(t) => tokio::time::sleep(t).await,
            None => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = enough => Stop::Done,
        _ = timer => Stop::TimedOut,
        signal = signals.received() => signal,
    }
}

/// Ctrl-C and SIGTERM, listened for from before the listener announces
/// itself, so that a signal sent right after start is not missed.
struct Signals {
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
}

impl Signals {
    fn register() -> Result<Signals> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            let fail = |e: std::io::Error| Error::usage(format!("cannot listen for signals: {e}"));
            Ok(Signals {
                interrupt: signal(SignalKind::interrupt()).map_err(fail)?,
                terminate: signal(SignalKind::terminate()).map_err(fail)?,
            })
        }
        #[cfg(not(unix))]
        Ok(Signals {})
    }

    /// Waits for either signal.
    async fn received(&mut self) -> Stop {
        #[cfg(unix)]
        {
            tokio::select! {
                _ = self.interrupt.recv() => Stop::Interrupted,
                _ = self.terminate.recv() => Stop::Terminated,
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
            Stop::Interrupted
        }
    }
}

/// Which secret deliveries are verified with, as the ready lines say it: a
/// secret given on the command line or in the environment is shown (the
/// sender needs the same one); one from a file or a profile is named by its
/// source, with `--print-secret` to show it. None when nothing is signed.
fn secret_line(verifier: &Verifier, args: &ListenArgs, config: &Config) -> Option<String> {
    if verifier.signer().is_some_and(|s| !s.scheme.is_signed()) {
        return None;
    }
    let print = "hooks listen --print-secret prints it";
    Some(if !args.scheme.secret.is_empty() {
        args.scheme.secret.join(" ")
    } else if args.scheme.secret_file.is_some() {
        format!("from --secret-file ({print})")
    } else if verifier.uses_dev_secret() {
        format!(
            "the development secret in {} ({print}; send-test and emulate use it too)",
            config.data_dir.join("dev-secret").display()
        )
    } else {
        let key = if config.profile.secret.is_some() {
            "secret"
        } else {
            "secrets"
        };
        format!("from {} ({print})", config.profile_key(key))
    })
}

/// Which of the listener's settings the active profile supplied (no flag or
/// variable gave them), as one ready line: a profile applies silently
/// otherwise, and a delivery refused for its provider would be a puzzle.
/// None when the profile supplied nothing here.
fn profile_line(args: &ListenArgs, config: &Config) -> Option<String> {
    let p = &config.profile;
    let scheme = &args.scheme;
    let mut used: Vec<String> = Vec::new();
    let mut named = |key: &str, value: Option<String>, flagged: bool| {
        if let (Some(value), false) = (value, flagged) {
            used.push(format!("{key} {value}"));
        }
    };
    named("provider", p.provider.clone(), scheme.provider.is_some());
    named(
        "forward",
        p.forward.clone(),
        args.forward.is_some() || args.no_forward,
    );
    named(
        "allow_from",
        p.allow_from.clone(),
        args.allow_from.is_some(),
    );
    named(
        "tolerance",
        p.tolerance.map(|t| format!("{t}s")),
        scheme.tolerance.is_some(),
    );
    named(
        "signature_header",
        p.signature_header.clone(),
        scheme.signature_header.is_some(),
    );
    named("prefix", p.prefix.clone(), scheme.prefix.is_some());
    named("encoding", p.encoding.clone(), scheme.encoding.is_some());
    let secrets = usize::from(p.secret.is_some()) + p.secrets.len();
    if secrets > 0 && scheme.secret.is_empty() {
        used.push(if secrets == 1 {
            "secret".to_string()
        } else {
            format!("{secrets} secrets")
        });
    }
    if used.is_empty() {
        return None;
    }
    Some(format!(
        "from {}: {} (flags override it; --no-profile ignores it{})",
        config.profile_label(),
        used.join(", ").escape_debug(),
        if p.forward.is_some() && args.forward.is_none() && !args.no_forward {
            ", --no-forward turns its forward off"
        } else {
            ""
        }
    ))
}

/// `--allow-from`, else the profile's `allow_from`. A bad list is a usage
/// error that names where it was given and the item that is wrong (escaped:
/// it may come from anywhere).
fn allow_from(args: &ListenArgs, config: &Config) -> Result<Option<NetList>> {
    let (text, given) = match (&args.allow_from, &config.profile.allow_from) {
        (Some(text), _) => (text, "--allow-from".to_string()),
        (None, Some(text)) => (text, config.profile_key("allow_from")),
        (None, None) => return Ok(None),
    };
    NetList::from_flag(text, &given).map(Some)
}

/// `--respond-event` rules first (first match wins), then `--respond`.
fn respond_rules(args: &ListenArgs) -> Result<Vec<Respond>> {
    let mut rules = args
        .respond_event
        .iter()
        .map(|r| Respond::parse_event(r))
        .collect::<Result<Vec<_>>>()?;
    if let Some(raw) = &args.respond {
        rules.push(Respond::parse(raw, "--respond")?);
    }
    Ok(rules)
}

fn parse_route(raw: &str) -> Result<Route> {
    let (pattern, url) = raw.split_once('=').ok_or_else(|| {
        Error::usage(format!("malformed --forward-event '{raw}': no '='"))
            .with_hint("write --forward-event 'contact.*=http://localhost:3000/crm'")
    })?;
    Ok(Route {
        pattern: pattern.trim().to_string(),
        url: outbound::parse_target(url.trim())?,
    })
}

/// The start banner, on stderr so that stdout stays data. Tests and scripts
/// read the address from the `listening on` line.
fn announce(
    addr: &std::net::SocketAddr,
    verifier: &Verifier,
    options: &Options,
    store: Option<&Store>,
    args: &ListenArgs,
    config: &Config,
) {
    output::note(format!(
        "hooks listening on http://{addr}{}",
        options.path_prefix
    ));
    let verifying = match verifier.signer() {
        Some(s) if !s.scheme.is_signed() => {
            format!(
                "{} deliveries are unsigned: nothing to verify",
                s.provider.name
            )
        }
        Some(s) => format!(
            "verifying {} deliveries ({}: {})",
            s.provider.name,
            crate::signing::scheme_name(&s.scheme),
            s.scheme.header_names().join(", ")
        ),
        None => {
            "verifying with whichever provider's signature header arrives (--provider to fix one)"
                .to_string()
        }
    };
    output::note(format!("  {verifying}"));
    if let Some(line) = profile_line(args, config) {
        output::note(format!("  {line}"));
    }
    if let Some(secret) = secret_line(verifier, args, config) {
        output::note(format!("  secret: {secret}"));
    }
    for r in &options.routes {
        output::note(format!("  forwarding {} to {}", r.pattern, r.url));
    }
    if let Some(list) = &options.allow_from {
        output::note(format!(
            "  accepting deliveries only from {} (--allow-from); others get 403",
            list.to_string().escape_debug()
        ));
    }
    match &options.forward {
        Some(url) => output::note(format!("  forwarding to {url}")),
        None if options.respond.is_empty() => {
            output::note("  no --forward: deliveries are answered 200")
        }
        None => {
            for r in &options.respond {
                output::note(format!(
                    "  no --forward: {} answered {}{}",
                    match &r.pattern {
                        Some(p) => format!("deliveries of {}", p.escape_debug()),
                        None => "other deliveries".to_string(),
                    },
                    r.status,
                    if r.delay.is_zero() {
                        String::new()
                    } else {
                        format!(" after {}", humantime::format_duration(r.delay))
                    }
                ));
            }
        }
    }
    match store {
        Some(s) => output::note(format!("  recording to {}", s.path().display())),
        None => output::note("  not recording (--no-record)"),
    }
}
