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
/// Longest `bytes16` or `text16` field, and most headers in one head.
pub const MAX_FIELD: usize = u16::MAX as usize;
/// Longest RESET or GOAWAY message [`Frame::reset`] and [`Frame::go_away`]
/// build.
pub const MAX_MESSAGE: usize = 1024;
/// Bytes of body a sender may have unacknowledged on one stream.
pub const INITIAL_WINDOW: u32 = 256 * 1024;
/// The header the relay adds last to every REQUEST_HEAD: the public
/// caller's address as the relay decided it (`--trusted-proxies`). One a
/// caller sends is dropped at the relay, and the client takes it out before
/// anything reaches the app or the store (docs/relay-protocol.md).
pub const CLIENT_ADDRESS: &str = "hooks-relay-client";
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

/// The bit set in the `queue_id` of a request queued in a cluster's
/// JetStream queue (the rest is its stream sequence, the same on every
/// redelivery); ids of the single-node SQLite queue never have it. A client
/// acknowledges such an id it has acknowledged before without delivering it
/// again.
pub const CLUSTER_QUEUE_BIT: u64 = 1 << 63;

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

/// A part of a frame that has a limit on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// HELLO's version list (a `u8` count).
    Versions,
    Token,
    Channel,
    PublicUrl,
    Method,
    Target,
    /// The number of headers (a `u16` count).
    HeaderCount,
    HeaderName,
    HeaderValue,
    /// A RESET or GOAWAY message.
    Message,
    /// A DATA frame's chunk.
    Data,
    /// The whole frame.
    Frame,
}

impl Field {
    /// The most bytes (items, for the counts) the field may hold.
    pub fn limit(self) -> usize {
        match self {
            Field::Versions => u8::MAX.into(),
            Field::Data => MAX_CHUNK,
            Field::Frame => MAX_FRAME,
            _ => MAX_FIELD,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Field::Versions => "version list",
            Field::Token => "token",
            Field::Channel => "channel name",
            Field::PublicUrl => "public URL",
            Field::Method => "method",
            Field::Target => "path and query",
            Field::HeaderCount => "header list",
            Field::HeaderName => "header name",
            Field::HeaderValue => "header value",
            Field::Message => "message",
            Field::Data => "data chunk",
            Field::Frame => "frame",
        }
    }
}

/// A frame that cannot be encoded: `field` holds `len` bytes (or items),
/// more than its [`Field::limit`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EncodeError {
    pub field: Field,
    pub len: usize,
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match self.field {
            Field::Versions | Field::HeaderCount => "entries",
            _ => "bytes",
        };
        write!(
            f,
            "the {} has {} {unit}, more than the {} the relay protocol carries",
            self.field.name(),
            self.len,
            self.field.limit()
        )
    }
}

