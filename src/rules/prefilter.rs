//! Literal prefilters for regex rules.
//!
//! Why: running a hundred regexes (or one `RegexSet` of them) over every
//! paragraph was most of calque's time, and compiling them most of its
//! start-up. Nearly every rule regex contains a word that any match must
//! contain (`in the margin of`, `informs`, `highness`). Those literals go
//! into the shared phrase automaton; a regex is compiled and run only on the
//! paragraphs where one of its literals occurs. A regex with no usable
//! literal (`,\s*,`) runs on every paragraph.
//!
//! The literal set is a superset filter: for every match of the regex, the
//! matched text contains at least one of the literals, compared ASCII
//! case-insensitively. Case folding beyond ASCII is kept as explicit variants
//! (`ü`/`Ü`); the two characters whose simple case folding maps onto ASCII
//! letters (KELVIN SIGN, LATIN SMALL LETTER LONG S) are dropped from the
//! variants, and a document that contains either runs every regex.
//!
//! The functions at the top ([`analyse_rule_regex`], [`token_regex_words`])
//! are everything loading needs from a regex's syntax. `build.rs` includes
//! this file and runs them on the built-in rules, so that start-up parses no
//! built-in regex (parsing them was a quarter of start-up); user rules run
//! them at load. This module depends on `regex_syntax` only, for that reason.

use regex_syntax::hir::{Class, Hir, HirKind};

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
    /// [`required_literals`]: `None`, the regex runs on every document.
    pub literals: Option<Vec<Vec<u8>>>,
    /// One entry per explicit capture group, in order: its name, or `""`.
    pub groups: Vec<String>,
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
    })
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
/// A set whose shortest literal is shorter than this is not worth it.
const MIN_LEN: usize = 2;

/// Characters whose case folding reaches an ASCII letter.
pub const FOLDS_TO_ASCII: [char; 2] = ['\u{212a}', '\u{017f}'];

type Set = Vec<Vec<u8>>;

/// What a sub-expression tells about its matches.
struct Info {
    /// Every string it can match, when there are few.
    exact: Option<Set>,
    /// A set one of which every match contains (the best found inside).
    inner: Option<Set>,
}

/// Literals one of which every match of `hir` contains, or `None` when there
/// is no useful set (the regex must then run on every document).
pub fn required_literals(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let info = analyse(hir);
    let best = better(info.exact, info.inner)?;
    (quality(&best) >= MIN_LEN).then_some(best)
}

/// Every string `hir` can match, lower-cased, when they are few and none is
/// empty (`PM|P\.M\.` → `pm`, `p.m.`); ASCII case is folded, so the set
/// is a superset for a case-sensitive regex.
pub fn exact_literals(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    analyse(hir).exact.filter(|set| quality(set) > 0)
}

/// Shortest literal's length (0 for a set that can match the empty string).
fn quality(set: &Set) -> usize {
    set.iter().map(Vec::len).min().unwrap_or(0)
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
    }
    set.sort();
    set.dedup();
    set
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

fn class_set(class: &Class) -> Option<Set> {
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
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Info {
            exact: Some(empty()),
            inner: None,
        },
        HirKind::Literal(lit) => Info {
            exact: Some(normalise(vec![lit.0.to_vec()])),
            inner: None,
        },
        HirKind::Class(c) => Info {
            exact: class_set(c),
            inner: None,
        },
        HirKind::Capture(c) => analyse(&c.sub),
        HirKind::Repetition(rep) => {
            let sub = analyse(&rep.sub);
            if rep.min == 0 {
                let exact = match (rep.max, sub.exact) {
                    (Some(1), Some(mut e)) if e.len() < MAX_SET => {
                        e.push(Vec::new());
                        Some(normalise(e))
                    }
                    _ => None,
                };
                Info { exact, inner: None }
            } else if rep.min == 1 && rep.max == Some(1) {
                sub
            } else {
                Info {
                    exact: None,
                    inner: better(sub.exact, sub.inner),
                }
            }
        }
        HirKind::Concat(children) => {
            let mut run = Some(empty());
            let mut complete = true;
            let mut best: Option<Set> = None;
            for child in children {
                let info = analyse(child);
                best = better(best, info.inner);
                match info.exact {
                    Some(e) => match run.as_ref().and_then(|r| product(r, &e)) {
                        Some(p) => run = Some(p),
                        None => {
                            complete = false;
                            best = better(best, run.take());
                            run = Some(e);
                        }
                    },
                    None => {
                        complete = false;
                        best = better(best, run.take());
                        run = Some(empty());
                    }
                }
            }
            if complete {
                Info {
                    exact: run,
                    inner: best,
                }
            } else {
                Info {
                    exact: None,
                    inner: better(best, run),
                }
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
            let mut union = Vec::new();
            let mut ok = true;
            for info in infos {
                match better(info.exact, info.inner) {
                    Some(s) if quality(&s) > 0 => union.extend(s),
                    _ => {
                        ok = false;
                        break;
                    }
                }
            }
            let inner = if ok {
                let union = normalise(union);
                (union.len() <= MAX_SET).then_some(union)
            } else {
                None
            };
            Info { exact, inner }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lits(re: &str) -> Option<Vec<String>> {
        let hir = regex_syntax::Parser::new().parse(re).unwrap();
        required_literals(&hir).map(|set| {
            set.into_iter()
                .map(|s| String::from_utf8(s).unwrap())
                .collect()
        })
    }

    #[test]
    fn words_and_alternations() {
        assert_eq!(
            lits(r"(?i)\bTheir (?:Royal )?Highnesses\b").unwrap(),
            ["their highnesses", "their royal highnesses"]
        );
        assert_eq!(
            lits(r"(?i)\b(?P<c>condolences|condolence|sympathy|sympathies) in connection with\b")
                .unwrap(),
            [
                "condolence in connection with",
                "condolences in connection with",
                "sympathies in connection with",
                "sympathy in connection with"
            ]
        );
    }

    #[test]
    fn picks_the_longest_required_piece() {
        let l = lits(
            r"(?i)\b(?P<a>\p{Lu}[\w.]*) (?P<v>reports|reported|writes|wrote),? referring to\b",
        )
        .unwrap();
        assert!(l.iter().all(|s| s.contains("referring to")), "{l:?}");
    }

    #[test]
    fn no_literal_means_always_run() {
        assert_eq!(lits(r"(?i),\s*,"), None);
        assert_eq!(lits(r"(?i)\p{L}\s+\p{L}"), None);
        assert_eq!(lits(r"(?i)\p{L}(?P<m>[`´])s\b").unwrap(), ["`s", "´s"]);
        assert_eq!(lits(r"(?i)a|\w+"), None);
    }

    #[test]
    fn non_ascii_case_variants_are_kept() {
        let l = lits(r"(?i)Türkiye").unwrap();
        assert_eq!(l, ["tÜrkiye", "türkiye"]);
    }
}
