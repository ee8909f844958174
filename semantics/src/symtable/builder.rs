//! Pass 1: walk the AST and record what each scope does with each name, in
//! the order CPython's `symtable.c` visits the tree (which fixes the order
//! of child scopes and of first mentions).

use indexmap::IndexMap;
use pyx_syntax::ast::*;
use pyx_syntax::TextRange;

use super::flags::*;
use super::*;

/// Build the symbol tables of a module. On a compile-time error the first
/// error is returned, as CPython raises it.
pub fn build(module: &Module) -> Result<SymbolTable, SymtableError> {
    build_with_occurrences(module).map(|(t, _)| t)
}

/// Build the tables and list every mention of a name (with its range, the
/// scope it is in, and what kind of binding or use it is), for lint rules
/// and editor features.
pub fn build_with_occurrences(module: &Module) -> Result<(SymbolTable, Vec<Occurrence>), SymtableError> {
    let future_annotations = future_features(module)?;
    let mut b = Builder::new(future_annotations, module);
    b.enter(BlockKind::Module, "top".into(), 0, TextRange::default());
    for s in &module.body {
        b.stmt(s)?;
    }
    b.exit();
    let mut table = SymbolTable {
        scopes: b.scopes.into_iter().map(|s| s.scope).collect(),
        future_annotations,
    };
    super::analyze::analyze(&mut table, &b.directives)?;
    Ok((table, b.occurrences))
}

/// Pass 1 over a module that holds one module-level statement (a `def` or
/// `class` cut out of its file, with positions relative to where it starts):
/// everything that statement contributes, for [`build_split`] to splice in.
/// This is what lets the database rebuild only the scopes an edit touched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Partial {
    /// The scopes built; `scopes[0]` is the (synthetic) module, whose
    /// symbols are what the statement binds and uses at module level.
    scopes: Vec<Scope>,
    directives: Vec<Directive>,
    occurrences: Vec<Occurrence>,
    /// Statement lists numbered (for [`Occurrence::block`]).
    blocks: u32,
    /// The first error pass 1 found in the statement.
    error: Option<SymtableError>,
}

/// Pass 1 of one statement on its own; see [`Partial`].
pub fn build_partial(module: &Module, future_annotations: bool) -> Partial {
    let mut b = Builder::new(future_annotations, module);
    b.enter(BlockKind::Module, "top".into(), 0, TextRange::default());
    let mut error = None;
    for s in &module.body {
        if let Err(e) = b.stmt(s) {
            error = Some(e);
            break;
        }
    }
    b.exit();
    Partial {
        scopes: b.scopes.into_iter().map(|s| s.scope).collect(),
        directives: b.directives,
        occurrences: b.occurrences,
        blocks: b.blocks,
        error,
    }
}

/// A [`Partial`] for one module-level statement, and how far its positions
/// are from the real ones: `lines` to add to line numbers, `bytes` to
/// offsets.
pub struct Prebuilt<'a> {
    pub partial: &'a Partial,
    pub lines: u32,
    pub bytes: u32,
}

/// [`build_with_occurrences`], but module-level statements for which
/// `prebuilt` has a [`Partial`] are spliced in rather than visited. The
/// result is the same as building the whole module at once.
pub fn build_split<'a>(
    module: &Module,
    prebuilt: impl Fn(usize, &Stmt) -> Option<Prebuilt<'a>>,
) -> Result<(SymbolTable, Vec<Occurrence>), SymtableError> {
    let future_annotations = future_features(module)?;
    let mut b = Builder::new(future_annotations, module);
    b.enter(BlockKind::Module, "top".into(), 0, TextRange::default());
    for (i, s) in module.body.iter().enumerate() {
        match prebuilt(i, s) {
            Some(p) => b.splice(&p)?,
            None => b.stmt(s)?,
        }
    }
    b.exit();
    let mut table = SymbolTable {
        scopes: b.scopes.into_iter().map(|s| s.scope).collect(),
        future_annotations,
    };
    super::analyze::analyze(&mut table, &b.directives)?;
    Ok((table, b.occurrences))
}

/// The future features of `module` (`annotations` or not), or the error
/// CPython reports about them.
pub fn future_annotations(module: &Module) -> Result<bool, SymtableError> {
    future_features(module)
}

