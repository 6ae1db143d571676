//! The command line, as clap derive definitions. Each subcommand's arguments
//! are one struct; `lib.rs` dispatches them to `commands/`.

use crate::check::Case;
use crate::complete;
use crate::delivery::print::PrintMode;
use crate::output::{ColorChoice, Format, TableFormat};
use clap::{Args, Parser, Subcommand, ValueHint};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "hooks",
    version,
    about = "Everything a developer does with webhooks: send signed test events, verify, listen, forward, replay.",
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

const SIGNATURE_OPTIONS: &str = "Signature options";
const API_OPTIONS: &str = "API options";
const REGISTER_OPTIONS: &str = "Register options (with --register)";

#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]
    #[arg(long, global = true, env = "HOOKS_CONFIG", value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub config: Option<PathBuf>,
    /// Profile from the configuration file
    #[arg(long, global = true, env = "HOOKS_PROFILE", value_name = "NAME", add = complete::profiles())]
    pub profile: Option<String>,
    /// Use no profile of the configuration file for this run: only flags, environment and defaults
    #[arg(long, global = true)]
    pub no_profile: bool,
    /// Extra fixtures directory (<provider>/<event>.json); repeatable
    #[arg(long, global = true, value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub fixtures: Vec<PathBuf>,
    /// Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)
    #[arg(long, global = true)]
    pub no_input: bool,
    /// More diagnostics on stderr
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Fewer diagnostics on stderr
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// See it work: a listener, a sample app, four signed events and a forged one
    Demo(DemoArgs),
    /// Receive deliveries: verify, print, forward to your app, record
    Listen(Box<ListenArgs>),
    /// Send a realistic, correctly signed test event from a fixture
    SendTest(SendTestArgs),
    /// Re-send recorded deliveries or payload files; --watch re-sends files on save
    Replay(ReplayArgs),
    /// List, show and clear recorded deliveries
    #[command(subcommand)]
    Deliveries(DeliveriesCommand),
    /// Serve the inspector (a local web page with replay) for recorded deliveries
    Inspect(InspectArgs),
    /// List and show the test event fixtures
    #[command(subcommand)]
    Fixtures(FixturesCommand),
    /// Print the signature headers for a payload
    Sign(SignArgs),
    /// Verify a payload's signature (exit 0 valid, 1 invalid)
    Verify(VerifyArgs),
    /// Check your webhook handler: signatures, replays, duplicates, order, timeouts
    Check(CheckArgs),
    /// List the provider's webhooks (all pages)
    List(ApiArgs),
    /// Show one webhook
    Get(WebhookIdArgs),
    /// Create a webhook (prompts for what is missing when interactive)
    Create(CreateArgs),
    /// Change a webhook's URL, events or active state
    Update(UpdateArgs),
    /// Delete a webhook (asks first unless --yes)
    Delete(DeleteArgs),
    /// List the event types a webhook can subscribe to
    EventTypes(ApiArgs),
    /// Show a webhook's delivery log (awork)
    Logs(WebhookIdArgs),
    /// An offline provider: management API, triggered events, delivery with its retries
    Emulate(EmulateArgs),
    /// Run a public relay, or connect to one (`hooks relay serve|connect|token`)
    #[command(subcommand)]
    Relay(RelayCommand),
    /// Create a profile in the config file (asks at a terminal; flags for scripts)
    Init(InitArgs),
    /// Show the effective configuration (`hooks config show`)
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Print a shell completion script
    Completions(CompletionsArgs),
    /// Print the man page (roff) of hooks or of one subcommand
    Man(ManArgs),
}

/// Which provider or scheme signs, with which secret(s).
#[derive(Debug, Clone, Default, Args)]
pub struct SchemeArgs {
    /// Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)
    #[arg(long, short = 'p', env = "HOOKS_PROVIDER", value_name = "P", add = complete::providers(), help_heading = SIGNATURE_OPTIONS)]
    pub provider: Option<String>,
    /// Signing secret; repeat to accept any of several when verifying (rotation)
    #[arg(long, env = "HOOKS_SECRET", hide_env_values = true, value_name = "S", help_heading = SIGNATURE_OPTIONS)]
    pub secret: Vec<String>,
    /// Read the signing secret from FILE (one line), off the command line other users can read; with --secret, both are accepted
    #[arg(long, value_name = "FILE", value_parser = read_value_file, value_hint = ValueHint::FilePath, help_heading = SIGNATURE_OPTIONS)]
    pub secret_file: Option<String>,
    /// Use another scheme than the provider's (e.g. --provider webwork --scheme standard)
    #[arg(long, value_name = "SCHEME", help_heading = SIGNATURE_OPTIONS)]
    pub scheme: Option<String>,
    /// Signature header, for the hmac and header schemes
    #[arg(long, value_name = "NAME", help_heading = SIGNATURE_OPTIONS)]
    pub signature_header: Option<String>,
    /// Text before the digest in the signature header, for the hmac scheme (e.g. sha256=)
    #[arg(long, value_name = "TEXT", help_heading = SIGNATURE_OPTIONS)]
    pub prefix: Option<String>,
    /// Digest encoding for the hmac scheme: hex or base64
    #[arg(long, value_name = "ENC", help_heading = SIGNATURE_OPTIONS)]
    pub encoding: Option<String>,
    /// Accepted clock difference for timestamped schemes, in seconds, both directions [default: 300]
    #[arg(long, value_name = "SECS", help_heading = SIGNATURE_OPTIONS)]
    pub tolerance: Option<u64>,
}

