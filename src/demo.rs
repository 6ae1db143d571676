//! `hooks demo`: the main job on nothing but this binary. The real listener
//! and pipeline and a tiny sample app start on free loopback ports; one
//! correctly signed event from each provider goes through the listener to
//! the app, and one forged event is refused.
//!
//! Everything is recorded in a temporary data directory (removed on exit),
//! so the demo neither reads nor touches the user's delivery history, config
//! or development secret.

use crate::config::{Config, Profile};
use crate::delivery::forward::Forwarder;
use crate::delivery::pipeline::{Options, Pipeline};
use crate::delivery::print::{PrintMode, Printer};
use crate::delivery::secrets::Masker;
use crate::delivery::store::{Store, DEFAULT_RETENTION};
use crate::delivery::verify::Verifier;
use crate::fixtures::Catalog;
use crate::inspector::{self, api::Queries, Bind, Inspector};
use crate::listener::{self, Settings};
use crate::outbound::{self, Outgoing};
use crate::output::{self, Format};
use crate::signature::SignParams;
use crate::signing::{self, MissingSecret, SchemeConfig, Signer};
use crate::{event, providers, Error, Result};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// Where the demo's events are sent on the listener (and so on the app).
const PATH: &str = "/webhooks";
/// How long the listener waits for the app, and the sender for the listener.
const TIMEOUT: Duration = Duration::from_secs(10);
/// The listener's body limit, as `hooks listen`'s default.
const MAX_BODY: u64 = 25 * 1024 * 1024;
/// What the sample app answers to every request.
pub const APP_ANSWER: &str = r#"{"ok":true,"app":"hooks demo"}"#;

/// One event per provider: provider, event, and the scheme it is signed
/// with when the provider has none of its own.
const EVENTS: [(&str, &str, Option<&str>); 4] = [
    ("workestra", "contact.created", None),
    ("wheniwork", "shifts::created", None),
    ("webwork", "tracker.started", Some("standard")),
    ("awork", "task_changed", None),
];
/// The forged event: Workestra's envelope, signed with a guessed secret.
const FORGED_EVENT: &str = "deal.won";
const GUESSED_SECRET: &str = "guessed-secret";

/// When the demo stops after the events have been sent.
pub struct Linger<F> {
    /// `--exit-after`: stop this long after the last event.
    pub exit_after: Option<Duration>,
    /// Completes on Ctrl-C or SIGTERM.
    pub interrupted: F,
}

/// Runs the demo: prints the listener's `-->`/`<--` lines for five
/// deliveries, then keeps the inspector up until `linger` says to stop.
/// A check error (exit 1) when a signed event was not verified and answered
/// 200 by the app, or the forged one was not refused with 401.
pub async fn run<F: Future<Output = ()>>(
    catalog: &Catalog,
    base: &Config,
    linger: Linger<F>,
) -> Result<()> {
    let dir = tempfile::Builder::new()
        .prefix("hooks-demo-")
        .tempdir()
        .map_err(|e| {
            Error::usage(format!(
                "cannot create a temporary directory for the demo: {e}"
            ))
            .with_hint("set TMPDIR to a writable directory")
        })?;
    let config = Config {
        config_path: base.config_path.clone(),
        profile_name: None,
        profile: Profile::default(),
        data_dir: dir.path().to_path_buf(),
    };
    let signers = EVENTS
        .iter()
        .map(|(name, _, scheme)| {
            let args = SchemeConfig {
                scheme: scheme.map(str::to_string),
                ..SchemeConfig::default()
            };
            signing::signer(
                providers::get(name)?,
                &args,
                &config,
                MissingSecret::UseDevSecret,
            )
        })
        .collect::<Result<Vec<_>>>()?;

    let app = start_app().await?;
    let store = Store::open(&Store::path_in(&config.data_dir), DEFAULT_RETENTION)?;
    let writer = store.writer();
    let pipeline = Arc::new(Pipeline::new(
        Verifier::detecting(signers.clone()),
        Some(writer.clone()),
        Printer {
            format: Format::Pretty,
            mode: PrintMode::Summary,
            masker: Masker::default(),
        },
        Forwarder::new(TIMEOUT),
        Options {
            forward: Some(outbound::parse_target(&format!("http://{app}/"))?),
            path_prefix: "/".to_string(),
            ..Options::default()
        },
    ));
    let tcp = listener::bind("127.0.0.1:0").await?;
    let local = tcp
        .local_addr()
        .map_err(|e| Error::network(format!("cannot read the listening address: {e}")))?;
    let listener_url = format!("http://{local}");
    let queries = Queries::open(store.path())?;
    let inspector = inspector::bind(&Bind::Explicit("127.0.0.1:0".to_string()))
        .await?
        .serve(|| {
            Some(Arc::new(Inspector::new(
                store.clone(),
                queries,
                pipeline.clone(),
                SchemeConfig::default(),
                config.clone(),
                TIMEOUT,
                listener_url.clone(),
            )))
        });
    announce(&listener_url, app);

    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let settings = Settings {
        max_body: MAX_BODY,
        path_prefix: "/".to_string(),
        grace: TIMEOUT,
        body_idle_timeout: listener::DEFAULT_BODY_IDLE_TIMEOUT,
        body_deadline: listener::DEFAULT_BODY_DEADLINE,
        trusted_proxies: None,
        budget: crate::budget::Budget::new(crate::budget::BODY_BUDGET),
    };
    let serving = tokio::spawn(listener::serve(tcp, pipeline, settings, async {
        let _ = stopped.await;
    }));

    let client = outbound::client(TIMEOUT);
    let target = outbound::parse_target(&format!("{listener_url}{PATH}"))?;
    let mut answers = Vec::new();
    for ((name, event, _), signer) in EVENTS.iter().zip(&signers) {
        answers.push((*name, send(&client, &target, catalog, event, signer).await?));
    }
    let forger = Signer {
        secrets: vec![GUESSED_SECRET.to_string()],
        ..signers[0].clone()
    };
    let forged = send(&client, &target, catalog, FORGED_EVENT, &forger).await?;
    writer.flush().await?;

    let failed: Vec<String> = answers
        .iter()
        .filter(|(_, status)| *status != 200)
        .map(|(name, status)| format!("{name} was answered {status}, not 200"))
        .chain((forged != 401).then(|| format!("the forged event was answered {forged}, not 401")))
        .collect();
    if failed.is_empty() {
        output::line(format!(
            "{} signed events verified and forwarded to the app; 1 forged event refused (401)",
            answers.len()
        ));
        if let Some(url) = inspector {
            output::note(format!("inspector on {url}"));
            output::note("  the deliveries above, with Replay and Copy as curl");
        }
        match linger.exit_after {
            Some(d) if d.is_zero() => {}
            Some(d) => {
                output::note(format!(
                    "exiting in {} or on Ctrl-C",
                    humantime::format_duration(d)
                ));
                tokio::select! {
                    _ = tokio::time::sleep(d) => {}
                    _ = linger.interrupted => {}
                }
            }
            None => {
                output::note("Ctrl-C to stop");
                linger.interrupted.await;
            }
        }
    }
    let _ = stop.send(());
    let _ = serving.await;
    writer.flush().await?;
    if failed.is_empty() {
        Ok(())
    } else {
        Err(
            Error::check(format!("the demo went wrong: {}", failed.join("; ")))
                .with_hint("run it again with -v; if it persists, report it with the output above"),
        )
    }
}

