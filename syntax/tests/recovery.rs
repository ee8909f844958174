//! Error recovery that editors can use: a syntax error in one place leaves
//! the rest of the file in the tree and in the AST.

use pyx_syntax::ast::{ExprKind, StmtKind};
use pyx_syntax::cst::{self, CstNode};
use pyx_syntax::{parse_module, ParseOptions, SyntaxKind};

/// The names of the top-level `def`s and `class`es, from the CST.
fn cst_defs(text: &str) -> Vec<String> {
    let parsed = parse_module(text, ParseOptions::default());
    let root = cst::SourceFile::cast(parsed.parse.syntax_node()).expect("root is a file");
    root.statements()
        .into_iter()
        .filter_map(|s| {
            cst::FunctionDef::cast(s.clone())
                .and_then(|f| f.name())
                .or_else(|| cst::ClassDef::cast(s).and_then(|c| c.name()))
                .map(|t| t.text().to_string())
        })
        .collect()
}

/// The names of the top-level `def`s and `class`es, from the AST.
fn ast_defs(text: &str) -> Vec<String> {
    let parsed = parse_module(text, ParseOptions::default());
    parsed
        .module
        .body
        .iter()
        .filter_map(|s| match &s.kind {
            StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => Some(f.name.to_string()),
            StmtKind::ClassDef { name, .. } => Some(name.to_string()),
            _ => None,
        })
        .collect()
}

const BROKEN_BODIES: &[(&str, &str)] = &[
    ("missing colon", "    if x\n        return 1\n"),
    ("unclosed paren", "    x = (1 +\n"),
    ("unclosed call", "    print(a, b\n"),
    ("unclosed list", "    y = [1, 2\n"),
    ("dangling operator", "    return a +\n"),
    ("incomplete attribute", "    return foo.\n"),
    ("bad target", "    f() = 1\n"),
    ("stray keyword", "    x = def\n"),
    ("unterminated string", "    s = 'abc\n"),
    ("double comma", "    s = f(1,, 2)\n"),
    ("missing indented block", "    for x in y:\n    z = 1\n"),
    ("bad f-string", "    s = f'{x!z}'\n"),
    ("unexpected indent", "    a = 1\n        b = 2\n"),
    ("unindent mismatch", "        a = 1\n      b = 2\n"),
    ("lambda without body", "    g = lambda x:\n"),
    ("half a match", "    match x:\n        case [1,\n"),
];

fn file_with_broken(body: &str) -> String {
    format!(
        "import os\n\n\ndef first(a, b=1):\n    return a + b\n\n\ndef broken():\n{body}\n\nclass Middle(Base):\n    def method(self):\n        return self\n\n\nasync def last(*args, **kw):\n    await other()\n"
    )
}

#[test]
fn an_error_in_one_function_keeps_the_others() {
    let want = ["first", "broken", "Middle", "last"];
    let mut failures = Vec::new();
    for (what, body) in BROKEN_BODIES {
        let text = file_with_broken(body);
        let parsed = parse_module(&text, ParseOptions::default());
        assert!(!parsed.errors.is_empty(), "{what}: the snippet should be an error");
        let c = cst_defs(&text);
        let a = ast_defs(&text);
        if c != want || a != want {
            failures.push(format!("{what}: CST has {c:?}, AST has {a:?}"));
        }
        // The class's method survives too.
        let class = parsed.module.body.iter().find_map(|s| match &s.kind {
            StmtKind::ClassDef { name, body, .. } if name == "Middle" => Some(body),
            _ => None,
        });
        if !class.is_some_and(|b| matches!(&b[0].kind, StmtKind::FunctionDef(f) if f.name == "method")) {
            failures.push(format!("{what}: the class lost its method"));
        }
    }
    assert!(failures.is_empty(), "recovery failures:\n{}", failures.join("\n"));
}

#[test]
fn incomplete_attribute_is_still_an_attribute() {
    let text = "result = foo.\n";
    let parsed = parse_module(text, ParseOptions::default());
    assert!(!parsed.errors.is_empty());
    let root = parsed.parse.syntax_node();
    let attr = root
        .descendants()
        .find_map(cst::AttributeExpr::cast)
        .expect("an ATTRIBUTE_EXPR node");
    assert_eq!(attr.value().map(|v| v.kind()), Some(SyntaxKind::NAME_EXPR));
    assert_eq!(attr.value().map(|v| v.text().to_string()).as_deref(), Some("foo"));
    assert!(attr.dot().is_some());
    assert!(attr.name().is_none(), "the name is missing");
    // In the AST: an Attribute of `foo` with an empty name.
    let StmtKind::Assign { value, .. } = &parsed.module.body[0].kind else {
        panic!("an assignment")
    };
    let ExprKind::Attribute { value: inner, attr, .. } = &value.kind else {
        panic!("an attribute, got {:?}", value.kind)
    };
    assert!(matches!(&inner.kind, ExprKind::Name { id, .. } if id == "foo"));
    assert_eq!(attr, "");
}

