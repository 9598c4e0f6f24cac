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

/// One competency of a profile chart.
#[derive(Debug, Clone)]
pub struct ProfilBaris {
    pub label: String,
    /// Required level 1–5.
    pub standar: u8,
    /// Achieved level in hundredths, when rated.
    pub capaian: Option<u32>,
}

/// The competency profile: one row per competency, the achieved level as a bar
/// on a 0–5 scale, blue where it meets the standard and orange where it falls short, and the
/// standard as a dark tick.
pub fn profil_svg(baris: &[ProfilBaris]) -> String {
    let (w, kiri, kanan, atas, tinggi_baris) = (620.0_f64, 230.0_f64, 20.0_f64, 24.0_f64, 26.0_f64);
    let h = atas + tinggi_baris * baris.len() as f64 + 24.0;
    let skala = (w - kiri - kanan) / 5.0;
    let x = |lv: f64| kiri + skala * lv;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" font-family="sans-serif" font-size="11"><title>Profil kompetensi terhadap standar jabatan</title>"#
    );
    for lv in 0..=5 {
        let xx = x(f64::from(lv));
        let _ = write!(
            s,
            r##"<line x1="{xx}" x2="{xx}" y1="{atas}" y2="{}" stroke="#ddd"/><text x="{xx}" y="{}" text-anchor="middle" fill="#555">{lv}</text>"##,
            h - 20.0,
            atas - 8.0
        );
    }
    for (i, b) in baris.iter().enumerate() {
        let y = atas + tinggi_baris * i as f64;
        let _ = write!(
            s,
            r##"<text x="{}" y="{}" text-anchor="end" fill="#222">{}</text>"##,
            kiri - 6.0,
            y + tinggi_baris / 2.0 + 4.0,
            escape(&b.label)
        );
        if let Some(c) = b.capaian {
            let lv = f64::from(c) / 100.0;
            let warna = if c >= u32::from(b.standar) * 100 {
                "#1e6bb8"
            } else {
                "#e07b00"
            };
            let _ = write!(
                s,
                r##"<rect x="{kiri}" y="{}" width="{}" height="{}" fill="{warna}"><title>{}: {:.2} (standar {})</title></rect>"##,
                y + 5.0,
                (x(lv) - kiri).max(0.0),
                tinggi_baris - 10.0,
                escape(&b.label),
                lv,
                b.standar
            );
        }
        let xs = x(f64::from(b.standar));
        let _ = write!(
            s,
            r##"<line x1="{xs}" x2="{xs}" y1="{}" y2="{}" stroke="#222" stroke-width="3"/>"##,
            y + 2.0,
            y + tinggi_baris - 2.0
        );
    }
    let _ = write!(
        s,
        r##"<rect x="{kiri}" y="{}" width="10" height="10" fill="#1e6bb8"/><text x="{}" y="{}" fill="#222">memenuhi standar</text><rect x="{}" y="{}" width="10" height="10" fill="#e07b00"/><text x="{}" y="{}" fill="#222">di bawah standar</text><line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#222" stroke-width="3"/><text x="{}" y="{}" fill="#222">standar</text></svg>"##,
        h - 14.0,
        kiri + 14.0,
        h - 5.0,
        kiri + 130.0,
        h - 14.0,
        kiri + 144.0,
        h - 5.0,
        kiri + 260.0,
        kiri + 260.0,
        h - 15.0,
        h - 3.0,
        kiri + 266.0,
        h - 5.0
    );
    s
}

#[cfg(test)]
mod profil_tests {
    use super::*;

    #[test]
    fn bars_show_the_gap_and_names_are_escaped() {
        let svg = profil_svg(&[
            ProfilBaris {
                label: "M.01 Integritas".into(),
                standar: 3,
                capaian: Some(340),
            },
            ProfilBaris {
                label: "T.01 <Teknis> & praktik".into(),
                standar: 3,
                capaian: Some(250),
            },
            ProfilBaris {
                label: "M.02 Kerjasama".into(),
                standar: 2,
                capaian: None,
            },
        ]);
        assert!(svg.contains("M.01 Integritas: 3.40 (standar 3)"));
        assert!(svg.contains("&lt;Teknis&gt; &amp; praktik: 2.50"));
        // One bar per rated competency (plus the two legend swatches), each in its colour.
        assert_eq!(svg.matches("<rect").count(), 4);
        assert_eq!(svg.matches(r##"fill="#e07b00"><title>"##).count(), 1);
        assert_eq!(svg.matches(r##"fill="#1e6bb8"><title>"##).count(), 1);
    }
}
