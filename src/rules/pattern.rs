//! Token patterns: compiled token tests and the matcher that runs them.

use regex::Regex;

use super::model::{TokenRegexAnalysis, TokenTestSpec};
use super::prefilter;
use crate::lexicon::{lexicon, WordClass};
use crate::text::{is_apostrophe, Document, TokenKind};

/// One compiled token test (all parts must hold).
#[derive(Clone, Debug, Default)]
pub struct TokenTest {
    words: Option<WordSet>,
    not_words: WordSet,
    regex: Option<TokenRegex>,
    class: Option<WordClass>,
    not_class: Option<WordClass>,
    cap: Option<bool>,
    number: Option<bool>,
    punct: Option<bool>,
    sentence_start: Option<bool>,
}

/// A token test's word list (lower-cased, apostrophes straightened), with a
/// filter on the words' lengths and first bytes.
///
/// Why: a test is tried at many tokens, and most are not in its list; a
/// walk of the list compared each entry, and a long list (sixty words)
/// cost a few hundred instructions a token. Two bit tests turn away most
/// of the others.
///
/// Why not [`crate::text::WordShapes`]: a rule set holds hundreds of token
/// tests, and its 2 KB table per list would be most of their memory and
/// start-up; two words per list filter nearly as well.
#[derive(Clone, Debug, Default)]
struct WordSet {
    words: Vec<String>,
    /// Bit `len.min(63)` is set when a listed word has that length.
    lengths: u64,
    /// Bit `first byte % 64` is set when a listed word starts with that byte.
    firsts: u64,
}

impl WordSet {
    fn new(words: Vec<String>) -> WordSet {
        let (mut lengths, mut firsts) = (0, 0);
        for w in &words {
            lengths |= 1 << w.len().min(63);
            if let Some(&b) = w.as_bytes().first() {
                firsts |= 1 << (b % 64);
            }
        }
        WordSet {
            words,
            lengths,
            firsts,
        }
    }

    fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Is a token whose text starts with byte `first` (ASCII-lowered)
    /// surely not listed? An ASCII first byte stays as it is in the list's
    /// form ([`comparable`]): no need to read the whole word.
    #[inline]
    fn rules_out(&self, first: u8) -> bool {
        first.is_ascii() && self.firsts >> (first % 64) & 1 == 0
    }

    /// Is `word` (in the list's form) listed?
    #[inline]
    fn contains(&self, word: &[u8]) -> bool {
        if self.lengths >> word.len().min(63) & 1 == 0 {
            return false;
        }
        if word
            .first()
            .is_some_and(|&b| self.firsts >> (b % 64) & 1 == 0)
        {
            return false;
        }
        self.words.iter().any(|w| w.as_bytes() == word)
    }
}

/// A token test's regex, compiled on first use (most never run on a given
/// text, and compiling them all was a large part of start-up). The syntax is
/// checked when the rule is loaded, or for the built-in rules when calque is
/// built (`build.rs`).
#[derive(Clone)]
struct TokenRegex {
    source: String,
    compiled: std::sync::OnceLock<Regex>,
    /// The regex matches only these words (lower-cased), when it is a plain
    /// alternation of words such as `PM|P\.M\.`: lets the pattern be
    /// looked up by them.
    words: Option<Vec<String>>,
}

/// Whether the regex is compiled yet is a cache, not what the test means:
/// left out, so that a rule reads the same before and after first use.
impl std::fmt::Debug for TokenRegex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenRegex")
            .field("source", &self.source)
            .field("words", &self.words)
            .finish()
    }
}

impl TokenRegex {
    /// `analysed`: the words `build.rs` worked out
    /// ([`prefilter::token_regex_words`]); `None` parses `r` to find them.
    fn new(r: &str, analysed: Option<&TokenRegexAnalysis>) -> Result<TokenRegex, String> {
        let words = match analysed {
            Some(a) => a.words.clone(),
            None => {
                prefilter::token_regex_words(r).map_err(|e| format!("invalid regex `{r}`: {e}"))?
            }
        };
        let regex = TokenRegex {
            source: prefilter::token_regex_source(r),
            compiled: std::sync::OnceLock::new(),
            words: words.map(|w| w.iter().map(|w| normalise_word(w)).collect()),
        };
        if analysed.is_none() {
            // A user rule's token regex (rare) is compiled now: one past the
            // size limit must be reported at load, with its rule and line,
            // not found at first use. The built-in ones are proved to
            // compile by the test suite.
            let compiled = regex
                .build()
                .map_err(|e| format!("invalid regex `{r}`: {e}"))?;
            let _ = regex.compiled.set(compiled);
        }
        Ok(regex)
    }

