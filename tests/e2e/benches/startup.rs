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
//! binary instead and writes `app-startup-installed.json`. Every run
//! launches the app in each language of `KEYSLOT_LANGS` (default
//! `en,de,ja`), each against that run's hello-world launch.

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
/// received, the script started, English's words parsed, the first-paint wait over (the start-up
/// check answered, or `main.ts`'s 250 ms limit), the app mounted, and the
/// frame after the mount.
const PAGE_MARKS: &str = r#"
    const nav = performance.getEntriesByType('navigation')[0];
    const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
    return {
        html: nav.responseEnd,
        script: mark('keyslot:script'),
        words: mark('keyslot:words'),
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

/// What one language's launches showed, run by run.
#[derive(Default)]
struct Figures {
    paint: Vec<f64>,
    changes: Vec<Vec<f64>>,
    pss: Vec<f64>,
    activation: Vec<f64>,
    marks: Vec<serde_json::Value>,
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    // The release build, or `KEYSLOT_APP` (the installed package's
    // `/usr/bin/keyslot-app`), whose figures go to a file of their own.
    let (keyslot, results) = match std::env::var_os("KEYSLOT_APP") {
        Some(app) => (PathBuf::from(app), "app-startup-installed.json"),
        None => (app_binary("release"), "app-startup.json"),
    };
    // Each run measures every language against the same hello-world launch.
    let langs: Vec<String> = std::env::var("KEYSLOT_LANGS")
        .unwrap_or_else(|_| "en,de,ja".to_owned())
        .split(',')
        .map(str::to_owned)
        .collect();
    let hello = target_dir().join("release").join("keyslot-hello");
    for b in [&keyslot, &hello] {
        assert!(
            b.exists(),
            "build it first (bash scripts/bench-app.sh): {}",
            b.display()
        );
    }
    let in_lang = |lang: &str| World::start_with(keyslot.clone(), &[("KEYSLOT_LANG", lang)]);
    for _ in 0..WARM_UP_RUNS {
        let world = World::start_with(hello.clone(), &[]);
        launch_and_measure(&world, &hello, &[]).await;
        drop(world);
        let world = in_lang(&langs[0]);
        launch_and_measure(&world, &keyslot, &["--demo"]).await;
    }
    let (mut hello_paint, mut hello_pss, mut hello_changes) = (Vec::new(), Vec::new(), Vec::new());
    let mut app: Vec<Figures> = langs.iter().map(|_| Figures::default()).collect();
    for run in 1..=RUNS {
        let world = World::start_with(hello.clone(), &[]);
        let launch = launch_and_measure(&world, &hello, &[]).await;
        drop(world);
        hello_paint.push(ms(launch.paint));
        hello_pss.push(mib(launch.pss_kib));
        hello_changes.push(timeline(&launch));
        print!(
            "run {run}: hello paint {:.0} ms, {:.1} MiB;",
            ms(launch.paint),
            mib(launch.pss_kib)
        );

        for (lang, figures) in langs.iter().zip(&mut app) {
            let world = in_lang(lang);
            let launch = launch_and_measure(&world, &keyslot, &["--demo"]).await;
            figures.paint.push(ms(launch.paint));
            figures.changes.push(timeline(&launch));
            let (took, marks) = activate(&world).await;
            figures.activation.push(ms(took));
            let relaunch = launch_and_measure(&world, &keyslot, &["--demo"]).await;
            figures.pss.push(mib(relaunch.pss_kib));
            drop(world);
            print!(
                " {lang}: paint {:.0} ms (changes {:?}, page {marks}), activate→license {:.0} ms, {:.1} MiB;",
                ms(launch.paint),
                timeline(&launch),
                ms(took),
                mib(relaunch.pss_kib)
            );
            figures.marks.push(marks);
        }
        println!();
    }
    let size = |p: &Path| std::fs::metadata(p).expect("binary").len() as f64 / 1_048_576.0;
    let hp = median(&mut hello_paint.clone());
    let hm = median(&mut hello_pss.clone());
    let mut keyslot_runs = serde_json::Map::new();
    let mut medians = serde_json::Map::new();
    medians.insert("hello_paint_ms".into(), hp.into());
    medians.insert("hello_pss_mib".into(), hm.into());
    for (lang, f) in langs.iter().zip(&app) {
        let (ap, am) = (median(&mut f.paint.clone()), median(&mut f.pss.clone()));
        let act = median(&mut f.activation.clone());
        let act_max = f.activation.iter().copied().fold(0.0, f64::max);
        keyslot_runs.insert(
            lang.clone(),
            serde_json::json!({
                "activate_view_paint_ms": f.paint,
                "screen_changes_ms": f.changes,
                "license_view_pss_mib": f.pss,
                "activate_to_license_ms": f.activation,
                "page_marks_ms": f.marks,
            }),
        );
        medians.insert(
            lang.clone(),
            serde_json::json!({
                "keyslot_paint_ms": ap,
                "paint_ratio": ap / hp,
                "keyslot_pss_mib": am,
                "pss_ratio": am / hm,
                "activate_to_license_ms": act,
                "activate_to_license_max_ms": act_max,
            }),
        );
        println!(
            "median of {RUNS}, {lang}: first paint {ap:.0} ms vs hello {hp:.0} ms ({:.2}x); PSS {am:.1} MiB vs hello {hm:.1} MiB ({:.2}x); activate→license {act:.0} ms (max {act_max:.0})",
            ap / hp,
            am / hm
        );
    }
    let figures = serde_json::json!({
        "runs": RUNS,
        "warm_up_runs": WARM_UP_RUNS,
        "hello": {
            "paint_ms": hello_paint,
            "screen_changes_ms": hello_changes,
            "pss_mib": hello_pss,
            "binary_mib": size(&hello),
        },
        "keyslot": {
            "binary": keyslot,
            "binary_mib": size(&keyslot),
            "by_language": keyslot_runs,
        },
        "median": medians,
    });
    let dir = target_dir().join("bench-results");
    std::fs::create_dir_all(&dir).expect("results dir");
    let path = dir.join(results);
    std::fs::write(&path, serde_json::to_string_pretty(&figures).expect("json"))
        .expect("write results");
    println!(
        "binary {:.1} MiB (hello {:.1} MiB); wrote {}",
        size(&keyslot),
        size(&hello),
        path.display()
    );
}
