//! `_ast`: the node classes of CPython 3.11's `ast` module, and the two
//! conversions `compile()` needs: pyx's own AST (`pyx_syntax::ast`) to
//! node objects (`compile(..., PyCF_ONLY_AST)`, [`to_py`]) and node objects
//! back to pyx's AST (`compile(tree, ...)`, [`from_py`]).
//!
//! The classes are ordinary heap classes (instances have a `__dict__`, as
//! CPython's): `AST` carries the native `__init__` and `__reduce__`; every
//! other class only has `_fields`, `__match_args__`, `_attributes`, class
//! attributes `None` for optional fields, `__module__` and `__doc__`.
//! They are built once per interpreter, on first use (by `import _ast` or
//! by `compile`), and shared.

pub mod from_py;
mod table;
pub mod to_py;
mod validate;

use std::cell::RefCell;
use std::rc::Rc;

use rustc_hash::FxHashMap;

use crate::value::{BaseKind, Payload, PyRef, Value};
use crate::vm::{str_key, Args, Vm};
use crate::PyResult;

pub const PYCF_ONLY_AST: i64 = 1024;
pub const PYCF_TYPE_COMMENTS: i64 = 4096;
pub const PYCF_ALLOW_TOP_LEVEL_AWAIT: i64 = 8192;

/// The classes, by name, and the shared instances of the context and
/// operator classes (CPython's `state->Load_singleton`, ...).
pub struct AstState {
    pub classes: FxHashMap<&'static str, PyRef>,
    pub singletons: FxHashMap<&'static str, Value>,
    /// Class object address to class name.
    pub by_ptr: FxHashMap<usize, &'static str>,
}

impl AstState {
    pub fn class(&self, name: &str) -> PyRef {
        match self.classes.get(name) {
            Some(c) => c.clone(),
            None => self.classes["AST"].clone(),
        }
    }
}

thread_local! {
    static STATE: RefCell<Option<Rc<AstState>>> = const { RefCell::new(None) };
}

/// The node classes, built on first use.
pub fn state(vm: &mut Vm) -> Rc<AstState> {
    if let Some(s) = STATE.with(|s| s.borrow().clone()) {
        return s;
    }
    let s = Rc::new(build(vm));
    STATE.with(|x| *x.borrow_mut() = Some(s.clone()));
    s
}

fn str_tuple(vm: &Vm, names: &[&str]) -> Value {
    vm.new_tuple(names.iter().map(|n| str_key(n)).collect())
}

fn make_class(vm: &mut Vm, name: &'static str, base: PyRef) -> PyRef {
    let cls = crate::types::new_class(&vm.types.type_.clone(), name, vec![base.clone()], BaseKind::Object);
    if let Payload::Class(c) = &cls.payload {
        c.builtin_exact.set(false);
    }
    if let Payload::Class(bc) = &base.payload {
        bc.subclasses.borrow_mut().push(Rc::downgrade(&cls));
    }
    cls
}

fn build(vm: &mut Vm) -> AstState {
    let object = vm.types.object.clone();
    let ast = make_class(vm, "AST", object);
    crate::types::add_native_ext(&ast, "__init__", ast_init, true, false, true);
    crate::types::add_native_ext(&ast, "__reduce__", ast_reduce, true, false, true);
    if let Some(d) = &ast.dict {
        let empty = vm.new_tuple(Vec::new());
        let mut d = d.borrow_mut();
        d.set_str("__module__", str_key("ast"));
        d.set_str("__doc__", Value::None);
        d.set_str("_fields", empty.clone());
        d.set_str("__match_args__", empty.clone());
        d.set_str("_attributes", empty);
    }
    let mut classes: FxHashMap<&'static str, PyRef> = FxHashMap::default();
    classes.insert("AST", ast.clone());
    for def in table::NODES {
        let base = classes.get(def.base).cloned().unwrap_or_else(|| ast.clone());
        let cls = make_class(vm, def.name, base);
        if let Some(d) = &cls.dict {
            let fields = def.fields.map(|f| str_tuple(vm, f));
            let attrs = def.attributes.map(|a| str_tuple(vm, a));
            let mut d = d.borrow_mut();
            if let Some(f) = fields {
                d.set_str("_fields", f.clone());
                d.set_str("__match_args__", f);
            }
            d.set_str("__module__", str_key("ast"));
            d.set_str("__doc__", vm.new_str(def.doc));
            if let Some(a) = attrs {
                d.set_str("_attributes", a);
            }
            for n in def.none_defaults {
                d.set_str(n, Value::None);
            }
        }
        classes.insert(def.name, cls);
    }
    crate::vm::bump_type_epoch();
    let mut singletons = FxHashMap::default();
    for def in table::NODES {
        if matches!(def.base, "expr_context" | "boolop" | "operator" | "unaryop" | "cmpop") {
            if let Some(cls) = classes.get(def.name) {
                singletons.insert(def.name, vm.new_object(cls, Payload::Instance, true));
            }
        }
    }
    let by_ptr = classes.iter().map(|(n, c)| (Rc::as_ptr(c) as usize, *n)).collect();
    AstState { classes, singletons, by_ptr }
}

