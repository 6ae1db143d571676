//! Tunnelled requests into `hooks listen`'s delivery pipeline: a relayed
//! request is verified, recorded, printed and forwarded exactly like one
//! that reached the local listener, and the app's answer goes back.

use super::client::{Handler, HandlerError, TunnelRequest, TunnelResponse};
use super::protocol::ResetCode;
use crate::delivery::pipeline::Pipeline;
use crate::delivery::{Delivery, Source};
use std::future::Future;
use std::sync::Arc;
use std::time::SystemTime;

/// The body of the pipeline's 503 when it could not record a delivery.
/// Such a queued delivery must not be acknowledged to the relay.
const UNRECORDED: &[u8] = b"hooks: the delivery could not be recorded";

pub struct PipelineHandler {
    pub pipeline: Arc<Pipeline>,
    pub max_body: u64,
}

impl PipelineHandler {
    async fn run(&self, request: TunnelRequest) -> Result<TunnelResponse, HandlerError> {
        let size = request.body.len() as u64;
        let oversized = (size > self.max_body).then_some(size);
        let delivery = Delivery {
            method: String::from_utf8_lossy(&request.method).into_owned(),
            path: String::from_utf8_lossy(&request.target).into_owned(),
            headers: request
                .headers
                .into_iter()
                .map(|(n, v)| (String::from_utf8_lossy(&n).into_owned(), v))
                .collect(),
            body: if oversized.is_some() {
                bytes::Bytes::new()
            } else {
                request.body
            },
            received_at: SystemTime::now(),
            source: Source::Relay,
            remote: None,
            oversized,
        };
        let reply = self.pipeline.handle(delivery).await;
        if reply.status == 503 && reply.body.starts_with(UNRECORDED) {
            return Err(HandlerError {
                code: ResetCode::Internal,
                message: String::from_utf8_lossy(&reply.body).trim().to_string(),
            });
        }
        Ok(TunnelResponse {
            status: reply.status,
            headers: reply
                .headers
                .into_iter()
                .map(|(n, v)| (n.into_bytes(), v))
                .collect(),
            body: reply.body,
        })
    }
}

impl Handler for PipelineHandler {
    fn handle(
        &self,
        request: TunnelRequest,
    ) -> impl Future<Output = Result<TunnelResponse, HandlerError>> + Send {
        self.run(request)
    }
}
