//! Quantities (targets, outputs, realisasi) are stored as hundredths in integers, never floats
//! (`DESIGN.md` §4). This parses what people type, "12,5", "1.250" or "12.5", and prints
//! "1.250,5" back.

/// Parses a non-negative number with at most two decimals into hundredths.
///
/// A comma is the decimal mark and dots group thousands ("1.234,5"). Without a comma a single dot
/// followed by one or two digits is read as a decimal mark ("12.5"), because phones often offer
/// only the dot; otherwise dots group thousands ("1.250").
pub fn parse_seratus(input: &str) -> Result<i64, &'static str> {
    let s: String = input
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if s.is_empty() {
        return Err("Wajib diisi.");
    }
    let (int_part, frac_part) = if let Some((a, b)) = s.split_once(',') {
        (a.replace('.', ""), b.to_string())
    } else {
        match s.rsplit_once('.') {
            Some((a, b)) if s.matches('.').count() == 1 && (1..=2).contains(&b.len()) => {
                (a.to_string(), b.to_string())
            }
            _ => (s.replace('.', ""), String::new()),
        }
    };
    if int_part.is_empty() && frac_part.is_empty()
        || !int_part.chars().all(|c| c.is_ascii_digit())
        || !frac_part.chars().all(|c| c.is_ascii_digit())
    {
        return Err("Isi dengan angka, misalnya 12 atau 12,5.");
    }
    if frac_part.len() > 2 {
        return Err("Paling banyak dua angka di belakang koma.");
    }
    if int_part.len() > 12 {
        return Err("Angka terlalu besar.");
    }
    let whole: i64 = if int_part.is_empty() {
        0
    } else {
        int_part.parse().map_err(|_| "Angka terlalu besar.")?
    };
    let frac: i64 = match frac_part.len() {
        0 => 0,
        1 => frac_part.parse::<i64>().unwrap_or(0) * 10,
        _ => frac_part.parse().unwrap_or(0),
    };
    Ok(whole * 100 + frac)
}

/// Thousands separated by dots: 12345 → "12.345".
pub fn ribuan(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Hundredths as Indonesian text without needless zeros: 125000 → "1.250", 1250 → "12,5".
pub fn tampil_seratus(v: i64) -> String {
    let neg = v < 0;
    let v = v.unsigned_abs();
    let mut out = ribuan(v / 100);
    let frac = v % 100;
    if frac != 0 {
        let f = format!("{frac:02}");
        out.push(',');
        out.push_str(f.trim_end_matches('0'));
    }
    if neg { format!("-{out}") } else { out }
}

/// `part` as a whole percentage of `whole`, capped at 999; `None` when there is no whole.
pub fn persen(part: i64, whole: i64) -> Option<i64> {
    (whole > 0).then(|| (part.max(0) * 100 / whole).min(999))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_people_type() {
        assert_eq!(parse_seratus("12"), Ok(1200));
        assert_eq!(parse_seratus("12,5"), Ok(1250));
        assert_eq!(parse_seratus("12.5"), Ok(1250));
        assert_eq!(parse_seratus("12,05"), Ok(1205));
        assert_eq!(parse_seratus("1.250"), Ok(125000));
        assert_eq!(parse_seratus("1.234,56"), Ok(123456));
        assert_eq!(parse_seratus(" 0 "), Ok(0));
        assert_eq!(parse_seratus(",5"), Ok(50));
        assert!(parse_seratus("").is_err());
        assert!(parse_seratus("-3").is_err());
        assert!(parse_seratus("abc").is_err());
        assert!(parse_seratus("1,234").is_err());
        assert!(parse_seratus("9999999999999").is_err());
    }

    #[test]
    fn prints_indonesian() {
        assert_eq!(tampil_seratus(1200), "12");
        assert_eq!(tampil_seratus(1250), "12,5");
        assert_eq!(tampil_seratus(1205), "12,05");
        assert_eq!(tampil_seratus(123456), "1.234,56");
        assert_eq!(tampil_seratus(0), "0");
        assert_eq!(persen(50, 200), Some(25));
        assert_eq!(persen(5, 0), None);
    }
}
