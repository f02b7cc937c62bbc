//! Stage 3: rules.
//!
//! Rule packs are data (`rules/*.toml`, [`model`]); [`load`] reads them,
//! and [`RuleSet::compile`] turns them into one matcher: every phrase of every
//! rule goes into a single index searched in one pass ([`trigger_index`]),
//! together with the literals that each regex needs ([`prefilter`]: a regex
//! runs only where one occurs) and the anchor words of token patterns (a
//! pattern is tried only around a token that is one), so the cost of a pass
//! does not grow rule by rule.

pub mod load;
pub mod model;
pub mod pattern;
pub mod prefilter;
pub mod select;
pub mod template;
pub mod trigger_index;

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, OnceLock};

use regex::{Regex, RegexBuilder};

use crate::checks::{self, Check, CheckHit};
use crate::text::capitalise_first;
use crate::text::Document;
pub use model::{BadExample, Category, GoodExample, RuleDocs, Severity};
use model::{PhraseSpec, RuleSpec};
use pattern::{normalise_word, Element};
use template::{GroupRef, Template};
use trigger_index::{Key, TriggerIndex, TriggerMatch};

/// Largest compiled size of one user regex (bytes): keeps a hostile rule from
/// exhausting memory; the `regex` crate already guarantees linear-time matching.
pub const REGEX_SIZE_LIMIT: usize = 1 << 20;
/// Most phrases one rule may list.
pub const MAX_PHRASES_PER_RULE: usize = 10_000;

/// What a rule is, independent of how it matches: shared by findings and reports.
#[derive(Debug)]
pub struct RuleMeta {
    pub id: String,
    pub pack: String,
    pub category: Category,
    pub severity: Severity,
    pub message: String,
    /// The fix may be applied unattended.
    pub safe: bool,
    /// The rule proposes replacements.
    pub fixable: bool,
    /// Off unless a `select` entry names it (house-style preferences).
    pub opt_in: bool,
    /// Where the rule was defined (`rules/fa.toml`, or a user path).
    pub origin: String,
    /// 1-based line of the rule in its file.
    pub line: usize,
    /// The explanation and examples: see [`RuleMeta::explanation`].
    pub docs: Docs,
}

/// Where a rule's explanation and examples are.
///
/// Only `explain`, `test-rules`, hovers and SARIF read them, and they were
/// half of the JSON parsed at start-up: `build.rs` keeps the built-in rules'
/// apart, and each pack's are parsed on first use.
#[derive(Debug)]
pub enum Docs {
    Here(RuleDocs),
    /// Rule `rule` of built-in pack `file` (`load::BUILTIN_RULE_FILES`).
    Builtin {
        file: usize,
        rule: usize,
    },
}

impl Docs {
    /// An explanation and no examples (rules made in code).
    pub fn explanation(text: impl Into<String>) -> Docs {
        Docs::Here(RuleDocs {
            explanation: text.into(),
            ..RuleDocs::default()
        })
    }
}

impl RuleMeta {
    fn docs(&self) -> &RuleDocs {
        match &self.docs {
            Docs::Here(docs) => docs,
            Docs::Builtin { file, rule } => &load::builtin_docs(*file)[*rule],
        }
    }

    pub fn explanation(&self) -> &str {
        &self.docs().explanation
    }

    /// Sentences the rule must flag.
    pub fn bad(&self) -> &[BadExample] {
        &self.docs().bad
    }

    /// Sentences no rule may flag.
    pub fn good(&self) -> &[GoodExample] {
        &self.docs().good
    }
}

enum Matcher {
    /// Matched through the shared trigger index.
    Phrases,
    Regex(LazyRegex),
    Pattern(Vec<Element>),
    /// A code check, by its registered name.
    Check(&'static str, Box<dyn Check>),
}

/// A rule's regex, compiled on first use: most documents never need most
/// regexes (see [`prefilter`]), and compiling them all was most of start-up.
struct LazyRegex {
    source: String,
    compiled: OnceLock<Regex>,
    /// Every match holds a literal of each set ([`prefilter`]); none: run always.
    literals: Vec<Vec<Vec<u8>>>,
}

impl LazyRegex {
    fn get(&self) -> &Regex {
        self.compiled.get_or_init(|| {
            // Validated when the rule was loaded.
            build_regex(&self.source).expect("rule regex compiles")
        })
    }
}

fn build_regex(source: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(source)
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
}

/// A compiled rule.
pub struct Rule {
    pub meta: Arc<RuleMeta>,
    matcher: Matcher,
    replace: Vec<Template>,
    preserve_case: bool,
    unless_before: Vec<Element>,
    unless_after: Vec<Element>,
    skip_in_quotes: bool,
}

/// A rule's hit in one document, in the document's byte offsets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub rule: usize,
    pub start: usize,
    pub end: usize,
    pub replacements: Vec<String>,
    /// Replaces the rule's message for this hit (code checks only).
    pub message: Option<String>,
}

/// What a trigger of the shared index stands for.
enum Trigger {
    Phrase(PhraseTarget),
    /// A literal that regexes require (some share one).
    RegexLiterals(Vec<LiteralTarget>),
    /// An ASCII anchor word of pattern rules: an index into
    /// `RuleSet::anchor_lists`. It counts where it spans a whole token.
    AnchorWord(usize),
}

