//! The app's start-up probe, next to a minimal Tauri hello-world window built
//! the same way (release) and measured the same way in the same run.
//!
//! `WARM_UP_RUNS` launches of each, not counted, warm the page cache (the first launch
//! after a build reads the binaries and WebKit from disk). Then for each run,
//! in a fresh world (Xvfb, private D-Bus, gnome-keyring):
//! - launch → first paint: the time from spawning the binary until the screen
//!   shows, for good, the view a person waits for (Keyslot: the Activate view
//!   with its demo keys; hello: its page), from X screen grabs;
//! - memory: PSS summed over the app and its WebKit processes, 1 s after that
//!   paint (Keyslot: after a restart that opens on the License view);
//! - Activate → License: Enter pressed over WebDriver until the License view
//!   is painted in full (includes the WebDriver round trip, so it errs high);
//! - the page's own marks of that launch (HTML in, script, start-up check
//!   answered, mounted, next frame), to say where its time goes.
//!
//! Build first: `bash scripts/bench-app.sh` does it all and runs this.
//! Writes `target/bench-results/app-startup.json`. With `KEYSLOT_APP=PATH`
//! (e.g. the installed package's `/usr/bin/keyslot-app`) it measures that
//! binary instead and writes `app-startup-installed.json`. With
//! `KEYSLOT_LANG=de` (or `ja`) the app starts in that language and the file
//! is `app-startup-de.json` (`…-installed-de.json`).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use keyslot_e2e::probe::{record_until_settled, tree_pss_kib};
use keyslot_e2e::world::{World, app_binary, eval, target_dir, testid};

const RUNS: usize = 9;
/// Launches of each binary before the counted runs, not counted.
const WARM_UP_RUNS: usize = 1;
const QUIET: Duration = Duration::from_secs(2);
const LIMIT: Duration = Duration::from_secs(30);
const ENTER: &str = "\u{E007}";

/// What one launch showed and cost.
struct Launch {
    /// The first full paint of the view.
    paint: Duration,
    /// Every visible change of the screen until then.
    changes: Vec<Duration>,
    /// PSS of the app and its WebKit processes, KiB.
    pss_kib: u64,
}

/// Launches `binary` in `world`, waits for its first full paint, measures its
/// memory, and ends it.
async fn launch_and_measure(world: &World, binary: &Path, args: &[&str]) -> Launch {
    let origin = Instant::now();
    let mut child = world.spawn(binary, args);
    let recording = record_until_settled(world.display(), origin, QUIET, LIMIT);
    let (paint, changes) = (recording.settled_at(), recording.changes());
    std::thread::sleep(Duration::from_secs(1));
    let (pss, names) = tree_pss_kib(child.id());
    assert!(
        names.iter().any(|n| n.starts_with("WebKitWebProces")),
        "the WebKit processes are children of the app: {names:?}"
    );
    let _ = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let _ = child.wait();
    world.wait_for_exit().await;
    Launch {
        paint,
        changes: changes.into_iter().filter(|c| *c <= paint).collect(),
        pss_kib: pss,
    }
}

/// The changes of a launch, in ms.
fn timeline(launch: &Launch) -> Vec<f64> {
    launch.changes.iter().map(|c| ms(*c).round()).collect()
}

/// The page's own start-up timeline, ms from its navigation start: the HTML
/// received, the script started, the first-paint wait over (the start-up
/// check answered, or `main.ts`'s 250 ms limit), the app mounted, and the
/// frame after the mount.
const PAGE_MARKS: &str = r#"
    const nav = performance.getEntriesByType('navigation')[0];
    const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
    return {
        html: nav.responseEnd,
        script: mark('keyslot:script'),
        booted: mark('keyslot:booted'),
        mounted: mark('keyslot:mounted'),
        frame: mark('keyslot:frame'),
    };
"#;