#[derive(Debug, Clone, Args)]
pub struct SendTestArgs {
    /// Event name, e.g. contact.created, users::created, task_changed
    #[arg(add = complete::events())]
    pub event: String,
    /// Where to POST the delivery [default: http://127.0.0.1:8787/]
    #[arg(long, value_name = "URL")]
    pub to: Option<String>,
    #[command(flatten)]
    pub scheme: SchemeArgs,
    /// Override a value in the payload: dotted path, JSON value or string; repeatable
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub set: Vec<String>,
    /// The event's data as JSON, or @FILE; replaces the fixture's data
    #[arg(long, value_name = "JSON|@FILE")]
    pub data: Option<String>,
    /// Extra request header; repeatable
    #[arg(long = "header", short = 'H', value_name = "K: V")]
    pub header: Vec<String>,
    /// Expected response status: 2xx (any success), a class like 4xx, or an exact code
    #[arg(long, default_value = "2xx", value_name = "2xx|CODE")]
    pub expect: String,
    /// Output format: pretty lines or one JSON object per line
    #[arg(long, value_enum, default_value_t = Format::Pretty)]
    pub format: Format,
    /// Give up waiting for the response after this long
    #[arg(long, default_value = "30s", value_name = "DURATION")]
    pub timeout: humantime::Duration,
    /// Retry while the target refuses the connection (a listener still starting), up to this long
    #[arg(long, value_name = "DURATION")]
    pub wait: Option<humantime::Duration>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum HeaderFormat {
    /// One `Name: value` a line
    #[default]
    Text,
    /// One JSON object of name to value
    Json,
}

#[derive(Debug, Clone, Args)]
pub struct SignArgs {
    #[command(flatten)]
    pub scheme: SchemeArgs,
    /// Message id for schemes that sign one (standard) [default: a fresh msg_ id]
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
    /// Unix timestamp for timestamped schemes [default: now]
    #[arg(long, value_name = "UNIX")]
    pub timestamp: Option<i64>,
    #[arg(long, value_enum, default_value_t = HeaderFormat::Text)]
    pub format: HeaderFormat,
    /// Payload file, or - for standard input
    #[arg(default_value = "-", value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub file: String,
}

#[derive(Debug, Clone, Args)]
pub struct VerifyArgs {
    #[command(flatten)]
    pub scheme: SchemeArgs,
    /// A header of the delivery, as received; repeatable
    #[arg(long = "header", short = 'H', value_name = "Name: value")]
    pub header: Vec<String>,
    #[arg(long, value_enum, default_value_t = Format::Pretty)]
    pub format: Format,
    /// Payload file, or - for standard input
    #[arg(default_value = "-", value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub file: String,
}

#[derive(Debug, Clone, Args)]
#[command(after_help = CHECK_EXIT_HELP)]
pub struct CheckArgs {
    /// Your webhook handler's URL (or port on localhost) [default: the profile's `to`]
    #[arg(long, value_name = "URL")]
    pub to: Option<String>,
    #[command(flatten)]
    pub scheme: SchemeArgs,
    /// Events to send, comma-separated [default: every fixture of the provider]
    #[arg(long, value_delimiter = ',', value_name = "E,...", add = complete::events())]
    pub events: Vec<String>,
    /// Run only these cases, comma-separated
    #[arg(long, value_enum, value_delimiter = ',', value_name = "CASE,...")]
    pub only: Vec<Case>,
    /// Leave out these cases, comma-separated (the ids of --only)
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        value_name = "CASE,...",
        hide_possible_values = true
    )]
    pub skip: Vec<Case>,
    /// The longest an answer may take [default: the provider's timeout, e.g. 30s for awork]
    #[arg(long, value_name = "DURATION")]
    pub timeout: Option<humantime::Duration>,
    /// One line per case, or one JSON object per case
    #[arg(long, value_enum, default_value_t = Format::Pretty)]
    pub format: Format,
    /// Also write the verdicts as JUnit XML to FILE, for CI
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub junit: Option<PathBuf>,
}

const CHECK_EXIT_HELP: &str = "\
Exit status: 0 every case passed or was skipped, 1 a case failed, 2 bad flags,
3 the endpoint could not be reached at all. docs/check.md describes each case.";

#[derive(Debug, Subcommand)]
pub enum FixturesCommand {
    /// List the events that have fixtures
    List {
        #[arg(long, short = 'p', value_name = "P", add = complete::providers())]
        provider: Option<String>,
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
    },
    /// Print an event's fixture
    Show {
        #[arg(add = complete::events())]
        event: String,
        #[arg(long, short = 'p', value_name = "P", add = complete::providers())]
        provider: Option<String>,
    },
}

/// `hooks init`: the profile's name is the global `--profile` [default: default].
#[derive(Debug, Clone, Args)]
pub struct InitArgs {
    /// Provider or scheme the profile signs and verifies with
    #[arg(long, short = 'p', value_name = "P")]
    pub provider: Option<String>,
    /// Signing secret to store in the profile
    #[arg(long, value_name = "S", conflicts_with = "generate_secret")]
    pub secret: Option<String>,
    /// Generate a new random secret (whsec_…) instead of --secret
    #[arg(long)]
    pub generate_secret: bool,
    /// Where `hooks listen` forwards deliveries: a URL, or a port on localhost
    #[arg(long, value_name = "URL|PORT")]
    pub forward: Option<String>,
    /// API key for the provider's management API (stored in the config file, made 0600)
    #[arg(long, value_name = "KEY")]
    pub api_key: Option<String>,
    /// Replace the profile if it exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the effective settings and where each came from (flag, env, profile, default); secrets masked
    Show {
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
    },
}

