//! `calque lsp`: a language server over stdio.
//!
//! Built on `lsp-server` and `lsp-types`, the pair rust-analyzer uses: a
//! synchronous message loop with no async runtime, and a small dependency
//! tree (serde, a URI type, crossbeam-channel). A linter that answers in
//! milliseconds gains nothing from an async executor, and a blocking loop
//! makes "drain every queued message, then lint once" trivial to write.
//! (The stdio framing is ours, see [`transport`], so that a malformed payload
//! gets an error response instead of stopping the reader.)
//!
//! Documents are ropes edited incrementally ([`document`]); each pass
//! re-lints only the paragraphs whose text changed ([`cache`]); a panic while
//! linting one document is caught and reported for that document only.

pub mod actions;
pub mod cache;
pub mod config;
pub mod diagnostics;
pub mod document;
pub mod transport;

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender};
use std::sync::Arc;

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability,
    DidChangeConfigurationParams, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, HoverParams, HoverProviderCapability,
    InitializeParams, InitializeResult, MessageType, PositionEncodingKind,
    PublishDiagnosticsParams, ServerCapabilities, ServerInfo, ShowMessageParams,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions, Uri,
};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use crate::cli::RuleArgs;
use crate::finding::Finding;
use crate::lint::Linter;
use crate::rules::load::{load, RuleSources};
use crate::rules::RuleSet;
use crate::source::SourceKind;
use cache::SegmentCache;
use config::{ClientSettings, ConfigSource, Settings};
use document::{kind_for_language, Encoding, Text};
use transport::{Incoming, Transport};

/// Run the server on stdio until the client says `exit`; returns the exit code
/// (0 after a `shutdown` request, 1 otherwise, as the protocol asks).
pub fn run(rules: RuleArgs) -> i32 {
    let transport = Transport::stdio();
    let code = {
        let mut server = Server::new(transport.sender.clone(), rules);
        server.serve(&transport.receiver)
    };
    transport.finish();
    code
}

/// A server without stdio, for tests and fuzzing: give it raw JSON-RPC
/// payloads (the bytes after the `Content-Length` header) one at a time and
/// read what it sends back. Each payload is handled as the stdio loop handles
/// a burst of one message: dispatched, then the changed documents are linted.
pub struct Harness {
    server: Server,
    rx: Receiver<String>,
    exit: Option<i32>,
}

impl Harness {
    pub fn new(rules: RuleArgs) -> Harness {
        let (tx, rx) = std::sync::mpsc::channel();
        Harness {
            server: Server::new(tx, rules),
            rx,
            exit: None,
        }
    }

    /// Handle one payload; returns the messages the server sent (JSON text).
    /// After `exit`, further payloads are ignored.
    pub fn handle(&mut self, body: &[u8]) -> Vec<String> {
        if self.exit.is_none() {
            if let Flow::Exit(code) = self.server.dispatch(transport::parse(body)) {
                self.exit = Some(code);
            } else {
                self.server.lint_dirty();
            }
        }
        self.rx.try_iter().collect()
    }

    /// The exit code, once the client sent `exit`.
    pub fn exit_code(&self) -> Option<i32> {
        self.exit
    }

    /// The open documents.
    pub fn docs(&self) -> impl Iterator<Item = &Doc> {
        self.server.docs.values()
    }

    /// The findings a full, uncached lint of `doc`'s current text gives.
    pub fn full_lint(&self, doc: &Doc) -> Vec<Finding> {
        match &doc.linter {
            Some(l) => l.lint(&doc.text.rope().to_string(), doc.kind).findings,
            None => Vec::new(),
        }
    }
}

/// An open document and what the last lint found in it.
pub struct Doc {
    pub uri: Uri,
    pub path: Option<PathBuf>,
    pub kind: SourceKind,
    pub version: i32,
    pub text: Text,
    /// The text the findings' byte offsets refer to.
    pub snapshot: String,
    pub findings: Vec<Finding>,
    linter: Option<Linter>,
    cache: SegmentCache,
    dirty: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Uninitialized,
    Running,
    ShuttingDown,
}

enum Flow {
    Continue,
    Exit(i32),
}

type Failure = (ErrorCode, String);

