//! `_heapq`: CPython's C heap functions (`Modules/_heapqmodule.c`), with
//! the same comparisons in the same order, so that results and the
//! exceptions of misbehaving `__lt__` methods match.

use crate::code::CmpOp;
use crate::modules::native::{self, positional};
use crate::value::{Payload, Value};
use crate::vm::{Args, Vm};
use crate::PyResult;

const DOC: &str = "Heap queue algorithm (a.k.a. priority queue).\n\nHeaps are arrays for which a[k] <= a[2*k+1] and a[k] <= a[2*k+2] for\nall k, counting elements from 0.  For the sake of comparison,\nnon-existing elements are considered to be infinite.  The interesting\nproperty of a heap is that a[0] is always its smallest element.\n\nUsage:\n\nheap = []            # creates an empty heap\nheappush(heap, item) # pushes a new item on the heap\nitem = heappop(heap) # pops the smallest item from the heap\nitem = heap[0]       # smallest item on the heap without popping it\nheapify(x)           # transforms list into a heap, in-place, in linear time\nitem = heappushpop(heap, item) # pushes a new item and then returns\n                               # the smallest item; the heap size is unchanged\nitem = heapreplace(heap, item) # pops and returns smallest item, and adds\n                               # new item; the heap size is unchanged\n\nOur API differs from textbook heap algorithms as follows:\n\n- We use 0-based indexing.  This makes the relationship between the\n  index for a node and the indexes for its children slightly less\n  obvious, but is more suitable since Python uses 0-based indexing.\n\n- Our heappop() method returns the smallest item, not the largest.\n\nThese two make it possible to view the heap as a regular Python list\nwithout surprises: heap[0] is the smallest item, and heap.sort()\nmaintains the heap invariant!\n";

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let m = native::new_module(
        vm,
        "_heapq",
        &[
            ("heappush", heappush),
            ("heappop", heappop),
            ("heapify", heapify),
            ("heapreplace", heapreplace),
            ("heappushpop", heappushpop),
            ("_heappop_max", heappop_max),
            ("_heapreplace_max", heapreplace_max),
            ("_heapify_max", heapify_max),
        ],
    );
    native::set(&m, "__doc__", vm.new_str(DOC));
    native::set(&m, "__about__", vm.new_str("Heap queues"));
    Ok(m)
}

fn items(v: &Value) -> &std::cell::RefCell<Vec<Value>> {
    match v.payload() {
        Some(Payload::List(l)) => l,
        _ => unreachable!("checked to be a list"),
    }
}

fn len(v: &Value) -> usize {
    items(v).borrow().len()
}

fn get(v: &Value, i: usize) -> Value {
    items(v).borrow()[i].clone()
}

/// The heap argument: a list (or a subclass), with the clinic's message.
fn heap_arg(vm: &Vm, a: &Args, f: &str, n: usize) -> PyResult<Vec<Value>> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("_heapq.{f}() takes no keyword arguments")));
    }
    let qualified = format!("_heapq.{f}");
    let p = positional(vm, a, if n == 1 { &qualified } else { f }, n, n)?;
    if !matches!(p[0].payload(), Some(Payload::List(_))) {
        let which = if n == 1 { "argument".to_string() } else { "argument 1".to_string() };
        return Err(vm.type_error(format!("{f}() {which} must be list, not {}", vm.type_name(&p[0]))));
    }
    Ok(p.to_vec())
}

fn lt(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    let r = vm.compare(a, b, CmpOp::Lt)?;
    vm.truthy(&r)
}

fn changed(vm: &Vm) -> crate::PyErr {
    vm.err(&vm.types.exc.runtime_error, "list changed size during iteration")
}

fn out_of_range(vm: &Vm) -> crate::PyErr {
    vm.index_error("index out of range")
}

/// Compare for the min-heap (`a < b`) or the max-heap (`b < a`).
fn before(vm: &mut Vm, a: &Value, b: &Value, max: bool) -> PyResult<bool> {
    if max {
        lt(vm, b, a)
    } else {
        lt(vm, a, b)
    }
}

fn siftdown(vm: &mut Vm, heap: &Value, startpos: usize, mut pos: usize, max: bool) -> PyResult<()> {
    let size = len(heap);
    if pos >= size {
        return Err(out_of_range(vm));
    }
    while pos > startpos {
        let parentpos = (pos - 1) >> 1;
        let newitem = get(heap, pos);
        let parent = get(heap, parentpos);
        let cmp = before(vm, &newitem, &parent, max)?;
        if size != len(heap) {
            return Err(changed(vm));
        }
        if !cmp {
            break;
        }
        items(heap).borrow_mut().swap(parentpos, pos);
        pos = parentpos;
    }
    Ok(())
}

