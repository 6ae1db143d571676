//! A real `nats-server` with JetStream for the cluster tests, on free
//! 127.0.0.1 ports with its own store directory: one server, or a cluster
//! of three. Each can be killed (-9) and started again on the same port and
//! store.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// One `nats-server -js`, killed on drop.
pub(crate) struct Nats {
    child: Option<Child>,
    pub(crate) port: u16,
    pub(crate) url: String,
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

impl Nats {
    /// A single server.
    pub(crate) fn start() -> Nats {
        Nats::with(free_port(), Vec::new())
    }

    /// Three servers in one NATS cluster (JetStream replicated over them).
    pub(crate) fn cluster() -> Vec<Nats> {
        let ports: Vec<(u16, u16)> = (0..3).map(|_| (free_port(), free_port())).collect();
        let routes = ports
            .iter()
            .map(|(_, c)| format!("nats://127.0.0.1:{c}"))
            .collect::<Vec<_>>()
            .join(",");
        let servers: Vec<Nats> = ports
            .iter()
            .enumerate()
            .map(|(i, (port, cluster_port))| {
                Nats::with(
                    *port,
                    vec![
                        "-n".into(),
                        format!("hooks-nats-{i}"),
                        "--cluster_name".into(),
                        "hooks".into(),
                        "--cluster".into(),
                        format!("nats://127.0.0.1:{cluster_port}"),
                        "--routes".into(),
                        routes.clone(),
                    ],
                )
            })
            .collect();
        servers
    }

    fn with(port: u16, args: Vec<String>) -> Nats {
        let mut nats = Nats {
            child: None,
            port,
            url: format!("nats://127.0.0.1:{port}"),
            args,
            _store: tempfile::tempdir().unwrap(),
        };
        nats.restart();
        nats
    }

    /// Starts the server (again) on its port and store, and waits (bounded)
    /// until it listens.
    pub(crate) fn restart(&mut self) {
        let child = Command::new("nats-server")
            .args([
                "-js",
                "-a",
                "127.0.0.1",
                "-p",
                &self.port.to_string(),
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
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < deadline, "nats-server did not listen");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Sends the server a signal (`STOP` to freeze it, `CONT` to go on).
    pub(crate) fn signal(&self, signal: &str) {
        let child = self.child.as_ref().expect("the server runs");
        let sent = Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success(), "kill -{signal}");
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
