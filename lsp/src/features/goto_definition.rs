//! Go to definition / declaration: where the name under the cursor is
//! bound, across files and into the standard library (typeshed's stubs).

use pyx_semantics::symtable::OccKind;
use pyx_semantics::{Db, File};
use pyx_syntax::cst::CstNode;
use pyx_syntax::{SyntaxKind, TextRange, TextSize};

use crate::analysis::{self, Target};

/// A place to show: the whole construct and the name in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NavTarget {
    pub file: File,
    pub full: TextRange,
    pub focus: TextRange,
}

impl NavTarget {
    pub fn of(db: &dyn Db, target: &Target) -> Option<NavTarget> {
        match target {
            Target::Def(d) => Some(NavTarget { file: d.file, full: d.range, focus: d.focus }),
            Target::Module { file: Some(f), .. } => {
                let _ = db;
                Some(NavTarget { file: *f, full: TextRange::default(), focus: TextRange::default() })
            }
            _ => None,
        }
    }
}

/// What the cursor is on: the name's range and what it refers to, before
/// imports are followed (`declared`) — a binding refers to itself.
#[derive(Clone, Debug)]
pub struct NameRef {
    pub range: TextRange,
    pub name: String,
    pub declared: Vec<Target>,
    /// The cursor is on a binding (a definition), not a use.
    pub is_binding: bool,
}

/// Resolve the name at `offset`: an import's module path, an attribute of
/// something evident, or a name by its scope.
pub fn name_at(db: &dyn Db, file: File, offset: TextSize) -> Option<NameRef> {
    let parse = pyx_semantics::queries::parse(db, file).clone();
    let root = parse.syntax_node();
    let token = analysis::token_at(&root, offset)?;
    if token.kind() != SyntaxKind::NAME {
        return None;
    }
    let range = token.text_range();
    let parent = token.parent()?;
    // `import a.b.c` / `from a.b import x`: the module up to this segment.
    if parent.kind() == SyntaxKind::DOTTED_NAME {
        let stmt = parent.ancestors().find(|n| matches!(n.kind(), SyntaxKind::IMPORT_STMT | SyntaxKind::IMPORT_FROM_STMT))?;
        let mut dotted = String::new();
        for t in parent.children_with_tokens().filter_map(|e| e.into_token()) {
            if t.text_range().start() > range.start() {
                break;
            }
            if matches!(t.kind(), SyntaxKind::NAME | SyntaxKind::DOT) {
                dotted.push_str(t.text());
            }
        }
        let target = if stmt.kind() == SyntaxKind::IMPORT_FROM_STMT {
            let from = pyx_syntax::cst::ImportFromStmt::cast(stmt)?;
            let level = from.level();
            // Only the module part is a DOTTED_NAME directly under it.
            let absolute = pyx_semantics::resolve::resolve_relative(db, file, level, Some(&dotted)).ok()?;
            analysis::module_target(db, &absolute)
        } else {
            analysis::module_target(db, &dotted)
        };
        return Some(NameRef { range, name: token.text().to_string(), declared: target.into_iter().collect(), is_binding: false });
    }
    // `obj.attr`: the attribute of what `obj` is.
    if parent.kind() == SyntaxKind::ATTRIBUTE_EXPR {
        let attr = pyx_syntax::cst::AttributeExpr::cast(parent.clone())?;
        if attr.name().is_some_and(|n| n.text_range() == range) {
            let value = attr.value()?;
            let index = analysis::index(db, file)?;
            let parsed = pyx_semantics::queries::ast(db, file);
            let expr = analysis::expr_with_range(&parsed.module, value.text_range())?;
            let scope = head_scope(db, file, &index, &expr).unwrap_or_else(|| analysis::scope_at(db, file, &index, offset));
            let declared = analysis::eval_expr(db, file, scope, &expr, 0)
                .iter()
                .flat_map(|v| analysis::attribute(db, v, token.text(), 0))
                .collect();
            return Some(NameRef { range, name: token.text().to_string(), declared, is_binding: false });
        }
    }
    // `f(key=...)`: the parameter `key` of what `f` is.
    if parent.kind() == SyntaxKind::KEYWORD_ARG {
        let kw = pyx_syntax::cst::KeywordArg::cast(parent.clone())?;
        if kw.name().is_some_and(|n| n.text_range() == range) {
            let call = parent.ancestors().find(|n| n.kind() == SyntaxKind::CALL_EXPR)?;
            let callee = pyx_syntax::cst::CallExpr::cast(call)?.callee()?;
            let declared = definitions(db, file, callee.text_range().end())
                .into_iter()
                .filter_map(|t| parameter_of(db, &t, token.text()))
                .map(Target::Def)
                .collect();
            return Some(NameRef { range, name: token.text().to_string(), declared, is_binding: false });
        }
    }
    let index = analysis::index(db, file)?;
    let occ = analysis::occurrence_at(db, file, &index, offset)?;
    if analysis::is_binding(occ.kind) {
        let def = analysis::make_def(db, file, &index, &occ);
        return Some(NameRef { range: def.focus, name: occ.name.to_string(), declared: vec![Target::Def(def)], is_binding: true });
    }
    let declared = match occ.kind {
        OccKind::Global | OccKind::Nonlocal | OccKind::Use | OccKind::StringAnnotationUse | OccKind::Del => {
            analysis::resolve_name(db, file, occ.scope, &occ.name)
        }
        _ => Vec::new(),
    };
    Some(NameRef { range, name: occ.name.to_string(), declared, is_binding: false })
}

