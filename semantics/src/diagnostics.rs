//! One diagnostic type for every product: the CLI renders it, the language
//! server converts it.

use pyx_syntax::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// The rules, with stable kebab-case codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// What CPython rejects at compile time: parser, symbol-table and
    /// compiler errors.
    SyntaxError,
    UndefinedName,
    UnusedImport,
    UnusedVariable,
    UnresolvedImport,
    RedefinedWhileUnused,
}

impl Rule {
    pub const ALL: [Rule; 6] = [
        Rule::SyntaxError,
        Rule::UndefinedName,
        Rule::UnusedImport,
        Rule::UnusedVariable,
        Rule::UnresolvedImport,
        Rule::RedefinedWhileUnused,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Rule::SyntaxError => "syntax-error",
            Rule::UndefinedName => "undefined-name",
            Rule::UnusedImport => "unused-import",
            Rule::UnusedVariable => "unused-variable",
            Rule::UnresolvedImport => "unresolved-import",
            Rule::RedefinedWhileUnused => "redefined-while-unused",
        }
    }

    pub fn from_code(code: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn default_severity(self) -> Severity {
        match self {
            Rule::SyntaxError | Rule::UndefinedName | Rule::UnresolvedImport => Severity::Error,
            Rule::UnusedImport | Rule::UnusedVariable | Rule::RedefinedWhileUnused => Severity::Warning,
        }
    }
}

/// A secondary location with a note ("previous definition here").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub range: TextRange,
    pub message: String,
}

/// A suggested edit: replace `range` with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub message: String,
    pub range: TextRange,
    pub replacement: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub range: TextRange,
    pub severity: Severity,
    pub rule: Rule,
    pub message: String,
    pub related: Vec<Related>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn new(rule: Rule, range: TextRange, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            range,
            severity: rule.default_severity(),
            rule,
            message: message.into(),
            related: Vec::new(),
            fix: None,
        }
    }

    pub fn with_related(mut self, range: TextRange, message: impl Into<String>) -> Diagnostic {
        self.related.push(Related {
            range,
            message: message.into(),
        });
        self
    }
}
