//! Literal prefilters for regex rules.
//!
//! Why: running a hundred regexes (or one `RegexSet` of them) over every
//! paragraph was most of calque's time, and compiling them most of its
//! start-up. Nearly every rule regex contains a word that any match must
//! contain (`in the margin of`, `informs`, `highness`). Those literals go
//! into the shared trigger index; a regex is compiled and run only on the
//! paragraphs where one of its literals occurs. A regex with no usable
//! literal (`,\s*,`) runs on every paragraph.
//!
//! The analysis finds the literal sets of every part of a regex
//! (`\.\s+The … (?:minister|official) … said\.` needs `. the `, a title and a
//! verb) and keeps the best `MAX_SETS`; the regex runs only where each
//! kept set has a hit. The literals are whole (`according to the report
//! of `), and carry a mark ([`BOUNDARY`]) where the regex puts a word
//! boundary at either end: the trigger index files a literal under a word
//! in it, and a word at its very start counts only when a match must begin
//! a word there.
//!
//! Each literal set is a superset filter: for every match of the regex, the
//! matched text contains at least one of the literals, compared ASCII
//! case-insensitively, with each run of whitespace folded to one space (the
//! index runs over [`crate::text::Document::phrase_text`], folded the
//! same way). Folding is what makes `\s+`, `[ \t]+` and `\s?` usable:
//! `,\s*,` needs `,,` or `, ,`. A lone character is too common to filter
//! on, unless it is rare in prose (`/`, `|`, the lead byte of an Arabic
//! letter). Case folding beyond ASCII is kept as explicit variants
//! (`ü`/`Ü`); the two characters whose simple case folding maps onto ASCII
//! letters (KELVIN SIGN, LATIN SMALL LETTER LONG S) are dropped from the
//! variants, and a document that contains either runs every regex.
//!
//! The functions at the top ([`analyse_rule_regex`], [`token_regex_words`])
//! are everything loading needs from a regex's syntax. `build.rs` includes
//! this file and runs them on the built-in rules, so that start-up parses no
//! built-in regex (parsing them was a quarter of start-up); user rules run
//! them at load. This module depends on `regex_syntax` only, for that reason.

use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// The regex a rule's `regex` field compiles to.
pub fn rule_regex_source(re: &str, case_sensitive: bool) -> String {
    if case_sensitive {
        re.to_string()
    } else {
        format!("(?i){re}")
    }
}

/// The regex a pattern element's `regex` field compiles to: the whole token.
pub fn token_regex_source(re: &str) -> String {
    format!("^(?:{re})$")
}

/// What loading a rule needs to know about its regex.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegexFacts {
    /// [`required_literals`]: empty, the regex runs on every document.
    pub literals: Vec<Vec<Vec<u8>>>,
    /// One entry per explicit capture group, in order: its name, or `""`.
    pub groups: Vec<String>,
    /// [`compiled_size_bound`].
    pub size_bound: usize,
}

/// Parse a regex; `Err` is the parser's message.
fn parse(source: &str) -> Result<Hir, String> {
    regex_syntax::Parser::new()
        .parse(source)
        .map_err(|e| e.to_string())
}

/// Parse a rule regex (as [`rule_regex_source`] made it) and work out its
/// [`RegexFacts`].
pub fn analyse_rule_regex(source: &str) -> Result<RegexFacts, String> {
    let hir = parse(source)?;
    let mut groups = vec![String::new(); hir.properties().explicit_captures_len()];
    let mut stack = vec![&hir];
    while let Some(h) = stack.pop() {
        match h.kind() {
            HirKind::Capture(c) => {
                // Explicit groups are numbered from 1.
                let slot = (c.index as usize).wrapping_sub(1);
                if let (Some(name), Some(slot)) = (&c.name, groups.get_mut(slot)) {
                    *slot = name.to_string();
                }
                stack.push(&c.sub);
            }
            HirKind::Repetition(r) => stack.push(&r.sub),
            HirKind::Concat(v) | HirKind::Alternation(v) => stack.extend(v.iter()),
            _ => {}
        }
    }
    Ok(RegexFacts {
        literals: required_literals(&hir),
        groups,
        size_bound: compiled_size_bound(&hir),
    })
}