/// The parameter `name` of a function (of a class's `__init__`).
fn parameter_of(db: &dyn Db, target: &Target, name: &str) -> Option<analysis::Def> {
    let Target::Def(d) = target else { return None };
    let func = match d.kind {
        OccKind::Def => d.clone(),
        OccKind::Class => analysis::class_members(db, d, 0).into_iter().find(|(n, _)| n == "__init__")?.1,
        _ => return None,
    };
    let index = analysis::index(db, func.file)?;
    let scope = analysis::function_scope(&index, &func)?;
    let occ = index.occurrences.iter().find(|o| o.scope == scope && o.kind == OccKind::Param && o.name == name)?;
    Some(analysis::make_def(db, func.file, &index, occ))
}

/// The scope of the leftmost name of an expression (from its occurrence).
fn head_scope(
    db: &dyn Db,
    file: File,
    index: &pyx_semantics::queries::SemanticIndex,
    e: &pyx_syntax::ast::Expr,
) -> Option<pyx_semantics::symtable::ScopeId> {
    let mut e = e;
    loop {
        match &e.kind {
            pyx_syntax::ast::ExprKind::Attribute { value, .. }
            | pyx_syntax::ast::ExprKind::Call { func: value, .. }
            | pyx_syntax::ast::ExprKind::Subscript { value, .. } => e = value,
            pyx_syntax::ast::ExprKind::Name { .. } => {
                return analysis::occurrence_at(db, file, index, e.range.start()).map(|o| o.scope);
            }
            _ => return None,
        }
    }
}

/// The final definitions: imports and aliases followed.
pub fn definitions(db: &dyn Db, file: File, offset: TextSize) -> Vec<Target> {
    let Some(r) = name_at(db, file, offset) else { return Vec::new() };
    let mut out: Vec<Target> = Vec::new();
    for t in r.declared {
        for f in analysis::follow(db, t, 0) {
            if !out.contains(&f) {
                out.push(f);
            }
        }
    }
    out
}

pub fn goto_definition(db: &dyn Db, file: File, offset: TextSize) -> Vec<NavTarget> {
    definitions(db, file, offset).iter().filter_map(|t| NavTarget::of(db, t)).collect()
}

/// Declarations: the bindings the name reads, imports not followed.
pub fn goto_declaration(db: &dyn Db, file: File, offset: TextSize) -> Vec<NavTarget> {
    let Some(r) = name_at(db, file, offset) else { return Vec::new() };
    r.declared.iter().filter_map(|t| NavTarget::of(db, t)).collect()
}

