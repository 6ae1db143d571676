//! The one place where what the command line parsed becomes the library's
//! own types, so that no library module needs to know the clap structs.

use crate::api::ApiTarget;
use crate::cli::{ApiArgs, ListenArgs, SchemeArgs};
use crate::relay::register::RegisterOptions;
use crate::signing::SchemeConfig;

impl From<&SchemeArgs> for SchemeConfig {
    fn from(args: &SchemeArgs) -> SchemeConfig {
        SchemeConfig {
            provider: args.provider.clone(),
            secrets: args
                .secret
                .iter()
                .chain(&args.secret_file)
                .cloned()
                .collect(),
            scheme: args.scheme.clone(),
            signature_header: args.signature_header.clone(),
            prefix: args.prefix.clone(),
            encoding: args.encoding.clone(),
            tolerance: args.tolerance,
        }
    }
}

impl From<&ApiArgs> for ApiTarget {
    fn from(args: &ApiArgs) -> ApiTarget {
        ApiTarget {
            provider: args.provider.clone(),
            api_url: args.api_url.clone(),
            api_key: args.api_key.clone().or(args.api_key_file.clone()),
            api_version: args.api_version,
            account_email: args.account_email.clone(),
            workspace_id: args.workspace_id.clone(),
            timeout: args.timeout.into(),
        }
    }
}

/// `listen --register`'s flags, with the listener's provider, scheme and path.
impl From<&ListenArgs> for RegisterOptions {
    fn from(args: &ListenArgs) -> RegisterOptions {
        let flags = &args.register;
        RegisterOptions {
            events: flags.register_events.clone(),
            allow_unknown_event: flags.allow_unknown_event,
            provider: args.scheme.provider.clone(),
            scheme: args.scheme.scheme.clone(),
            api_url: flags.api_url.clone(),
            api_key: flags.api_key.clone(),
            api_version: flags.api_version.clone(),
            account_email: flags.account_email.clone(),
            workspace_id: flags.workspace_id.clone(),
            path: args.path.clone(),
        }
    }
}