#[derive(Debug, Clone, Args)]
pub struct ManArgs {
    /// The subcommand whose page to print, e.g. listen or relay serve [default: hooks(1)]
    #[arg(value_name = "SUBCOMMAND")]
    pub subcommand: Vec<String>,
}

#[derive(Debug, Clone, Args)]
pub struct CompletionsArgs {
    pub shell: clap_complete::Shell,
}

/// `hooks emulate [OPTIONS]` runs the emulator; `hooks emulate trigger`
/// talks to a running one.
#[derive(Debug, Clone, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct EmulateArgs {
    #[command(subcommand)]
    pub command: Option<EmulateCommand>,
    #[command(flatten)]
    pub serve: EmulateServeArgs,
}

#[derive(Debug, Clone, Subcommand)]
pub enum EmulateCommand {
    /// Trigger an event on a running emulator (POST /_emulator/events)
    Trigger(EmulateTriggerArgs),
}

#[derive(Debug, Clone, Args)]
pub struct EmulateServeArgs {
    #[command(flatten)]
    pub scheme: SchemeArgs,
    /// Port on 127.0.0.1 (0 picks a free one; the bound address is printed)
    #[arg(long, default_value_t = 8790, value_name = "PORT")]
    pub port: u16,
    /// Where the emulator keeps its state [default: $HOOKS_DATA_DIR/emulator/<provider>]
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub data_dir: Option<PathBuf>,
    /// Multiply every provider delay, batch window and timeout by F (e.g. 0.01 in tests)
    #[arg(long, default_value_t = 1.0, value_name = "F")]
    pub time_scale: f64,
    /// API key the management API accepts [default: the profile's api_key, else one generated in the data dir]
    #[arg(
        long,
        env = "HOOKS_API_KEY",
        hide_env_values = true,
        value_name = "KEY"
    )]
    pub api_key: Option<String>,
    /// Chance (0 to 1) that a delivered attempt is sent a second time
    #[arg(long, default_value_t = 0.0, value_name = "R")]
    pub duplicate_rate: f64,
    /// Deliver out of order: shuffle events within a batch, spread first attempts
    #[arg(long)]
    pub reorder: bool,
    /// Wait this long before every attempt (not scaled)
    #[arg(long, value_name = "DURATION")]
    pub delay: Option<humantime::Duration>,
    /// Attempt lines as pretty text or one JSON object per line
    #[arg(long, value_enum, default_value_t = Format::Pretty)]
    pub format: Format,
}

#[derive(Debug, Clone, Args)]
pub struct EmulateTriggerArgs {
    /// Event name, e.g. contact.created, users::created, task_changed
    #[arg(add = complete::events())]
    pub event: String,
    /// Override a value in the payload: dotted path, JSON value or string; repeatable
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub set: Vec<String>,
    /// The event's data as JSON, or @FILE; replaces the fixture's data
    #[arg(long, value_name = "JSON|@FILE")]
    pub data: Option<String>,
    /// How many events to trigger
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub count: u64,
    /// The running emulator [default: http://127.0.0.1:8790]
    #[arg(long, env = "HOOKS_EMULATOR_URL", value_name = "URL")]
    pub api_url: Option<String>,
    /// The emulator's API key [default: the profile's api_key, else the keys emulators generated in the data dir]
    #[arg(
        long,
        env = "HOOKS_API_KEY",
        hide_env_values = true,
        value_name = "KEY"
    )]
    pub api_key: Option<String>,
    /// Read the emulator's API key from FILE (one line), e.g. the api-key file it generated
    #[arg(long, value_name = "FILE", value_parser = read_value_file, value_hint = ValueHint::FilePath, conflicts_with = "api_key")]
    pub api_key_file: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Pretty)]
    pub format: Format,
}

/// Which provider API to talk to, and how.
#[derive(Debug, Clone, Args)]
pub struct ApiArgs {
    /// Provider whose webhooks to manage (webwork, awork; any provider against `hooks emulate`)
    #[arg(long, short = 'p', env = "HOOKS_PROVIDER", value_name = "P", add = complete::providers(), help_heading = API_OPTIONS)]
    pub provider: Option<String>,
    /// Base URL of the management API (self-hosted, tests, `hooks emulate`; http://127.0.0.1:PORT/_emulator for its own API) [default: the provider's]
    #[arg(long, env = "HOOKS_API_URL", value_name = "URL", help_heading = API_OPTIONS)]
    pub api_url: Option<String>,
    /// API key [default: profile api_key, or the output of profile api_key_cmd]
    #[arg(
        long,
        env = "HOOKS_API_KEY",
        hide_env_values = true,
        value_name = "KEY",
        help_heading = API_OPTIONS
    )]
    pub api_key: Option<String>,
    /// Read the API key from FILE (one line), off the command line
    #[arg(long, value_name = "FILE", value_parser = read_value_file, value_hint = ValueHint::FilePath, conflicts_with = "api_key", help_heading = API_OPTIONS)]
    pub api_key_file: Option<String>,
    /// API version, for WebWork: 1 (Basic auth) or 2 (Bearer, workspaces) [default: 1]
    #[arg(long, env = "HOOKS_API_VERSION", value_name = "N", help_heading = API_OPTIONS)]
    pub api_version: Option<u8>,
    /// Account e-mail, the Basic auth user of WebWork API v1
    #[arg(long, env = "HOOKS_ACCOUNT_EMAIL", value_name = "EMAIL", help_heading = API_OPTIONS)]
    pub account_email: Option<String>,
    /// Workspace id, for WebWork API v2
    #[arg(long, env = "HOOKS_WORKSPACE_ID", value_name = "ID", help_heading = API_OPTIONS)]
    pub workspace_id: Option<String>,
    /// Give up on a request after this long
    #[arg(long, default_value = "30s", value_name = "DURATION", help_heading = API_OPTIONS)]
    pub timeout: humantime::Duration,
    /// Output format: an aligned table or one JSON object per line
    #[arg(long, value_enum, default_value_t = TableFormat::Table, help_heading = API_OPTIONS)]
    pub format: TableFormat,
}