/// `from __future__` imports at the start of the module. Returns whether
/// `annotations` is among them; rejects unknown features and a future
/// import after another import on the same line (the one misplacement
/// CPython catches this early).
fn future_features(module: &Module) -> Result<bool, SymtableError> {
    let mut annotations = false;
    let body = &module.body;
    let mut i = 0;
    if let Some(StmtKind::Expr { value }) = body.first().map(|s| &s.kind) {
        if matches!(value.kind, ExprKind::Constant { value: Constant::Str(_), .. }) {
            i = 1;
        }
    }
    let mut done = false;
    let mut prev_line = 0;
    for s in &body[i..] {
        if done && s.pos.lineno > prev_line {
            break;
        }
        prev_line = s.pos.lineno;
        match &s.kind {
            StmtKind::ImportFrom { module: Some(m), names, .. } if m == "__future__" => {
                if done {
                    return Err(err_at(s.pos, s.range, "from __future__ imports must occur at the beginning of the file"));
                }
                for a in names {
                    match a.name.as_str() {
                        "nested_scopes" | "generators" | "division" | "absolute_import" | "with_statement"
                        | "print_function" | "unicode_literals" | "barry_as_FLUFL" | "generator_stop" => {}
                        "annotations" => annotations = true,
                        "braces" => return Err(err_at(s.pos, s.range, "not a chance")),
                        other => {
                            return Err(err_at(s.pos, s.range, format!("future feature {other} is not defined")));
                        }
                    }
                }
            }
            _ => done = true,
        }
    }
    Ok(annotations)
}

fn err_at(pos: Pos, range: TextRange, msg: impl Into<String>) -> SymtableError {
    SymtableError {
        msg: msg.into(),
        lineno: pos.lineno,
        col_offset: pos.col_offset,
        range,
    }
}

/// A scope under construction, with the state pass 1 needs.
struct Building {
    scope: Scope,
    /// Inside the outermost iterable of a comprehension (where `:=` is not
    /// allowed).
    comp_iter_expr: u32,
    /// Visiting a comprehension's iteration target.
    comp_iter_target: bool,
}

/// The position of a `global`/`nonlocal` declaration of a name, for errors
/// found in pass 2.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Directive {
    pub scope: ScopeId,
    pub name: String,
    pub pos: Pos,
    pub range: TextRange,
}

struct Builder {
    scopes: Vec<Building>,
    stack: Vec<ScopeId>,
    /// The class whose body we are in, for name mangling.
    private: Option<String>,
    future_annotations: bool,
    directives: Vec<Directive>,
    occurrences: Vec<Occurrence>,
    /// What a name in store context binds, set by the statement visiting
    /// its targets.
    bind_kind: OccKind,
    /// The statement list being visited (an id), and the last id given.
    block: u32,
    blocks: u32,
}

type R = Result<(), SymtableError>;

impl Builder {
    /// A builder for `module`, its list of occurrences sized for it
    /// (about one name per 20 bytes of source, on the standard library).
    fn new(future_annotations: bool, module: &Module) -> Builder {
        let span = match (module.body.first(), module.body.last()) {
            (Some(first), Some(last)) => u32::from(last.range.end()).saturating_sub(first.range.start().into()) as usize,
            _ => 0,
        };
        Builder {
            scopes: Vec::new(),
            stack: Vec::new(),
            private: None,
            future_annotations,
            directives: Vec::new(),
            occurrences: Vec::with_capacity(span / 20),
            bind_kind: OccKind::Assign,
            block: 0,
            blocks: 0,
        }
    }

    /// Splice in a module-level statement built on its own: its module
    /// symbols are merged into the module's (in their order, as visiting
    /// would insert them), its scopes appended with their ids, statement
    /// lists and positions moved, then its first error raised.
    fn splice(&mut self, p: &Prebuilt<'_>) -> R {
        debug_assert_eq!(self.stack.len(), 1, "only module-level statements are spliced");
        let part = p.partial;
        let base = self.scopes.len() as u32;
        let map = |id: ScopeId| if id.0 == 0 { ScopeId(0) } else { ScopeId(base + id.0 - 1) };
        let shift = |r: TextRange| {
            TextRange::new(r.start() + pyx_syntax::TextSize::from(p.bytes), r.end() + pyx_syntax::TextSize::from(p.bytes))
        };
        let shift_pos = |pos: Pos| Pos { lineno: pos.lineno + p.lines, end_lineno: pos.end_lineno + p.lines, ..pos };
        let block_base = self.blocks;
        let map_block = |k: u32| if k == 0 { self.block } else { block_base + k };
        for o in &part.occurrences {
            let o = Occurrence {
                scope: map(o.scope),
                name: o.name.clone(),
                flag: o.flag,
                range: shift(o.range),
                kind: o.kind,
                block: map_block(o.block),
            };
            self.occurrences.push(o);
        }
        self.blocks += part.blocks;
        for d in &part.directives {
            self.directives.push(Directive {
                scope: map(d.scope),
                name: d.name.clone(),
                pos: shift_pos(d.pos),
                range: shift(d.range),
            });
        }
        let module = &part.scopes[0];
        let target = &mut self.scopes[0].scope;
        for (name, sym) in &module.symbols {
            target.symbols.entry(name.clone()).or_default().flags |= sym.flags;
        }
        target.children.extend(module.children.iter().map(|&c| map(c)));
        for scope in &part.scopes[1..] {
            let mut scope = scope.clone();
            scope.children = scope.children.iter().map(|&c| map(c)).collect();
            scope.lineno += p.lines;
            scope.range = shift(scope.range);
            self.scopes.push(Building { scope, comp_iter_expr: 0, comp_iter_target: false });
        }
        match &part.error {
            Some(e) => Err(SymtableError {
                msg: e.msg.clone(),
                lineno: e.lineno + p.lines,
                col_offset: e.col_offset,
                range: shift(e.range),
            }),
            None => Ok(()),
        }
    }

