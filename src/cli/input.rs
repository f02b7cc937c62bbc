//! Turning command-line paths into texts to check, with clear errors.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::source::SourceKind;

/// Largest file calque reads (bytes). Beyond it the file is refused with a
/// message; `CALQUE_MAX_FILE_SIZE` raises the limit.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 256 * 1024 * 1024;

/// A file (or standard input) to check.
#[derive(Clone, Debug)]
pub struct Input {
    /// How the path is shown in reports.
    pub display: String,
    /// `None` for standard input.
    pub path: Option<PathBuf>,
    pub kind: SourceKind,
}

/// Why a path could not be checked.
#[derive(Clone, Debug)]
pub struct InputError {
    pub display: String,
    pub message: String,
}

/// Why a binary file was skipped: a warning, not an error (exit code unchanged).
pub const BINARY_SKIPPED: &str = "binary file (contains NUL bytes): skipped";

impl InputError {
    /// A file skipped on purpose (binary), reported as a warning.
    pub fn is_skip(&self) -> bool {
        self.message == BINARY_SKIPPED
    }

    /// Print as `warning: …` or `error: …`.
    pub fn print(&self) {
        let level = if self.is_skip() { "warning" } else { "error" };
        eprintln!("{level}: {self}");
    }
}

/// Do these input problems make the run fail (exit 2)? Skipped binary files do not.
pub fn any_error(errors: &[InputError]) -> bool {
    errors.iter().any(|e| !e.is_skip())
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.display, self.message)
    }
}

/// `--exclude` globs. A glob with a `/` matches a path relative to the
/// directory walked (or as given); one without matches any file or directory name.
#[derive(Clone, Default)]
pub struct Excludes {
    paths: globset::GlobSet,
    names: globset::GlobSet,
    empty: bool,
}

impl Excludes {
    pub fn new(globs: &[String]) -> Result<Excludes, String> {
        let mut paths = globset::GlobSetBuilder::new();
        let mut names = globset::GlobSetBuilder::new();
        for g in globs {
            let text = g.trim_start_matches("./").trim_end_matches('/');
            let glob = globset::GlobBuilder::new(text)
                .literal_separator(true)
                .build()
                .map_err(|e| format!("--exclude {g}: {}", e.kind()))?;
            if text.contains('/') {
                paths.add(glob);
            } else {
                names.add(glob);
            }
        }
        Ok(Excludes {
            paths: paths.build().map_err(|e| e.to_string())?,
            names: names.build().map_err(|e| e.to_string())?,
            empty: globs.is_empty(),
        })
    }

    /// Is `path` (relative to `root`, if under it) excluded?
    pub fn excludes(&self, path: &Path, root: &Path) -> bool {
        if self.empty {
            return false;
        }
        let rel = path.strip_prefix(root).unwrap_or(path);
        let rel = rel.strip_prefix("./").unwrap_or(rel);
        self.paths.is_match(rel)
            || self.paths.is_match(path)
            || path.file_name().is_some_and(|n| self.names.is_match(n))
    }
}

/// Expand paths: files as given, directories walked (respecting .gitignore)
/// for files calque reads, `-` for standard input; leave out what
/// `--exclude` globs match (walked files and files given by name alike).
pub fn collect_excluding(
    paths: &[PathBuf],
    stdin_name: Option<&Path>,
    exclude: &[String],
) -> Result<(Vec<Input>, Vec<InputError>), String> {
    let excludes = Excludes::new(exclude)?;
    Ok(collect_with(paths, stdin_name, &excludes))
}

fn collect_with(
    paths: &[PathBuf],
    stdin_name: Option<&Path>,
    excludes: &Excludes,
) -> (Vec<Input>, Vec<InputError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let stdin = |inputs: &mut Vec<Input>| {
        let display = stdin_name.map_or("-".to_string(), |p| p.display().to_string());
        let kind = stdin_name
            .and_then(SourceKind::from_path)
            .unwrap_or(SourceKind::Plain);
        inputs.push(Input {
            display,
            path: None,
            kind,
        });
    };
    if paths.is_empty() {
        stdin(&mut inputs);
    }
    for path in paths {
        if path.as_os_str() == "-" {
            stdin(&mut inputs);
            continue;
        }
        let display = path.display().to_string();
        match std::fs::metadata(path) {
            Err(e) => errors.push(InputError {
                display,
                message: describe_io(&e),
            }),
            Ok(m) if m.is_dir() => walk(path, excludes, &mut inputs, &mut errors),
            Ok(_) if excludes.excludes(path, Path::new(".")) => {}
            Ok(_) => inputs.push(Input {
                display,
                path: Some(path.clone()),
                kind: SourceKind::from_path(path).unwrap_or(SourceKind::Plain),
            }),
        }
    }
    (inputs, errors)
}

fn walk(dir: &Path, excludes: &Excludes, inputs: &mut Vec<Input>, errors: &mut Vec<InputError>) {
    let mut found = Vec::new();
    let root = dir.to_path_buf();
    let ex = excludes.clone();
    let walker = ignore::WalkBuilder::new(dir)
        .follow_links(true)
        // .gitignore files count outside git repositories too.
        .require_git(false)
        .filter_entry(move |e| e.depth() == 0 || !ex.excludes(e.path(), &root))
        .build();
    for entry in walker {
        match entry {
            Ok(e) => {
                let p = e.path();
                if e.file_type().is_some_and(|t| t.is_file()) {
                    if let Some(kind) = SourceKind::from_path(p) {
                        found.push(Input {
                            display: p.display().to_string(),
                            path: Some(p.to_path_buf()),
                            kind,
                        });
                    }
                }
            }
            Err(e) => errors.push(InputError {
                display: dir.display().to_string(),
                message: e.to_string(),
            }),
        }
    }
    found.sort_by(|a, b| a.path.cmp(&b.path));
    inputs.append(&mut found);
}

pub(super) fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

pub(super) fn max_file_size() -> u64 {
    std::env::var("CALQUE_MAX_FILE_SIZE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_MAX_FILE_SIZE)
}

/// Read an input as UTF-8 text, refusing binary, UTF-16 and oversized files.
pub fn read(input: &Input) -> Result<String, InputError> {
    let err = |message: String| InputError {
        display: input.display.clone(),
        message,
    };
    let limit = max_file_size();
    let bytes = match &input.path {
        Some(p) => {
            let meta = std::fs::metadata(p).map_err(|e| err(describe_io(&e)))?;
            if meta.len() > limit {
                return Err(err(format!(
                    "file is {} bytes, over the {limit}-byte limit (set CALQUE_MAX_FILE_SIZE to raise it)",
                    meta.len()
                )));
            }
            std::fs::read(p).map_err(|e| err(describe_io(&e)))?
        }
        None => {
            let mut buf = Vec::new();
            std::io::stdin()
                .lock()
                .take(limit + 1)
                .read_to_end(&mut buf)
                .map_err(|e| err(describe_io(&e)))?;
            if buf.len() as u64 > limit {
                return Err(err(format!(
                    "standard input is over the {limit}-byte limit (set CALQUE_MAX_FILE_SIZE to raise it)"
                )));
            }
            buf
        }
    };
    decode(bytes).map_err(err)
}

/// UTF-8 text from bytes, or why not.
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err("UTF-16 text is not supported: convert the file to UTF-8".into());
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err(BINARY_SKIPPED.into());
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        format!("invalid UTF-8 at byte {offset}: calque reads UTF-8 text only")
    })
}
