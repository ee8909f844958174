//! End-to-end: the real `pyls` binary driven over stdio as an editor
//! drives it, on a multi-file workspace in a temporary directory.
//!
//! The client here is a small JSON-RPC client: it frames messages, answers
//! the server's own requests (`client/registerCapability`) and keeps the
//! notifications it receives for the checks.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const TIMEOUT: Duration = Duration::from_secs(30);

struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    next_id: i64,
    /// Notifications received while waiting for something else.
    notifications: Vec<Value>,
}

fn read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse::<usize>().ok();
            }
        }
    }
    let mut body = vec![0; length?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Client {
    fn start(root: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pyls"))
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start pyls");
        let stdin = child.stdin.take().expect("piped stdin");
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(m) = read_message(&mut r) {
                if tx.send(m).is_err() {
                    break;
                }
            }
        });
        Client { child, stdin, incoming: rx, next_id: 1, notifications: Vec::new() }
    }

    fn send_raw(&mut self, body: &[u8]) {
        let mut msg = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        msg.extend_from_slice(body);
        self.stdin.write_all(&msg).expect("write to pyls");
        self.stdin.flush().expect("flush to pyls");
    }

    fn send(&mut self, v: Value) {
        self.send_raw(v.to_string().as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message, answering the server's requests on the way.
    fn recv(&mut self, deadline: Instant) -> Value {
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(m) => {
                    if m.get("method").is_some() && m.get("id").is_some() {
                        let id = m["id"].clone();
                        self.send(json!({"jsonrpc": "2.0", "id": id, "result": null}));
                        continue;
                    }
                    return m;
                }
                Err(RecvTimeoutError::Timeout) => panic!("pyls did not answer in time"),
                Err(RecvTimeoutError::Disconnected) => panic!("pyls closed its output"),
            }
        }
    }

    /// The whole response (`result` or `error`) to a request.
    fn request_raw(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_response(json!(id))
    }

    fn wait_response(&mut self, id: Value) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let m = self.recv(deadline);
            if m.get("method").is_none() && m.get("id") == Some(&id) {
                return m;
            }
            self.notifications.push(m);
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let r = self.request_raw(method, params);
        assert!(r.get("error").is_none(), "{method} failed: {r}");
        r["result"].clone()
    }

    /// The diagnostics published for `uri` at `version`.
    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let deadline = Instant::now() + TIMEOUT;
        let matches = |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri && m["params"]["version"] == version
        };
        if let Some(i) = self.notifications.iter().rposition(matches) {
            let m = self.notifications.remove(i);
            return m["params"]["diagnostics"].as_array().cloned().unwrap_or_default();
        }
        loop {
            let m = self.recv(deadline);
            if matches(&m) {
                return m["params"]["diagnostics"].as_array().cloned().unwrap_or_default();
            }
            self.notifications.push(m);
        }
    }
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn pos(line: u32, character: u32) -> Value {
    json!({"line": line, "character": character})
}

fn td_pos(uri: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri}, "position": pos(line, character)})
}

fn codes(diags: &[Value]) -> Vec<String> {
    let mut out: Vec<String> = diags
        .iter()
        .map(|d| format!("{}:{} {}", d["range"]["start"]["line"], d["code"].as_str().unwrap_or(""), d["message"].as_str().unwrap_or("")))
        .collect();
    out.sort();
    out
}

fn labels(completion: &Value) -> Vec<String> {
    let items = completion.get("items").unwrap_or(completion);
    items.as_array().map(|a| a.iter().filter_map(|i| i["label"].as_str().map(str::to_string)).collect()).unwrap_or_default()
}

const UTIL: &str = "def greet(name: str) -> str:\n    \"\"\"Say hello to someone.\"\"\"\n    return 'hi ' + name\n\n\nclass Counter:\n    def __init__(self):\n        self.count = 0\n\n    def inc(self, by: int = 1):\n        self.count += by\n";

