//! Pass 2: decide the scope of every name, as CPython's `analyze_block`
//! does. Each block receives the names bound in enclosing function scopes
//! (`bound`) and the names declared global (`global`), and returns the names
//! that are free in it or its children (`free`); a function whose local is
//! free in a child makes it a cell.

use rustc_hash::FxHashSet;

use super::builder::Directive;
use super::flags::*;
use super::*;

type Names = FxHashSet<String>;

pub(super) fn analyze(table: &mut SymbolTable, directives: &[Directive]) -> Result<(), SymtableError> {
    let mut free = Names::default();
    let mut global = Names::default();
    let mut cx = Analyzer { table, directives };
    cx.block(ScopeId(0), None, &mut free, &mut global)
}

struct Analyzer<'a> {
    table: &'a mut SymbolTable,
    directives: &'a [Directive],
}

impl Analyzer<'_> {
    fn error_at_directive(&self, scope: ScopeId, name: &str, msg: String) -> SymtableError {
        let d = self
            .directives
            .iter()
            .find(|d| d.scope == scope && d.name == name);
        let s = self.table.scope(scope);
        match d {
            Some(d) => SymtableError {
                msg,
                lineno: d.pos.lineno,
                col_offset: d.pos.col_offset,
                range: d.range,
            },
            None => SymtableError {
                msg,
                lineno: s.lineno,
                col_offset: 0,
                range: s.range,
            },
        }
    }

    fn block(
        &mut self,
        id: ScopeId,
        mut bound: Option<&mut Names>,
        free: &mut Names,
        global: &mut Names,
    ) -> Result<(), SymtableError> {
        let kind = self.table.scope(id).kind;
        let mut local = Names::default();
        let mut scopes: Vec<(String, SymbolScope)> = Vec::new();
        let mut newglobal = Names::default();
        let mut newfree = Names::default();
        let mut newbound = Names::default();

        // A class's own names are not visible in its methods, so what its
        // children see is fixed before analyzing it.
        if kind == BlockKind::Class {
            newglobal.extend(global.iter().cloned());
            if let Some(b) = bound.as_deref() {
                newbound.extend(b.iter().cloned());
            }
        }

        let names: Vec<(String, u32)> = self
            .table
            .scope(id)
            .symbols
            .iter()
            .map(|(n, s)| (n.clone(), s.flags))
            .collect();
        for (name, flags) in &names {
            let sc = self.analyze_name(id, name, *flags, bound.as_deref_mut(), &mut local, free, global)?;
            scopes.push((name.clone(), sc));
        }

        if kind != BlockKind::Class {
            if kind == BlockKind::Function {
                newbound.extend(local.iter().cloned());
            }
            if let Some(b) = bound.as_deref() {
                newbound.extend(b.iter().cloned());
            }
            newglobal.extend(global.iter().cloned());
        } else {
            newbound.insert("__class__".to_string());
        }

        let mut allfree = Names::default();
        let children = self.table.scope(id).children.clone();
        for child in children {
            let mut temp_bound = newbound.clone();
            let mut temp_free = newfree.clone();
            let mut temp_global = newglobal.clone();
            self.block(child, Some(&mut temp_bound), &mut temp_free, &mut temp_global)?;
            allfree.extend(temp_free);
            let c = self.table.scope(child);
            if c.free || c.child_free {
                self.table.scopes[id.0 as usize].child_free = true;
            }
        }
        newfree.extend(allfree);

        if kind == BlockKind::Function {
            // Locals that children use freely become cells.
            for (name, sc) in scopes.iter_mut() {
                if *sc == SymbolScope::Local && newfree.remove(name.as_str()) {
                    *sc = SymbolScope::Cell;
                }
            }
        } else if kind == BlockKind::Class && newfree.remove("__class__") {
            self.table.scopes[id.0 as usize].needs_class_closure = true;
        }

        self.update_symbols(id, &scopes, bound.as_deref(), &newfree, kind == BlockKind::Class);
        free.extend(newfree);
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn analyze_name(
        &mut self,
        id: ScopeId,
        name: &str,
        flags: u32,
        bound: Option<&mut Names>,
        local: &mut Names,
        free: &mut Names,
        global: &mut Names,
    ) -> Result<SymbolScope, SymtableError> {
        if flags & DEF_GLOBAL != 0 {
            if flags & DEF_NONLOCAL != 0 {
                return Err(self.error_at_directive(id, name, format!("name '{name}' is nonlocal and global")));
            }
            global.insert(name.to_string());
            // Nested scopes must not see an enclosing binding of it.
            if let Some(b) = bound {
                b.remove(name);
            }
            return Ok(SymbolScope::GlobalExplicit);
        }
        if flags & DEF_NONLOCAL != 0 {
            let Some(b) = bound.as_deref() else {
                return Err(self.error_at_directive(id, name, "nonlocal declaration not allowed at module level".into()));
            };
            if !b.contains(name) {
                return Err(self.error_at_directive(id, name, format!("no binding for nonlocal '{name}' found")));
            }
            self.table.scopes[id.0 as usize].free = true;
            free.insert(name.to_string());
            return Ok(SymbolScope::Free);
        }
        if flags & DEF_BOUND != 0 {
            local.insert(name.to_string());
            global.remove(name);
            return Ok(SymbolScope::Local);
        }
        if bound.as_deref().is_some_and(|b| b.contains(name)) {
            self.table.scopes[id.0 as usize].free = true;
            free.insert(name.to_string());
            return Ok(SymbolScope::Free);
        }
        if global.contains(name) {
            return Ok(SymbolScope::GlobalImplicit);
        }
        if self.table.scope(id).nested {
            self.table.scopes[id.0 as usize].free = true;
        }
        Ok(SymbolScope::GlobalImplicit)
    }

    fn update_symbols(
        &mut self,
        id: ScopeId,
        scopes: &[(String, SymbolScope)],
        bound: Option<&Names>,
        free: &Names,
        classflag: bool,
    ) {
        let symbols = &mut self.table.scopes[id.0 as usize].symbols;
        for (name, sc) in scopes {
            if let Some(s) = symbols.get_mut(name) {
                s.scope = *sc;
            }
        }
        // Free names of children not resolved here pass through this scope.
        // Iterate in a fixed order so that new entries are deterministic.
        let mut pending: Vec<&String> = free.iter().collect();
        pending.sort();
        for name in pending {
            if let Some(s) = symbols.get_mut(name.as_str()) {
                // A method's free name that the class also binds.
                if classflag && s.flags & (DEF_BOUND | DEF_GLOBAL) != 0 {
                    s.flags |= DEF_FREE_CLASS;
                }
                continue;
            }
            if bound.is_some_and(|b| !b.contains(name.as_str())) {
                continue;
            }
            symbols.insert(
                name.clone(),
                Symbol {
                    flags: 0,
                    scope: SymbolScope::Free,
                },
            );
        }
    }
}