/// More bytes than the `regex` crate's NFAs for `hir` (forward or reverse)
/// take, which its size limit is about: a regex under the limit by this
/// bound cannot fail to compile once parsed, so compiling it can wait for
/// first use. Generous (64 bytes a state, where the crate's take 32 plus
/// their transitions, and 128 states a range of non-ASCII characters),
/// since it is only there to keep plain regexes from being compiled at load.
pub fn compiled_size_bound(hir: &Hir) -> usize {
    const BYTES_PER_STATE: usize = 64;
    // The implicit group and the unanchored start.
    const FIXED_STATES: usize = 16;
    states_bound(hir)
        .saturating_add(FIXED_STATES)
        .saturating_mul(BYTES_PER_STATE)
}

fn states_bound(hir: &Hir) -> usize {
    let sum = |v: &[Hir]| {
        v.iter()
            .map(states_bound)
            .fold(v.len() + 1, usize::saturating_add)
    };
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => 1,
        HirKind::Literal(lit) => lit.0.len() + 1,
        HirKind::Class(Class::Unicode(c)) => c
            .iter()
            .map(|r| if r.end().is_ascii() { 1 } else { 128 })
            .fold(1, usize::saturating_add),
        HirKind::Class(Class::Bytes(c)) => c.iter().count() + 1,
        HirKind::Capture(c) => states_bound(&c.sub).saturating_add(2),
        HirKind::Repetition(rep) => {
            // `x{n,m}` compiles `x` m times, `x{n,}` n times and once more.
            let copies = rep.min.max(rep.max.unwrap_or(rep.min)).max(1) as usize + 1;
            states_bound(&rep.sub)
                .saturating_add(1)
                .saturating_mul(copies)
        }
        HirKind::Concat(v) | HirKind::Alternation(v) => sum(v),
    }
}

/// The words a pattern element's regex `re` (as written, before
/// [`token_regex_source`]) can match, ASCII-lower-cased, when it is a plain
/// alternation of words such as `PM|P\.M\.`: lets the pattern be looked up
/// by them. `Err` when the regex does not parse.
pub fn token_regex_words(re: &str) -> Result<Option<Vec<String>>, String> {
    let hir = parse(&token_regex_source(re))?;
    // Only without inline flags: case-insensitive classes can hold
    // characters (KELVIN SIGN) that the lower-cased words would miss.
    if re.contains("(?") {
        return Ok(None);
    }
    Ok(exact_literals(&hir)
        .and_then(|set| set.into_iter().map(|w| String::from_utf8(w).ok()).collect()))
}

/// Most strings in one literal set.
const MAX_SET: usize = 64;
/// Literals are compared up to this many bytes when sets are weighed
/// ([`quality`]): longer ones are all selective enough, and then the
/// smaller set wins.
const MAX_LITERAL_BYTES: usize = 12;
/// A set whose shortest literal is shorter than this is not worth it.
const MIN_LEN: usize = 2;
/// Most literal sets kept per regex. One: a second and third set (with
/// their literals at least 5 bytes long) skipped more paragraphs, but their
/// literals made the automaton of the time a fifth larger; on the
/// 10 MB agency corpus that cost 30 M instructions more than it saved.
const MAX_SETS: usize = 1;

/// Characters whose case folding reaches an ASCII letter.
pub const FOLDS_TO_ASCII: [char; 2] = ['\u{212a}', '\u{017f}'];

type Set = Vec<Vec<u8>>;

/// What a sub-expression tells about its matches.
struct Info {
    /// Every string it can match, when there are few.
    exact: Option<Set>,
    /// Sets found inside, each with a literal that every match contains
    /// (none of them matches the empty string).
    inner: Vec<Set>,
}