struct Server {
    out: Sender<String>,
    state: State,
    enc: Encoding,
    settings: Settings,
    rules: Arc<RuleSet>,
    /// Rule sets with the extra directories a configuration file names,
    /// by directory list (compiled once, dropped when settings change).
    config_rules: HashMap<Vec<std::path::PathBuf>, Arc<RuleSet>>,
    config: Box<dyn ConfigSource>,
    docs: HashMap<Uri, Doc>,
    /// The client can watch files for us (dynamic registration).
    can_watch: bool,
    next_id: u32,
}

impl Server {
    fn new(out: Sender<String>, cli: RuleArgs) -> Server {
        Server {
            out,
            state: State::Uninitialized,
            enc: Encoding::Utf16,
            settings: Settings {
                cli,
                client: ClientSettings::default(),
            },
            rules: Arc::new(RuleSet::compile(Vec::new()).unwrap_or_else(|_| unreachable!())),
            config_rules: HashMap::new(),
            config: config::default_config_source(),
            docs: HashMap::new(),
            can_watch: false,
            next_id: 0,
        }
    }

    /// Handle messages; after each burst (everything already queued), lint
    /// the documents that changed, once.
    fn serve(&mut self, rx: &Receiver<Incoming>) -> i32 {
        loop {
            let Ok(first) = rx.recv() else {
                // The client went away without `exit`.
                return 1;
            };
            if let Flow::Exit(code) = self.dispatch(first) {
                return code;
            }
            while let Ok(more) = rx.try_recv() {
                if let Flow::Exit(code) = self.dispatch(more) {
                    return code;
                }
            }
            self.lint_dirty();
        }
    }

    fn dispatch(&mut self, incoming: Incoming) -> Flow {
        match incoming {
            Incoming::Malformed { id, code, message } => {
                match id {
                    Some(id) => self.respond(Response::new_err(id, code as i32, message)),
                    None => {
                        let _ = self.out.send(transport::error_without_id(code, &message));
                    }
                }
                Flow::Continue
            }
            Incoming::Message(Message::Request(req)) => {
                self.request(req);
                Flow::Continue
            }
            Incoming::Message(Message::Notification(n)) => {
                if n.method == "exit" {
                    return Flow::Exit(if self.state == State::ShuttingDown {
                        0
                    } else {
                        1
                    });
                }
                if self.state != State::Uninitialized {
                    let method = n.method.clone();
                    let outcome = catch_unwind(AssertUnwindSafe(|| self.notification(n)));
                    if let Err(panic) = outcome {
                        self.show(
                            MessageType::ERROR,
                            format!(
                                "calque: internal error handling {method}: {}",
                                panic_text(&panic)
                            ),
                        );
                    }
                }
                Flow::Continue
            }
            // Answers to our own requests (capability registration): nothing to do.
            Incoming::Message(Message::Response(_)) => Flow::Continue,
        }
    }

    fn request(&mut self, req: Request) {
        let Request { id, method, params } = req;
        let result = match self.state {
            State::Uninitialized if method != "initialize" => Err((
                ErrorCode::ServerNotInitialized,
                "the server is not initialized".to_string(),
            )),
            State::ShuttingDown => Err((
                ErrorCode::InvalidRequest,
                "the server is shutting down".to_string(),
            )),
            _ => catch_unwind(AssertUnwindSafe(|| self.handle_request(&method, params)))
                .unwrap_or_else(|panic| {
                    Err((
                        ErrorCode::InternalError,
                        format!("internal error: {}", panic_text(&panic)),
                    ))
                }),
        };
        let response = match result {
            Ok(value) => Response {
                id,
                result: Some(value),
                error: None,
            },
            Err((code, message)) => Response::new_err(id, code as i32, message),
        };
        self.respond(response);
    }

