//! The soak's picture: requests/s above, the server's RSS below, over time.

use std::path::Path;

use plotters::prelude::*;

use crate::Sample;

fn whole(v: &f64) -> String {
    format!("{v:.0}")
}

/// Writes the two stacked panels to `path` as SVG, with a dashed line at
/// `settle` seconds on the RSS panel when the run reached it.
pub(crate) fn svg(
    path: &Path,
    samples: &[Sample],
    connections: u64,
    settle: f64,
) -> anyhow::Result<()> {
    let end = samples.last().map_or(1.0, |s| s.t);
    let rss: Vec<(f64, f64)> = samples
        .iter()
        .filter_map(|s| s.rss_mib.map(|r| (s.t, r)))
        .collect();
    let top = |values: &mut dyn Iterator<Item = f64>| values.fold(1.0, f64::max) * 1.15;
    let rps_top = top(&mut samples.iter().map(|s| s.rps));
    let rss_top = top(&mut rss.iter().map(|&(_, r)| r));

    let root = SVGBackend::new(path, (960, 640)).into_drawing_area();
    root.fill(&WHITE)?;
    let (upper, lower) = root.split_vertically(320);

    let mut chart = ChartBuilder::on(&upper)
        .caption(
            format!("keyslot-server signed /status, {connections} connections: throughput"),
            ("sans-serif", 18),
        )
        .margin(10)
        .x_label_area_size(40)
        .y_label_area_size(70)
        .build_cartesian_2d(0.0..end, 0.0..rps_top)?;
    chart
        .configure_mesh()
        .x_desc("time (s)")
        .y_desc("requests/s")
        .x_label_formatter(&whole)
        .y_label_formatter(&whole)
        .draw()?;
    chart.draw_series(LineSeries::new(samples.iter().map(|s| (s.t, s.rps)), &BLUE))?;

    let mut chart = ChartBuilder::on(&lower)
        .caption(
            "server memory (VmRSS, sampled every second)",
            ("sans-serif", 18),
        )
        .margin(10)
        .x_label_area_size(40)
        .y_label_area_size(70)
        .build_cartesian_2d(0.0..end, 0.0..rss_top)?;
    chart
        .configure_mesh()
        .x_desc("time (s)")
        .y_desc("RSS (MiB)")
        .x_label_formatter(&whole)
        .draw()?;
    chart.draw_series(LineSeries::new(rss, &RED))?;
    if settle <= end {
        chart
            .draw_series(DashedLineSeries::new(
                [(settle, 0.0), (settle, rss_top)],
                6,
                4,
                BLACK.into(),
            ))?
            .label(format!("{settle:.0} s: RSS flatness measured after"))
            .legend(|(x, y)| PathElement::new([(x, y), (x + 20, y)], BLACK));
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .background_style(WHITE)
            .border_style(BLACK)
            .draw()?;
    }
    root.present()?;
    Ok(())
}
