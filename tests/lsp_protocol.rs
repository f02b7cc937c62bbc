//! `calque lsp` spoken to over JSON-RPC, as an editor would.

mod lsp_support;

use lsp_support::{apply_edits, range_json, utf16_len, utf16_pos, Client};
use serde_json::{json, Value};

const REPEATED: &str = "calque.grammar.repeated-word";

// Curly quotes, an em dash, Persian script and an emoji before the finding,
// so that UTF-16 columns differ from byte and character columns.
const DOC: &str = "# “Tehran” talks — day two 🙂\n\
\n\
The spokesman — Esmaeil Baghaei (اسماعیل بقائی) 🙂 — said the the talks would resume.\n\
\n\
Officials declined to comment on the timing.\n";

const URI: &str = "file:///tmp/calque-lsp-test/brief.md";

fn range_of(d: &Value) -> [u32; 4] {
    let r = &d["range"];
    [
        r["start"]["line"].as_u64().unwrap() as u32,
        r["start"]["character"].as_u64().unwrap() as u32,
        r["end"]["line"].as_u64().unwrap() as u32,
        r["end"]["character"].as_u64().unwrap() as u32,
    ]
}

/// Range [line, col, line, col] (UTF-16) of the `n`th occurrence of `needle`.
fn find_range(text: &str, needle: &str, n: usize) -> [u32; 4] {
    let at = text.match_indices(needle).nth(n).unwrap().0;
    let [l, c] = utf16_pos(text, at);
    [l, c, l, c + utf16_len(needle)]
}

#[test]
fn session_with_utf16_positions_edits_and_code_actions() {
    let (mut c, init) = Client::initialized(&[], json!({}), Value::Null);
    let caps = &init["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(init["serverInfo"]["name"], "calque");

    c.open(URI, "markdown", 1, DOC);
    let diags = c.diagnostics(URI, Some(1));
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let d = &diags[0];
    // The second "the" of "the the".
    let second_the = find_range(DOC, "the the", 0);
    let expected = [
        second_the[0],
        second_the[1] + 4,
        second_the[0],
        second_the[1] + 7,
    ];
    assert_eq!(range_of(d), expected);
    let line = DOC.lines().nth(2).unwrap();
    let at = line.find("the the").unwrap() + 4;
    assert_ne!(
        expected[1] as usize,
        line[..at].chars().count(),
        "UTF-16, not chars"
    );
    assert_ne!(expected[1] as usize, at, "UTF-16, not bytes");
    assert_eq!(d["code"], REPEATED);
    assert_eq!(d["source"], "calque");
    assert_eq!(d["severity"], 2);
    assert!(d["message"].as_str().unwrap().contains("twice"), "{d}");

    // The hover explains the rule.
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": expected[0], "character": expected[1] + 1}}),
    );
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(
        value.contains(REPEATED) && value.contains("editing"),
        "{value}"
    );

    // Code actions at the finding: the deletion first, preferred (the rule is safe).
    let actions = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": URI},
            "range": range_json(expected),
            "context": {"diagnostics": [d]},
        }),
    );
    let actions = actions.as_array().unwrap();
    let first = &actions[0];
    assert_eq!(first["kind"], "quickfix");
    assert_eq!(first["isPreferred"], true);
    assert_eq!(first["diagnostics"][0]["code"], REPEATED);
    let edits = first["edit"]["changes"][URI].as_array().unwrap();
    let fixed = apply_edits(DOC, edits);
    assert_eq!(fixed, DOC.replace("the the", "the"));
    // In Markdown, an action that silences the rule on that line.
    let ignore = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Ignore"))
        .expect("an ignore action");
    let edits = ignore["edit"]["changes"][URI].as_array().unwrap();
    let ignored = apply_edits(DOC, edits);
    assert!(ignored.contains(&format!(
        "\n<!-- calque-disable-next-line {REPEATED} -->\nThe spokesman"
    )));
    // And fix-all, on request by kind.
    let all = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": URI},
            "range": range_json([0, 0, 0, 0]),
            "context": {"diagnostics": [], "only": ["source.fixAll"]},
        }),
    );
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0]["kind"], "source.fixAll.calque");
    let fixed_all = apply_edits(DOC, all[0]["edit"]["changes"][URI].as_array().unwrap());
    assert_eq!(fixed_all, DOC.replace("the the", "the"));

    // An incremental edit that removes the artefact: delete "the " (the first one).
    let first_the = find_range(DOC, "the the", 0);
    c.change(
        URI,
        2,
        [first_the[0], first_the[1], first_the[0], first_the[1] + 4],
        "",
    );
    let diags = c.diagnostics(URI, Some(2));
    assert!(diags.is_empty(), "{diags:#?}");

    // One that adds an artefact in the last paragraph, after an emoji.
    let text = DOC.replacen("the the", "the", 1);
    let on = find_range(&text, "on the timing", 0);
    c.change(URI, 3, [on[0], on[1], on[0], on[1]], "🙂 on ");
    let diags = c.diagnostics(URI, Some(3));
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let text = text.replacen("on the timing", "🙂 on on the timing", 1);
    let second_on = find_range(&text, "on on", 0);
    assert_eq!(
        range_of(&diags[0]),
        [
            second_on[0],
            second_on[1] + 3,
            second_on[0],
            second_on[1] + 5
        ]
    );

    // Closing clears the diagnostics.
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": URI}}),
    );
    assert!(c.diagnostics(URI, None).is_empty());

    let status = c.shutdown();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let caps = json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}});
    let (mut c, init) = Client::initialized(&[], caps, Value::Null);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    c.open(URI, "markdown", 1, DOC);
    let diags = c.diagnostics(URI, Some(1));
    let line = DOC.lines().nth(2).unwrap();
    let col = line.find("the the").unwrap() as u32 + 4;
    assert_eq!(range_of(&diags[0]), [2, col, 2, col + 3]);

    // Edits are read in bytes too: delete "the " by byte columns.
    c.change(URI, 2, [2, col - 4, 2, col], "");
    assert!(c.diagnostics(URI, Some(2)).is_empty());
    assert_eq!(c.shutdown().code(), Some(0));
}

