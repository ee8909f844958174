//! Every kind of token and node in the concrete syntax tree.

/// One kind per token or node. Tokens come first; `is_trivia` and friends
/// rely on the declaration order of the groups below.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u16)]
#[allow(non_camel_case_types)]
pub enum SyntaxKind {
    // --- trivia tokens ---
    WHITESPACE = 0,
    COMMENT,
    /// A `# type: ignore` comment (collected into `Module.type_ignores`).
    TYPE_IGNORE,
    /// A `# type: ...` comment. Trivia, except when parsing with type
    /// comments on, where the grammar accepts it in a few places.
    TYPE_COMMENT,
    /// A newline that does not end a logical line (blank line, inside brackets).
    NL,
    /// A backslash followed by a newline.
    LINE_CONTINUATION,
    /// The UTF-8 byte order mark at the very start of a file.
    BOM,

    // --- significant tokens ---
    /// Bytes the lexer could not make sense of.
    ERROR_TOKEN,
    NEWLINE,
    INDENT,
    DEDENT,
    NAME,
    NUMBER,
    /// A complete string or bytes literal (not an f-string).
    STRING,
    /// `f"`, `rf'''`, …: the prefix and opening quote of an f-string.
    FSTRING_START,
    /// Literal text inside an f-string (or its format spec).
    FSTRING_MIDDLE,
    /// The closing quote of an f-string.
    FSTRING_END,

    // punctuation and operators
    L_PAREN,
    R_PAREN,
    L_BRACK,
    R_BRACK,
    L_BRACE,
    R_BRACE,
    COMMA,
    COLON,
    SEMI,
    DOT,
    ELLIPSIS,
    AT,
    EQ,
    ARROW,
    COLONEQ,
    PLUS,
    MINUS,
    STAR,
    SLASH,
    DSLASH,
    PERCENT,
    DSTAR,
    LSHIFT,
    RSHIFT,
    AMP,
    PIPE,
    CARET,
    TILDE,
    LT,
    GT,
    LE,
    GE,
    EQEQ,
    NE,
    /// `!` — only meaningful before an f-string conversion character.
    BANG,
    PLUSEQ,
    MINUSEQ,
    STAREQ,
    SLASHEQ,
    DSLASHEQ,
    PERCENTEQ,
    ATEQ,
    AMPEQ,
    PIPEEQ,
    CARETEQ,
    LSHIFTEQ,
    RSHIFTEQ,
    DSTAREQ,

    // keywords
    FALSE_KW,
    NONE_KW,
    TRUE_KW,
    AND_KW,
    AS_KW,
    ASSERT_KW,
    ASYNC_KW,
    AWAIT_KW,
    BREAK_KW,
    CLASS_KW,
    CONTINUE_KW,
    DEF_KW,
    DEL_KW,
    ELIF_KW,
    ELSE_KW,
    EXCEPT_KW,
    FINALLY_KW,
    FOR_KW,
    FROM_KW,
    GLOBAL_KW,
    IF_KW,
    IMPORT_KW,
    IN_KW,
    IS_KW,
    LAMBDA_KW,
    NONLOCAL_KW,
    NOT_KW,
    OR_KW,
    PASS_KW,
    RAISE_KW,
    RETURN_KW,
    TRY_KW,
    WHILE_KW,
    WITH_KW,
    YIELD_KW,

    /// End of input; never stored in a tree.
    EOF,

    // --- nodes ---
    SOURCE_FILE,
    /// Bytes the parser skipped while recovering from an error.
    ERROR,
    /// The body of a compound statement: either simple statements on the
    /// header's line, or NEWLINE INDENT statements DEDENT.
    BLOCK,

    // statements
    EXPR_STMT,
    ASSIGN_STMT,
    AUG_ASSIGN_STMT,
    ANN_ASSIGN_STMT,
    RETURN_STMT,
    DELETE_STMT,
    PASS_STMT,
    BREAK_STMT,
    CONTINUE_STMT,
    RAISE_STMT,
    GLOBAL_STMT,
    NONLOCAL_STMT,
    ASSERT_STMT,
    IMPORT_STMT,
    IMPORT_FROM_STMT,
    DOTTED_NAME,
    IMPORT_ALIAS,
    IF_STMT,
    ELIF_CLAUSE,
    ELSE_CLAUSE,
    WHILE_STMT,
    FOR_STMT,
    TRY_STMT,
    EXCEPT_CLAUSE,
    FINALLY_CLAUSE,
    WITH_STMT,
    WITH_ITEM,
    FUNCTION_DEF,
    CLASS_DEF,
    DECORATOR,
    PARAMETERS,
    PARAM,
    RETURN_ANNOTATION,
    MATCH_STMT,
    CASE_CLAUSE,
    GUARD,