const MAIN: &str = "import os\nfrom app.util import greet, Counter\n\nprint(greet('x'))\nc = Counter()\nc.inc()\nos.path.join('a', 'b')\nundefined_thing\n";

#[test]
fn editor_session() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().canonicalize().expect("tempdir path");
    std::fs::write(root.join("pyproject.toml"), "[tool.pyx]\n").expect("write");
    std::fs::create_dir_all(root.join("app")).expect("mkdir");
    std::fs::write(root.join("app/__init__.py"), "").expect("write");
    std::fs::write(root.join("app/util.py"), UTIL).expect("write");
    std::fs::write(root.join("main.py"), MAIN).expect("write");
    let main = uri(&root.join("main.py"));
    let util = uri(&root.join("app/util.py"));

    let mut c = Client::start(&root);
    let init = c.request(
        "initialize",
        json!({"processId": null, "rootUri": uri(&root), "capabilities": {"textDocument": {"synchronization": {"dynamicRegistration": false}}},
               "workspaceFolders": [{"uri": uri(&root), "name": "ws"}]}),
    );
    let caps = &init["capabilities"];
    for cap in ["hoverProvider", "definitionProvider", "referencesProvider", "renameProvider", "completionProvider", "semanticTokensProvider", "foldingRangeProvider", "codeActionProvider", "documentSymbolProvider"] {
        assert!(!caps[cap].is_null(), "capability {cap} missing: {caps}");
    }
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    c.notify("initialized", json!({}));
    c.notify("textDocument/didOpen", json!({"textDocument": {"uri": main, "languageId": "python", "version": 1, "text": MAIN}}));

    // Diagnostics: pyx check's rules.
    let diags = c.diagnostics(&main, 1);
    assert_eq!(codes(&diags), vec!["7:undefined-name undefined name `undefined_thing`"]);

    // Hover on a name imported from another file of the workspace.
    let hover = c.request("textDocument/hover", td_pos(&main, 3, 7));
    let text = hover["contents"]["value"].as_str().unwrap_or("");
    assert!(text.contains("def greet(name: str) -> str"), "{text}");
    assert!(text.contains("Say hello to someone."), "{text}");

    // Hover into the standard library.
    let hover = c.request("textDocument/hover", td_pos(&main, 6, 9));
    let text = hover["contents"]["value"].as_str().unwrap_or("");
    assert!(text.contains("def join("), "{text}");

    // Definition across files.
    let def = c.request("textDocument/definition", td_pos(&main, 3, 7));
    assert_eq!(def[0]["uri"], util, "{def}");
    assert_eq!(def[0]["range"]["start"], pos(0, 4), "{def}");
    let def = c.request("textDocument/definition", td_pos(&main, 5, 3));
    assert_eq!(def[0]["uri"], util, "{def}");
    assert_eq!(def[0]["range"]["start"], pos(9, 8), "{def}");

    // Completion: members of an evident instance, and of a module.
    let comp = c.request("textDocument/completion", td_pos(&main, 5, 2));
    let l = labels(&comp);
    assert!(l.contains(&"inc".to_string()) && l.contains(&"count".to_string()), "{l:?}");
    let inc = comp["items"].as_array().and_then(|a| a.iter().find(|i| i["label"] == "inc")).cloned().expect("inc");
    let resolved = c.request("completionItem/resolve", inc);
    let doc = resolved["documentation"]["value"].as_str().unwrap_or("");
    assert!(doc.contains("def inc(self, by: int = 1)"), "{resolved}");

    // References and rename across files.
    let refs = c.request("textDocument/references", json!({"textDocument": {"uri": util}, "position": pos(0, 5), "context": {"includeDeclaration": true}}));
    let mut found: Vec<String> = refs
        .as_array()
        .expect("locations")
        .iter()
        .map(|l| format!("{}:{}", if l["uri"] == util { "util" } else { "main" }, l["range"]["start"]["line"]))
        .collect();
    found.sort();
    assert_eq!(found, vec!["main:1", "main:3", "util:0"]);
    let prep = c.request("textDocument/prepareRename", td_pos(&main, 3, 7));
    assert_eq!(prep["start"], pos(3, 6), "{prep}");
    let edit = c.request("textDocument/rename", json!({"textDocument": {"uri": main}, "position": pos(3, 7), "newName": "welcome"}));
    let changes = edit["changes"].as_object().expect("changes");
    assert_eq!(changes[&main].as_array().map(Vec::len), Some(2), "{edit}");
    assert_eq!(changes[&util].as_array().map(Vec::len), Some(1), "{edit}");
    let refused = c.request_raw("textDocument/prepareRename", td_pos(&main, 3, 1));
    assert!(refused["error"]["message"].as_str().unwrap_or("").contains("builtin"), "{refused}");

    // Symbols, semantic tokens, folding.
    c.notify("textDocument/didOpen", json!({"textDocument": {"uri": util, "languageId": "python", "version": 1, "text": UTIL}}));
    let symbols = c.request("textDocument/documentSymbol", json!({"textDocument": {"uri": util}}));
    assert_eq!(symbols[1]["name"], "Counter", "{symbols}");
    assert_eq!(symbols[1]["children"][1]["name"], "inc", "{symbols}");
    let ws = c.request("workspace/symbol", json!({"query": "cntr"}));
    assert_eq!(ws[0]["name"], "Counter", "{ws}");
    let tokens = c.request("textDocument/semanticTokens/full", json!({"textDocument": {"uri": main}}));
    let data = tokens["data"].as_array().expect("data");
    assert!(!data.is_empty() && data.len() % 5 == 0, "{tokens}");
    // The first token is `os`, a namespace (type 0) declared (modifier 1).
    assert_eq!(&data[..5], &[json!(0), json!(7), json!(2), json!(0), json!(1)]);
    let folds = c.request("textDocument/foldingRange", json!({"textDocument": {"uri": util}}));
    assert!(folds.as_array().is_some_and(|f| f.iter().any(|f| f["startLine"] == 5 && f["endLine"] == 10)), "{folds}");
    let sig = c.request("textDocument/signatureHelp", td_pos(&main, 6, 18));
    assert_eq!(sig["activeParameter"], 1, "{sig}");

    // An incremental edit: a new unused import on top, then a code action
    // removes it.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": main, "version": 2},
               "contentChanges": [{"range": {"start": pos(0, 0), "end": pos(0, 0)}, "text": "import json\n"}]}),
    );
    let diags = c.diagnostics(&main, 2);
    assert_eq!(
        codes(&diags),
        vec!["0:unused-import `json` imported but unused", "8:undefined-name undefined name `undefined_thing`"]
    );
    let unused = diags.iter().find(|d| d["code"] == "unused-import").cloned().expect("unused import");
    assert_eq!(unused["tags"], json!([1]), "Unnecessary tag");
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": main}, "range": unused["range"], "context": {"diagnostics": [unused]}}),
    );
    let remove = actions.as_array().and_then(|a| a.iter().find(|a| a["title"].as_str().is_some_and(|t| t.starts_with("Remove unused import")))).cloned();
    let remove = remove.unwrap_or_else(|| panic!("no removal among {actions}"));
    let edit = &remove["edit"]["changes"][&main][0];
    assert_eq!(edit["range"], json!({"start": pos(0, 0), "end": pos(1, 0)}), "{edit}");
    assert_eq!(edit["newText"], "");

    // Type `undefined_thing` away, in two changes, and an attribute after it.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": main, "version": 3},
               "contentChanges": [
                   {"range": {"start": pos(8, 0), "end": pos(8, 15)}, "text": "os.pa"},
                   {"range": {"start": pos(0, 0), "end": pos(1, 0)}, "text": ""}]}),
    );
    let diags = c.diagnostics(&main, 3);
    assert!(codes(&diags).is_empty(), "{diags:?}");
    let comp = c.request("textDocument/completion", td_pos(&main, 7, 5));
    assert!(labels(&comp).contains(&"path".to_string()), "{comp}");
    let hover = c.request("textDocument/hover", td_pos(&main, 3, 7));
    assert!(hover["contents"]["value"].as_str().unwrap_or("").contains("greet"), "{hover}");

    // A module created on disk (the editor reports it as a watched file)
    // resolves an import that did not.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": main, "version": 4},
               "contentChanges": [{"range": {"start": pos(0, 0), "end": pos(0, 0)}, "text": "import app.extra\napp.extra.VALUE\n"}]}),
    );
    let diags = c.diagnostics(&main, 4);
    assert_eq!(codes(&diags), vec!["0:unresolved-import Cannot resolve module 'app.extra'"]);
    std::fs::write(root.join("app/extra.py"), "VALUE = 1\n").expect("write");
    c.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": uri(&root.join("app/extra.py")), "type": 1}]}));
    let deadline = Instant::now() + TIMEOUT;
    loop {
        // Published again for the same version once the file is known.
        let diags = c.diagnostics(&main, 4);
        if diags.is_empty() {
            break;
        }
        assert!(Instant::now() < deadline, "the new module was never found: {diags:?}");
    }
    let def = c.request("textDocument/definition", td_pos(&main, 1, 12));
    assert_eq!(def[0]["uri"], uri(&root.join("app/extra.py")), "{def}");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": main, "version": 5},
               "contentChanges": [{"range": {"start": pos(0, 0), "end": pos(2, 0)}, "text": ""}]}),
    );

    // Robustness: unknown methods, bad params, malformed JSON, positions
    // out of range — answered, and the server goes on.
    let r = c.request_raw("pyx/noSuchMethod", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    let r = c.request_raw("textDocument/hover", json!({"textDocument": 42}));
    assert_eq!(r["error"]["code"], -32602, "{r}");
    c.send_raw(b"{this is not json");
    let r = c.wait_response(Value::Null);
    assert_eq!(r["error"]["code"], -32700, "{r}");
    let r = c.request("textDocument/hover", td_pos(&main, 4000, 4000));
    assert!(r.is_null(), "{r}");
    let r = c.request("textDocument/completion", td_pos(&main, 4000, 4000));
    assert!(r.is_object() || r.is_null(), "{r}");
    let hover = c.request("textDocument/hover", td_pos(&main, 3, 7));
    assert!(hover["contents"]["value"].as_str().unwrap_or("").contains("greet"), "{hover}");

    // A file that is not UTF-8 on disk.
    std::fs::write(root.join("latin.py"), b"x = '\xe9'\n").expect("write");
    let latin = uri(&root.join("latin.py"));
    let symbols = c.request("textDocument/documentSymbol", json!({"textDocument": {"uri": latin}}));
    assert!(symbols.is_array(), "{symbols}");

    c.request("shutdown", Value::Null);
    c.notify("exit", Value::Null);
    let deadline = Instant::now() + TIMEOUT;
    loop {
        if let Some(status) = c.child.try_wait().expect("wait for pyls") {
            assert!(status.success(), "pyls exited with {status}");
            break;
        }
        assert!(Instant::now() < deadline, "pyls did not exit after `exit`");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn pyls_version_and_pyx_lsp() {
    let out = Command::new(env!("CARGO_BIN_EXE_pyls")).arg("--version").output().expect("run pyls");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("pyls "));
    // `pyx lsp` is the same server: it answers initialize and exits on EOF.
    let mut child = Command::new(env!("CARGO_BIN_EXE_pyx"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run pyx lsp");
    let body = json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}).to_string();
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes()).expect("write");
    drop(stdin);
    let mut r = BufReader::new(child.stdout.take().expect("stdout"));
    let m = read_message(&mut r).expect("a response");
    assert_eq!(m["result"]["serverInfo"]["name"], "pyls", "{m}");
    let status = child.wait().expect("wait");
    assert!(status.success());
}

