//! The relay wire format (versions 2 and 1), documented byte by byte in
//! `docs/relay-protocol.md`.
//!
//! Every binary websocket message is exactly one frame:
//! `type: u8 | stream: u32 BE | payload`. Integers are big-endian; a
//! "bytes16" is a `u16` length then that many bytes. Stream 0 is the
//! connection itself (hello, welcome, ping, pong, ack, goaway); the relay
//! opens every other stream, one per public request.

use bytes::{Buf, BufMut, Bytes, BytesMut};
use std::fmt;

/// The protocol versions this build speaks, newest first. Version 2 has the
/// same frames as 1; the relay sends several queued requests at a time and
/// the client handles them in order (docs/relay-protocol.md, "The offline
/// queue").
pub const VERSIONS: &[u16] = &[2, 1];
/// Largest body chunk in one DATA frame.
pub const MAX_CHUNK: usize = 64 * 1024;
/// Largest frame either side accepts (a head with 64 KiB of headers fits).
pub const MAX_FRAME: usize = 80 * 1024;
/// Bytes of body a sender may have unacknowledged on one stream.
pub const INITIAL_WINDOW: u32 = 256 * 1024;
/// Where clients open the websocket on the relay.
pub const CONNECT_PATH: &str = "/_hooks/relay/v1/connect";

/// Why a stream was reset. The relay maps these to the public status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResetCode {
    /// The peer broke the protocol on this stream.
    Protocol,
    /// The sender no longer wants the stream (the public client went away).
    Cancel,
    /// The developer's app refused the connection (502).
    AppRefused,
    /// The developer's app did not answer in time (504).
    AppTimeout,
    /// The body is larger than allowed (413).
    TooLarge,
    /// Anything else went wrong at the sender (502).
    Internal,
    /// A code this build does not know; kept so it can be reported.
    Other(u16),
}

impl ResetCode {
    fn to_u16(self) -> u16 {
        match self {
            ResetCode::Protocol => 1,
            ResetCode::Cancel => 2,
            ResetCode::AppRefused => 3,
            ResetCode::AppTimeout => 4,
            ResetCode::TooLarge => 5,
            ResetCode::Internal => 6,
            ResetCode::Other(n) => n,
        }
    }

    fn from_u16(n: u16) -> Self {
        match n {
            1 => ResetCode::Protocol,
            2 => ResetCode::Cancel,
            3 => ResetCode::AppRefused,
            4 => ResetCode::AppTimeout,
            5 => ResetCode::TooLarge,
            6 => ResetCode::Internal,
            n => ResetCode::Other(n),
        }
    }
}

/// Why the relay ends a connection (sent once, before closing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoAwayCode {
    /// The token is missing or not in the relay's tokens file.
    BadToken,
    /// The channel belongs to another token.
    ChannelTaken,
    /// No protocol version in common.
    Version,
    /// A newer connection claimed the channel.
    Replaced,
    /// The peer sent a malformed, oversized or unexpected frame.
    Protocol,
    /// The relay is shutting down.
    Shutdown,
    /// The token has too many connections open.
    TooManyConnections,
    /// The channel name is not acceptable.
    BadChannel,
    /// A code this build does not know.
    Other(u16),
}

impl GoAwayCode {
    fn to_u16(self) -> u16 {
        match self {
            GoAwayCode::BadToken => 1,
            GoAwayCode::ChannelTaken => 2,
            GoAwayCode::Version => 3,
            GoAwayCode::Replaced => 4,
            GoAwayCode::Protocol => 5,
            GoAwayCode::Shutdown => 6,
            GoAwayCode::TooManyConnections => 7,
            GoAwayCode::BadChannel => 8,
            GoAwayCode::Other(n) => n,
        }
    }

    fn from_u16(n: u16) -> Self {
        match n {
            1 => GoAwayCode::BadToken,
            2 => GoAwayCode::ChannelTaken,
            3 => GoAwayCode::Version,
            4 => GoAwayCode::Replaced,
            5 => GoAwayCode::Protocol,
            6 => GoAwayCode::Shutdown,
            7 => GoAwayCode::TooManyConnections,
            8 => GoAwayCode::BadChannel,
            n => GoAwayCode::Other(n),
        }
    }

