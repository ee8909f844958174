//! Visiting the expressions of the AST (the statement lists are visited
//! with [`crate::analysis::child_bodies`]).

use pyx_syntax::ast::{Arguments, Expr, ExprKind, Stmt, StmtKind};

/// Calls `f` on each direct sub-expression of `e`.
pub fn expr_children(e: &Expr, f: &mut dyn FnMut(&Expr)) {
    match &e.kind {
        ExprKind::BoolOp { values, .. } | ExprKind::JoinedStr { values } => values.iter().for_each(f),
        ExprKind::NamedExpr { target, value } => {
            f(target);
            f(value);
        }
        ExprKind::BinOp { left, right, .. } => {
            f(left);
            f(right);
        }
        ExprKind::UnaryOp { operand: x, .. }
        | ExprKind::Await { value: x }
        | ExprKind::YieldFrom { value: x }
        | ExprKind::Attribute { value: x, .. }
        | ExprKind::Starred { value: x, .. } => f(x),
        ExprKind::Lambda { args, body } => {
            arguments(args, f);
            f(body);
        }
        ExprKind::IfExp { test, body, orelse } => {
            f(test);
            f(body);
            f(orelse);
        }
        ExprKind::Dict { keys, values } => {
            keys.iter().flatten().for_each(&mut *f);
            values.iter().for_each(f);
        }
        ExprKind::Set { elts } | ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => elts.iter().for_each(f),
        ExprKind::ListComp { elt, generators } | ExprKind::SetComp { elt, generators } | ExprKind::GeneratorExp { elt, generators } => {
            f(elt);
            for g in generators {
                f(&g.target);
                f(&g.iter);
                g.ifs.iter().for_each(&mut *f);
            }
        }
        ExprKind::DictComp { key, value, generators } => {
            f(key);
            f(value);
            for g in generators {
                f(&g.target);
                f(&g.iter);
                g.ifs.iter().for_each(&mut *f);
            }
        }
        ExprKind::Yield { value } => {
            if let Some(v) = value {
                f(v);
            }
        }
        ExprKind::Compare { left, comparators, .. } => {
            f(left);
            comparators.iter().for_each(f);
        }
        ExprKind::Call { func, args, keywords } => {
            f(func);
            args.iter().for_each(&mut *f);
            keywords.iter().for_each(|k| f(&k.value));
        }
        ExprKind::FormattedValue { value, format_spec, .. } => {
            f(value);
            if let Some(s) = format_spec {
                f(s);
            }
        }
        ExprKind::Subscript { value, slice, .. } => {
            f(value);
            f(slice);
        }
        ExprKind::Slice { lower, upper, step } => {
            for x in [lower, upper, step].into_iter().flatten() {
                f(x);
            }
        }
        ExprKind::Constant { .. } | ExprKind::Name { .. } => {}
    }
}

fn arguments(a: &Arguments, f: &mut dyn FnMut(&Expr)) {
    for arg in a.posonlyargs.iter().chain(&a.args).chain(&a.kwonlyargs).chain(a.vararg.as_deref()).chain(a.kwarg.as_deref()) {
        if let Some(ann) = &arg.annotation {
            f(ann);
        }
    }
    a.defaults.iter().for_each(&mut *f);
    a.kw_defaults.iter().flatten().for_each(f);
}

/// Calls `f` on the expressions that belong to the statement itself (not
/// to the statements of its bodies).
pub fn stmt_exprs(s: &Stmt, f: &mut dyn FnMut(&Expr)) {
    match &s.kind {
        StmtKind::FunctionDef(d) | StmtKind::AsyncFunctionDef(d) => {
            d.decorator_list.iter().for_each(&mut *f);
            arguments(&d.args, f);
            if let Some(r) = &d.returns {
                f(r);
            }
        }
        StmtKind::ClassDef { bases, keywords, decorator_list, .. } => {
            decorator_list.iter().for_each(&mut *f);
            bases.iter().for_each(&mut *f);
            keywords.iter().for_each(|k| f(&k.value));
        }
        StmtKind::Return { value } => value.iter().for_each(|v| f(v)),
        StmtKind::Delete { targets } => targets.iter().for_each(f),
        StmtKind::Assign { targets, value, .. } => {
            targets.iter().for_each(&mut *f);
            f(value);
        }
        StmtKind::AugAssign { target, value, .. } => {
            f(target);
            f(value);
        }
        StmtKind::AnnAssign { target, annotation, value, .. } => {
            f(target);
            f(annotation);
            value.iter().for_each(|v| f(v));
        }
        StmtKind::For { target, iter, .. } | StmtKind::AsyncFor { target, iter, .. } => {
            f(target);
            f(iter);
        }
        StmtKind::While { test, .. } | StmtKind::If { test, .. } => f(test),
        StmtKind::With { items, .. } | StmtKind::AsyncWith { items, .. } => {
            for i in items {
                f(&i.context_expr);
                if let Some(v) = &i.optional_vars {
                    f(v);
                }
            }
        }
        StmtKind::Match { subject, cases } => {
            f(subject);
            for c in cases {
                if let Some(g) = &c.guard {
                    f(g);
                }
            }
        }
        StmtKind::Raise { exc, cause } => {
            exc.iter().for_each(|v| f(v));
            cause.iter().for_each(|v| f(v));
        }
        StmtKind::Try { handlers, .. } | StmtKind::TryStar { handlers, .. } => {
            for h in handlers {
                if let Some(t) = &h.type_ {
                    f(t);
                }
            }
        }
        StmtKind::Assert { test, msg } => {
            f(test);
            msg.iter().for_each(|v| f(v));
        }
        StmtKind::Expr { value } => f(value),
        StmtKind::Import { .. }
        | StmtKind::ImportFrom { .. }
        | StmtKind::Global { .. }
        | StmtKind::Nonlocal { .. }
        | StmtKind::Pass
        | StmtKind::Break
        | StmtKind::Continue => {}
    }
}