#[derive(Debug, Clone, Args)]
pub struct WebhookIdArgs {
    /// Webhook id, as `hooks list` shows it
    pub id: String,
    #[command(flatten)]
    pub api: ApiArgs,
}

#[derive(Debug, Clone, Args)]
pub struct CreateArgs {
    /// Where the provider should deliver
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// Event to subscribe to; repeatable or comma-separated
    #[arg(long = "event", short = 'e', value_delimiter = ',', value_name = "E", add = complete::events())]
    pub events: Vec<String>,
    /// Accept events that are not in the provider's catalog
    #[arg(long)]
    pub allow_unknown_event: bool,
    /// Webhook name (awork) [default: hooks]
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Header the provider sends with every delivery, for awork's header authentication
    #[arg(long, value_name = "Name=value")]
    pub header: Option<String>,
    #[command(flatten)]
    pub api: ApiArgs,
}

#[derive(Debug, Clone, Args)]
pub struct UpdateArgs {
    /// Webhook id, as `hooks list` shows it
    pub id: String,
    /// New delivery URL
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// Replace the events with these; repeatable or comma-separated
    #[arg(long = "event", short = 'e', value_delimiter = ',', value_name = "E", add = complete::events())]
    pub events: Vec<String>,
    /// Accept events that are not in the provider's catalog
    #[arg(long)]
    pub allow_unknown_event: bool,
    /// Turn deliveries on (awork)
    #[arg(long, conflicts_with = "inactive")]
    pub active: bool,
    /// Turn deliveries off (awork)
    #[arg(long)]
    pub inactive: bool,
    #[command(flatten)]
    pub api: ApiArgs,
}

#[derive(Debug, Clone, Args)]
pub struct DeleteArgs {
    /// Webhook id, as `hooks list` shows it
    pub id: String,
    /// Delete without asking
    #[arg(long, short = 'y')]
    pub yes: bool,
    #[command(flatten)]
    pub api: ApiArgs,
}