/// `import _ast`.
pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let st = state(vm);
    let m = crate::modules::native::new_module(vm, "_ast", &[]);
    crate::modules::native::set(&m, "AST", Value::Obj(st.class("AST")));
    for def in table::NODES {
        crate::modules::native::set(&m, def.name, Value::Obj(st.class(def.name)));
    }
    crate::modules::native::set(&m, "PyCF_ONLY_AST", Value::Int(PYCF_ONLY_AST));
    crate::modules::native::set(&m, "PyCF_TYPE_COMMENTS", Value::Int(PYCF_TYPE_COMMENTS));
    crate::modules::native::set(&m, "PyCF_ALLOW_TOP_LEVEL_AWAIT", Value::Int(PYCF_ALLOW_TOP_LEVEL_AWAIT));
    Ok(m)
}

/// `compile(tree, filename, mode)`'s tree as pyx's AST: converted
/// (`obj2ast`) then checked (`_PyAST_Validate`). An `Expression` becomes a
/// module of one expression statement.
pub fn tree_to_module(vm: &mut Vm, tree: &Value, mode: &str) -> PyResult<pyx_syntax::ast::Module> {
    let root = from_py::FromPy::new(vm).root(tree, mode)?;
    let (module, checked) = match root {
        from_py::Root::Module(m) | from_py::Root::Interactive(m) => {
            let r = validate::module(&m.body);
            (m, r)
        }
        from_py::Root::Expression(e) => {
            let r = validate::expression(&e);
            let (pos, range) = (e.pos, e.range);
            let stmt = pyx_syntax::ast::Stmt { kind: pyx_syntax::ast::StmtKind::Expr { value: Box::new(e) }, pos, range };
            (pyx_syntax::ast::Module { body: vec![stmt], type_ignores: Vec::new() }, r)
        }
    };
    match checked {
        Ok(()) => Ok(module),
        Err(validate::Invalid(kind, msg)) => {
            let cls = match kind {
                validate::Kind::Value => vm.types.exc.value_error.clone(),
                validate::Kind::Type => vm.types.exc.type_error.clone(),
                validate::Kind::System => vm.types.exc.system_error.clone(),
                validate::Kind::Recursion => vm.types.exc.recursion_error.clone(),
            };
            Err(vm.err(&cls, msg))
        }
    }
}

/// `compile(text, filename, "func_type", PyCF_ONLY_AST)`: CPython's
/// `func_type` rule, `'(' [type_expressions] ')' '->' expression`, as a
/// `FunctionType` node. The text is parsed as the expression
/// `(args) , returns` (the arrow blanked to a comma, the `*`/`**` of the
/// argument types to spaces), which keeps every position.
pub fn parse_func_type(vm: &mut Vm, text: &str, filename: &str) -> PyResult<Value> {
    use pyx_syntax::ast::ExprKind;
    use pyx_syntax::SyntaxKind as K;
    let lexed = pyx_syntax::lexer::lex(text);
    let sig: Vec<pyx_syntax::lexer::Token> = lexed
        .tokens
        .iter()
        .copied()
        .filter(|t| t.kind > K::BOM && !matches!(t.kind, K::NEWLINE | K::INDENT | K::DEDENT) && !t.is_empty())
        .collect();
    let index = pyx_syntax::line_index::LineIndex::new(text);
    let invalid = |vm: &mut Vm, at: Option<pyx_syntax::lexer::Token>| -> crate::PyErr {
        let Some(at) = at else {
            // At ENDMARKER: the last line, column -1.
            let lines = text.lines().count() as u32;
            let ls = index.line_start(lines.max(1)).unwrap_or(0) as usize;
            let src = if lines == 0 { "" } else { &text[ls.min(text.len())..] };
            let src = &src[..src.find('\n').map_or(src.len(), |i| i + 1)];
            return crate::traceback::syntax_error_text(vm, "SyntaxError", "invalid syntax", filename, lines, 0, Some(src), lines, 0);
        };
        let (start, end) = (at.start, at.end);
        let (line, col) = index.line_col(start.into());
        let (end_line, end_col) = index.line_col(end.into());
        let ls = index.line_start(line).unwrap_or(0) as usize;
        let rest = &text[ls.min(text.len())..];
        let src = &rest[..rest.find('\n').map_or(rest.len(), |i| i + 1)];
        let chars = |c: u32| src.get(..c as usize).map_or(c as usize, |s| s.chars().count()) as u32;
        crate::traceback::syntax_error_text(vm, "SyntaxError", "invalid syntax", filename, line, chars(col) + 1, Some(src), end_line, chars(end_col) + 1)
    };
    // The argument list: `(` ... `)` then `->` at depth 0.
    if sig.first().map(|t| t.kind) != Some(K::L_PAREN) {
        return Err(invalid(vm, sig.first().copied()));
    }
    let mut depth = 0;
    let mut close = None;
    for (i, t) in sig.iter().enumerate() {
        match t.kind {
            K::L_PAREN | K::L_BRACK | K::L_BRACE => depth += 1,
            K::R_PAREN | K::R_BRACK | K::R_BRACE => {
                depth -= 1;
                if depth == 0 {
                    close = Some(i);
                    break;
                }
            }
            _ => {}
        }
    }
    let Some(close) = close else { return Err(invalid(vm, None)) };
    if sig.get(close + 1).map(|t| t.kind) != Some(K::ARROW) {
        return Err(invalid(vm, sig.get(close + 1).copied()));
    }
    if close >= 2 && sig[close - 1].kind == K::COMMA {
        return Err(invalid(vm, Some(sig[close])));
    }
    let arrow = sig[close + 1];
    let mut bytes = text.as_bytes().to_vec();
    let mut d = 0;
    let mut commas = 0;
    for t in &sig[..close] {
        match t.kind {
            K::L_PAREN | K::L_BRACK | K::L_BRACE => d += 1,
            K::R_PAREN | K::R_BRACK | K::R_BRACE => d -= 1,
            K::STAR | K::DSTAR if d == 1 => bytes[t.start as usize..t.end as usize].fill(b' '),
            K::COMMA if d == 1 => commas += 1,
            _ => {}
        }
    }
    bytes[arrow.start as usize] = b',';
    bytes[arrow.start as usize + 1] = b' ';
    let Ok(changed) = String::from_utf8(bytes) else { return Err(invalid(vm, Some(arrow))) };
    let module = crate::run::parse_eval(vm, &changed, filename, false)?;
    let value = crate::run::eval_expression(vm, &module, &changed, filename)?;
    let ExprKind::Tuple { elts, .. } = &value.kind else { return Err(invalid(vm, Some(arrow))) };
    if elts.len() != 2 {
        let after = sig.iter().copied().find(|t| t.start >= u32::from(elts[1].range.end()));
        return Err(invalid(vm, after));
    }
    let args: Vec<&pyx_syntax::ast::Expr> = match (&elts[0].kind, commas) {
        (ExprKind::Tuple { elts: a, .. }, n) if n > 0 => a.iter().collect(),
        (ExprKind::Tuple { elts: a, .. }, _) if a.is_empty() && close == 1 => Vec::new(),
        _ => vec![&elts[0]],
    };
    let mut conv = to_py::ToPy::new(vm);
    Ok(conv.function_type(&args, &elts[1]))
}