#[test]
fn language_ids_and_plain_text() {
    let (mut c, _) = Client::initialized(&[], json!({}), Value::Null);
    c.open("file:///tmp/x.rs", "rust", 1, "let the the = 1;");
    c.open(
        "file:///tmp/x.txt",
        "plaintext",
        1,
        "They met the the envoy.\n",
    );
    c.open("file:///tmp/y.txt", "text", 1, "They met the the envoy.\n");
    c.open(
        "file:///tmp/z.html",
        "html",
        1,
        "<p>They met the the envoy.</p>\n",
    );
    for uri in [
        "file:///tmp/x.txt",
        "file:///tmp/y.txt",
        "file:///tmp/z.html",
    ] {
        assert_eq!(c.diagnostics(uri, Some(1)).len(), 1, "{uri}");
    }
    // Plain text gets no suppression-comment action.
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": "file:///tmp/x.txt"}, "range": range_json([0, 13, 0, 16]), "context": {"diagnostics": []}}),
    );
    assert!(actions
        .as_array()
        .unwrap()
        .iter()
        .all(|a| !a["title"].as_str().unwrap().starts_with("Ignore")));
    assert!(c
        .drain()
        .iter()
        .all(|m| m["params"]["uri"] != "file:///tmp/x.rs"));
    assert_eq!(c.shutdown().code(), Some(0));
}

#[test]
fn malformed_messages_get_errors_not_a_crash() {
    let (mut c, _) = Client::initialized(&[], json!({}), Value::Null);
    c.send_raw("{this is not json");
    let m = c.wait_for(|m| m.get("error").is_some());
    assert_eq!(m["id"], Value::Null);
    assert_eq!(m["error"]["code"], -32700);

    c.send(json!({"jsonrpc": "2.0", "id": 41, "method": 7}));
    let m = c.wait_for(|m| m["id"] == 41);
    assert_eq!(m["error"]["code"], -32600);

    let r = c.call("textDocument/codeAction", json!({"textDocument": 3}));
    assert_eq!(r["error"]["code"], -32602);
    let r = c.call("calque/unknown", json!({}));
    assert_eq!(r["error"]["code"], -32601);
    // Bad notification params are ignored.
    c.notify("textDocument/didOpen", json!({"textDocument": "nope"}));
    // A request for a document that is not open.
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": "file:///nowhere.md"}, "range": range_json([0,0,0,0]), "context": {"diagnostics": []}}),
    );
    assert_eq!(r, json!([]));

    // Still serving.
    c.open(URI, "markdown", 1, DOC);
    assert_eq!(c.diagnostics(URI, Some(1)).len(), 1);
    assert_eq!(c.shutdown().code(), Some(0));
}

#[test]
fn requests_before_initialize_and_exit_without_shutdown() {
    let mut c = Client::start(&[], &[]);
    let r = c.call("textDocument/hover", json!({}));
    assert_eq!(r["error"]["code"], -32002);
    c.initialize(json!({}), Value::Null);
    c.notify("exit", Value::Null);
    assert_eq!(c.exit_status().code(), Some(1));
}

#[test]
fn a_panic_while_linting_is_reported_for_that_document_only() {
    if !cfg!(debug_assertions) {
        eprintln!("skipped: the panic hook exists in debug builds only");
        return;
    }
    let mut c = Client::start(&[], &[("CALQUE_LSP_TEST_PANIC", "KABOOM")]);
    c.initialize(json!({}), Value::Null);
    c.open(
        "file:///tmp/bad.md",
        "markdown",
        1,
        "KABOOM met the the envoy.\n",
    );
    c.open(
        "file:///tmp/good.md",
        "markdown",
        1,
        "He met the the envoy.\n",
    );
    assert_eq!(c.diagnostics("file:///tmp/good.md", Some(1)).len(), 1);
    assert!(c.diagnostics("file:///tmp/bad.md", Some(1)).is_empty());
    let m = c.wait_for(|m| m["method"] == "window/showMessage");
    assert_eq!(m["params"]["type"], 1);
    assert!(m["params"]["message"]
        .as_str()
        .unwrap()
        .contains("file:///tmp/bad.md"));
    // The document recovers once the trigger is gone.
    c.change("file:///tmp/bad.md", 2, [0, 0, 0, 6], "He");
    assert_eq!(c.diagnostics("file:///tmp/bad.md", Some(2)).len(), 1);
    assert_eq!(c.shutdown().code(), Some(0));
}

