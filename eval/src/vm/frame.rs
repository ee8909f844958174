//! Frames: one per running Python function, module or class body.

use std::rc::Rc;

use crate::code::Code;
use crate::value::{PyRef, Value};

pub struct Frame {
    pub code: Rc<Code>,
    /// Fast locals (`co_varnames`).
    pub fast: Vec<Option<Value>>,
    /// Cells, then free variables.
    pub cells: Vec<PyRef>,
    pub stack: Vec<Value>,
    pub ip: usize,
    /// The instruction being executed (for tracebacks).
    pub lasti: usize,
    pub globals: PyRef,
    /// The namespace of `LOAD_NAME`/`STORE_NAME` (module or class body).
    pub locals: Option<PyRef>,
    /// Keyword names set by `KwNames` for the next `Call`.
    pub kwnames: Option<Value>,
    /// Exception being handled when this frame started (restored on exit).
    pub generator: Option<PyRef>,
    /// The first traceback entry made for this activation (the others
    /// share its frame data).
    pub tb: Option<Value>,
}

/// The state of a generator (or coroutine): its suspended frame.
pub struct GenState {
    pub frame: Option<Box<Frame>>,
    pub running: bool,
    pub started: bool,
    pub finished: bool,
    pub name: Value,
    pub qualname: Value,
    pub is_coroutine: bool,
    /// Saved handled-exception stack of the generator while suspended.
    pub exc_state: Vec<Value>,
    /// An async generator's `sys.set_asyncgen_hooks` state: whether its
    /// first iteration ran the hooks, and the finalizer it then saved.
    pub ag_hooks_inited: bool,
    pub ag_finalizer: Option<Value>,
}
