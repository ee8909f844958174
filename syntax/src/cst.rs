//! Typed views over the concrete syntax tree, for editor features that need
//! exact text and trivia (hover ranges, rename edits, formatting).
//!
//! Each view wraps a rowan node of one kind; every accessor returns an
//! `Option`, because after a syntax error any part may be missing.

use crate::kind::SyntaxKind::{self, *};
use crate::{SyntaxNode, SyntaxToken};

/// A typed view of a node kind.
pub trait CstNode: Sized {
    fn can_cast(kind: SyntaxKind) -> bool;
    fn cast(node: SyntaxNode) -> Option<Self>;
    fn syntax(&self) -> &SyntaxNode;
}

macro_rules! cst_node {
    ($(#[$doc:meta])* $name:ident, $kind:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub struct $name(SyntaxNode);

        impl CstNode for $name {
            fn can_cast(kind: SyntaxKind) -> bool {
                kind == $kind
            }
            fn cast(node: SyntaxNode) -> Option<Self> {
                (node.kind() == $kind).then(|| $name(node))
            }
            fn syntax(&self) -> &SyntaxNode {
                &self.0
            }
        }
    };
}

fn token(node: &SyntaxNode, kind: SyntaxKind) -> Option<SyntaxToken> {
    node.children_with_tokens()
        .filter_map(|e| e.into_token())
        .find(|t| t.kind() == kind)
}

fn child<N: CstNode>(node: &SyntaxNode) -> Option<N> {
    node.children().find_map(N::cast)
}

fn children<N: CstNode>(node: &SyntaxNode) -> impl Iterator<Item = N> {
    node.children().filter_map(N::cast)
}

/// Is this node kind an expression?
pub fn is_expr(kind: SyntaxKind) -> bool {
    crate::ast::lower::is_expr_kind(kind)
}

fn exprs(node: &SyntaxNode) -> impl Iterator<Item = SyntaxNode> {
    node.children().filter(|n| is_expr(n.kind()))
}

cst_node!(
    /// A whole file.
    SourceFile, SOURCE_FILE
);
cst_node!(
    /// The body of a compound statement.
    Block, BLOCK
);
cst_node!(FunctionDef, FUNCTION_DEF);
cst_node!(ClassDef, CLASS_DEF);
cst_node!(Decorator, DECORATOR);
cst_node!(Parameters, PARAMETERS);
cst_node!(Param, PARAM);
cst_node!(ReturnAnnotation, RETURN_ANNOTATION);
cst_node!(ImportStmt, IMPORT_STMT);
cst_node!(ImportFromStmt, IMPORT_FROM_STMT);
cst_node!(ImportAlias, IMPORT_ALIAS);
cst_node!(DottedName, DOTTED_NAME);
cst_node!(AssignStmt, ASSIGN_STMT);
cst_node!(NameExpr, NAME_EXPR);
cst_node!(AttributeExpr, ATTRIBUTE_EXPR);
cst_node!(CallExpr, CALL_EXPR);
cst_node!(ArgList, ARG_LIST);
cst_node!(KeywordArg, KEYWORD_ARG);
cst_node!(SubscriptExpr, SUBSCRIPT_EXPR);
cst_node!(StringExpr, STRING_EXPR);
cst_node!(FString, FSTRING);
cst_node!(FStringField, FSTRING_FIELD);
cst_node!(LambdaExpr, LAMBDA_EXPR);

/// Whether a node is a statement.
pub fn is_stmt(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        EXPR_STMT
            | ASSIGN_STMT
            | AUG_ASSIGN_STMT
            | ANN_ASSIGN_STMT
            | RETURN_STMT
            | DELETE_STMT
            | PASS_STMT
            | BREAK_STMT
            | CONTINUE_STMT
            | RAISE_STMT
            | GLOBAL_STMT
            | NONLOCAL_STMT
            | ASSERT_STMT
            | IMPORT_STMT
            | IMPORT_FROM_STMT
            | IF_STMT
            | WHILE_STMT
            | FOR_STMT
            | TRY_STMT
            | WITH_STMT
            | FUNCTION_DEF
            | CLASS_DEF
            | MATCH_STMT
    )
}

