//! Integration tests: the real `hooks` binary against real servers on
//! 127.0.0.1. One test crate, so the binary and helpers link once.

mod support;

mod api_awork;
mod api_errors;
mod api_prompts;
mod api_support;
mod api_webwork;
mod browser;
mod check;
mod cluster;
mod commands;
mod complete;
mod daily;
mod demo;
mod emulate;
mod emulate_manage;
mod forward_options;
mod hints;
mod hop_rules;
mod hostile_local;
mod hostile_queue;
mod hostile_relay;
mod hostile_stall;
mod hostile_text;
mod init;
mod inspector;
mod install;
mod interop;
mod json_shapes;
mod layering;
mod listen;
mod nats;
mod origin;
mod other_users;
mod provider_events;
mod register;
mod relay;
mod relay_cluster;
mod relay_cluster_faults;
mod relay_limits;
mod replay;
mod secret_input;
mod send_test;
mod signatures;
mod snapshots_text;