#[test]
fn configuration_from_pyproject_and_client_settings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().canonicalize().expect("tempdir path");
    std::fs::write(root.join("pyproject.toml"), "[tool.pyx.rules]\nunused-import = \"ignore\"\n").expect("write");
    let text = "import os\n\ndef f():\n    unused = 1\n    # pyx: ignore-file[undefined-name]\n    return nowhere\n";
    std::fs::write(root.join("m.py"), text).expect("write");
    let m = uri(&root.join("m.py"));
    let mut c = Client::start(&root);
    c.request(
        "initialize",
        json!({"processId": null, "rootUri": uri(&root), "capabilities": {},
               "initializationOptions": {"pyx": {"rules": {"unused-variable": "error"}}}}),
    );
    c.notify("initialized", json!({}));
    c.notify("textDocument/didOpen", json!({"textDocument": {"uri": m, "languageId": "python", "version": 1, "text": text}}));
    // pyproject.toml turns unused-import off, the client makes
    // unused-variable an error, the comment silences undefined-name.
    let diags = c.diagnostics(&m, 1);
    assert_eq!(codes(&diags), vec!["3:unused-variable local variable `unused` is assigned to but never used"]);
    assert_eq!(diags[0]["severity"], 1, "an error: {diags:?}");
    // New client settings apply at once.
    c.notify("workspace/didChangeConfiguration", json!({"settings": {"pyx": {"rules": {"unused-variable": "ignore"}}}}));
    let deadline = Instant::now() + TIMEOUT;
    loop {
        let diags = c.diagnostics(&m, 1);
        if diags.is_empty() {
            break;
        }
        assert!(Instant::now() < deadline, "the new settings were not applied: {diags:?}");
    }
    // Pull diagnostics agree.
    let pulled = c.request("textDocument/diagnostic", json!({"textDocument": {"uri": m}}));
    assert_eq!(pulled["kind"], "full", "{pulled}");
    assert_eq!(pulled["items"], json!([]), "{pulled}");
    c.request("shutdown", Value::Null);
    c.notify("exit", Value::Null);
}

