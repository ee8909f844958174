//! Compiled code on disk, as CPython keeps `.pyc` files: importing a module
//! whose source has not changed since it was last compiled loads its code
//! instead of lexing, parsing, lowering and compiling it again.
//!
//! - **Modules imported through importlib** use CPython's own mechanism
//!   unchanged (`SourceLoader.get_code` in `importlib._bootstrap_external`):
//!   `sys.implementation.cache_tag` is `pyx-311`, so the files are
//!   `__pycache__/NAME.pyx-311.pyc` beside the source; their 16-byte header
//!   (magic, flags, source mtime, source size) is written and checked by
//!   importlib; `marshal.dumps(code)`/`marshal.loads` carry the code itself
//!   in the form [`encode`] makes. `sys.dont_write_bytecode` (`-B`,
//!   `PYTHONDONTWRITEBYTECODE`) and `sys.pycache_prefix`
//!   (`PYTHONPYCACHEPREFIX`) work as in CPython.
//! - **Modules pyx loads itself**: the two bootstrap modules
//!   (`importlib._bootstrap` and `_bootstrap_external`), the modules CPython
//!   freezes into its binary (`abc`, `codecs`, `os`, … through
//!   `_imp.get_frozen_object`) and those imported while importlib starts:
//!   [`compile_module_file`] keeps their code the same way itself, in
//!   `__pycache__/NAME.pyx-311-frozen.pyc` (a name of its own, since their
//!   code is compiled under another file name, `<frozen NAME>`).
//!
//! The magic number is not CPython's: it is derived from a hash of pyx's
//! compiler and interpreter sources (`build.rs`), so a file written by
//! another build of pyx is refused by the header check and rewritten, and
//! never decoded. The encoded code repeats the whole fingerprint, so
//! `marshal.loads` refuses foreign data too.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::code::CodeUnit;

/// Hex hash of the sources that decide compiled code (see `build.rs`).
pub const FINGERPRINT: &str = env!("PYX_CODE_FINGERPRINT");

/// Marks a code object encoded by pyx (`marshal.dumps(code)`).
const MARK: &[u8; 4] = b"PYXC";

/// The cache tag: `sys.implementation.cache_tag`.
pub const CACHE_TAG: &str = "pyx-311";

fn fingerprint() -> u64 {
    u64::from_str_radix(FINGERPRINT, 16).unwrap_or(0)
}

/// importlib's `MAGIC_NUMBER` for pyx's `.pyc` files.
pub fn magic() -> [u8; 4] {
    let f = fingerprint();
    ((f as u32) ^ ((f >> 32) as u32)).to_le_bytes()
}

/// A compiled unit as bytes: `PYXC`, the fingerprint, the unit.
pub fn encode(unit: &CodeUnit) -> Option<Vec<u8>> {
    let mut out = MARK.to_vec();
    out.extend(fingerprint().to_le_bytes());
    postcard::to_extend(unit, out).ok()
}

/// Whether `data` is a code object in [`encode`]'s form.
pub fn is_encoded(data: &[u8]) -> bool {
    data.starts_with(MARK)
}

/// [`decode`]'s answer for cut-off data (CPython's EOFError message).
pub const TOO_SHORT: &str = "marshal data too short";

/// The unit [`encode`] made, or why not.
pub fn decode(data: &[u8]) -> Result<CodeUnit, &'static str> {
    let rest = data.strip_prefix(MARK).ok_or("not pyx code")?;
    if rest.len() < 8 || rest[..8] != fingerprint().to_le_bytes() {
        return Err("code from another build of pyx");
    }
    postcard::from_bytes(&rest[8..]).map_err(|e| match e {
        postcard::Error::DeserializeUnexpectedEnd => TOO_SHORT,
        _ => "corrupt code",
    })
}

fn source_stamp(path: &Path) -> Option<(u32, u32)> {
    let meta = std::fs::metadata(path).ok()?;
    let mtime = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    // importlib keeps both fields modulo 2**32.
    Some((mtime as u32, meta.len() as u32))
}