fn siftup(vm: &mut Vm, heap: &Value, mut pos: usize, max: bool) -> PyResult<()> {
    let endpos = len(heap);
    let startpos = pos;
    if pos >= endpos {
        return Err(out_of_range(vm));
    }
    let limit = endpos >> 1;
    while pos < limit {
        let mut childpos = 2 * pos + 1;
        if childpos + 1 < endpos {
            let a = get(heap, childpos);
            let b = get(heap, childpos + 1);
            let cmp = before(vm, &a, &b, max)?;
            if !cmp {
                childpos += 1;
            }
            if endpos != len(heap) {
                return Err(changed(vm));
            }
        }
        items(heap).borrow_mut().swap(childpos, pos);
        pos = childpos;
    }
    siftdown(vm, heap, startpos, pos, max)
}

fn heappush(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = heap_arg(vm, a, "heappush", 2)?;
    items(&p[0]).borrow_mut().push(p[1].clone());
    let n = len(&p[0]);
    siftdown(vm, &p[0], 0, n - 1, false)?;
    Ok(Value::None)
}

fn pop_internal(vm: &mut Vm, heap: &Value, max: bool) -> PyResult<Value> {
    let last = items(heap).borrow_mut().pop();
    let Some(last) = last else { return Err(out_of_range(vm)) };
    if len(heap) == 0 {
        return Ok(last);
    }
    let ret = std::mem::replace(&mut items(heap).borrow_mut()[0], last);
    siftup(vm, heap, 0, max)?;
    Ok(ret)
}

fn heappop(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = heap_arg(vm, a, "heappop", 1)?;
    pop_internal(vm, &p[0], false)
}

fn heappop_max(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = heap_arg(vm, a, "_heappop_max", 1)?;
    pop_internal(vm, &p[0], true)
}

fn replace_internal(vm: &mut Vm, heap: &Value, item: Value, max: bool) -> PyResult<Value> {
    if len(heap) == 0 {
        return Err(out_of_range(vm));
    }
    let ret = std::mem::replace(&mut items(heap).borrow_mut()[0], item);
    siftup(vm, heap, 0, max)?;
    Ok(ret)
}

fn heapreplace(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = heap_arg(vm, a, "heapreplace", 2)?;
    replace_internal(vm, &p[0], p[1].clone(), false)
}

fn heapreplace_max(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = heap_arg(vm, a, "_heapreplace_max", 2)?;
    replace_internal(vm, &p[0], p[1].clone(), true)
}

fn heappushpop(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = heap_arg(vm, a, "heappushpop", 2)?;
    let (heap, item) = (&p[0], p[1].clone());
    if len(heap) == 0 {
        return Ok(item);
    }
    let top = get(heap, 0);
    if !lt(vm, &top, &item)? {
        return Ok(item);
    }
    if len(heap) == 0 {
        return Err(out_of_range(vm));
    }
    let ret = std::mem::replace(&mut items(heap).borrow_mut()[0], item);
    siftup(vm, heap, 0, false)?;
    Ok(ret)
}

fn keep_top_bit(mut n: usize) -> usize {
    let mut i = 0;
    while n > 1 {
        n >>= 1;
        i += 1;
    }
    n << i
}

fn heapify_internal(vm: &mut Vm, heap: &Value, max: bool) -> PyResult<Value> {
    let n = len(heap);
    if n > 2500 {
        // CPython's cache-friendly order for large heaps.
        let m = n >> 1;
        let leftmost = keep_top_bit(m + 1) - 1;
        let mhalf = m >> 1;
        for range in [(mhalf, leftmost), (leftmost, m)] {
            let mut i = range.1;
            while i > range.0 {
                i -= 1;
                let mut j = i;
                loop {
                    siftup(vm, heap, j, max)?;
                    if j & 1 == 0 {
                        break;
                    }
                    j >>= 1;
                }
            }
        }
        return Ok(Value::None);
    }
    let mut i = n >> 1;
    while i > 0 {
        i -= 1;
        siftup(vm, heap, i, max)?;
    }
    Ok(Value::None)
}

fn heapify(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = heap_arg(vm, a, "heapify", 1)?;
    heapify_internal(vm, &p[0], false)
}

fn heapify_max(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = heap_arg(vm, a, "_heapify_max", 1)?;
    heapify_internal(vm, &p[0], true)
}
