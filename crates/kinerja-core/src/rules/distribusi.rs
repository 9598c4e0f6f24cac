//! Predikat kinerja organisasi and the distribution pattern (*pola distribusi*) it implies for
//! the pegawai in scope (`DOMAIN.md` §6.4, SE MenPANRB 3/2023). Shares are compared in integer
//! arithmetic (count × 100 against percent × n) so no rounding policy is hidden in a float.

use super::predikat::Predikat;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PredikatOrganisasi {
    Istimewa,
    Baik,
    ButuhPerbaikan,
    Kurang,
    SangatKurang,
}

impl PredikatOrganisasi {
    pub const ALL: [PredikatOrganisasi; 5] = [
        PredikatOrganisasi::Istimewa,
        PredikatOrganisasi::Baik,
        PredikatOrganisasi::ButuhPerbaikan,
        PredikatOrganisasi::Kurang,
        PredikatOrganisasi::SangatKurang,
    ];

    /// The code stored in the database (`DOMAIN.md` §6.1).
    pub fn code(self) -> &'static str {
        match self {
            PredikatOrganisasi::Istimewa => "ISTIMEWA",
            PredikatOrganisasi::Baik => "BAIK",
            PredikatOrganisasi::ButuhPerbaikan => "BUTUH_PERBAIKAN",
            PredikatOrganisasi::Kurang => "KURANG",
            PredikatOrganisasi::SangatKurang => "SANGAT_KURANG",
        }
    }

    pub fn from_code(s: &str) -> Option<PredikatOrganisasi> {
        Self::ALL.into_iter().find(|p| p.code() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            PredikatOrganisasi::Istimewa => "Istimewa",
            PredikatOrganisasi::Baik => "Baik",
            PredikatOrganisasi::ButuhPerbaikan => "Butuh Perbaikan",
            PredikatOrganisasi::Kurang => "Kurang",
            PredikatOrganisasi::SangatKurang => "Sangat Kurang",
        }
    }
}

/// Counts of pegawai per predikat, indexed by [`Predikat::index`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sebaran(pub [u32; 5]);

impl Sebaran {
    pub fn from_predikat(items: impl IntoIterator<Item = Predikat>) -> Sebaran {
        let mut c = [0; 5];
        for p in items {
            c[p.index()] += 1;
        }
        Sebaran(c)
    }

    pub fn n(&self) -> u32 {
        self.0.iter().sum()
    }

    pub fn c(&self, p: Predikat) -> u32 {
        self.0[p.index()]
    }

    fn at_most(&self, count: u32, percent: u32) -> bool {
        count * 100 <= percent * self.n()
    }

    fn at_least(&self, count: u32, percent: u32) -> bool {
        count * 100 >= percent * self.n()
    }

    fn is_largest(&self, p: Predikat) -> bool {
        self.0.iter().all(|&x| x <= self.c(p))
    }
}

/// The pattern of `org` as (at least %, at most %) per predikat, indexed by [`Predikat::index`],
/// for drawing it next to the actual shares. Rules on a sum of two predikat and "the largest
/// count" are not bounds of one bar; [`periksa`] checks those.
pub fn batas(org: PredikatOrganisasi) -> [(Option<u32>, Option<u32>); 5] {
    let mut b = [(None, None); 5];
    let idx = Predikat::index;
    match org {
        PredikatOrganisasi::Istimewa => b[idx(Predikat::SangatBaik)].1 = Some(70),
        PredikatOrganisasi::Baik => b[idx(Predikat::Baik)].1 = Some(70),
        PredikatOrganisasi::ButuhPerbaikan => {
            b[idx(Predikat::ButuhPerbaikan)].0 = Some(60);
            b[idx(Predikat::SangatBaik)].1 = Some(10);
        }
        PredikatOrganisasi::Kurang => {
            b[idx(Predikat::Kurang)].0 = Some(60);
            b[idx(Predikat::ButuhPerbaikan)].0 = Some(10);
            b[idx(Predikat::SangatBaik)].1 = Some(10);
        }
        PredikatOrganisasi::SangatKurang => {
            b[idx(Predikat::SangatKurang)].0 = Some(60);
            b[idx(Predikat::SangatBaik)].1 = Some(0);
        }
    }
    b
}

