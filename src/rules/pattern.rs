//! Token patterns: compiled token tests and the matcher that runs them.

use regex::Regex;

use super::model::{TokenRegexAnalysis, TokenTestSpec};
use super::prefilter;
use crate::lexicon::{lexicon, WordClass};
use crate::text::{is_apostrophe, Document, TokenKind};

/// One compiled token test (all parts must hold).
#[derive(Clone, Debug, Default)]
pub struct TokenTest {
    words: Option<Vec<String>>,
    not_words: Vec<String>,
    regex: Option<TokenRegex>,
    class: Option<WordClass>,
    not_class: Option<WordClass>,
    cap: Option<bool>,
    number: Option<bool>,
    punct: Option<bool>,
    sentence_start: Option<bool>,
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
/// apostrophes. Borrowed (no allocation) for ASCII tokens, nearly all of them.
fn comparable<'a>(doc: &'a Document, i: usize) -> std::borrow::Cow<'a, str> {
    let lower = doc.token_lower(i);
    if lower.is_ascii() {
        std::borrow::Cow::Borrowed(lower)
    } else {
        std::borrow::Cow::Owned(normalise_word(doc.token_text(i)))
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
            words,
            not_words: spec
                .not
                .iter()
                .flatten()
                .map(|w| normalise_word(w))
                .collect(),
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
        self.words.as_deref()
    }

    /// Words one of which a token passing this test must be (compared
    /// lower-cased, apostrophes straightened): the word list, or the words
    /// of a regex that is a plain alternation of words.
    pub fn anchor_words(&self) -> Option<&[String]> {
        self.words
            .as_deref()
            .or_else(|| self.regex.as_ref()?.words.as_deref())
    }

    /// Does token `i` of `doc` pass this test?
    pub fn matches(&self, doc: &Document, i: usize) -> bool {
        let tok = doc.token(i);
        let text = doc.token_text(i);
        if self.words.is_some() || !self.not_words.is_empty() {
            let word = comparable(doc, i);
            let word = word.as_ref();
            if let Some(words) = &self.words {
                if !words.iter().any(|w| w == word) {
                    return false;
                }
            }
            if self.not_words.iter().any(|w| w == word) {
                return false;
            }
        }
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
            if !re.is_match(text) {
                return false;
            }
        }
        if let Some(class) = self.class {
            if !tok.is_word() || !lexicon().is(text, class) {
                return false;
            }
        }
        if let Some(class) = self.not_class {
            if tok.is_word() && lexicon().is(text, class) {
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
    match_from(elements, doc, start, limit, caps)
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