/// The statements directly inside a file or block (including those the
/// parser kept inside error nodes, such as over-indented lines).
fn statements(node: &SyntaxNode) -> Vec<SyntaxNode> {
    let mut out = Vec::new();
    for c in node.children() {
        if c.kind() == ERROR {
            out.extend(statements(&c));
        } else if is_stmt(c.kind()) {
            out.push(c);
        }
    }
    out
}

impl SourceFile {
    pub fn statements(&self) -> Vec<SyntaxNode> {
        statements(&self.0)
    }
}

impl Block {
    pub fn statements(&self) -> Vec<SyntaxNode> {
        statements(&self.0)
    }
}

impl FunctionDef {
    pub fn is_async(&self) -> bool {
        token(&self.0, ASYNC_KW).is_some()
    }
    pub fn def_token(&self) -> Option<SyntaxToken> {
        token(&self.0, DEF_KW)
    }
    pub fn name(&self) -> Option<SyntaxToken> {
        token(&self.0, NAME)
    }
    pub fn decorators(&self) -> impl Iterator<Item = Decorator> {
        children(&self.0)
    }
    pub fn parameters(&self) -> Option<Parameters> {
        child(&self.0)
    }
    pub fn return_annotation(&self) -> Option<SyntaxNode> {
        child::<ReturnAnnotation>(&self.0).and_then(|r| exprs(r.syntax()).next())
    }
    pub fn body(&self) -> Option<Block> {
        child(&self.0)
    }
}

impl ClassDef {
    pub fn name(&self) -> Option<SyntaxToken> {
        token(&self.0, NAME)
    }
    pub fn decorators(&self) -> impl Iterator<Item = Decorator> {
        children(&self.0)
    }
    pub fn arg_list(&self) -> Option<ArgList> {
        child(&self.0)
    }
    pub fn body(&self) -> Option<Block> {
        child(&self.0)
    }
}

impl Decorator {
    pub fn expr(&self) -> Option<SyntaxNode> {
        exprs(&self.0).next()
    }
}

impl Parameters {
    pub fn params(&self) -> impl Iterator<Item = Param> {
        children(&self.0)
    }
}

impl Param {
    /// 0 for a plain parameter, 1 for `*args`, 2 for `**kwargs`.
    pub fn stars(&self) -> u8 {
        if token(&self.0, DSTAR).is_some() {
            2
        } else if token(&self.0, STAR).is_some() {
            1
        } else {
            0
        }
    }
    pub fn name(&self) -> Option<SyntaxToken> {
        token(&self.0, NAME)
    }
    fn after(&self, kind: SyntaxKind) -> Option<SyntaxNode> {
        let mut seen = false;
        for el in self.0.children_with_tokens() {
            match el {
                rowan::NodeOrToken::Token(t) if t.kind() == kind => seen = true,
                rowan::NodeOrToken::Token(t) if matches!(t.kind(), COLON | EQ) => seen = false,
                rowan::NodeOrToken::Node(n) if seen && is_expr(n.kind()) => return Some(n),
                _ => {}
            }
        }
        None
    }
    pub fn annotation(&self) -> Option<SyntaxNode> {
        self.after(COLON)
    }
    pub fn default(&self) -> Option<SyntaxNode> {
        self.after(EQ)
    }
}

impl ImportStmt {
    pub fn aliases(&self) -> impl Iterator<Item = ImportAlias> {
        children(&self.0)
    }
}

impl ImportFromStmt {
    /// The number of leading dots.
    pub fn level(&self) -> u32 {
        self.0
            .children_with_tokens()
            .filter_map(|e| e.into_token())
            .map(|t| match t.kind() {
                DOT => 1,
                ELLIPSIS => 3,
                _ => 0,
            })
            .sum()
    }
    pub fn module(&self) -> Option<DottedName> {
        child(&self.0)
    }
    pub fn aliases(&self) -> impl Iterator<Item = ImportAlias> {
        children(&self.0)
    }
    pub fn is_star(&self) -> bool {
        token(&self.0, STAR).is_some()
    }
}