/// Checks a distribution against the pattern of the organisation's predikat. Returns every rule
/// that does not hold, as a sentence for the leader; empty means the pattern is met.
pub fn periksa(org: PredikatOrganisasi, s: &Sebaran) -> Vec<String> {
    use Predikat::*;
    let mut out = Vec::new();
    if s.n() == 0 {
        return out;
    }
    let mut rule = |ok: bool, msg: &str| {
        if !ok {
            out.push(msg.to_string());
        }
    };
    match org {
        PredikatOrganisasi::Istimewa => {
            rule(
                s.at_most(s.c(SangatBaik), 70),
                "Sangat Baik paling banyak 70% pegawai.",
            );
            rule(
                s.is_largest(SangatBaik),
                "Sebagian besar pegawai harus Sangat Baik.",
            );
        }
        PredikatOrganisasi::Baik => {
            rule(s.at_most(s.c(Baik), 70), "Baik paling banyak 70% pegawai.");
            rule(s.is_largest(Baik), "Sebagian besar pegawai harus Baik.");
            rule(
                s.c(ButuhPerbaikan) + s.c(Kurang) >= 1,
                "Harus ada sekurang-kurangnya satu pegawai Butuh Perbaikan atau Kurang/Misconduct.",
            );
        }
        PredikatOrganisasi::ButuhPerbaikan => {
            rule(
                s.at_least(s.c(ButuhPerbaikan), 60),
                "Butuh Perbaikan sekurang-kurangnya 60% pegawai.",
            );
            rule(
                s.at_most(s.c(SangatBaik), 10),
                "Sangat Baik paling banyak 10% pegawai.",
            );
        }
        PredikatOrganisasi::Kurang => {
            rule(
                s.at_least(s.c(Kurang), 60),
                "Kurang/Misconduct sekurang-kurangnya 60% pegawai.",
            );
            rule(
                s.at_least(s.c(ButuhPerbaikan), 10),
                "Butuh Perbaikan sekurang-kurangnya 10% pegawai.",
            );
            rule(
                s.at_most(s.c(SangatBaik), 10),
                "Sangat Baik paling banyak 10% pegawai.",
            );
        }
        PredikatOrganisasi::SangatKurang => {
            rule(
                s.at_least(s.c(SangatKurang), 60),
                "Sangat Kurang sekurang-kurangnya 60% pegawai.",
            );
            rule(
                s.at_least(s.c(Kurang) + s.c(ButuhPerbaikan), 10),
                "Kurang/Misconduct dan/atau Butuh Perbaikan sekurang-kurangnya 10% pegawai.",
            );
            rule(s.c(SangatBaik) == 0, "Tidak boleh ada pegawai Sangat Baik.");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::PredikatOrganisasi as Org;
    use super::*;

    /// [SB, B, BP, K, SK]
    fn s(c: [u32; 5]) -> Sebaran {
        Sebaran(c)
    }

    #[test]
    fn domain_cases() {
        // Org Baik, n=10, {B:7, SB:2, SK:1}: no BP or K, fails.
        let v = periksa(Org::Baik, &s([2, 7, 0, 0, 1]));
        assert_eq!(v.len(), 1);
        assert!(v[0].contains("Butuh Perbaikan atau Kurang"));
        // {B:7, SB:1, BP:2} passes.
        assert!(periksa(Org::Baik, &s([1, 7, 2, 0, 0])).is_empty());
        // Org Sangat Kurang: any SB fails.
        assert!(periksa(Org::SangatKurang, &s([0, 0, 1, 1, 8])).is_empty());
        assert!(
            periksa(Org::SangatKurang, &s([1, 0, 1, 1, 7]))
                .iter()
                .any(|m| m.contains("Sangat Baik"))
        );
    }

    #[test]
    fn each_pattern_has_a_passing_and_failing_case() {
        assert!(periksa(Org::Istimewa, &s([7, 2, 1, 0, 0])).is_empty());
        assert_eq!(periksa(Org::Istimewa, &s([8, 2, 0, 0, 0])).len(), 1); // over 70%
        assert_eq!(periksa(Org::Istimewa, &s([3, 5, 2, 0, 0])).len(), 1); // SB not the largest
        assert_eq!(periksa(Org::Baik, &s([0, 8, 2, 0, 0])).len(), 1); // over 70%
        assert!(periksa(Org::ButuhPerbaikan, &s([1, 2, 6, 1, 0])).is_empty());
        assert_eq!(periksa(Org::ButuhPerbaikan, &s([2, 2, 6, 0, 0])).len(), 1); // SB 20%
        assert!(periksa(Org::Kurang, &s([1, 1, 1, 6, 1])).is_empty());
        assert_eq!(periksa(Org::Kurang, &s([1, 2, 0, 6, 1])).len(), 1); // no BP
        assert_eq!(periksa(Org::SangatKurang, &s([0, 4, 0, 0, 6])).len(), 1); // no K/BP
        assert!(periksa(Org::Baik, &Sebaran::default()).is_empty());
    }

    #[test]
    fn counted_from_predikat() {
        let sb = Sebaran::from_predikat([Predikat::Baik, Predikat::Baik, Predikat::Kurang]);
        assert_eq!(
            (sb.n(), sb.c(Predikat::Baik), sb.c(Predikat::Kurang)),
            (3, 2, 1)
        );
    }
}
