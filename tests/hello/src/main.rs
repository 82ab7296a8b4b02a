//! A minimal Tauri window showing one static page: the baseline of
//! `cargo bench -p keyslot-e2e --bench startup`.

fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("hello could not start: {e}");
            std::process::exit(1);
        });
}