    /// Whether reconnecting can help (it cannot after a refusal).
    pub fn is_permanent(self) -> bool {
        matches!(
            self,
            GoAwayCode::BadToken
                | GoAwayCode::ChannelTaken
                | GoAwayCode::Version
                | GoAwayCode::BadChannel
        )
    }
}

/// Header names and values as raw bytes, in order, repeated names kept.
/// Decoded ones are slices of the received frame, not copies.
pub type Headers = Vec<(Bytes, Bytes)>;

/// A value of [`Headers`] handed to hyper's request and response builders
/// as it is, without a copy; an invalid one fails in the builder like any
/// other.
pub struct SharedValue(pub Bytes);

impl TryFrom<SharedValue> for http::HeaderValue {
    type Error = http::header::InvalidHeaderValue;

    fn try_from(value: SharedValue) -> Result<Self, Self::Error> {
        http::HeaderValue::from_maybe_shared(value.0)
    }
}

/// A header map's names and values as [`Headers`], in the map's order:
/// slices of one buffer, rather than an allocation per name and value.
pub fn headers_of(map: &http::HeaderMap) -> Headers {
    let size = map.iter().map(|(n, v)| n.as_str().len() + v.len()).sum();
    let mut buf = BytesMut::with_capacity(size);
    for (name, value) in map {
        buf.extend_from_slice(name.as_str().as_bytes());
        buf.extend_from_slice(value.as_bytes());
    }
    let buf = buf.freeze();
    let mut at = 0;
    let mut next = |n: usize| {
        at += n;
        buf.slice(at - n..at)
    };
    map.iter()
        .map(|(name, value)| (next(name.as_str().len()), next(value.len())))
        .collect()
}

/// One frame of the relay protocol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frame {
    /// Client → relay, first frame: versions it speaks, its token, and the
    /// channel it wants (empty: the relay assigns one).
    Hello {
        versions: Vec<u16>,
        token: String,
        channel: String,
    },
    /// Relay → client: the chosen version, the channel and its public URL.
    Welcome {
        version: u16,
        channel: String,
        public_url: String,
    },
    /// Relay → client: a public request. `queue_id` is non-zero for a
    /// delivery from the offline queue, which the client must `Ack`.
    RequestHead {
        stream: u32,
        queue_id: u64,
        method: Bytes,
        target: Bytes,
        headers: Headers,
    },
    /// Client → relay: the app's response status and headers.
    ResponseHead {
        stream: u32,
        status: u16,
        headers: Headers,
    },
    /// A body chunk of at most [`MAX_CHUNK`] bytes, either direction.
    Data {
        stream: u32,
        data: Bytes,
    },
    /// The sender's body on this stream is complete.
    End {
        stream: u32,
    },
    /// The stream is abandoned, with a reason.
    Reset {
        stream: u32,
        code: ResetCode,
        message: String,
    },
    /// The receiver consumed `increment` more body bytes of this stream.
    WindowUpdate {
        stream: u32,
        increment: u32,
    },
    Ping(u64),
    Pong(u64),
    /// Client → relay: the queued delivery was recorded locally; the relay
    /// may forget it.
    Ack {
        queue_id: u64,
    },
    /// Relay → client: the connection ends, and why.
    GoAway {
        code: GoAwayCode,
        message: String,
    },
}

/// A frame that cannot be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    TooLarge(usize),
    Truncated,
    UnknownType(u8),
    TrailingBytes,
    BadText,
    ChunkTooLarge(usize),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::TooLarge(n) => {
                write!(f, "frame of {n} bytes is larger than {MAX_FRAME}")
            }
            DecodeError::Truncated => f.write_str("frame ends early"),
            DecodeError::UnknownType(t) => write!(f, "unknown frame type 0x{t:02x}"),
            DecodeError::TrailingBytes => f.write_str("frame has bytes after its payload"),
            DecodeError::BadText => f.write_str("frame text field is not UTF-8"),
            DecodeError::ChunkTooLarge(n) => {
                write!(f, "data chunk of {n} bytes is larger than {MAX_CHUNK}")
            }
        }
    }
}

impl std::error::Error for DecodeError {}

