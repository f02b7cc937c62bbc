//! `calque fix -i`: review the fixes one finding at a time, like
//! `git add -p`.
//!
//! For each finding with a fix the diagnostic is shown (the same one `check`
//! prints), then the line before and after the change, and the question
//! `[y]es / [n]o / [e]dit / [s]kip rule / [q]uit`. Answers are read a line
//! at a time. The accepted fixes are applied together at the end.

use std::collections::HashSet;
use std::io::{self, BufRead};

use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::{Color, ColorSpec, WriteColor};
use codespan_reporting::term::{self, Config};

use super::apply::{apply_edits, tidy, Edit};
use crate::finding::Finding;
use crate::report::human;

/// An answer to the question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    Yes,
    No,
    /// Use this replacement instead.
    Edit(String),
    /// No, and no more for this rule.
    SkipRule,
    /// No, and stop asking (what was accepted is still applied).
    Quit,
}

/// A review session over one or more files.
pub struct Session<R: BufRead, W: WriteColor> {
    input: R,
    out: W,
    skipped_rules: HashSet<String>,
    quit: bool,
}

/// What the user decided for one file.
#[derive(Clone, Debug, Default)]
pub struct Review {
    /// The text with the accepted fixes applied.
    pub text: String,
    pub accepted: usize,
    pub declined: usize,
}

const HELP: &str = "y - apply this fix
n - leave this finding
e - type the replacement yourself (an empty line deletes the text)
s - leave this finding and every other one of this rule
q - quit; the fixes accepted so far are applied
";

impl<R: BufRead, W: WriteColor> Session<R, W> {
    pub fn new(input: R, out: W) -> Self {
        Session {
            input,
            out,
            skipped_rules: HashSet::new(),
            quit: false,
        }
    }

    /// Has the user quit?
    pub fn has_quit(&self) -> bool {
        self.quit
    }

    /// Review the findings (with fixes) of one file.
    pub fn review(&mut self, path: &str, text: &str, findings: &[Finding]) -> io::Result<Review> {
        let file = SimpleFile::new(path, text);
        let config = Config::default();
        let mut accepted: Vec<Edit> = Vec::new();
        let mut review = Review::default();
        let fixable: Vec<&Finding> = findings
            .iter()
            .filter(|f| !f.replacements.is_empty())
            .collect();
        for (n, f) in fixable.iter().enumerate() {
            if self.quit {
                break;
            }
            if self.skipped_rules.contains(&f.rule.id) {
                continue;
            }
            let Some(edit) = Edit::from_finding(f) else {
                continue;
            };
            let edit = tidy(text, edit);
            if accepted.iter().any(|a| overlaps(a, &edit)) {
                continue;
            }
            term::emit(&mut self.out, &config, &file, &human::diagnostic(f))
                .map_err(|e| io::Error::other(e.to_string()))?;
            self.show_change(text, &edit)?;
            let answer = self.ask(n + 1, fixable.len(), &text[f.start..f.end])?;
            match answer {
                Answer::Yes => accepted.push(edit),
                Answer::Edit(typed) => accepted.push(tidy(
                    text,
                    Edit {
                        start: f.start,
                        end: f.end,
                        text: typed,
                    },
                )),
                Answer::No => review.declined += 1,
                Answer::SkipRule => {
                    review.declined += 1;
                    self.skipped_rules.insert(f.rule.id.clone());
                }
                Answer::Quit => {
                    review.declined += 1;
                    self.quit = true;
                }
            }
            writeln!(self.out)?;
        }
        let applied = apply_edits(text, &accepted);
        review.accepted = applied.applied.len();
        review.text = applied.text;
        Ok(review)
    }

    /// The line(s) the edit touches, before and after.
    fn show_change(&mut self, text: &str, edit: &Edit) -> io::Result<()> {
        let start = text[..edit.start].rfind('\n').map_or(0, |i| i + 1);
        let end = text[edit.end..]
            .find('\n')
            .map_or(text.len(), |i| edit.end + i);
        let old = text[start..end].trim_end_matches('\r');
        let new_full = format!(
            "{}{}{}",
            &text[start..edit.start],
            edit.text,
            &text[edit.end..end]
        );
        let new = new_full.trim_end_matches('\r');
        self.out
            .set_color(ColorSpec::new().set_fg(Some(Color::Red)))?;
        writeln!(self.out, "- {}", old.trim_start_matches('\u{feff}'))?;
        self.out
            .set_color(ColorSpec::new().set_fg(Some(Color::Green)))?;
        writeln!(self.out, "+ {}", new.trim_start_matches('\u{feff}'))?;
        self.out.reset()
    }

    fn read_line(&mut self) -> io::Result<Option<String>> {
        let mut line = String::new();
        if self.input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        Ok(Some(line.trim_end_matches(['\n', '\r']).to_string()))
    }

    fn ask(&mut self, n: usize, total: usize, flagged: &str) -> io::Result<Answer> {
        loop {
            self.out
                .set_color(ColorSpec::new().set_bold(true).set_fg(Some(Color::Blue)))?;
            write!(self.out, "({n}/{total}) Apply this fix [y,n,e,s,q,?]? ")?;
            self.out.reset()?;
            self.out.flush()?;
            let Some(line) = self.read_line()? else {
                return Ok(Answer::Quit);
            };
            match line.trim().to_lowercase().as_str() {
                "y" | "yes" => return Ok(Answer::Yes),
                "n" | "no" => return Ok(Answer::No),
                "s" => return Ok(Answer::SkipRule),
                "q" => return Ok(Answer::Quit),
                "e" => {
                    write!(
                        self.out,
                        "Replace “{flagged}” with (an empty line deletes it): "
                    )?;
                    self.out.flush()?;
                    return Ok(match self.read_line()? {
                        Some(typed) => Answer::Edit(typed),
                        None => Answer::Quit,
                    });
                }
                _ => write!(self.out, "{HELP}")?,
            }
        }
    }
}

fn overlaps(a: &Edit, b: &Edit) -> bool {
    (b.start < a.end && a.start < b.end)
        || (a.start == b.start && (a.start == a.end || b.start == b.end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::Linter;
    use crate::rules::load::{load, RuleSources};
    use crate::source::SourceKind;
    use codespan_reporting::term::termcolor::NoColor;
    use std::sync::Arc;

    #[test]
    fn scripted_answers() {
        let linter = Linter::all(Arc::new(load(&RuleSources::default()).unwrap()));
        let text = "The the talks ended. Envoys met met again. They they left.\n";
        let findings = linter.lint(text, SourceKind::Plain).findings;
        assert_eq!(findings.len(), 3);
        let input = io::Cursor::new("y\n?\nn\ne\nthen\n");
        let mut s = Session::new(input, NoColor::new(Vec::new()));
        let r = s.review("x.txt", text, &findings).unwrap();
        assert_eq!(
            r.text,
            "The talks ended. Envoys met met again. They then left.\n"
        );
        assert_eq!((r.accepted, r.declined), (2, 1));
        let shown = String::from_utf8(s.out.into_inner()).unwrap();
        assert!(shown.contains("calque.grammar.repeated-word"));
        assert!(shown.contains("- The the talks ended."));
        assert!(shown.contains("q - quit"));
    }
}