    fn handle_request(&mut self, method: &str, params: Value) -> Result<Value, Failure> {
        match method {
            "initialize" => {
                if self.state != State::Uninitialized {
                    return Err((
                        ErrorCode::InvalidRequest,
                        "initialize was already sent".into(),
                    ));
                }
                let p: InitializeParams = parse(params)?;
                let result = self.initialize(p);
                self.state = State::Running;
                to_value(result)
            }
            "shutdown" => {
                self.state = State::ShuttingDown;
                Ok(Value::Null)
            }
            "textDocument/codeAction" => {
                let p: CodeActionParams = parse(params)?;
                let uri = p.text_document.uri;
                if !self.ensure_linted(&uri) {
                    return Ok(json!([]));
                }
                let doc = &self.docs[&uri];
                let start = doc.text.offset_at(p.range.start, self.enc);
                let end = doc.text.offset_at(p.range.end, self.enc);
                let only = p.context.only.as_deref();
                to_value(actions::code_actions(doc, self.enc, start, end, only))
            }
            "textDocument/hover" => {
                let p: HoverParams = parse(params)?;
                let uri = p.text_document_position_params.text_document.uri;
                if !self.ensure_linted(&uri) {
                    return Ok(Value::Null);
                }
                let doc = &self.docs[&uri];
                let offset = doc
                    .text
                    .offset_at(p.text_document_position_params.position, self.enc);
                to_value(diagnostics::hover(doc, offset, self.enc))
            }
            _ => Err((
                ErrorCode::MethodNotFound,
                format!("unknown method {method}"),
            )),
        }
    }

