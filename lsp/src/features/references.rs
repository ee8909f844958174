//! References and document highlight: every mention of the binding under
//! the cursor — by CPython's scoping rules, so a local `x` in one function
//! is not the global `x` — for module-level names their imports and uses
//! in the other files of the workspace, and attribute accesses (`m.f`,
//! `obj.method`) that resolve to it.

use std::path::PathBuf;

use pyx_semantics::symtable::{OccKind, ScopeId};
use pyx_semantics::{Db, File};
use pyx_syntax::{TextRange, TextSize};

use crate::analysis::{self, Def, Target};
use crate::features::goto_definition;

/// What a set of references is about: a name bound in a scope of a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    pub file: File,
    pub scope: ScopeId,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    pub file: File,
    pub range: TextRange,
    /// A binding (written), not a read.
    pub write: bool,
}

/// The symbol at the cursor, imports followed while they lead to the
/// workspace (renaming `greet` where it is imported renames the function).
pub fn symbol_at(db: &dyn Db, file: File, offset: TextSize) -> Option<(Symbol, Def)> {
    let r = goto_definition::name_at(db, file, offset)?;
    let Target::Def(declared) = r.declared.first()?.clone() else { return None };
    let mut def = declared;
    if def.kind == OccKind::Import {
        if let Some(Target::Def(d)) = analysis::follow(db, Target::Def(def.clone()), 0).first() {
            if is_workspace_file(db, d.file) {
                def = d.clone();
            }
        }
    }
    Some((Symbol { file: def.file, scope: def.scope, name: def.name.clone() }, def))
}

/// Files under the project's roots and not under a library directory.
pub fn is_workspace_file(db: &dyn Db, file: File) -> bool {
    let settings = db.project().settings(db);
    let path = file.path(db);
    let library = settings
        .typeshed_stdlib
        .iter()
        .chain(settings.stdlib.iter())
        .chain(settings.site_packages.iter())
        .any(|l| path.starts_with(l));
    !library && (settings.roots.is_empty() || settings.roots.iter().any(|r| path.starts_with(r)))
}

/// The Python files of the workspace (the first root, walked; hidden
/// directories, virtual environments and caches skipped), at most a few
/// thousand.
pub fn workspace_files(db: &dyn Db) -> Vec<PathBuf> {
    let settings = db.project().settings(db);
    let mut out = Vec::new();
    let mut stack: Vec<PathBuf> = settings.roots.first().cloned().into_iter().collect();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = db.system().read_dir(&dir) else { continue };
        for p in entries {
            let Some(name) = p.file_name().and_then(|n| n.to_str()) else { continue };
            if name.starts_with('.') || matches!(name, "__pycache__" | "node_modules" | "venv" | "site-packages" | "target") {
                continue;
            }
            if db.system().is_dir(&p) {
                stack.push(p);
            } else if name.ends_with(".py") || name.ends_with(".pyi") {
                out.push(p);
                if out.len() >= 5000 {
                    return out;
                }
            }
        }
    }
    out.sort();
    out
}

/// Mentions of `symbol` in its own file.
fn in_file(db: &dyn Db, symbol: &Symbol) -> Vec<Reference> {
    let Some(index) = analysis::index(db, symbol.file) else { return Vec::new() };
    let parents = analysis::parents(&index.table);
    let mut out = Vec::new();
    for o in &index.occurrences {
        if o.name != symbol.name || o.kind == OccKind::Implicit {
            continue;
        }
        if analysis::binding_scope(&index.table, &parents, o.scope, &o.name) != symbol.scope {
            continue;
        }
        let def = analysis::make_def(db, symbol.file, &index, o);
        out.push(Reference { file: symbol.file, range: def.focus, write: analysis::is_binding(o.kind) });
    }
    out
}

pub fn references(db: &dyn Db, file: File, offset: TextSize, include_declaration: bool) -> Vec<Reference> {
    let Some((symbol, _)) = symbol_at(db, file, offset) else { return Vec::new() };
    let mut out = in_file(db, &symbol);
    let mut files: Vec<File> = workspace_files(db).iter().map(|p| db.file(p)).collect();
    if !files.contains(&symbol.file) {
        files.push(symbol.file);
    }
    for other in files {
        db.unwind_if_revision_cancelled();
        if symbol.scope == ScopeId(0) && other != symbol.file {
            out.extend(imported_in(db, other, &symbol));
        }
        out.extend(attribute_uses(db, other, &symbol));
    }
    if !include_declaration {
        out.retain(|r| !(r.write && r.file == symbol.file));
    }
    out.sort_by_key(|r| (r.file.path(db).clone(), r.range.start()));
    out.dedup();
    out
}