/// Is `v` an instance of `ast.AST`?
pub fn is_ast(vm: &mut Vm, v: &Value) -> bool {
    let st = state(vm);
    vm.isinstance(v, &st.class("AST"))
}

/// `AST.__init__(self, *args, **kwargs)`: positional arguments fill
/// `type(self)._fields` in order, keywords set any attribute.
fn ast_init(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(this) = a.pos.first().cloned() else {
        return Err(vm.type_error("descriptor '__init__' of 'ast.AST' object needs an argument"));
    };
    let cls = vm.type_of(&this);
    let fields = match vm.getattr(&Value::Obj(cls.clone()), &str_key("_fields")) {
        Ok(f) => Some(f),
        Err(e) if vm.isinstance(&e.0, &vm.types.exc.attribute_error.clone()) => None,
        Err(e) => return Err(e),
    };
    let args = &a.pos[1..];
    let names = match &fields {
        Some(f) => vm.to_vec(f)?,
        None => Vec::new(),
    };
    if !args.is_empty() {
        if args.len() > names.len() {
            let n = names.len();
            return Err(vm.type_error(format!(
                "{} constructor takes at most {n} positional argument{}",
                crate::types::class_name(&cls),
                if n == 1 { "" } else { "s" }
            )));
        }
        for (name, v) in names.iter().zip(args.iter()) {
            vm.setattr(&this, name, v.clone())?;
        }
    }
    for (k, v) in &a.kw {
        for (i, n) in names.iter().enumerate() {
            if vm.eq(n, k)? {
                if i < args.len() {
                    let key = vm.str(k)?.as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
                    return Err(vm.type_error(format!("{} got multiple values for argument '{key}'", crate::types::class_name(&cls))));
                }
                break;
            }
        }
        vm.setattr(&this, k, v.clone())?;
    }
    Ok(Value::None)
}

/// `AST.__reduce__(self)`: `(type(self), (), self.__dict__)`.
fn ast_reduce(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(this) = a.pos.first().cloned() else {
        return Err(vm.type_error("descriptor '__reduce__' of 'ast.AST' object needs an argument"));
    };
    let cls = vm.type_of(&this);
    let empty = vm.new_tuple(Vec::new());
    match vm.getattr(&this, &str_key("__dict__")) {
        Ok(d) => Ok(vm.new_tuple(vec![Value::Obj(cls), empty, d])),
        Err(e) if vm.isinstance(&e.0, &vm.types.exc.attribute_error.clone()) => Ok(vm.new_tuple(vec![Value::Obj(cls), empty])),
        Err(e) => Err(e),
    }
}
