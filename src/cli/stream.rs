//! Streaming `calque check` for big plain-text files.
//!
//! Why: a 100 MB file read whole costs its size several times over (the
//! text, its segment copies, the findings, the line index). A plain-text
//! file is a run of paragraphs, and findings never cross a paragraph, so it
//! can be read in blocks, its complete paragraphs linted in parallel and
//! their findings written at once, in file order, before the next block is
//! read. Memory stays near two blocks, whatever the file size.
//!
//! Applies to plain-text files of at least [`DEFAULT_MIN_BYTES`]
//! (`CALQUE_STREAM_MIN_BYTES` changes it) in the `concise` and `jsonl`
//! formats, when nothing needs the whole file (fixing, baselines,
//! statistics, source guessing, density limits) and the file holds no
//! suppression directive (found by a quick scan first). The output is the
//! same bytes as the whole-file path: byte offsets into the file, 1-based
//! lines, columns in characters. A file that turns out not to be UTF-8 part
//! way through reports the findings before the bad byte, then the error.

use std::fs::File;
use std::io::{self, Read, Write};

use rayon::prelude::*;

use super::input::{Input, InputError};
use crate::finding::{Finding, LineIndex};
use crate::lint::{sort_findings, Linter};
use crate::report::{write_concise_finding, FindingJson, Format};
use crate::rules::Severity;
use crate::source::{self, OffsetMap, Role, SourceKind};

/// Files smaller than this are read whole (and checked in parallel with
/// other files); bigger ones are streamed.
pub const DEFAULT_MIN_BYTES: u64 = 1 << 20;
/// Bytes read per block.
const BLOCK: usize = 1 << 20;
/// Room reserved per finding when rendering: most lines fit.
const LINE_BYTES_GUESS: usize = 512;

/// Does the streaming path serve this input in this format?
pub fn applies(inp: &Input, format: Format) -> bool {
    if !matches!(format, Format::Concise | Format::Jsonl) || inp.kind != SourceKind::Plain {
        return false;
    }
    let Some(path) = &inp.path else {
        return false;
    };
    let min = std::env::var("CALQUE_STREAM_MIN_BYTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_MIN_BYTES);
    let big = std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() >= min);
    big && !has_directive(path).unwrap_or(true)
}

/// Does the file mention a suppression directive (`calque-disable…`,
/// `calque-enable`)? Those need the whole file.
fn has_directive(path: &std::path::Path) -> io::Result<bool> {
    let finder = memchr::memmem::Finder::new(b"calque-");
    let mut file = File::open(path)?;
    let mut buf = vec![0u8; BLOCK + 16];
    let mut keep = 0;
    loop {
        let n = file.read(&mut buf[keep..])?;
        if n == 0 {
            return Ok(false);
        }
        let filled = keep + n;
        if finder.find(&buf[..filled]).is_some() {
            return Ok(true);
        }
        // Keep a tail so that a mark across two reads is still seen.
        keep = filled.min(6);
        buf.copy_within(filled - keep..filled, 0);
    }
}

/// What a streamed file came to.
#[derive(Debug, Default)]
pub struct Outcome {
    pub findings: usize,
    pub fixable: usize,
    pub words: usize,
    /// A finding at or above the gate's severity.
    pub failed: bool,
}

/// Why a streamed file stopped.
#[derive(Debug)]
pub enum StreamError {
    /// The input could not be read (reported like any input error).
    Input(InputError),
    /// The output could not be written.
    Write(io::Error),
}