    fn initialize(&mut self, p: InitializeParams) -> InitializeResult {
        let offers_utf8 = p
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref())
            .is_some_and(|encs| encs.contains(&PositionEncodingKind::UTF8));
        self.enc = if offers_utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        self.can_watch = p
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        if let Some(options) = &p.initialization_options {
            match ClientSettings::from_value(options) {
                Ok(Some(s)) => self.settings.client = s,
                Ok(None) => {}
                Err(e) => self.show(MessageType::ERROR, format!("calque: {e}")),
            }
        }
        self.reload_rules();
        InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(match self.enc {
                    Encoding::Utf8 => PositionEncodingKind::UTF8,
                    Encoding::Utf16 => PositionEncodingKind::UTF16,
                }),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::from(actions::FIX_ALL),
                        ]),
                        resolve_provider: Some(false),
                        ..CodeActionOptions::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "calque".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        }
    }

    fn notification(&mut self, n: Notification) {
        let Notification { method, params } = n;
        let outcome = match method.as_str() {
            "initialized" => {
                self.watch_config_files();
                Ok(())
            }
            "textDocument/didOpen" => parse(params).map(|p| self.did_open(p)),
            "textDocument/didChange" => parse(params).map(|p| self.did_change(p)),
            "textDocument/didClose" => parse(params)
                .map(|p: DidCloseTextDocumentParams| self.did_close(p.text_document.uri)),
            "workspace/didChangeConfiguration" => parse(params)
                .map(|p: DidChangeConfigurationParams| self.did_change_configuration(p)),
            "workspace/didChangeWatchedFiles" => {
                parse(params).map(|p: DidChangeWatchedFilesParams| self.did_change_watched_files(p))
            }
            _ => Ok(()),
        };
        if let Err((_, message)) = outcome {
            self.log(
                MessageType::WARNING,
                format!("calque: ignored {method}: {message}"),
            );
        }
    }

    fn did_open(&mut self, p: DidOpenTextDocumentParams) {
        let item = p.text_document;
        let Some(kind) = kind_for_language(&item.language_id) else {
            return;
        };
        let path = uri_to_path(&item.uri);
        self.docs.insert(
            item.uri.clone(),
            Doc {
                uri: item.uri,
                path,
                kind,
                version: item.version,
                text: Text::new(&item.text),
                snapshot: String::new(),
                findings: Vec::new(),
                linter: None,
                cache: SegmentCache::default(),
                dirty: true,
            },
        );
    }

    fn did_change(&mut self, p: DidChangeTextDocumentParams) {
        let Some(doc) = self.docs.get_mut(&p.text_document.uri) else {
            return;
        };
        for change in &p.content_changes {
            doc.text.apply(change, self.enc);
        }
        doc.version = p.text_document.version;
        doc.dirty = true;
    }

    fn did_close(&mut self, uri: Uri) {
        if self.docs.remove(&uri).is_some() {
            self.publish_params(PublishDiagnosticsParams {
                uri,
                diagnostics: Vec::new(),
                version: None,
            });
        }
    }

    fn did_change_configuration(&mut self, p: DidChangeConfigurationParams) {
        match ClientSettings::from_value(&p.settings) {
            Ok(Some(s)) => {
                let sources_changed = {
                    let mut next = self.settings.clone();
                    next.client = s.clone();
                    next.sources().dirs != self.settings.sources().dirs
                        || next.sources().no_builtin != self.settings.sources().no_builtin
                };
                self.settings.client = s;
                if sources_changed {
                    self.reload_rules();
                }
                self.reconfigure();
            }
            Ok(None) => {}
            Err(e) => self.show(MessageType::ERROR, format!("calque: {e}")),
        }
    }

    fn did_change_watched_files(&mut self, p: DidChangeWatchedFilesParams) {
        let mut changed = false;
        for event in p.changes {
            if let Some(path) = uri_to_path(&event.uri) {
                if self.config.is_config_file(&path) {
                    self.config.reload(&path);
                    changed = true;
                }
            }
        }
        if changed {
            self.reconfigure();
        }
    }

    /// Ask the client to tell us when a configuration file changes.
    fn watch_config_files(&mut self) {
        if !self.can_watch {
            return;
        }
        let params = json!({
            "registrations": [{
                "id": "calque-config-files",
                "method": "workspace/didChangeWatchedFiles",
                "registerOptions": {
                    "watchers": [{ "globPattern": format!("**/{}", config::CONFIG_FILE_NAME) }]
                }
            }]
        });
        self.next_id += 1;
        let id = RequestId::from(format!("calque-{}", self.next_id));
        self.send(Message::Request(Request {
            id,
            method: "client/registerCapability".into(),
            params,
        }));
    }

    /// Load the rules the settings name; on error, say so and keep the
    /// built-in rules (or none, with `noBuiltin`).
    fn reload_rules(&mut self) {
        let sources = self.settings.sources();
        if !sources.no_builtin && sources.dirs.is_empty() {
            self.rules = crate::rules::load::builtin_shared();
            self.reconfigure();
            return;
        }
        match load(&sources) {
            Ok(set) => self.rules = Arc::new(set),
            Err(errors) => {
                let list: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
                self.show(
                    MessageType::ERROR,
                    format!("calque: cannot load rules:\n{}", list.join("\n")),
                );
                let fallback = RuleSources {
                    no_builtin: sources.no_builtin,
                    dirs: Vec::new(),
                };
                if let Ok(set) = load(&fallback) {
                    self.rules = Arc::new(set);
                }
            }
        }
        self.reconfigure();
    }

    /// Rules or selection changed: every document is linted afresh.
    fn reconfigure(&mut self) {
        self.config_rules.clear();
        for doc in self.docs.values_mut() {
            doc.linter = None;
            doc.cache.clear();
            doc.dirty = true;
        }
    }

    fn lint_dirty(&mut self) {
        let dirty: Vec<Uri> = self
            .docs
            .values()
            .filter(|d| d.dirty)
            .map(|d| d.uri.clone())
            .collect();
        for uri in dirty {
            self.lint(&uri);
        }
    }

    /// Make sure a document's findings are current; false if it is not open.
    fn ensure_linted(&mut self, uri: &Uri) -> bool {
        match self.docs.get(uri) {
            None => false,
            Some(doc) => {
                if doc.dirty {
                    self.lint(uri);
                }
                true
            }
        }
    }

    /// Lint one document and publish its diagnostics.
    fn lint(&mut self, uri: &Uri) {
        let Some(doc) = self.docs.get_mut(uri) else {
            return;
        };
        doc.dirty = false;
        let snapshot = doc.text.rope().to_string();
        let linter = match &doc.linter {
            Some(l) => l.clone(),
            None => {
                let selection = self
                    .config
                    .selection_for(doc.path.as_deref(), &self.settings.selection());
                let options = self.config.options_for(doc.path.as_deref());
                let dirs = self.config.rule_dirs_for(doc.path.as_deref());
                let rules = if dirs.is_empty() {
                    self.rules.clone()
                } else {
                    match self.config_rules.get(&dirs) {
                        Some(r) => r.clone(),
                        None => {
                            let mut sources = self.settings.sources();
                            sources.dirs.extend(dirs.iter().cloned());
                            // A broken rule directory is reported by `calque
                            // check`; the editor keeps the other rules.
                            let r = load(&sources).map_or_else(|_| self.rules.clone(), Arc::new);
                            self.config_rules.insert(dirs, r.clone());
                            r
                        }
                    }
                };
                let l = Linter::new(rules, &selection).with_options(options);
                doc.linter = Some(l.clone());
                l
            }
        };
        let kind = doc.kind;
        let cache = &mut doc.cache;
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            test_hook(&snapshot);
            cache.lint(&linter, &snapshot, kind)
        }));
        doc.snapshot = snapshot;
        let failure = match outcome {
            Ok((findings, _stats)) => {
                doc.findings = findings;
                None
            }
            Err(panic) => {
                doc.cache.clear();
                doc.findings.clear();
                Some(panic_text(&panic))
            }
        };
        let params = PublishDiagnosticsParams {
            uri: doc.uri.clone(),
            diagnostics: doc
                .findings
                .iter()
                .map(|f| diagnostics::diagnostic(doc, f, self.enc))
                .collect(),
            version: Some(doc.version),
        };
        self.publish_params(params);
        if let Some(why) = failure {
            self.show(
                MessageType::ERROR,
                format!("calque: checking {} failed: {why}", uri.as_str()),
            );
        }
    }

    fn publish_params(&self, params: PublishDiagnosticsParams) {
        self.notify("textDocument/publishDiagnostics", params);
    }

    fn show(&self, typ: MessageType, message: String) {
        eprintln!("{message}");
        self.notify("window/showMessage", ShowMessageParams { typ, message });
    }

    fn log(&self, typ: MessageType, message: String) {
        self.notify(
            "window/logMessage",
            json!({ "type": typ, "message": message }),
        );
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) {
        self.send(Message::Notification(Notification {
            method: method.into(),
            params: serde_json::to_value(params).unwrap_or(Value::Null),
        }));
    }

    fn respond(&self, response: Response) {
        self.send(Message::Response(response));
    }

    fn send(&self, msg: Message) {
        // A closed channel means the writer is gone: nothing left to tell.
        let _ = self.out.send(transport::encode(&msg));
    }
}

