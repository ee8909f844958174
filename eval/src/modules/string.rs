//! `_string`: the parsers behind `string.Formatter` (the same grammar as
//! `str.format`).

use crate::modules::native::{self, positional};
use crate::objects::str::PyStr;
use crate::value::Value;
use crate::vm::{Args, Vm};
use crate::PyResult;

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    Ok(native::new_module(vm, "_string", &[("formatter_parser", formatter_parser), ("formatter_field_name_split", field_name_split)]))
}

fn str_arg(vm: &Vm, a: &Args, f: &str) -> PyResult<Vec<char>> {
    let a = positional(vm, a, f, 1, 1)?;
    match a[0].as_str() {
        Some(s) => Ok(s.to_string_lossy().chars().collect()),
        None => Err(vm.type_error(format!("descriptor '{f}' for 'str' objects doesn't apply to a '{}' object", vm.type_name(&a[0])))),
    }
}

fn s(vm: &Vm, chars: &[char]) -> Value {
    vm.new_pystr(PyStr::new(&chars.iter().collect::<String>()))
}

fn formatter_parser(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let c = str_arg(vm, a, "formatter_parser")?;
    let mut out = Vec::new();
    let mut i = 0;
    let n = c.len();
    while i < n {
        let mut lit: Vec<char> = Vec::new();
        let mut field: Option<(Vec<char>, Vec<char>, Option<char>)> = None;
        while i < n {
            let ch = c[i];
            if ch == '{' {
                if i + 1 < n && c[i + 1] == '{' {
                    lit.push('{');
                    i += 2;
                    // CPython yields the literal up to and including one brace.
                    break;
                }
                // A replacement field.
                i += 1;
                let start = i;
                let mut depth = 1;
                let mut end = None;
                while i < n {
                    match c[i] {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = Some(i);
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                let Some(end) = end else {
                    return Err(vm.value_error("expected '}' before end of string"));
                };
                i = end + 1;
                let body = &c[start..end];
                // field_name [! conversion] [: spec], the name ends at the
                // first '!' or ':' outside brackets.
                let mut j = 0;
                let mut bracket = false;
                while j < body.len() {
                    match body[j] {
                        '[' => bracket = true,
                        ']' => bracket = false,
                        '!' | ':' if !bracket => break,
                        _ => {}
                    }
                    j += 1;
                }
                let name = body[..j].to_vec();
                let mut conv = None;
                let mut spec = Vec::new();
                if j < body.len() && body[j] == '!' {
                    if j + 1 >= body.len() {
                        return Err(vm.value_error("end of string while looking for conversion specifier"));
                    }
                    conv = Some(body[j + 1]);
                    j += 2;
                    if j < body.len() && body[j] != ':' {
                        return Err(vm.value_error("expected ':' after conversion specifier"));
                    }
                }
                if j < body.len() && body[j] == ':' {
                    spec = body[j + 1..].to_vec();
                }
                field = Some((name, spec, conv));
                break;
            } else if ch == '}' {
                if i + 1 < n && c[i + 1] == '}' {
                    lit.push('}');
                    i += 2;
                    break;
                }
                return Err(vm.value_error("Single '}' encountered in format string"));
            } else {
                lit.push(ch);
                i += 1;
            }
        }
        let item = match field {
            Some((name, spec, conv)) => {
                let conv = match conv {
                    Some(c) => vm.new_str(&c.to_string()),
                    None => Value::None,
                };
                vm.new_tuple(vec![s(vm, &lit), s(vm, &name), s(vm, &spec), conv])
            }
            None => vm.new_tuple(vec![s(vm, &lit), Value::None, Value::None, Value::None]),
        };
        out.push(item);
    }
    let l = vm.new_list(out);
    vm.iter(&l)
}

fn field_name_split(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let c = str_arg(vm, a, "formatter_field_name_split")?;
    let mut i = 0;
    while i < c.len() && c[i] != '.' && c[i] != '[' {
        i += 1;
    }
    let num = |vm: &Vm, t: &[char]| -> Value {
        if !t.is_empty() && t.iter().all(|d| d.is_ascii_digit()) {
            let st: String = t.iter().collect();
            if let Ok(n) = st.parse::<i64>() {
                return Value::Int(n);
            }
        }
        s(vm, t)
    };
    let first = num(vm, &c[..i]);
    let mut rest = Vec::new();
    while i < c.len() {
        if c[i] == '.' {
            let start = i + 1;
            i = start;
            while i < c.len() && c[i] != '.' && c[i] != '[' {
                i += 1;
            }
            if i == start {
                return Err(vm.value_error("Empty attribute in format string"));
            }
            let t = vm.new_tuple(vec![Value::Bool(true), s(vm, &c[start..i])]);
            rest.push(t);
        } else if c[i] == '[' {
            let start = i + 1;
            i = start;
            while i < c.len() && c[i] != ']' {
                i += 1;
            }
            if i >= c.len() {
                return Err(vm.value_error("Missing ']' in format string"));
            }
            if i == start {
                return Err(vm.value_error("Empty attribute in format string"));
            }
            let t = vm.new_tuple(vec![Value::Bool(false), num(vm, &c[start..i])]);
            rest.push(t);
            i += 1;
            if i < c.len() && c[i] != '.' && c[i] != '[' {
                return Err(vm.value_error("Only '.' or '[' may follow ']' in format field specifier"));
            }
        } else {
            break;
        }
    }
    let l = vm.new_list(rest);
    let it = vm.iter(&l)?;
    Ok(vm.new_tuple(vec![first, it]))
}