#[derive(Debug, Clone, Args)]
pub struct ListenArgs {
    /// Port on 127.0.0.1 to listen on (0 picks a free one)
    #[arg(
        long,
        default_value_t = 8787,
        value_name = "N",
        conflicts_with = "bind"
    )]
    pub port: u16,
    /// Address to listen on, e.g. 0.0.0.0:8787 or [::1]:9000
    #[arg(long, value_name = "ADDR")]
    pub bind: Option<String>,
    /// Only requests under this path are deliveries (others get 404); it is
    /// removed before the path is joined to the target's
    #[arg(long, default_value = "/", value_name = "PREFIX")]
    pub path: String,
    /// Forward deliveries to this URL, or a port on localhost
    #[arg(long, short = 'f', value_name = "URL|PORT")]
    pub forward: Option<String>,
    /// Forward nothing this run, even when the profile sets `forward` (deliveries are answered 200)
    #[arg(long, conflicts_with = "forward")]
    pub no_forward: bool,
    /// Forward events matching PATTERN to URL instead; repeatable, first match wins
    #[arg(long = "forward-event", value_name = "PATTERN=URL")]
    pub forward_event: Vec<String>,
    /// Set this header on every forwarded request, replacing the delivery's own of that name; repeatable
    #[arg(long = "forward-header", value_name = "'NAME: VALUE'")]
    pub forward_header: Vec<String>,
    /// With no app to forward to, answer STATUS, with BODY (default {"received":true,"id":N}) after DELAY, e.g. 503,busy,2s
    #[arg(long, value_name = "STATUS[,BODY][,DELAY]")]
    pub respond: Option<String>,
    /// With no app to forward to, answer events matching PATTERN so instead; repeatable, first match wins
    #[arg(long = "respond-event", value_name = "PATTERN=STATUS[,BODY][,DELAY]")]
    pub respond_event: Vec<String>,
    /// For an https app, also trust the certificates in this PEM file (its CA, e.g. mkcert's rootCA.pem, or its self-signed certificate)
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub forward_ca: Option<PathBuf>,
    /// For an https app, accept any certificate (encrypted, but the app is not authenticated)
    #[arg(long)]
    pub forward_insecure: bool,
    #[command(flatten)]
    pub scheme: SchemeArgs,
    /// Only print and forward these event types (glob patterns, comma-separated);
    /// others are recorded and answered 200
    #[arg(long, value_delimiter = ',', value_name = "PATTERN,...", add = complete::events())]
    pub events: Vec<String>,
    /// Only print and forward deliveries whose header or JSON field matches a glob, e.g. 'header:X-Event=deal.*' or 'json:data.status=paid'; repeatable, all must match
    #[arg(long, value_name = "header:NAME=PATTERN|json:PATH=PATTERN")]
    pub filter: Vec<String>,
    #[arg(long, value_enum, default_value_t = Format::Pretty)]
    pub format: Format,
    /// How much of each delivery to print
    #[arg(long, value_enum, default_value_t = PrintMode::Summary)]
    pub print: PrintMode,
    /// Print secret header values (Authorization, Cookie, *-token, ...) instead of masking them
    #[arg(long)]
    pub show_secrets: bool,
    /// Exit 0 after this many deliveries
    #[arg(long, value_name = "N")]
    pub exit_after: Option<u64>,
    /// Stop after this long; exit 1 if --exit-after deliveries had not arrived
    #[arg(long, value_name = "DURATION")]
    pub timeout: Option<humantime::Duration>,
    /// Once listening, write the listener's URL to this file (atomically; removed on exit), for scripts to wait on
    #[arg(long, value_name = "PATH", value_hint = ValueHint::FilePath)]
    pub ready_file: Option<PathBuf>,
    /// Give up on the app after this long and answer 504
    #[arg(long, default_value = "30s", value_name = "DURATION")]
    pub forward_timeout: humantime::Duration,
    /// Forward deliveries whose signature is invalid (they are still marked)
    #[arg(long)]
    pub forward_invalid: bool,
    /// Accept deliveries only from these callers (CIDRs, addresses, or a provider's published ranges, e.g. workestra); others get 403 and are not forwarded [default: the profile's allow_from]
    // A string, parsed by `hooks listen`: clap's own error would echo the
    // value raw, and the profile's `allow_from` is read the same way.
    #[arg(long, value_name = "CIDR,...")]
    pub allow_from: Option<String>,
    /// Do not record deliveries in the store
    #[arg(long)]
    pub no_record: bool,
    /// Largest body accepted; larger gets 413 (and is still recorded)
    #[arg(long, default_value = "25MiB", value_name = "SIZE")]
    pub max_body: String,
    /// Answer 408 and close when no part of a body arrives for this long
    #[arg(long, default_value = "10s", value_name = "DURATION")]
    pub body_idle_timeout: humantime::Duration,
    /// Answer 408 and close when a request's body is not complete this long after its head
    #[arg(long, default_value = "60s", value_name = "DURATION")]
    pub body_deadline: humantime::Duration,
    /// Proxies in front of the listener whose X-Forwarded-* are believed, e.g. 10.0.0.0/8,::1
    #[arg(long, value_name = "CIDR,...")]
    pub trusted_proxies: Option<String>,
    /// Keep only the newest N deliveries in the store
    #[arg(long, env = "HOOKS_RETENTION", default_value_t = crate::delivery::store::DEFAULT_RETENTION, value_name = "N")]
    pub retention: u64,
    /// Print the secret deliveries are verified with, and exit
    #[arg(long)]
    pub print_secret: bool,
    /// Also receive deliveries through this relay (`hooks relay serve`), e.g. ws://relay.example.com:8788
    #[arg(long, env = "HOOKS_RELAY", value_name = "URL")]
    pub relay: Option<String>,
    /// Token for the relay (`hooks relay token add`)
    #[arg(
        long,
        env = "HOOKS_RELAY_TOKEN",
        hide_env_values = true,
        value_name = "T",
        requires = "relay"
    )]
    pub token: Option<String>,
    /// Read the relay token from FILE (one line), off the command line
    #[arg(long, value_name = "FILE", value_parser = read_value_file, value_hint = ValueHint::FilePath, requires = "relay", conflicts_with = "token")]
    pub token_file: Option<String>,
    /// Relay channel to claim [default: the one the relay assigned before, else a new one]
    #[arg(long, value_name = "NAME", requires = "relay")]
    pub channel: Option<String>,
    /// Exit with status 3 when disconnected from the relay longer than this
    #[arg(long, value_name = "DURATION", requires = "relay")]
    pub fail_on_disconnect: Option<humantime::Duration>,
    /// Heartbeat interval with the relay; silent for 2 intervals counts as gone
    #[arg(
        long,
        default_value = "10s",
        value_name = "DURATION",
        requires = "relay"
    )]
    pub relay_heartbeat: humantime::Duration,
    /// For a wss:// relay, trust only this CA certificate (PEM) instead of the public roots
    #[arg(long, value_name = "FILE", requires = "relay", value_hint = ValueHint::FilePath)]
    pub relay_ca: Option<PathBuf>,
    /// Serve the inspector web page here [default: 127.0.0.1:4040, skipped with a warning when taken]
    #[arg(long, value_name = "ADDR", conflicts_with = "no_inspect")]
    pub inspect: Option<String>,
    /// Do not serve the inspector
    #[arg(long)]
    pub no_inspect: bool,
    #[command(flatten)]
    pub register: Box<RegisterArgs>,
}

