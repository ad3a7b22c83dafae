//! `rclone serve webdav` on 127.0.0.1 with a user and password (`desa`/`rahasia`), serving a
//! folder of the test: the WebDAV server offices meet, for the backup copies and the sync
//! rounds. Port 0 takes a free port; the server stops when the value is dropped.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

pub struct Dav {
    child: Child,
    pub port: u16,
}

impl Dav {
    pub fn start(dir: &Path, port: u16) -> Dav {
        let mut child = Command::new("rclone")
            .args(["serve", "webdav"])
            .arg(dir)
            .args([
                "--addr",
                &format!("127.0.0.1:{port}"),
                "--user",
                "desa",
                "--pass",
                "rahasia",
            ])
            .env("RCLONE_CONFIG", "/dev/null")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("rclone (./dev test installs it)");
        let mut reader = BufReader::new(child.stderr.take().expect("stderr"));
        let mut line = String::new();
        let port = loop {
            line.clear();
            assert!(
                reader.read_line(&mut line).expect("log") > 0,
                "rclone exited"
            );
            if let Some(rest) = line.split("started on http://127.0.0.1:").nth(1) {
                break rest.trim().trim_end_matches('/').parse().expect("port");
            }
        };
        // Keep draining its log so it never blocks on a full pipe.
        std::thread::spawn(move || for _ in reader.lines() {});
        Dav { child, port }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/cadangan-desa", self.port)
    }
}

impl Drop for Dav {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
