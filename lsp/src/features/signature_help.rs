//! Signature help: inside the parentheses of a call, the signature of the
//! function called (a class's `__init__` without `self`), and which
//! parameter the cursor's argument goes to.

use pyx_semantics::symtable::OccKind;
use pyx_semantics::{Db, File};
use pyx_syntax::cst::CstNode;
use pyx_syntax::{SyntaxKind, TextSize};

use crate::analysis::{self, Def, Target};
use crate::features::document_symbols::collapse_whitespace;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature {
    /// `name(a: int, b=2)`.
    pub label: String,
    /// Each parameter's byte range in `label`.
    pub params: Vec<(u32, u32)>,
    pub active_param: Option<u32>,
    pub doc: Option<String>,
}

pub fn signature_help(db: &dyn Db, file: File, offset: TextSize) -> Vec<Signature> {
    let parse = pyx_semantics::queries::parse(db, file).clone();
    let root = parse.syntax_node();
    if offset > root.text_range().end() {
        return Vec::new();
    }
    let Some(mut token) = root.token_at_offset(offset).left_biased() else { return Vec::new() };
    // Whitespace and comments sit outside the nodes around them.
    while token.kind().is_trivia() || token.kind() == SyntaxKind::EOF {
        match token.prev_token() {
            Some(t) => token = t,
            None => return Vec::new(),
        }
    }
    // The innermost call whose argument list holds the cursor.
    let Some(arg_list) = token.parent_ancestors().filter(|n| n.kind() == SyntaxKind::ARG_LIST).find(|n| {
        let r = n.text_range();
        let closed = n.last_token().is_some_and(|t| t.kind() == SyntaxKind::R_PAREN);
        r.start() < offset && (offset < r.end() || !closed)
    }) else {
        return Vec::new();
    };
    let Some(call) = arg_list.parent().filter(|p| p.kind() == SyntaxKind::CALL_EXPR) else { return Vec::new() };
    let Some(callee) = pyx_syntax::cst::CallExpr::cast(call).and_then(|c| c.callee()) else { return Vec::new() };
    // Which argument: commas at the top level of the list before the cursor.
    let mut index = 0u32;
    let mut keyword: Option<String> = None;
    for child in arg_list.children_with_tokens() {
        if child.text_range().start() >= offset {
            break;
        }
        match child {
            rowan::NodeOrToken::Token(t) if t.kind() == SyntaxKind::COMMA => {
                index += 1;
                keyword = None;
            }
            rowan::NodeOrToken::Node(n) if n.kind() == SyntaxKind::KEYWORD_ARG => {
                keyword = pyx_syntax::cst::KeywordArg::cast(n).and_then(|k| k.name()).map(|t| t.text().to_string());
            }
            _ => {}
        }
    }
    let targets = crate::features::goto_definition::definitions(db, file, callee.text_range().end());
    let mut out = Vec::new();
    for t in targets {
        let Target::Def(d) = t else { continue };
        let (def, skip_first) = match d.kind {
            OccKind::Def => {
                let method = analysis::index(db, d.file).is_some_and(|i| {
                    i.table.scopes.get(d.scope.0 as usize).is_some_and(|s| s.kind == pyx_semantics::symtable::BlockKind::Class)
                });
                // Called through an instance or class attribute: `self` is bound.
                (d, method && callee.kind() == SyntaxKind::ATTRIBUTE_EXPR)
            }
            OccKind::Class => match analysis::class_members(db, &d, 0).into_iter().find(|(n, _)| n == "__init__") {
                Some((_, init)) => (init, true),
                None => continue,
            },
            _ => continue,
        };
        if let Some(sig) = signature_of(db, &def, skip_first, index, keyword.as_deref()) {
            out.push(sig);
        }
    }
    out
}