/// `hooks listen --relay … --register`: the provider's webhook lives as long
/// as the listener. The API flags are those of `hooks create` (ApiArgs' own
/// `--provider`, `--timeout` and `--format` would clash with listen's).
#[derive(Debug, Clone, Args)]
pub struct RegisterArgs {
    /// Create the provider's webhook for the relay's public URL on start and delete it on exit (needs --relay, --provider, --event)
    #[arg(long, requires = "relay", help_heading = REGISTER_OPTIONS)]
    pub register: bool,
    /// Event the registered webhook subscribes to; repeatable or comma-separated
    #[arg(
        long = "event",
        value_delimiter = ',',
        value_name = "E",
        requires = "register",
        add = complete::events(),
        help_heading = REGISTER_OPTIONS
    )]
    pub register_events: Vec<String>,
    /// With --register: accept events that are not in the provider's catalog
    #[arg(long, requires = "register", help_heading = REGISTER_OPTIONS)]
    pub allow_unknown_event: bool,
    /// With --register: base URL of the management API [default: the provider's]
    #[arg(long, env = "HOOKS_API_URL", value_name = "URL", help_heading = REGISTER_OPTIONS)]
    pub api_url: Option<String>,
    /// With --register: API key [default: profile api_key, or the output of profile api_key_cmd]
    #[arg(
        long,
        env = "HOOKS_API_KEY",
        hide_env_values = true,
        value_name = "KEY",
        help_heading = REGISTER_OPTIONS
    )]
    pub api_key: Option<String>,
    /// With --register: WebWork API version, 1 or 2 [default: 1]
    // A string, read only with --register: a HOOKS_API_VERSION meant for
    // other commands must not stop a plain `hooks listen`.
    #[arg(long, env = "HOOKS_API_VERSION", value_name = "N", help_heading = REGISTER_OPTIONS)]
    pub api_version: Option<String>,
    /// With --register: account e-mail, the Basic auth user of WebWork API v1
    #[arg(long, env = "HOOKS_ACCOUNT_EMAIL", value_name = "EMAIL", help_heading = REGISTER_OPTIONS)]
    pub account_email: Option<String>,
    /// With --register: workspace id, for WebWork API v2
    #[arg(long, env = "HOOKS_WORKSPACE_ID", value_name = "ID", help_heading = REGISTER_OPTIONS)]
    pub workspace_id: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct InspectArgs {
    /// Port on 127.0.0.1 to serve the inspector on (0 picks a free one)
    #[arg(
        long,
        default_value_t = 4040,
        value_name = "N",
        conflicts_with = "bind"
    )]
    pub port: u16,
    /// Address to serve on, e.g. 127.0.0.1:4041 (other than loopback exposes replay)
    #[arg(long, value_name = "ADDR")]
    pub bind: Option<String>,
    /// Where replays are forwarded [default: the profile's `forward`; none: replays are only recorded]
    #[arg(long, short = 'f', value_name = "URL|PORT")]
    pub forward: Option<String>,
    #[command(flatten)]
    pub scheme: SchemeArgs,
    /// Give up on the app after this long and record a 504
    #[arg(long, default_value = "30s", value_name = "DURATION")]
    pub forward_timeout: humantime::Duration,
}

#[derive(Debug, Clone, Args)]
pub struct DemoArgs {
    /// Exit 0 this long after the last event (0s: at once) [default: on Ctrl-C]
    #[arg(long, value_name = "DURATION")]
    pub exit_after: Option<humantime::Duration>,
}

#[derive(Debug, Subcommand)]
pub enum DeliveriesCommand {
    /// List recorded deliveries, newest first
    List {
        #[arg(long, default_value_t = 20, value_name = "N")]
        limit: usize,
        /// Only deliveries with an event matching this glob pattern
        #[arg(long, value_name = "PATTERN", add = complete::events())]
        event: Option<String>,
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
    },
    /// Show one delivery: request, verification, forward attempts
    Show {
        #[arg(add = complete::delivery_ids())]
        id: i64,
        /// Also print the request body
        #[arg(long)]
        body: bool,
        /// Show secret header values (Authorization, Cookie, *-token, ...) instead of masking them
        #[arg(long)]
        show_secrets: bool,
        #[arg(long, value_enum, default_value_t = Format::Pretty)]
        format: Format,
    },
    /// Delete every recorded delivery
    Clear {
        /// Do not ask for confirmation
        #[arg(long, short = 'y')]
        yes: bool,
    },
}

#[derive(Debug, Clone, Args)]
pub struct ReplayArgs {
    /// Delivery ids from `hooks deliveries list`, or payload/fixture files
    #[arg(value_name = "ID|FILE", add = complete::delivery_ids_or_files())]
    pub items: Vec<String>,
    /// Replay the newest N recorded deliveries, oldest first
    #[arg(long, value_name = "N", conflicts_with = "watch")]
    pub last: Option<usize>,
    /// Where to send [default: the profile's `to`, else http://127.0.0.1:8787/]
    #[arg(long, value_name = "URL")]
    pub to: Option<String>,
    /// Re-sign recorded deliveries with a fresh timestamp (and the current secret)
    #[arg(long)]
    pub resign: bool,
    /// Send recorded deliveries with this method instead
    #[arg(long, value_name = "METHOD", conflicts_with = "watch")]
    pub method: Option<String>,
    /// Send recorded deliveries to this path and query instead (e.g. /hooks?x=1)
    #[arg(long, value_name = "PATH", conflicts_with = "watch")]
    pub path: Option<String>,
    /// Set this header on recorded deliveries, replacing theirs of that name; repeatable
    #[arg(
        long,
        short = 'H',
        value_name = "'NAME: VALUE'",
        conflicts_with = "watch"
    )]
    pub header: Vec<String>,
    /// Send recorded deliveries with this body instead (a file, or - for stdin); Content-Length follows; add --resign to sign it
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath, conflicts_with = "watch")]
    pub body: Option<PathBuf>,
    /// For an https --to, also trust the certificates in this PEM file (its CA, e.g. mkcert's rootCA.pem)
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub forward_ca: Option<PathBuf>,
    /// For an https --to, accept any certificate (encrypted, but the app is not authenticated)
    #[arg(long)]
    pub forward_insecure: bool,
    /// Send each file in DIR whenever it is saved, until Ctrl-C
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub watch: Option<PathBuf>,
    #[command(flatten)]
    pub scheme: SchemeArgs,
    #[arg(long, value_enum, default_value_t = Format::Pretty)]
    pub format: Format,
    /// Give up waiting for each response after this long
    #[arg(long, default_value = "30s", value_name = "DURATION")]
    pub timeout: humantime::Duration,
}