/// The start banner, on stderr like `hooks listen`'s.
fn announce(listener_url: &str, app: SocketAddr) {
    output::note(format!(
        "hooks demo: a listener and a sample app on loopback, {} signed events and a forged one",
        EVENTS.len()
    ));
    output::note(format!(
        "  listener    {listener_url}{PATH} (the pipeline of `hooks listen`: verify, record, forward)"
    ));
    output::note(format!(
        "  sample app  http://{app}/ (checks nothing, answers 200 {APP_ANSWER})"
    ));
    output::note(
        "  recording to a temporary directory, removed on exit: your deliveries are not touched",
    );
    output::note(
        "  WebWork signs nothing by default: its event is signed as `--provider webwork --scheme standard`",
    );
}

/// Builds `event` from its fixture, signs it with `signer` and POSTs it to
/// the listener; returns the status the listener answered.
async fn send(
    client: &reqwest::Client,
    target: &reqwest::Url,
    catalog: &Catalog,
    event: &str,
    signer: &Signer,
) -> Result<u16> {
    let built = event::build(
        catalog,
        event,
        Some(&signer.provider),
        None,
        &[],
        SystemTime::now(),
    )?;
    let signature = signer
        .scheme
        .sign(
            &signer.secrets,
            &built.body,
            &SignParams {
                id: &built.id,
                timestamp: crate::signature::unix_now(),
            },
        )
        .map_err(Error::usage)?;
    let mut headers = vec![("Content-Type".to_string(), "application/json".to_string())];
    headers.extend(built.headers);
    headers.extend(signature);
    let out = Outgoing {
        method: http::Method::POST,
        url: target.clone(),
        headers,
        body: built.body,
    };
    Ok(outbound::send(client, &out).await?.status)
}

/// The sample app: answers every request 200 with [`APP_ANSWER`], checking
/// nothing, until the runtime ends.
async fn start_app() -> Result<SocketAddr> {
    let tcp = crate::tcp::listen("127.0.0.1:0")
        .await
        .map_err(|e| Error::usage(format!("cannot start the sample app on 127.0.0.1: {e}")))?;
    let addr = tcp
        .local_addr()
        .map_err(|e| Error::usage(format!("cannot read the sample app's address: {e}")))?;
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = tcp.accept().await else {
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            };
            let service = hyper::service::service_fn(|req: Request<Incoming>| async move {
                let _ = req.into_body().collect().await;
                let mut answer =
                    Response::new(Full::new(Bytes::from_static(APP_ANSWER.as_bytes())));
                answer.headers_mut().insert(
                    http::header::CONTENT_TYPE,
                    http::HeaderValue::from_static("application/json"),
                );
                Ok::<_, Infallible>(answer)
            });
            tokio::spawn(
                hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service),
            );
        }
    });
    Ok(addr)
}