fn signature_of(db: &dyn Db, def: &Def, skip_first: bool, index: u32, keyword: Option<&str>) -> Option<Signature> {
    let parse = pyx_semantics::queries::parse(db, def.file).clone();
    let root = parse.syntax_node();
    if def.focus.start() > root.text_range().end() {
        return None;
    }
    let token = root.token_at_offset(def.focus.start()).right_biased()?;
    let func = token.parent_ancestors().find_map(pyx_syntax::cst::FunctionDef::cast)?;
    let name = func.name()?.text().to_string();
    let mut label = format!("{name}(");
    let mut params = Vec::new();
    let mut names = Vec::new();
    let mut skipped = !skip_first;
    for p in func.parameters()?.params() {
        let text = collapse_whitespace(&p.syntax().text().to_string());
        if !skipped && p.stars() == 0 && text != "/" && text != "*" {
            skipped = true;
            continue;
        }
        if !params.is_empty() {
            label.push_str(", ");
        }
        let start = label.len() as u32;
        label.push_str(&text);
        params.push((start, label.len() as u32));
        names.push((p.name().map(|n| n.text().to_string()), p.stars(), text));
    }
    label.push(')');
    if let Some(ret) = func.return_annotation() {
        label.push_str(&format!(" -> {}", collapse_whitespace(&ret.text().to_string()).trim_start_matches("->").trim()));
    }
    // The active parameter: by keyword, else by position (`/` and `*`
    // markers take no argument; `*args` takes the rest).
    let active = match keyword {
        Some(k) => names.iter().position(|(n, _, _)| n.as_deref() == Some(k)),
        None => {
            let mut positional = 0;
            let mut found = None;
            for (i, (_, stars, text)) in names.iter().enumerate() {
                if text == "/" {
                    continue;
                }
                if text == "*" || *stars == 2 {
                    break;
                }
                if *stars == 1 || positional == index {
                    found = Some(i);
                    break;
                }
                positional += 1;
            }
            found
        }
    };
    let parsed = pyx_semantics::queries::ast(db, def.file);
    let doc = analysis::stmt_containing(&parsed.module.body, def.range).and_then(|s| match &s.kind {
        pyx_syntax::ast::StmtKind::FunctionDef(f) | pyx_syntax::ast::StmtKind::AsyncFunctionDef(f) => analysis::docstring(&f.body),
        _ => None,
    });
    Some(Signature { label, params, active_param: active.map(|a| a as u32), doc })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::fixture;

    fn check(text: &str) -> String {
        let f = fixture(text);
        signature_help(&f.db, f.file, f.offset)
            .iter()
            .map(|s| {
                let active = s.active_param.and_then(|a| s.params.get(a as usize)).map(|(a, b)| &s.label[*a as usize..*b as usize]);
                format!("{} [active: {}]", s.label, active.unwrap_or("-"))
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn active_parameter() {
        insta::assert_snapshot!(check("def f(a, b: int = 2, *rest, key=None): ...\nf(1, $0"), @"f(a, b: int = 2, *rest, key=None) [active: b: int = 2]");
        insta::assert_snapshot!(check("def f(a, b: int = 2, *rest, key=None): ...\nf(1, 2, 3, 4$0)"), @"f(a, b: int = 2, *rest, key=None) [active: *rest]");
        insta::assert_snapshot!(check("def f(a, b: int = 2, *rest, key=None): ...\nf(key=$0)"), @"f(a, b: int = 2, *rest, key=None) [active: key=None]");
        insta::assert_snapshot!(check("class C:\n    def __init__(self, size: int): ...\nC($0)"), @"__init__(size: int) [active: size: int]");
        insta::assert_snapshot!(check("import os\nos.path.join('a', $0)"), @r"
            join(a: LiteralString, *paths: LiteralString) -> LiteralString [active: *paths: LiteralString]
            join(a: StrPath, *paths: StrPath) -> str [active: *paths: StrPath]
            join(a: BytesPath, *paths: BytesPath) -> bytes [active: *paths: BytesPath]
            ");
        insta::assert_snapshot!(check("def f(a): ...\nf(1)$0\n"), @"");
    }
}