#[derive(Debug, Subcommand)]
pub enum RelayCommand {
    /// Run a public relay that passes requests to connected developers
    Serve(Box<RelayServeArgs>),
    /// Connect to a relay and forward its requests to a local URL (exact bytes)
    Connect(RelayConnectArgs),
    /// Manage the relay's tokens file
    #[command(subcommand)]
    Token(RelayTokenCommand),
    /// List the offline queue and its dead letters; retry or drop dead letters
    #[command(subcommand)]
    Queue(RelayQueueCommand),
    /// Show a cluster's relay nodes, the channels they hold and the queue depths
    Status(RelayStatusArgs),
}

#[derive(Debug, Clone, Args)]
pub struct RelayStoreArgs {
    /// The relay's data dir, as given to `hooks relay serve` [default: DATA_DIR/relay]
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// A cluster's queue in JetStream instead: its NATS servers (nats://HOST:PORT,...)
    #[arg(
        long,
        value_name = "URLS",
        value_delimiter = ',',
        conflicts_with = "data_dir"
    )]
    pub cluster: Vec<String>,
    #[command(flatten)]
    pub nats: NatsArgs,
    /// Only this channel's requests
    #[arg(long, value_name = "NAME")]
    pub channel: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum RelayQueueCommand {
    /// List queued requests and dead letters, per channel, oldest first
    List {
        #[command(flatten)]
        store: RelayStoreArgs,
        /// Only dead letters
        #[arg(long)]
        dead: bool,
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
    },
    /// Move dead letters to the end of their channel's queue, attempts reset
    Retry {
        /// The dead letter's id (from `hooks relay queue list`)
        #[arg(value_name = "ID", required_unless_present = "all")]
        id: Option<u64>,
        /// Every dead letter (of --channel, if given)
        #[arg(long, conflicts_with = "id")]
        all: bool,
        #[command(flatten)]
        store: RelayStoreArgs,
    },
    /// Delete dead letters and their bodies
    #[command(name = "drop")]
    DropDead {
        /// The dead letter's id (from `hooks relay queue list`)
        #[arg(value_name = "ID", required_unless_present = "all")]
        id: Option<u64>,
        /// Every dead letter (of --channel, if given); needs --yes
        #[arg(long, conflicts_with = "id")]
        all: bool,
        /// Confirm --all
        #[arg(long, short = 'y')]
        yes: bool,
        #[command(flatten)]
        store: RelayStoreArgs,
    },
}

#[derive(Debug, Clone, Args)]
pub struct RelayServeArgs {
    /// Address to listen on; without --tokens only a loopback address is allowed
    #[arg(long, default_value = "127.0.0.1:8788", value_name = "ADDR")]
    pub bind: std::net::SocketAddr,
    /// Address for GET /metrics (never the public port: it names channels) [default: 127.0.0.1:8789]
    #[arg(long, value_name = "ADDR")]
    pub admin_bind: Option<std::net::SocketAddr>,
    /// The relay's public base URL, used in the URLs it hands out [default: http://ADDR]
    #[arg(long, value_name = "URL")]
    pub public_url: Option<String>,
    /// Also route <channel>.DOMAIN to the channel (needs a wildcard DNS record)
    #[arg(long, value_name = "DOMAIN")]
    pub domain: Option<String>,
    /// Tokens file (`NAME sha256:HEX` lines); required on a non-loopback address
    #[arg(long, env = "HOOKS_RELAY_TOKENS", value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub tokens: Option<PathBuf>,
    /// Where the channel registry and offline queue live [default: DATA_DIR/relay]
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub data_dir: Option<PathBuf>,
    /// Largest request body accepted, e.g. 25MiB, 1MB, 4096
    #[arg(long, default_value = "25MiB", value_name = "SIZE")]
    pub max_body: String,
    /// Answer 504 when the developer's machine has not answered this long after the request
    #[arg(long, default_value = "30s", value_name = "DURATION")]
    pub request_timeout: humantime::Duration,
    /// Answer 408 when a public request body pauses this long
    #[arg(long, default_value = "10s", value_name = "DURATION")]
    pub body_idle_timeout: humantime::Duration,
    /// Answer 408 when a public request body is not complete this long after its head
    #[arg(long, default_value = "60s", value_name = "DURATION")]
    pub body_deadline: humantime::Duration,
    /// Proxies in front of the relay whose X-Forwarded-* are believed, e.g. 10.0.0.0/8,::1
    #[arg(long, value_name = "CIDR,...")]
    pub trusted_proxies: Option<String>,
    /// Answer public requests from other addresses with 403 (CIDRs, or a provider with published ranges: workestra)
    #[arg(long, value_name = "CIDR,...")]
    pub allow_from: Option<String>,
    /// Most requests kept per offline channel; more are refused with 507
    #[arg(long, default_value_t = 1000, value_name = "N")]
    pub queue_limit: u64,
    /// Queued requests older than this are dropped (dead letters are kept)
    #[arg(long, default_value = "24h", value_name = "DURATION")]
    pub queue_ttl: humantime::Duration,
    /// Failed deliveries after which a queued request becomes a dead letter
    #[arg(long, default_value_t = 5, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub queue_max_attempts: u32,
    /// Body bytes stored per channel (queued and dead letters); more are refused with 507
    #[arg(long, default_value = "100MiB", value_name = "SIZE")]
    pub queue_max_bytes: String,
    /// Body bytes stored for all channels together; more are refused with 507
    #[arg(long, default_value = "1GiB", value_name = "SIZE")]
    pub queue_max_total_bytes: String,
    /// What to do with a request for a channel whose client is not connected
    #[arg(long, value_enum, default_value_t = crate::relay::server::Offline::Queue)]
    pub offline: crate::relay::server::Offline,
    /// Requests per second a channel may receive (burst the same); 0 for no limit
    #[arg(long, default_value_t = 1000, value_name = "N")]
    pub rate_limit: u32,
    /// Concurrent requests in flight on one client connection
    #[arg(long, default_value_t = 256, value_name = "N")]
    pub max_streams: usize,
    /// Open connections allowed per token
    #[arg(long, default_value_t = 16, value_name = "N")]
    pub max_connections_per_token: usize,
    /// Channels one token may claim, all time (claims are kept); with --tokens, on a single node
    #[arg(long, default_value_t = 100, value_name = "N")]
    pub max_channels_per_token: u64,
    /// Heartbeat interval; a client silent for 2 intervals is dropped (pings go every half interval)
    #[arg(long, default_value = "10s", value_name = "DURATION")]
    pub heartbeat: humantime::Duration,
    /// Serve HTTPS and wss with this certificate chain (PEM)
    #[arg(long, value_name = "FILE", requires = "tls_key", value_hint = ValueHint::FilePath)]
    pub tls_cert: Option<PathBuf>,
    /// The private key (PEM) for --tls-cert
    #[arg(long, value_name = "FILE", requires = "tls_cert", value_hint = ValueHint::FilePath)]
    pub tls_key: Option<PathBuf>,
    /// Run as one node of a cluster: NATS servers with JetStream, comma-separated (nats://HOST:PORT,...)
    #[arg(
        long,
        env = "HOOKS_NATS_URL",
        value_name = "URLS",
        value_delimiter = ','
    )]
    pub cluster: Vec<String>,
    /// This node's name in the cluster [default: the hostname and a short random suffix]
    #[arg(long, env = "HOOKS_NODE_ID", value_name = "NAME")]
    pub node_id: Option<String>,
    #[command(flatten)]
    pub nats: NatsArgs,
    /// Copies of the cluster's buckets and queue [default: 3 on a NATS cluster, 1 on one server]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=5))]
    pub nats_replicas: Option<u8>,
}

