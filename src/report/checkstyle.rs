//! Checkstyle XML: one `<file>` per checked file, one `<error>` per finding.

use std::io::{self, Write};

use super::FileResult;
use crate::finding::LineIndex;

/// Escape text for an XML attribute or element; characters XML 1.0 cannot
/// hold are dropped.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[derive(Default)]
pub struct Collector {
    body: String,
}

impl Collector {
    pub fn add(&mut self, result: &FileResult) {
        let index = LineIndex::new(&result.text);
        self.body
            .push_str(&format!("  <file name=\"{}\">\n", xml_escape(&result.path)));
        for f in &result.report.findings {
            let (line, col) = index.position(f.start);
            self.body.push_str(&format!(
                "    <error line=\"{line}\" column=\"{col}\" severity=\"{}\" message=\"{}\" source=\"{}\"/>\n",
                f.severity,
                xml_escape(f.message()),
                xml_escape(&f.rule.id)
            ));
        }
        self.body.push_str("  </file>\n");
    }

    pub fn write(&mut self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(out, "<checkstyle version=\"4.3\">")?;
        out.write_all(self.body.as_bytes())?;
        writeln!(out, "</checkstyle>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_xml() {
        assert_eq!(
            xml_escape("a<b>&\"c\" 'd'\u{1}"),
            "a&lt;b&gt;&amp;&quot;c&quot; &apos;d&apos;"
        );
    }
}