/// A required literal of a regex: finding it sets the bit of its set.
struct LiteralTarget {
    /// The regex: an index into `regex_rules`.
    regex: usize,
    /// The bit of the literal's set in the regex's `regex_needs`.
    set_bit: u8,
}

struct PhraseTarget {
    rule: usize,
    /// The phrase's own replacements; `None` uses the rule's.
    replace: Option<Vec<Template>>,
    word_start: bool,
    word_end: bool,
}

/// All rules, compiled together.
pub struct RuleSet {
    rules: Vec<Rule>,
    phrases: TriggerIndex,
    triggers: Vec<Trigger>,
    /// The regex rules, in rule order.
    regex_rules: Vec<usize>,
    /// Per regex rule: one bit per literal set, all of which a document
    /// must hit for the regex to run (0: it runs on every document).
    regex_needs: Vec<u8>,
    /// The regexes that need no literal, by their index in `regex_rules`.
    regex_always: Vec<usize>,
    /// Pattern rules by the words of one required literal element: the
    /// lists, and the words that key them. ASCII tokens find their lists
    /// through the shared index ([`Trigger::AnchorWord`]), which looks up
    /// every word once for all triggers. Only tokens with other characters
    /// are looked up here.
    anchor_lists: Vec<Vec<Anchor>>,
    pattern_anchors: HashMap<String, usize, BuildFastHash>,
    /// Pattern rules with no literal element: tried at every token.
    pattern_anywhere: Vec<usize>,
    /// The rules of each code check: a check runs once per document
    /// however many rules report it.
    check_groups: Vec<Vec<usize>>,
}

/// The working buffers of [`RuleSet::hits`], kept per thread from one
/// document to the next: a paragraph needs a dozen vectors, and allocating
/// them afresh showed among the largest allocation sites of a run.
#[derive(Default)]
struct Scratch {
    scan: ScanFindings,
    /// (start token, rule): the pattern attempts of a sentence, each tried
    /// once, in order.
    attempts: Vec<(usize, usize)>,
    caps: pattern::Captures,
    marked: Vec<(usize, usize)>,
    found: Vec<CheckHit>,
    rules: Vec<usize>,
}

impl Scratch {
    /// Most elements a kept vector may hold room for: a huge paragraph's
    /// buffers are dropped, not held by the thread for good (the language
    /// server's threads live long).
    const KEEP_CAPACITY: usize = 1 << 16;

    fn clear(&mut self, regexes: usize) {
        self.scan.regex_hit.clear();
        self.scan.regex_hit.resize(regexes, 0);
        self.scan.regex_touched.clear();
        self.scan.anchored.clear();
        self.scan.matches.clear();
    }

    /// Drop the buffers a huge paragraph grew.
    fn trim(&mut self) {
        fn trim<T>(v: &mut Vec<T>) {
            if v.capacity() > Scratch::KEEP_CAPACITY {
                *v = Vec::new();
            }
        }
        trim(&mut self.scan.regex_touched);
        trim(&mut self.scan.anchored);
        trim(&mut self.scan.matches);
        trim(&mut self.attempts);
        trim(&mut self.caps);
        trim(&mut self.marked);
        trim(&mut self.found);
        trim(&mut self.rules);
    }
}

thread_local! {
    static SCRATCH: Cell<Scratch> = Cell::new(Scratch::default());
}

/// What the trigger scan of one document found besides phrase hits.
#[derive(Default)]
struct ScanFindings {
    /// Per regex: the bits of the literal sets hit so far.
    regex_hit: Vec<u8>,
    /// The regexes of which a literal was hit (repeats included).
    regex_touched: Vec<usize>,
    /// (token, anchor list): ASCII tokens that are anchor words.
    anchored: Vec<(usize, usize)>,
    /// The trigger matches of the document.
    matches: Vec<TriggerMatch>,
}

/// A pattern rule keyed by the words of one of its required literal
/// elements: when a token is one of the words, the pattern can only start
/// `min..=max` tokens before it (the widths of the elements in front).
#[derive(Clone, Copy, Debug)]
struct Anchor {
    rule: usize,
    min: usize,
    max: usize,
}

/// FxHash: the anchor table is probed once per token with short keys, where
/// SipHash's DoS resistance buys nothing (the keys come from the rules).
#[derive(Default, Clone, Copy)]
struct FastHash(u64);

