//! The language server's message handler on arbitrary JSON-RPC payloads.
//!
//! The input is a series of payloads separated by 0xFF bytes (which JSON
//! never contains), handled after an `initialize` and a `didOpen`.
#![no_main]

use calque::cli::RuleArgs;
use calque::lsp::Harness;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

#[path = "common.rs"]
mod common;

const PRELUDE: &[&str] = &[
    r#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"capabilities":{}}}"#,
    r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
    r##"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"untitled:a.md","languageId":"markdown","version":1,"text":"# Talks\n\nTill now the the sides has met.\n\n> Quoted in the margin of it.\n"}}}"##,
];

fn check_output(out: &[String]) {
    for msg in out {
        let v: Value = serde_json::from_str(msg).expect("the server sends JSON");
        assert_eq!(v["jsonrpc"], "2.0", "{msg}");
        if v["method"] == "textDocument/publishDiagnostics" {
            for d in v["params"]["diagnostics"].as_array().expect("diagnostics") {
                let r = &d["range"];
                let s = (
                    r["start"]["line"].as_u64(),
                    r["start"]["character"].as_u64(),
                );
                let e = (r["end"]["line"].as_u64(), r["end"]["character"].as_u64());
                assert!(s <= e, "range backwards: {msg}");
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let mut h = Harness::new(RuleArgs::default());
    for p in PRELUDE {
        check_output(&h.handle(p.as_bytes()));
    }
    for body in data.split(|&b| b == 0xFF).take(64) {
        check_output(&h.handle(body));
        if h.exit_code().is_some() {
            break;
        }
        for doc in h.docs() {
            let text = doc.text.rope().to_string();
            assert_eq!(doc.snapshot, text, "linted text is not the document");
            common::assert_findings(&doc.snapshot, &doc.findings);
            // The incremental cache agrees with a full lint.
            assert_eq!(common::keys(&doc.findings), common::keys(&h.full_lint(doc)));
        }
    }
});
