//! GitHub Actions workflow commands: one annotation per finding.
//!
//! `::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`
//! (`info` findings are `::notice`). Values are escaped as the runner
//! expects: `%`, `\r`, `\n` everywhere, and `:` and `,` in properties.

use std::io::{self, Write};

use super::FileResult;
use crate::baseline::path_key;
use crate::finding::LineIndex;
use crate::rules::Severity;

/// Escape a message.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn write(out: &mut dyn Write, result: &FileResult) -> io::Result<()> {
    let index = LineIndex::new(&result.text);
    let file = escape_property(&path_key(&result.path));
    for f in &result.report.findings {
        let (line, col) = index.position(f.start);
        let (end_line, end_col) = index.position(f.end);
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = f.message().to_string();
        match f.replacements.first() {
            Some(r) if r.is_empty() => message.push_str(" (delete)"),
            Some(r) => message.push_str(&format!(" (write “{r}”)")),
            None => {}
        }
        writeln!(
            out,
            "::{command} file={file},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}",
            escape_property(&f.rule.id),
            escape_data(&message)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_property("a,b:c%"), "a%2Cb%3Ac%25");
    }
}
