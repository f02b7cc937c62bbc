//! The shared trigger automaton: every phrase and regex literal of the rule
//! set, searched in one pass per document.
//!
//! Why two automata: a contiguous NFA builds in about a millisecond, which
//! matters for start-up and for the language server's small edits; a DFA
//! takes about ten milliseconds to build but scans more than twice as fast
//! (measured on the built-in rules: 12 ms against 5 ms per megabyte). The
//! NFA serves first; once the rule set has scanned a megabyte, the DFA is
//! built (once) and takes over. Both report the same matches.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Match, MatchKind};

/// Bytes scanned with the NFA before the DFA is built: about what the NFA
/// scans in the DFA's build time.
const DFA_AFTER_BYTES: usize = 1 << 20;

pub struct TriggerAutomaton {
    nfa: AhoCorasick,
    dfa: OnceLock<AhoCorasick>,
    /// The patterns, kept to build the DFA from.
    patterns: Vec<Vec<u8>>,
    scanned: AtomicUsize,
}

impl TriggerAutomaton {
    /// Build over lower-cased `patterns`; pattern ids are their indices.
    pub fn new(patterns: Vec<Vec<u8>>) -> Result<TriggerAutomaton, String> {
        let nfa = builder(AhoCorasickKind::ContiguousNFA)
            .build(&patterns)
            .map_err(|e| format!("phrase automaton: {e}"))?;
        Ok(TriggerAutomaton {
            nfa,
            dfa: OnceLock::new(),
            patterns,
            scanned: AtomicUsize::new(0),
        })
    }

    /// Every occurrence of every pattern in `text`, overlaps included.
    pub fn find_overlapping<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Match> + 'a {
        self.pick(text.len()).find_overlapping_iter(text)
    }

    /// The automaton for a text of `len` bytes.
    fn pick(&self, len: usize) -> &AhoCorasick {
        if let Some(dfa) = self.dfa.get() {
            return dfa;
        }
        let before = self.scanned.fetch_add(len, Ordering::Relaxed);
        if before + len < DFA_AFTER_BYTES {
            return &self.nfa;
        }
        self.dfa.get_or_init(|| {
            // The NFA's patterns: this cannot fail where that build did not,
            // short of memory; then the NFA goes on serving.
            builder(AhoCorasickKind::DFA)
                .build(&self.patterns)
                .unwrap_or_else(|_| self.nfa.clone())
        })
    }
}

fn builder(kind: AhoCorasickKind) -> AhoCorasickBuilder {
    let mut b = AhoCorasickBuilder::new();
    b.match_kind(MatchKind::Standard).kind(Some(kind));
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfa_and_dfa_report_the_same_matches() {
        let patterns: Vec<Vec<u8>> = ["in the margin of", "margin", "of the", "the"]
            .iter()
            .map(|p| p.as_bytes().to_vec())
            .collect();
        let a = TriggerAutomaton::new(patterns).unwrap();
        let text = "in the margin of the summit";
        let spans = |a: &TriggerAutomaton| -> Vec<(usize, usize, usize)> {
            a.find_overlapping(text)
                .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                .collect()
        };
        let before = spans(&a);
        assert!(a.dfa.get().is_none());
        assert_eq!(before.len(), 5);
        // Past the threshold, the DFA takes over.
        a.scanned.store(DFA_AFTER_BYTES, Ordering::Relaxed);
        let after = spans(&a);
        assert!(a.dfa.get().is_some());
        assert_eq!(before, after);
    }
}
