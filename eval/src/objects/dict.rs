//! `dict` (and the table behind `set`/`frozenset`): insertion ordered, a
//! dense entry vector plus a sparse open-addressing index, as CPython's
//! compact dict. Keys whose equality is native (str, int, float, bool, None,
//! tuples of those) are compared without leaving Rust; any other key's
//! `__eq__` is called with no borrow held, and the lookup restarts if the
//! table changed meanwhile.

use std::cell::RefCell;

use crate::value::{Payload, Value};
use crate::vm::Vm;
use crate::PyResult;

const EMPTY: u32 = u32::MAX;
const DELETED: u32 = u32::MAX - 1;

#[derive(Clone)]
pub struct Entry {
    pub hash: i64,
    pub key: Value,
    pub value: Value,
}

#[derive(Clone, Default)]
pub struct Dict {
    entries: Vec<Option<Entry>>,
    index: Vec<u32>,
    len: usize,
    /// Bumped on every insertion of a new key and every removal.
    pub version: u64,
}

/// Keys compared without calling Python code.
pub fn native_eq_key(v: &Value) -> bool {
    match v {
        Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_) => true,
        Value::Obj(o) => match &o.payload {
            Payload::Str(_) | Payload::BigInt(_) | Payload::Bytes(_) => crate::vm::is_exact_builtin(o),
            Payload::Tuple(items) => crate::vm::is_exact_builtin(o) && items.iter().all(native_eq_key),
            _ => false,
        },
    }
}

enum Probe {
    Found(usize),
    /// Not present; the slot of the index where it would go.
    Absent,
    /// Candidates needing a Python `__eq__` (entry positions).
    Ask(Vec<usize>),
}