#[test]
fn workspace_folders_are_roots() {
    let dir = tempfile::tempdir().expect("tempdir");
    let base = dir.path().canonicalize().expect("tempdir path");
    let (a, b, c) = (base.join("a"), base.join("b"), base.join("c"));
    for d in [&a, &b, &c] {
        std::fs::create_dir_all(d).expect("mkdir");
    }
    std::fs::write(b.join("shared_b.py"), "def from_b(): ...\n").expect("write");
    std::fs::write(c.join("shared_c.py"), "def from_c(): ...\n").expect("write");
    let text = "import shared_b\nimport shared_c\nshared_b.from_b()\nshared_c.from_c()\n";
    std::fs::write(a.join("main.py"), text).expect("write");
    let m = uri(&a.join("main.py"));
    let mut cl = Client::start(&a);
    cl.request(
        "initialize",
        json!({"processId": null, "capabilities": {},
               "workspaceFolders": [{"uri": uri(&a), "name": "a"}, {"uri": uri(&b), "name": "b"}]}),
    );
    cl.notify("initialized", json!({}));
    cl.notify("textDocument/didOpen", json!({"textDocument": {"uri": m, "languageId": "python", "version": 1, "text": text}}));
    // `b` is a root from the start; `c` is not yet.
    let diags = cl.diagnostics(&m, 1);
    assert_eq!(codes(&diags), vec!["1:unresolved-import Cannot resolve module 'shared_c'"]);
    cl.notify("workspace/didChangeWorkspaceFolders", json!({"event": {"added": [{"uri": uri(&c), "name": "c"}], "removed": []}}));
    let deadline = Instant::now() + TIMEOUT;
    loop {
        let diags = cl.diagnostics(&m, 1);
        if diags.is_empty() {
            break;
        }
        assert!(Instant::now() < deadline, "the added folder never became a root: {diags:?}");
    }
    let def = cl.request("textDocument/definition", td_pos(&m, 3, 10));
    assert_eq!(def[0]["uri"], uri(&c.join("shared_c.py")), "{def}");
    cl.request("shutdown", Value::Null);
    cl.notify("exit", Value::Null);
}
