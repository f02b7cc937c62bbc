//! The shared trigger automaton: every phrase and regex literal of the rule
//! set, searched in one pass per document.
//!
//! Why two automata: a contiguous NFA builds in about a millisecond, which
//! matters for start-up and for the language server's small edits; a DFA
//! takes about ten milliseconds to build but scans more than twice as fast
//! (measured on the built-in rules: 12 ms against 5 ms per megabyte). The
//! NFA serves first; once the rule set has scanned a megabyte, the DFA is
//! built (once) and takes over. Both report the same matches.
//!
//! Why the scan loop is ours: `AhoCorasick::find_overlapping_iter` goes
//! through a trait object and keeps its position in a state struct, about
//! twenty instructions a byte; the same walk over the concrete automaton
//! through its public [`Automaton`] trait, with the position in a local,
//! takes a third of that. It reports the same matches in the same order.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, Match, MatchKind};

/// Bytes scanned with the NFA before the DFA is built: about what the NFA
/// scans in the DFA's build time.
const DFA_AFTER_BYTES: usize = 1 << 20;

pub struct TriggerAutomaton {
    nfa: NFA,
    /// `None` when the DFA could not be built (short of memory): the NFA
    /// goes on serving.
    dfa: OnceLock<Option<DFA>>,
    /// The patterns, kept to build the DFA from.
    patterns: Vec<Vec<u8>>,
    scanned: AtomicUsize,
}

impl TriggerAutomaton {
    /// Build over lower-cased `patterns`; pattern ids are their indices.
    pub fn new(patterns: Vec<Vec<u8>>) -> Result<TriggerAutomaton, String> {
        let nfa = NFA::builder()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(&patterns)
            .map_err(|e| format!("phrase automaton: {e}"))?;
        Ok(TriggerAutomaton {
            nfa,
            dfa: OnceLock::new(),
            patterns,
            scanned: AtomicUsize::new(0),
        })
    }

    /// Every occurrence of every pattern in `text`, overlaps included, in
    /// the order of `AhoCorasick::find_overlapping_iter`: by end, and at one
    /// end in the order of the state's match list.
    pub fn find_overlapping<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Match> + 'a {
        let text = text.as_bytes();
        let scanned = self.scanned.fetch_add(text.len(), Ordering::Relaxed);
        match self.dfa(scanned + text.len()) {
            Some(dfa) => Scan::Dfa(Overlapping::new(dfa, text)),
            None => Scan::Nfa(Overlapping::new(&self.nfa, text)),
        }
    }

    /// The DFA, once `scanned` bytes have gone through the NFA.
    fn dfa(&self, scanned: usize) -> Option<&DFA> {
        if let Some(dfa) = self.dfa.get() {
            return dfa.as_ref();
        }
        if scanned < DFA_AFTER_BYTES {
            return None;
        }
        self.dfa
            .get_or_init(|| {
                // The NFA's patterns: this cannot fail where that build did
                // not, short of memory.
                DFA::builder()
                    .match_kind(MatchKind::Standard)
                    .prefilter(false)
                    .build(&self.patterns)
                    .ok()
            })
            .as_ref()
    }
}

/// An overlapping scan over one of the two automata.
enum Scan<'a> {
    Nfa(Overlapping<'a, NFA>),
    Dfa(Overlapping<'a, DFA>),
}

impl Iterator for Scan<'_> {
    type Item = Match;

    fn next(&mut self) -> Option<Match> {
        match self {
            Scan::Nfa(s) => s.next(),
            Scan::Dfa(s) => s.next(),
        }
    }
}

/// The overlapping search of `aho_corasick`'s `try_find_overlapping_fwd`,
/// unanchored and without prefilter.
struct Overlapping<'a, A> {
    automaton: &'a A,
    text: &'a [u8],
    /// The state after `text[..at]`.
    state: aho_corasick::automaton::StateID,
    at: usize,
    /// The next of the state's matches to report.
    next_match: usize,
}

impl<'a, A: Automaton> Overlapping<'a, A> {
    fn new(automaton: &'a A, text: &'a [u8]) -> Overlapping<'a, A> {
        let state = automaton
            .start_state(Anchored::No)
            .expect("built with an unanchored start state");
        Overlapping {
            automaton,
            text,
            state,
            at: 0,
            next_match: 0,
        }
    }
}

impl<A: Automaton> Iterator for Overlapping<'_, A> {
    type Item = Match;

    fn next(&mut self) -> Option<Match> {
        let aut = self.automaton;
        loop {
            if aut.is_match(self.state) && self.next_match < aut.match_len(self.state) {
                let pattern = aut.match_pattern(self.state, self.next_match);
                self.next_match += 1;
                let len = aut.pattern_len(pattern);
                return Some(Match::new(pattern, self.at - len..self.at));
            }
            // Walk to the next special state, with the position in a local.
            let mut at = self.at;
            let mut state = self.state;
            loop {
                let &byte = self.text.get(at)?;
                state = aut.next_state(Anchored::No, state, byte);
                at += 1;
                if aut.is_special(state) {
                    break;
                }
            }
            self.at = at;
            self.state = state;
            self.next_match = 0;
            if aut.is_dead(state) {
                self.text = &[];
            }
        }
    }
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
        let plain = aho_corasick::AhoCorasick::new(&a.patterns).unwrap();
        let text = "in the margin of the summit";
        let spans = |a: &TriggerAutomaton| -> Vec<(usize, usize, usize)> {
            a.find_overlapping(text)
                .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                .collect()
        };
        let before = spans(&a);
        let expected: Vec<_> = plain
            .find_overlapping_iter(text)
            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
            .collect();
        assert_eq!(before, expected);
        assert!(a.dfa.get().is_none());
        assert_eq!(before.len(), 5);
        // Past the threshold, the DFA takes over.
        a.scanned.store(DFA_AFTER_BYTES, Ordering::Relaxed);
        let after = spans(&a);
        assert!(a.dfa.get().is_some());
        assert_eq!(before, after);
    }

    #[test]
    fn own_scan_matches_the_crate_on_tricky_text() {
        let patterns: Vec<Vec<u8>> = [
            "the", "he", "the", "e", ", ", ". the ", "ü", "über", "highness", "ness", "he'",
        ]
        .iter()
        .map(|p| p.as_bytes().to_vec())
        .collect();
        let text = "theme, thehe. the über-highness\u{a0}he'd; ÜBER the";
        let plain = aho_corasick::AhoCorasick::new(&patterns).unwrap();
        let expected: Vec<_> = plain
            .find_overlapping_iter(text)
            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
            .collect();
        let a = TriggerAutomaton::new(patterns).unwrap();
        for scanned in [0, DFA_AFTER_BYTES] {
            a.scanned.store(scanned, Ordering::Relaxed);
            let found: Vec<_> = a
                .find_overlapping(text)
                .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                .collect();
            assert_eq!(found, expected);
        }
        assert!(a.dfa.get().is_some_and(|d| d.is_some()));
    }
}
