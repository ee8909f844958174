//! Pass 2: decide the scope of every name, as CPython's `analyze_block`
//! does. Each block receives the names bound in enclosing function scopes
//! (`bound`) and the names declared global (`global`), and returns the names
//! that are free in it or its children (`free`); a function whose local is
//! free in a child makes it a cell.

use rustc_hash::FxHashSet;

use super::builder::Directive;
use super::flags::*;
use super::*;

/// Names borrowed from the table being analyzed: the analysis reads the
/// table and records what to change ([`Edits`]), applied once it is done,
/// so that no name is copied into the sets it moves between scopes.
type Names<'t> = FxHashSet<&'t str>;

pub(super) fn analyze(table: &mut SymbolTable, directives: &[Directive]) -> Result<(), SymtableError> {
    let edits = {
        let mut cx = Analyzer {
            table,
            directives,
            edits: (0..table.scopes.len()).map(|_| Edits::default()).collect(),
        };
        let mut free = Names::default();
        let mut global = Names::default();
        cx.block(ScopeId(0), None, &mut free, &mut global)?;
        cx.edits
            .into_iter()
            .map(|e| OwnedEdits {
                free: e.free,
                child_free: e.child_free,
                needs_class_closure: e.needs_class_closure,
                scopes: e.scopes,
                free_class: e.free_class,
                new_free: e.new_free.into_iter().map(str::to_string).collect(),
            })
            .collect::<Vec<_>>()
    };
    for (scope, e) in table.scopes.iter_mut().zip(edits) {
        scope.free |= e.free;
        scope.child_free |= e.child_free;
        scope.needs_class_closure |= e.needs_class_closure;
        for (symbol, sc) in scope.symbols.values_mut().zip(e.scopes) {
            symbol.scope = sc;
        }
        for i in e.free_class {
            if let Some((_, symbol)) = scope.symbols.get_index_mut(i) {
                symbol.flags |= DEF_FREE_CLASS;
            }
        }
        for name in e.new_free {
            scope.symbols.insert(name, Symbol { flags: 0, scope: SymbolScope::Free });
        }
    }
    Ok(())
}

/// What the analysis decided about one scope.
#[derive(Default)]
struct Edits<'t> {
    free: bool,
    child_free: bool,
    needs_class_closure: bool,
    /// The scope of each of the scope's symbols, in order.
    scopes: Vec<SymbolScope>,
    /// Symbols (by index) that get `DEF_FREE_CLASS`.
    free_class: Vec<usize>,
    /// Free names of children that pass through the scope, added to its
    /// symbols in this order.
    new_free: Vec<&'t str>,
}

/// [`Edits`] without the borrow of the table, to apply them to it.
struct OwnedEdits {
    free: bool,
    child_free: bool,
    needs_class_closure: bool,
    scopes: Vec<SymbolScope>,
    free_class: Vec<usize>,
    new_free: Vec<String>,
}

struct Analyzer<'t> {
    table: &'t SymbolTable,
    directives: &'t [Directive],
    edits: Vec<Edits<'t>>,
}

