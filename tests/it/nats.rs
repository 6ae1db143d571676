//! A real `nats-server` with JetStream for the cluster tests, on free
//! 127.0.0.1 ports with its own store directory: one server, or a cluster
//! of three. Each can be killed (-9) and started again on the same port and
//! store.
//!
//! A port is free when it is picked, not always when the server binds it
//! (another test's server or connection may take it in between): each
//! server has a unique name, and it counts as started only once the server
//! answering on its port says that name. One that could not bind is started
//! again on other ports.

use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// One `nats-server -js`, killed on drop.
pub(crate) struct Nats {
    child: Option<Child>,
    pub(crate) port: u16,
    pub(crate) url: String,
    name: String,
    args: Vec<String>,
    _store: tempfile::TempDir,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A server name no other test's server has.
fn unique_name() -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!(
        "hooks-test-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// The `server_name` of the NATS server answering on `port`, from the INFO
/// line it sends first.
fn server_name_on(port: u16) -> Option<String> {
    use std::io::BufRead;
    let stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(1))).ok()?;
    let mut line = String::new();
    std::io::BufReader::new(stream).read_line(&mut line).ok()?;
    let info: serde_json::Value = serde_json::from_str(line.strip_prefix("INFO ")?).ok()?;
    Some(info["server_name"].as_str()?.to_string())
}

/// Tries `start` (which starts servers on fresh ports) until all of its
/// servers are ours, a few times.
fn on_free_ports<T>(mut start: impl FnMut() -> Option<T>) -> T {
    for _ in 0..5 {
        if let Some(started) = start() {
            return started;
        }
    }
    panic!("nats-server found no free port in 5 tries")
}

impl Nats {
    /// A single server.
    pub(crate) fn start() -> Nats {
        on_free_ports(|| Nats::with(free_port(), Vec::new()))
    }

    /// Three servers in one NATS cluster (JetStream replicated over them).
    pub(crate) fn cluster() -> Vec<Nats> {
        on_free_ports(|| {
            let ports: Vec<(u16, u16)> = (0..3).map(|_| (free_port(), free_port())).collect();
            let routes = ports
                .iter()
                .map(|(_, c)| format!("nats://127.0.0.1:{c}"))
                .collect::<Vec<_>>()
                .join(",");
            ports
                .iter()
                .map(|(port, cluster_port)| {
                    Nats::with(
                        *port,
                        vec![
                            "--cluster_name".into(),
                            "hooks".into(),
                            "--cluster".into(),
                            format!("nats://127.0.0.1:{cluster_port}"),
                            "--routes".into(),
                            routes.clone(),
                        ],
                    )
                })
                .collect()
        })
    }

    /// A server on `port`, or `None` when it could not bind it.
    fn with(port: u16, args: Vec<String>) -> Option<Nats> {
        let mut nats = Nats {
            child: None,
            port,
            url: format!("nats://127.0.0.1:{port}"),
            name: unique_name(),
            args,
            _store: tempfile::tempdir().unwrap(),
        };
        nats.spawn().then_some(nats)
    }

    /// Starts the server (again) on its port and store, and waits (bounded)
    /// until it listens.
    pub(crate) fn restart(&mut self) {
        assert!(
            self.spawn(),
            "nats-server {} could not listen on port {} again",
            self.name,
            self.port
        );
    }

    /// Starts the server and waits (bounded) until it answers on its port:
    /// `false` when it exited first (the port was taken).
    fn spawn(&mut self) -> bool {
        let mut child = Command::new("nats-server")
            .args([
                "-js",
                "-a",
                "127.0.0.1",
                "-p",
                &self.port.to_string(),
                "-n",
                &self.name,
                "-sd",
            ])
            .arg(self._store.path())
            .args(&self.args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("nats-server did not start ({e}): install it: apt-get install nats-server")
            });
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if child.try_wait().unwrap().is_some() {
                return false;
            }
            if server_name_on(self.port).as_deref() == Some(self.name.as_str()) {
                self.child = Some(child);
                return true;
            }
            assert!(Instant::now() < deadline, "nats-server did not listen");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Sends the server a signal (`STOP` to freeze it, `CONT` to go on).
    /// After `STOP` it waits (bounded) until the server is stopped: a
    /// process busy on another core takes the signal a moment later, and
    /// may answer a request meanwhile.
    pub(crate) fn signal(&self, signal: &str) {
        let child = self.child.as_ref().expect("the server runs");
        let sent = Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success(), "kill -{signal}");
        if signal == "STOP" {
            let stat = format!("/proc/{}/stat", child.id());
            let deadline = Instant::now() + Duration::from_secs(5);
            // The state is the field after the command name in parentheses.
            while std::fs::read_to_string(&stat)
                .ok()
                .and_then(|s| s.rsplit(") ").next().map(|rest| rest.starts_with('T')))
                != Some(true)
            {
                assert!(Instant::now() < deadline, "nats-server did not stop");
                std::thread::sleep(Duration::from_millis(5));
            }
        }
    }

    /// Kills the server (SIGKILL).
    pub(crate) fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Nats {
    fn drop(&mut self) {
        self.kill();
    }
}