/// Literal sets such that every match of `hir` contains a literal of each,
/// best first; empty when there is no useful set (the regex must then run
/// on every document).
pub fn required_literals(hir: &Hir) -> Vec<Vec<Vec<u8>>> {
    let info = analyse(hir);
    let mut sets: Vec<Set> = info.exact.into_iter().chain(info.inner).collect();
    sets.retain(|s| quality(s) >= MIN_LEN);
    // Best first: the most selective, then the fewest strings.
    sets.sort_by(|a, b| quality(b).cmp(&quality(a)).then(a.len().cmp(&b.len())));
    sets.truncate(MAX_SETS);
    for set in &mut sets {
        for l in set.iter_mut() {
            *l = edge_boundaries_only(l);
        }
        set.sort();
        set.dedup();
    }
    sets
}

/// Marks a word boundary (`\b` and its kin) in a literal while the regex is
/// analysed: a byte that UTF-8 never holds. A required literal keeps it
/// only at its ends, where it tells the trigger index that every match
/// begins or ends a word there ([`boundaries`]).
pub const BOUNDARY: u8 = 0xff;

/// Does `look` put a word boundary here (`\b`, `\<`, `\>`, `\b{start-half}`…)?
/// Next to a letter, each says the byte on the other side is not one.
fn is_word_boundary(look: Look) -> bool {
    matches!(
        look,
        Look::WordAscii
            | Look::WordUnicode
            | Look::WordStartAscii
            | Look::WordEndAscii
            | Look::WordStartUnicode
            | Look::WordEndUnicode
            | Look::WordStartHalfAscii
            | Look::WordEndHalfAscii
            | Look::WordStartHalfUnicode
            | Look::WordEndHalfUnicode
    )
}

/// Stands for [`BOUNDARY`] where a literal is stored as text (`build.rs`):
/// a noncharacter, which no built-in rule holds.
const BOUNDARY_CHAR: char = '\u{ffff}';

/// A required literal as text, its [`BOUNDARY`] marks as
/// [`BOUNDARY_CHAR`]; `None` when it is not UTF-8 otherwise, or holds that
/// character itself.
pub fn literal_to_text(literal: &[u8]) -> Option<String> {
    let (bytes, start, end) = boundaries(literal);
    let text = String::from_utf8(bytes).ok()?;
    if text.contains(BOUNDARY_CHAR) {
        return None;
    }
    let mark = |on: bool| {
        if on {
            BOUNDARY_CHAR.to_string()
        } else {
            String::new()
        }
    };
    Some(format!("{}{text}{}", mark(start), mark(end)))
}

/// The literal [`literal_to_text`] stored.
pub fn literal_from_text(text: &str) -> Vec<u8> {
    let mut mark = [0; 4];
    let mark = BOUNDARY_CHAR.encode_utf8(&mut mark).as_bytes();
    let mut bytes = text.as_bytes();
    let start = bytes.starts_with(mark);
    if start {
        bytes = &bytes[mark.len()..];
    }
    let end = bytes.ends_with(mark);
    if end {
        bytes = &bytes[..bytes.len() - mark.len()];
    }
    let mut out = Vec::with_capacity(bytes.len() + 2);
    if start {
        out.push(BOUNDARY);
    }
    out.extend_from_slice(bytes);
    if end {
        out.push(BOUNDARY);
    }
    out
}

fn without_boundaries(literal: &[u8]) -> Vec<u8> {
    literal.iter().copied().filter(|&b| b != BOUNDARY).collect()
}

/// `literal` with the [`BOUNDARY`] marks inside it dropped, one kept at
/// each end that had one.
fn edge_boundaries_only(literal: &[u8]) -> Vec<u8> {
    let (bytes, start, end) = boundaries(literal);
    let mut out = Vec::with_capacity(bytes.len() + 2);
    if start {
        out.push(BOUNDARY);
    }
    out.extend_from_slice(&bytes);
    if end {
        out.push(BOUNDARY);
    }
    out
}

/// A required literal's bytes, and whether a word boundary precedes and
/// follows it in every match.
pub fn boundaries(literal: &[u8]) -> (Vec<u8>, bool, bool) {
    (
        without_boundaries(literal),
        literal.first() == Some(&BOUNDARY),
        literal.len() > 1 && literal.last() == Some(&BOUNDARY),
    )
}