    fn build(&self) -> Result<Regex, regex::Error> {
        regex::RegexBuilder::new(&self.source)
            .size_limit(1 << 20)
            .build()
    }

    fn is_match(&self, text: &str) -> bool {
        self.compiled
            .get_or_init(|| self.build().expect("token regex was checked at load"))
            .is_match(text)
    }
}

/// A pattern element: a test plus how it repeats and whether it is marked.
#[derive(Clone, Debug)]
pub struct Element {
    pub test: TokenTest,
    pub optional: bool,
    /// `Some(n)`: up to `n` tokens that each pass `test`.
    pub skip: Option<u8>,
    pub mark: bool,
}

/// Lower-case a word and straighten its apostrophes, for comparisons.
pub fn normalise_word(s: &str) -> String {
    if s.is_ascii() {
        // Nearly every word: one allocation (collecting the characters
        // grew the string one reallocation at a time, a tenth of start-up).
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    out.extend(
        s.chars()
            .map(|c| if is_apostrophe(c) { '\'' } else { c })
            .flat_map(char::to_lowercase),
    );
    out
}

/// A token's text in the form word lists are stored in: lower case, straight
/// apostrophes, from `lower`, its [`Document::lower_bytes`]. Borrowed (no
/// allocation) for ASCII tokens, nearly all of them.
fn comparable<'a>(doc: &'a Document, i: usize, lower: &'a [u8]) -> std::borrow::Cow<'a, [u8]> {
    if lower.is_ascii() {
        std::borrow::Cow::Borrowed(lower)
    } else {
        std::borrow::Cow::Owned(normalise_word(doc.token_text(i)).into_bytes())
    }
}

impl TokenTest {
    pub fn compile(spec: &TokenTestSpec) -> Result<TokenTest, String> {
        let mut words: Option<Vec<String>> = None;
        if let Some(w) = &spec.word {
            words = Some(vec![normalise_word(w)]);
        }
        if let Some(any) = &spec.any {
            if words.is_some() {
                return Err("an element takes `word` or `any`, not both".into());
            }
            if any.is_empty() {
                return Err("`any` is empty".into());
            }
            words = Some(any.iter().map(|w| normalise_word(w)).collect());
        }
        let regex = spec
            .regex
            .as_deref()
            .map(|r| TokenRegex::new(r, spec.regex_analysis.as_ref()))
            .transpose()?;
        let class = spec.class.as_deref().map(str::parse).transpose()?;
        let not_class = spec.not_class.as_deref().map(str::parse).transpose()?;
        Ok(TokenTest {
            words: words.map(WordSet::new),
            not_words: WordSet::new(
                spec.not
                    .iter()
                    .flatten()
                    .map(|w| normalise_word(w))
                    .collect(),
            ),
            regex,
            class,
            not_class,
            cap: spec.cap,
            number: spec.number,
            punct: spec.punct,
            sentence_start: spec.sentence_start,
        })
    }

    /// The literal words this test accepts, if it is limited to a word list.
    pub fn literal_words(&self) -> Option<&[String]> {
        self.words.as_ref().map(|w| w.words.as_slice())
    }

    /// Words one of which a token passing this test must be (compared
    /// lower-cased, apostrophes straightened): the word list, or the words
    /// of a regex that is a plain alternation of words.
    pub fn anchor_words(&self) -> Option<&[String]> {
        self.literal_words()
            .or_else(|| self.regex.as_ref()?.words.as_deref())
    }

    /// Does token `i` of `doc` pass this test?
    ///
    /// Why in two parts: most tokens tried against a word list fail on its
    /// first bytes ([`WordSet::rules_out`]); that test is inlined at the
    /// callers, the rest is a call.
    #[inline]
    pub fn matches(&self, doc: &Document, i: usize) -> bool {
        if let Some(words) = &self.words {
            let first = doc.lower_text().as_bytes().get(doc.token(i).start);
            if first.is_some_and(|&b| words.rules_out(b)) {
                return false;
            }
        }
        self.matches_all(doc, i)
    }

    /// [`TokenTest::matches`] in full.
    #[inline(never)]
    fn matches_all(&self, doc: &Document, i: usize) -> bool {
        if self.words.is_some() || !self.not_words.is_empty() {
            let lower = doc.lower_bytes(i);
            let word = comparable(doc, i, lower);
            if let Some(words) = &self.words {
                if !words.contains(&word) {
                    return false;
                }
            }
            if self.not_words.contains(&word) {
                return false;
            }
        }
        let tok = doc.token(i);
        if let Some(want) = self.cap {
            if doc.is_capitalised(i) != want {
                return false;
            }
        }
        if let Some(want) = self.number {
            if (tok.kind == TokenKind::Number) != want {
                return false;
            }
        }
        if let Some(want) = self.punct {
            if (tok.kind == TokenKind::Punct) != want {
                return false;
            }
        }
        if let Some(want) = self.sentence_start {
            if doc.is_sentence_start(i) != want {
                return false;
            }
        }
        if let Some(re) = &self.regex {
            if !re.is_match(doc.token_text(i)) {
                return false;
            }
        }
        if let Some(class) = self.class {
            if !tok.is_word() || !lexicon().is(doc.token_text(i), class) {
                return false;
            }
        }
        if let Some(class) = self.not_class {
            if tok.is_word() && lexicon().is(doc.token_text(i), class) {
                return false;
            }
        }
        true
    }
}

impl Element {
    pub fn compile(spec: &TokenTestSpec) -> Result<Element, String> {
        Ok(Element {
            test: TokenTest::compile(spec)?,
            optional: spec.optional,
            skip: spec.skip,
            mark: spec.mark,
        })
    }
}

/// Token ranges matched by each element (`start..start` for an absent optional).
pub type Captures = Vec<std::ops::Range<usize>>;

/// Try to match `elements` at token `start`, not past token `limit`.
/// Returns the matched token range of each element.
pub fn match_at(
    elements: &[Element],
    doc: &Document,
    start: usize,
    limit: usize,
) -> Option<Captures> {
    let mut caps = Vec::with_capacity(elements.len());
    match_into(elements, doc, start, limit, &mut caps).then_some(caps)
}

/// [`match_at`] into a buffer the caller reuses (cleared first): the hot
/// loop allocates nothing per attempt.
pub fn match_into(
    elements: &[Element],
    doc: &Document,
    start: usize,
    limit: usize,
    caps: &mut Captures,
) -> bool {
    caps.clear();
    // Most attempts fail at their first element, nearly always a plain one
    // (neither optional nor a skip): tested here, before the recursion.
    match elements.split_first() {
        Some((el, rest)) if !el.optional && el.skip.is_none() => {
            if start >= limit || !el.test.matches(doc, start) {
                return false;
            }
            caps.push(start..start + 1);
            let found = match_from(rest, doc, start + 1, limit, caps);
            if !found {
                caps.pop();
            }
            found
        }
        _ => match_from(elements, doc, start, limit, caps),
    }
}

fn match_from(
    elements: &[Element],
    doc: &Document,
    pos: usize,
    limit: usize,
    caps: &mut Captures,
) -> bool {
    let Some((el, rest)) = elements.split_first() else {
        return true;
    };
    if let Some(max) = el.skip {
        // Lazy: try the fewest skipped tokens first.
        let mut end = pos;
        loop {
            caps.push(pos..end);
            if match_from(rest, doc, end, limit, caps) {
                return true;
            }
            caps.pop();
            if end - pos >= max as usize || end >= limit || !el.test.matches(doc, end) {
                return false;
            }
            end += 1;
        }
    }
    if pos < limit && el.test.matches(doc, pos) {
        caps.push(pos..pos + 1);
        if match_from(rest, doc, pos + 1, limit, caps) {
            return true;
        }
        caps.pop();
    }
    if el.optional {
        caps.push(pos..pos);
        if match_from(rest, doc, pos, limit, caps) {
            return true;
        }
        caps.pop();
    }
    false
}

/// Do the tokens just before token `at` pass `tests` (the last test right before `at`)?
pub fn matches_before(tests: &[Element], doc: &Document, at: usize, floor: usize) -> bool {
    let n = tests.len();
    if at < floor + n {
        return false;
    }
    match_at(tests, doc, at - n, at).is_some_and(|caps| caps.last().is_some_and(|r| r.end == at))
}

/// Do the tokens from token `at` on pass `tests`?
pub fn matches_after(tests: &[Element], doc: &Document, at: usize, limit: usize) -> bool {
    let mut caps = Vec::new();
    match_into(tests, doc, at, limit, &mut caps)
}