impl ImportAlias {
    pub fn dotted_name(&self) -> Option<DottedName> {
        child(&self.0)
    }
    /// The imported name for `from m import name`.
    pub fn name(&self) -> Option<SyntaxToken> {
        if self.dotted_name().is_some() {
            return None;
        }
        token(&self.0, NAME)
    }
    pub fn asname(&self) -> Option<SyntaxToken> {
        let mut seen_as = false;
        for t in self.0.children_with_tokens().filter_map(|e| e.into_token()) {
            match t.kind() {
                AS_KW => seen_as = true,
                NAME if seen_as => return Some(t),
                _ => {}
            }
        }
        None
    }
}

impl DottedName {
    pub fn segments(&self) -> impl Iterator<Item = SyntaxToken> {
        self.0
            .children_with_tokens()
            .filter_map(|e| e.into_token())
            .filter(|t| t.kind() == NAME)
    }
}

impl AssignStmt {
    /// The targets, left to right (all expressions but the last).
    pub fn targets(&self) -> Vec<SyntaxNode> {
        let mut all: Vec<SyntaxNode> = exprs(&self.0).collect();
        all.pop();
        all
    }
    pub fn value(&self) -> Option<SyntaxNode> {
        exprs(&self.0).last()
    }
}

impl NameExpr {
    pub fn name(&self) -> Option<SyntaxToken> {
        self.0.first_token().filter(|t| t.kind() == NAME)
    }
}

impl AttributeExpr {
    pub fn value(&self) -> Option<SyntaxNode> {
        exprs(&self.0).next()
    }
    pub fn dot(&self) -> Option<SyntaxToken> {
        token(&self.0, DOT)
    }
    /// The attribute name; `None` for an incomplete `value.`.
    pub fn name(&self) -> Option<SyntaxToken> {
        token(&self.0, NAME)
    }
}

impl CallExpr {
    pub fn callee(&self) -> Option<SyntaxNode> {
        exprs(&self.0).next()
    }
    pub fn arg_list(&self) -> Option<ArgList> {
        child(&self.0)
    }
}

impl ArgList {
    /// Arguments in order: expressions, starred expressions, keyword
    /// arguments and `**` arguments.
    pub fn args(&self) -> impl Iterator<Item = SyntaxNode> {
        self.0.children().filter(|n| n.kind() != ERROR)
    }
    pub fn l_paren(&self) -> Option<SyntaxToken> {
        token(&self.0, L_PAREN)
    }
    pub fn r_paren(&self) -> Option<SyntaxToken> {
        token(&self.0, R_PAREN)
    }
}

impl KeywordArg {
    pub fn name(&self) -> Option<SyntaxToken> {
        token(&self.0, NAME)
    }
    pub fn value(&self) -> Option<SyntaxNode> {
        exprs(&self.0).next()
    }
}

impl SubscriptExpr {
    pub fn value(&self) -> Option<SyntaxNode> {
        exprs(&self.0).next()
    }
    pub fn index(&self) -> Option<SyntaxNode> {
        exprs(&self.0).nth(1)
    }
}

impl StringExpr {
    /// The literals of an implicit concatenation: STRING tokens and FSTRING
    /// nodes, in order.
    pub fn parts(&self) -> impl Iterator<Item = crate::SyntaxElement> {
        self.0
            .children_with_tokens()
            .filter(|e| matches!(e.kind(), STRING | FSTRING))
    }
}

impl FString {
    pub fn fields(&self) -> impl Iterator<Item = FStringField> {
        children(&self.0)
    }
}

impl FStringField {
    /// The replacement field's expression: a real expression node.
    pub fn expr(&self) -> Option<SyntaxNode> {
        exprs(&self.0).next()
    }
    pub fn conversion(&self) -> Option<SyntaxToken> {
        let mut bang = false;
        for t in self.0.children_with_tokens().filter_map(|e| e.into_token()) {
            match t.kind() {
                BANG => bang = true,
                NAME if bang => return Some(t),
                _ => {}
            }
        }
        None
    }
}

impl LambdaExpr {
    pub fn parameters(&self) -> Option<Parameters> {
        child(&self.0)
    }
    pub fn body(&self) -> Option<SyntaxNode> {
        exprs(&self.0).next()
    }
}