impl std::hash::Hasher for FastHash {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes(c.try_into().expect("8 bytes"));
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
    fn write_u8(&mut self, b: u8) {
        self.write(&[b]);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type BuildFastHash = std::hash::BuildHasherDefault<FastHash>;

/// A problem compiling one rule.
#[derive(Debug, Clone)]
pub struct RuleError {
    pub origin: String,
    pub line: usize,
    pub id: String,
    pub message: String,
}

impl std::fmt::Display for RuleError {
    /// `file:line: rule `id`: message`; a file that does not parse names
    /// no rule.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: ", self.origin, self.line)?;
        if !self.id.is_empty() {
            write!(f, "rule `{}`: ", self.id)?;
        }
        write!(f, "{}", self.message)
    }
}

/// A rule as read from a file, with where it came from.
pub struct SourcedRule {
    pub spec: RuleSpec,
    pub pack: String,
    pub origin: String,
    pub line: usize,
    /// A built-in rule, `(file, rule)` in `load::BUILTIN_RULE_FILES`: its
    /// regex is compiled on first use, not at load, and its explanation and
    /// examples are read on first use ([`Docs::Builtin`]). A user rule's
    /// regex is compiled at load when it may exceed the size limit, so that
    /// the error surfaces there ([`prefilter::compiled_size_bound`]).
    pub builtin: Option<(usize, usize)>,
}

impl RuleSet {
    /// Compile rules. Rules later in `specs` replace earlier ones with the
    /// same id (so a user directory can override a built-in rule).
    pub fn compile(specs: Vec<SourcedRule>) -> Result<RuleSet, Vec<RuleError>> {
        let mut by_id: HashMap<String, usize> = HashMap::new();
        let mut rules: Vec<Option<Rule>> = Vec::new();
        let mut phrase_lists: Vec<(usize, PhraseList)> = Vec::new();
        let mut errors = Vec::new();
        // Rules compile independently (regex parsing is most of the work):
        // in parallel, then placed in order.
        use rayon::prelude::*;
        let compiled: Vec<_> = specs
            .into_par_iter()
            .map(|sourced| {
                let id = sourced.spec.id.clone();
                let err = |message: String| RuleError {
                    origin: sourced.origin.clone(),
                    line: sourced.line,
                    id: id.clone(),
                    message,
                };
                compile_rule(
                    sourced.spec,
                    &sourced.pack,
                    &sourced.origin,
                    sourced.line,
                    sourced.builtin,
                )
                .map(|r| (id.clone(), r))
                .map_err(err)
            })
            .collect();
        for c in compiled {
            match c {
                Ok((id, (rule, phrases))) => {
                    let slot = match by_id.get(&id) {
                        Some(&i) => {
                            phrase_lists.retain(|(r, _)| *r != i);
                            i
                        }
                        None => {
                            rules.push(None);
                            by_id.insert(id, rules.len() - 1);
                            rules.len() - 1
                        }
                    };
                    rules[slot] = Some(rule);
                    if let Some(p) = phrases {
                        phrase_lists.push((slot, p));
                    }
                }
                Err(e) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let rules: Vec<Rule> = rules.into_iter().flatten().collect();
        build(rules, phrase_lists).map_err(|message| {
            vec![RuleError {
                origin: "(rule set)".into(),
                line: 0,
                id: String::new(),
                message,
            }]
        })
    }

    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn meta(&self, rule: usize) -> &Arc<RuleMeta> {
        &self.rules[rule].meta
    }

    /// Index of the rule with this id.
    pub fn find(&self, id: &str) -> Option<usize> {
        self.rules.iter().position(|r| r.meta.id == id)
    }

    /// Every hit of every enabled rule in `doc`.
    pub fn hits(&self, doc: &Document, enabled: &[bool]) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut scratch = SCRATCH.with(Cell::take);
        scratch.clear(self.regex_rules.len());
        let scan = &mut scratch.scan;
        self.phrase_hits(doc, enabled, scan, &mut hits);
        if has_folds_to_ascii(doc.text()) {
            scan.regex_hit.copy_from_slice(&self.regex_needs);
            scan.regex_touched = (0..self.regex_rules.len()).collect();
        }
        self.regex_hits(doc, enabled, scan, &mut hits);
        self.pattern_hits(doc, enabled, &mut scratch, &mut hits);
        let Scratch { found, rules, .. } = &mut scratch;
        for group in &self.check_groups {
            rules.clear();
            rules.extend(group.iter().copied().filter(|&r| enabled[r]));
            let Some((&last, others)) = rules.split_last() else {
                continue;
            };
            let Matcher::Check(_, check) = &self.rules[last].matcher else {
                continue;
            };
            found.clear();
            check.run(doc, found);
            for &r in others {
                for h in found.iter() {
                    let (replacements, message) = (h.replacements.clone(), h.message.clone());
                    self.accept(doc, r, h.start, h.end, replacements, message, &mut hits);
                }
            }
            for h in found.drain(..) {
                self.accept(
                    doc,
                    last,
                    h.start,
                    h.end,
                    h.replacements,
                    h.message,
                    &mut hits,
                );
            }
        }
        scratch.trim();
        SCRATCH.with(|cell| cell.set(scratch));
        hits
    }

    /// One pass of the trigger index: phrase hits, which regexes may
    /// match, and the tokens that anchor pattern rules.
    fn phrase_hits(
        &self,
        doc: &Document,
        enabled: &[bool],
        scan: &mut ScanFindings,
        hits: &mut Vec<Hit>,
    ) {
        let text = doc.text();
        // The index holds lower-cased strings and runs over the
        // ASCII-lowered text (same offsets, whitespace runs folded).
        let searched = doc.phrase_text().as_bytes();
        let mut matches = std::mem::take(&mut scan.matches);
        let tokens = doc.tokens();
        if doc.phrase_text_is_spaced_tokens() {
            // The tokenizer's word keys spare reading most words again.
            self.phrases
                .for_each_match_in_tokens(searched, tokens, |m| matches.push(m));
        } else {
            self.phrases.for_each_match(searched, |m| matches.push(m));
        }
        // A cursor on the first token not starting before the latest anchor
        // word hit: hits mostly come in order of start.
        let mut token = 0;
        for m in matches.drain(..) {
            let target = match &self.triggers[m.pattern] {
                Trigger::Phrase(t) => t,
                Trigger::RegexLiterals(literals) => {
                    for l in literals {
                        scan.regex_hit[l.regex] |= l.set_bit;
                        scan.regex_touched.push(l.regex);
                    }
                    continue;
                }
                Trigger::AnchorWord(list) => {
                    // No token boundary falls between two letters.
                    let inside = |a: usize, b: usize| {
                        searched.get(a).is_some_and(u8::is_ascii_alphabetic)
                            && searched.get(b).is_some_and(u8::is_ascii_alphabetic)
                    };
                    if m.start > 0 && inside(m.start - 1, m.start) || inside(m.end - 1, m.end) {
                        continue;
                    }
                    let (start, end) = doc.unfold(m.start, m.end);
                    if tokens.get(token).is_none_or(|t| t.start > start) {
                        token = doc.token_at_or_after(start);
                    }
                    while tokens.get(token).is_some_and(|t| t.start < start) {
                        token += 1;
                    }
                    if tokens
                        .get(token)
                        .is_some_and(|t| t.start == start && t.end == end)
                    {
                        scan.anchored.push((token, *list));
                    }
                    continue;
                }
            };
            if !enabled[target.rule] {
                continue;
            }
            let (start, end) = doc.unfold(m.start, m.end);
            if target.word_start && text[..start].chars().next_back().is_some_and(is_word_char) {
                continue;
            }
            if target.word_end && text[end..].chars().next().is_some_and(is_word_char) {
                continue;
            }
            let rule = &self.rules[target.rule];
            let templates = target.replace.as_ref().unwrap_or(&rule.replace);
            let matched = &text[start..end];
            let repl = templates
                .iter()
                .map(|t| {
                    t.expand(|g| match g {
                        GroupRef::Index(0) => Some(matched),
                        _ => None,
                    })
                })
                .collect();
            self.accept(doc, target.rule, start, end, repl, None, hits);
        }
        scan.matches = matches;
    }

    /// The regexes whose literals were all found (and those that need
    /// none), in rule order.
    fn regex_hits(
        &self,
        doc: &Document,
        enabled: &[bool],
        scan: &mut ScanFindings,
        hits: &mut Vec<Hit>,
    ) {
        let text = doc.text();
        let candidates = &mut scan.regex_touched;
        candidates.extend_from_slice(&self.regex_always);
        candidates.sort_unstable();
        candidates.dedup();
        for &i in candidates.iter() {
            let r = self.regex_rules[i];
            if scan.regex_hit[i] != self.regex_needs[i] || !enabled[r] {
                continue;
            }
            let rule = &self.rules[r];
            let Matcher::Regex(re) = &rule.matcher else {
                continue;
            };
            for caps in re.get().captures_iter(text) {
                let span = caps.name("m").or_else(|| caps.get(0)).expect("group 0");
                if span.is_empty() && rule.replace.is_empty() {
                    continue;
                }
                let repl = rule
                    .replace
                    .iter()
                    .map(|t| {
                        t.expand(|g| match g {
                            GroupRef::Index(i) => caps.get(*i).map(|m| m.as_str()),
                            GroupRef::Name(n) => caps.name(n).map(|m| m.as_str()),
                        })
                    })
                    .collect();
                self.accept(doc, r, span.start(), span.end(), repl, None, hits);
            }
        }
    }

    /// Pattern rules, tried where their anchor words are: `anchored` holds
    /// the (token, anchor list) pairs the scan found among ASCII tokens.
    fn pattern_hits(
        &self,
        doc: &Document,
        enabled: &[bool],
        scratch: &mut Scratch,
        hits: &mut Vec<Hit>,
    ) {
        let Scratch {
            scan: ScanFindings { anchored, .. },
            attempts,
            caps,
            marked,
            ..
        } = scratch;
        // Tokens with other characters are looked up here, with their
        // apostrophes straightened.
        if !doc.text().is_ascii() {
            for i in 0..doc.tokens().len() {
                let lower = doc.token_lower(i);
                if lower.is_ascii() {
                    continue;
                }
                let list = self
                    .pattern_anchors
                    .get(lower)
                    .or_else(|| self.pattern_anchors.get(&normalise_word(lower)));
                if let Some(&list) = list {
                    anchored.push((i, list));
                }
            }
        }
        anchored.sort_unstable();
        let mut anchored = anchored.iter().peekable();
        for sentence in doc.sentences() {
            attempts.clear();
            let floor = sentence.tokens.start;
            while let Some(&(i, list)) = anchored.next_if(|(i, _)| *i < sentence.tokens.end) {
                if i < floor {
                    continue;
                }
                for a in &self.anchor_lists[list] {
                    if !enabled[a.rule] || i < floor + a.min {
                        continue;
                    }
                    let first = i.saturating_sub(a.max).max(floor);
                    attempts.extend((first..=i - a.min).map(|s| (s, a.rule)));
                }
            }
            if !self.pattern_anywhere.is_empty() {
                for i in sentence.tokens.clone() {
                    for &r in &self.pattern_anywhere {
                        if enabled[r] {
                            attempts.push((i, r));
                        }
                    }
                }
            }
            if !attempts.is_sorted() {
                attempts.sort_unstable();
            }
            attempts.dedup();
            for &(i, r) in attempts.iter() {
                {
                    let Matcher::Pattern(elements) = &self.rules[r].matcher else {
                        continue;
                    };
                    if !pattern::match_into(elements, doc, i, sentence.tokens.end, caps) {
                        continue;
                    }
                    let first = caps.iter().find(|c| !c.is_empty());
                    let last = caps.iter().rev().find(|c| !c.is_empty());
                    let (Some(first), Some(last)) = (first, last) else {
                        continue;
                    };
                    let span_of = |range: &std::ops::Range<usize>| {
                        (doc.token(range.start).start, doc.token(range.end - 1).end)
                    };
                    let (mut start, mut end) = (span_of(first).0, span_of(last).1);
                    marked.clear();
                    marked.extend(
                        elements
                            .iter()
                            .zip(caps.iter())
                            .filter(|(e, c)| e.mark && !c.is_empty())
                            .map(|(_, c)| span_of(c)),
                    );
                    if let (Some(a), Some(b)) = (marked.first(), marked.last()) {
                        start = a.0;
                        end = b.1;
                    }
                    let text = doc.text();
                    let (whole_start, whole_end) = (span_of(first).0, span_of(last).1);
                    let repl = self.rules[r]
                        .replace
                        .iter()
                        .map(|t| {
                            t.expand(|g| match g {
                                GroupRef::Index(0) => Some(&text[whole_start..whole_end]),
                                GroupRef::Index(n) => {
                                    caps.get(n - 1).filter(|c| !c.is_empty()).map(|c| {
                                        let (a, b) = span_of(c);
                                        &text[a..b]
                                    })
                                }
                                GroupRef::Name(_) => None,
                            })
                        })
                        .collect();
                    self.accept(doc, r, start, end, repl, None, hits);
                }
            }
        }
    }

    /// Apply the rule's exceptions and case handling, then record the hit.
    #[allow(clippy::too_many_arguments)]
    fn accept(
        &self,
        doc: &Document,
        r: usize,
        start: usize,
        end: usize,
        replacements: Vec<String>,
        message: Option<String>,
        hits: &mut Vec<Hit>,
    ) {
        let rule = &self.rules[r];
        if !doc.tokens().is_empty() {
            let first = doc.token_at_or_after(start).min(doc.tokens().len() - 1);
            let after = doc.token_at_or_after(end);
            if rule.skip_in_quotes && doc.in_quote(first) {
                return;
            }
            let sentence = &doc.sentences()[doc.sentence_index(first)];
            if !rule.unless_after.is_empty()
                && pattern::matches_before(&rule.unless_after, doc, first, sentence.tokens.start)
            {
                return;
            }
            if !rule.unless_before.is_empty()
                && pattern::matches_after(&rule.unless_before, doc, after, sentence.tokens.end)
            {
                return;
            }
        }
        let matched = &doc.text()[start..end];
        let capital = matched.chars().next().is_some_and(char::is_uppercase);
        let mut out: Vec<String> = Vec::with_capacity(replacements.len());
        for rep in replacements {
            let rep = if rule.preserve_case && capital {
                capitalise_first(&rep)
            } else {
                rep
            };
            if rep != matched && !out.contains(&rep) {
                out.push(rep);
            }
        }
        hits.push(Hit {
            rule: r,
            start,
            end,
            replacements: out,
            message,
        });
    }
}

/// Does `text` hold a character of [`prefilter::FOLDS_TO_ASCII`]? Two byte
/// searches: much faster than decoding every character of every paragraph.
/// The searchers are built once (building one per paragraph cost more than
/// the search).
fn has_folds_to_ascii(text: &str) -> bool {
    static FINDERS: LazyLock<Vec<memchr::memmem::Finder<'static>>> = LazyLock::new(|| {
        prefilter::FOLDS_TO_ASCII
            .iter()
            .map(|c| memchr::memmem::Finder::new(c.to_string().as_bytes()).into_owned())
            .collect()
    });
    FINDERS.iter().any(|f| f.find(text.as_bytes()).is_some())
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

type PhraseList = Vec<(String, Option<Vec<String>>)>;

fn compile_rule(
    spec: RuleSpec,
    pack: &str,
    origin: &str,
    line: usize,
    builtin: Option<(usize, usize)>,
) -> Result<(Rule, Option<PhraseList>), String> {
    let eager_regex = builtin.is_none();
    validate_id(&spec.id, pack)?;
    let matchers = [
        spec.phrases.is_some(),
        spec.regex.is_some(),
        spec.pattern.is_some(),
        spec.check.is_some(),
    ];
    if matchers.iter().filter(|&&m| m).count() != 1 {
        return Err("a rule needs exactly one of `phrases`, `regex`, `pattern`, `check`".into());
    }
    let replace_strings = spec
        .replace
        .clone()
        .map(|r| r.into_vec())
        .unwrap_or_default();
    let replace = replace_strings
        .iter()
        .map(|s| Template::parse(s))
        .collect::<Result<Vec<_>, _>>()?;
    let mut phrases = None;
    let mut fixable = !replace.is_empty();
    let matcher = if let Some(p) = spec.phrases {
        let list: PhraseList = match p {
            PhraseSpec::List(v) => v.into_iter().map(|s| (s, None)).collect(),
            PhraseSpec::Table(t) => {
                fixable = true;
                t.into_iter()
                    .map(|(k, v)| (k, Some(v.into_vec())))
                    .collect()
            }
        };
        if list.is_empty() {
            return Err("`phrases` is empty".into());
        }
        if list.len() > MAX_PHRASES_PER_RULE {
            return Err(format!(
                "{} phrases: at most {MAX_PHRASES_PER_RULE} per rule",
                list.len()
            ));
        }
        for (p, r) in &list {
            if p.trim().is_empty() {
                return Err("a phrase is empty".into());
            }
            for s in r.iter().flatten() {
                Template::parse(s)?;
            }
        }
        phrases = Some(list);
        Matcher::Phrases
    } else if let Some(re) = &spec.regex {
        let source = prefilter::rule_regex_source(re, spec.case_sensitive);
        // The syntax check, the literals and the group names come from the
        // parser (for the built-in rules, run by `build.rs`); the (costly)
        // compilation waits for first use unless asked for now.
        let facts = match spec.regex_analysis {
            Some(a) => prefilter::RegexFacts {
                literals: a
                    .literals
                    .into_iter()
                    .map(|set| {
                        set.into_iter()
                            .map(model::StoredLiteral::into_bytes)
                            .collect()
                    })
                    .collect(),
                groups: a.groups,
                // Not needed: built-in regexes are compiled on first use.
                size_bound: 0,
            },
            None => {
                prefilter::analyse_rule_regex(&source).map_err(|e| format!("invalid regex: {e}"))?
            }
        };
        let lazy = LazyRegex {
            compiled: OnceLock::new(),
            source,
            literals: facts.literals,
        };
        // Only a regex that may exceed the size limit is compiled now, so
        // that the error names its rule and line.
        if eager_regex && facts.size_bound > REGEX_SIZE_LIMIT {
            let compiled = build_regex(&lazy.source).map_err(|e| format!("invalid regex: {e}"))?;
            let _ = lazy.compiled.set(compiled);
        }
        for t in &replace {
            for g in t.groups() {
                match g {
                    GroupRef::Index(i) if *i > facts.groups.len() => {
                        return Err(format!(
                            "replacement refers to group ${i}, which the regex does not have"
                        ));
                    }
                    GroupRef::Name(n) if n.is_empty() || !facts.groups.contains(n) => {
                        return Err(format!(
                            "replacement refers to group `{n}`, which the regex does not have"
                        ));
                    }
                    _ => {}
                }
            }
        }
        Matcher::Regex(lazy)
    } else if let Some(elements) = &spec.pattern {
        if elements.is_empty() {
            return Err("`pattern` is empty".into());
        }
        let compiled = elements
            .iter()
            .map(Element::compile)
            .collect::<Result<Vec<_>, _>>()?;
        if compiled.iter().all(|e| e.optional || e.skip.is_some()) {
            return Err("a pattern needs at least one required element".into());
        }
        for t in &replace {
            for g in t.groups() {
                match g {
                    GroupRef::Index(i) if *i > compiled.len() => {
                        return Err(format!(
                            "replacement refers to ${i}, but the pattern has {} elements",
                            compiled.len()
                        ));
                    }
                    GroupRef::Name(n) => {
                        return Err(format!(
                            "patterns have no named groups (`{n}`): use $1, $2, …"
                        ));
                    }
                    _ => {}
                }
            }
        }
        Matcher::Pattern(compiled)
    } else {
        let name = spec.check.as_deref().unwrap_or_default();
        let check = checks::by_name(name).ok_or_else(|| {
            format!(
                "unknown check `{name}` (known: {})",
                checks::NAMES.join(", ")
            )
        })?;
        fixable = check.fixable();
        let name = checks::NAMES
            .iter()
            .find(|n| **n == name)
            .expect("a check found by name is listed");
        Matcher::Check(name, check)
    };
    let simple = |list: &[model::TokenTestSpec], field: &str| -> Result<Vec<Element>, String> {
        list.iter()
            .map(|s| {
                if s.optional || s.skip.is_some() {
                    Err(format!("`{field}` elements cannot be optional or skip"))
                } else {
                    Element::compile(s)
                }
            })
            .collect()
    };
    let unless_before = spec
        .unless_before
        .iter()
        .map(Element::compile)
        .collect::<Result<Vec<_>, _>>()?;
    let unless_after = simple(&spec.unless_after, "unless_after")?;
    let docs = match builtin {
        // Checked by `test-rules` ([`crate::lint::examples`]), which reads them.
        Some((file, rule)) => Docs::Builtin { file, rule },
        None => {
            let docs = RuleDocs {
                explanation: spec.explanation,
                bad: spec.bad,
                good: spec.good,
            };
            if let Some(problem) = examples_problem(&docs.bad, &docs.good, fixable) {
                return Err(problem);
            }
            Docs::Here(docs)
        }
    };
    let meta = RuleMeta {
        id: spec.id,
        pack: pack.to_string(),
        category: spec.category,
        severity: spec.severity,
        message: spec.message,
        safe: spec.safe,
        fixable,
        opt_in: spec.opt_in,
        origin: origin.to_string(),
        line,
        docs,
    };
    Ok((
        Rule {
            meta: Arc::new(meta),
            matcher,
            replace,
            preserve_case: spec.preserve_case,
            unless_before,
            unless_after,
            skip_in_quotes: spec.skip_in_quotes,
        },
        phrases,
    ))
}

/// What is wrong with a rule's examples, if anything: checked at load for
/// user rules, by `test-rules` for the built-in ones (whose examples are
/// not read at load, see [`Docs`]).
pub fn examples_problem(bad: &[BadExample], good: &[GoodExample], fixable: bool) -> Option<String> {
    if bad.is_empty() || good.is_empty() {
        return Some(
            "every rule needs at least one [[rule.bad]] and one [[rule.good]] example".into(),
        );
    }
    bad.iter()
        .find(|b| fixable && b.fixed.is_none())
        .map(|b| format!("bad example `{}` needs `fixed`: the rule has a fix", b.text))
}

fn validate_id(id: &str, pack: &str) -> Result<(), String> {
    let ok = id.split('.').count() >= 3
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
        && !id.split('.').any(str::is_empty);
    if !ok {
        return Err("ids are dotted lowercase words: `calque.<pack>.<name>`".into());
    }
    if pack.is_empty() {
        return Err("no pack: set `pack` in the file or the rule".into());
    }
    Ok(())
}

/// The element a pattern is looked up by: a required element with a word
/// list. Any such element fixes where the pattern can start, since every
/// element has a bounded width; the one with the longest shortest word
/// (function words are short and frequent), then the shortest list, wins.
/// Returns (index, min, max tokens before it).
fn anchor_of(elements: &[Element]) -> Option<(usize, usize, usize)> {
    // A higher score is a rarer anchor.
    type Score = (usize, std::cmp::Reverse<usize>);
    // (score, index, min, max)
    let mut best: Option<(Score, usize, usize, usize)> = None;
    let (mut min, mut max) = (0, 0);
    for (k, e) in elements.iter().enumerate() {
        if let (Some(words), false, None) = (e.test.anchor_words(), e.optional, e.skip) {
            let shortest = words.iter().map(|w| w.chars().count()).min().unwrap_or(0);
            let score = (shortest, std::cmp::Reverse(words.len()));
            if best.as_ref().is_none_or(|b| score > b.0) && !words.is_empty() {
                best = Some((score, k, min, max));
            }
        }
        match (e.optional, e.skip) {
            (_, Some(n)) => max += n as usize,
            (true, None) => max += 1,
            (false, None) => {
                min += 1;
                max += 1;
            }
        }
    }
    best.map(|(_, k, min, max)| (k, min, max))
}

fn build(rules: Vec<Rule>, phrase_lists: Vec<(usize, PhraseList)>) -> Result<RuleSet, String> {
    let mut patterns: Vec<Key> = Vec::new();
    let mut targets = Vec::new();
    for (rule, list) in phrase_lists {
        for (phrase, repl) in list {
            let replace = match repl {
                Some(v) => Some(
                    v.iter()
                        .map(|s| Template::parse(s))
                        .collect::<Result<Vec<_>, _>>()?,
                ),
                None => None,
            };
            let first = phrase.chars().next().unwrap_or(' ');
            let last = phrase.chars().next_back().unwrap_or(' ');
            // Straight and curly apostrophes are both matched.
            let mut variants = vec![phrase.clone()];
            if phrase.contains('\'') {
                variants.push(phrase.replace('\'', "\u{2019}"));
            }
            for v in variants {
                let mut bytes = v.into_bytes();
                bytes.make_ascii_lowercase();
                // A phrase that starts (ends) with a letter must not follow
                // (precede) one.
                let known_word_start = bytes.first().is_some_and(u8::is_ascii_alphabetic);
                let known_word_end = bytes.last().is_some_and(u8::is_ascii_alphabetic);
                patterns.push(Key {
                    bytes,
                    known_word_start,
                    known_word_end,
                });
                targets.push(Trigger::Phrase(PhraseTarget {
                    rule,
                    replace: replace.clone(),
                    word_start: is_word_char(first),
                    word_end: is_word_char(last),
                }));
            }
        }
    }
    let mut regex_rules = Vec::new();
    let mut regex_needs = Vec::new();
    // Regex literals → their pattern.
    let mut literal_patterns: HashMap<Key, usize> = HashMap::new();
    let mut pattern_anchors: HashMap<String, usize, BuildFastHash> = HashMap::default();
    let mut anchor_lists: Vec<Vec<Anchor>> = Vec::new();
    let mut regex_always = Vec::new();
    let mut pattern_anywhere = Vec::new();
    let mut check_groups: Vec<(&'static str, Vec<usize>)> = Vec::new();
    for (i, rule) in rules.iter().enumerate() {
        match &rule.matcher {
            Matcher::Phrases => {}
            Matcher::Regex(re) => {
                let slot = regex_rules.len();
                regex_rules.push(i);
                let mut needs = 0u8;
                for (k, set) in re.literals.iter().enumerate() {
                    let keys: Vec<Key> = set
                        .iter()
                        .map(|l| {
                            let (bytes, known_word_start, known_word_end) =
                                prefilter::boundaries(l);
                            Key {
                                bytes,
                                known_word_start,
                                known_word_end,
                            }
                        })
                        .collect();
                    // A set the index cannot search for filters nothing.
                    if !keys.iter().all(trigger_index::can_index) {
                        continue;
                    }
                    let set_bit = 1 << k;
                    needs |= set_bit;
                    for key in keys {
                        let pattern = *literal_patterns.entry(key).or_insert_with_key(|key| {
                            patterns.push(key.clone());
                            targets.push(Trigger::RegexLiterals(Vec::new()));
                            patterns.len() - 1
                        });
                        if let Trigger::RegexLiterals(list) = &mut targets[pattern] {
                            list.push(LiteralTarget {
                                regex: slot,
                                set_bit,
                            });
                        }
                    }
                }
                if needs == 0 {
                    regex_always.push(slot);
                }
                regex_needs.push(needs);
            }
            Matcher::Pattern(elements) => match anchor_of(elements) {
                Some((k, min, max)) => {
                    let words = elements[k].test.anchor_words().unwrap_or_default();
                    for w in words {
                        let list = *pattern_anchors.entry(w.clone()).or_insert_with(|| {
                            anchor_lists.push(Vec::new());
                            anchor_lists.len() - 1
                        });
                        anchor_lists[list].push(Anchor { rule: i, min, max });
                    }
                }
                None => pattern_anywhere.push(i),
            },
            Matcher::Check(name, _) => match check_groups.iter_mut().find(|(n, _)| n == name) {
                Some((_, rules)) => rules.push(i),
                None => check_groups.push((*name, vec![i])),
            },
        }
    }
    // ASCII anchor words are found by the scan (a token is never empty
    // and never holds upper case, as looked up).
    let mut words: Vec<(&String, &usize)> = pattern_anchors.iter().collect();
    words.sort_unstable();
    for (word, &list) in words {
        if !word.is_empty() && word.is_ascii() && *word == word.to_ascii_lowercase() {
            // A token begins and ends next to bytes that are not letters.
            patterns.push(Key {
                bytes: word.as_bytes().to_vec(),
                known_word_start: true,
                known_word_end: true,
            });
            targets.push(Trigger::AnchorWord(list));
        }
    }
    let phrases = TriggerIndex::new(&patterns)?;
    Ok(RuleSet {
        rules,
        phrases,
        triggers: targets,
        regex_rules,
        regex_needs,
        anchor_lists,
        pattern_anchors,
        regex_always,
        pattern_anywhere,
        check_groups: check_groups.into_iter().map(|(_, rules)| rules).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_error_names_its_rule_only_when_there_is_one() {
        let error = |id: &str| RuleError {
            origin: "house.toml".into(),
            line: 8,
            id: id.into(),
            message: "unclosed array".into(),
        };
        assert_eq!(
            error("").to_string(),
            "house.toml:8: unclosed array",
            "a file that does not parse"
        );
        assert_eq!(
            error("calque.x.a").to_string(),
            "house.toml:8: rule `calque.x.a`: unclosed array"
        );
    }

    #[test]
    fn scratch_keeps_small_buffers_and_drops_huge_ones() {
        let mut scratch = Scratch::default();
        scratch.attempts.reserve(100);
        scratch.scan.anchored.reserve(Scratch::KEEP_CAPACITY + 1);
        scratch.scan.regex_hit.push(1);
        scratch.trim();
        assert!(scratch.attempts.capacity() >= 100);
        assert_eq!(scratch.scan.anchored.capacity(), 0);
        scratch.clear(3);
        assert_eq!(scratch.scan.regex_hit, [0, 0, 0]);
    }

    /// A user rule of a test pack, from its TOML.
    fn test_rule(toml: &str) -> SourcedRule {
        SourcedRule {
            spec: toml::from_str(toml).expect("rule spec"),
            pack: "test".into(),
            origin: "test".into(),
            line: 1,
            builtin: None,
        }
    }

    #[test]
    fn regexes_are_found_whether_or_not_their_literals_can_be_indexed() {
        // `ness` may sit anywhere in a word: no word or byte of it can be
        // looked up, so its regex runs on every paragraph. `informs` begins
        // a word (`\b`), and `, ,` is filed under its comma.
        let regexes = [r"ness\b", r"\binforms\b", r",\s*,"];
        let specs: Vec<SourcedRule> = regexes
            .iter()
            .enumerate()
            .map(|(i, re)| {
                test_rule(&format!(
                    "id = \"calque.test.r{i}\"\ncategory = \"style\"\nseverity = \"info\"\n\
                     message = \"m\"\nregex = '{re}'\n\
                     [[bad]]\ntext = \"seriousness, , informs\"\n\
                     [[good]]\ntext = \"nothing here\"\n"
                ))
            })
            .collect();
        let set = RuleSet::compile(specs).expect("compiles");
        let text = "The seriousness of it, , he informs us. Informs, reinforms.";
        let doc = Document::new(text);
        let mut found: Vec<(usize, &str)> = set
            .hits(&doc, &[true, true, true])
            .iter()
            .map(|h| (h.rule, &text[h.start..h.end]))
            .collect();
        found.sort_unstable();
        assert_eq!(
            found,
            [(0, "ness"), (1, "Informs"), (1, "informs"), (2, ", ,")]
        );
    }

    #[test]
    fn a_check_named_by_two_rules_reports_for_both() {
        let specs: Vec<SourcedRule> = ["calque.test.one", "calque.test.two"]
            .iter()
            .map(|id| {
                test_rule(&format!(
                    "id = \"{id}\"\ncategory = \"redundancy\"\nseverity = \"warning\"\n\
                     message = \"repeated\"\ncheck = \"repeated-word\"\n\
                     [[bad]]\ntext = \"the the\"\nfixed = \"the\"\n\
                     [[good]]\ntext = \"the end\"\n"
                ))
            })
            .collect();
        let set = RuleSet::compile(specs).expect("compiles");
        let doc = Document::new("They met the the minister.");
        let hits = set.hits(&doc, &[true, true]);
        let mut rules: Vec<usize> = hits.iter().map(|h| h.rule).collect();
        rules.sort_unstable();
        assert_eq!(rules, [0, 1]);
        assert!(hits
            .iter()
            .all(|h| (h.start, h.end) == (hits[0].start, hits[0].end)));
        // One rule off: the check still runs for the other.
        let hits = set.hits(&doc, &[false, true]);
        assert_eq!(hits.iter().map(|h| h.rule).collect::<Vec<_>>(), [1]);
    }
}