mod tag {
    pub const HELLO: u8 = 0x01;
    pub const WELCOME: u8 = 0x02;
    pub const REQUEST_HEAD: u8 = 0x03;
    pub const RESPONSE_HEAD: u8 = 0x04;
    pub const DATA: u8 = 0x05;
    pub const END: u8 = 0x06;
    pub const RESET: u8 = 0x07;
    pub const WINDOW_UPDATE: u8 = 0x08;
    pub const PING: u8 = 0x09;
    pub const PONG: u8 = 0x0a;
    pub const ACK: u8 = 0x0b;
    pub const GOAWAY: u8 = 0x0c;
}

impl Frame {
    /// The stream the frame belongs to (0: the connection).
    pub fn stream(&self) -> u32 {
        match self {
            Frame::RequestHead { stream, .. }
            | Frame::ResponseHead { stream, .. }
            | Frame::Data { stream, .. }
            | Frame::End { stream }
            | Frame::Reset { stream, .. }
            | Frame::WindowUpdate { stream, .. } => *stream,
            _ => 0,
        }
    }

    /// The frame's bytes. Text and header fields longer than 65,535 bytes
    /// are a caller bug: the relay refuses such requests before encoding.
    pub fn encode(&self) -> Bytes {
        let mut b = Vec::with_capacity(match self {
            Frame::Data { data, .. } => data.len() + 5,
            Frame::RequestHead { .. } | Frame::ResponseHead { .. } => 512,
            _ => 64,
        });
        let (t, stream) = (self.tag(), self.stream());
        b.put_u8(t);
        b.put_u32(stream);
        match self {
            Frame::Hello {
                versions,
                token,
                channel,
            } => {
                b.put_u8(versions.len() as u8);
                for v in versions {
                    b.put_u16(*v);
                }
                put16(&mut b, token.as_bytes());
                put16(&mut b, channel.as_bytes());
            }
            Frame::Welcome {
                version,
                channel,
                public_url,
            } => {
                b.put_u16(*version);
                put16(&mut b, channel.as_bytes());
                put16(&mut b, public_url.as_bytes());
            }
            Frame::RequestHead {
                queue_id,
                method,
                target,
                headers,
                ..
            } => {
                b.put_u64(*queue_id);
                put16(&mut b, method);
                put16(&mut b, target);
                put_headers(&mut b, headers);
            }
            Frame::ResponseHead {
                status, headers, ..
            } => {
                b.put_u16(*status);
                put_headers(&mut b, headers);
            }
            Frame::Data { data, .. } => b.put_slice(data),
            Frame::End { .. } => {}
            Frame::Reset { code, message, .. } => {
                b.put_u16(code.to_u16());
                put16(&mut b, message.as_bytes());
            }
            Frame::WindowUpdate { increment, .. } => b.put_u32(*increment),
            Frame::Ping(n) | Frame::Pong(n) => b.put_u64(*n),
            Frame::Ack { queue_id } => b.put_u64(*queue_id),
            Frame::GoAway { code, message } => {
                b.put_u16(code.to_u16());
                put16(&mut b, message.as_bytes());
            }
        }
        Bytes::from(b)
    }

    fn tag(&self) -> u8 {
        match self {
            Frame::Hello { .. } => tag::HELLO,
            Frame::Welcome { .. } => tag::WELCOME,
            Frame::RequestHead { .. } => tag::REQUEST_HEAD,
            Frame::ResponseHead { .. } => tag::RESPONSE_HEAD,
            Frame::Data { .. } => tag::DATA,
            Frame::End { .. } => tag::END,
            Frame::Reset { .. } => tag::RESET,
            Frame::WindowUpdate { .. } => tag::WINDOW_UPDATE,
            Frame::Ping(_) => tag::PING,
            Frame::Pong(_) => tag::PONG,
            Frame::Ack { .. } => tag::ACK,
            Frame::GoAway { .. } => tag::GOAWAY,
        }
    }

