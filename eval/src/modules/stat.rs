//! `_stat`: the C accelerator of `stat.py` (CPython 3.11's
//! `Modules/_stat.c`), with Linux's values: the `S_IF*`/`S_I*`, `UF_*`,
//! `SF_*` and `ST_*` constants, the `S_IS*` predicates, `S_IMODE`,
//! `S_IFMT` and `filemode`.

use num_traits::ToPrimitive;

use crate::modules::native;
use crate::value::{NativeFn, Value};
use crate::vm::{ops, Args, Vm};
use crate::PyResult;

const S_IFMT: u32 = 0o170000;
const S_IFDIR: u32 = 0o040000;
const S_IFCHR: u32 = 0o020000;
const S_IFBLK: u32 = 0o060000;
const S_IFREG: u32 = 0o100000;
const S_IFIFO: u32 = 0o010000;
const S_IFLNK: u32 = 0o120000;
const S_IFSOCK: u32 = 0o140000;

const CONSTANTS: &[(&str, i64)] = &[
    ("S_IFDIR", S_IFDIR as i64),
    ("S_IFCHR", S_IFCHR as i64),
    ("S_IFBLK", S_IFBLK as i64),
    ("S_IFREG", S_IFREG as i64),
    ("S_IFIFO", S_IFIFO as i64),
    ("S_IFLNK", S_IFLNK as i64),
    ("S_IFSOCK", S_IFSOCK as i64),
    ("S_IFDOOR", 0),
    ("S_IFPORT", 0),
    ("S_IFWHT", 0),
    ("S_ISUID", 0o4000),
    ("S_ISGID", 0o2000),
    ("S_ISVTX", 0o1000),
    ("S_ENFMT", 0o2000),
    ("S_IREAD", 0o400),
    ("S_IWRITE", 0o200),
    ("S_IEXEC", 0o100),
    ("S_IRWXU", 0o700),
    ("S_IRUSR", 0o400),
    ("S_IWUSR", 0o200),
    ("S_IXUSR", 0o100),
    ("S_IRWXG", 0o070),
    ("S_IRGRP", 0o040),
    ("S_IWGRP", 0o020),
    ("S_IXGRP", 0o010),
    ("S_IRWXO", 0o007),
    ("S_IROTH", 0o004),
    ("S_IWOTH", 0o002),
    ("S_IXOTH", 0o001),
    ("UF_NODUMP", 0x1),
    ("UF_IMMUTABLE", 0x2),
    ("UF_APPEND", 0x4),
    ("UF_OPAQUE", 0x8),
    ("UF_NOUNLINK", 0x10),
    ("UF_COMPRESSED", 0x20),
    ("UF_HIDDEN", 0x8000),
    ("SF_ARCHIVED", 0x10000),
    ("SF_IMMUTABLE", 0x20000),
    ("SF_APPEND", 0x40000),
    ("SF_NOUNLINK", 0x100000),
    ("SF_SNAPSHOT", 0x200000),
    ("ST_MODE", 0),
    ("ST_INO", 1),
    ("ST_DEV", 2),
    ("ST_NLINK", 3),
    ("ST_UID", 4),
    ("ST_GID", 5),
    ("ST_SIZE", 6),
    ("ST_ATIME", 7),
    ("ST_MTIME", 8),
    ("ST_CTIME", 9),
];

const DOC: &str = include_str!("stat_doc.txt");

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let funcs: &[(&'static str, NativeFn)] = &[
        ("S_ISDIR", s_isdir),
        ("S_ISCHR", s_ischr),
        ("S_ISBLK", s_isblk),
        ("S_ISREG", s_isreg),
        ("S_ISFIFO", s_isfifo),
        ("S_ISLNK", s_islnk),
        ("S_ISSOCK", s_issock),
        ("S_ISDOOR", s_isdoor),
        ("S_ISPORT", s_isport),
        ("S_ISWHT", s_iswht),
        ("S_IMODE", s_imode),
        ("S_IFMT", s_ifmt),
        ("filemode", filemode),
    ];
    let m = native::new_module(vm, "_stat", funcs);
    native::set(&m, "__doc__", vm.new_str(DOC));
    for (name, v) in CONSTANTS {
        native::set(&m, name, Value::Int(*v));
    }
    Ok(m)
}

/// The one argument of `_stat.NAME()` as a `mode_t` (`_PyLong_AsMode_t`).
fn mode(vm: &mut Vm, a: &Args, name: &str) -> PyResult<u32> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("_stat.{name}() takes no keyword arguments")));
    }
    if a.pos.len() != 1 {
        return Err(vm.type_error(format!("_stat.{name}() takes exactly one argument ({} given)", a.pos.len())));
    }
    let Some(b) = ops::as_big(&a.pos[0]) else {
        return Err(vm.type_error("an integer is required"));
    };
    if b.sign() == num_bigint::Sign::Minus {
        return Err(vm.overflow_error("can't convert negative value to unsigned int"));
    }
    let Some(v) = b.to_u64() else {
        return Err(vm.overflow_error("Python int too large to convert to C unsigned long"));
    };
    u32::try_from(v).map_err(|_| vm.overflow_error("mode out of range"))
}

macro_rules! is_type {
    ($($f:ident $name:literal $mask:expr;)*) => {
        $(fn $f(vm: &mut Vm, a: &Args) -> PyResult<Value> {
            let m = mode(vm, a, $name)?;
            let want: u32 = $mask;
            Ok(Value::Bool(want != 0 && m & S_IFMT == want))
        })*
    };
}

is_type! {
    s_isdir "S_ISDIR" S_IFDIR;
    s_ischr "S_ISCHR" S_IFCHR;
    s_isblk "S_ISBLK" S_IFBLK;
    s_isreg "S_ISREG" S_IFREG;
    s_isfifo "S_ISFIFO" S_IFIFO;
    s_islnk "S_ISLNK" S_IFLNK;
    s_issock "S_ISSOCK" S_IFSOCK;
    s_isdoor "S_ISDOOR" 0;
    s_isport "S_ISPORT" 0;
    s_iswht "S_ISWHT" 0;
}

fn s_imode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let m = mode(vm, a, "S_IMODE")?;
    Ok(Value::Int((m & 0o7777) as i64))
}

fn s_ifmt(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let m = mode(vm, a, "S_IFMT")?;
    Ok(Value::Int((m & S_IFMT) as i64))
}

fn filemode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let m = mode(vm, a, "filemode")?;
    let kind = match m & S_IFMT {
        S_IFREG => '-',
        S_IFDIR => 'd',
        S_IFLNK => 'l',
        S_IFBLK => 'b',
        S_IFCHR => 'c',
        S_IFIFO => 'p',
        S_IFSOCK => 's',
        _ => '?',
    };
    let bit = |mask: u32, c: char| if m & mask != 0 { c } else { '-' };
    let special = |sbit: u32, xbit: u32, on: char, off: char, x: char| match (m & sbit != 0, m & xbit != 0) {
        (true, true) => on,
        (true, false) => off,
        (false, true) => x,
        (false, false) => '-',
    };
    let s: String = [
        kind,
        bit(0o400, 'r'),
        bit(0o200, 'w'),
        special(0o4000, 0o100, 's', 'S', 'x'),
        bit(0o040, 'r'),
        bit(0o020, 'w'),
        special(0o2000, 0o010, 's', 'S', 'x'),
        bit(0o004, 'r'),
        bit(0o002, 'w'),
        special(0o1000, 0o001, 't', 'T', 'x'),
    ]
    .iter()
    .collect();
    Ok(vm.new_str(&s))
}
