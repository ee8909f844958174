//! pyx-syntax: Python 3.11 source text → lossless tokens → rowan concrete
//! syntax tree → an owned AST that mirrors CPython's `ast` module.
//!
//! Parsing never fails and never panics: every entry point returns a tree plus
//! a list of errors. This crate must never know about salsa, files on disk,
//! the LSP, or the interpreter; it is pure functions over text.

pub mod ast;
pub mod cst;
mod build;
pub mod kind;
pub mod lexer;
pub mod line_index;
mod parser;
pub mod source;
pub mod unicode_tables;

pub use kind::{PythonLanguage, SyntaxElement, SyntaxKind, SyntaxNode, SyntaxToken};
pub use lexer::ErrorKind;
pub use rowan::{GreenNode, TextRange, TextSize};

/// A syntax error: what CPython would raise (`SyntaxError`,
/// `IndentationError` or `TabError`), its message and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub kind: ErrorKind,
    pub msg: String,
    pub range: TextRange,
    /// Whether the lexer (CPython's tokenizer) found it, rather than the
    /// grammar.
    pub from_lexer: bool,
    /// Set on "'(' was never closed": where the bracket's line ends. CPython
    /// reports the grammar's error instead when it is on the bracket's line,
    /// after the bracket (`def f(:` is "invalid syntax"), and the unclosed
    /// bracket when the grammar fails on a later line or at the end.
    pub bracket_line_end: Option<TextSize>,
}

/// Options for parsing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ParseOptions {
    /// Parse `# type:` comments where the grammar allows them, as
    /// `ast.parse(..., type_comments=True)` does (a misplaced one is then an
    /// error).
    pub type_comments: bool,
}

/// The result of parsing: a lossless green tree and the errors found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parse {
    green: GreenNode,
    errors: Vec<SyntaxError>,
}

impl Parse {
    pub fn green(&self) -> &GreenNode {
        &self.green
    }

    pub fn syntax_node(&self) -> SyntaxNode {
        SyntaxNode::new_root(self.green.clone())
    }

    /// All errors, in order of position.
    pub fn errors(&self) -> &[SyntaxError] {
        &self.errors
    }

    /// The error CPython would report for this text, if any: the first one,
    /// except that a generic "invalid syntax" gives way to an error the
    /// tokenizer finds anywhere in the file (CPython tokenizes the rest of
    /// the file before reporting a generic error).
    pub fn first_error(&self) -> Option<&SyntaxError> {
        first_error(&self.errors)
    }
}

/// The error CPython would report among `errors` (sorted by position): the
/// first one, except that a generic "invalid syntax" gives way to an error
/// the tokenizer finds anywhere in the file (CPython tokenizes the rest of
/// the file before reporting a generic error).
pub fn first_error(errors: &[SyntaxError]) -> Option<&SyntaxError> {
    // An unclosed bracket gives way to a grammar error on the bracket's
    // own line, after it.
    let grammar = errors.iter().find(|e| !e.from_lexer);
    let counts = |e: &SyntaxError| match (e.bracket_line_end, grammar) {
        (Some(eol), Some(g)) => !(g.range.start() > e.range.start() && g.range.start() < eol),
        _ => true,
    };
    let first = errors.iter().find(|e| counts(e))?;
    if !first.from_lexer && first.msg == "invalid syntax" {
        if let Some(lex) = errors.iter().find(|e| e.from_lexer && counts(e)) {
            return Some(lex);
        }
    }
    Some(first)
}

/// A parsed and lowered module: the tree, the AST, and every error found by
/// the lexer, the parser and the lowering, in order of position.
#[derive(Clone, Debug, PartialEq)]
pub struct ParsedModule {
    pub parse: Parse,
    pub module: ast::Module,
    pub errors: Vec<SyntaxError>,
}

impl ParsedModule {
    pub fn first_error(&self) -> Option<&SyntaxError> {
        first_error(&self.errors)
    }
}