    /// A `global` or `nonlocal` statement (`word`): CPython's errors for a
    /// name already used or bound in the scope, then the declaration.
    fn declare(&mut self, s: &Stmt, names: &[Identifier], word: &str, flag: u32, kind: OccKind) -> R {
        for name in names {
            let cur = self.lookup(name);
            if cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                let msg = if cur & DEF_PARAM != 0 {
                    format!("name '{name}' is parameter and {word}")
                } else if cur & USE != 0 {
                    format!("name '{name}' is used prior to {word} declaration")
                } else if cur & DEF_ANNOT != 0 {
                    format!("annotated name '{name}' can't be {word}")
                } else {
                    format!("name '{name}' is assigned to before {word} declaration")
                };
                return Err(err_at(s.pos, s.range, msg));
            }
            self.with_kind(kind, |b| b.add_def(name, flag, s.pos, s.range))?;
            self.record_directive(name, s.pos, s.range);
        }
        Ok(())
    }

    fn cur_id(&self) -> ScopeId {
        *self.stack.last().expect("a scope is always open while visiting")
    }

    fn cur(&mut self) -> &mut Building {
        let id = self.cur_id();
        &mut self.scopes[id.0 as usize]
    }

    fn enter(&mut self, kind: BlockKind, name: String, lineno: u32, range: TextRange) {
        let id = ScopeId(self.scopes.len() as u32);
        let (nested, comp_iter_expr) = match self.stack.last() {
            Some(p) => {
                let parent = &self.scopes[p.0 as usize];
                (
                    parent.scope.nested || parent.scope.kind == BlockKind::Function,
                    parent.comp_iter_expr,
                )
            }
            None => (false, 0),
        };
        // Annotation blocks are never children: CPython only checks them.
        if kind != BlockKind::Annotation {
            if let Some(p) = self.stack.last() {
                self.scopes[p.0 as usize].scope.children.push(id);
            }
        }
        self.scopes.push(Building {
            scope: Scope {
                kind,
                name,
                lineno,
                range,
                nested,
                symbols: IndexMap::default(),
                varnames: Vec::new(),
                children: Vec::new(),
                comprehension: None,
                generator: false,
                coroutine: false,
                varargs: false,
                varkeywords: false,
                returns_value: false,
                free: false,
                child_free: false,
                needs_class_closure: false,
            },
            comp_iter_expr,
            comp_iter_target: false,
        });
        self.stack.push(id);
    }

    fn exit(&mut self) {
        self.stack.pop();
    }

    fn mangle(&self, name: &str) -> String {
        mangle(self.private.as_deref(), name)
    }

    fn lookup(&self, name: &str) -> u32 {
        let id = self.cur_id();
        let m = mangled(self.private.as_deref(), name);
        self.scopes[id.0 as usize].scope.symbols.get(&*m).map_or(0, |s| s.flags)
    }

    fn add_def(&mut self, name: &str, flag: u32, pos: Pos, range: TextRange) -> R {
        let id = self.cur_id();
        self.add_def_in(id, name, flag, pos, range)
    }

    fn add_def_in(&mut self, id: ScopeId, name: &str, flag: u32, pos: Pos, range: TextRange) -> R {
        let mangled = mangled(self.private.as_deref(), name);
        let kind = if flag & USE != 0 { OccKind::Use } else { self.bind_kind };
        let b = &mut self.scopes[id.0 as usize];
        // One lookup for a name the scope knows (most mentions are uses of
        // known names); the key is cloned only for a new one.
        let known = b.scope.symbols.get_mut(&*mangled);
        let mut val = match &known {
            Some(sym) => {
                if flag & DEF_PARAM != 0 && sym.flags & DEF_PARAM != 0 {
                    return Err(err_at(pos, range, format!("duplicate argument '{name}' in function definition")));
                }
                sym.flags | flag
            }
            None => flag,
        };
        if b.comp_iter_target {
            if val & (DEF_GLOBAL | DEF_NONLOCAL) != 0 {
                return Err(err_at(
                    pos,
                    range,
                    format!("comprehension inner loop cannot rebind assignment expression target '{name}'"),
                ));
            }
            val |= DEF_COMP_ITER;
        }
        let symbol = Symbol { flags: val, scope: SymbolScope::None };
        match known {
            Some(sym) => *sym = symbol,
            None => {
                b.scope.symbols.insert(mangled.to_string(), symbol);
            }
        }
        if flag & DEF_PARAM != 0 {
            b.scope.varnames.push(mangled.to_string());
        } else if flag & DEF_GLOBAL != 0 {
            // Declared global anywhere: the module's table learns of it.
            let module = &mut self.scopes[0].scope.symbols;
            match module.get_mut(&*mangled) {
                Some(entry) => entry.flags |= flag,
                None => {
                    module.insert(mangled.to_string(), Symbol { flags: flag, ..Symbol::default() });
                }
            }
        }
        // Recorded last, to move the name in (on an error above, the
        // whole build fails and the occurrences are not used).
        self.occurrences.push(Occurrence {
            scope: id,
            name: Identifier::from(&*mangled),
            flag,
            range,
            kind,
            block: self.block,
        });
        Ok(())
    }

    fn record_directive(&mut self, name: &str, pos: Pos, range: TextRange) {
        let scope = self.cur_id();
        let name = self.mangle(name);
        self.directives.push(Directive { scope, name, pos, range });
    }

    fn stmts(&mut self, body: &[Stmt]) -> R {
        self.blocks += 1;
        let saved = std::mem::replace(&mut self.block, self.blocks);
        let mut r = Ok(());
        for s in body {
            r = self.stmt(s);
            if r.is_err() {
                break;
            }
        }
        self.block = saved;
        r
    }

    /// Visit with `kind` as the kind of binding names in store context make.
    fn with_kind<T>(&mut self, kind: OccKind, f: impl FnOnce(&mut Self) -> T) -> T {
        let saved = std::mem::replace(&mut self.bind_kind, kind);
        let r = f(self);
        self.bind_kind = saved;
        r
    }

    /// Record uses of the names inside string annotations (`"List[Foo]"`),
    /// which CPython's tables never see, for lint rules.
    fn string_annotation_uses(&mut self, e: &Expr) {
        let mut strings = Vec::new();
        collect_strings(e, &mut strings);
        for (text, range) in strings {
            let parsed = pyx_syntax::parse_module(&format!("({text})"), pyx_syntax::ParseOptions::default());
            if !parsed.errors.is_empty() {
                continue;
            }
            let mut names = Vec::new();
            for st in &parsed.module.body {
                if let StmtKind::Expr { value } = &st.kind {
                    collect_names(value, &mut names);
                }
            }
            let scope = self.cur_id();
            for n in names {
                let name = self.mangle(&n);
                self.occurrences.push(Occurrence {
                    scope,
                    name: name.into(),
                    flag: USE,
                    range,
                    kind: OccKind::StringAnnotationUse,
                    block: self.block,
                });
            }
        }
    }

    fn exprs(&mut self, es: &[Expr]) -> R {
        for e in es {
            self.expr(e)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> R {
        match &s.kind {
            StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => {
                self.with_kind(OccKind::Def, |b| b.add_def(&f.name, DEF_LOCAL, s.pos, s.range))?;
                self.exprs(&f.args.defaults)?;
                for d in f.args.kw_defaults.iter().flatten() {
                    self.expr(d)?;
                }
                self.annotations(s, &f.args, f.returns.as_deref())?;
                self.exprs(&f.decorator_list)?;
                self.enter(BlockKind::Function, f.name.to_string(), s.pos.lineno, s.range);
                if matches!(s.kind, StmtKind::AsyncFunctionDef(_)) {
                    self.cur().scope.coroutine = true;
                }
                self.arguments(&f.args)?;
                self.stmts(&f.body)?;
                self.exit();
            }
            StmtKind::ClassDef {
                name,
                bases,
                keywords,
                body,
                decorator_list,
            } => {
                self.with_kind(OccKind::Class, |b| b.add_def(name, DEF_LOCAL, s.pos, s.range))?;
                self.exprs(bases)?;
                for k in keywords {
                    self.expr(&k.value)?;
                }
                self.exprs(decorator_list)?;
                self.enter(BlockKind::Class, name.to_string(), s.pos.lineno, s.range);
                let saved = self.private.replace(name.to_string());
                let r = self.stmts(body);
                self.private = saved;
                r?;
                self.exit();
            }
            StmtKind::Return { value } => {
                if let Some(v) = value {
                    self.expr(v)?;
                    self.cur().scope.returns_value = true;
                }
            }
            StmtKind::Delete { targets } => self.with_kind(OccKind::Del, |b| b.exprs(targets))?,
            StmtKind::Assign { targets, value, .. } => {
                for t in targets {
                    let kind = if matches!(t.kind, ExprKind::Name { .. }) { OccKind::Assign } else { OccKind::Unpack };
                    self.with_kind(kind, |b| b.expr(t))?;
                }
                self.expr(value)?;
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => {
                if let ExprKind::Name { id, .. } = &target.kind {
                    let cur = self.lookup(id);
                    let at_module = self.cur_id() == ScopeId(0);
                    if cur & (DEF_GLOBAL | DEF_NONLOCAL) != 0 && !at_module && *simple {
                        let what = if cur & DEF_GLOBAL != 0 { "global" } else { "nonlocal" };
                        return Err(err_at(s.pos, s.range, format!("annotated name '{id}' can't be {what}")));
                    }
                    let kind = if value.is_some() { OccKind::Assign } else { OccKind::Annotated };
                    if *simple {
                        self.with_kind(kind, |b| b.add_def(id, DEF_ANNOT | DEF_LOCAL, target.pos, target.range))?;
                    } else if value.is_some() {
                        self.with_kind(kind, |b| b.add_def(id, DEF_LOCAL, target.pos, target.range))?;
                    }
                } else {
                    self.expr(target)?;
                }
                self.annotation(annotation)?;
                if let Some(v) = value {
                    self.expr(v)?;
                }
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.with_kind(OccKind::AugAssign, |b| b.expr(target))?;
                self.expr(value)?;
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                ..
            }
            | StmtKind::AsyncFor {
                target,
                iter,
                body,
                orelse,
                ..
            } => {
                self.with_kind(OccKind::For, |b| b.expr(target))?;
                self.expr(iter)?;
                self.stmts(body)?;
                self.stmts(orelse)?;
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.expr(test)?;
                self.stmts(body)?;
                self.stmts(orelse)?;
            }
            StmtKind::Match { subject, cases } => {
                self.expr(subject)?;
                for c in cases {
                    self.pattern(&c.pattern)?;
                    if let Some(g) = &c.guard {
                        self.expr(g)?;
                    }
                    self.stmts(&c.body)?;
                }
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.expr(e)?;
                    if let Some(c) = cause {
                        self.expr(c)?;
                    }
                }
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            }
            | StmtKind::TryStar {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                self.stmts(body)?;
                self.stmts(orelse)?;
                for h in handlers {
                    if let Some(t) = &h.type_ {
                        self.expr(t)?;
                    }
                    if let Some(n) = &h.name {
                        self.with_kind(OccKind::ExceptAs, |b| b.add_def(n, DEF_LOCAL, h.pos, h.range))?;
                    }
                    self.stmts(&h.body)?;
                }
                self.stmts(finalbody)?;
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                if let Some(m) = msg {
                    self.expr(m)?;
                }
            }
            StmtKind::Import { names } | StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    self.alias(a)?;
                }
            }
            StmtKind::Global { names } => self.declare(s, names, "global", DEF_GLOBAL, OccKind::Global)?,
            StmtKind::Nonlocal { names } => self.declare(s, names, "nonlocal", DEF_NONLOCAL, OccKind::Nonlocal)?,
            StmtKind::Expr { value } => self.expr(value)?,
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
            StmtKind::With { items, body, .. } | StmtKind::AsyncWith { items, body, .. } => {
                for item in items {
                    self.expr(&item.context_expr)?;
                    if let Some(v) = &item.optional_vars {
                        self.with_kind(OccKind::With, |b| b.expr(v))?;
                    }
                }
                self.stmts(body)?;
            }
        }
        Ok(())
    }

    fn alias(&mut self, a: &Alias) -> R {
        let name = a.asname.as_deref().unwrap_or(&a.name);
        if name == "*" {
            if self.scopes[self.cur_id().0 as usize].scope.kind != BlockKind::Module {
                return Err(err_at(a.pos, a.range, "import * only allowed at module level"));
            }
            return Ok(());
        }
        let store = name.split('.').next().unwrap_or(name);
        let kind = if a.asname.is_some() { OccKind::ImportAs } else { OccKind::Import };
        self.with_kind(kind, |b| b.add_def(store, DEF_IMPORT, a.pos, a.range))
    }

    fn annotation(&mut self, e: &Expr) -> R {
        self.string_annotation_uses(e);
        if self.future_annotations {
            self.enter(BlockKind::Annotation, "_annotation".into(), e.pos.lineno, e.range);
            let r = self.expr(e);
            self.exit();
            r
        } else {
            self.expr(e)
        }
    }

    fn annotations(&mut self, s: &Stmt, a: &Arguments, returns: Option<&Expr>) -> R {
        if self.future_annotations {
            self.enter(BlockKind::Annotation, "_annotation".into(), s.pos.lineno, s.range);
        }
        let all_args = a.posonlyargs.iter().chain(&a.args).chain(a.vararg.as_deref()).chain(a.kwarg.as_deref()).chain(&a.kwonlyargs);
        for arg in all_args {
            if let Some(ann) = &arg.annotation {
                self.string_annotation_uses(ann);
            }
        }
        let r = (|| {
            for arg in a.posonlyargs.iter().chain(&a.args) {
                if let Some(ann) = &arg.annotation {
                    self.expr(ann)?;
                }
            }
            if let Some(ann) = a.vararg.as_ref().and_then(|v| v.annotation.as_ref()) {
                self.expr(ann)?;
            }
            if let Some(ann) = a.kwarg.as_ref().and_then(|v| v.annotation.as_ref()) {
                self.expr(ann)?;
            }
            for arg in &a.kwonlyargs {
                if let Some(ann) = &arg.annotation {
                    self.expr(ann)?;
                }
            }
            Ok(())
        })();
        if self.future_annotations {
            self.exit();
        }
        r?;
        if let Some(ret) = returns {
            self.annotation(ret)?;
        }
        Ok(())
    }

    fn arguments(&mut self, a: &Arguments) -> R {
        self.with_kind(OccKind::Param, |b| b.arguments_inner(a))
    }

    fn arguments_inner(&mut self, a: &Arguments) -> R {
        for arg in a.posonlyargs.iter().chain(&a.args).chain(&a.kwonlyargs) {
            self.add_def(&arg.arg, DEF_PARAM, arg.pos, arg.range)?;
        }
        if let Some(v) = &a.vararg {
            self.add_def(&v.arg, DEF_PARAM, v.pos, v.range)?;
            self.cur().scope.varargs = true;
        }
        if let Some(k) = &a.kwarg {
            self.add_def(&k.arg, DEF_PARAM, k.pos, k.range)?;
            self.cur().scope.varkeywords = true;
        }
        Ok(())
    }

    fn pattern(&mut self, p: &Pattern) -> R {
        self.with_kind(OccKind::Pattern, |b| b.pattern_inner(p))
    }

    fn pattern_inner(&mut self, p: &Pattern) -> R {
        match &p.kind {
            PatternKind::MatchValue { value } => self.expr(value)?,
            PatternKind::MatchSingleton { .. } => {}
            PatternKind::MatchSequence { patterns } | PatternKind::MatchOr { patterns } => {
                for q in patterns {
                    self.pattern(q)?;
                }
            }
            PatternKind::MatchStar { name } => {
                if let Some(n) = name {
                    self.add_def(n, DEF_LOCAL, p.pos, p.range)?;
                }
            }
            PatternKind::MatchMapping { keys, patterns, rest } => {
                self.exprs(keys)?;
                for q in patterns {
                    self.pattern(q)?;
                }
                if let Some(r) = rest {
                    self.add_def(r, DEF_LOCAL, p.pos, p.range)?;
                }
            }
            PatternKind::MatchClass {
                cls,
                patterns,
                kwd_patterns,
                ..
            } => {
                self.expr(cls)?;
                for q in patterns.iter().chain(kwd_patterns) {
                    self.pattern(q)?;
                }
            }
            PatternKind::MatchAs { pattern, name } => {
                if let Some(q) = pattern {
                    self.pattern(q)?;
                }
                if let Some(n) = name {
                    self.add_def(n, DEF_LOCAL, p.pos, p.range)?;
                }
            }
        }
        Ok(())
    }

    fn in_annotation_block(&self, what: &str, e: &Expr) -> R {
        if self.scopes[self.cur_id().0 as usize].scope.kind == BlockKind::Annotation {
            return Err(err_at(e.pos, e.range, format!("{what} can not be used within an annotation")));
        }
        Ok(())
    }

    fn expr(&mut self, e: &Expr) -> R {
        match &e.kind {
            ExprKind::NamedExpr { target, value } => {
                self.in_annotation_block("'named expression'", e)?;
                self.named_expr(e, target, value)?;
            }
            ExprKind::BoolOp { values, .. } => self.exprs(values)?,
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left)?;
                self.expr(right)?;
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand)?,
            ExprKind::Lambda { args, body } => {
                self.exprs(&args.defaults)?;
                for d in args.kw_defaults.iter().flatten() {
                    self.expr(d)?;
                }
                self.enter(BlockKind::Function, "lambda".into(), e.pos.lineno, e.range);
                self.arguments(args)?;
                self.expr(body)?;
                self.exit();
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                self.expr(body)?;
                self.expr(orelse)?;
            }
            ExprKind::Dict { keys, values } => {
                for k in keys.iter().flatten() {
                    self.expr(k)?;
                }
                self.exprs(values)?;
            }
            ExprKind::Set { elts } => self.exprs(elts)?,
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(e, "genexpr", CompKind::Generator, generators, elt, None)?
            }
            ExprKind::ListComp { elt, generators } => {
                self.comprehension(e, "listcomp", CompKind::List, generators, elt, None)?
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension(e, "setcomp", CompKind::Set, generators, elt, None)?
            }
            ExprKind::DictComp { key, value, generators } => {
                self.comprehension(e, "dictcomp", CompKind::Dict, generators, key, Some(value))?
            }
            ExprKind::Yield { value } => {
                self.in_annotation_block("'yield expression'", e)?;
                if let Some(v) = value {
                    self.expr(v)?;
                }
                self.yield_seen(e)?;
            }
            ExprKind::YieldFrom { value } => {
                self.in_annotation_block("'yield expression'", e)?;
                self.expr(value)?;
                self.yield_seen(e)?;
            }
            ExprKind::Await { value } => {
                self.in_annotation_block("'await expression'", e)?;
                self.expr(value)?;
                self.cur().scope.coroutine = true;
            }
            ExprKind::Compare { left, comparators, .. } => {
                self.expr(left)?;
                self.exprs(comparators)?;
            }
            ExprKind::Call { func, args, keywords } => {
                self.expr(func)?;
                self.exprs(args)?;
                for k in keywords {
                    self.expr(&k.value)?;
                }
            }
            ExprKind::FormattedValue { value, format_spec, .. } => {
                self.expr(value)?;
                if let Some(f) = format_spec {
                    self.expr(f)?;
                }
            }
            ExprKind::JoinedStr { values } => self.exprs(values)?,
            ExprKind::Constant { .. } => {}
            ExprKind::Attribute { value, .. } => self.expr(value)?,
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value)?;
                self.expr(slice)?;
            }
            ExprKind::Starred { value, .. } => self.expr(value)?,
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper, step].into_iter().flatten() {
                    self.expr(part)?;
                }
            }
            ExprKind::Name { id, ctx } => {
                let flag = if *ctx == ExprContext::Load { USE } else { DEF_LOCAL };
                self.add_def(id, flag, e.pos, e.range)?;
                // `super()` needs the class cell, as a use of `__class__`.
                if *ctx == ExprContext::Load
                    && id == "super"
                    && self.scopes[self.cur_id().0 as usize].scope.kind == BlockKind::Function
                {
                    self.with_kind(OccKind::Implicit, |b| b.add_def("__class__", USE, e.pos, e.range))?;
                }
            }
            ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => self.exprs(elts)?,
        }
        Ok(())
    }

    fn yield_seen(&mut self, e: &Expr) -> R {
        let cur = self.cur();
        cur.scope.generator = true;
        if let Some(kind) = cur.scope.comprehension {
            let msg = match kind {
                CompKind::List => "'yield' inside list comprehension",
                CompKind::Set => "'yield' inside set comprehension",
                CompKind::Dict => "'yield' inside dict comprehension",
                CompKind::Generator => "'yield' inside generator expression",
            };
            return Err(err_at(e.pos, e.range, msg));
        }
        Ok(())
    }

    fn named_expr(&mut self, e: &Expr, target: &Expr, value: &Expr) -> R {
        if self.cur().comp_iter_expr > 0 {
            return Err(err_at(
                e.pos,
                e.range,
                "assignment expression cannot be used in a comprehension iterable expression",
            ));
        }
        if self.cur().scope.comprehension.is_some() {
            self.extend_named_expr_scope(target)?;
        }
        self.expr(value)?;
        self.with_kind(OccKind::NamedExpr, |b| b.expr(target))
    }

    /// A `:=` inside a comprehension binds in the nearest enclosing function
    /// or module scope.
    fn extend_named_expr_scope(&mut self, target: &Expr) -> R {
        let ExprKind::Name { id, .. } = &target.kind else {
            return Ok(());
        };
        let (pos, range) = (target.pos, target.range);
        for i in (0..self.stack.len()).rev() {
            let sid = self.stack[i];
            let b = &self.scopes[sid.0 as usize];
            if b.scope.comprehension.is_some() {
                let in_scope = b.scope.symbols.get(id.as_str()).map_or(0, |s| s.flags);
                if in_scope & DEF_COMP_ITER != 0 {
                    return Err(err_at(
                        pos,
                        range,
                        format!("assignment expression cannot rebind comprehension iteration variable '{id}'"),
                    ));
                }
                continue;
            }
            match b.scope.kind {
                BlockKind::Function => {
                    let in_scope = b.scope.symbols.get(id.as_str()).map_or(0, |s| s.flags);
                    let flag = if in_scope & DEF_GLOBAL != 0 { DEF_GLOBAL } else { DEF_NONLOCAL };
                    self.add_def(id, flag, pos, range)?;
                    self.record_directive(id, pos, range);
                    return self.add_def_in(sid, id, DEF_LOCAL, pos, range);
                }
                BlockKind::Module => {
                    self.add_def(id, DEF_GLOBAL, pos, range)?;
                    self.record_directive(id, pos, range);
                    return self.add_def_in(sid, id, DEF_GLOBAL, pos, range);
                }
                BlockKind::Class => {
                    return Err(err_at(
                        pos,
                        range,
                        "assignment expression within a comprehension cannot be used in a class body",
                    ));
                }
                BlockKind::Annotation => {}
            }
        }
        Ok(())
    }

    fn comprehension(
        &mut self,
        e: &Expr,
        name: &str,
        kind: CompKind,
        generators: &[pyx_syntax::ast::Comprehension],
        elt: &Expr,
        value: Option<&Expr>,
    ) -> R {
        let Some(outermost) = generators.first() else {
            return self.expr(elt);
        };
        // The outermost iterable is evaluated in the enclosing scope.
        self.cur().comp_iter_expr += 1;
        let r = self.expr(&outermost.iter);
        self.cur().comp_iter_expr -= 1;
        r?;
        self.enter(BlockKind::Function, name.into(), e.pos.lineno, e.range);
        self.cur().scope.comprehension = Some(kind);
        if outermost.is_async {
            self.cur().scope.coroutine = true;
        }
        self.with_kind(OccKind::Implicit, |b| b.add_def(".0", DEF_PARAM, e.pos, e.range))?;
        self.cur().comp_iter_target = true;
        let r = self.with_kind(OccKind::Comprehension, |b| b.expr(&outermost.target));
        self.cur().comp_iter_target = false;
        r?;
        self.exprs(&outermost.ifs)?;
        for g in &generators[1..] {
            self.cur().comp_iter_target = true;
            let r = self.with_kind(OccKind::Comprehension, |b| b.expr(&g.target));
            self.cur().comp_iter_target = false;
            r?;
            self.cur().comp_iter_expr += 1;
            let r = self.expr(&g.iter);
            self.cur().comp_iter_expr -= 1;
            r?;
            self.exprs(&g.ifs)?;
            if g.is_async {
                self.cur().scope.coroutine = true;
            }
        }
        if let Some(v) = value {
            self.expr(v)?;
        }
        self.expr(elt)?;
        let is_generator = kind == CompKind::Generator;
        self.cur().scope.generator = is_generator;
        let is_async = self.cur().scope.coroutine && !is_generator;
        self.exit();
        if is_async {
            self.cur().scope.coroutine = true;
        }
        Ok(())
    }
}

