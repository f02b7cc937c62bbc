//! The shared trigger automaton: every phrase, regex literal and anchor
//! word of the rule set, searched in one pass per document.
//!
//! Why a double-array automaton (`daachorse`): the scan reads every byte of
//! every paragraph, and what it costs is where its transitions live. A
//! full DFA (`aho_corasick::dfa`) answers each byte with one lookup, but
//! over the built-in rules its table is about 4 MB: paragraphs come
//! between scans and push it out of the cache, and it took 15 to 40 ms to
//! build, more with every rule added. The double array holds the same
//! automaton in about 120 KB, scans as fast, and builds in about 3 ms.

use daachorse::{DoubleArrayAhoCorasick, DoubleArrayAhoCorasickBuilder, MatchKind};

/// One occurrence of a pattern: its id (its index in the list the
/// automaton was built from) and its byte span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TriggerMatch {
    pub pattern: usize,
    pub start: usize,
    pub end: usize,
}

pub struct TriggerAutomaton {
    /// Over the distinct patterns; a value is an index into `group_starts`.
    automaton: DoubleArrayAhoCorasick<u32>,
    /// The ids of equal patterns are listed together in `group_ids`:
    /// group `g` is `group_ids[group_starts[g]..group_starts[g + 1]]`.
    group_starts: Vec<u32>,
    group_ids: Vec<u32>,
}

impl TriggerAutomaton {
    /// Build over lower-cased `patterns`; pattern ids are their indices.
    /// Equal patterns are allowed (a phrase may also be a regex's literal).
    pub fn new(patterns: Vec<Vec<u8>>) -> Result<TriggerAutomaton, String> {
        let too_many = || "phrase automaton: too many patterns".to_string();
        let mut order: Vec<u32> =
            (0..u32::try_from(patterns.len()).map_err(|_| too_many())?).collect();
        order.sort_by(|&a, &b| {
            patterns[a as usize]
                .cmp(&patterns[b as usize])
                .then(a.cmp(&b))
        });
        let mut group_starts = Vec::with_capacity(patterns.len() + 1);
        let mut distinct: Vec<(&[u8], u32)> = Vec::with_capacity(patterns.len());
        for (k, &id) in order.iter().enumerate() {
            let pattern = patterns[id as usize].as_slice();
            if distinct.last().is_none_or(|(last, _)| *last != pattern) {
                group_starts.push(k as u32);
                distinct.push((pattern, (group_starts.len() - 1) as u32));
            }
        }
        group_starts.push(order.len() as u32);
        let automaton = DoubleArrayAhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build_with_values(distinct)
            .map_err(|e| format!("phrase automaton: {e}"))?;
        Ok(TriggerAutomaton {
            automaton,
            group_starts,
            group_ids: order,
        })
    }

    /// Every occurrence of every pattern in `text`, overlaps included, by
    /// end; equal patterns in id order.
    pub fn find_overlapping<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = TriggerMatch> + 'a {
        self.automaton
            .find_overlapping_iter(text.as_bytes())
            .flat_map(move |m| {
                let g = m.value() as usize;
                let ids = &self.group_ids
                    [self.group_starts[g] as usize..self.group_starts[g + 1] as usize];
                ids.iter().map(move |&id| TriggerMatch {
                    pattern: id as usize,
                    start: m.start(),
                    end: m.end(),
                })
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `aho_corasick` reports, as a reference: the same set of
    /// (pattern, start, end), in order of end.
    fn check_against_reference(patterns: &[&str], text: &str) -> usize {
        let bytes: Vec<Vec<u8>> = patterns.iter().map(|p| p.as_bytes().to_vec()).collect();
        let reference = aho_corasick::AhoCorasick::new(&bytes).unwrap();
        let mut expected: Vec<(usize, usize, usize)> = reference
            .find_overlapping_iter(text)
            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
            .collect();
        let automaton = TriggerAutomaton::new(bytes).unwrap();
        let found: Vec<(usize, usize, usize)> = automaton
            .find_overlapping(text)
            .map(|m| (m.pattern, m.start, m.end))
            .collect();
        assert!(
            found.windows(2).all(|w| w[0].2 <= w[1].2),
            "by end: {found:?}"
        );
        let mut sorted = found.clone();
        sorted.sort_unstable();
        expected.sort_unstable();
        assert_eq!(sorted, expected);
        found.len()
    }

    #[test]
    fn reports_what_a_reference_search_reports() {
        let n = check_against_reference(
            &["in the margin of", "margin", "of the", "the"],
            "in the margin of the summit",
        );
        assert_eq!(n, 5);
    }

    #[test]
    fn equal_patterns_overlaps_and_non_ascii() {
        let patterns = [
            "the", "he", "the", "e", ", ", ". the ", "ü", "über", "highness", "ness", "he'",
        ];
        let text = "theme, thehe. the über-highness\u{a0}he'd; ÜBER the";
        assert!(check_against_reference(&patterns, text) > 10);
        let a = TriggerAutomaton::new(patterns.iter().map(|p| p.as_bytes().to_vec()).collect())
            .unwrap();
        // Both ids of the repeated pattern, in id order.
        let at_start: Vec<usize> = a
            .find_overlapping(text)
            .filter(|m| m.start == 0 && m.end == 3)
            .map(|m| m.pattern)
            .collect();
        assert_eq!(at_start, [0, 2]);
    }

    #[test]
    fn no_patterns_and_no_text() {
        let a = TriggerAutomaton::new(Vec::new()).unwrap();
        assert_eq!(a.find_overlapping("anything").count(), 0);
        let a = TriggerAutomaton::new(vec![b"x".to_vec()]).unwrap();
        assert_eq!(a.find_overlapping("").count(), 0);
    }
}