/// Where `other` imports the module-level `symbol` (`from m import name`)
/// and uses it.
fn imported_in(db: &dyn Db, other: File, symbol: &Symbol) -> Vec<Reference> {
    let mut out = Vec::new();
    // Cheap filter: the name must appear in the text.
    if !analysis::text(db, other).contains(symbol.name.as_str()) {
        return out;
    }
    let Some(index) = analysis::index(db, other) else { return out };
    for o in index.occurrences.iter().filter(|o| o.scope == ScopeId(0) && matches!(o.kind, OccKind::Import | OccKind::ImportAs)) {
        let def = analysis::make_def(db, other, &index, o);
        let leads_here = analysis::follow(db, Target::Def(def.clone()), 0)
            .iter()
            .any(|t| matches!(t, Target::Def(d) if d.file == symbol.file && d.scope == symbol.scope && d.name == symbol.name));
        if !leads_here {
            continue;
        }
        if o.kind == OccKind::Import && o.name == symbol.name {
            out.extend(in_file(db, &Symbol { file: other, scope: ScopeId(0), name: o.name.to_string() }));
        } else {
            // `from m import name as alias`: only the imported name.
            let text = analysis::text(db, other);
            let start = usize::from(o.range.start());
            if let Some(i) = text.get(start..usize::from(o.range.end())).and_then(|t| t.find(symbol.name.as_str())) {
                out.push(Reference {
                    file: other,
                    range: TextRange::at(TextSize::from((start + i) as u32), TextSize::from(symbol.name.len() as u32)),
                    write: false,
                });
            }
        }
    }
    out
}

/// `x.name` in `file` where `x.name` resolves to `symbol` (a module's
/// function through `import m; m.f()`, a method through an evident
/// instance, a class attribute), and keyword arguments naming a parameter.
fn attribute_uses(db: &dyn Db, file: File, symbol: &Symbol) -> Vec<Reference> {
    let mut out = Vec::new();
    let text = analysis::text(db, file);
    if !text.contains(symbol.name.as_str()) {
        return out;
    }
    let parse = pyx_semantics::queries::parse(db, file).clone();
    use pyx_syntax::cst::CstNode;
    for node in parse.syntax_node().descendants() {
        let name = match node.kind() {
            pyx_syntax::SyntaxKind::ATTRIBUTE_EXPR => pyx_syntax::cst::AttributeExpr::cast(node).and_then(|a| a.name()),
            // `f(key=...)` names the parameter `key`.
            pyx_syntax::SyntaxKind::KEYWORD_ARG => pyx_syntax::cst::KeywordArg::cast(node).and_then(|k| k.name()),
            _ => None,
        };
        let Some(name) = name else { continue };
        if name.text() != symbol.name {
            continue;
        }
        let Some(r) = goto_definition::name_at(db, file, name.text_range().start()) else { continue };
        let hit = r.declared.iter().any(|t| {
            matches!(t, Target::Def(d) if d.file == symbol.file && d.scope == symbol.scope && d.name == symbol.name)
        });
        if hit {
            out.push(Reference { file, range: name.text_range(), write: false });
        }
    }
    out
}

/// Document highlight: the references in the cursor's file.
pub fn document_highlight(db: &dyn Db, file: File, offset: TextSize) -> Vec<Reference> {
    let Some((symbol, _)) = symbol_at(db, file, offset) else { return Vec::new() };
    let mut out = if symbol.file == file { in_file(db, &symbol) } else { imported_in(db, file, &symbol) };
    out.extend(attribute_uses(db, file, &symbol));
    out.sort_by_key(|r| r.range.start());
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::fixture;

    fn check(text: &str) -> String {
        let f = fixture(text);
        references(&f.db, f.file, f.offset, true)
            .iter()
            .map(|r| format!("{}{}", f.show_range(r.file, r.range), if r.write { " (write)" } else { "" }))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn scoping_decides() {
        insta::assert_snapshot!(check("x = 1\ndef f():\n    x = 2\n    return x\ndef g():\n    global x\n    x += 1\nprint(x$0)\n"), @r"
            main.py:1:0: x (write)
            main.py:6:11: x
            main.py:7:4: x (write)
            main.py:8:6: x
            ");
        insta::assert_snapshot!(check("def outer():\n    v$0 = 1\n    def inner():\n        nonlocal v\n        v = 2\n    return [v for _ in ()]\n"), @r"
            main.py:2:4: v (write)
            main.py:4:17: v
            main.py:5:8: v (write)
            main.py:6:12: v
            ");
    }

    #[test]
    fn attributes() {
        insta::assert_snapshot!(check("//- main.py\nimport helper\nhelper.greet()\nc = helper.Counter()\nc.inc()\n//- helper.py\ndef greet(): ...\nclass Counter:\n    def in$0c(self): ...\n    def twice(self):\n        self.inc()\n"), @r"
            helper.py:3:8: inc (write)
            helper.py:5:13: inc
            main.py:4:2: inc
            ");
        insta::assert_snapshot!(check("//- main.py\nimport helper\nhelper.gre$0et()\n//- helper.py\ndef greet(): ...\n"), @r"
            helper.py:1:4: greet (write)
            main.py:2:7: greet
            ");
    }

    #[test]
    fn keyword_arguments() {
        insta::assert_snapshot!(check("def f(a, *, ke$0y=1):\n    return key\nf(1, key=2)\nf(0)\n"), @r"
            main.py:1:12: key (write)
            main.py:2:11: key
            main.py:3:5: key
            ");
    }

    #[test]
    fn across_files() {
        insta::assert_snapshot!(check("//- main.py\nfrom helper import greet\ngreet()\n//- helper.py\ndef gre$0et(): ...\ngreet()\n//- other.py\nfrom helper import greet as hello\nhello()\n"), @r"
            helper.py:1:4: greet (write)
            helper.py:2:0: greet
            main.py:1:19: greet (write)
            main.py:2:0: greet
            other.py:1:19: greet
            ");
    }
}
