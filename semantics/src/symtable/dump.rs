//! The text form of symbol tables that `pyx symtable` prints, identical to
//! `shared/tools/symtable_dump.py` (CPython's own tables).

use super::flags::*;
use super::*;

const FLAG_NAMES: [(&str, u32); 9] = [
    ("def_global", DEF_GLOBAL),
    ("def_local", DEF_LOCAL),
    ("def_param", DEF_PARAM),
    ("def_nonlocal", DEF_NONLOCAL),
    ("use", USE),
    ("def_free", DEF_FREE),
    ("def_free_class", DEF_FREE_CLASS),
    ("def_import", DEF_IMPORT),
    ("def_annot", DEF_ANNOT),
];

pub fn dump(table: &SymbolTable) -> String {
    let mut out = String::new();
    dump_scope(table, table.root(), 0, &mut out);
    out
}

fn dump_scope(table: &SymbolTable, id: ScopeId, depth: usize, out: &mut String) {
    let s = table.scope(id);
    let pad = "  ".repeat(depth);
    let kind = match s.kind {
        BlockKind::Module => "module",
        BlockKind::Function => "function",
        BlockKind::Class => "class",
        BlockKind::Annotation => "annotation",
    };
    out.push_str(&format!(
        "{pad}{kind} {} line={}{}\n",
        s.name,
        s.lineno,
        if s.nested { " nested" } else { "" }
    ));
    let mut names: Vec<(&String, &Symbol)> = s.symbols.iter().collect();
    names.sort_by(|a, b| a.0.cmp(b.0));
    for (name, sym) in names {
        let scope = match sym.scope {
            SymbolScope::Local => "local",
            SymbolScope::GlobalExplicit => "global_explicit",
            SymbolScope::GlobalImplicit => "global_implicit",
            SymbolScope::Free => "free",
            SymbolScope::Cell => "cell",
            SymbolScope::None => "none",
        };
        out.push_str(&format!("{pad}  {name}: scope={scope}"));
        for (fname, bit) in FLAG_NAMES {
            if sym.flags & bit != 0 {
                out.push(' ');
                out.push_str(fname);
            }
        }
        out.push('\n');
    }
    for &child in &s.children {
        dump_scope(table, child, depth + 1, out);
    }
}
