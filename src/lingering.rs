//! Lingering close for server connections: a client that is still sending
//! when the server answers and closes (a 408 for a body that stalled, a 413)
//! reads the answer instead of a connection reset.
//!
//! Closing a TCP socket that still holds unread bytes makes the kernel send
//! RST, and a client that receives it before reading loses the answer that
//! was already on its way. Like nginx's `lingering_close`, a connection
//! wrapped in [`Lingering`] is, once the server drops it, shut down for
//! writing (the client sees the end of the answer) and read and discarded
//! for at most [`LINGER_TIME`] or [`LINGER_BYTES`], whichever comes first,
//! before the socket is closed. A client that closes its side ends the
//! lingering at once; a hostile one costs one small task for two seconds.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};

/// The longest a closed connection is read and discarded.
pub const LINGER_TIME: Duration = Duration::from_secs(30);
/// The longest pause in what a closed connection still sends before the
/// lingering ends.
pub const LINGER_IDLE: Duration = Duration::from_secs(5);
/// The most bytes read and discarded from a closed connection.
pub const LINGER_BYTES: usize = 1024 * 1024;

/// A server-side connection that lingers when dropped (see the module).
pub struct Lingering<I>
where
    I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    io: Option<I>,
    time: Duration,
    idle: Duration,
}

impl<I> Lingering<I>
where
    I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    pub fn new(io: I) -> Self {
        Lingering {
            io: Some(io),
            time: LINGER_TIME,
            idle: LINGER_IDLE,
        }
    }

    fn io(&mut self) -> &mut I {
        self.io
            .as_mut()
            .expect("the connection is only taken when it is dropped")
    }
}

impl<I> Drop for Lingering<I>
where
    I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    fn drop(&mut self) {
        let (Some(io), Ok(runtime)) = (self.io.take(), tokio::runtime::Handle::try_current())
        else {
            return;
        };
        runtime.spawn(linger(io, self.time, self.idle));
    }
}

/// Shuts `io` down for writing, then discards what the client still sends
/// until it closes, pauses for `idle`, or for `time` / [`LINGER_BYTES`].
async fn linger<I>(mut io: I, time: Duration, idle: Duration)
where
    I: AsyncRead + AsyncWrite + Unpin,
{
    let _ = tokio::time::timeout(time, async {
        let _ = io.shutdown().await;
        let mut buf = [0u8; 8192];
        let mut discarded = 0;
        while discarded < LINGER_BYTES {
            match tokio::time::timeout(idle, io.read(&mut buf)).await {
                Ok(Ok(0) | Err(_)) | Err(_) => break,
                Ok(Ok(n)) => discarded += n,
            }
        }
    })
    .await;
}

impl<I> AsyncRead for Lingering<I>
where
    I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(self.get_mut().io()).poll_read(cx, buf)
    }
}

impl<I> AsyncWrite for Lingering<I>
where
    I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(self.get_mut().io()).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(self.get_mut().io()).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.as_ref().is_some_and(|io| io.is_write_vectored())
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(self.get_mut().io()).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(self.get_mut().io()).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::net::{TcpListener, TcpStream};

    /// The server answers and drops the connection while the client's
    /// unread bytes are still in its receive buffer: a plain close resets
    /// the connection, a lingering one lets the client read the answer.
    async fn answer_with_unread_bytes(lingering: bool) -> io::Result<Vec<u8>> {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let mut client = TcpStream::connect(addr).await.unwrap();
        let (server, _) = listener.accept().await.unwrap();
        client.write_all(&[b'x'; 64 * 1024]).await.unwrap();
        tokio::time::sleep(Duration::from_millis(100)).await;
        if lingering {
            let mut server = Lingering::new(server);
            server.write_all(b"HTTP/1.1 408 ").await.unwrap();
        } else {
            let mut server = server;
            server.write_all(b"HTTP/1.1 408 ").await.unwrap();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        let mut answer = Vec::new();
        client.read_to_end(&mut answer).await.map(|_| answer)
    }

    #[tokio::test]
    async fn a_dropped_connection_with_unread_bytes_still_delivers_its_answer() {
        let plain = answer_with_unread_bytes(false).await;
        assert_eq!(
            plain.map_err(|e| e.kind()),
            Err(io::ErrorKind::ConnectionReset),
            "a plain close with unread bytes resets (the case lingering is for)"
        );
        let answer = answer_with_unread_bytes(true).await.unwrap();
        assert_eq!(answer, b"HTTP/1.1 408 ");
    }

    /// How long after its drop a lingering connection closes on a client
    /// that writes every `every` (and never closes).
    async fn closed_after(time: Duration, idle: Duration, every: Duration) -> Duration {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let mut client = TcpStream::connect(addr).await.unwrap();
        let (server, _) = listener.accept().await.unwrap();
        drop(Lingering {
            io: Some(server),
            time,
            idle,
        });
        let started = std::time::Instant::now();
        let mut buf = [0u8; 16];
        let outcome = tokio::time::timeout(time * 4, async {
            // The server's end of the answer (its write shutdown) first.
            assert_eq!(client.read(&mut buf).await.unwrap(), 0);
            loop {
                if client.write_all(b"more").await.is_err() {
                    break;
                }
                tokio::time::sleep(every).await;
            }
        })
        .await;
        assert!(outcome.is_ok(), "the lingering connection was never closed");
        started.elapsed()
    }

    #[tokio::test]
    async fn a_client_that_keeps_sending_is_cut_off_after_the_linger_time() {
        let took = closed_after(
            Duration::from_secs(2),
            Duration::from_secs(1),
            Duration::from_millis(50),
        )
        .await;
        assert!(took >= Duration::from_millis(1900), "{took:?}");
    }

    /// A client that pauses for less than the idle limit (a busy moment)
    /// and writes again still finds the socket reading: no reset yet.
    #[tokio::test]
    async fn a_pause_shorter_than_the_idle_limit_keeps_the_socket_reading() {
        let took = closed_after(
            Duration::from_secs(10),
            Duration::from_millis(1500),
            Duration::from_millis(700),
        )
        .await;
        assert!(took >= Duration::from_millis(9500), "{took:?}");
        let took = closed_after(
            Duration::from_secs(10),
            Duration::from_millis(300),
            Duration::from_millis(700),
        )
        .await;
        assert!(took < Duration::from_secs(3), "{took:?}");
    }
}
