//! A real `redis-server` on a free loopback port, without persistence, for
//! as long as the [`Redis`] lives.

use std::io::{Read as _, Write as _};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// A `redis-server` child; killed on drop.
pub(crate) struct Redis {
    child: Option<Child>,
    port: u16,
    password: Option<String>,
    dir: TempDir,
}

impl Redis {
    /// Starts `redis-server` on a free port and waits until it answers `PING`.
    pub(crate) fn start() -> Self {
        Self::with_password(None)
    }

    /// [`Redis::start`], requiring `password` of clients if given.
    pub(crate) fn with_password(password: Option<&str>) -> Self {
        let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let mut redis = Self {
            child: None,
            port,
            password: password.map(str::to_owned),
            dir: TempDir::new().expect("a temp dir"),
        };
        redis.start_again();
        redis
    }

    /// `redis://127.0.0.1:PORT` (with the password, if any).
    pub(crate) fn url(&self) -> String {
        match &self.password {
            Some(password) => format!("redis://:{password}@127.0.0.1:{}", self.port),
            None => format!("redis://127.0.0.1:{}", self.port),
        }
    }

    /// Kills the server (SIGKILL): its data is gone.
    pub(crate) fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts a stopped server again, empty, on the same port.
    pub(crate) fn start_again(&mut self) {
        assert!(self.child.is_none(), "redis-server is running");
        // The rest of the config on stdin, so a password is not in the process arguments.
        let mut child = Command::new("redis-server")
            .args(["--port", &self.port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no", "-"])
            .current_dir(self.dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server starts");
        let mut config = child.stdin.take().expect("stdin");
        if let Some(password) = &self.password {
            writeln!(config, "requirepass {password}").expect("writes the config");
        }
        drop(config);
        self.child = Some(child);
        self.wait_for_pong();
    }

    /// Stops (SIGSTOP) or resumes (SIGCONT) the server: stopped, it holds
    /// its connections open and answers nothing.
    pub(crate) fn freeze(&self, frozen: bool) {
        let child = self.child.as_ref().expect("redis-server is running");
        let signal = if frozen { "-STOP" } else { "-CONT" };
        let status = Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
    }

    fn wait_for_pong(&self) {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(10) {
            if self.pongs() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("redis-server on port {} did not answer PING", self.port);
    }

    /// Whether the server answers `PING` (`+PONG`, or `-NOAUTH` when it wants a password).
    fn pongs(&self) -> bool {
        let Ok(mut stream) = TcpStream::connect((Ipv4Addr::LOCALHOST, self.port)) else {
            return false;
        };
        let mut answer = [0u8; 7];
        stream.write_all(b"PING\r\n").is_ok()
            && stream.read_exact(&mut answer).is_ok()
            && (&answer == b"+PONG\r\n" || answer.starts_with(b"-NOAUTH"))
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        self.stop();
    }
}