#[test]
fn incomplete_call_keeps_its_arguments() {
    let text = "x = f(a, b=\ny = 2\n";
    let parsed = parse_module(text, ParseOptions::default());
    assert!(!parsed.errors.is_empty());
    let call = parsed
        .parse
        .syntax_node()
        .descendants()
        .find_map(cst::CallExpr::cast)
        .expect("a call");
    assert_eq!(call.callee().map(|c| c.text().to_string()).as_deref(), Some("f"));
    let args: Vec<SyntaxKind> = call.arg_list().expect("arg list").args().map(|a| a.kind()).collect();
    assert_eq!(args, vec![SyntaxKind::NAME_EXPR, SyntaxKind::KEYWORD_ARG]);
}

#[test]
fn fstring_fields_are_expression_nodes() {
    let text = "s = f'{user.name!r:>{width}} and {a + b}'\n";
    let parsed = parse_module(text, ParseOptions::default());
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let root = parsed.parse.syntax_node();
    let fs = root.descendants().find_map(cst::FString::cast).expect("an f-string");
    let fields: Vec<_> = fs.fields().collect();
    assert_eq!(fields.len(), 2);
    assert_eq!(fields[0].expr().map(|e| e.kind()), Some(SyntaxKind::ATTRIBUTE_EXPR));
    assert_eq!(fields[0].conversion().map(|t| t.text().to_string()).as_deref(), Some("r"));
    assert_eq!(fields[1].expr().map(|e| e.kind()), Some(SyntaxKind::BIN_EXPR));
    // The nested field inside the format spec is a real name expression too.
    let names: Vec<String> = root
        .descendants()
        .filter_map(cst::NameExpr::cast)
        .filter_map(|n| n.name().map(|t| t.text().to_string()))
        .collect();
    assert_eq!(names, vec!["s", "user", "width", "a", "b"]);
}

#[test]
fn cst_views_expose_definitions() {
    let text = "@dec(1)\nasync def f(a: int, /, *args, key=None, **kw) -> str:\n    pass\nfrom ..pkg.mod import (x as y, z)\n";
    let parsed = parse_module(text, ParseOptions::default());
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let root = cst::SourceFile::cast(parsed.parse.syntax_node()).expect("file");
    let stmts = root.statements();
    let f = cst::FunctionDef::cast(stmts[0].clone()).expect("a def");
    assert!(f.is_async());
    assert_eq!(f.name().map(|t| t.text().to_string()).as_deref(), Some("f"));
    assert_eq!(f.decorators().count(), 1);
    let params: Vec<(String, u8, bool, bool)> = f
        .parameters()
        .expect("params")
        .params()
        .map(|p| {
            (
                p.name().map(|t| t.text().to_string()).unwrap_or_default(),
                p.stars(),
                p.annotation().is_some(),
                p.default().is_some(),
            )
        })
        .collect();
    assert_eq!(
        params,
        vec![
            ("a".into(), 0, true, false),
            ("args".into(), 1, false, false),
            ("key".into(), 0, false, true),
            ("kw".into(), 2, false, false)
        ]
    );
    assert_eq!(f.return_annotation().map(|r| r.text().to_string()).as_deref(), Some("str"));
    let imp = cst::ImportFromStmt::cast(stmts[1].clone()).expect("from import");
    assert_eq!(imp.level(), 2);
    let module: Vec<String> = imp.module().expect("module").segments().map(|t| t.text().to_string()).collect();
    assert_eq!(module, vec!["pkg", "mod"]);
    let names: Vec<(String, Option<String>)> = imp
        .aliases()
        .map(|a| (a.name().map(|t| t.text().to_string()).unwrap_or_default(), a.asname().map(|t| t.text().to_string())))
        .collect();
    assert_eq!(names, vec![("x".into(), Some("y".into())), ("z".into(), None)]);
}