impl Dict {
    pub fn new() -> Dict {
        Dict::default()
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn mask(&self) -> usize {
        self.index.len() - 1
    }

    fn probe(&self, hash: i64, key: &Value) -> Probe {
        if self.index.is_empty() {
            return Probe::Absent;
        }
        let mask = self.mask();
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        let mut ask = Vec::new();
        loop {
            let slot = self.index[i];
            if slot == EMPTY {
                return if ask.is_empty() { Probe::Absent } else { Probe::Ask(ask) };
            }
            if slot != DELETED {
                if let Some(e) = &self.entries[slot as usize] {
                    if e.hash == hash {
                        if e.key.is(key) {
                            return Probe::Found(slot as usize);
                        }
                        if native_eq_key(&e.key) && native_eq_key(key) {
                            if crate::vm::ops::native_eq(&e.key, key) {
                                return Probe::Found(slot as usize);
                            }
                        } else {
                            ask.push(slot as usize);
                        }
                    }
                }
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
    }

    fn insert_index(&mut self, hash: i64, pos: usize) {
        let mask = self.mask();
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        loop {
            let slot = self.index[i];
            if slot == EMPTY || slot == DELETED {
                self.index[i] = pos as u32;
                return;
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
    }

    fn grow_if_needed(&mut self) {
        // Keep the index at most 2/3 full of entries (live or dead).
        if (self.entries.len() + 1) * 3 < self.index.len() * 2 {
            return;
        }
        let live: Vec<Entry> = self.entries.drain(..).flatten().collect();
        let mut size = 8;
        while size * 2 < (live.len() + 1) * 3 + 1 {
            size *= 2;
        }
        // Room to grow before the next rebuild.
        if size < live.len() * 3 {
            size *= 2;
        }
        self.index = vec![EMPTY; size];
        self.entries = Vec::with_capacity(live.len() + 1);
        for (pos, e) in live.into_iter().enumerate() {
            self.insert_index(e.hash, pos);
            self.entries.push(Some(e));
        }
    }

    /// Lookup for keys with native equality (no Python code can run).
    pub fn get_native(&self, hash: i64, key: &Value) -> Option<&Value> {
        match self.probe(hash, key) {
            Probe::Found(pos) => self.entries[pos].as_ref().map(|e| &e.value),
            _ => None,
        }
    }

    /// The position of a key with native equality (for caches that then
    /// read [`Dict::value_at`] while `version` is unchanged).
    pub fn position_native(&self, hash: i64, key: &Value) -> Option<usize> {
        match self.probe(hash, key) {
            Probe::Found(pos) => Some(pos),
            _ => None,
        }
    }

    /// The value of the entry at `pos`, if one lives there.
    #[inline]
    pub fn value_at(&self, pos: usize) -> Option<&Value> {
        self.entries.get(pos).and_then(|e| e.as_ref()).map(|e| &e.value)
    }

    /// Lookup by a Rust string (names, attributes).
    pub fn get_str(&self, name: &str) -> Option<&Value> {
        let key = crate::vm::str_key(name);
        let hash = key.as_str().map(|s| s.hash()).unwrap_or(0);
        self.get_native(hash, &key)
    }

    /// Insert or replace a key with native equality.
    pub fn set_native(&mut self, hash: i64, key: Value, value: Value) {
        if let Probe::Found(pos) = self.probe(hash, &key) {
            if let Some(e) = &mut self.entries[pos] {
                e.value = value;
            }
            return;
        }
        self.push_new(hash, key, value);
    }

    fn push_new(&mut self, hash: i64, key: Value, value: Value) {
        self.grow_if_needed();
        let pos = self.entries.len();
        self.entries.push(Some(Entry { hash, key, value }));
        self.insert_index(hash, pos);
        self.len += 1;
        self.version += 1;
    }

    pub fn set_str(&mut self, name: &str, value: Value) {
        let key = crate::vm::str_key(name);
        let hash = key.as_str().map(|s| s.hash()).unwrap_or(0);
        self.set_native(hash, key, value);
    }

    fn remove_at(&mut self, pos: usize) -> Option<Entry> {
        let e = self.entries[pos].take()?;
        // Mark the index slot pointing at `pos` deleted.
        let mask = self.mask();
        let mut i = (e.hash as u64 as usize) & mask;
        let mut perturb = e.hash as u64;
        loop {
            let slot = self.index[i];
            if slot == pos as u32 {
                self.index[i] = DELETED;
                break;
            }
            if slot == EMPTY {
                break;
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
        self.len -= 1;
        self.version += 1;
        Some(e)
    }

    pub fn remove_str(&mut self, name: &str) -> Option<Value> {
        let key = crate::vm::str_key(name);
        let hash = key.as_str().map(|s| s.hash()).unwrap_or(0);
        match self.probe(hash, &key) {
            Probe::Found(pos) => self.remove_at(pos).map(|e| e.value),
            _ => None,
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().flatten()
    }

    /// The keys in the order CPython's set table would iterate them (the
    /// insertion order replayed into its open-addressing table).
    pub fn set_keys(&self) -> Vec<Value> {
        let entries: Vec<&Entry> = self.entries.iter().flatten().collect();
        let hashes: Vec<i64> = entries.iter().map(|e| e.hash).collect();
        crate::objects::hashing::set_order(&hashes).into_iter().map(|i| entries[i].key.clone()).collect()
    }

    pub fn keys(&self) -> Vec<Value> {
        self.iter().map(|e| e.key.clone()).collect()
    }

    pub fn values(&self) -> Vec<Value> {
        self.iter().map(|e| e.value.clone()).collect()
    }

    pub fn items(&self) -> Vec<(Value, Value)> {
        self.iter().map(|e| (e.key.clone(), e.value.clone())).collect()
    }

    /// The `n`th live entry at or after position `*pos` (for iterators),
    /// advancing `*pos` past it.
    pub fn entry_from(&self, pos: &mut usize) -> Option<&Entry> {
        while *pos < self.entries.len() {
            let p = *pos;
            *pos += 1;
            if let Some(e) = &self.entries[p] {
                return Some(e);
            }
        }
        None
    }

    /// How many live entries sit before position `pos` (for iterators'
    /// length hints).
    pub fn count_before(&self, pos: usize) -> usize {
        self.entries[..pos.min(self.entries.len())].iter().filter(|e| e.is_some()).count()
    }

    /// Take every key and value out (for dropping without recursion).
    pub fn drain_into(&mut self, out: &mut Vec<Value>) {
        for e in self.entries.drain(..).flatten() {
            out.push(e.key);
            out.push(e.value);
        }
        self.index.clear();
        self.len = 0;
        self.version += 1;
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.index.clear();
        self.len = 0;
        self.version += 1;
    }

    /// Remove and return the last inserted entry.
    pub fn pop_last(&mut self) -> Option<Entry> {
        let pos = self.entries.iter().rposition(|e| e.is_some())?;
        self.remove_at(pos)
    }

    pub fn first(&self) -> Option<&Entry> {
        self.iter().next()
    }
}

/// Lookup in a dict cell, calling Python `__hash__`/`__eq__` as needed.
pub fn get(vm: &mut Vm, d: &RefCell<Dict>, key: &Value) -> PyResult<Option<Value>> {
    let hash = vm.hash(key)?;
    get_hashed(vm, d, hash, key)
}

pub fn get_hashed(vm: &mut Vm, d: &RefCell<Dict>, hash: i64, key: &Value) -> PyResult<Option<Value>> {
    let pos = find_pos(vm, d, hash, key)?;
    Ok(pos.and_then(|p| d.borrow().entries[p].as_ref().map(|e| e.value.clone())))
}

/// Find the entry position of `key`, calling Python code as needed.
fn find_pos(vm: &mut Vm, d: &RefCell<Dict>, hash: i64, key: &Value) -> PyResult<Option<usize>> {
    loop {
        let (cands, version) = {
            let b = d.borrow();
            match b.probe(hash, key) {
                Probe::Found(pos) => return Ok(Some(pos)),
                Probe::Absent => return Ok(None),
                Probe::Ask(c) => {
                    let keys: Vec<(usize, Value)> =
                        c.into_iter().filter_map(|p| b.entries[p].as_ref().map(|e| (p, e.key.clone()))).collect();
                    (keys, b.version)
                }
            }
        };
        let mut restart = false;
        for (pos, k) in cands {
            let eq = vm.eq(&k, key)?;
            if d.borrow().version != version {
                restart = true;
                break;
            }
            if eq {
                return Ok(Some(pos));
            }
        }
        if !restart {
            return Ok(None);
        }
    }
}

pub fn set(vm: &mut Vm, d: &RefCell<Dict>, key: Value, value: Value) -> PyResult<()> {
    let hash = vm.hash(&key)?;
    set_hashed(vm, d, hash, key, value)
}

pub fn set_hashed(vm: &mut Vm, d: &RefCell<Dict>, hash: i64, key: Value, value: Value) -> PyResult<()> {
    match find_pos(vm, d, hash, &key)? {
        Some(pos) => {
            let mut b = d.borrow_mut();
            if let Some(e) = &mut b.entries[pos] {
                e.value = value;
            }
        }
        None => d.borrow_mut().push_new(hash, key, value),
    }
    Ok(())
}

/// Remove `key`; its value if it was there.
pub fn remove(vm: &mut Vm, d: &RefCell<Dict>, key: &Value) -> PyResult<Option<Value>> {
    let hash = vm.hash(key)?;
    match find_pos(vm, d, hash, key)? {
        Some(pos) => Ok(d.borrow_mut().remove_at(pos).map(|e| e.value)),
        None => Ok(None),
    }
}

pub fn contains(vm: &mut Vm, d: &RefCell<Dict>, key: &Value) -> PyResult<bool> {
    Ok(get(vm, d, key)?.is_some())
}