/// Every string `hir` can match, lower-cased, when they are few and none is
/// empty (`PM|P\.M\.` → `pm`, `p.m.`); ASCII case is folded, so the set
/// is a superset for a case-sensitive regex.
pub fn exact_literals(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let set = analyse(hir).exact.filter(|set| quality(set) > 0)?;
    let mut set: Set = set.iter().map(|l| without_boundaries(l)).collect();
    set.sort();
    set.dedup();
    Some(set)
}

/// How selective a set is: its shortest literal's length (0 for a set that
/// can match the empty string), where a rare single byte counts as two.
fn quality(set: &Set) -> usize {
    set.iter()
        .map(|l| without_boundaries(l))
        .map(|l| match l.as_slice() {
            [b] if is_rare_byte(*b) => 2,
            // Cut literals are all as good: then the smaller set wins.
            l => l.len().min(MAX_LITERAL_BYTES),
        })
        .min()
        .unwrap_or(0)
}

/// A byte seldom seen in English prose: a filter on it alone still skips
/// nearly every paragraph. Non-ASCII bytes are UTF-8 lead bytes, except the
/// ones of accented Latin letters and of typographic punctuation.
fn is_rare_byte(b: u8) -> bool {
    matches!(
        b,
        b'/' | b'|'
            | b'@'
            | b'#'
            | b'*'
            | b'_'
            | b'~'
            | b'='
            | b'+'
            | b'<'
            | b'>'
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'\\'
            | b'^'
            | b'`'
    ) || (b >= 0xc4 && b != 0xe2)
}

/// The parts of a concatenation, looking through groups and nested
/// concatenations: `\.\s+(?P<m>The …)` gives `. the `, where the group
/// would cut it in two.
fn splice<'h>(hir: &'h Hir, parts: &mut Vec<&'h Hir>) {
    match hir.kind() {
        HirKind::Concat(children) => children.iter().for_each(|c| splice(c, parts)),
        HirKind::Capture(c) => splice(&c.sub, parts),
        _ => parts.push(hir),
    }
}

/// The better of a sub-expression's exact set and the sets inside it.
fn best_of(info: Info) -> Option<Set> {
    info.inner.into_iter().map(Some).fold(info.exact, better)
}

/// Keep `set` as a required set of the enclosing expression, if it filters at all.
fn require(inner: &mut Vec<Set>, set: Option<Set>) {
    if let Some(set) = set.filter(|s| quality(s) > 0) {
        inner.push(set);
    }
}

fn better(a: Option<Set>, b: Option<Set>) -> Option<Set> {
    match (a, b) {
        (None, x) | (x, None) => x,
        (Some(a), Some(b)) => {
            let (qa, qb) = (quality(&a), quality(&b));
            if qb > qa || (qb == qa && b.len() < a.len()) {
                Some(b)
            } else {
                Some(a)
            }
        }
    }
}

fn normalise(mut set: Set) -> Set {
    for s in &mut set {
        s.make_ascii_lowercase();
        fold_spaces(s);
    }
    set.sort();
    set.dedup();
    set
}

/// Fold whitespace as the searched text is folded: every run of
/// whitespace characters becomes one space (across [`BOUNDARY`] marks).
fn fold_spaces(s: &mut Vec<u8>) {
    let mut out = Vec::with_capacity(s.len());
    let mut after_space = false;
    for (k, part) in s.split(|&b| b == BOUNDARY).enumerate() {
        if k > 0 {
            out.push(BOUNDARY);
        }
        let Ok(text) = std::str::from_utf8(part) else {
            // A lead byte without its tail (from a class): no whitespace in it.
            out.extend_from_slice(part);
            after_space = false;
            continue;
        };
        let mut buf = [0u8; 4];
        for c in text.chars() {
            if c.is_whitespace() {
                if !after_space {
                    out.push(b' ');
                }
                after_space = true;
            } else {
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                after_space = false;
            }
        }
    }
    *s = out;
}

/// The set `{" "}`: what any run of whitespace folds to.
fn space() -> Set {
    vec![b" ".to_vec()]
}

/// Is this set exactly a (folded) run of whitespace?
fn is_space(set: &Set) -> bool {
    set.len() == 1 && set[0] == b" "
}