impl<'t> Analyzer<'t> {
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
        mut bound: Option<&mut Names<'t>>,
        free: &mut Names<'t>,
        global: &mut Names<'t>,
    ) -> Result<(), SymtableError> {
        let table = self.table;
        let scope = table.scope(id);
        let kind = scope.kind;
        // What children see (the names bound around them, the names
        // declared global) is only worked out for a scope that has
        // children: most functions have none.
        let has_children = !scope.children.is_empty();
        let mut local = Names::default();
        let mut scopes: Vec<SymbolScope> = Vec::with_capacity(scope.symbols.len());
        let mut newglobal = Names::default();
        let mut newfree = Names::default();
        let mut newbound = Names::default();

        // A class's own names are not visible in its methods, so what its
        // children see is fixed before analyzing it.
        if kind == BlockKind::Class && has_children {
            newglobal.extend(global.iter().copied());
            if let Some(b) = bound.as_deref() {
                newbound.extend(b.iter().copied());
            }
        }

        let record_locals = has_children && kind == BlockKind::Function;
        for (name, symbol) in &scope.symbols {
            let local = if record_locals { Some(&mut local) } else { None };
            let sc = self.analyze_name(id, name, symbol.flags, bound.as_deref_mut(), local, free, global)?;
            scopes.push(sc);
        }

        if !has_children {
            // Nothing to pass down.
        } else if kind != BlockKind::Class {
            if kind == BlockKind::Function {
                newbound.extend(local.iter().copied());
            }
            if let Some(b) = bound.as_deref() {
                newbound.extend(b.iter().copied());
            }
            newglobal.extend(global.iter().copied());
        } else {
            newbound.insert("__class__");
        }

        let mut allfree = Names::default();
        for &child in &scope.children {
            let mut temp_bound = newbound.clone();
            let mut temp_free = newfree.clone();
            let mut temp_global = newglobal.clone();
            self.block(child, Some(&mut temp_bound), &mut temp_free, &mut temp_global)?;
            allfree.extend(temp_free);
            let c = &self.edits[child.0 as usize];
            if c.free || c.child_free {
                self.edits[id.0 as usize].child_free = true;
            }
        }
        newfree.extend(allfree);

        if kind == BlockKind::Function && !newfree.is_empty() {
            // Locals that children use freely become cells.
            for ((name, _), sc) in scope.symbols.iter().zip(scopes.iter_mut()) {
                if *sc == SymbolScope::Local && newfree.remove(name.as_str()) {
                    *sc = SymbolScope::Cell;
                }
            }
        } else if kind == BlockKind::Class && newfree.remove("__class__") {
            self.edits[id.0 as usize].needs_class_closure = true;
        }

        self.update_symbols(id, scopes, bound.as_deref(), &newfree, kind == BlockKind::Class);
        free.extend(newfree);
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn analyze_name(
        &mut self,
        id: ScopeId,
        name: &'t str,
        flags: u32,
        bound: Option<&mut Names<'t>>,
        local: Option<&mut Names<'t>>,
        free: &mut Names<'t>,
        global: &mut Names<'t>,
    ) -> Result<SymbolScope, SymtableError> {
        if flags & DEF_GLOBAL != 0 {
            if flags & DEF_NONLOCAL != 0 {
                return Err(self.error_at_directive(id, name, format!("name '{name}' is nonlocal and global")));
            }
            global.insert(name);
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
            self.edits[id.0 as usize].free = true;
            free.insert(name);
            return Ok(SymbolScope::Free);
        }
        if flags & DEF_BOUND != 0 {
            if let Some(local) = local {
                local.insert(name);
            }
            global.remove(name);
            return Ok(SymbolScope::Local);
        }
        if bound.as_deref().is_some_and(|b| b.contains(name)) {
            self.edits[id.0 as usize].free = true;
            free.insert(name);
            return Ok(SymbolScope::Free);
        }
        if global.contains(name) {
            return Ok(SymbolScope::GlobalImplicit);
        }
        if self.table.scope(id).nested {
            self.edits[id.0 as usize].free = true;
        }
        Ok(SymbolScope::GlobalImplicit)
    }

    fn update_symbols(
        &mut self,
        id: ScopeId,
        scopes: Vec<SymbolScope>,
        bound: Option<&Names<'t>>,
        free: &Names<'t>,
        classflag: bool,
    ) {
        let symbols = &self.table.scope(id).symbols;
        let edits = &mut self.edits[id.0 as usize];
        edits.scopes = scopes;
        // Free names of children not resolved here pass through this scope.
        // Iterate in a fixed order so that new entries are deterministic.
        let mut pending: Vec<&'t str> = free.iter().copied().collect();
        pending.sort_unstable();
        for name in pending {
            if let Some((i, _, s)) = symbols.get_full(name) {
                // A method's free name that the class also binds.
                if classflag && s.flags & (DEF_BOUND | DEF_GLOBAL) != 0 {
                    edits.free_class.push(i);
                }
                continue;
            }
            if bound.is_some_and(|b| !b.contains(name)) {
                continue;
            }
            edits.new_free.push(name);
        }
    }
}