    /// Parses one frame; anything malformed is an error, never a panic.
    pub fn decode(frame: Bytes) -> Result<Frame, DecodeError> {
        if frame.len() > MAX_FRAME {
            return Err(DecodeError::TooLarge(frame.len()));
        }
        let mut b = frame;
        let t = get_u8(&mut b)?;
        let stream = get_u32(&mut b)?;
        let f = match t {
            tag::HELLO => {
                let n = get_u8(&mut b)?;
                let versions = (0..n).map(|_| get_u16(&mut b)).collect::<Result<_, _>>()?;
                Frame::Hello {
                    versions,
                    token: get_text(&mut b)?,
                    channel: get_text(&mut b)?,
                }
            }
            tag::WELCOME => Frame::Welcome {
                version: get_u16(&mut b)?,
                channel: get_text(&mut b)?,
                public_url: get_text(&mut b)?,
            },
            tag::REQUEST_HEAD => Frame::RequestHead {
                stream,
                queue_id: get_u64(&mut b)?,
                method: get16(&mut b)?,
                target: get16(&mut b)?,
                headers: get_headers(&mut b)?,
            },
            tag::RESPONSE_HEAD => Frame::ResponseHead {
                stream,
                status: get_u16(&mut b)?,
                headers: get_headers(&mut b)?,
            },
            tag::DATA => {
                if b.len() > MAX_CHUNK {
                    return Err(DecodeError::ChunkTooLarge(b.len()));
                }
                let data = std::mem::take(&mut b);
                Frame::Data { stream, data }
            }
            tag::END => Frame::End { stream },
            tag::RESET => Frame::Reset {
                stream,
                code: ResetCode::from_u16(get_u16(&mut b)?),
                message: get_text(&mut b)?,
            },
            tag::WINDOW_UPDATE => Frame::WindowUpdate {
                stream,
                increment: get_u32(&mut b)?,
            },
            tag::PING => Frame::Ping(get_u64(&mut b)?),
            tag::PONG => Frame::Pong(get_u64(&mut b)?),
            tag::ACK => Frame::Ack {
                queue_id: get_u64(&mut b)?,
            },
            tag::GOAWAY => Frame::GoAway {
                code: GoAwayCode::from_u16(get_u16(&mut b)?),
                message: get_text(&mut b)?,
            },
            other => return Err(DecodeError::UnknownType(other)),
        };
        if b.has_remaining() {
            return Err(DecodeError::TrailingBytes);
        }
        Ok(f)
    }
}

fn put16(b: &mut Vec<u8>, v: &[u8]) {
    debug_assert!(v.len() <= u16::MAX as usize);
    b.put_u16(v.len() as u16);
    b.put_slice(v);
}

fn put_headers(b: &mut Vec<u8>, headers: &Headers) {
    b.put_u16(headers.len() as u16);
    for (name, value) in headers {
        put16(b, name);
        put16(b, value);
    }
}

fn need(b: &Bytes, n: usize) -> Result<(), DecodeError> {
    if b.remaining() < n {
        Err(DecodeError::Truncated)
    } else {
        Ok(())
    }
}

fn get_u8(b: &mut Bytes) -> Result<u8, DecodeError> {
    need(b, 1)?;
    Ok(b.get_u8())
}

fn get_u16(b: &mut Bytes) -> Result<u16, DecodeError> {
    need(b, 2)?;
    Ok(b.get_u16())
}

fn get_u32(b: &mut Bytes) -> Result<u32, DecodeError> {
    need(b, 4)?;
    Ok(b.get_u32())
}

fn get_u64(b: &mut Bytes) -> Result<u64, DecodeError> {
    need(b, 8)?;
    Ok(b.get_u64())
}

fn get16(b: &mut Bytes) -> Result<Bytes, DecodeError> {
    let n = get_u16(b)? as usize;
    need(b, n)?;
    Ok(b.split_to(n))
}

fn get_text(b: &mut Bytes) -> Result<String, DecodeError> {
    String::from_utf8(get16(b)?.to_vec()).map_err(|_| DecodeError::BadText)
}

