//! Helpers shared by the integration tests: an isolated environment for the
//! binary, and a real HTTP receiver on 127.0.0.1:0 that records requests.
#![allow(dead_code)]

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::service::service_fn;
use hyper::{Request, Response};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// An isolated home for one test: its own data dir and config path, and no
/// HOOKS_* variables leaking in from the developer's shell.
pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
        let env = Env {
            dir: tempfile::tempdir().expect("a temp dir"),
        };
        env.write_config("");
        env
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn config_path(&self) -> PathBuf {
        self.dir.path().join("config.toml")
    }

    pub fn write_config(&self, text: &str) {
        std::fs::write(self.config_path(), text).unwrap();
    }

    /// The real binary, with this environment.
    pub fn hooks(&self) -> assert_cmd::Command {
        let mut cmd = assert_cmd::Command::cargo_bin("hooks").unwrap();
        for (k, _) in std::env::vars() {
            if k.starts_with("HOOKS_") {
                cmd.env_remove(k);
            }
        }
        cmd.env("HOOKS_DATA_DIR", self.data_dir())
            .env("HOOKS_CONFIG", self.config_path())
            .env("NO_COLOR", "1")
            .env_remove("CLICOLOR_FORCE")
            .current_dir(self.dir.path())
            .timeout(Duration::from_secs(60));
        cmd
    }

    /// The same, as a std Command (for processes that run in the background).
    pub fn hooks_std(&self) -> std::process::Command {
        self.command(assert_cmd::cargo::cargo_bin("hooks"))
    }

    /// Any program, with this environment (e.g. a shell that starts hooks).
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> std::process::Command {
        let mut cmd = std::process::Command::new(program);
        for (k, _) in std::env::vars() {
            if k.starts_with("HOOKS_") {
                cmd.env_remove(k);
            }
        }
        cmd.env("HOOKS_DATA_DIR", self.data_dir())
            .env("HOOKS_CONFIG", self.config_path())
            .env("NO_COLOR", "1")
            .env_remove("CLICOLOR_FORCE")
            .current_dir(self.dir.path());
        cmd
    }
}

/// One request as the receiver saw it.
#[derive(Debug, Clone)]
pub struct Received {
    pub method: String,
    pub path_and_query: String,
    pub headers: http::HeaderMap,
    pub body: Vec<u8>,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("the body is JSON")
    }
}

/// What the receiver answers: a status (and body) chosen per request by a
/// function of the request's index (0-based).
pub type Answerer = Arc<dyn Fn(usize) -> (u16, Vec<u8>) + Send + Sync>;

/// A real HTTP/1.1 server on 127.0.0.1:0 in a background thread.
pub struct Receiver {
    pub addr: SocketAddr,
    pub requests: Arc<Mutex<Vec<Received>>>,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

impl Receiver {
    /// Answers every request with 200 and `{"ok":true}`.
    pub fn start() -> Receiver {
        Receiver::with(Arc::new(|_| (200, b"{\"ok\":true}".to_vec())))
    }

    /// Answers every request with `status`.
    pub fn status(status: u16) -> Receiver {
        Receiver::with(Arc::new(move |_| {
            (status, format!("status {status}").into_bytes())
        }))
    }

    pub fn with(answer: Answerer) -> Receiver {
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let (addr_tx, addr_rx) = std::sync::mpsc::channel();
        let recorded = requests.clone();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                addr_tx.send(listener.local_addr().unwrap()).unwrap();
                let accept = async {
                    loop {
                        let Ok((stream, _)) = listener.accept().await else {
                            continue;
                        };
                        let recorded = recorded.clone();
                        let answer = answer.clone();
                        tokio::spawn(async move {
                            let service = service_fn(move |req: Request<Incoming>| {
                                let recorded = recorded.clone();
                                let answer = answer.clone();
                                async move {
                                    let (parts, body) = req.into_parts();
                                    let body = body
                                        .collect()
                                        .await
                                        .map(|b| b.to_bytes())
                                        .unwrap_or_default();
                                    let index = {
                                        let mut r = recorded.lock().unwrap();
                                        r.push(Received {
                                            method: parts.method.to_string(),
                                            path_and_query: parts
                                                .uri
                                                .path_and_query()
                                                .map(|p| p.to_string())
                                                .unwrap_or_default(),
                                            headers: parts.headers,
                                            body: body.to_vec(),
                                        });
                                        r.len() - 1
                                    };
                                    let (status, body) = answer(index);
                                    Ok::<_, std::convert::Infallible>(
                                        Response::builder()
                                            .status(status)
                                            .header("content-type", "application/json")
                                            .body(Full::new(Bytes::from(body)))
                                            .unwrap(),
                                    )
                                }
                            });
                            let _ = hyper::server::conn::http1::Builder::new()
                                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                                .await;
                        });
                    }
                };
                tokio::select! {
                    _ = accept => {}
                    _ = rx => {}
                }
            });
        });
        let addr = addr_rx.recv_timeout(Duration::from_secs(10)).unwrap();
        Receiver {
            addr,
            requests,
            _shutdown: tx,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub fn received(&self) -> Vec<Received> {
        self.requests.lock().unwrap().clone()
    }

    /// Waits (bounded) until at least `n` requests arrived.
    pub fn wait_for(&self, n: usize, within: Duration) -> Vec<Received> {
        let deadline = std::time::Instant::now() + within;
        loop {
            let got = self.received();
            if got.len() >= n || std::time::Instant::now() > deadline {
                return got;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

/// A port on 127.0.0.1 with nothing listening (bound, then released).
pub fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

/// A size from a process's `/proc/PID/status` (`VmRSS`, `VmHWM`, …) in
/// bytes; none when the process or the field is gone.
pub fn status_bytes(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map(|kib| kib * 1024)
}
