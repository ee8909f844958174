//! Values and heap objects (docs/eval.md, "Values").
//!
//! Small ints, floats, bools and `None` are immediates; everything else is an
//! `Rc<Object>` whose payload is an enum over the built-in representations.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use num_bigint::BigInt;

use crate::code::Code;
use crate::objects::dict::Dict;
use crate::objects::str::PyStr;

pub type PyRef = Rc<Object>;

#[derive(Clone)]
pub enum Value {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Obj(PyRef),
}

impl Value {
    #[inline]
    pub fn obj(&self) -> Option<&PyRef> {
        match self {
            Value::Obj(o) => Some(o),
            _ => None,
        }
    }

    #[inline]
    pub fn payload(&self) -> Option<&Payload> {
        match self {
            Value::Obj(o) => Some(&o.payload),
            _ => None,
        }
    }

    /// Identity (`is`).
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Obj(a), Value::Obj(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }

    pub fn as_str(&self) -> Option<&PyStr> {
        match self.payload() {
            Some(Payload::Str(s)) => Some(s),
            _ => None,
        }
    }

    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// A float made by an operation (arithmetic, `float(str)`, unpacking):
    /// a NaN gets a fresh identity (see [`fresh_nan`]), anything else is
    /// the plain immediate.
    #[inline]
    pub fn float(f: f64) -> Value {
        if f.is_nan() {
            Value::Float(fresh_nan(f))
        } else {
            Value::Float(f)
        }
    }
}

/// NaN identity (docs/eval.md, "Values"). Floats are immediates and `is`
/// compares their bits, so each NaN an operation makes carries a serial
/// number in its 51 payload bits: two NaNs made apart differ to `is` (and
/// so to `in`, `count`, dict keys), while one NaN passed around stays the
/// same object, as in CPython. The sign and the quiet bit are kept.
static NAN_SERIAL: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
const NAN_PAYLOAD: u64 = (1 << 51) - 1;

pub fn fresh_nan(f: f64) -> f64 {
    let n = NAN_SERIAL.fetch_add(1, std::sync::atomic::Ordering::Relaxed) & NAN_PAYLOAD;
    let n = if n == 0 { 1 } else { n };
    f64::from_bits((f.to_bits() & (1 << 63)) | 0x7ff8_0000_0000_0000 | n)
}

/// The bits a NaN is written out as (`struct.pack`, `array`, `marshal`):
/// the serial number is pyx's own, so it is cleared, leaving CPython's
/// quiet NaN with the value's sign.
#[inline]
pub fn canonical_nan(f: f64) -> f64 {
    if f.is_nan() {
        f64::from_bits(f.to_bits() & 0xfff8_0000_0000_0000)
    } else {
        f
    }
}

impl From<PyRef> for Value {
    fn from(o: PyRef) -> Self {
        Value::Obj(o)
    }
}

/// A heap object: its class, an optional instance dict, the values of its
/// class's `__slots__`, and its payload.
pub struct Object {
    pub class: ClassCell,
    pub dict: Option<InstDict>,
    /// One place per slot of the class's layout (`ClassData::nslots`),
    /// read and written by `member_descriptor`s; empty (no allocation) for
    /// classes without slots. `None` is an unset slot.
    pub slots: Slots,
    pub payload: Payload,
}

pub type Slots = Box<[Cell<Option<Value>>]>;

/// No slots: what every object of a class without `__slots__` has.
#[inline]
pub fn no_slots() -> Slots {
    Box::new([])
}

/// `n` unset slots.
pub fn new_slots(n: usize) -> Slots {
    if n == 0 {
        return no_slots();
    }
    (0..n).map(|_| Cell::new(None)).collect()
}

/// The value of slot `i` (`None` when unset or out of range).
#[inline]
pub fn slot_get(o: &Object, i: usize) -> Option<Value> {
    let c = o.slots.get(i)?;
    let v = c.take();
    let r = v.clone();
    c.set(v);
    r
}

thread_local! {
    static DICT_TYPE: RefCell<Option<PyRef>> = const { RefCell::new(None) };
}

/// The `dict` class, for the namespace objects of instances and classes.
pub fn set_dict_type(t: PyRef) {
    DICT_TYPE.with(|d| *d.borrow_mut() = Some(t));
}