    // expressions
    NAME_EXPR,
    /// Numbers, `None`, `True`, `False`, `...`.
    LITERAL,
    /// One or more adjacent string literals (implicit concatenation).
    STRING_EXPR,
    FSTRING,
    FSTRING_FIELD,
    FORMAT_SPEC,
    PAREN_EXPR,
    TUPLE_EXPR,
    LIST_EXPR,
    SET_EXPR,
    DICT_EXPR,
    DICT_ITEM,
    DICT_UNPACK,
    LIST_COMP,
    SET_COMP,
    DICT_COMP,
    GENERATOR_EXPR,
    COMP_FOR,
    COMP_IF,
    BIN_EXPR,
    BOOL_EXPR,
    UNARY_EXPR,
    NOT_EXPR,
    COMPARE_EXPR,
    LAMBDA_EXPR,
    IF_EXPR,
    NAMED_EXPR,
    AWAIT_EXPR,
    YIELD_EXPR,
    STARRED_EXPR,
    CALL_EXPR,
    ARG_LIST,
    KEYWORD_ARG,
    DSTAR_ARG,
    ATTRIBUTE_EXPR,
    SUBSCRIPT_EXPR,
    SLICE_EXPR,

    // patterns
    MATCH_VALUE,
    MATCH_SINGLETON,
    MATCH_SEQUENCE,
    MATCH_MAPPING,
    MATCH_CLASS,
    MATCH_STAR,
    MATCH_AS,
    MATCH_OR,
    MATCH_GROUP,
    MATCH_KEY_VALUE,
    MATCH_DSTAR,
    MATCH_KEYWORD,
    PATTERN_ARGS,

    #[doc(hidden)]
    __LAST,
}

use SyntaxKind::*;

impl SyntaxKind {
    pub fn is_trivia(self) -> bool {
        (self as u16) <= (BOM as u16)
    }

    pub fn is_keyword(self) -> bool {
        (FALSE_KW as u16..=YIELD_KW as u16).contains(&(self as u16))
    }

    pub fn is_token(self) -> bool {
        (self as u16) <= (EOF as u16)
    }

    pub fn from_raw(raw: u16) -> SyntaxKind {
        assert!(raw < __LAST as u16, "raw syntax kind out of range");
        // SAFETY: SyntaxKind is repr(u16), dense from 0 to __LAST.
        unsafe { std::mem::transmute::<u16, SyntaxKind>(raw) }
    }

    /// The keyword spelled `text`, if it is one.
    pub fn keyword(text: &str) -> Option<SyntaxKind> {
        /// The bytes a keyword starts with.
        const STARTS: [bool; 256] = {
            let mut t = [false; 256];
            let firsts = b"FNTabcdefgilnoprtwy";
            let mut i = 0;
            while i < firsts.len() {
                t[firsts[i] as usize] = true;
                i += 1;
            }
            t
        };
        // Most names are no keyword: tell by their length and first byte.
        let b = text.as_bytes();
        if b.len() < 2 || b.len() > 8 || !STARTS[b[0] as usize] {
            return None;
        }
        Some(match text {
            "False" => FALSE_KW,
            "None" => NONE_KW,
            "True" => TRUE_KW,
            "and" => AND_KW,
            "as" => AS_KW,
            "assert" => ASSERT_KW,
            "async" => ASYNC_KW,
            "await" => AWAIT_KW,
            "break" => BREAK_KW,
            "class" => CLASS_KW,
            "continue" => CONTINUE_KW,
            "def" => DEF_KW,
            "del" => DEL_KW,
            "elif" => ELIF_KW,
            "else" => ELSE_KW,
            "except" => EXCEPT_KW,
            "finally" => FINALLY_KW,
            "for" => FOR_KW,
            "from" => FROM_KW,
            "global" => GLOBAL_KW,
            "if" => IF_KW,
            "import" => IMPORT_KW,
            "in" => IN_KW,
            "is" => IS_KW,
            "lambda" => LAMBDA_KW,
            "nonlocal" => NONLOCAL_KW,
            "not" => NOT_KW,
            "or" => OR_KW,
            "pass" => PASS_KW,
            "raise" => RAISE_KW,
            "return" => RETURN_KW,
            "try" => TRY_KW,
            "while" => WHILE_KW,
            "with" => WITH_KW,
            "yield" => YIELD_KW,
            _ => return None,
        })
    }
}

impl From<SyntaxKind> for rowan::SyntaxKind {
    fn from(kind: SyntaxKind) -> Self {
        rowan::SyntaxKind(kind as u16)
    }
}

/// The rowan language tag for Python trees.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PythonLanguage {}

impl rowan::Language for PythonLanguage {
    type Kind = SyntaxKind;
    fn kind_from_raw(raw: rowan::SyntaxKind) -> SyntaxKind {
        SyntaxKind::from_raw(raw.0)
    }
    fn kind_to_raw(kind: SyntaxKind) -> rowan::SyntaxKind {
        kind.into()
    }
}

pub type SyntaxNode = rowan::SyntaxNode<PythonLanguage>;
pub type SyntaxToken = rowan::SyntaxToken<PythonLanguage>;
pub type SyntaxElement = rowan::SyntaxElement<PythonLanguage>;
