//! SARIF 2.1.0, the format of code-scanning services: one run, the rules
//! in `tool.driver.rules`, each finding a `result` pointing at its rule by
//! id and index. Columns are counted in Unicode code points
//! (`columnKind`), lines and columns from 1.

use std::io::{self, Write};

use pyx_semantics::diagnostics::{Rule, Severity};
use serde_json::{json, Value};

use super::Positions;
use crate::check::RunReport;

/// A one-line description of each rule, for the tools that show SARIF.
pub fn rule_description(rule: Rule) -> &'static str {
    match rule {
        Rule::SyntaxError => "Code CPython rejects at compile time (parser, symbol table, compiler)",
        Rule::UndefinedName => "A name that is used but never bound in any enclosing scope or builtins",
        Rule::UnusedImport => "An imported name that is never used",
        Rule::UnusedVariable => "A local variable that is assigned but never used",
        Rule::UnresolvedImport => "An import that cannot be resolved to a module",
        Rule::RedefinedWhileUnused => "A name bound again before its previous binding was used",
        #[allow(unreachable_patterns)]
        _ => "A pyx rule",
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative path as a URI reference: every byte outside the unreserved
/// set and `/` percent-encoded. Absolute paths become `file://` URIs.
pub fn path_to_uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

pub fn write(out: &mut dyn Write, report: &RunReport) -> io::Result<()> {
    let rules: Vec<Value> = Rule::ALL
        .iter()
        .map(|&rule| {
            json!({
                "id": rule.code(),
                "name": rule.code(),
                "shortDescription": { "text": rule_description(rule) },
                "defaultConfiguration": { "level": level(rule.default_severity()) },
            })
        })
        .collect();
    let mut results = Vec::new();
    for file in &report.files {
        let positions = Positions::of(file);
        let uri = path_to_uri(&file.display);
        let region = |range: pyx_syntax::TextRange| {
            let start = positions.position(range.start());
            let end = positions.position(range.end());
            json!({
                "startLine": start.line,
                "startColumn": start.column,
                "endLine": end.line,
                "endColumn": end.column,
            })
        };
        for d in &file.diagnostics {
            let index = Rule::ALL.iter().position(|&r| r == d.rule).unwrap_or(0);
            let mut result = json!({
                "ruleId": d.rule.code(),
                "ruleIndex": index,
                "level": level(d.severity),
                "message": { "text": d.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": region(d.range),
                    }
                }],
            });
            if !d.related.is_empty() {
                result["relatedLocations"] = d
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        json!({
                            "id": i,
                            "message": { "text": r.message },
                            "physicalLocation": {
                                "artifactLocation": { "uri": uri },
                                "region": region(r.range),
                            }
                        })
                    })
                    .collect();
            }
            results.push(result);
        }
    }
    let document = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "pyx",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    serde_json::to_writer_pretty(&mut *out, &document).map_err(io::Error::other)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris() {
        assert_eq!(path_to_uri("src/a b/ü.py"), "src/a%20b/%C3%BC.py");
        assert_eq!(path_to_uri("/tmp/x.py"), "file:///tmp/x.py");
    }
}