/// An object's namespace (`obj.__dict__`): a real dict object, so that
/// `obj.__dict__` and `vars(obj)` are live views of the attributes.
#[derive(Clone)]
pub struct DictRef(pub PyRef);

impl DictRef {
    pub fn new(d: Dict) -> DictRef {
        let class = match DICT_TYPE.with(|t| t.borrow().clone()) {
            Some(t) => ClassCell::new(t),
            None => ClassCell::empty(),
        };
        DictRef(Rc::new(Object { class, dict: None, slots: no_slots(), payload: Payload::Dict(RefCell::new(d)) }))
    }

    pub fn cell(&self) -> &RefCell<Dict> {
        match &self.0.payload {
            Payload::Dict(d) => d,
            _ => unreachable!("a DictRef holds a dict object"),
        }
    }

    pub fn borrow(&self) -> std::cell::Ref<'_, Dict> {
        self.cell().borrow()
    }

    pub fn borrow_mut(&self) -> std::cell::RefMut<'_, Dict> {
        self.cell().borrow_mut()
    }

    pub fn try_borrow(&self) -> Result<std::cell::Ref<'_, Dict>, std::cell::BorrowError> {
        self.cell().try_borrow()
    }

    pub fn try_borrow_mut(&self) -> Result<std::cell::RefMut<'_, Dict>, std::cell::BorrowMutError> {
        self.cell().try_borrow_mut()
    }

    pub fn value(&self) -> Value {
        Value::Obj(self.0.clone())
    }
}

/// An object's `__dict__`: a dict object that `obj.__dict__ = d` can
/// replace (CPython's dict pointer), so it sits in a cell. Reading it
/// (`borrow`) holds the cell shared for as long as the dict is borrowed.
pub struct InstDict(RefCell<DictRef>);

/// A borrow of the dict an [`InstDict`] holds.
pub struct DictBorrow<'a> {
    // Declared first so it is dropped before the borrow of the cell that
    // keeps its dict in place.
    inner: std::cell::Ref<'a, Dict>,
    _outer: std::cell::Ref<'a, DictRef>,
}

impl std::ops::Deref for DictBorrow<'_> {
    type Target = Dict;
    fn deref(&self) -> &Dict {
        &self.inner
    }
}

/// A mutable borrow of the dict an [`InstDict`] holds.
pub struct DictBorrowMut<'a> {
    inner: std::cell::RefMut<'a, Dict>,
    _outer: std::cell::Ref<'a, DictRef>,
}

impl std::ops::Deref for DictBorrowMut<'_> {
    type Target = Dict;
    fn deref(&self) -> &Dict {
        &self.inner
    }
}

impl std::ops::DerefMut for DictBorrowMut<'_> {
    fn deref_mut(&mut self) -> &mut Dict {
        &mut self.inner
    }
}

impl InstDict {
    pub fn new(d: Dict) -> InstDict {
        InstDict(RefCell::new(DictRef::new(d)))
    }

    /// The dict object itself (a new reference).
    pub fn get(&self) -> DictRef {
        self.0.borrow().clone()
    }

    /// `obj.__dict__ = d` (`d` must be a dict object). Fails while the
    /// current dict is borrowed.
    pub fn set(&self, d: PyRef) -> Result<(), ()> {
        let mut cur = self.0.try_borrow_mut().map_err(|_| ())?;
        let old = std::mem::replace(&mut *cur, DictRef(d));
        drop(cur);
        drop(old);
        Ok(())
    }

    fn outer(&self) -> Result<(std::cell::Ref<'_, DictRef>, &RefCell<Dict>), ()> {
        let outer = self.0.try_borrow().map_err(|_| ())?;
        // SAFETY: the `DictRef` lives in `self.0`, which cannot be replaced
        // (`set` needs a mutable borrow) while `outer` is held; the dict
        // object it points to is kept alive by it. Callers keep `outer`
        // next to the borrow of the dict, dropped after it.
        let cell: &RefCell<Dict> = unsafe { &*(outer.cell() as *const RefCell<Dict>) };
        Ok((outer, cell))
    }

