//! hooks: one binary for everything a developer does with webhooks.
//!
//! The binary only parses the command line and calls [`run`]; everything
//! else is a library call that tests can make too.
#![forbid(unsafe_code)]

pub mod api;
pub mod budget;
pub mod check;
pub mod cli;
pub mod commands;
pub mod complete;
pub mod config;
pub mod config_edit;
pub mod delivery;
pub mod demo;
pub mod emulator;
pub mod error;
pub mod event;
pub mod fixtures;
pub mod hop;
pub mod inspector;
pub mod lingering;
pub mod listener;
pub mod netlist;
pub mod outbound;
pub mod output;
pub mod payload;
pub mod private;
pub mod providers;
pub mod relay;
pub mod routing;
pub mod settings;
pub mod signature;
pub mod signing;
pub mod size;
pub mod suggest;
pub mod tcp;
pub mod terminal;

pub use error::{Error, ErrorKind, Result};

use cli::{Cli, Command};

/// Runs one parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    output::init_color(cli.global.color);
    output::set_verbosity(if cli.global.quiet {
        -1
    } else {
        cli.global.verbose.min(3) as i8
    });
    // init creates the profile, so it cannot load it first.
    if let Command::Init(args) = cli.command {
        return commands::init::run(args, &cli.global);
    }
    let config = if cli.global.no_profile {
        config::Config::without_profile(cli.global.config.as_deref())
    } else {
        config::Config::load(cli.global.config.as_deref(), cli.global.profile.as_deref())?
    };
    let catalog = || fixtures::Catalog::load(&cli.global.fixtures);
    match cli.command {
        Command::Demo(args) => runtime()?.block_on(commands::demo::run(args, &config, &catalog()?)),
        Command::SendTest(args) => {
            runtime()?.block_on(commands::send_test::run(args, &config, &catalog()?))
        }
        Command::Sign(args) => commands::sign::run(args, &config),
        Command::Verify(args) => commands::verify::run(args, &config),
        Command::Check(args) => {
            runtime()?.block_on(commands::check::run(args, &config, &catalog()?))
        }
        Command::Fixtures(cmd) => commands::fixtures::run(cmd, &catalog()?),
        Command::Emulate(args) => {
            runtime()?.block_on(commands::emulate::run(args, &config, catalog()?))
        }
        Command::Listen(args) => local_runtime()?.block_on(commands::listen::run(*args, &config)),
        Command::Deliveries(cmd) => commands::deliveries::run(cmd, &config, cli.global.no_input),
        Command::Replay(args) => runtime()?.block_on(commands::replay::run(args, &config)),
        Command::Inspect(args) => runtime()?.block_on(commands::inspect::run(args, &config)),
        Command::Init(_) => unreachable!("handled before the config is loaded"),
        Command::Config(cmd) => commands::config::run(cmd, &config, &cli.global),
        Command::Completions(args) => {
            commands::completions::print(&commands::completions::script(args.shell));
            Ok(())
        }
        Command::List(args) => runtime()?.block_on(commands::remote::list(args, &config)),
        Command::Get(args) => runtime()?.block_on(commands::remote::get(args, &config)),
        Command::Create(args) => {
            runtime()?.block_on(commands::remote::create(args, &config, cli.global.no_input))
        }
        Command::Update(args) => runtime()?.block_on(commands::remote::update(args, &config)),
        Command::Delete(args) => {
            runtime()?.block_on(commands::remote::delete(args, &config, cli.global.no_input))
        }
        Command::EventTypes(args) => {
            runtime()?.block_on(commands::remote::event_types(args, &config))
        }
        Command::Logs(args) => runtime()?.block_on(commands::remote::logs(args, &config)),
        Command::Man(args) => {
            commands::completions::print(&commands::completions::man_page(&args.subcommand)?);
            Ok(())
        }
        Command::Relay(cmd) => commands::relay::run(cmd, &config),
    }
}

pub(crate) fn runtime() -> Result<tokio::runtime::Runtime> {
    start(tokio::runtime::Builder::new_multi_thread())
}

/// A runtime whose tasks all run on the calling thread, for the commands on
/// a delivery's path (`hooks relay connect`, `hooks listen`): a request's
/// tasks then hand over to each other without waking another thread, which
/// on a runtime with workers cost a futex wake-up and a context switch or
/// two per request (BENCHMARKS.md, relay session 6 and listen session 7).
/// What takes long runs elsewhere: the store's writer thread, and bodies
/// over 256 KiB are verified and read on the blocking pool.
pub(crate) fn local_runtime() -> Result<tokio::runtime::Runtime> {
    start(tokio::runtime::Builder::new_current_thread())
}

fn start(mut builder: tokio::runtime::Builder) -> Result<tokio::runtime::Runtime> {
    builder
        .enable_all()
        .build()
        .map_err(|e| Error::usage(format!("cannot start the async runtime: {e}")))
}
