//! `_opcode`: `stack_effect` for CPython 3.11's bytecode (the table of
//! `Python/compile.c`, pseudo-instructions included), so that `opcode` and
//! `dis` import as in CPython. pyx does not run CPython bytecode; this is
//! the reference table only.

use crate::modules::native::{self, bind_posonly};
use crate::value::Value;
use crate::vm::{Args, Vm};
use crate::PyResult;

const HAVE_ARGUMENT: i64 = 90;

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let m = native::new_module(vm, "_opcode", &[("stack_effect", stack_effect), ("get_specialization_stats", get_specialization_stats)]);
    native::set(&m, "__doc__", vm.new_str("Opcode support module."));
    Ok(m)
}

fn get_specialization_stats(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(Value::None)
}

/// `stack_effect(opcode, oparg, jump)` of CPython 3.11 (`jump` is -1 for
/// "either"); None for an invalid opcode.
fn effect(opcode: i64, oparg: i32, jump: i32) -> Option<i32> {
    let e = match opcode {
        // NOP, EXTENDED_ARG, RESUME, CACHE
        9 | 144 | 151 | 0 => 0,
        1 => -1,                          // POP_TOP
        99 => 0,                          // SWAP
        10 | 11 | 12 | 15 => 0,          // unary operators
        146 | 145 => -1,                  // SET_ADD, LIST_APPEND
        147 => -2,                        // MAP_ADD
        25 => -1,                         // BINARY_SUBSCR
        60 => -3,                         // STORE_SUBSCR
        61 => -2,                         // DELETE_SUBSCR
        68 => 0,                          // GET_ITER
        70 => -1,                         // PRINT_EXPR
        71 => 1,                          // LOAD_BUILD_CLASS
        83 => -1,                         // RETURN_VALUE
        84 => -1,                         // IMPORT_STAR
        85 => 0,                          // SETUP_ANNOTATIONS
        87 | 86 => 0,                     // ASYNC_GEN_WRAP, YIELD_VALUE
        -4 => 0,                          // POP_BLOCK
        89 => -1,                         // POP_EXCEPT
        90 => -1,                         // STORE_NAME
        91 => 0,                          // DELETE_NAME
        92 => oparg.wrapping_sub(1),      // UNPACK_SEQUENCE
        94 => (oparg & 0xff) + (oparg >> 8), // UNPACK_EX
        93 => {
            if jump > 0 {
                -1
            } else {
                1
            }
        } // FOR_ITER
        123 => {
            if jump > 0 {
                -1
            } else {
                0
            }
        } // SEND
        95 => -2,                         // STORE_ATTR
        96 => -1,                         // DELETE_ATTR
        97 => -1,                         // STORE_GLOBAL
        98 => 0,                          // DELETE_GLOBAL
        100 | 101 => 1,                   // LOAD_CONST, LOAD_NAME
        102 | 103 | 104 | 157 => 1i32.wrapping_sub(oparg), // BUILD_TUPLE/LIST/SET/STRING
        105 => 1i32.wrapping_sub(oparg.wrapping_mul(2)), // BUILD_MAP
        156 => oparg.wrapping_neg(),      // BUILD_CONST_KEY_MAP
        106 => 0,                         // LOAD_ATTR
        107 | 117 | 118 => -1,            // COMPARE_OP, IS_OP, CONTAINS_OP
        36 | 37 => 0,                     // CHECK_EXC_MATCH, CHECK_EG_MATCH
        108 => -1,                        // IMPORT_NAME
        109 => 1,                         // IMPORT_FROM
        // JUMP_FORWARD, JUMP_BACKWARD, JUMP, JUMP_BACKWARD_NO_INTERRUPT, JUMP_NO_INTERRUPT
        110 | 140 | -5 | 134 | -6 => 0,
        111 | 112 => {
            if jump != 0 {
                0
            } else {
                -1
            }
        } // JUMP_IF_{FALSE,TRUE}_OR_POP
        // the POP_JUMP_* family (forward, backward, pseudo)
        174 | 129 | -9 | 173 | 128 | -10 | 114 | 175 | -7 | 115 | 176 | -8 => -1,
        116 => (oparg & 1) + 1,           // LOAD_GLOBAL
        -1 => {
            if jump != 0 {
                1
            } else {
                0
            }
        } // SETUP_FINALLY
        -2 => {
            if jump != 0 {
                2
            } else {
                0
            }
        } // SETUP_CLEANUP
        -3 => {
            if jump != 0 {
                1
            } else {
                0
            }
        } // SETUP_WITH
        88 => -1,                         // PREP_RERAISE_STAR
        119 => -1,                        // RERAISE
        35 => 1,                          // PUSH_EXC_INFO
        49 => 1,                          // WITH_EXCEPT_START
        124 => 1,                         // LOAD_FAST
        125 => -1,                        // STORE_FAST
        126 => 0,                         // DELETE_FAST
        75 => 0,                          // RETURN_GENERATOR
        130 => oparg.wrapping_neg(),      // RAISE_VARARGS
        166 => oparg.wrapping_neg(),      // PRECALL
        172 => 0,                         // KW_NAMES
        171 => -1,                        // CALL
        142 => -2 - ((oparg & 1) != 0) as i32, // CALL_FUNCTION_EX
        132 => -(((oparg & 1) != 0) as i32) - ((oparg & 2) != 0) as i32 - ((oparg & 4) != 0) as i32 - ((oparg & 8) != 0) as i32, // MAKE_FUNCTION
        133 => {
            if oparg == 3 {
                -2
            } else {
                -1
            }
        } // BUILD_SLICE
        135 | 149 => 0,                   // MAKE_CELL, COPY_FREE_VARS
        136 => 1,                         // LOAD_CLOSURE
        137 | 148 => 1,                   // LOAD_DEREF, LOAD_CLASSDEREF
        138 => -1,                        // STORE_DEREF
        139 => 0,                         // DELETE_DEREF
        131 => 0,                         // GET_AWAITABLE
        52 | 53 => 1,                     // BEFORE_ASYNC_WITH, BEFORE_WITH
        50 => 0,                          // GET_AITER
        51 => 1,                          // GET_ANEXT
        69 => 0,                          // GET_YIELD_FROM_ITER
        54 => -2,                         // END_ASYNC_FOR
        155 => {
            if oparg & 0x4 == 0x4 {
                -1
            } else {
                0
            }
        } // FORMAT_VALUE
        160 => 1,                         // LOAD_METHOD
        74 => 1,                          // LOAD_ASSERTION_ERROR
        82 => 0,                          // LIST_TO_TUPLE
        162 | 163 | 164 | 165 => -1,      // LIST_EXTEND, SET_UPDATE, DICT_MERGE, DICT_UPDATE
        152 => -2,                        // MATCH_CLASS
        30 | 31 | 32 | 33 => 1,           // GET_LEN, MATCH_MAPPING, MATCH_SEQUENCE, MATCH_KEYS
        120 | 2 => 1,                     // COPY, PUSH_NULL
        122 => -1,                        // BINARY_OP
        _ => return None,
    };
    Some(e)
}

