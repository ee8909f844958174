//! The errors CPython's compiler raises after the parser and the symbol
//! table have accepted a file: `return`/`yield`/`await` outside a function,
//! `break`/`continue` outside a loop, async constructs outside async
//! functions, assignments to `__debug__`, a bare `except:` not last.
//! Messages are CPython 3.11's.

use pyx_syntax::ast::*;

use crate::diagnostics::{Diagnostic, Rule};

#[derive(Clone, Copy)]
struct Cx {
    /// None at module or class level.
    func: Option<Func>,
    in_loop: bool,
}

#[derive(Clone, Copy)]
struct Func {
    is_async: bool,
    is_lambda: bool,
    /// An async function that contains `yield` (an async generator).
    async_generator: bool,
}

pub fn compile_checks(module: &Module) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let cx = Cx { func: None, in_loop: false };
    for s in &module.body {
        stmt(s, cx, &mut out);
    }
    out
}

fn err(out: &mut Vec<Diagnostic>, range: pyx_syntax::TextRange, msg: &str) {
    out.push(Diagnostic::new(Rule::SyntaxError, range, msg));
}

fn contains_yield(body: &[Stmt]) -> bool {
    let mut found = false;
    for s in body {
        super::pyx_syntax_walk::walk_stmt_exprs(s, &mut |e| {
            if !found {
                found = expr_has_yield(e);
            }
        });
    }
    found
}

fn expr_has_yield(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Yield { .. } | ExprKind::YieldFrom { .. } => true,
        // Nested scopes have their own yields.
        ExprKind::Lambda { .. }
        | ExprKind::ListComp { .. }
        | ExprKind::SetComp { .. }
        | ExprKind::DictComp { .. }
        | ExprKind::GeneratorExp { .. } => false,
        _ => {
            let mut found = false;
            super::pyx_syntax_walk::walk_expr_children(e, &mut |c| {
                if !found {
                    found = expr_has_yield(c);
                }
            });
            found
        }
    }
}

fn check_debug_target(e: &Expr, out: &mut Vec<Diagnostic>, del: bool) {
    match &e.kind {
        ExprKind::Name { id, .. } if id == "__debug__" => {
            err(out, e.range, if del { "cannot delete __debug__" } else { "cannot assign to __debug__" });
        }
        ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => {
            for x in elts {
                check_debug_target(x, out, del);
            }
        }
        ExprKind::Starred { value, .. } => check_debug_target(value, out, del),
        _ => {}
    }
}

fn check_args_debug(a: &Arguments, out: &mut Vec<Diagnostic>) {
    let all = a
        .posonlyargs
        .iter()
        .chain(&a.args)
        .chain(a.vararg.as_deref())
        .chain(&a.kwonlyargs)
        .chain(a.kwarg.as_deref());
    for arg in all {
        if arg.arg == "__debug__" {
            err(out, arg.range, "cannot assign to __debug__");
        }
    }
}

fn body(stmts: &[Stmt], cx: Cx, out: &mut Vec<Diagnostic>) {
    for s in stmts {
        stmt(s, cx, out);
    }
}