impl std::error::Error for EncodeError {}

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

    /// A RESET whose message is cut, at a character boundary, to
    /// [`MAX_MESSAGE`] bytes: messages are for people, and one built from
    /// what a peer sent must still fit its frame.
    pub fn reset(stream: u32, code: ResetCode, message: impl Into<String>) -> Frame {
        Frame::Reset {
            stream,
            code,
            message: cut(message.into()),
        }
    }

    /// A GOAWAY whose message is cut like [`Frame::reset`]'s.
    pub fn go_away(code: GoAwayCode, message: impl Into<String>) -> Frame {
        Frame::GoAway {
            code,
            message: cut(message.into()),
        }
    }

    /// The frame's bytes, or which field does not fit the wire format: a
    /// `bytes16` or `text16` over 65,535 bytes, more than 65,535 headers or
    /// 255 versions, a DATA chunk over [`MAX_CHUNK`], or a whole frame over
    /// [`MAX_FRAME`] (the peer would refuse it). Checked before anything is
    /// written, by length compares only.
    pub fn encode(&self) -> Result<Bytes, EncodeError> {
        let size = self.encoded_len()?;
        let mut b = Vec::with_capacity(size);
        b.put_u8(self.tag());
        b.put_u32(self.stream());
        match self {
            Frame::Hello {
                versions,
                token,
                channel,
            } => {
                b.put_u8(u8::try_from(versions.len()).map_err(|_| EncodeError {
                    field: Field::Versions,
                    len: versions.len(),
                })?);
                for v in versions {
                    b.put_u16(*v);
                }
                put16(&mut b, Field::Token, token.as_bytes())?;
                put16(&mut b, Field::Channel, channel.as_bytes())?;
            }
            Frame::Welcome {
                version,
                channel,
                public_url,
            } => {
                b.put_u16(*version);
                put16(&mut b, Field::Channel, channel.as_bytes())?;
                put16(&mut b, Field::PublicUrl, public_url.as_bytes())?;
            }
            Frame::RequestHead {
                queue_id,
                method,
                target,
                headers,
                ..
            } => {
                b.put_u64(*queue_id);
                put16(&mut b, Field::Method, method)?;
                put16(&mut b, Field::Target, target)?;
                put_headers(&mut b, headers)?;
            }
            Frame::ResponseHead {
                status, headers, ..
            } => {
                b.put_u16(*status);
                put_headers(&mut b, headers)?;
            }
            Frame::Data { data, .. } => b.put_slice(data),
            Frame::End { .. } => {}
            Frame::Reset { code, message, .. } => {
                b.put_u16(code.to_u16());
                put16(&mut b, Field::Message, message.as_bytes())?;
            }
            Frame::WindowUpdate { increment, .. } => b.put_u32(*increment),
            Frame::Ping(n) | Frame::Pong(n) => b.put_u64(*n),
            Frame::Ack { queue_id } => b.put_u64(*queue_id),
            Frame::GoAway { code, message } => {
                b.put_u16(code.to_u16());
                put16(&mut b, Field::Message, message.as_bytes())?;
            }
        }
        debug_assert_eq!(b.len(), size);
        Ok(Bytes::from(b))
    }

    /// The length of the frame's encoding, once every field is checked to
    /// fit (see [`Frame::encode`]).
    pub fn encoded_len(&self) -> Result<usize, EncodeError> {
        let payload = match self {
            Frame::Hello {
                versions,
                token,
                channel,
            } => {
                fits(Field::Versions, versions.len())?;
                1 + 2 * versions.len()
                    + len16(Field::Token, token.len())?
                    + len16(Field::Channel, channel.len())?
            }
            Frame::Welcome {
                channel,
                public_url,
                ..
            } => {
                2 + len16(Field::Channel, channel.len())?
                    + len16(Field::PublicUrl, public_url.len())?
            }
            Frame::RequestHead {
                method,
                target,
                headers,
                ..
            } => return request_head_len(method, target, headers),
            Frame::ResponseHead { headers, .. } => 2 + headers_len(headers)?,
            Frame::Data { data, .. } => fits(Field::Data, data.len())?,
            Frame::End { .. } => 0,
            Frame::Reset { message, .. } | Frame::GoAway { message, .. } => {
                2 + len16(Field::Message, message.len())?
            }
            Frame::WindowUpdate { .. } => 4,
            Frame::Ping(_) | Frame::Pong(_) | Frame::Ack { .. } => 8,
        };
        fits(Field::Frame, HEADER_LEN + payload)
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

/// The length of a REQUEST_HEAD with these fields on the wire, once each
/// fits: what the relay checks a public request against (431) before it
/// opens a stream or queues anything, so that a request it accepts can
/// always be sent.
pub fn request_head_len(
    method: &[u8],
    target: &[u8],
    headers: &Headers,
) -> Result<usize, EncodeError> {
    let payload = 8
        + len16(Field::Method, method.len())?
        + len16(Field::Target, target.len())?
        + headers_len(headers)?;
    fits(Field::Frame, HEADER_LEN + payload)
}

/// Bytes of the type and stream id that start every frame.
const HEADER_LEN: usize = 5;

/// `len` if it is within `field`'s limit.
fn fits(field: Field, len: usize) -> Result<usize, EncodeError> {
    if len <= field.limit() {
        Ok(len)
    } else {
        Err(EncodeError { field, len })
    }
}

/// The wire length of a `bytes16` of `len` bytes.
fn len16(field: Field, len: usize) -> Result<usize, EncodeError> {
    Ok(2 + fits(field, len)?)
}

fn headers_len(headers: &Headers) -> Result<usize, EncodeError> {
    fits(Field::HeaderCount, headers.len())?;
    headers.iter().try_fold(2, |sum, (name, value)| {
        Ok(sum + len16(Field::HeaderName, name.len())? + len16(Field::HeaderValue, value.len())?)
    })
}

fn put16(b: &mut Vec<u8>, field: Field, v: &[u8]) -> Result<(), EncodeError> {
    let len = u16::try_from(v.len()).map_err(|_| EncodeError {
        field,
        len: v.len(),
    })?;
    b.put_u16(len);
    b.put_slice(v);
    Ok(())
}

fn put_headers(b: &mut Vec<u8>, headers: &Headers) -> Result<(), EncodeError> {
    let count = u16::try_from(headers.len()).map_err(|_| EncodeError {
        field: Field::HeaderCount,
        len: headers.len(),
    })?;
    b.put_u16(count);
    for (name, value) in headers {
        put16(b, Field::HeaderName, name)?;
        put16(b, Field::HeaderValue, value)?;
    }
    Ok(())
}

/// `message` cut to at most [`MAX_MESSAGE`] bytes, at a character boundary.
fn cut(mut message: String) -> String {
    if message.len() > MAX_MESSAGE {
        let mut at = MAX_MESSAGE;
        while !message.is_char_boundary(at) {
            at -= 1;
        }
        message.truncate(at);
    }
    message
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
    let n = usize::from(get_u16(b)?);
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
        assert_eq!(&f.encode().unwrap()[..], &[0x05, 0, 0, 0, 7, b'h', b'i']);
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
        assert_eq!(Frame::decode(f.encode().unwrap()).unwrap(), f);
    }

    fn head_with_value(len: usize) -> Frame {
        Frame::RequestHead {
            stream: 1,
            queue_id: 0,
            method: Bytes::from_static(b"POST"),
            target: Bytes::from_static(b"/"),
            headers: vec![(Bytes::from_static(b"x-big"), Bytes::from(vec![b'a'; len]))],
        }
    }

    /// The length that used to wrap in its 16-bit field (issue 14) is
    /// refused by name, one byte past the limit; the limit itself fits.
    #[test]
    fn over_long_fields_are_refused_by_name() {
        assert_eq!(
            head_with_value(70_000).encode(),
            Err(EncodeError {
                field: Field::HeaderValue,
                len: 70_000
            })
        );
        let at_limit = head_with_value(MAX_FIELD);
        assert_eq!(Frame::decode(at_limit.encode().unwrap()).unwrap(), at_limit);
        assert_eq!(
            head_with_value(MAX_FIELD + 1).encode().unwrap_err().field,
            Field::HeaderValue
        );
        let Frame::RequestHead { headers, .. } = head_with_value(MAX_FIELD) else {
            unreachable!()
        };
        let two = Frame::ResponseHead {
            stream: 1,
            status: 200,
            headers: [headers.clone(), headers].concat(),
        };
        assert_eq!(two.encode().unwrap_err().field, Field::Frame);
        let hello = Frame::Hello {
            versions: vec![1; 256],
            token: String::new(),
            channel: String::new(),
        };
        assert_eq!(
            hello.encode(),
            Err(EncodeError {
                field: Field::Versions,
                len: 256
            })
        );
        let chunk = Frame::Data {
            stream: 1,
            data: Bytes::from(vec![0; MAX_CHUNK + 1]),
        };
        assert_eq!(chunk.encode().unwrap_err().field, Field::Data);
        let text = head_with_value(70_000).encode().unwrap_err().to_string();
        assert_eq!(
            text,
            "the header value has 70000 bytes, more than the 65535 the relay protocol carries"
        );
    }

    #[test]
    fn built_messages_are_cut_to_fit() {
        let long = "é".repeat(MAX_FIELD);
        let Frame::Reset { message, .. } = Frame::reset(1, ResetCode::Internal, long.clone())
        else {
            unreachable!()
        };
        assert!(message.len() <= MAX_MESSAGE && long.starts_with(&message));
        let goaway = Frame::go_away(GoAwayCode::Protocol, long);
        assert!(goaway.encode().is_ok());
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

    /// A length: mostly short, sometimes on either side of the 65,535 a
    /// `bytes16` holds.
    fn length() -> impl Strategy<Value = usize> {
        prop_oneof![
            12 => 0usize..48,
            1 => (MAX_FIELD - 8)..(MAX_FIELD + 8),
            1 => 66_000usize..82_000,
        ]
    }

    /// Bytes of a [`length`]: random when short, one repeated byte when long
    /// (the content of a long field does not matter, its length does).
    fn bytes16() -> impl Strategy<Value = Bytes> {
        length().prop_flat_map(|n| {
            if n < 64 {
                proptest::collection::vec(any::<u8>(), n)
                    .prop_map(Bytes::from)
                    .boxed()
            } else {
                any::<u8>()
                    .prop_map(move |b| Bytes::from(vec![b; n]))
                    .boxed()
            }
        })
    }

    /// Text of a [`length`] (in characters).
    fn text16() -> impl Strategy<Value = String> {
        length().prop_flat_map(|n| {
            if n < 64 {
                proptest::collection::vec(any::<char>(), n)
                    .prop_map(|c| c.into_iter().collect())
                    .boxed()
            } else {
                any::<char>()
                    .prop_map(move |c| c.to_string().repeat(n))
                    .boxed()
            }
        })
    }

    fn headers() -> impl Strategy<Value = Headers> {
        prop_oneof![
            20 => proptest::collection::vec((bytes16(), bytes16()), 0..8),
            1 => ((MAX_FIELD - 2)..(MAX_FIELD + 3))
                .prop_map(|n| vec![(Bytes::new(), Bytes::new()); n]),
        ]
    }

    fn frame() -> impl Strategy<Value = Frame> {
        prop_oneof![
            (
                prop_oneof![
                    8 => proptest::collection::vec(any::<u16>(), 0..4),
                    1 => proptest::collection::vec(any::<u16>(), 250..260),
                ],
                text16(),
                text16()
            )
                .prop_map(|(versions, token, channel)| Frame::Hello {
                    versions,
                    token,
                    channel
                }),
            (any::<u16>(), text16(), text16()).prop_map(|(version, channel, public_url)| {
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
                prop_oneof![0usize..2048, (MAX_CHUNK - 4)..(MAX_CHUNK + 4)],
                any::<u8>()
            )
                .prop_map(|(stream, n, b)| Frame::Data {
                    stream,
                    data: Bytes::from(vec![b; n])
                }),
            any::<u32>().prop_map(|stream| Frame::End { stream }),
            (any::<u32>(), 1u16..20, text16()).prop_map(|(stream, code, message)| {
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
            (1u16..20, text16()).prop_map(|(code, message)| Frame::GoAway {
                code: GoAwayCode::from_u16(code),
                message
            }),
        ]
    }

    /// A frame that fits the wire, whatever its fields.
    fn valid_frame() -> impl Strategy<Value = (Frame, Bytes)> {
        frame().prop_filter_map("does not fit a frame", |f| {
            let bytes = f.encode().ok()?;
            Some((f, bytes))
        })
    }

    /// A field's limit as docs/relay-protocol.md gives it.
    fn documented_limit(field: Field) -> usize {
        match field {
            Field::Versions => 255,
            Field::Data => 65_536,
            Field::Frame => 81_920,
            _ => 65_535,
        }
    }

    /// Every limited field of `f` with its length, and the frame's length
    /// on the wire, worked out from docs/relay-protocol.md rather than from
    /// the encoder.
    fn model(f: &Frame) -> (Vec<(Field, usize)>, usize) {
        let mut fields = Vec::new();
        let mut text = |field, len: usize| {
            fields.push((field, len));
            2 + len
        };
        let headers_of = |text: &mut dyn FnMut(Field, usize) -> usize, h: &Headers| {
            2 + h
                .iter()
                .map(|(n, v)| text(Field::HeaderName, n.len()) + text(Field::HeaderValue, v.len()))
                .sum::<usize>()
        };
        let payload = match f {
            Frame::Hello {
                versions,
                token,
                channel,
            } => {
                1 + 2 * versions.len()
                    + text(Field::Token, token.len())
                    + text(Field::Channel, channel.len())
            }
            Frame::Welcome {
                channel,
                public_url,
                ..
            } => 2 + text(Field::Channel, channel.len()) + text(Field::PublicUrl, public_url.len()),
            Frame::RequestHead {
                method,
                target,
                headers,
                ..
            } => {
                8 + text(Field::Method, method.len())
                    + text(Field::Target, target.len())
                    + headers_of(&mut text, headers)
            }
            Frame::ResponseHead { headers, .. } => 2 + headers_of(&mut text, headers),
            Frame::Data { data, .. } => data.len(),
            Frame::End { .. } => 0,
            Frame::Reset { message, .. } | Frame::GoAway { message, .. } => {
                2 + text(Field::Message, message.len())
            }
            Frame::WindowUpdate { .. } => 4,
            Frame::Ping(_) | Frame::Pong(_) | Frame::Ack { .. } => 8,
        };
        match f {
            Frame::Hello { versions, .. } => fields.push((Field::Versions, versions.len())),
            Frame::RequestHead { headers, .. } | Frame::ResponseHead { headers, .. } => {
                fields.push((Field::HeaderCount, headers.len()))
            }
            Frame::Data { data, .. } => fields.push((Field::Data, data.len())),
            _ => {}
        }
        (fields, 5 + payload)
    }

    /// Encoded bytes with some bytes overwritten, cut short or extended:
    /// mostly almost-valid frames, which reach deeper into the decoder than
    /// random bytes do.
    fn mangled() -> impl Strategy<Value = Vec<u8>> {
        (
            valid_frame(),
            proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
            any::<prop::sample::Index>(),
            proptest::collection::vec(any::<u8>(), 0..4),
        )
            .prop_map(|((_, bytes), edits, cut, tail)| {
                let mut b = bytes.to_vec();
                for (at, byte) in edits {
                    let i = at.index(b.len());
                    b[i] = byte;
                }
                b.truncate(cut.index(b.len() + 1));
                b.extend(tail);
                b
            })
    }

    fn garbage() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..512),
            mangled(),
            (0usize..(MAX_FRAME + 2)).prop_map(|n| vec![0x03; n]),
        ]
    }

    /// Checks that decoding `b` does not panic, and that a frame it decodes
    /// encodes back to the same bytes (the stream id of a connection frame
    /// aside: it is always written as 0).
    fn decodes_canonically(b: &[u8]) -> Result<(), TestCaseError> {
        if let Ok(f) = Frame::decode(Bytes::copy_from_slice(b)) {
            let again = f.encode().expect("a decoded frame encodes");
            prop_assert_eq!(&again[..1], &b[..1]);
            if f.stream() != 0 || b[1..5] == [0; 4] {
                prop_assert_eq!(&again[..], b);
            } else {
                prop_assert_eq!(&again[5..], &b[5..]);
            }
        }
        Ok(())
    }

    // Thousands of cases in every test run; PROPTEST_CASES sets more for a
    // long run (bench/fuzz_codec.sh).
    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// A frame either round-trips exactly, in at most MAX_FRAME bytes,
        /// or is refused naming a field that is over its limit, and it is
        /// refused exactly when one is.
        #[test]
        fn frames_round_trip_or_name_their_overlong_field(f in frame()) {
            let (fields, len) = model(&f);
            let over: Vec<_> = fields
                .iter()
                .filter(|(field, n)| *n > documented_limit(*field))
                .collect();
            match f.encode() {
                Ok(bytes) => {
                    prop_assert!(over.is_empty(), "encoded although {over:?}");
                    prop_assert!(len <= documented_limit(Field::Frame));
                    prop_assert_eq!(bytes.len(), len);
                    prop_assert_eq!(f.encoded_len(), Ok(len));
                    prop_assert_eq!(Frame::decode(bytes).unwrap(), f);
                }
                Err(e) => {
                    prop_assert_eq!(e.field.limit(), documented_limit(e.field));
                    if e.field == Field::Frame {
                        prop_assert!(over.is_empty() && len > e.field.limit() && e.len == len);
                    } else {
                        prop_assert!(over.contains(&&(e.field, e.len)), "{e:?} not in {over:?}");
                    }
                }
            }
        }

        #[test]
        fn arbitrary_bytes_never_panic_the_decoder(b in garbage()) {
            decodes_canonically(&b)?;
        }

        /// Every websocket message is one frame: garbage between valid
        /// frames (refused or not) never changes how the valid ones decode.
        #[test]
        fn garbage_between_frames_does_not_desynchronise(
            frames in proptest::collection::vec(valid_frame(), 1..8),
            junk in proptest::collection::vec(garbage(), 0..8),
            order in proptest::collection::vec(any::<bool>(), 16),
        ) {
            let (mut frames, mut junk) = (frames.into_iter(), junk.into_iter());
            let mut expected = Vec::new();
            let mut wire: Vec<(Bytes, bool)> = Vec::new();
            for take_frame in order {
                let next = if take_frame { frames.next().map(|f| (f, true)) } else { None };
                match next {
                    Some(((f, bytes), _)) => {
                        expected.push(f);
                        wire.push((bytes, true));
                    }
                    None => {
                        if let Some(j) = junk.next() {
                            wire.push((Bytes::from(j), false));
                        }
                    }
                }
            }
            for (f, bytes) in frames {
                expected.push(f);
                wire.push((bytes, true));
            }
            let mut decoded = Vec::new();
            for (message, valid) in wire {
                let result = Frame::decode(message);
                if valid {
                    decoded.push(result.unwrap());
                }
            }
            prop_assert_eq!(decoded, expected);
        }
    }
}
