//! The distribution chart (`DOMAIN.md` §6.4): one bar per predikat with its share of the
//! pegawai in scope, and the pattern's bounds drawn on it (a green tick for "at least", a red
//! one for "at most"). Plain SVG from a few lines of text: the same picture goes into pages and
//! into PDFs, and it is too small to justify a plotting library (`docs/DECISIONS.md`).

use std::fmt::Write;

pub const LABEL: [&str; 5] = [
    "Sangat Baik",
    "Baik",
    "Butuh Perbaikan",
    "Kurang/Misconduct",
    "Sangat Kurang",
];

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Bars of `jumlah` (counts per predikat, best first) as percent of their sum, with `batas`
/// (at least %, at most %) per predikat.
pub fn sebaran_svg(jumlah: &[u32; 5], batas: &[(Option<u32>, Option<u32>); 5]) -> String {
    let n: u32 = jumlah.iter().sum();
    let (w, h, kiri, bawah, atas) = (520.0_f64, 260.0_f64, 40.0, 50.0, 16.0);
    let tinggi = h - bawah - atas;
    let lebar = (w - kiri - 10.0) / 5.0;
    let y = |pct: f64| atas + tinggi * (1.0 - pct / 100.0);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" font-family="sans-serif" font-size="11"><title>Sebaran predikat: {n} pegawai</title>"#
    );
    for pct in [0, 25, 50, 75, 100] {
        let yy = y(f64::from(pct));
        let _ = write!(
            s,
            r##"<line x1="{kiri}" x2="{}" y1="{yy}" y2="{yy}" stroke="#ddd"/><text x="{}" y="{}" text-anchor="end" fill="#555">{pct}%</text>"##,
            w - 10.0,
            kiri - 4.0,
            yy + 4.0
        );
    }
    for (i, label) in LABEL.iter().enumerate() {
        let x = kiri + lebar * i as f64;
        let pct = if n == 0 {
            0.0
        } else {
            f64::from(jumlah[i]) * 100.0 / f64::from(n)
        };
        let yy = y(pct);
        let _ = write!(
            s,
            r##"<rect x="{}" y="{yy:.1}" width="{}" height="{:.1}" fill="#4a78b5"><title>{}: {} ({pct:.0}%)</title></rect><text x="{}" y="{:.1}" text-anchor="middle">{} ({pct:.0}%)</text><text x="{}" y="{}" text-anchor="middle">{}</text>"##,
            x + lebar * 0.15,
            lebar * 0.7,
            atas + tinggi - yy,
            escape(label),
            jumlah[i],
            x + lebar / 2.0,
            yy - 3.0,
            jumlah[i],
            x + lebar / 2.0,
            h - bawah + 16.0,
            escape(label)
        );
        let (min, max) = batas[i];
        for (b, warna, teks) in [(min, "#1a7f37", "min"), (max, "#c62828", "maks")] {
            if let Some(b) = b {
                let by = y(f64::from(b));
                let _ = write!(
                    s,
                    r#"<line x1="{}" x2="{}" y1="{by:.1}" y2="{by:.1}" stroke="{warna}" stroke-width="3"/><text x="{}" y="{}" text-anchor="middle" fill="{warna}">{teks} {b}%</text>"#,
                    x + lebar * 0.05,
                    x + lebar * 0.95,
                    x + lebar / 2.0,
                    h - bawah + 30.0,
                );
            }
        }
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_and_bounds() {
        let svg = sebaran_svg(
            &[1, 7, 2, 0, 0],
            &[
                (None, None),
                (None, Some(70)),
                (None, None),
                (None, None),
                (None, None),
            ],
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("7 (70%)"));
        assert!(svg.contains("maks 70%"));
        assert!(svg.contains("Sebaran predikat: 10 pegawai"));
        // Nobody rated yet: no division by zero, every bar at 0%.
        assert!(sebaran_svg(&[0; 5], &[(None, None); 5]).contains("0 (0%)"));
    }
}