fn stmt(s: &Stmt, cx: Cx, out: &mut Vec<Diagnostic>) {
    match &s.kind {
        StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => {
            let is_async = matches!(s.kind, StmtKind::AsyncFunctionDef(_));
            check_args_debug(&f.args, out);
            for d in f.decorator_list.iter().chain(f.args.defaults.iter()) {
                expr(d, cx, out);
            }
            let inner = Cx {
                func: Some(Func {
                    is_async,
                    is_lambda: false,
                    async_generator: is_async && contains_yield(&f.body),
                }),
                in_loop: false,
            };
            body(&f.body, inner, out);
        }
        StmtKind::ClassDef { bases, keywords, body: b, decorator_list, .. } => {
            for e in bases.iter().chain(decorator_list) {
                expr(e, cx, out);
            }
            for k in keywords {
                expr(&k.value, cx, out);
            }
            body(b, Cx { func: None, in_loop: false }, out);
        }
        StmtKind::Return { value } => {
            match cx.func {
                None => err(out, s.range, "'return' outside function"),
                Some(f) if f.async_generator && value.is_some() => {
                    err(out, s.range, "'return' with value in async generator")
                }
                _ => {}
            }
            if let Some(v) = value {
                expr(v, cx, out);
            }
        }
        StmtKind::Break => {
            if !cx.in_loop {
                err(out, s.range, "'break' outside loop");
            }
        }
        StmtKind::Continue => {
            if !cx.in_loop {
                err(out, s.range, "'continue' not properly in loop");
            }
        }
        StmtKind::For { target, iter, body: b, orelse, .. } | StmtKind::AsyncFor { target, iter, body: b, orelse, .. } => {
            if matches!(s.kind, StmtKind::AsyncFor { .. }) && !cx.func.is_some_and(|f| f.is_async) {
                err(out, s.range, "'async for' outside async function");
            }
            check_debug_target(target, out, false);
            expr(target, cx, out);
            expr(iter, cx, out);
            body(b, Cx { in_loop: true, ..cx }, out);
            body(orelse, cx, out);
        }
        StmtKind::While { test, body: b, orelse } => {
            expr(test, cx, out);
            body(b, Cx { in_loop: true, ..cx }, out);
            body(orelse, cx, out);
        }
        StmtKind::If { test, body: b, orelse } => {
            expr(test, cx, out);
            body(b, cx, out);
            body(orelse, cx, out);
        }
        StmtKind::With { items, body: b, .. } | StmtKind::AsyncWith { items, body: b, .. } => {
            if matches!(s.kind, StmtKind::AsyncWith { .. }) && !cx.func.is_some_and(|f| f.is_async) {
                err(out, s.range, "'async with' outside async function");
            }
            for i in items {
                expr(&i.context_expr, cx, out);
                if let Some(v) = &i.optional_vars {
                    check_debug_target(v, out, false);
                    expr(v, cx, out);
                }
            }
            body(b, cx, out);
        }
        StmtKind::Try { body: b, handlers, orelse, finalbody } | StmtKind::TryStar { body: b, handlers, orelse, finalbody } => {
            body(b, cx, out);
            for (i, h) in handlers.iter().enumerate() {
                if h.type_.is_none() && i + 1 < handlers.len() {
                    err(out, h.range, "default 'except:' must be last");
                }
                if let Some(t) = &h.type_ {
                    expr(t, cx, out);
                }
                body(&h.body, cx, out);
            }
            body(orelse, cx, out);
            body(finalbody, cx, out);
        }
        StmtKind::Match { subject, cases } => {
            expr(subject, cx, out);
            for c in cases {
                if let Some(g) = &c.guard {
                    expr(g, cx, out);
                }
                body(&c.body, cx, out);
            }
        }
        StmtKind::Assign { targets, value, .. } => {
            for t in targets {
                check_debug_target(t, out, false);
                expr(t, cx, out);
            }
            expr(value, cx, out);
        }
        StmtKind::AugAssign { target, value, .. } => {
            check_debug_target(target, out, false);
            expr(target, cx, out);
            expr(value, cx, out);
        }
        StmtKind::AnnAssign { target, annotation, value, .. } => {
            check_debug_target(target, out, false);
            expr(target, cx, out);
            expr(annotation, cx, out);
            if let Some(v) = value {
                expr(v, cx, out);
            }
        }
        StmtKind::Delete { targets } => {
            for t in targets {
                check_debug_target(t, out, true);
                expr(t, cx, out);
            }
        }
        StmtKind::Raise { exc, cause } => {
            for x in [exc, cause].into_iter().flatten() {
                expr(x, cx, out);
            }
        }
        StmtKind::Assert { test, msg } => {
            expr(test, cx, out);
            if let Some(m) = msg {
                expr(m, cx, out);
            }
        }
        StmtKind::Expr { value } => expr(value, cx, out),
        StmtKind::Import { .. }
        | StmtKind::ImportFrom { .. }
        | StmtKind::Global { .. }
        | StmtKind::Nonlocal { .. }
        | StmtKind::Pass => {}
    }
}

/// Does a comprehension's own scope contain `await` or `async for`?
fn comprehension_is_async(elts: &[&Expr], generators: &[Comprehension]) -> bool {
    if generators.iter().any(|g| g.is_async) {
        return true;
    }
    let mut found = false;
    let mut check = |e: &Expr| {
        if !found {
            found = has_await(e);
        }
    };
    for e in elts {
        check(e);
    }
    for (i, g) in generators.iter().enumerate() {
        // The outermost iterable belongs to the enclosing scope.
        if i > 0 {
            check(&g.iter);
        }
        for c in &g.ifs {
            check(c);
        }
    }
    found
}