    pub fn borrow(&self) -> DictBorrow<'_> {
        self.try_borrow().expect("instance dict already mutably borrowed")
    }

    pub fn borrow_mut(&self) -> DictBorrowMut<'_> {
        self.try_borrow_mut().expect("instance dict already borrowed")
    }

    pub fn try_borrow(&self) -> Result<DictBorrow<'_>, ()> {
        let (outer, cell) = self.outer()?;
        let inner = cell.try_borrow().map_err(|_| ())?;
        Ok(DictBorrow { inner, _outer: outer })
    }

    pub fn try_borrow_mut(&self) -> Result<DictBorrowMut<'_>, ()> {
        let (outer, cell) = self.outer()?;
        let inner = cell.try_borrow_mut().map_err(|_| ())?;
        Ok(DictBorrowMut { inner, _outer: outer })
    }

    pub fn value(&self) -> Value {
        Value::Obj(self.0.borrow().0.clone())
    }
}

impl Object {
    pub fn class(&self) -> PyRef {
        self.class.borrow().clone()
    }
}

/// An object's class. Empty only while `type` itself is being created.
pub struct ClassCell(RefCell<Option<PyRef>>);

impl ClassCell {
    pub fn new(c: PyRef) -> ClassCell {
        ClassCell(RefCell::new(Some(c)))
    }

    pub fn empty() -> ClassCell {
        ClassCell(RefCell::new(None))
    }

    pub fn borrow(&self) -> std::cell::Ref<'_, PyRef> {
        std::cell::Ref::map(self.0.borrow(), |c| c.as_ref().expect("every object has a class once `type` exists"))
    }

    pub fn set(&self, c: PyRef) {
        *self.0.borrow_mut() = Some(c);
    }

    pub fn take(&self) -> Option<PyRef> {
        self.0.borrow_mut().take()
    }

    pub fn try_borrow(&self) -> Result<std::cell::Ref<'_, PyRef>, ()> {
        let r = self.0.try_borrow().map_err(|_| ())?;
        if r.is_none() {
            return Err(());
        }
        Ok(std::cell::Ref::map(r, |c| c.as_ref().expect("checked above")))
    }

    pub fn from_option(c: Option<PyRef>) -> ClassCell {
        ClassCell(RefCell::new(c))
    }
}

pub enum Payload {
    /// An instance of a user class with no built-in base (state in `dict`).
    Instance,
    Str(PyStr),
    /// Ints that do not fit an `i64`, and instances of int subclasses.
    BigInt(BigInt),
    /// Instances of float subclasses.
    Float(f64),
    Complex(f64, f64),
    Bytes(Box<[u8]>),
    ByteArray(RefCell<Vec<u8>>),
    List(RefCell<Vec<Value>>),
    Tuple(Box<[Value]>),
    Dict(RefCell<Dict>),
    Set(RefCell<Dict>),
    FrozenSet(Dict),
    Range { start: BigInt, stop: BigInt, step: BigInt },
    Slice(Value, Value, Value),
    Function(Box<Function>),
    Native(Native),
    Method { func: Value, self_: Value },
    Class(Box<ClassData>),
    /// A module: its name and its namespace (a dict object, shared with
    /// the globals of the functions defined in it).
    Module { name: String, dict: PyRef },
    Cell(RefCell<Option<Value>>),
    Code(Rc<Code>),
    Exception(ExcData),
    Iter(RefCell<IterState>),
    Generator(RefCell<crate::vm::frame::GenState>),
    Property { fget: Value, fset: Value, fdel: Value, doc: Value },
    ClassMethod(Value),
    StaticMethod(Value),
    Super { this: PyRef, obj: Value },
    NotImplemented,
    Ellipsis,
    /// A traceback object: one link of an exception's traceback chain.
    Traceback(TbNode),
    /// `dict.keys()` (0), `.values()` (1), `.items()` (2).
    DictView { dict: Value, kind: u8 },
    /// The awaitable of an async generator's `__anext__`/`asend`/….
    AsyncGenStep(RefCell<crate::objects::async_gen::StepState>),
    /// A descriptor of a class's instance layout (`member_descriptor` for
    /// a slot, `getset_descriptor` for `__dict__`/`__weakref__`).
    Member(MemberDescr),
    /// A value yielded by an async generator's `yield` (not by an await).
    AsyncGenWrapped(Value),
    MemoryView(RefCell<crate::objects::memoryview::MemView>),
    /// An open (or closed) file from `open()`.
    File(Box<RefCell<crate::objects::files::FileState>>),
    /// The state of an instance of a native module's class (`deque`,
    /// `Pattern`, …): the module's own Rust type, reached by downcasting
    /// (see `modules::opaque`).
    Opaque(RefCell<Box<dyn std::any::Any>>),
}

