//! `path:line:col: severity[rule]: message` — for Vim's quickfix and Emacs' compile mode.

use std::io::{self, Write};

use super::FileResult;
use crate::finding::{Finding, LineIndex};

pub fn write(out: &mut dyn Write, result: &FileResult) -> io::Result<()> {
    let index = LineIndex::new(&result.text);
    for f in &result.report.findings {
        let (line, col) = index.position(f.start);
        write_finding(out, &result.path, line, col, f)?;
    }
    Ok(())
}

/// One finding's line (shared with the streaming checker, `cli/stream.rs`).
pub fn write_finding(
    out: &mut dyn Write,
    path: &str,
    line: usize,
    col: usize,
    f: &Finding,
) -> io::Result<()> {
    write!(
        out,
        "{path}:{line}:{col}: {}[{}]: {}",
        f.severity,
        f.rule.id,
        f.message()
    )?;
    match f.replacements.first() {
        Some(r) if r.is_empty() => write!(out, " (delete)")?,
        Some(r) => write!(out, " (write “{r}”)")?,
        None => {}
    }
    writeln!(out)
}