fn get_headers(b: &mut Bytes) -> Result<Headers, DecodeError> {
    let n = get_u16(b)?;
    (0..n).map(|_| Ok((get16(b)?, get16(b)?))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn data_frame_bytes_are_as_documented() {
        let f = Frame::Data {
            stream: 7,
            data: Bytes::from_static(b"hi"),
        };
        assert_eq!(&f.encode()[..], &[0x05, 0, 0, 0, 7, b'h', b'i']);
    }

    #[test]
    fn request_head_keeps_repeated_headers_in_order() {
        let f = Frame::RequestHead {
            stream: 1,
            queue_id: 0,
            method: Bytes::from_static(b"POST"),
            target: Bytes::from_static(b"/a?b=1&b=2"),
            headers: vec![
                (Bytes::from_static(b"x-a"), Bytes::from_static(b"1")),
                (Bytes::from_static(b"x-a"), Bytes::from_static(b"2")),
            ],
        };
        assert_eq!(Frame::decode(f.encode()).unwrap(), f);
    }

    #[test]
    fn malformed_frames_are_errors() {
        assert_eq!(
            Frame::decode(Bytes::new()).unwrap_err(),
            DecodeError::Truncated
        );
        assert_eq!(
            Frame::decode(Bytes::from_static(&[0x7f, 0, 0, 0, 1])).unwrap_err(),
            DecodeError::UnknownType(0x7f)
        );
        assert_eq!(
            Frame::decode(Bytes::from_static(&[0x06, 0, 0, 0, 1, 9])).unwrap_err(),
            DecodeError::TrailingBytes
        );
        let big = vec![0x05; MAX_FRAME + 1];
        assert!(matches!(
            Frame::decode(Bytes::from(big)),
            Err(DecodeError::TooLarge(_))
        ));
        let chunk = vec![0x05; MAX_CHUNK + 6];
        assert!(matches!(
            Frame::decode(Bytes::from(chunk)),
            Err(DecodeError::ChunkTooLarge(_))
        ));
    }

    fn bytes16() -> impl Strategy<Value = Bytes> {
        proptest::collection::vec(any::<u8>(), 0..64).prop_map(Bytes::from)
    }

    fn headers() -> impl Strategy<Value = Headers> {
        proptest::collection::vec((bytes16(), bytes16()), 0..8)
    }

    fn frame() -> impl Strategy<Value = Frame> {
        prop_oneof![
            (
                proptest::collection::vec(any::<u16>(), 0..4),
                ".{0,20}",
                ".{0,20}"
            )
                .prop_map(|(versions, token, channel)| Frame::Hello {
                    versions,
                    token,
                    channel
                }),
            (any::<u16>(), ".{0,20}", ".{0,40}").prop_map(|(version, channel, public_url)| {
                Frame::Welcome {
                    version,
                    channel,
                    public_url,
                }
            }),
            (any::<u32>(), any::<u64>(), bytes16(), bytes16(), headers()).prop_map(
                |(stream, queue_id, method, target, headers)| {
                    Frame::RequestHead {
                        stream,
                        queue_id,
                        method,
                        target,
                        headers,
                    }
                }
            ),
            (any::<u32>(), any::<u16>(), headers()).prop_map(|(stream, status, headers)| {
                Frame::ResponseHead {
                    stream,
                    status,
                    headers,
                }
            }),
            (
                any::<u32>(),
                proptest::collection::vec(any::<u8>(), 0..2048)
            )
                .prop_map(|(stream, data)| Frame::Data {
                    stream,
                    data: Bytes::from(data)
                }),
            any::<u32>().prop_map(|stream| Frame::End { stream }),
            (any::<u32>(), 1u16..20, ".{0,30}").prop_map(|(stream, code, message)| {
                Frame::Reset {
                    stream,
                    code: ResetCode::from_u16(code),
                    message,
                }
            }),
            (any::<u32>(), any::<u32>())
                .prop_map(|(stream, increment)| Frame::WindowUpdate { stream, increment }),
            any::<u64>().prop_map(Frame::Ping),
            any::<u64>().prop_map(Frame::Pong),
            any::<u64>().prop_map(|queue_id| Frame::Ack { queue_id }),
            (1u16..20, ".{0,30}").prop_map(|(code, message)| Frame::GoAway {
                code: GoAwayCode::from_u16(code),
                message
            }),
        ]
    }

    proptest! {
        #[test]
        fn every_frame_round_trips(f in frame()) {
            prop_assert_eq!(Frame::decode(f.encode()).unwrap(), f);
        }

        #[test]
        fn arbitrary_bytes_never_panic(b in proptest::collection::vec(any::<u8>(), 0..256)) {
            let _ = Frame::decode(Bytes::from(b));
        }
    }
}
