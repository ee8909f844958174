//! Inlay hints where a type is evident without inference: a variable
//! assigned a call of a class (`c = Counter()` shows `c: Counter`), and a
//! name bound by `with C() as x`.

use pyx_semantics::{Db, File};
use pyx_syntax::ast::{Expr, ExprKind, StmtKind};
use pyx_syntax::{TextRange, TextSize};

use crate::analysis::{self, Value};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlayHint {
    /// Where the hint goes (after the name).
    pub offset: TextSize,
    /// `: Counter`.
    pub label: String,
}

pub fn inlay_hints(db: &dyn Db, file: File, range: TextRange) -> Vec<InlayHint> {
    let Some(index) = analysis::index(db, file) else { return Vec::new() };
    let parsed = pyx_semantics::queries::ast(db, file);
    let mut out = Vec::new();
    let mut consider = |target: &Expr, value: &Expr| {
        let ExprKind::Name { id, .. } = &target.kind else { return };
        if !matches!(value.kind, ExprKind::Call { .. }) || range.intersect(target.range).is_none() {
            return;
        }
        let Some(occ) = analysis::occurrence_at(db, file, &index, target.range.start()) else { return };
        let values = analysis::eval_expr(db, file, occ.scope, value, 0);
        if let Some(Value::Instance(class)) = values.first() {
            // Obvious from the text already: `x = C()` where the call's
            // callee is written as the class's own name is still worth
            // showing for `x = mod.C()`; only skip names shadowing the class.
            if &class.name != id {
                out.push(InlayHint { offset: target.range.end(), label: format!(": {}", class.name) });
            }
        }
    };
    analysis::walk_all_stmts(&parsed.module.body, &mut |s| match &s.kind {
        StmtKind::Assign { targets, value, .. } if targets.len() == 1 => consider(&targets[0], value),
        StmtKind::With { items, .. } | StmtKind::AsyncWith { items, .. } => {
            for item in items {
                if let Some(v) = &item.optional_vars {
                    consider(v, &item.context_expr);
                }
            }
        }
        _ => {}
    });
    out.sort_by_key(|h| h.offset);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::fixture;

    #[test]
    fn evident_instances() {
        let f = fixture(
            "//- main.py\nimport helper\nclass Local: ...\na = Local()\nb = helper.Counter()\nc = len([])\nd: Local = Local()\nwith Local() as e: pass\ndef f():\n    g = helper.Counter()\n//- helper.py\nclass Counter: ...\n",
        );
        let text = f.text();
        let out: Vec<String> = inlay_hints(&f.db, f.file, TextRange::up_to(TextSize::from(text.len() as u32)))
            .iter()
            .map(|h| format!("{}{}", &text[..usize::from(h.offset)].rsplit('\n').next().unwrap_or(""), h.label))
            .collect();
        insta::assert_snapshot!(out.join("\n"), @r"
            a: Local
            b: Counter
            with Local() as e: Local
                g: Counter
            ");
    }
}