fn stack_effect(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind_posonly(vm, a, "stack_effect", &["opcode", "oparg", "jump"], 1, 2, 2)?;
    let opcode = crate::objects::str_methods::c_int(vm, s[0].as_ref().unwrap_or(&Value::None))?;
    let oparg = s[1].clone().unwrap_or(Value::None);
    let mut oparg_int = 0i32;
    if opcode >= HAVE_ARGUMENT {
        if oparg.is_none() {
            return Err(vm.value_error("stack_effect: opcode requires oparg but oparg was not specified"));
        }
        let big = crate::builtins::index_big(vm, &oparg)?;
        let Some(n) = num_traits::ToPrimitive::to_i64(&big) else {
            return Err(vm.overflow_error("Python int too large to convert to C long"));
        };
        oparg_int = n as i32;
    } else if !oparg.is_none() {
        return Err(vm.value_error("stack_effect: opcode does not permit oparg but oparg was specified"));
    }
    let jump = match &s[2] {
        None | Some(Value::None) => -1,
        Some(Value::Bool(true)) => 1,
        Some(Value::Bool(false)) => 0,
        Some(_) => return Err(vm.value_error("stack_effect: jump must be False, True or None")),
    };
    match effect(opcode, oparg_int, jump) {
        Some(e) => Ok(Value::Int(e as i64)),
        None => Err(vm.value_error("invalid opcode or oparg")),
    }
}
