//! Listening sockets with a backlog fit for bursts of webhooks.
//!
//! `tokio::net::TcpListener::bind` listens with the standard library's
//! backlog of 128. A sender that opens a few hundred connections at once
//! (a provider retrying a backlog, a load test, an attacker) overflows that
//! queue: the kernel drops the handshakes it cannot queue, the callers wait
//! for retransmits, and a caller whose handshake is never completed has its
//! request answered by a reset. Every server socket of hooks listens with
//! [`BACKLOG`] instead, which the kernel caps at `net.core.somaxconn`
//! (4096 by default on current Linux), as Go's servers and nginx's
//! `backlog=` do.

use std::io;
use std::net::SocketAddr;

use tokio::net::{lookup_host, TcpListener, TcpSocket, ToSocketAddrs};

/// The length of the accept queue asked for (capped by the kernel).
pub const BACKLOG: u32 = 4096;

/// Binds `addr` (each address it resolves to, in turn, until one binds)
/// and listens with [`BACKLOG`], with `SO_REUSEADDR` as tokio sets it.
pub async fn listen(addr: impl ToSocketAddrs) -> io::Result<TcpListener> {
    let mut last = None;
    for addr in lookup_host(addr).await? {
        match listen_on(addr) {
            Ok(listener) => return Ok(listener),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            "the address resolved to nothing",
        )
    }))
}

fn listen_on(addr: SocketAddr) -> io::Result<TcpListener> {
    let socket = match addr {
        SocketAddr::V4(_) => TcpSocket::new_v4()?,
        SocketAddr::V6(_) => TcpSocket::new_v6()?,
    };
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(BACKLOG)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use tokio::net::TcpStream;

    /// How many of `n` simultaneous connections complete their handshake
    /// within half a second while nothing accepts them.
    async fn handshakes_without_accept(listener: &TcpListener, n: usize) -> usize {
        let addr = listener.local_addr().unwrap();
        let tries: Vec<_> = (0..n)
            .map(|_| {
                tokio::spawn(async move {
                    tokio::time::timeout(Duration::from_millis(500), TcpStream::connect(addr))
                        .await
                        .ok()
                        .and_then(Result::ok)
                })
            })
            .collect();
        let mut open = Vec::new();
        for t in tries {
            if let Some(stream) = t.await.unwrap() {
                open.push(stream);
            }
        }
        open.len()
    }

    /// 600 callers at once: every handshake completes at once with the
    /// backlog of [`listen`], where tokio's default queue takes 129.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_burst_of_600_connections_is_queued_without_an_accept() {
        let ours = listen("127.0.0.1:0").await.unwrap();
        assert_eq!(handshakes_without_accept(&ours, 600).await, 600);
        let default = TcpListener::bind("127.0.0.1:0").await.unwrap();
        assert!(
            handshakes_without_accept(&default, 600).await < 600,
            "the default backlog queued the whole burst: the comparison shows nothing"
        );
    }

    #[tokio::test]
    async fn an_address_in_use_is_an_error() {
        let first = listen("127.0.0.1:0").await.unwrap();
        let taken = first.local_addr().unwrap();
        let err = listen(taken).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AddrInUse);
    }
}
