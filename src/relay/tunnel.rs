//! Tunnelled requests into `hooks listen`'s delivery pipeline: a relayed
//! request is verified, recorded, printed and forwarded exactly like one
//! that reached the local listener, and the app's answer goes back.

use super::client::{Handler, HandlerError, TunnelRequest, TunnelResponse};
use super::protocol::{ResetCode, CLIENT_ADDRESS};
use crate::delivery::pipeline::Pipeline;
use crate::delivery::{Delivery, Source};
use std::future::Future;
use std::sync::Arc;
use std::time::SystemTime;

pub struct PipelineHandler {
    pub pipeline: Arc<Pipeline>,
    pub max_body: u64,
}

impl PipelineHandler {
    async fn run(&self, request: TunnelRequest) -> Result<TunnelResponse, HandlerError> {
        let size = request.body.len() as u64;
        // The caller's address as the relay decided it, taken out of the
        // headers: it is the tunnel's, not the caller's.
        let mut remote = None;
        let headers = request
            .headers
            .into_iter()
            .filter_map(|(n, v)| {
                if n.eq_ignore_ascii_case(CLIENT_ADDRESS.as_bytes()) {
                    remote = Some(String::from_utf8_lossy(&v).into_owned());
                    return None;
                }
                Some((String::from_utf8_lossy(&n).into_owned(), v.to_vec()))
            })
            .collect();
        let oversized = (size > self.max_body).then_some(size);
        let delivery = Delivery {
            method: String::from_utf8_lossy(&request.method).into_owned(),
            path: String::from_utf8_lossy(&request.target).into_owned(),
            headers,
            body: if oversized.is_some() {
                bytes::Bytes::new()
            } else {
                request.body
            },
            received_at: SystemTime::now(),
            source: Source::Relay,
            remote: remote.filter(|r| crate::hop::parse_ip(r.as_bytes()).is_some()),
            forwarding: None,
            oversized,
        };
        let reply = self.pipeline.handle(delivery).await;
        // Refusing the stream instead of answering keeps a queued delivery
        // on the relay, which sends it again.
        if reply.unrecorded {
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
                .map(|(n, v)| (bytes::Bytes::from(n.into_bytes()), bytes::Bytes::from(v)))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, Profile};
    use crate::delivery::forward::Forwarder;
    use crate::delivery::pipeline::Options;
    use crate::delivery::print::{PrintMode, Printer};
    use crate::delivery::store::Store;
    use crate::delivery::verify::Verifier;
    use crate::signing::SchemeConfig;
    use std::time::Duration;

    fn handler(store: &Store) -> PipelineHandler {
        let dir = store.path().parent().unwrap().to_path_buf();
        let config = Config {
            config_path: dir.join("config.toml"),
            profile_name: None,
            profile: Profile::default(),
            data_dir: dir,
        };
        let scheme = SchemeConfig {
            provider: Some("none".into()),
            ..SchemeConfig::default()
        };
        let pipeline = Pipeline::new(
            Verifier::new(&scheme, &config).unwrap(),
            Some(store.writer()),
            Printer {
                format: crate::output::Format::Json,
                mode: PrintMode::Summary,
                masker: crate::delivery::secrets::Masker::default(),
            },
            Forwarder::new(Duration::from_secs(5)),
            Options::default(),
        );
        PipelineHandler {
            pipeline: Arc::new(pipeline),
            max_body: 1 << 20,
        }
    }

    fn request() -> TunnelRequest {
        TunnelRequest {
            method: bytes::Bytes::from_static(b"POST"),
            target: bytes::Bytes::from_static(b"/hooks"),
            headers: vec![],
            body: bytes::Bytes::from_static(b"{}"),
            queued: true,
        }
    }

    /// A queued delivery is acknowledged (answered) once recorded, and reset
    /// (so the relay keeps it) when the store cannot record it.
    #[tokio::test]
    async fn only_recorded_deliveries_are_answered() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&Store::path_in(dir.path()), 100).unwrap();
        let answered = handler(&store).run(request()).await;
        assert_eq!(answered.map(|r| r.status).ok(), Some(200));

        rusqlite::Connection::open(store.path())
            .unwrap()
            .execute_batch("DROP TABLE attempts; DROP TABLE deliveries;")
            .unwrap();
        let Err(err) = handler(&store).run(request()).await else {
            panic!("an unrecorded delivery was answered");
        };
        assert!(matches!(err.code, ResetCode::Internal));
        assert!(
            err.message.contains("could not be recorded"),
            "{}",
            err.message
        );
    }
}