/// A Python function: code, globals, defaults, closure.
pub struct Function {
    /// Assignable (`f.__code__ = …`, with as many free variables).
    pub code: RefCell<Rc<Code>>,
    pub globals: PyRef,
    pub name: RefCell<Value>,
    pub qualname: RefCell<Value>,
    pub defaults: RefCell<Option<Rc<[Value]>>>,
    pub kwdefaults: RefCell<Option<PyRef>>,
    pub closure: Option<Rc<[PyRef]>>,
    pub doc: RefCell<Value>,
    pub annotations: RefCell<Option<PyRef>>,
    pub module: RefCell<Value>,
}

pub struct MemberDescr {
    pub name: Value,
    pub kind: MemberKind,
    /// The class that defines it (`__objclass__`), weakly: the class's
    /// dict holds the descriptor.
    pub owner: std::rc::Weak<Object>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum MemberKind {
    /// `__slots__` entry stored at this index of `Object::slots`.
    Slot(usize),
    /// The instance `__dict__`.
    Dict,
    /// `__weakref__`.
    Weakref,
}

pub type NativeFn = fn(&mut crate::vm::Vm, &crate::vm::Args) -> crate::PyResult<Value>;

/// A function written in Rust: a builtin, or a method of a built-in type
/// (bound when `self_` is set).
pub struct Native {
    pub name: &'static str,
    pub func: NativeFn,
    pub self_: Option<Value>,
    /// A method found in a type's dict binds to the instance.
    pub is_method: bool,
    /// For `__new__` and class methods of built-in types.
    pub is_static: bool,
    /// A method of a native module's class (`deque.__getitem__`): the VM
    /// dispatches to it as it would to a Python method, where a built-in
    /// type's own native dunders are bypassed for its inline fast paths.
    pub module: bool,
    /// The class whose dict holds this method: called unbound
    /// (`int.__add__(x, y)`), its first argument must be an instance.
    pub owner: Option<std::rc::Weak<Object>>,
}

/// A native function of a core built-in type (not of a native module's
/// class): the operations it implements are handled inline by the VM.
pub fn is_core_native(v: &Value) -> bool {
    matches!(v.payload(), Some(Payload::Native(n)) if !n.module)
}

pub struct ClassData {
    pub name: RefCell<String>,
    pub qualname: RefCell<String>,
    pub bases: RefCell<Vec<PyRef>>,
    pub mro: RefCell<Vec<PyRef>>,
    /// The built-in representation its instances carry.
    pub base_kind: BaseKind,
    pub version: Cell<u64>,
    /// One of the built-in types themselves (not a user subclass).
    pub builtin_exact: Cell<bool>,
    /// Has `__slots__` without `__dict__`.
    pub no_dict: Cell<bool>,
    /// How many slots its instances have (`Object::slots`): its own
    /// `__slots__` after those of the base whose layout it extends.
    pub nslots: Cell<u32>,
    /// MRO lookups by name (keyed by the name string's address, which the
    /// entry keeps alive), valid for one `vm::TYPE_EPOCH`.
    pub cache: RefCell<(u64, rustc_hash::FxHashMap<usize, (Value, Option<Value>)>)>,
    /// Direct subclasses (`type.__subclasses__`), weakly.
    pub subclasses: RefCell<Vec<std::rc::Weak<Object>>>,
    /// CPython's `tp_name` for a native module's class
    /// (`collections.deque`), used in messages; `None` for other classes.
    pub tp_name: RefCell<Option<String>>,
    /// CPython's `Py_TPFLAGS_SEQUENCE` / `Py_TPFLAGS_MAPPING` for pattern
    /// matching ([`COLLECTION_SEQUENCE`], [`COLLECTION_MAPPING`]): set by
    /// `_abc` (`__abc_tpflags__`, `register`), inherited from the base.
    pub collection_flags: Cell<u8>,
}

pub const COLLECTION_SEQUENCE: u8 = 1;
pub const COLLECTION_MAPPING: u8 = 2;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BaseKind {
    Object,
    Int,
    Float,
    Str,
    Bytes,
    ByteArray,
    List,
    Tuple,
    Dict,
    Set,
    Exception,
    /// `type` and metaclasses.
    Type,
    /// Types whose instances cannot be created from Python (`function`, …).
    Other,
    /// A native module's class whose own `__new__` builds its instances
    /// (with a `Payload::Opaque`); Python classes may subclass it.
    Native,
}

pub struct ExcData {
    pub args: RefCell<Value>,
    /// `__traceback__`: `None` or the head of a chain of traceback
    /// objects (`Payload::Traceback`), outermost frame first.
    pub traceback: RefCell<Value>,
    pub cause: RefCell<Value>,
    pub context: RefCell<Value>,
    pub suppress_context: Cell<bool>,
}

/// One line of a traceback: the code, the instruction that failed.
#[derive(Clone)]
pub struct TbEntry {
    pub code: Rc<Code>,
    pub lasti: usize,
    /// The frame's globals (for "Did you mean" suggestions).
    pub globals: Option<PyRef>,
}

/// A traceback object (CPython's `PyTracebackObject`): a frame, where it
/// was, and `tb_next`, the entry of the frame it called (`None` at the
/// innermost). The VM prepends one when an exception leaves a frame.
pub struct TbNode {
    /// The frame's code, instruction and globals (`None` for a
    /// `TracebackType(...)` whose frame has no code object).
    pub at: Option<TbEntry>,
    /// `tb_lasti` (in CPython's bytes: twice the instruction index).
    pub lasti: i64,
    pub lineno: i64,
    /// The frame, where it is and its frame object (for the first entry
    /// of a frame activation, or one made by `TracebackType(...)`).
    pub own: TbFrame,
    /// The first entry of the same frame activation, whose `own` the later
    /// entries use (so they share one frame object).
    pub first: Option<Value>,
    /// `tb_next`: `None` or another traceback object.
    pub next: RefCell<Value>,
}

/// A long chain is freed entry by entry, not by recursion.
impl Drop for TbNode {
    fn drop(&mut self) {
        let mut next = self.next.replace(Value::None);
        while let Value::Obj(o) = next {
            if Rc::strong_count(&o) != 1 {
                break;
            }
            next = match &o.payload {
                Payload::Traceback(n) => n.next.replace(Value::None),
                _ => Value::None,
            };
        }
    }
}

/// What the traceback entries of one frame activation share (kept in the
/// first entry): where the frame is now (a re-raise moves it on: `finally` bodies, `except`
/// clauses that do not match) and its frame object (`tb_frame`, a snapshot
/// made on first read, then kept up to date).
pub struct TbFrame {
    pub lasti: Cell<usize>,
    pub frame: RefCell<Value>,
}

/// The state of a built-in iterator.
pub enum IterState {
    Seq { seq: Value, index: usize },
    /// `start` is kept for `__reduce__`/`__setstate__` (CPython's index).
    Range { start: i64, next: i64, stop: i64, step: i64 },
    BigRange { start: BigInt, next: BigInt, stop: BigInt, step: BigInt },
    Str { s: Value, index: usize },
    DictKeys { dict: Value, index: usize, len_at_start: usize, version: u64 },
    /// A set's keys in CPython's table order (a snapshot), and the set to
    /// watch for size changes.
    SetKeys { set: Value, keys: Vec<Value>, index: usize, len_at_start: usize },
    DictValues { dict: Value, index: usize, len_at_start: usize },
    DictItems { dict: Value, index: usize, len_at_start: usize },
    Callable { func: Value, sentinel: Value, done: bool },
    Enumerate { iter: Value, count: BigInt },
    Zip { iters: Vec<Value>, strict: bool },
    Map { func: Value, iters: Vec<Value> },
    Filter { func: Value, iter: Value },
    Reversed { seq: Value, index: isize },
    Exhausted,
}

#[cfg(test)]
mod size_tests {
    /// Every allocation builds and copies a whole `Object`, so large
    /// payloads (class data, functions, files) are boxed.
    #[test]
    fn objects_stay_small() {
        use std::mem::size_of;
        assert!(size_of::<super::Payload>() <= 144, "Payload is {} bytes", size_of::<super::Payload>());
        assert!(size_of::<super::Object>() <= 200, "Object is {} bytes", size_of::<super::Object>());
    }
}