/// Activates the free demo key over WebDriver; returns Enter → License
/// painted, and the page's start-up marks of that launch.
async fn activate(world: &World) -> (Duration, serde_json::Value) {
    let client = world.launch().await;
    // By its key: its label is in the app's language.
    testid(&client, "demo-key").await;
    let free_key = client
        .find(fantoccini::Locator::Css("[data-key='KS-DEMO-FREE-SEAT']"))
        .await
        .expect("the free demo key");
    let marks = eval(&client, PAGE_MARKS).await;
    free_key.click().await.expect("fill the key");
    let input = testid(&client, "key-input").await;
    let display = world.display().to_owned();
    let origin = Instant::now();
    let recording =
        std::thread::spawn(move || record_until_settled(&display, origin, QUIET, LIMIT));
    input.send_keys(ENTER).await.expect("enter");
    let took = recording.join().expect("recorded").settled_at();
    testid(&client, "license-state").await;
    world.close(client).await;
    (took, marks)
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    // The release build, or `KEYSLOT_APP` (the installed package's
    // `/usr/bin/keyslot-app`), whose figures go to a file of their own.
    let (keyslot, mut results) = match std::env::var_os("KEYSLOT_APP") {
        Some(app) => (PathBuf::from(app), "app-startup-installed".to_owned()),
        None => (app_binary("release"), "app-startup".to_owned()),
    };
    let lang = std::env::var("KEYSLOT_LANG").ok();
    let app_env: Vec<(&str, &str)> = lang.iter().map(|l| ("KEYSLOT_LANG", l.as_str())).collect();
    if let Some(lang) = &lang {
        results = format!("{results}-{lang}");
    }
    let results = format!("{results}.json");
    let hello = target_dir().join("release").join("keyslot-hello");
    for b in [&keyslot, &hello] {
        assert!(
            b.exists(),
            "build it first (bash scripts/bench-app.sh): {}",
            b.display()
        );
    }
    for _ in 0..WARM_UP_RUNS {
        for (binary, args) in [(&hello, &[][..]), (&keyslot, &["--demo"][..])] {
            let world = World::start_with(binary.clone(), &app_env);
            launch_and_measure(&world, binary, args).await;
        }
    }
    let (mut hello_paint, mut hello_pss) = (Vec::new(), Vec::new());
    let (mut app_paint, mut app_pss, mut activation) = (Vec::new(), Vec::new(), Vec::new());
    let mut page_marks = Vec::new();
    let (mut hello_changes, mut app_changes) = (Vec::new(), Vec::new());
    for run in 1..=RUNS {
        let world = World::start_with(hello.clone(), &[]);
        let launch = launch_and_measure(&world, &hello, &[]).await;
        drop(world);
        hello_paint.push(ms(launch.paint));
        hello_pss.push(mib(launch.pss_kib));
        hello_changes.push(timeline(&launch));

        let world = World::start_with(keyslot.clone(), &app_env);
        let launch = launch_and_measure(&world, &keyslot, &["--demo"]).await;
        app_paint.push(ms(launch.paint));
        app_changes.push(timeline(&launch));
        let (took, marks) = activate(&world).await;
        activation.push(ms(took));
        page_marks.push(marks);
        let launch = launch_and_measure(&world, &keyslot, &["--demo"]).await;
        app_pss.push(mib(launch.pss_kib));
        drop(world);
        let i = run - 1;
        println!(
            "run {run}: hello paint {:.0} ms (changes {:?}), {:.1} MiB; keyslot paint {:.0} ms (changes {:?}, page {}), activate→license {:.0} ms, {:.1} MiB",
            hello_paint[i],
            hello_changes[i],
            hello_pss[i],
            app_paint[i],
            app_changes[i],
            page_marks[i],
            activation[i],
            app_pss[i]
        );
    }
    let size = |p: &Path| std::fs::metadata(p).expect("binary").len() as f64 / 1_048_576.0;
    let (hp, ap) = (
        median(&mut hello_paint.clone()),
        median(&mut app_paint.clone()),
    );
    let (hm, am) = (median(&mut hello_pss.clone()), median(&mut app_pss.clone()));
    let act = median(&mut activation.clone());
    let act_max = activation.iter().copied().fold(0.0, f64::max);
    let figures = serde_json::json!({
        "runs": RUNS,
        "lang": lang.as_deref().unwrap_or("en"),
        "warm_up_runs": WARM_UP_RUNS,
        "hello": {
            "paint_ms": hello_paint,
            "screen_changes_ms": hello_changes,
            "pss_mib": hello_pss,
            "binary_mib": size(&hello),
        },
        "keyslot": {
            "activate_view_paint_ms": app_paint,
            "screen_changes_ms": app_changes,
            "license_view_pss_mib": app_pss,
            "activate_to_license_ms": activation,
            "page_marks_ms": page_marks,
            "binary": keyslot,
            "binary_mib": size(&keyslot),
        },
        "median": {
            "hello_paint_ms": hp,
            "keyslot_paint_ms": ap,
            "paint_ratio": ap / hp,
            "hello_pss_mib": hm,
            "keyslot_pss_mib": am,
            "pss_ratio": am / hm,
            "activate_to_license_ms": act,
            "activate_to_license_max_ms": act_max,
        },
    });
    let dir = target_dir().join("bench-results");
    std::fs::create_dir_all(&dir).expect("results dir");
    let path = dir.join(results);
    std::fs::write(&path, serde_json::to_string_pretty(&figures).expect("json"))
        .expect("write results");
    println!(
        "median of {RUNS}: first paint {ap:.0} ms vs hello {hp:.0} ms ({:.2}x); PSS {am:.1} MiB vs hello {hm:.1} MiB ({:.2}x); activate→license {act:.0} ms (max {act_max:.0}); binary {:.1} MiB (hello {:.1} MiB)",
        ap / hp,
        am / hm,
        size(&keyslot),
        size(&hello)
    );
    println!("wrote {}", path.display());
}