fn parse<T: DeserializeOwned>(params: Value) -> Result<T, Failure> {
    serde_json::from_value(params)
        .map_err(|e| (ErrorCode::InvalidParams, format!("invalid params: {e}")))
}

fn to_value(v: impl serde::Serialize) -> Result<Value, Failure> {
    serde_json::to_value(v).map_err(|e| (ErrorCode::InternalError, e.to_string()))
}

fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_string()
    }
}

/// Debug builds only: panic while linting a text that contains the value of
/// `CALQUE_LSP_TEST_PANIC`, so the tests can check a panic is contained.
fn test_hook(text: &str) {
    #[cfg(debug_assertions)]
    if let Ok(trigger) = std::env::var("CALQUE_LSP_TEST_PANIC") {
        if !trigger.is_empty() && text.contains(&trigger) {
            panic!("test panic requested by CALQUE_LSP_TEST_PANIC");
        }
    }
    #[cfg(not(debug_assertions))]
    let _ = text;
}

/// The path of a `file:` URI, percent-decoded; `None` for other schemes.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // Skip an authority (`file://host/path`); `file:///path` has none.
    let path = &rest[rest.find('/')?..];
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let bytes = percent_decode(path);
    let decoded = String::from_utf8(bytes).ok()?;
    #[cfg(windows)]
    let decoded = decoded
        .strip_prefix('/')
        .filter(|p| p.as_bytes().get(1) == Some(&b':'))
        .map(str::to_string)
        .unwrap_or(decoded);
    Some(PathBuf::from(decoded))
}

fn percent_decode(s: &str) -> Vec<u8> {
    fn hex(b: u8) -> Option<u8> {
        (b as char).to_digit(16).map(|d| d as u8)
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(hi), Some(lo)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push(hi * 16 + lo);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn file_uris_become_paths() {
        let uri = Uri::from_str("file:///tmp/news%20desk/%D8%AE%D8%A8%D8%B1.md").unwrap();
        assert_eq!(
            uri_to_path(&uri),
            Some(PathBuf::from("/tmp/news desk/خبر.md"))
        );
        let uri = Uri::from_str("untitled:Untitled-1").unwrap();
        assert_eq!(uri_to_path(&uri), None);
        assert_eq!(percent_decode("a%2"), b"a%2");
        assert_eq!(percent_decode("%é"), "%é".as_bytes());
    }
}