const RULES: &str = r#"
pack = "desk"

[[rule]]
id = "calque.desk.till-now"
category = "calque"
severity = "info"
message = "“till now” reads as translated; agency style is “so far”"
explanation = "Wire copy says so far."
safe = true
phrases = ["till now"]
replace = "so far"

[[rule.bad]]
text = "Till now no date has been set."
fixed = "So far no date has been set."

[[rule.good]]
text = "Talks have gone on so far without a date."
"#;

fn rules_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("desk.toml"), RULES).unwrap();
    dir
}

const TILL: &str = "Till now, no date has been set for the next round.\n";

#[test]
fn rules_from_initialization_options_and_settings_changes() {
    let dir = rules_dir();
    let options = json!({"rules": [dir.path()], "ignore": "calque.grammar"});
    let (mut c, _) = Client::initialized(&[], json!({}), options);
    c.open(
        URI,
        "markdown",
        1,
        &format!("{TILL}\nHe met the the envoy.\n"),
    );
    let diags = c.diagnostics(URI, Some(1));
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0]["code"], "calque.desk.till-now");
    assert_eq!(diags[0]["severity"], 3);
    assert_eq!(range_of(&diags[0]), [0, 0, 0, 8]);

    // The client changes its settings: the rule is now ignored, the grammar on.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"calque": {"rules": [dir.path()], "ignore": ["calque.desk"]}}}),
    );
    let diags = c.diagnostics(URI, Some(1));
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0]["code"], REPEATED);

    // A watched config file changing re-lints open documents.
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": "file:///tmp/calque-lsp-test/.calque.toml", "type": 2}]}),
    );
    assert_eq!(c.diagnostics(URI, Some(1)).len(), 1);
    assert_eq!(c.shutdown().code(), Some(0));
}

#[test]
fn rules_from_the_command_line() {
    let dir = rules_dir();
    let dir_arg = dir.path().to_str().unwrap();
    let (mut c, _) = Client::initialized(
        &["--rules", dir_arg, "--select", "calque.desk"],
        json!({}),
        Value::Null,
    );
    c.open("file:///tmp/a.txt", "plaintext", 1, TILL);
    let diags = c.diagnostics("file:///tmp/a.txt", Some(1));
    assert_eq!(diags.len(), 1);
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": "file:///tmp/a.txt"}, "range": range_of_json(&diags[0]), "context": {"diagnostics": diags}}),
    );
    let edit = &actions[0]["edit"]["changes"]["file:///tmp/a.txt"][0];
    assert_eq!(edit["newText"], "So far");
    assert_eq!(c.shutdown().code(), Some(0));
}

fn range_of_json(d: &Value) -> Value {
    d["range"].clone()
}

#[test]
fn file_watcher_is_registered_when_the_client_can_watch() {
    let caps = json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}});
    let (mut c, _) = Client::initialized(&[], caps, Value::Null);
    let m = c.wait_for(|m| m["method"] == "client/registerCapability");
    let reg = &m["params"]["registrations"][0];
    assert_eq!(reg["method"], "workspace/didChangeWatchedFiles");
    assert_eq!(
        reg["registerOptions"]["watchers"][0]["globPattern"],
        "**/.calque.toml"
    );
    let id = m["id"].clone();
    c.send(json!({"jsonrpc": "2.0", "id": id, "result": null}));
    assert_eq!(c.shutdown().code(), Some(0));
}

#[test]
fn a_config_file_next_to_the_document_adds_its_rule_directory() {
    let project = tempfile::tempdir().unwrap();
    let rules = project.path().join("house-rules");
    std::fs::create_dir(&rules).unwrap();
    std::fs::write(rules.join("desk.toml"), RULES).unwrap();
    std::fs::write(
        project.path().join(".calque.toml"),
        "rules = [\"house-rules\"]\n",
    )
    .unwrap();
    let doc = project.path().join("story.txt");
    std::fs::write(&doc, TILL).unwrap();
    let uri = format!("file://{}", doc.display());
    let (mut c, _) = Client::initialized(&[], json!({}), Value::Null);
    c.open(&uri, "plaintext", 1, TILL);
    let diags = c.diagnostics(&uri, Some(1));
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0]["code"], "calque.desk.till-now");
    assert_eq!(c.shutdown().code(), Some(0));
}
