//! Selection ranges: from the token under the cursor out through every
//! enclosing syntax node (expression, statement, block, definition, file).

use pyx_semantics::{Db, File};
use pyx_syntax::{TextRange, TextSize};

/// Innermost first; no range repeated.
pub fn selection_ranges(db: &dyn Db, file: File, offset: TextSize) -> Vec<TextRange> {
    let parse = pyx_semantics::queries::parse(db, file).clone();
    let root = parse.syntax_node();
    let mut out: Vec<TextRange> = Vec::new();
    let Some(token) = crate::analysis::token_at(&root, offset) else {
        return vec![root.text_range()];
    };
    let text = crate::analysis::text(db, file);
    let push = |r: TextRange, out: &mut Vec<TextRange>| {
        // Trailing whitespace and newlines are not worth selecting.
        let t = text.get(usize::from(r.start())..usize::from(r.end())).unwrap_or("");
        let r = TextRange::at(r.start(), TextSize::from(t.trim_end().len() as u32));
        if out.last() != Some(&r) && !r.is_empty() && out.last().is_none_or(|l| r.contains_range(*l)) {
            out.push(r);
        }
    };
    if !token.kind().is_trivia() {
        push(token.text_range(), &mut out);
    }
    for node in token.parent_ancestors() {
        push(node.text_range(), &mut out);
    }
    if out.is_empty() {
        out.push(root.text_range());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::fixture;

    #[test]
    fn grows_outwards() {
        let f = fixture("def f(a):\n    return g(a + 1$0, 2)\n");
        let text = f.text();
        let out: Vec<&str> = selection_ranges(&f.db, f.file, f.offset).iter().map(|r| &text[usize::from(r.start())..usize::from(r.end())]).collect();
        insta::assert_snapshot!(out.join("\n---\n"), @r"
            1
            ---
            a + 1
            ---
            (a + 1, 2)
            ---
            g(a + 1, 2)
            ---
            return g(a + 1, 2)
            ---

                return g(a + 1, 2)
            ---
            def f(a):
                return g(a + 1, 2)
            ");
    }
}
