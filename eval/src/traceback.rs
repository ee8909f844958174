//! Printing exceptions as CPython 3.11 prints an uncaught one: chained
//! sections, `File …, line …, in …` entries with the source line and the
//! `^^^^`/`~~~^^^` markers, "[Previous line repeated N more times]", and
//! SyntaxError's own layout.

use crate::code::Position;
use crate::objects::tbobject::TbLine;
use crate::value::{Payload, Value};
use crate::vm::{str_key, Vm};

/// The full report for an uncaught exception (what goes to stderr).
pub fn format_exception(vm: &mut Vm, exc: &Value) -> String {
    let mut ctx = Ctx { out: String::new(), seen: Vec::new(), depth: 0, need_close: false };
    format_chain(vm, exc, &mut ctx);
    ctx.out
}

/// CPython's `exception_print_context`: where we are in nested groups.
struct Ctx {
    out: String,
    seen: Vec<usize>,
    depth: usize,
    need_close: bool,
}

const MAX_GROUP_WIDTH: usize = 15;
const MAX_GROUP_DEPTH: usize = 10;

impl Ctx {
    fn margin(&self) -> &'static str {
        if self.depth > 0 {
            "| "
        } else {
            ""
        }
    }

    fn indent(&self) -> String {
        " ".repeat(2 * self.depth)
    }

    /// Write lines, each behind the indent and margin.
    fn write_block(&mut self, text: &str) {
        let prefix = format!("{}{}", self.indent(), self.margin());
        for line in text.split_inclusive('\n') {
            self.out.push_str(&prefix);
            self.out.push_str(line);
        }
    }
}

fn addr(v: &Value) -> usize {
    match v {
        Value::Obj(o) => std::rc::Rc::as_ptr(o) as usize,
        _ => 0,
    }
}

fn format_chain(vm: &mut Vm, exc: &Value, ctx: &mut Ctx) {
    ctx.seen.push(addr(exc));
    if let Some(Payload::Exception(x)) = exc.payload() {
        let cause = x.cause.borrow().clone();
        let context = x.context.borrow().clone();
        let chained = if !cause.is_none() && !ctx.seen.contains(&addr(&cause)) && matches!(cause.payload(), Some(Payload::Exception(_))) {
            Some((cause, "The above exception was the direct cause of the following exception:\n"))
        } else if !context.is_none()
            && !x.suppress_context.get()
            && !ctx.seen.contains(&addr(&context))
            && matches!(context.payload(), Some(Payload::Exception(_)))
        {
            Some((context, "During handling of the above exception, another exception occurred:\n"))
        } else {
            None
        };
        if let Some((prev, message)) = chained {
            let need_close = ctx.need_close;
            format_chain(vm, &prev, ctx);
            ctx.need_close = need_close;
            ctx.write_block("\n");
            ctx.write_block(message);
            ctx.write_block("\n");
        }
    }
    if crate::objects::exception_group::is_group(vm, exc) {
        format_group(vm, exc, ctx);
    } else {
        format_one(vm, exc, ctx);
    }
}

/// One exception: its traceback and its message.
fn format_one(vm: &mut Vm, exc: &Value, ctx: &mut Ctx) {
    if let Some(Payload::Exception(x)) = exc.payload() {
        let _ = x;
        let mut tb = crate::objects::tbobject::lines_of(exc);
        // `sys.tracebacklimit`: at most that many innermost entries; none
        // (and no header) when it is 0 or less.
        if let Some(limit) = crate::modules::sys::get(vm, "tracebacklimit").and_then(|l| match l {
            Value::Bool(b) => Some(b as i64),
            _ => crate::vm::ops::as_big(&l).map(|b| num_traits::ToPrimitive::to_i64(&b).unwrap_or(if num_traits::Signed::is_negative(&b) { 0 } else { i64::MAX })),
        }) {
            let keep = limit.max(0) as usize;
            if tb.len() > keep {
                tb.drain(..tb.len() - keep);
            }
        }
        if !tb.is_empty() {
            let is_group = crate::objects::exception_group::is_group(vm, exc);
            let header = if is_group { "Exception Group Traceback (most recent call last):\n" } else { "Traceback (most recent call last):\n" };
            let margin = if is_group && ctx.depth == 1 { "+ " } else { ctx.margin() };
            ctx.out.push_str(&format!("{}{margin}{header}", ctx.indent()));
            let mut text = String::new();
            format_tb(&tb, &mut text);
            ctx.write_block(&text);
        }
    }
    let mut text = String::new();
    format_exception_only(vm, exc, &mut text);
    ctx.write_block(&text);
}