/// How to authenticate to NATS (`relay serve --cluster`, `relay status`).
#[derive(Debug, Clone, Args)]
pub struct NatsArgs {
    /// NATS credentials file (JWT and NKey seed)
    #[arg(long, env = "HOOKS_NATS_CREDS", value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub nats_creds: Option<PathBuf>,
    /// NATS token
    #[arg(
        long,
        env = "HOOKS_NATS_TOKEN",
        hide_env_values = true,
        value_name = "T"
    )]
    pub nats_token: Option<String>,
    /// CA certificate (PEM) that signed the NATS servers' TLS certificates
    #[arg(long, env = "HOOKS_NATS_TLS_CA", value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub nats_tls_ca: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct RelayStatusArgs {
    /// The cluster's NATS servers, comma-separated (nats://HOST:PORT,...)
    #[arg(
        long,
        env = "HOOKS_NATS_URL",
        value_name = "URLS",
        value_delimiter = ',',
        required = true
    )]
    pub cluster: Vec<String>,
    #[command(flatten)]
    pub nats: NatsArgs,
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
}

#[derive(Debug, Clone, Args)]
pub struct RelayConnectArgs {
    /// The relay, e.g. ws://relay.example.com:8788
    #[arg(long, env = "HOOKS_RELAY", value_name = "URL")]
    pub relay: String,
    /// Token from the relay's admin (`hooks relay token add`)
    #[arg(
        long,
        env = "HOOKS_RELAY_TOKEN",
        hide_env_values = true,
        value_name = "T"
    )]
    pub token: Option<String>,
    /// Read the token from FILE (one line), off the command line
    #[arg(long, value_name = "FILE", value_parser = read_value_file, value_hint = ValueHint::FilePath, conflicts_with = "token")]
    pub token_file: Option<String>,
    /// Channel name to claim [default: the one the relay assigned before, else a new one]
    #[arg(long, value_name = "NAME")]
    pub channel: Option<String>,
    /// Local URL or port that receives the requests
    #[arg(long, value_name = "URL|PORT")]
    pub forward: String,
    /// Exit with status 3 when disconnected from the relay longer than this
    #[arg(long, value_name = "DURATION")]
    pub fail_on_disconnect: Option<humantime::Duration>,
    /// Give up on the local app after this long (the relay answers 504)
    #[arg(long, default_value = "30s", value_name = "DURATION")]
    pub timeout: humantime::Duration,
    /// Heartbeat interval; a relay silent for 2 intervals counts as gone
    #[arg(long, default_value = "10s", value_name = "DURATION")]
    pub heartbeat: humantime::Duration,
    /// For a wss:// relay, trust only this CA certificate (PEM) instead of the public roots
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub relay_ca: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum RelayTokenCommand {
    /// Create a token, append its hash to the tokens file, print the token once
    Add {
        /// Who the token is for; channels it claims are bound to this name
        name: String,
        #[arg(long, env = "HOOKS_RELAY_TOKENS", value_name = "FILE", value_hint = ValueHint::FilePath)]
        tokens: PathBuf,
    },
}

/// The value of a `--…-file` flag: the file's text, read when the command
/// line is parsed, without its final line break. Secrets given on the
/// command line are visible to every user on the machine (`ps`,
/// `/proc/PID/cmdline`); a file of the user's own is not. An unreadable
/// file is a usage error naming it.
fn read_value_file(path: &str) -> Result<String, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let text = text.strip_suffix('\n').unwrap_or(&text);
    let text = text.strip_suffix('\r').unwrap_or(text);
    if text.is_empty() {
        return Err(format!("{path} is empty"));
    }
    Ok(text.to_string())
}