fn empty() -> Set {
    vec![Vec::new()]
}

fn product(a: &Set, b: &Set) -> Option<Set> {
    if a.len() * b.len() > MAX_SET {
        return None;
    }
    let mut out = Vec::with_capacity(a.len() * b.len());
    for x in a {
        for y in b {
            let mut s = x.clone();
            s.extend_from_slice(y);
            out.push(s);
        }
    }
    Some(normalise(out))
}

/// Lead bytes of a class of non-ASCII characters (`[\x{0600}-\x{06FF}]`
/// starts with D8 to DB): a required piece of every match, when few.
fn lead_bytes(class: &Class) -> Option<Set> {
    let Class::Unicode(c) = class else {
        return None;
    };
    let mut leads: Vec<u8> = Vec::new();
    for r in c.iter() {
        if r.start().is_ascii() {
            return None;
        }
        let mut buf = [0u8; 4];
        let first = r.start().encode_utf8(&mut buf).as_bytes()[0];
        let last = r.end().encode_utf8(&mut buf).as_bytes()[0];
        leads.extend(first..=last);
        if leads.len() > 8 {
            return None;
        }
    }
    let set = normalise(leads.into_iter().map(|b| vec![b]).collect());
    (set.len() <= 4).then_some(set)
}

/// Is every character of the class whitespace (`\s`, `[ \t]`)?
fn is_whitespace_class(class: &Class) -> bool {
    match class {
        Class::Unicode(c) => c
            .iter()
            .all(|r| (r.start()..=r.end()).all(char::is_whitespace)),
        Class::Bytes(c) => c
            .iter()
            .all(|r| (r.start()..=r.end()).all(|b| b.is_ascii_whitespace() || b == 0x0b)),
    }
}

fn class_set(class: &Class) -> Option<Set> {
    if is_whitespace_class(class) {
        return Some(space());
    }
    let mut chars: Vec<char> = Vec::new();
    match class {
        Class::Unicode(c) => {
            for r in c.iter() {
                if (r.end() as u32) - (r.start() as u32) > 8 {
                    return None;
                }
                for ch in r.start()..=r.end() {
                    chars.push(ch);
                    if chars.len() > 8 {
                        return None;
                    }
                }
            }
        }
        Class::Bytes(c) => {
            for r in c.iter() {
                if r.end() - r.start() > 8 {
                    return None;
                }
                for b in r.start()..=r.end() {
                    if !b.is_ascii() {
                        return None;
                    }
                    chars.push(b as char);
                    if chars.len() > 8 {
                        return None;
                    }
                }
            }
        }
    }
    let set: Set = chars
        .into_iter()
        .filter(|c| !FOLDS_TO_ASCII.contains(c))
        .map(|c| c.to_string().into_bytes())
        .collect();
    let set = normalise(set);
    (!set.is_empty() && set.len() <= 4).then_some(set)
}

fn analyse(hir: &Hir) -> Info {
    let mut info = analyse_parts(hir);
    if info.exact.is_some() {
        // Every match is one of the exact strings, which hold the sets
        // found inside: those add nothing.
        info.inner.clear();
    }
    info
}

