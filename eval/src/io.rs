//! Buffered standard streams, flushed as CPython flushes them.

use std::io::Write;

pub struct Output {
    buf: Vec<u8>,
    is_err: bool,
    line_buffered: bool,
}

impl Output {
    pub fn stdout() -> Output {
        use std::io::IsTerminal;
        Output { buf: Vec::new(), is_err: false, line_buffered: std::io::stdout().is_terminal() }
    }

    pub fn stderr() -> Output {
        Output { buf: Vec::new(), is_err: true, line_buffered: true }
    }

    pub fn write(&mut self, s: &str) {
        self.buf.extend_from_slice(s.as_bytes());
        if self.is_err || (self.line_buffered && s.contains('\n')) || self.buf.len() > 8192 {
            self.flush();
        }
    }

    /// Raw bytes (the `buffer` of a standard stream).
    pub fn write_bytes(&mut self, b: &[u8]) {
        self.buf.extend_from_slice(b);
        if self.is_err || (self.line_buffered && b.contains(&b'\n')) || self.buf.len() > 8192 {
            self.flush();
        }
    }

    pub fn flush(&mut self) {
        if self.buf.is_empty() {
            return;
        }
        // A closed pipe is not an error worth dying for here.
        if self.is_err {
            let _ = std::io::stderr().write_all(&self.buf);
            let _ = std::io::stderr().flush();
        } else {
            let _ = std::io::stdout().write_all(&self.buf);
            let _ = std::io::stdout().flush();
        }
        self.buf.clear();
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        self.flush();
    }
}
