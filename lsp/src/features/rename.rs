//! Rename, with prepareRename: every reference of the binding under the
//! cursor gets the new name. Builtins and names defined in the standard
//! library or site-packages are refused, and so is a plain `import m`
//! (renaming it would mean renaming the module).

use std::collections::BTreeMap;
use std::path::PathBuf;

use pyx_semantics::symtable::OccKind;
use pyx_semantics::{Db, File};
use pyx_syntax::{TextRange, TextSize};

use crate::analysis::Target;
use crate::features::goto_definition;
use crate::features::references::{self, is_workspace_file};

/// The range of the name that would be renamed, or why it cannot be.
pub fn prepare_rename(db: &dyn Db, file: File, offset: TextSize) -> Result<TextRange, String> {
    let r = goto_definition::name_at(db, file, offset).ok_or("no name here to rename")?;
    match r.declared.first() {
        None => return Err(format!("cannot rename `{}`: its definition is unknown", r.name)),
        Some(Target::Builtin(_)) => return Err(format!("cannot rename the builtin `{}`", r.name)),
        Some(Target::Module { .. }) => return Err(format!("cannot rename the module `{}`", r.name)),
        Some(Target::Def(d)) => {
            if d.file.path(db).file_name().is_some_and(|n| n == "builtins.pyi") {
                return Err(format!("cannot rename the builtin `{}`", r.name));
            }
            if !is_workspace_file(db, d.file) {
                return Err(format!("cannot rename `{}`: it is defined outside the workspace", r.name));
            }
        }
    }
    let (_, def) = references::symbol_at(db, file, offset).ok_or("no name here to rename")?;
    if def.kind == OccKind::Import {
        let followed = crate::analysis::follow(db, Target::Def(def.clone()), 0);
        let outside = followed.iter().any(|t| match t {
            Target::Def(d) => !is_workspace_file(db, d.file),
            Target::Module { .. } | Target::Builtin(_) => true,
        });
        if outside {
            return Err(format!("cannot rename `{}`: it names a module or a library definition (import it with `as` to rename it)", def.name));
        }
    }
    if !is_workspace_file(db, def.file) {
        return Err(format!("cannot rename `{}`: it is defined outside the workspace", def.name));
    }
    Ok(r.range)
}

/// The edits of a rename, by file path; an error when the rename is
/// refused or `new_name` is not an identifier.
pub fn rename(db: &dyn Db, file: File, offset: TextSize, new_name: &str) -> Result<BTreeMap<PathBuf, Vec<(TextRange, String)>>, String> {
    prepare_rename(db, file, offset)?;
    if !pyx_semantics::resolve::is_identifier(new_name) || is_keyword(new_name) {
        return Err(format!("`{new_name}` is not a valid Python identifier"));
    }
    let mut out: BTreeMap<PathBuf, Vec<(TextRange, String)>> = BTreeMap::new();
    for r in references::references(db, file, offset, true) {
        out.entry(r.file.path(db).clone()).or_default().push((r.range, new_name.to_string()));
    }
    Ok(out)
}

fn is_keyword(name: &str) -> bool {
    matches!(
        name,
        "False" | "None" | "True" | "and" | "as" | "assert" | "async" | "await" | "break" | "class" | "continue" | "def" | "del"
            | "elif" | "else" | "except" | "finally" | "for" | "from" | "global" | "if" | "import" | "in" | "is" | "lambda"
            | "nonlocal" | "not" | "or" | "pass" | "raise" | "return" | "try" | "while" | "with" | "yield"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::fixture;

    fn check(text: &str, new_name: &str) -> String {
        let f = fixture(text);
        match rename(&f.db, f.file, f.offset, new_name) {
            Err(e) => format!("refused: {e}"),
            Ok(edits) => {
                let mut out = Vec::new();
                for (path, es) in edits {
                    let file = f.db.file(&path);
                    for (r, t) in es {
                        out.push(format!("{} -> {t}", f.show_range(file, r)));
                    }
                }
                out.join("\n")
            }
        }
    }

    #[test]
    fn renames_and_refusals() {
        insta::assert_snapshot!(check("//- main.py\nfrom helper import greet\ngre$0et()\n//- helper.py\ndef greet(): ...\n", "welcome"), @r"
            helper.py:1:4: greet -> welcome
            main.py:1:19: greet -> welcome
            main.py:2:0: greet -> welcome
            ");
        insta::assert_snapshot!(check("le$0n([])\n", "size"), @"refused: cannot rename the builtin `len`");
        insta::assert_snapshot!(check("import os\nos$0.getcwd()\n", "system"), @"refused: cannot rename `os`: it names a module or a library definition (import it with `as` to rename it)");
        insta::assert_snapshot!(check("from os.path import join\njo$0in('a')\n", "j"), @"refused: cannot rename `join`: it names a module or a library definition (import it with `as` to rename it)");
        insta::assert_snapshot!(check("x$0 = 1\n", "class"), @"refused: `class` is not a valid Python identifier");
        insta::assert_snapshot!(check("import os as o\no$0.getcwd()\n", "system"), @r"
            main.py:1:13: o -> system
            main.py:2:0: o -> system
            ");
    }
}
