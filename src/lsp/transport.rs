//! JSON-RPC over stdio, framed with `Content-Length` headers.
//!
//! `lsp-server` brings the message types; the framing is done here rather
//! than with `lsp_server::Connection::stdio()` because that reader thread
//! stops at the first payload that is not valid JSON, which would take the
//! whole server down. Here a bad payload is answered with a JSON-RPC error and
//! reading goes on; only a broken frame header or the end of input stops it.

use std::io::{self, BufRead, Write};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use serde_json::Value;

/// What the reader hands to the server loop.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// A payload that is not a valid JSON-RPC message; `id` when one could be read.
    Malformed {
        id: Option<RequestId>,
        code: ErrorCode,
        message: String,
    },
}

/// The two ends of a stdio connection.
pub struct Transport {
    pub receiver: Receiver<Incoming>,
    pub sender: Sender<String>,
    writer: thread::JoinHandle<()>,
}

impl Transport {
    /// Read from standard input and write to standard output on two threads.
    pub fn stdio() -> Transport {
        let (in_tx, in_rx) = mpsc::channel();
        let (out_tx, out_rx) = mpsc::channel::<String>();
        thread::Builder::new()
            .name("calque-lsp-reader".into())
            .spawn(move || {
                let stdin = io::stdin();
                let mut input = stdin.lock();
                read_loop(&mut input, &in_tx);
            })
            .expect("cannot start the reader thread");
        let writer = thread::Builder::new()
            .name("calque-lsp-writer".into())
            .spawn(move || {
                let stdout = io::stdout();
                for body in out_rx {
                    let mut out = stdout.lock();
                    if write_frame(&mut out, &body).is_err() {
                        break;
                    }
                }
            })
            .expect("cannot start the writer thread");
        Transport {
            receiver: in_rx,
            sender: out_tx,
            writer,
        }
    }

    /// Drop the sending end and wait until everything queued is written.
    pub fn finish(self) {
        drop(self.sender);
        drop(self.receiver);
        let _ = self.writer.join();
    }
}

/// Serialise a message with its `jsonrpc` member.
pub fn encode(msg: &Message) -> String {
    let mut value = serde_json::to_value(msg).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        map.insert("jsonrpc".into(), Value::from("2.0"));
    }
    value.to_string()
}

/// An error response to a message whose id could not be read.
pub fn error_without_id(code: ErrorCode, message: &str) -> String {
    serde_json::json!({
        "jsonrpc": "2.0",
        "id": null,
        "error": { "code": code as i32, "message": message },
    })
    .to_string()
}

fn write_frame(out: &mut impl Write, body: &str) -> io::Result<()> {
    write!(out, "Content-Length: {}\r\n\r\n", body.len())?;
    out.write_all(body.as_bytes())?;
    out.flush()
}

fn read_loop(input: &mut impl BufRead, tx: &Sender<Incoming>) {
    loop {
        let body = match read_frame(input) {
            Ok(Some(body)) => body,
            Ok(None) => return,
            Err(e) => {
                eprintln!("calque lsp: cannot read from the client: {e}");
                return;
            }
        };
        let incoming = parse(&body);
        let is_exit =
            matches!(&incoming, Incoming::Message(Message::Notification(n)) if n.method == "exit");
        if tx.send(incoming).is_err() || is_exit {
            return;
        }
    }
}

/// One frame's body; `None` at the end of input.
fn read_frame(input: &mut impl BufRead) -> io::Result<Option<Vec<u8>>> {
    let mut length = None;
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            if length.is_some() {
                break;
            }
            // Stray blank lines between frames are tolerated.
            continue;
        }
        let (name, value) = header
            .split_once(':')
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "malformed header"))?;
        if name.trim().eq_ignore_ascii_case("content-length") {
            let n: usize = value
                .trim()
                .parse()
                .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "bad Content-Length"))?;
            length = Some(n);
        }
    }
    let mut body = vec![0; length.unwrap_or(0)];
    input.read_exact(&mut body)?;
    Ok(Some(body))
}

/// Classify a payload by its members, so that a request with a bad shape is
/// answered as a request rather than taken for a response.
pub fn parse(body: &[u8]) -> Incoming {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            return Incoming::Malformed {
                id: None,
                code: ErrorCode::ParseError,
                message: format!("invalid JSON: {e}"),
            }
        }
    };
    let id = value
        .get("id")
        .and_then(|id| serde_json::from_value::<RequestId>(id.clone()).ok());
    let malformed = |message: String| Incoming::Malformed {
        id: id.clone(),
        code: ErrorCode::InvalidRequest,
        message,
    };
    if !value.is_object() {
        return malformed("a message must be a JSON object".into());
    }
    if value.get("method").is_some() {
        if value.get("id").is_some() {
            match serde_json::from_value::<Request>(value) {
                Ok(r) => Incoming::Message(Message::Request(r)),
                Err(e) => malformed(format!("invalid request: {e}")),
            }
        } else {
            match serde_json::from_value::<Notification>(value) {
                Ok(n) => Incoming::Message(Message::Notification(n)),
                Err(e) => malformed(format!("invalid notification: {e}")),
            }
        }
    } else {
        match serde_json::from_value::<Response>(value) {
            Ok(r) => Incoming::Message(Message::Response(r)),
            Err(e) => malformed(format!("invalid response: {e}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_and_bad_payloads() {
        let input = "Content-Length: 5\r\n\r\n{oops\
                     Content-Length: 31\r\n\r\n{\"id\":7,\"method\":42,\"params\":1}\
                     Content-Length: 40\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
        let mut r = io::BufReader::new(input.as_bytes());
        let (tx, rx) = mpsc::channel();
        read_loop(&mut r, &tx);
        drop(tx);
        let got: Vec<Incoming> = rx.into_iter().collect();
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(matches!(
            &got[0],
            Incoming::Malformed {
                id: None,
                code: ErrorCode::ParseError,
                ..
            }
        ));
        assert!(matches!(
            &got[1],
            Incoming::Malformed { id: Some(id), code: ErrorCode::InvalidRequest, .. } if *id == RequestId::from(7)
        ));
        assert!(matches!(&got[2], Incoming::Message(Message::Request(r)) if r.method == "ping"));
    }

    #[test]
    fn encode_adds_jsonrpc() {
        let msg = Message::Response(Response::new_ok(RequestId::from(1), ()));
        let v: Value = serde_json::from_str(&encode(&msg)).unwrap();
        assert_eq!(v["jsonrpc"], "2.0");
        assert_eq!(v["id"], 1);
    }
}
