//! `hooks relay`: a self-hosted public relay (`server`), the client that
//! tunnels its requests to the developer's machine (`client`), and the wire
//! format between them (`protocol`, documented in docs/relay-protocol.md).

pub mod client;
pub mod protocol;
pub mod register;
pub mod server;
pub mod store;
pub mod tokens;
pub mod tunnel;

use bytes::Bytes;
use futures_util::{Sink, SinkExt};
use protocol::{Frame, MAX_CHUNK};
use tokio::sync::{mpsc, Semaphore};
use tokio_tungstenite::tungstenite::Message;

/// Writes queued frames to the websocket, one flush (one write) for all the
/// frames queued at that moment; ends after a GOAWAY or when the queue closes.
pub(crate) async fn write_frames<S>(mut sink: S, mut queue: mpsc::Receiver<Frame>)
where
    S: Sink<Message> + Unpin,
{
    'writing: while let Some(first) = queue.recv().await {
        let mut next = Some(first);
        let mut batch = 0;
        while let Some(frame) = next.take() {
            let last = matches!(frame, Frame::GoAway { .. });
            if sink.feed(Message::Binary(frame.to_vec())).await.is_err() {
                break 'writing;
            }
            if last {
                let _ = sink.flush().await;
                break 'writing;
            }
            batch += 1;
            if batch < 64 {
                next = queue.try_recv().ok();
            }
        }
        if sink.flush().await.is_err() {
            break;
        }
    }
    let _ = sink.close().await;
}

/// Sends `data` on `stream` as DATA frames of at most [`MAX_CHUNK`] bytes,
/// each only once the peer's window allows it. Returns false when the
/// stream or the connection went away meanwhile.
pub(crate) async fn send_chunks(
    out: &mpsc::Sender<Frame>,
    stream: u32,
    window: &Semaphore,
    mut data: Bytes,
) -> bool {
    while !data.is_empty() {
        let chunk = data.split_to(data.len().min(MAX_CHUNK));
        match window.acquire_many(chunk.len() as u32).await {
            Ok(permit) => permit.forget(),
            Err(_) => return false,
        }
        if out
            .send(Frame::Data {
                stream,
                data: chunk,
            })
            .await
            .is_err()
        {
            return false;
        }
    }
    true
}
