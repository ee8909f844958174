//! Conditions a checker can decide without running the code: checks of
//! `sys.platform` and `sys.version_info` against the target platform and
//! version, as type checkers do (PEP 484, "Version and platform checking").
//! Code under a condition that is false for the target is unreachable
//! there, and rules that would only be noise about it (an import of a
//! Windows-only module on Linux) leave it alone.

use pyx_syntax::ast::{BoolOp, CmpOp, Constant, Expr, ExprKind, Stmt, StmtKind, UnaryOp};

/// What the code is checked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// `sys.platform`: `linux`, `darwin`, `win32`, ...
    pub platform: String,
    /// `sys.version_info[:2]`.
    pub version: (u16, u16),
}

impl Target {
    /// The platform pyx was built for.
    pub fn host_platform() -> &'static str {
        if cfg!(target_os = "windows") {
            "win32"
        } else if cfg!(target_os = "macos") {
            "darwin"
        } else if cfg!(target_os = "freebsd") {
            "freebsd"
        } else {
            "linux"
        }
    }
}

/// The value of `test` for `target`, or `None` when it cannot be decided
/// statically.
pub fn evaluate(test: &Expr, target: &Target) -> Option<bool> {
    match &test.kind {
        ExprKind::UnaryOp { op: UnaryOp::Not, operand } => evaluate(operand, target).map(|v| !v),
        ExprKind::BoolOp { op, values } => {
            // Three-valued logic: a decided operand can settle the whole.
            let mut unknown = false;
            for v in values {
                match (op, evaluate(v, target)) {
                    (BoolOp::And, Some(false)) => return Some(false),
                    (BoolOp::Or, Some(true)) => return Some(true),
                    (_, None) => unknown = true,
                    _ => {}
                }
            }
            if unknown {
                None
            } else {
                Some(matches!(op, BoolOp::And))
            }
        }
        ExprKind::Compare { left, ops, comparators } if ops.len() == 1 && comparators.len() == 1 => {
            let (op, right) = (ops[0], &comparators[0]);
            if let Some(platform) = platform_of(left, target) {
                let other = str_constant(right)?;
                return match op {
                    CmpOp::Eq => Some(platform == other),
                    CmpOp::NotEq => Some(platform != other),
                    _ => None,
                };
            }
            if is_sys_attr(left, "version_info") {
                let wanted = int_tuple(right)?;
                let have = [i64::from(target.version.0), i64::from(target.version.1)];
                // Compare as tuples over the components given (at most two
                // are known, so longer tuples are undecidable unless the
                // first two already differ).
                let n = wanted.len().min(2);
                let ord = have[..n].cmp(&wanted[..n]);
                if wanted.len() > 2 && ord == std::cmp::Ordering::Equal {
                    return None;
                }
                return Some(match op {
                    CmpOp::Lt => ord.is_lt(),
                    CmpOp::LtE => ord.is_le(),
                    CmpOp::Gt => ord.is_gt(),
                    CmpOp::GtE => ord.is_ge(),
                    _ => return None,
                });
            }
            None
        }
        // sys.platform.startswith("linux") / startswith(("a", "b"))
        ExprKind::Call { func, args, keywords } if keywords.is_empty() && args.len() == 1 => {
            let ExprKind::Attribute { value, attr, .. } = &func.kind else { return None };
            if attr != "startswith" || !is_sys_attr(value, "platform") {
                return None;
            }
            let prefixes: Vec<&str> = match &args[0].kind {
                ExprKind::Tuple { elts, .. } => elts.iter().map(str_constant).collect::<Option<_>>()?,
                _ => vec![str_constant(&args[0])?],
            };
            Some(prefixes.iter().any(|p| target.platform.starts_with(p)))
        }
        _ => None,
    }
}

/// `sys.platform` or `sys.platform[:n]`, as the target has it.
fn platform_of(e: &Expr, target: &Target) -> Option<String> {
    if is_sys_attr(e, "platform") {
        return Some(target.platform.clone());
    }
    let ExprKind::Subscript { value, slice, .. } = &e.kind else { return None };
    if !is_sys_attr(value, "platform") {
        return None;
    }
    let ExprKind::Slice { lower: None, upper: Some(upper), step: None } = &slice.kind else { return None };
    let n = usize::try_from(int_constant(upper)?).ok()?;
    Some(target.platform.chars().take(n).collect())
}

fn is_sys_attr(e: &Expr, name: &str) -> bool {
    matches!(&e.kind, ExprKind::Attribute { value, attr, .. }
        if attr == name && matches!(&value.kind, ExprKind::Name { id, .. } if id == "sys"))
}

fn str_constant(e: &Expr) -> Option<&str> {
    match &e.kind {
        ExprKind::Constant { value: Constant::Str(s), .. } => s.as_str(),
        _ => None,
    }
}

fn int_constant(e: &Expr) -> Option<i64> {
    match &e.kind {
        ExprKind::Constant { value: Constant::Int(i), .. } => i64::try_from(i).ok(),
        _ => None,
    }
}

fn int_tuple(e: &Expr) -> Option<Vec<i64>> {
    match &e.kind {
        ExprKind::Tuple { elts, .. } if !elts.is_empty() => elts.iter().map(int_constant).collect(),
        _ => None,
    }
}

/// Does `s` end the code after it for `target`: an `if` whose condition
/// is true there and whose body raises (`if sys.platform != "win32": raise
/// ImportError(...)` at the top of a Windows-only module)?
pub fn stops_here(s: &Stmt, target: &Target) -> bool {
    match &s.kind {
        StmtKind::If { test, body, .. } => {
            evaluate(test, target) == Some(true) && body.last().is_some_and(|b| matches!(b.kind, StmtKind::Raise { .. }))
        }
        _ => false,
    }
}