/// Parse and lower source text to the CPython-shaped AST.
pub fn parse_module(text: &str, options: ParseOptions) -> ParsedModule {
    let lexed = lexer::lex(text);
    let (events, parse_errors) = parser::parse_file(text, &lexed.tokens, options.type_comments);
    let (green, flat) = build::build_both(text, &lexed.tokens, events, options.type_comments);
    let parse = Parse { green, errors: merge_errors(lexed.errors, parse_errors) };
    let lowered = ast::lower::lower_flat(&flat, options.type_comments);
    drop(flat);
    let mut errors = parse.errors.clone();
    if !lowered.errors.is_empty() {
        errors.extend(lowered.errors);
        errors.sort_by_key(|e| e.range.start());
    }
    ParsedModule { parse, module: lowered.module, errors }
}

/// The AST of a file and every error found (lexer, parser, lowering), in
/// order of position: [`parse_module`] without the lossless tree.
#[derive(Clone, Debug, PartialEq)]
pub struct ParsedAst {
    pub module: ast::Module,
    pub errors: Vec<SyntaxError>,
}

impl ParsedAst {
    pub fn first_error(&self) -> Option<&SyntaxError> {
        first_error(&self.errors)
    }
}

/// Parse and lower source text to the CPython-shaped AST, without building
/// the lossless tree (for callers that only want the AST: it is the
/// same AST and the same errors as [`parse_module`]'s, for less time and
/// memory).
pub fn parse_ast(text: &str, options: ParseOptions) -> ParsedAst {
    let lexed = lexer::lex_significant(text);
    let (events, parse_errors) = parser::parse_file(text, &lexed.tokens, options.type_comments);
    let flat = build::build_flat(text, &lexed.tokens, events, options.type_comments);
    drop(lexed.tokens);
    let mut errors = merge_errors(lexed.errors, parse_errors);
    let lowered = ast::lower::lower_flat(&flat, options.type_comments);
    drop(flat);
    if !lowered.errors.is_empty() {
        errors.extend(lowered.errors);
        errors.sort_by_key(|e| e.range.start());
    }
    ParsedAst { module: lowered.module, errors }
}

/// Parse Python source text (type comments are plain comments).
pub fn parse(text: &str) -> Parse {
    parse_with(text, ParseOptions::default())
}

pub fn parse_with(text: &str, options: ParseOptions) -> Parse {
    let lexed = lexer::lex(text);
    let (events, parse_errors) = parser::parse_file(text, &lexed.tokens, options.type_comments);
    let green = build::build_tree(text, &lexed.tokens, events, options.type_comments);
    Parse { green, errors: merge_errors(lexed.errors, parse_errors) }
}

/// The lexer's and the parser's errors, in order of position.
fn merge_errors(lexed: Vec<lexer::LexError>, parsed: Vec<parser::ParseError>) -> Vec<SyntaxError> {
    let mut errors: Vec<SyntaxError> = lexed
        .into_iter()
        .map(|e| SyntaxError {
            kind: e.kind,
            msg: e.msg,
            range: e.range,
            from_lexer: true,
            bracket_line_end: e.bracket_line_end,
        })
        .chain(parsed.into_iter().map(|e| SyntaxError {
            kind: e.kind,
            msg: e.msg,
            range: e.range,
            from_lexer: false,
            bracket_line_end: None,
        }))
        .collect();
    errors.sort_by_key(|e| e.range.start());
    errors
}

/// An indented textual dump of a tree, for tests and debugging.
pub fn debug_tree(node: &SyntaxNode) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for event in node.preorder_with_tokens() {
        match event {
            rowan::WalkEvent::Enter(el) => {
                out.push_str(&"  ".repeat(depth));
                match el {
                    rowan::NodeOrToken::Node(n) => {
                        out.push_str(&format!("{:?}@{:?}\n", n.kind(), n.text_range()));
                    }
                    rowan::NodeOrToken::Token(t) => {
                        out.push_str(&format!("{:?}@{:?} {:?}\n", t.kind(), t.text_range(), t.text()));
                    }
                }
                depth += 1;
            }
            rowan::WalkEvent::Leave(_) => depth -= 1,
        }
    }
    out
}