fn analyse_parts(hir: &Hir) -> Info {
    match hir.kind() {
        HirKind::Look(look) if is_word_boundary(*look) => Info {
            exact: Some(vec![vec![BOUNDARY]]),
            inner: Vec::new(),
        },
        HirKind::Empty | HirKind::Look(_) => Info {
            exact: Some(empty()),
            inner: Vec::new(),
        },
        HirKind::Literal(lit) => Info {
            exact: Some(normalise(vec![lit.0.to_vec()])),
            inner: Vec::new(),
        },
        HirKind::Class(c) => match class_set(c) {
            Some(set) => Info {
                exact: Some(set),
                inner: Vec::new(),
            },
            None => {
                let mut inner = Vec::new();
                require(&mut inner, lead_bytes(c));
                Info { exact: None, inner }
            }
        },
        HirKind::Capture(c) => analyse(&c.sub),
        HirKind::Repetition(rep) => {
            let sub = analyse(&rep.sub);
            if sub.exact.as_ref().is_some_and(is_space) {
                // Any run of whitespace folds to one space.
                let mut exact = space();
                if rep.min == 0 {
                    exact.insert(0, Vec::new());
                }
                return Info {
                    exact: Some(exact),
                    inner: Vec::new(),
                };
            }
            if rep.min == 0 {
                let exact = match (rep.max, sub.exact) {
                    (Some(1), Some(mut e)) if e.len() < MAX_SET => {
                        e.push(Vec::new());
                        Some(normalise(e))
                    }
                    _ => None,
                };
                Info {
                    exact,
                    inner: Vec::new(),
                }
            } else if rep.min == 1 && rep.max == Some(1) {
                sub
            } else {
                // `-{2,}` holds `--`.
                let twice = match (&sub.exact, rep.min) {
                    (Some(e), 2..) => product(e, e),
                    _ => None,
                };
                let mut inner = sub.inner;
                require(&mut inner, sub.exact);
                require(&mut inner, twice);
                Info { exact: None, inner }
            }
        }
        HirKind::Concat(children) => {
            let mut parts = Vec::new();
            children.iter().for_each(|c| splice(c, &mut parts));
            let mut run = Some(empty());
            let mut complete = true;
            let mut inner = Vec::new();
            for child in parts {
                let info = analyse(child);
                inner.extend(info.inner);
                match info.exact {
                    Some(e) => match run.as_ref().and_then(|r| product(r, &e)) {
                        Some(p) => run = Some(p),
                        None => {
                            complete = false;
                            require(&mut inner, run.take());
                            run = Some(e);
                        }
                    },
                    None => {
                        complete = false;
                        require(&mut inner, run.take());
                        run = Some(empty());
                    }
                }
            }
            if complete {
                Info { exact: run, inner }
            } else {
                require(&mut inner, run);
                Info { exact: None, inner }
            }
        }
        HirKind::Alternation(children) => {
            let infos: Vec<Info> = children.iter().map(analyse).collect();
            let exact = if infos.iter().all(|i| i.exact.is_some()) {
                let all: Set = infos
                    .iter()
                    .flat_map(|i| i.exact.iter().flatten().cloned())
                    .collect();
                let all = normalise(all);
                (all.len() <= MAX_SET).then_some(all)
            } else {
                None
            };
            // Each branch's best set, together: one of them is in every match.
            let mut union = Vec::new();
            let mut ok = true;
            for info in infos {
                match best_of(info) {
                    Some(s) if quality(&s) > 0 => union.extend(s),
                    _ => {
                        ok = false;
                        break;
                    }
                }
            }
            let mut inner = Vec::new();
            if ok {
                let union = normalise(union);
                if union.len() <= MAX_SET {
                    inner.push(union);
                }
            }
            Info { exact, inner }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lits(re: &str) -> Vec<Vec<String>> {
        let hir = regex_syntax::Parser::new().parse(re).unwrap();
        required_literals(&hir)
            .into_iter()
            .map(|set| {
                set.into_iter()
                    .map(|s| String::from_utf8(boundaries(&s).0).unwrap())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn words_and_alternations() {
        assert_eq!(
            lits(r"(?i)\bTheir (?:Royal )?Highnesses\b"),
            [["their highnesses", "their royal highnesses"]]
        );
        assert_eq!(
            lits(r"(?i)\b(?P<c>condolences|condolence|sympathy|sympathies) in connection with\b"),
            [[
                "condolence in connection with",
                "condolences in connection with",
                "sympathies in connection with",
                "sympathy in connection with"
            ]]
        );
    }

    #[test]
    fn long_alternations_expand_to_whole_literals() {
        let sets = lits(r"(?i)since (?:the )?relevant (?:data|figures) (?:was|were) first tallied");
        assert_eq!(sets.len(), 1);
        assert_eq!(sets[0].len(), 8);
        assert!(sets[0].contains(&"since the relevant figures were first tallied".to_string()));
    }

    #[test]
    fn word_boundaries_are_kept_at_the_ends_of_literals() {
        let hir = regex_syntax::Parser::new()
            .parse(r"(?i)\bteh\b|\bthe\s+the\b")
            .unwrap();
        let set = &required_literals(&hir)[0];
        let mut found: Vec<(Vec<u8>, bool, bool)> = set.iter().map(|l| boundaries(l)).collect();
        found.sort();
        assert_eq!(
            found,
            [
                (b"teh".to_vec(), true, true),
                (b"the the".to_vec(), true, true)
            ]
        );
        let hir = regex_syntax::Parser::new().parse(r"highness\b").unwrap();
        assert_eq!(
            boundaries(&required_literals(&hir)[0][0]),
            (b"highness".to_vec(), false, true)
        );
        // Inside a literal a boundary tells nothing the index needs.
        let hir = regex_syntax::Parser::new().parse(r"in\b the").unwrap();
        assert_eq!(required_literals(&hir), [[b"in the".to_vec()]]);
        // Nor does `\B`.
        let hir = regex_syntax::Parser::new().parse(r"\Bness").unwrap();
        assert!(!boundaries(&required_literals(&hir)[0][0]).1);
    }

    #[test]
    fn literals_with_boundaries_are_stored_as_text() {
        for literal in [
            &b"\xffteh\xff"[..],
            b"\xffteh",
            b"highness\xff",
            b"in the",
            b"\xff",
            b"\xff\xff",
        ] {
            let text = literal_to_text(literal).unwrap();
            assert_eq!(literal_from_text(&text), literal, "{text:?}");
        }
        assert_eq!(literal_to_text(b"\xd8"), None);
        assert_eq!(literal_to_text("a\u{ffff}".as_bytes()), None);
    }

    #[test]
    fn picks_the_longest_required_piece() {
        let l = lits(
            r"(?i)\b(?P<a>\p{Lu}[\w.]*) (?P<v>reports|reported|writes|wrote),? referring to\b",
        );
        assert_eq!(l.len(), 1);
        assert!(l[0].iter().all(|s| s.ends_with("referring to")), "{l:?}");
    }

    #[test]
    fn the_best_set_of_the_parts_wins() {
        // `. the `, looking through the group, is worse.
        assert_eq!(
            lits(r"\.\s+(?P<m>The (?:[a-z-]+ )?(?:minister|official) (?:added|said)\.)"),
            [[
                "minister added.",
                "minister said.",
                "official added.",
                "official said."
            ]]
        );
        assert_eq!(lits(r"\.\s+(?P<m>The (?:[a-z-]+ )?said)"), [[". the "]]);
    }

    #[test]
    fn whitespace_folds_to_one_space() {
        assert_eq!(lits(r"(?i),\s*,"), [[", ,", ",,"]]);
        assert_eq!(lits(r"(?i)\w[ \t]+,"), [[" ,"]]);
        assert_eq!(lits(r"(?i)\bI\.\s?R\."), [["i. r.", "i.r."]]);
        assert_eq!(lits(r"(?i)in\s+ \s*the\tmargin"), [["in the margin"]]);
    }

    #[test]
    fn rare_characters_filter_alone() {
        assert_eq!(lits(r"\b\d{3,4}/\d{3,4}\b"), [["/"]]);
        let hir = regex_syntax::Parser::new()
            .parse(r"[\x{0600}-\x{06FF}]+")
            .unwrap();
        assert_eq!(
            required_literals(&hir),
            [vec![vec![0xd8], vec![0xd9], vec![0xda], vec![0xdb]]]
        );
        assert_eq!(lits(r"(?m)\s*-{2,}\s?0\s?-{2,}\s*$"), [["--"]]);
        // Common punctuation alone is no filter.
        assert!(lits(r"\w\.").is_empty());
    }

    #[test]
    fn no_literal_means_always_run() {
        assert!(lits(r"(?i)\p{L}\s+\p{L}").is_empty());
        assert_eq!(lits(r"(?i)\p{L}(?P<m>[`´])s\b"), [["`s", "´s"]]);
        assert!(lits(r"(?i)a|\w+").is_empty());
    }

    #[test]
    fn non_ascii_case_variants_are_kept() {
        assert_eq!(lits(r"(?i)Türkiye"), [["tÜrkiye", "türkiye"]]);
    }
}
