//! JUnit XML: one `<testsuite>` per file, one failing `<testcase>` per
//! finding; a clean file has one passing test case.

use std::io::{self, Write};

use super::checkstyle::xml_escape;
use super::FileResult;
use crate::finding::LineIndex;

#[derive(Default)]
pub struct Collector {
    suites: String,
    tests: usize,
    failures: usize,
}

impl Collector {
    pub fn add(&mut self, result: &FileResult) {
        let index = LineIndex::new(&result.text);
        let path = xml_escape(&result.path);
        let n = result.report.findings.len();
        let (tests, failures) = (n.max(1), n);
        self.tests += tests;
        self.failures += failures;
        self.suites.push_str(&format!(
            "  <testsuite name=\"{path}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">\n"
        ));
        if n == 0 {
            self.suites.push_str(&format!(
                "    <testcase name=\"no findings\" classname=\"{path}\"/>\n"
            ));
        }
        for f in &result.report.findings {
            let (line, col) = index.position(f.start);
            let flagged = &result.text[f.start..f.end];
            self.suites.push_str(&format!(
                "    <testcase name=\"{}:{line}:{col}\" classname=\"{path}\">\n      <failure message=\"{}\" type=\"{}\">{}:{line}:{col}: {}[{}]: {} ({})</failure>\n    </testcase>\n",
                xml_escape(&f.rule.id),
                xml_escape(f.message()),
                f.severity,
                path,
                f.severity,
                xml_escape(&f.rule.id),
                xml_escape(f.message()),
                xml_escape(flagged),
            ));
        }
        self.suites.push_str("  </testsuite>\n");
    }

    pub fn write(&mut self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(
            out,
            "<testsuites name=\"calque\" tests=\"{}\" failures=\"{}\" errors=\"0\">",
            self.tests, self.failures
        )?;
        out.write_all(self.suites.as_bytes())?;
        writeln!(out, "</testsuites>")
    }
}
