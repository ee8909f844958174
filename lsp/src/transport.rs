//! Framing between the real standard input/output and tower-lsp-server.
//!
//! tower-lsp-server reads its input through a `FramedRead`, which ends the
//! stream after the first message it cannot decode: one malformed message
//! from a client would stop the server. So the server reads from a pipe
//! fed here, and only messages that decode as JSON-RPC reach it. A message
//! that does not is answered here with a JSON-RPC error (`Parse error` for
//! invalid JSON, `Invalid Request` for JSON that is not a request,
//! notification or response) and logged. The server's output comes back
//! through a second pipe, so that those answers and the server's never
//! interleave inside one message.

use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc;

/// One message read from a stream.
enum Frame {
    Body(Vec<u8>),
    /// Headers without a usable `Content-Length`: skipped.
    BadHeader(String),
}

/// Larger messages are refused (and skipped), not buffered.
const MAX_MESSAGE: usize = 256 << 20;

async fn read_frame<R: AsyncBufRead + Unpin>(r: &mut R) -> std::io::Result<Option<Frame>> {
    let mut length: Option<usize> = None;
    let mut bad: Option<String> = None;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        let n = r.read_until(b'\n', &mut line).await?;
        if n == 0 {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if !saw_header {
                // Stray blank line between messages.
                continue;
            }
            break;
        }
        saw_header = true;
        match text.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => match value.trim().parse::<usize>() {
                Ok(n) if n <= MAX_MESSAGE => length = Some(n),
                Ok(n) => bad = Some(format!("message of {n} bytes is too large")),
                Err(_) => bad = Some(format!("invalid Content-Length `{}`", value.trim())),
            },
            Some(_) => {}
            None => bad = Some(format!("invalid header line `{text}`")),
        }
    }
    match (length, bad) {
        (Some(n), None) => {
            let mut body = vec![0; n];
            r.read_exact(&mut body).await?;
            Ok(Some(Frame::Body(body)))
        }
        (_, Some(why)) => Ok(Some(Frame::BadHeader(why))),
        (None, None) => Ok(Some(Frame::BadHeader("missing Content-Length".into()))),
    }
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// Why a message cannot be given to the server, as a JSON-RPC error; `None`
/// when it can.
fn check_message(body: &[u8]) -> Option<(serde_json::Value, jsonrpc::Error)> {
    let value: serde_json::Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(_) => return Some((serde_json::Value::Null, jsonrpc::Error::parse_error())),
    };
    let id = value.get("id").cloned().unwrap_or(serde_json::Value::Null);
    let ok = if value.get("method").is_some() {
        serde_json::from_value::<jsonrpc::Request>(value.clone()).is_ok()
    } else {
        serde_json::from_value::<jsonrpc::Response>(value.clone()).is_ok()
    };
    if ok {
        None
    } else {
        // An id of the wrong type cannot be echoed back.
        let id = if id.is_string() || id.is_number() { id } else { serde_json::Value::Null };
        Some((id, jsonrpc::Error::invalid_request()))
    }
}

fn error_response(id: serde_json::Value, error: jsonrpc::Error) -> Vec<u8> {
    let body = serde_json::json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": error.code.code(), "message": error.message },
    });
    frame(body.to_string().as_bytes())
}

/// Serve the protocol between `input` and `output` (standard input and
/// output in `pyls`).
pub async fn serve<I, O>(input: I, output: O)
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let (server_in, mut to_server) = tokio::io::duplex(1 << 16);
    let (server_out, from_server) = tokio::io::duplex(1 << 16);
    let (out_tx, mut out_rx) = mpsc::unbounded_channel::<Vec<u8>>();

    // The only writer of the real output.
    let writer = tokio::spawn(async move {
        let mut output = output;
        while let Some(bytes) = out_rx.recv().await {
            if output.write_all(&bytes).await.is_err() || output.flush().await.is_err() {
                break;
            }
        }
    });

    // The server's messages, whole, to the writer.
    let server_tx = out_tx.clone();
    let relay = tokio::spawn(async move {
        let mut r = BufReader::new(from_server);
        while let Ok(Some(f)) = read_frame(&mut r).await {
            if let Frame::Body(body) = f {
                if server_tx.send(frame(&body)).is_err() {
                    break;
                }
            }
        }
    });

    // The client's messages: checked, then to the server.
    let reader = tokio::spawn(async move {
        let mut r = BufReader::new(input);
        loop {
            match read_frame(&mut r).await {
                Ok(Some(Frame::Body(body))) => match check_message(&body) {
                    None => {
                        if to_server.write_all(&frame(&body)).await.is_err() {
                            break;
                        }
                    }
                    Some((id, error)) => {
                        eprintln!("pyls: ignored a malformed message: {}", error.message);
                        let _ = out_tx.send(error_response(id, error));
                    }
                },
                Ok(Some(Frame::BadHeader(why))) => {
                    eprintln!("pyls: ignored a message: {why}");
                }
                Ok(None) | Err(_) => break,
            }
        }
        // End of input: the server sees it and stops.
        let _ = to_server.shutdown().await;
    });

    let (service, socket) = tower_lsp_server::LspService::new(crate::server::Backend::new);
    tower_lsp_server::Server::new(server_in, server_out, socket).serve(service).await;
    // The server has stopped: after `exit`, stop reading too.
    reader.abort();
    let _ = relay.await;
    let _ = writer.await;
}