fn has_await(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Await { .. } => true,
        ExprKind::Lambda { .. } => false,
        ExprKind::ListComp { elt, generators } | ExprKind::SetComp { elt, generators } => {
            comprehension_is_async(&[elt], generators) || has_await(&generators[0].iter)
        }
        ExprKind::DictComp { key, value, generators } => {
            comprehension_is_async(&[key, value], generators) || has_await(&generators[0].iter)
        }
        _ => {
            let mut found = false;
            super::pyx_syntax_walk::walk_expr_children(e, &mut |c| {
                if !found {
                    found = has_await(c);
                }
            });
            found
        }
    }
}

fn expr(e: &Expr, cx: Cx, out: &mut Vec<Diagnostic>) {
    match &e.kind {
        ExprKind::Yield { .. } | ExprKind::YieldFrom { .. } => match cx.func {
            None => err(out, e.range, "'yield' outside function"),
            Some(f) if f.is_async && matches!(e.kind, ExprKind::YieldFrom { .. }) => {
                err(out, e.range, "'yield from' inside async function")
            }
            _ => {}
        },
        ExprKind::Await { .. } => match cx.func {
            None => err(out, e.range, "'await' outside function"),
            Some(f) if !f.is_async || f.is_lambda => err(out, e.range, "'await' outside async function"),
            _ => {}
        },
        ExprKind::Lambda { args, body } => {
            check_args_debug(args, out);
            for d in &args.defaults {
                expr(d, cx, out);
            }
            let inner = Cx {
                func: Some(Func { is_async: false, is_lambda: true, async_generator: false }),
                in_loop: false,
            };
            expr(body, inner, out);
            return;
        }
        ExprKind::ListComp { elt, generators } | ExprKind::SetComp { elt, generators } => {
            comprehension(e, &[elt], generators, cx, out);
            return;
        }
        ExprKind::DictComp { key, value, generators } => {
            comprehension(e, &[key, value], generators, cx, out);
            return;
        }
        ExprKind::GeneratorExp { elt, generators } => {
            // A generator expression may be asynchronous anywhere; its body
            // runs as its own (async) function.
            if let Some(g) = generators.first() {
                expr(&g.iter, cx, out);
            }
            let inner = Cx {
                func: Some(Func { is_async: true, is_lambda: false, async_generator: false }),
                in_loop: false,
            };
            expr(elt, inner, out);
            for (i, g) in generators.iter().enumerate() {
                if i > 0 {
                    expr(&g.iter, inner, out);
                }
                for c in &g.ifs {
                    expr(c, inner, out);
                }
            }
            return;
        }
        ExprKind::Call { keywords, .. } => {
            for k in keywords {
                if k.arg.as_deref() == Some("__debug__") {
                    err(out, k.range, "cannot assign to __debug__");
                }
            }
        }
        ExprKind::NamedExpr { target, .. } => check_debug_target(target, out, false),
        _ => {}
    }
    super::pyx_syntax_walk::walk_expr_children(e, &mut |c| expr(c, cx, out));
}

fn comprehension(e: &Expr, elts: &[&Expr], generators: &[Comprehension], cx: Cx, out: &mut Vec<Diagnostic>) {
    if let Some(g) = generators.first() {
        expr(&g.iter, cx, out);
    }
    let enclosing_async = cx.func.is_some_and(|f| f.is_async && !f.is_lambda);
    if comprehension_is_async(elts, generators) && !enclosing_async {
        err(out, e.range, "asynchronous comprehension outside of an asynchronous function");
        return;
    }
    // Inside, awaits are allowed exactly when the enclosing function is async.
    let inner = Cx {
        func: Some(Func {
            is_async: enclosing_async,
            is_lambda: false,
            async_generator: false,
        }),
        in_loop: false,
    };
    for x in elts {
        expr(x, inner, out);
    }
    for (i, g) in generators.iter().enumerate() {
        if i > 0 {
            expr(&g.iter, inner, out);
        }
        for c in &g.ifs {
            expr(c, inner, out);
        }
    }
}