/// Every string constant inside an annotation expression.
fn collect_strings(e: &Expr, out: &mut Vec<(String, TextRange)>) {
    match &e.kind {
        ExprKind::Constant { value: Constant::Str(s), .. } => {
            if let Some(t) = s.as_str() {
                out.push((t.to_string(), e.range));
            }
        }
        ExprKind::Subscript { value, slice, .. } => {
            collect_strings(value, out);
            collect_strings(slice, out);
        }
        ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => {
            for x in elts {
                collect_strings(x, out);
            }
        }
        ExprKind::BinOp { left, right, .. } => {
            collect_strings(left, out);
            collect_strings(right, out);
        }
        ExprKind::Attribute { value, .. } => collect_strings(value, out),
        ExprKind::Call { func, args, .. } => {
            collect_strings(func, out);
            for a in args {
                collect_strings(a, out);
            }
        }
        _ => {}
    }
}

/// The names loaded anywhere in an expression (for string annotations,
/// which may themselves contain strings).
fn collect_names(e: &Expr, out: &mut Vec<String>) {
    match &e.kind {
        ExprKind::Name { id, .. } => out.push(id.to_string()),
        ExprKind::Attribute { value, .. } => collect_names(value, out),
        ExprKind::Subscript { value, slice, .. } => {
            collect_names(value, out);
            collect_names(slice, out);
        }
        ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => {
            for x in elts {
                collect_names(x, out);
            }
        }
        ExprKind::BinOp { left, right, .. } => {
            collect_names(left, out);
            collect_names(right, out);
        }
        ExprKind::Call { func, args, .. } => {
            collect_names(func, out);
            for a in args {
                collect_names(a, out);
            }
        }
        ExprKind::Constant { value: Constant::Str(s), .. } => {
            if let Some(t) = s.as_str() {
                let parsed = pyx_syntax::parse_module(&format!("({t})"), pyx_syntax::ParseOptions::default());
                if parsed.errors.is_empty() {
                    for st in &parsed.module.body {
                        if let StmtKind::Expr { value } = &st.kind {
                            collect_names(value, out);
                        }
                    }
                }
            }
        }
        _ => {}
    }
}
