//! Start-up probes, from outside the app: what a person sees (frames of the
//! X screen, grabbed every few milliseconds) and what the app costs (PSS from
//! `/proc/PID/smaps_rollup`, summed over the app and its WebKit processes).

use std::time::{Duration, Instant};

use x11rb::connection::Connection;
use x11rb::protocol::xproto::{ConnectionExt, ImageFormat};
use x11rb::rust_connection::RustConnection;

/// Every `SAMPLE`-th pixel of every `SAMPLE`-th row is kept.
const SAMPLE: usize = 4;

/// Frames differing in at most this share of sampled pixels look the same:
/// a blinking caret and GTK's overlay scrollbar fading in and out (about
/// 0.3 % together) are below it; a view change (the demo keys alone are 13 %
/// of the screen) is far above it.
const SAME: f64 = 0.01;

/// The X screen of a display.
pub struct Screen {
    conn: RustConnection,
    root: u32,
    width: u16,
    height: u16,
}

/// The sampled pixels of one screen grab.
#[derive(Clone, PartialEq, Eq)]
pub struct Frame(Vec<u32>);

impl Frame {
    /// Whether `other` looks the same as this frame.
    pub fn looks_like(&self, other: &Frame) -> bool {
        let differing = self.0.iter().zip(&other.0).filter(|(a, b)| a != b).count();
        (differing as f64) <= SAME * self.0.len() as f64
    }
}

impl Screen {
    /// Connects to `display` (`:N`).
    pub fn connect(display: &str) -> Self {
        let (conn, screen) = x11rb::connect(Some(display)).expect("an X connection");
        let s = &conn.setup().roots[screen];
        let (root, width, height) = (s.root, s.width_in_pixels, s.height_in_pixels);
        Self {
            conn,
            root,
            width,
            height,
        }
    }

    /// Grabs the whole screen.
    pub fn grab(&self) -> Frame {
        let image = self
            .conn
            .get_image(
                ImageFormat::Z_PIXMAP,
                self.root,
                0,
                0,
                self.width,
                self.height,
                !0,
            )
            .expect("request")
            .reply()
            .expect("an image of the screen");
        let (w, h) = (usize::from(self.width), usize::from(self.height));
        let bytes_per_pixel = image.data.len() / (w * h);
        let mut pixels = Vec::with_capacity((w / SAMPLE) * (h / SAMPLE));
        for y in (0..h).step_by(SAMPLE) {
            for x in (0..w).step_by(SAMPLE) {
                let i = (y * w + x) * bytes_per_pixel;
                let mut px = [0u8; 4];
                px[..3].copy_from_slice(&image.data[i..i + 3]);
                pixels.push(u32::from_le_bytes(px));
            }
        }
        Frame(pixels)
    }
}

/// Frames grabbed with the time since the recording's origin.
pub struct Recording {
    frames: Vec<(Duration, Frame)>,
}

impl Recording {
    /// When the screen visibly changed, in order: the window appearing, each
    /// view or part of one being painted.
    pub fn changes(&self) -> Vec<Duration> {
        self.frames
            .windows(2)
            .filter(|w| !w[1].1.looks_like(&w[0].1))
            .map(|w| w[1].0)
            .collect()
    }

    /// When the screen started showing the final frame and kept showing it:
    /// the moment the view a person waits for was painted in full.
    pub fn settled_at(&self) -> Duration {
        let (_, last) = self.frames.last().expect("at least one frame");
        let mut at = self.frames.last().expect("a frame").0;
        for (t, frame) in self.frames.iter().rev() {
            if !frame.looks_like(last) {
                break;
            }
            at = *t;
        }
        at
    }
}

/// Records the screen of `display` from `origin` until it has shown something
/// other than its first frame and then not changed for `quiet`, or for at
/// most `limit`.
pub fn record_until_settled(
    display: &str,
    origin: Instant,
    quiet: Duration,
    limit: Duration,
) -> Recording {
    let screen = Screen::connect(display);
    let first = screen.grab();
    let mut frames = vec![(origin.elapsed(), first.clone())];
    let mut still_since = Instant::now();
    loop {
        let frame = screen.grab();
        let now = origin.elapsed();
        let changed = !frame.looks_like(&frames.last().expect("a frame").1);
        if changed {
            still_since = Instant::now();
        }
        let shown = !frame.looks_like(&first);
        frames.push((now, frame));
        if (shown && still_since.elapsed() >= quiet) || now >= limit {
            return Recording { frames };
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// The process `pid` and all its descendants.
pub fn process_tree(pid: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .expect("/proc")
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|p| {
            let stat = std::fs::read_to_string(format!("/proc/{p}/stat")).ok()?;
            // "pid (comm) state ppid …": comm may hold spaces and parentheses.
            let after = &stat[stat.rfind(')')? + 2..];
            let ppid = after.split(' ').nth(1)?.parse().ok()?;
            Some((p, ppid))
        })
        .collect();
    let mut tree = vec![pid];
    let mut i = 0;
    while i < tree.len() {
        let parent = tree[i];
        tree.extend(
            parents
                .iter()
                .filter(|(_, pp)| *pp == parent)
                .map(|(p, _)| *p),
        );
        i += 1;
    }
    tree
}

/// The proportional set size of `pid`, in KiB.
pub fn pss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))
        .ok()
        .and_then(|rollup| {
            rollup
                .lines()
                .find_map(|l| l.strip_prefix("Pss:"))?
                .trim()
                .trim_end_matches("kB")
                .trim()
                .parse()
                .ok()
        })
        .unwrap_or(0)
}

/// PSS summed over `pid` and its descendants, in KiB, with their names.
pub fn tree_pss_kib(pid: u32) -> (u64, Vec<String>) {
    let tree = process_tree(pid);
    let names = tree
        .iter()
        .filter_map(|p| std::fs::read_to_string(format!("/proc/{p}/comm")).ok())
        .map(|n| n.trim().to_owned())
        .collect();
    (tree.iter().map(|p| pss_kib(*p)).sum(), names)
}