/// `DIR/__pycache__/STEM.pyx-311-frozen.pyc` for `DIR/STEM.py`.
fn frozen_cache_path(source: &Path) -> Option<PathBuf> {
    let dir = source.parent()?;
    let stem = source.file_stem()?.to_str()?;
    Some(dir.join("__pycache__").join(format!("{stem}.{CACHE_TAG}-frozen.pyc")))
}

fn header(stamp: (u32, u32)) -> Vec<u8> {
    let mut h = magic().to_vec();
    h.extend(0u32.to_le_bytes());
    h.extend(stamp.0.to_le_bytes());
    h.extend(stamp.1.to_le_bytes());
    h
}

/// The code of `source` from its cache file when that was written for
/// this source and this build; else `compile()`'s, which is then written
/// (unless `write` is false). Any failure to read or write the cache only
/// means compiling.
pub fn load_or_compile<E>(source: &Path, write: bool, compile: impl FnOnce() -> Result<Arc<CodeUnit>, E>) -> Result<Arc<CodeUnit>, E> {
    let stamp = source_stamp(source);
    let cache = frozen_cache_path(source);
    if let (Some(stamp), Some(cache)) = (stamp, cache.as_ref()) {
        if let Ok(data) = std::fs::read(cache) {
            if data.len() > 16 && data[..16] == header(stamp)[..] {
                if let Ok(unit) = decode(&data[16..]) {
                    return Ok(Arc::new(unit));
                }
            }
        }
    }
    let unit = compile()?;
    if let (true, Some(stamp), Some(cache)) = (write, stamp, cache) {
        if let Some(body) = encode(&unit) {
            let mut data = header(stamp);
            data.extend(body);
            write_atomic(&cache, &data);
        }
    }
    Ok(unit)
}

/// The runtime code of the module file `path` (its text already decoded),
/// compiled under `filename` or loaded from its cache file: for modules
/// pyx loads itself rather than through importlib (the bootstrap, the
/// frozen modules, the importer used while importlib starts).
pub fn compile_module_file(vm: &mut crate::vm::Vm, path: &Path, text: &str, filename: &str) -> crate::PyResult<std::rc::Rc<crate::code::Code>> {
    let write = !crate::modules::sys::dont_write_bytecode();
    let unit = load_or_compile(path, write, || crate::run::compile_source(vm, text, filename, crate::run::Mode::Exec).map(|c| c.unit.clone()))?;
    Ok(crate::run::materialize(vm, &unit, &std::rc::Rc::from(text)))
}

/// Write through a temporary file and a rename, so a reader sees the old
/// file or the whole new one; errors (a read-only directory) are ignored.
fn write_atomic(path: &Path, data: &[u8]) {
    let Some(dir) = path.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    if std::fs::write(&tmp, data).is_ok() && std::fs::rename(&tmp, path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(src: &str) -> CodeUnit {
        let mut vm = crate::vm::Vm::new(vec![], vec![]);
        let code = crate::run::compile_source(&mut vm, src, "<t>", crate::run::Mode::Exec).ok().expect("compiles");
        (*code.unit).clone()
    }

    #[test]
    fn encode_decode_round_trip() {
        let u = unit("def f(a, *b, c=1.5, **d):\n    return [x for x in b if x] or (a, -0.0, 1e300, 10**30, b'\\xff', '\\ud800', {1, 2})\nclass C:\n    def g(self): return __class__\ntry:\n    pass\nexcept* ValueError:\n    pass\n");
        let bytes = encode(&u).expect("encodes");
        assert!(is_encoded(&bytes));
        assert_eq!(decode(&bytes).expect("decodes"), u);
    }

    #[test]
    fn foreign_or_truncated_data_is_refused() {
        let bytes = encode(&unit("x = 1\n")).expect("encodes");
        assert_eq!(decode(&bytes[..bytes.len() - 2]), Err(TOO_SHORT));
        let mut other = bytes.clone();
        other[5] ^= 1;
        assert_eq!(decode(&other), Err("code from another build of pyx"));
        assert_eq!(decode(b"\xe3junk"), Err("not pyx code"));
    }
}
