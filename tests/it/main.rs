//! Integration tests: the real `hooks` binary against real servers on
//! 127.0.0.1. One test crate, so the binary and helpers link once.

mod support;

mod commands;
mod listen;
mod relay;
mod replay;
mod send_test;