/// Check `inp` block by block, writing its findings to `out` as they come.
pub fn check(
    linter: &Linter,
    inp: &Input,
    format: Format,
    fail_on: Severity,
    out: &mut dyn Write,
) -> Result<Outcome, StreamError> {
    let err = |message: String| {
        StreamError::Input(InputError {
            display: inp.display.clone(),
            message,
        })
    };
    let path = inp.path.as_ref().expect("streaming reads files");
    let mut file = File::open(path).map_err(|e| err(e.to_string()))?;
    let mut outcome = Outcome::default();
    let mut buf: Vec<u8> = Vec::with_capacity(2 * BLOCK);
    // File offset of buf[0], and the 1-based line it starts.
    let (mut base, mut line) = (0usize, 1usize);
    let mut eof = false;
    loop {
        if !eof {
            let n = (&mut file)
                .take(BLOCK as u64)
                .read_to_end(&mut buf)
                .map_err(|e| err(e.to_string()))?;
            eof = n == 0;
        }
        if base == 0 && !buf.is_empty() {
            check_head(&buf).map_err(err)?;
        }
        // Validated once; only a block cut inside a character is checked
        // again, up to the cut.
        let (text, valid) = match std::str::from_utf8(&buf) {
            Ok(text) => (text, buf.len()),
            Err(e) if e.error_len().is_none() && !eof => {
                let valid = e.valid_up_to();
                let text = std::str::from_utf8(&buf[..valid]).expect("checked above");
                (text, valid)
            }
            Err(e) => {
                return Err(err(format!(
                    "invalid UTF-8 at byte {}: calque reads UTF-8 text only",
                    base + e.valid_up_to()
                )))
            }
        };
        let from = if base == 0 { source::bom_len(text) } else { 0 };
        let mut paras: Vec<(usize, usize)> = source::paragraphs(text, from).collect();
        let whole = eof && valid == buf.len();
        // The last paragraph may go on in the next block, unless this is the end.
        let cut = if whole {
            buf.len()
        } else if paras.len() >= 2 {
            let last = paras.pop().expect("two or more").0;
            text[..last].rfind('\n').map_or(0, |p| p + 1)
        } else {
            continue;
        };
        let text = &text[..cut];
        // Each paragraph is linted *and rendered* on a worker, so that only
        // the writing is left in order: rendering in the reading loop kept
        // one core idle for a tenth of each block. A worker needs the line
        // its paragraph starts on, counted here in one pass.
        let first = if base == 0 { from } else { 0 };
        let mut counted = (0, line);
        let starts: Vec<(usize, usize)> = paras
            .iter()
            .map(|&(s, _)| {
                let line_start = text[..s].rfind('\n').map_or(first, |p| p + 1);
                counted.1 +=
                    memchr::memchr_iter(b'\n', &text.as_bytes()[counted.0..line_start]).count();
                counted.0 = line_start;
                (line_start, counted.1)
            })
            .collect();
        let rendered: Vec<(Vec<u8>, Outcome)> = paras
            .par_iter()
            .zip(&starts)
            .map(|(&(s, e), &start)| {
                let (findings, words) =
                    linter.lint_prose(&text[s..e], &OffsetMap::shifted(base + s), Role::Body);
                render(
                    inp,
                    format,
                    fail_on,
                    &text[start.0..e],
                    base + start.0,
                    start.1,
                    findings,
                    words,
                )
            })
            .collect::<io::Result<_>>()
            .map_err(StreamError::Write)?;
        for (bytes, o) in &rendered {
            if !bytes.is_empty() {
                out.write_all(bytes).map_err(StreamError::Write)?;
            }
            outcome.findings += o.findings;
            outcome.fixable += o.fixable;
            outcome.words += o.words;
            outcome.failed |= o.failed;
        }
        if whole {
            return Ok(outcome);
        }
        line += memchr::memchr_iter(b'\n', text.as_bytes()).count();
        base += cut;
        buf.drain(..cut);
    }
}

/// One paragraph's findings, rendered: `text` runs from the start of the
/// paragraph's first line (file offset `offset`, 1-based line `line`) to
/// its end.
#[allow(clippy::too_many_arguments)]
fn render(
    inp: &Input,
    format: Format,
    fail_on: Severity,
    text: &str,
    offset: usize,
    line: usize,
    mut findings: Vec<Finding>,
    words: usize,
) -> io::Result<(Vec<u8>, Outcome)> {
    let mut outcome = Outcome {
        findings: findings.len(),
        words,
        ..Outcome::default()
    };
    // Most paragraphs have no finding: no line index for them.
    if findings.is_empty() {
        return Ok((Vec::new(), outcome));
    }
    sort_findings(&mut findings);
    let lines = LineIndex::with_first_line_at(text, 0);
    // Sized for the usual line up front: grown from empty, the buffer was
    // reallocated half a dozen times for a paragraph's first finding.
    let mut rendered = Vec::with_capacity(findings.len() * LINE_BYTES_GUESS);
    for f in &findings {
        let (l, c) = lines.position(f.start - offset);
        match format {
            Format::Jsonl => {
                let (el, ec) = lines.position(f.end - offset);
                let j = FindingJson::at(
                    &inp.display,
                    &text[f.start - offset..f.end - offset],
                    f,
                    (line + l - 1, c),
                    (line + el - 1, ec),
                );
                j.write_line(&mut rendered);
            }
            _ => write_concise_finding(&mut rendered, &inp.display, line + l - 1, c, f)?,
        }
        outcome.failed |= f.severity >= fail_on;
        outcome.fixable += usize::from(!f.replacements.is_empty());
    }
    Ok((rendered, outcome))
}

/// The checks `input::decode` makes on a file's head.
fn check_head(head: &[u8]) -> Result<(), String> {
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return Err("UTF-16 text is not supported: convert the file to UTF-8".into());
    }
    if head[..head.len().min(8192)].contains(&0) {
        return Err("binary file (contains NUL bytes): skipped".into());
    }
    Ok(())
}