fn format_group(vm: &mut Vm, exc: &Value, ctx: &mut Ctx) {
    if ctx.depth > MAX_GROUP_DEPTH {
        ctx.write_block(&format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n"));
        return;
    }
    let top = ctx.depth == 0;
    if top {
        ctx.depth += 1;
    }
    format_one(vm, exc, ctx);
    let excs = crate::objects::exception_group::exceptions_of(exc);
    let n = if excs.len() <= MAX_GROUP_WIDTH { excs.len() } else { MAX_GROUP_WIDTH + 1 };
    ctx.need_close = false;
    for i in 0..n {
        let last = i == n - 1;
        if last {
            ctx.need_close = true;
        }
        let truncated = i >= MAX_GROUP_WIDTH;
        let lead = if i == 0 { "+-" } else { "  " };
        let label = if truncated { "...".to_string() } else { (i + 1).to_string() };
        ctx.out.push_str(&format!("{}{lead}+---------------- {label} ----------------\n", ctx.indent()));
        ctx.depth += 1;
        if !truncated {
            format_chain(vm, &excs[i], ctx);
        } else {
            let remaining = excs.len() - MAX_GROUP_WIDTH;
            ctx.write_block(&format!("and {remaining} more exception{}\n", if remaining > 1 { "s" } else { "" }));
        }
        if last && ctx.need_close {
            ctx.out.push_str(&format!("{}+------------------------------------\n", ctx.indent()));
            ctx.need_close = false;
        }
        ctx.depth -= 1;
    }
    if ctx.depth == 1 && top {
        ctx.depth -= 1;
    }
}

/// The entries, outermost first.
fn format_tb(tb: &[TbLine], out: &mut String) {
    let mut last: Option<(String, i64, String)> = None;
    let mut repeated = 0usize;
    let flush_repeats = |out: &mut String, repeated: usize| {
        if repeated > 3 {
            let n = repeated - 3;
            out.push_str(&format!("  [Previous line repeated {n} more time{}]\n", if n == 1 { "" } else { "s" }));
        }
    };
    for e in tb {
        let Some(at) = &e.at else { continue };
        let unit = &at.code.unit;
        let line = e.lineno;
        let key = (unit.filename.clone(), line, unit.name.clone());
        if last.as_ref() == Some(&key) {
            repeated += 1;
            if repeated > 3 {
                continue;
            }
        } else {
            flush_repeats(out, repeated);
            repeated = 1;
            last = Some(key);
        }
        out.push_str(&format!("  File \"{}\", line {}, in {}\n", unit.filename, line, unit.name));
        // Frozen modules' source is not on disk under that name, so
        // CPython's linecache shows no line for them.
        if let Some(src) = at.code.source.as_ref().filter(|_| !unit.filename.starts_with("<frozen ")) {
            if line > 0 {
                if let Some(text) = src.lines().nth(line as usize - 1) {
                    // The markers come from the instruction's position (as
                    // CPython's, even for a `TracebackType(...)` that names
                    // another line).
                    let pos = unit.positions.get(at.lasti).copied().unwrap_or(Position { line: line as u32, end_line: 0, col: 0, end_col: 0 });
                    out.push_str(&source_with_carets(text, pos));
                }
            }
        }
    }
    flush_repeats(out, repeated);
}

/// Character offset of a UTF-8 byte offset in `line`.
fn char_offset(line: &str, byte: usize) -> usize {
    match line.get(..byte.min(line.len())) {
        Some(s) => s.chars().count(),
        None => line.char_indices().take_while(|(i, _)| *i < byte).count(),
    }
}

fn source_with_carets(line: &str, pos: Position) -> String {
    let stripped = line.trim_matches(|c: char| c == ' ' || c == '\t' || c == '\x0c' || c == '\r' || c == '\n');
    if stripped.is_empty() {
        return String::new();
    }
    let mut s = format!("    {stripped}\n");
    let lead = line.chars().count() - line.trim_start_matches([' ', '\t', '\x0c']).chars().count();
    let start = char_offset(line, pos.col as usize);
    let mut end = char_offset(line, pos.end_col as usize);
    let mut anchors = None;
    if pos.line == pos.end_line {
        if pos.end_col > pos.col {
            let seg_start = (pos.col as usize).min(line.len());
            let seg_end = (pos.end_col as usize).min(line.len());
            if let Some(seg) = line.get(seg_start..seg_end) {
                anchors = caret_anchors(seg);
            }
        }
    } else {
        end = lead + stripped.chars().count();
    }
    if pos.end_line == 0 || end <= start {
        return s;
    }
    let stripped_len = stripped.chars().count();
    let anchored = anchors.is_some_and(|(l, r)| r > l);
    if end - start < stripped_len || anchored {
        s.push_str("    ");
        s.push_str(&" ".repeat(start.saturating_sub(lead)));
        match anchors {
            Some((l, r)) => {
                let width = end - start;
                let l = l.min(width);
                let r = r.clamp(l, width);
                s.push_str(&"~".repeat(l));
                s.push_str(&"^".repeat(r - l));
                s.push_str(&"~".repeat(width - r));
            }
            None => s.push_str(&"^".repeat(end - start)),
        }
        s.push('\n');
    }
    s
}

/// For a segment that is a binary operation or a subscript: where the
/// operator (or the brackets) start and end, in characters.
fn caret_anchors(segment: &str) -> Option<(usize, usize)> {
    use pyx_syntax::ast::{ExprKind, StmtKind};
    let parsed = pyx_syntax::parse_module(segment, pyx_syntax::ParseOptions::default());
    if !parsed.errors.is_empty() || parsed.module.body.len() != 1 {
        return None;
    }
    let StmtKind::Expr { value } = &parsed.module.body[0].kind else { return None };
    // Offsets in the AST are per line; the segment is one line.
    match &value.kind {
        ExprKind::BinOp { left, right, .. } => {
            if left.pos.end_lineno != 1 || right.pos.lineno != 1 {
                return None;
            }
            let op_start = left.pos.end_col_offset as usize;
            let op_end = right.pos.col_offset as usize;
            let op_str = segment.get(op_start..op_end)?;
            let offset = op_str.len() - op_str.trim_start().len();
            let left_anchor = op_start + offset;
            let mut right_anchor = left_anchor + 1;
            let rest = op_str.as_bytes();
            if offset + 1 < rest.len() && !(rest[offset + 1] as char).is_whitespace() {
                right_anchor += 1;
            }
            Some((char_offset(segment, left_anchor), char_offset(segment, right_anchor)))
        }
        ExprKind::Subscript { value: v, slice, .. } => {
            if v.pos.end_lineno != 1 || slice.pos.end_lineno != 1 {
                return None;
            }
            let start = v.pos.end_col_offset as usize;
            let end = slice.pos.end_col_offset as usize + 1;
            Some((char_offset(segment, start), char_offset(segment, end)))
        }
        _ => None,
    }
}

fn attr(vm: &mut Vm, exc: &Value, name: &str) -> Option<Value> {
    let d = exc.obj()?.dict.as_ref()?;
    let v = d.borrow().get_str(name).cloned();
    let _ = vm;
    v
}

/// The last line(s): `Type: message`, and SyntaxError's source display.
pub fn format_exception_only(vm: &mut Vm, exc: &Value, out: &mut String) {
    let cls = vm.type_of(exc);
    let mut name = match &cls.payload {
        Payload::Class(c) => c.qualname.borrow().clone(),
        _ => "?".into(),
    };
    if let Some(m) = cls.dict.as_ref().and_then(|d| d.borrow().get_str("__module__").cloned()) {
        if let Some(ms) = m.as_str() {
            let ms = ms.to_string_lossy();
            if ms != "builtins" && ms != "__main__" {
                name = format!("{ms}.{name}");
            }
        }
    }
    let is_syntax = vm.isinstance(exc, &vm.types.exc.syntax_error.clone());
    if is_syntax {
        if let Some(text) = syntax_error_display(vm, exc) {
            out.push_str(&text);
            let msg = attr(vm, exc, "msg").and_then(|m| m.as_str().map(|s| s.to_string_lossy())).unwrap_or_default();
            out.push_str(&format!("{name}: {msg}\n"));
            return;
        }
    }
    let mut s = match vm.str(exc) {
        Ok(s) => s.as_str().map(|s| s.to_string_lossy()).unwrap_or_default(),
        Err(_) => "<exception str() failed>".into(),
    };
    if let Some(sugg) = suggestion(vm, exc) {
        s.push_str(&format!(". Did you mean: '{sugg}'?"));
    }
    if s.is_empty() {
        out.push_str(&format!("{name}\n"));
    } else {
        out.push_str(&format!("{name}: {s}\n"));
    }
    // PEP 678 notes.
    if let Some(notes) = attr(vm, exc, "__notes__") {
        if let Ok(items) = vm.to_vec(&notes) {
            for n in items {
                let t = vm.str_string(&n).unwrap_or_default();
                out.push_str(&t);
                out.push('\n');
            }
        }
    }
}

/// `  File "f", line N` / the source line / the carets, for SyntaxError.
fn syntax_error_display(vm: &mut Vm, exc: &Value) -> Option<String> {
    let filename = attr(vm, exc, "filename").filter(|v| !v.is_none());
    let lineno = attr(vm, exc, "lineno").and_then(|v| crate::vm::ops::as_i64(&v));
    let filename = filename.map(|f| vm.str_string(&f).unwrap_or_default()).unwrap_or_else(|| "<string>".into());
    let lineno = lineno?;
    let mut s = format!("  File \"{filename}\", line {lineno}\n");
    let text = attr(vm, exc, "text").and_then(|t| t.as_str().map(|s| s.to_string_lossy()));
    if let Some(text) = text {
        let offset = attr(vm, exc, "offset").and_then(|v| crate::vm::ops::as_i64(&v));
        let end_offset = attr(vm, exc, "end_offset").and_then(|v| crate::vm::ops::as_i64(&v)).unwrap_or(0);
        s.push_str(&error_text(&text, offset, end_offset));
    }
    Some(s)
}

/// The source line and caret line of a SyntaxError, as CPython's
/// `print_error_text` lays them out (offsets are 1-based characters).
fn error_text(text: &str, offset: Option<i64>, end_offset: i64) -> String {
    let chars: Vec<char> = text.chars().collect();
    let Some(offset) = offset else {
        let t = text.trim_start_matches([' ', '\t', '\x0c']).trim_end_matches('\n');
        return format!("    {t}\n");
    };
    let carets = if end_offset > 0 && end_offset > offset { (end_offset - offset) as usize } else { 1 };
    let mut off = offset - 1;
    let mut start = 0;
    while start < chars.len() && matches!(chars[start], ' ' | '\t' | '\x0c') {
        start += 1;
        off -= 1;
    }
    let mut rest: Vec<char> = chars[start..].to_vec();
    let mut len = rest.len() as i64;
    if len > 0 && rest[rest.len() - 1] == '\n' {
        len -= 1;
    }
    if off > len {
        off = len;
    }
    // Skip past newlines embedded in the text.
    loop {
        let Some(nl) = rest.iter().position(|c| *c == '\n') else { break };
        if nl as i64 >= off {
            break;
        }
        let skip = nl + 1;
        rest.drain(..skip);
        len -= skip as i64;
        off -= skip as i64;
    }
    let shown: String = rest.iter().collect();
    let mut s = format!("    {shown}");
    if !shown.ends_with('\n') {
        s.push('\n');
    }
    if off < 0 {
        return s;
    }
    s.push_str("    ");
    s.push_str(&" ".repeat(off as usize));
    s.push_str(&"^".repeat(carets));
    s.push('\n');
    let _ = len;
    s
}

/// Make a SyntaxError (or IndentationError…) instance with CPython's
/// attributes. Offsets are 1-based characters.
#[allow(clippy::too_many_arguments)]
pub fn syntax_error(
    vm: &mut Vm,
    kind: &str,
    msg: &str,
    filename: &str,
    lineno: u32,
    offset: u32,
    text: Option<&str>,
    end_lineno: u32,
    end_offset: u32,
) -> crate::PyErr {
    if kind == "NotImplementedError" {
        return vm.err(&vm.types.exc.not_implemented_error.clone(), msg);
    }
    let text = text.map(|t| format!("{t}\n"));
    syntax_error_text(vm, kind, msg, filename, lineno, offset, text.as_deref(), end_lineno, end_offset)
}

/// [`syntax_error`] with `text` exactly as given (no newline added).
#[allow(clippy::too_many_arguments)]
pub fn syntax_error_text(
    vm: &mut Vm,
    kind: &str,
    msg: &str,
    filename: &str,
    lineno: u32,
    offset: u32,
    text: Option<&str>,
    end_lineno: u32,
    end_offset: u32,
) -> crate::PyErr {
    let cls = match kind {
        "IndentationError" => vm.types.exc.indentation_error.clone(),
        "TabError" => vm.types.exc.tab_error.clone(),
        _ => vm.types.exc.syntax_error.clone(),
    };
    let text_v = match text {
        Some(t) => vm.new_str(t),
        None => Value::None,
    };
    let details = vm.new_tuple(vec![
        vm.new_str(filename),
        Value::Int(lineno as i64),
        Value::Int(offset as i64),
        text_v.clone(),
        Value::Int(end_lineno as i64),
        Value::Int(end_offset as i64),
    ]);
    let e = vm.new_exception(&cls, vec![vm.new_str(msg), details]);
    if let Some(d) = e.0.obj().and_then(|o| o.dict.as_ref()) {
        let mut d = d.borrow_mut();
        d.set_str("msg", vm.new_str(msg));
        d.set_str("filename", vm.new_str(filename));
        d.set_str("lineno", Value::Int(lineno as i64));
        d.set_str("offset", Value::Int(offset as i64));
        d.set_str("text", text_v);
        d.set_str("end_lineno", Value::Int(end_lineno as i64));
        d.set_str("end_offset", Value::Int(end_offset as i64));
        d.set_str("print_file_and_line", Value::None);
    }
    let _ = str_key("msg");
    e
}

// ---- "Did you mean" (CPython's suggestions.c) -------------------------------

const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;
const MAX_STRING_SIZE: usize = 40;
const MAX_CANDIDATE_ITEMS: usize = 750;

fn substitution_cost(a: u8, b: u8) -> usize {
    if (a & 31) != (b & 31) {
        return MOVE_COST;
    }
    if a == b {
        return 0;
    }
    if a.to_ascii_lowercase() == b.to_ascii_lowercase() {
        CASE_COST
    } else {
        MOVE_COST
    }
}

fn levenshtein<'a>(mut a: &'a [u8], mut b: &'a [u8], max_cost: usize) -> usize {
    while !a.is_empty() && !b.is_empty() && a[0] == b[0] {
        a = &a[1..];
        b = &b[1..];
    }
    while !a.is_empty() && !b.is_empty() && a[a.len() - 1] == b[b.len() - 1] {
        a = &a[..a.len() - 1];
        b = &b[..b.len() - 1];
    }
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut buffer: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (bi, &code) in b.iter().enumerate() {
        let mut distance = bi * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (i, &ac) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(code, ac);
            distance = buffer[i];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            buffer[i] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

fn best_match(candidates: &[String], name: &str) -> Option<String> {
    if candidates.len() >= MAX_CANDIDATE_ITEMS {
        return None;
    }
    let mut best: Option<(&String, usize)> = None;
    for item in candidates {
        if item == name {
            continue;
        }
        let mut max_distance = (name.len() + item.len() + 3) * MOVE_COST / 6;
        if let Some((_, d)) = best {
            max_distance = max_distance.min(d.saturating_sub(1));
        }
        let d = levenshtein(name.as_bytes(), item.as_bytes(), max_distance);
        if d > max_distance {
            continue;
        }
        if best.is_none_or(|(_, bd)| d < bd) {
            best = Some((item, d));
        }
    }
    best.map(|(s, _)| s.clone())
}

fn dict_names(d: &crate::value::PyRef) -> Vec<String> {
    match &d.payload {
        Payload::Dict(d) => d.borrow().keys().iter().filter_map(|k| k.as_str().map(|s| s.to_string_lossy())).collect(),
        _ => Vec::new(),
    }
}

/// The name CPython would suggest for a NameError or AttributeError.
fn suggestion(vm: &mut Vm, exc: &Value) -> Option<String> {
    let is_name = vm.isinstance(exc, &vm.types.exc.name_error.clone());
    let is_attr = vm.isinstance(exc, &vm.types.exc.attribute_error.clone());
    if !is_name && !is_attr {
        return None;
    }
    let name = attr(vm, exc, "name")?.as_str()?.to_string_lossy();
    if is_attr {
        let obj = attr(vm, exc, "obj")?;
        let f = vm.builtins_get("dir")?;
        let listing = vm.call(&f, vec![obj]).ok()?;
        let items = vm.to_vec(&listing).ok()?;
        let names: Vec<String> = items.iter().filter_map(|v| v.as_str().map(|s| s.to_string_lossy())).collect();
        return best_match(&names, &name);
    }
    let Some(Payload::Exception(x)) = exc.payload() else { return None };
    let _ = x;
    let tb = crate::objects::tbobject::lines_of(exc);
    let inner = tb.last()?.at.clone()?;
    let unit = &inner.code.unit;
    let globals = inner.globals.clone();
    let is_function = unit.flags & crate::code::flags::OPTIMIZED != 0;
    if is_function {
        let locals: Vec<String> = unit.varnames.iter().chain(unit.cellvars.iter()).chain(unit.freevars.iter()).cloned().collect();
        if let Some(s) = best_match(&locals, &name) {
            return Some(s);
        }
    }
    if let Some(g) = &globals {
        if let Some(s) = best_match(&dict_names(g), &name) {
            return Some(s);
        }
    }
    let b = vm.builtins.clone();
    best_match(&dict_names(&b), &name)
}
