//! `hooks demo`: glue between the command line and [`crate::demo`].

use crate::cli::DemoArgs;
use crate::config::Config;
use crate::demo::{self, Linger};
use crate::fixtures::Catalog;
use crate::{Error, Result};

pub async fn run(args: DemoArgs, config: &Config, catalog: &Catalog) -> Result<()> {
    let interrupted = interrupted()?;
    demo::run(
        catalog,
        config,
        Linger {
            exit_after: args.exit_after.map(Into::into),
            interrupted,
        },
    )
    .await
}

/// Completes on Ctrl-C or SIGTERM; listened for from the start, so that a
/// signal during the sends is not missed. Either one ends the demo with 0.
fn interrupted() -> Result<impl std::future::Future<Output = ()>> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let fail = |e: std::io::Error| Error::usage(format!("cannot listen for signals: {e}"));
        let mut interrupt = signal(SignalKind::interrupt()).map_err(fail)?;
        let mut terminate = signal(SignalKind::terminate()).map_err(fail)?;
        Ok(async move {
            tokio::select! {
                _ = interrupt.recv() => {}
                _ = terminate.recv() => {}
            }
        })
    }
    #[cfg(not(unix))]
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}