/// Type definition: the class of an evident instance, or the class itself.
pub fn goto_type_definition(db: &dyn Db, file: File, offset: TextSize) -> Vec<NavTarget> {
    definitions(db, file, offset)
        .into_iter()
        .filter_map(|t| match analysis::value_of(db, t, 0) {
            analysis::Value::Instance(c) | analysis::Value::Class(c) => NavTarget::of(db, &Target::Def(c)),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::fixture;

    fn check(text: &str) -> String {
        let f = fixture(text);
        let found = goto_definition(&f.db, f.file, f.offset);
        if found.is_empty() {
            return "(nothing)".into();
        }
        found.iter().map(|n| f.show_range(n.file, n.focus)).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn local_names() {
        insta::assert_snapshot!(check("x = 1\ndef f(a):\n    y = a + x\n    return y$0\n"), @"main.py:3:4: y");
        insta::assert_snapshot!(check("x = 1\ndef f(a):\n    return a$0 + x\n"), @"main.py:2:6: a");
        insta::assert_snapshot!(check("x = 1\ndef f(a):\n    return a + x$0\n"), @"main.py:1:0: x");
        insta::assert_snapshot!(check("def outer():\n    v = 1\n    def inner():\n        return v$0\n"), @"main.py:2:4: v");
        insta::assert_snapshot!(check("class C:\n    def m(self): ...\nC$0().m()\n"), @"main.py:1:6: C");
        insta::assert_snapshot!(check("def f(a, *, key=1): ...\nf(1, ke$0y=2)\n"), @"main.py:1:12: key");
        insta::assert_snapshot!(check("class C:\n    def __init__(self, size): ...\nC(si$0ze=2)\n"), @"main.py:2:23: size");
    }

    #[test]
    fn attributes_of_evident_instances() {
        insta::assert_snapshot!(check("class C:\n    def __init__(self):\n        self.v = 1\n    def m(self):\n        return self.v$0\n"), @"main.py:3:13: v");
        insta::assert_snapshot!(check("class C:\n    def m(self): ...\nc = C()\nc.m$0()\n"), @"main.py:2:8: m");
        insta::assert_snapshot!(check("class B:\n    def base(self): ...\nclass C(B): ...\ndef f(c: C):\n    c.base$0()\n"), @"main.py:2:8: base");
    }

    #[test]
    fn across_files() {
        insta::assert_snapshot!(check("//- main.py\nimport helper\nhelper.gre$0et()\n//- helper.py\ndef greet(): ...\n"), @"helper.py:1:4: greet");
        insta::assert_snapshot!(check("//- main.py\nfrom pkg.mod import thing\nthi$0ng\n//- pkg/__init__.py\n//- pkg/mod.py\nthing = 3\n"), @"pkg/mod.py:1:0: thing");
        insta::assert_snapshot!(check("//- main.py\nimport pkg.m$0od\n//- pkg/__init__.py\n//- pkg/mod.py\nthing = 3\n"), @"pkg/mod.py:1:0: ");
        insta::assert_snapshot!(check("//- pkg/a.py\nfrom .b import f$0\n//- pkg/__init__.py\n//- pkg/b.py\ndef f(): ...\n"), @"pkg/b.py:1:4: f");
    }

    #[test]
    fn into_the_standard_library() {
        insta::assert_snapshot!(check("import os\nos.path.jo$0in('a', 'b')\n"), @r"
        <typeshed>/posixpath.pyi:152:4: join
        <typeshed>/posixpath.pyi:154:4: join
        <typeshed>/posixpath.pyi:156:4: join
        ");
        insta::assert_snapshot!(check("import os.pa$0th\n"), @"<typeshed>/os/path.pyi:1:0: ");
        insta::assert_snapshot!(check("le$0n([])\n"), @"<typeshed>/builtins.pyi:1881:4: len");
    }
}
