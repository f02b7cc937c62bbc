//! Replacement templates: `on the sidelines of`, `$1 said`, `${2:title}`.

use crate::text::capitalise_first;

/// Which captured text a template part stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GroupRef {
    Index(usize),
    Name(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Filter {
    None,
    Title,
    Lower,
    Upper,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    Literal(String),
    Group(GroupRef, Filter),
}

/// A parsed replacement template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    parts: Vec<Part>,
}

impl Template {
    /// Parse `$1`, `${1}`, `${name}`, `${1:title|lower|upper}` and `$$` (a literal `$`).
    pub fn parse(s: &str) -> Result<Template, String> {
        let mut parts = Vec::new();
        let mut lit = String::new();
        let mut chars = s.char_indices().peekable();
        while let Some((_, c)) = chars.next() {
            if c != '$' {
                lit.push(c);
                continue;
            }
            match chars.peek().map(|&(_, c)| c) {
                Some('$') => {
                    chars.next();
                    lit.push('$');
                }
                Some(d) if d.is_ascii_digit() => {
                    let mut n = 0usize;
                    while let Some(&(_, d)) = chars.peek() {
                        match d.to_digit(10) {
                            Some(v) => {
                                n = n * 10 + v as usize;
                                chars.next();
                            }
                            None => break,
                        }
                    }
                    flush(&mut lit, &mut parts);
                    parts.push(Part::Group(GroupRef::Index(n), Filter::None));
                }
                Some('{') => {
                    chars.next();
                    let mut inner = String::new();
                    let mut closed = false;
                    for (_, c) in chars.by_ref() {
                        if c == '}' {
                            closed = true;
                            break;
                        }
                        inner.push(c);
                    }
                    if !closed {
                        return Err(format!("unclosed `${{` in replacement `{s}`"));
                    }
                    let (name, filter) = match inner.split_once(':') {
                        Some((n, f)) => (n, parse_filter(f, s)?),
                        None => (inner.as_str(), Filter::None),
                    };
                    let group = match name.parse::<usize>() {
                        Ok(n) => GroupRef::Index(n),
                        Err(_) if !name.is_empty() => GroupRef::Name(name.to_string()),
                        Err(_) => return Err(format!("empty `${{}}` in replacement `{s}`")),
                    };
                    flush(&mut lit, &mut parts);
                    parts.push(Part::Group(group, filter));
                }
                _ => lit.push('$'),
            }
        }
        flush(&mut lit, &mut parts);
        Ok(Template { parts })
    }

    /// The groups this template refers to.
    pub fn groups(&self) -> impl Iterator<Item = &GroupRef> {
        self.parts.iter().filter_map(|p| match p {
            Part::Group(g, _) => Some(g),
            Part::Literal(_) => None,
        })
    }

    /// Expand with `lookup` giving each group's text (missing groups are empty).
    pub fn expand<'a>(&self, lookup: impl Fn(&GroupRef) -> Option<&'a str>) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Literal(s) => out.push_str(s),
                Part::Group(g, f) => {
                    let text = lookup(g).unwrap_or("");
                    match f {
                        Filter::None => out.push_str(text),
                        Filter::Lower => out.push_str(&text.to_lowercase()),
                        Filter::Upper => out.push_str(&text.to_uppercase()),
                        Filter::Title => out.push_str(&capitalise_first(text)),
                    }
                }
            }
        }
        out
    }
}

fn flush(lit: &mut String, parts: &mut Vec<Part>) {
    if !lit.is_empty() {
        parts.push(Part::Literal(std::mem::take(lit)));
    }
}

fn parse_filter(f: &str, template: &str) -> Result<Filter, String> {
    match f {
        "title" => Ok(Filter::Title),
        "lower" => Ok(Filter::Lower),
        "upper" => Ok(Filter::Upper),
        _ => Err(format!(
            "unknown filter `{f}` in replacement `{template}` (expected title, lower or upper)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_groups_and_filters() {
        let t = Template::parse("${1:title} General $2 $$5").unwrap();
        let groups = ["brigadier general Ali", "brigadier", "Ali"];
        let out = t.expand(|g| match g {
            GroupRef::Index(i) => groups.get(*i).copied(),
            GroupRef::Name(_) => None,
        });
        assert_eq!(out, "Brigadier General Ali $5");
    }

    #[test]
    fn rejects_bad_templates() {
        assert!(Template::parse("${1").is_err());
        assert!(Template::parse("${1:shout}").is_err());
        assert!(Template::parse("${}").is_err());
    }
}
