//! `hooks relay`: a self-hosted public relay (`server`), the client that
//! tunnels its requests to the developer's machine (`client`), and the wire
//! format between them (`protocol`, documented in docs/relay-protocol.md).

pub mod claim;
pub mod client;
pub mod cluster;
pub mod protocol;
pub mod register;
pub mod server;
pub mod store;
pub mod tokens;
pub mod tunnel;

use bytes::Bytes;
use futures_util::{Sink, SinkExt};
use protocol::{Frame, MAX_CHUNK};
use std::time::Duration;
use tokio::sync::{mpsc, Semaphore};
use tokio::time::timeout;
use tokio_tungstenite::tungstenite::Message;

/// What the writer task takes from its queue.
pub(crate) enum Outgoing {
    /// A frame the writer encodes: one whose lengths are fixed or bounded
    /// where it is built (control frames, DATA of at most [`MAX_CHUNK`],
    /// RESET and GOAWAY with a fixed message or one cut by
    /// [`Frame::reset`] / [`Frame::go_away`]).
    Frame(Frame),
    /// A head its sender encoded, and so checked, already: one that does
    /// not fit fails at its sender, alone, never here.
    Head(Bytes),
    /// A whole small message on a stream, queued as one item so that it
    /// leaves in one write: its encoded head, its body as one DATA frame
    /// (none when empty), END.
    Message(u32, Bytes, Bytes),
}

impl From<Frame> for Outgoing {
    fn from(frame: Frame) -> Outgoing {
        Outgoing::Frame(frame)
    }
}

/// The peer took none of a write for the writer's patience: it stopped
/// reading (a process stopped, a laptop lid closed) or its network did.
#[derive(Debug)]
pub(crate) struct Stalled;

/// Writes queued frames to the websocket, one flush (one write) for all the
/// frames queued at that moment; ends after a GOAWAY or when the queue closes.
///
/// Every feed and flush must complete within `patience`, or the writer ends
/// with [`Stalled`]: a peer that answers PINGs but reads nothing would
/// otherwise block the writer, and everything queued behind it, for ever.
/// One feed or flush moves at most about 200 KiB (a frame and
/// tungstenite's 128 KiB write buffer), so a peer that is reading at all
/// finishes it in time.
///
/// Under load (one of the last few writes carried more than one item), the
/// writer yields once to the runtime before flushing, which runs the other ready
/// tasks and polls the sockets first: requests and responses that are ready
/// at about the same time then leave in one write, not one write each. A
/// message that comes alone leaves at once: yielding would only cost a
/// round through the scheduler.
pub(crate) async fn write_frames<S>(
    mut sink: S,
    mut queue: mpsc::Receiver<Outgoing>,
    patience: Duration,
) -> Result<(), Stalled>
where
    S: Sink<Message> + Unpin,
{
    // Writes in a row that carried one item each.
    let mut alone = u32::MAX;
    'writing: while let Some(first) = queue.recv().await {
        let mut next = Some(first);
        let mut batch = 0;
        let mut yielded = alone >= 4;
        while let Some(item) = next.take() {
            let (frames, last) = match item {
                Outgoing::Frame(frame) => {
                    let last = matches!(frame, Frame::GoAway { .. });
                    ([Some(frame.encode()), None, None], last)
                }
                Outgoing::Head(head) => ([Some(Ok(head)), None, None], false),
                Outgoing::Message(stream, head, data) => {
                    let data = (!data.is_empty()).then(|| Frame::Data { stream, data }.encode());
                    let end = Frame::End { stream }.encode();
                    ([Some(Ok(head)), data, Some(end)], false)
                }
            };
            for frame in frames.into_iter().flatten() {
                match frame {
                    Ok(bytes) => {
                        let fed = timeout(patience, sink.feed(Message::Binary(bytes))).await;
                        if fed.map_err(|_| Stalled)?.is_err() {
                            break 'writing;
                        }
                    }
                    // Only a frame built without its limits in mind gets
                    // here; dropping it keeps the connection.
                    Err(e) => crate::output::note(format!("relay: a frame was not sent: {e}")),
                }
            }
            if last {
                let _ = timeout(patience, sink.flush()).await;
                break 'writing;
            }
            batch += 1;
            if batch < 64 {
                next = queue.try_recv().ok();
                if next.is_none() && !yielded {
                    yielded = true;
                    tokio::task::yield_now().await;
                    next = queue.try_recv().ok();
                }
            }
        }
        alone = if batch > 1 {
            0
        } else {
            alone.saturating_add(1)
        };
        if timeout(patience, sink.flush())
            .await
            .map_err(|_| Stalled)?
            .is_err()
        {
            break;
        }
    }
    let _ = timeout(patience, sink.close()).await;
    Ok(())
}

/// Sends a message on `stream`: `head` (encoded by the caller, which so
/// handles a head that does not fit), then `body` as DATA frames, then
/// END. A body that fits one DATA frame and the peer's window goes with its
/// head and END as one queue item (one write); a larger one is streamed by
/// [`send_chunks`]. Returns false when the stream or the connection went
/// away meanwhile.
pub(crate) async fn send_message(
    out: &mpsc::Sender<Outgoing>,
    stream: u32,
    head: Bytes,
    window: &Semaphore,
    body: Bytes,
) -> bool {
    if body.len() <= MAX_CHUNK {
        if let Ok(permit) = window.try_acquire_many(body.len() as u32) {
            permit.forget();
            return out
                .send(Outgoing::Message(stream, head, body))
                .await
                .is_ok();
        }
    }
    out.send(Outgoing::Head(head)).await.is_ok()
        && send_chunks(out, stream, window, body).await
        && out.send(Frame::End { stream }.into()).await.is_ok()
}

/// Sends `data` on `stream` as DATA frames of at most [`MAX_CHUNK`] bytes,
/// each only once the peer's window allows it. Returns false when the
/// stream or the connection went away meanwhile.
pub(crate) async fn send_chunks(
    out: &mpsc::Sender<Outgoing>,
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
            .send(
                Frame::Data {
                    stream,
                    data: chunk,
                }
                .into(),
            )
            .await
            .is_err()
        {
            return false;
        }
    }
    true
}
