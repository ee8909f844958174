//! Python's `repr()` of the values that appear in an AST: `str`, `bytes`,
//! `int`, `float`, `complex`, `True`/`False`/`None`/`Ellipsis`.
//!
//! The output must be byte-for-byte what CPython 3.11 prints, because
//! `ast.dump` (and so `pyx ast`) shows constants through `repr()`. The tests
//! below ask the installed `python3` for the expected text.
//!
//! Every `write_*` function appends to a caller-supplied `String` and
//! allocates nothing else, so `dump` can print a whole module into one buffer.

use std::fmt::Write as _;

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use super::nodes::{Constant, PyStr};
use crate::unicode_tables::is_printable;

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Appends `\xNN`, `\uNNNN` or `\UNNNNNNNN` (lower-case hex) as CPython's
/// `unicode_repr` does for a code point it will not print as is.
fn push_escape(out: &mut String, c: u32) {
    let (prefix, digits) = if c <= 0xFF {
        ("\\x", 2)
    } else if c <= 0xFFFF {
        ("\\u", 4)
    } else {
        ("\\U", 8)
    };
    out.push_str(prefix);
    for i in (0..digits).rev() {
        out.push(HEX[((c >> (4 * i)) & 0xF) as usize] as char);
    }
}

/// The quote `repr()` uses: `"` only when the text contains `'` and no `"`.
#[inline]
fn choose_quote(has_single: bool, has_double: bool) -> char {
    if has_single && !has_double {
        '"'
    } else {
        '\''
    }
}

/// Appends the escape for one code point of a `str`, or the code point itself.
#[inline]
fn push_str_char(out: &mut String, c: u32, quote: char) {
    match c {
        0x5C => out.push_str("\\\\"),
        0x09 => out.push_str("\\t"),
        0x0A => out.push_str("\\n"),
        0x0D => out.push_str("\\r"),
        _ if c == quote as u32 => {
            out.push('\\');
            out.push(quote);
        }
        0x00..=0x1F | 0x7F => push_escape(out, c),
        0x20..=0x7E => out.push(c as u8 as char),
        _ => {
            if is_printable(c) {
                // Printable code points are never surrogates, so this is a `char`.
                out.push(char::from_u32(c).expect("printable code points are valid chars"));
            } else {
                push_escape(out, c);
            }
        }
    }
}

/// `repr()` of a `str` held as UTF-8.
pub fn write_str_repr_utf8(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let quote = choose_quote(bytes.contains(&b'\''), bytes.contains(&b'"'));
    let q = quote as u8;
    out.reserve(s.len() + 2);
    out.push(quote);
    // Copy runs of plain printable ASCII in one go; handle everything else
    // one code point at a time.
    let mut run_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if (0x20..0x7F).contains(&b) && b != b'\\' && b != q {
            i += 1;
            continue;
        }
        out.push_str(&s[run_start..i]);
        if b < 0x80 {
            push_str_char(out, b as u32, quote);
            i += 1;
        } else {
            let c = s[i..].chars().next().expect("index is on a char boundary");
            push_str_char(out, c as u32, quote);
            i += c.len_utf8();
        }
        run_start = i;
    }
    out.push_str(&s[run_start..]);
    out.push(quote);
}

/// `repr()` of a Python `str` (lone surrogates print as `\udXXX`).
pub fn write_str_repr(out: &mut String, s: &PyStr) {
    match s {
        PyStr::Utf8(s) => write_str_repr_utf8(out, s),
        PyStr::CodePoints(cps) => {
            let quote = choose_quote(cps.contains(&0x27), cps.contains(&0x22));
            out.push(quote);
            for &c in cps {
                push_str_char(out, c, quote);
            }
            out.push(quote);
        }
    }
}

/// `repr()` of a `bytes` value.
pub fn write_bytes_repr(out: &mut String, b: &[u8]) {
    let quote = choose_quote(b.contains(&b'\''), b.contains(&b'"'));
    out.reserve(b.len() + 3);
    out.push('b');
    out.push(quote);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            _ if c == quote as u8 => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7E => out.push(c as char),
            _ => {
                out.push_str("\\x");
                out.push(HEX[(c >> 4) as usize] as char);
                out.push(HEX[(c & 0xF) as usize] as char);
            }
        }
    }
    out.push(quote);
}

/// `repr()` of an `int` of any size. (CPython 3.11 refuses to convert ints
/// of more than 4300 digits to text; its parser rejects such literals, so
/// that limit is the lowering's business, not the printer's.)
pub fn write_int_repr(out: &mut String, i: &BigInt) {
    match i.to_i64() {
        Some(small) => write!(out, "{small}").expect("writing to a String cannot fail"),
        None => write!(out, "{i}").expect("writing to a String cannot fail"),
    }
}

/// A fixed stack buffer to format `{:e}` into without allocating.
struct StackBuf {
    buf: [u8; 40],
    len: usize,
}

impl std::fmt::Write for StackBuf {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        if end > self.buf.len() {
            return Err(std::fmt::Error);
        }
        self.buf[self.len..end].copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// CPython's `PyOS_double_to_string(x, 'r', 0, flags)`: the shortest digit
/// string that round-trips, printed in fixed notation when the decimal
/// exponent `e` satisfies `-4 <= e < 16` and in scientific notation
/// (`1e+16`, `1.5e-05`) otherwise. `add_dot_0` (float's repr) appends `.0` to
/// integral fixed-notation values; `force_sign` (the imaginary part of a
/// complex with a real part) prints `+` for non-negative values. NaN never
/// shows a sign other than the forced `+`.
fn write_double(out: &mut String, x: f64, add_dot_0: bool, force_sign: bool) {
    if x.is_nan() {
        out.push_str(if force_sign { "+nan" } else { "nan" });
        return;
    }
    let negative = x.is_sign_negative();
    if negative {
        out.push('-');
    } else if force_sign {
        out.push('+');
    }
    if x.is_infinite() {
        out.push_str("inf");
        return;
    }
    // Rust's `{:e}` prints the shortest round-trip digits, like CPython's
    // dtoa mode 0: "d[.ddd]e[-]X". The two differ only when `x` lies exactly
    // halfway between the two closest shortest candidates: Rust rounds half
    // up, CPython half to even (see `half_even_fixup`).
    let mut sb = StackBuf {
        buf: [0; 40],
        len: 0,
    };
    write!(sb, "{:e}", x.abs()).expect("a f64 in {:e} form fits in 40 bytes");
    let text = &sb.buf[..sb.len];
    let e_at = text
        .iter()
        .position(|&b| b == b'e')
        .expect("{:e} output has an exponent");
    let mantissa = &text[..e_at];
    let exp: i32 = std::str::from_utf8(&text[e_at + 1..])
        .ok()
        .and_then(|t| t.parse().ok())
        .expect("{:e} exponent is an integer");
    let mut digits = [0u8; 24];
    let mut nd = 0;
    for &b in mantissa {
        if b != b'.' {
            digits[nd] = b;
            nd += 1;
        }
    }
    if half_even_fixup(x.abs(), &digits[..nd], exp) {
        digits[nd - 1] -= 1;
    }
    let digits = &digits[..nd];
    let push_digits = |out: &mut String, d: &[u8]| {
        for &b in d {
            out.push(b as char);
        }
    };
    if (-4..16).contains(&exp) {
        // Position of the decimal point after the first `decpt` digits.
        let decpt = exp + 1;
        if decpt <= 0 {
            out.push_str("0.");
            for _ in 0..(-decpt) {
                out.push('0');
            }
            push_digits(out, digits);
        } else if decpt as usize >= nd {
            push_digits(out, digits);
            for _ in 0..(decpt as usize - nd) {
                out.push('0');
            }
            if add_dot_0 {
                out.push_str(".0");
            }
        } else {
            push_digits(out, &digits[..decpt as usize]);
            out.push('.');
            push_digits(out, &digits[decpt as usize..]);
        }
    } else {
        push_digits(out, &digits[..1]);
        if nd > 1 {
            out.push('.');
            push_digits(out, &digits[1..]);
        }
        out.push('e');
        out.push(if exp < 0 { '-' } else { '+' });
        let a = exp.unsigned_abs();
        if a < 10 {
            out.push('0');
        }
        write!(out, "{a}").expect("writing to a String cannot fail");
    }
}

/// Whether `x` (finite, non-negative) lies exactly halfway between the
/// shortest decimal `digits × 10^(exp - len + 1)` that Rust chose and the
/// candidate one unit lower in the last place, with Rust's last digit odd: then
/// CPython (round-half-even) prints the lower, even candidate, provided that
/// one also reads back as `x`.
fn half_even_fixup(x: f64, digits: &[u8], exp: i32) -> bool {
    let n = digits.len();
    let last = digits[n - 1] - b'0';
    if last.is_multiple_of(2) || x == 0.0 {
        return false;
    }
    // Decimal exponent of the last digit: value = d * 10^k.
    let k = exp - (n as i32 - 1);
    let d: u128 = digits
        .iter()
        .fold(0u128, |acc, &b| acc * 10 + (b - b'0') as u128);
    let twice_d_minus_1 = 2 * d - 1;
    // x = m * 2^e with m odd.
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7FF) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (mut m, mut e) = if biased == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), biased - 1075)
    };
    let tz = m.trailing_zeros();
    m >>= tz;
    e += tz as i32;
    let tie = if e < 0 {
        // x has exactly j = -e decimal digits after the point, the last a 5;
        // the halfway point (d - 1/2) * 10^k has its 5 at position k - 1.
        let j = -e;
        if k != 1 - j || j - 1 > 27 {
            false
        } else {
            // x = m * 2^-j  ==  (2d - 1) * 5 * 10^-j  <=>  m * 5^(j-1) == 2d - 1
            (m as u128).checked_mul(5u128.pow((j - 1) as u32)) == Some(twice_d_minus_1)
        }
    } else {
        // x is an integer; the halfway point (2d - 1) * 5 * 10^(k-1) is one
        // only when k >= 1. Integers of 2^127 and above would need m to be
        // divisible by 5^76, impossible for a 53-bit m.
        if k < 1 || k - 1 > 36 || e > 127 - 53 {
            false
        } else {
            let xi = (m as u128) << e;
            twice_d_minus_1
                .checked_mul(5)
                .and_then(|v| v.checked_mul(10u128.pow((k - 1) as u32)))
                == Some(xi)
        }
    };
    if !tie {
        return false;
    }
    // The lower candidate must read back as x, as CPython's shortest digits do.
    let mut text = StackBuf {
        buf: [0; 40],
        len: 0,
    };
    for (i, &b) in digits.iter().enumerate() {
        let c = if i == n - 1 { b - 1 } else { b };
        let _ = text.write_char(c as char);
    }
    let _ = write!(text, "e{k}");
    std::str::from_utf8(&text.buf[..text.len])
        .ok()
        .and_then(|t| t.parse::<f64>().ok())
        == Some(x)
}

/// `repr()` of a `float`: `1.0`, `0.1`, `1e+16`, `1.5e-05`, `inf`, `nan`.
pub fn write_float_repr(out: &mut String, x: f64) {
    write_double(out, x, true, false);
}

/// `repr()` of a `complex`. A real part of +0.0 prints only the imaginary
/// part (`2j`, `1.5j`, `1e+16j`, `infj`, `0j`); otherwise `(re+imj)`. Neither
/// part gets a `.0` suffix.
pub fn write_complex_repr(out: &mut String, real: f64, imag: f64) {
    if real == 0.0 && real.is_sign_positive() {
        write_double(out, imag, false, false);
        out.push('j');
    } else {
        out.push('(');
        write_double(out, real, false, false);
        write_double(out, imag, false, true);
        out.push_str("j)");
    }
}

/// `repr()` of a constant value.
pub fn write_constant_repr(out: &mut String, c: &Constant) {
    match c {
        Constant::None => out.push_str("None"),
        Constant::Bool(true) => out.push_str("True"),
        Constant::Bool(false) => out.push_str("False"),
        Constant::Ellipsis => out.push_str("Ellipsis"),
        Constant::Int(i) => write_int_repr(out, i),
        Constant::Float(f) => write_float_repr(out, *f),
        Constant::Complex { real, imag } => write_complex_repr(out, *real, *imag),
        Constant::Str(s) => write_str_repr(out, s),
        Constant::Bytes(b) => write_bytes_repr(out, b),
        Constant::Tuple(items) => {
            out.push('(');
            for (i, c) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_constant_repr(out, c);
            }
            if items.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        Constant::FrozenSet(items) => {
            out.push_str("frozenset(");
            if !items.is_empty() {
                out.push('{');
                for (i, c) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    write_constant_repr(out, c);
                }
                out.push('}');
            }
            out.push(')');
        }
    }
}

/// `repr()` of a `str`, as a new `String`.
pub fn str_repr(s: &PyStr) -> String {
    let mut out = String::new();
    write_str_repr(&mut out, s);
    out
}

/// `repr()` of a `bytes`, as a new `String`.
pub fn bytes_repr(b: &[u8]) -> String {
    let mut out = String::new();
    write_bytes_repr(&mut out, b);
    out
}

/// `repr()` of a `float`, as a new `String`.
pub fn float_repr(x: f64) -> String {
    let mut out = String::new();
    write_float_repr(&mut out, x);
    out
}

/// `repr()` of a `complex`, as a new `String`.
pub fn complex_repr(real: f64, imag: f64) -> String {
    let mut out = String::new();
    write_complex_repr(&mut out, real, imag);
    out
}

/// `repr()` of a constant, as a new `String`.
pub fn constant_repr(c: &Constant) -> String {
    let mut out = String::new();
    write_constant_repr(&mut out, c);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;
    use std::process::{Command, Stdio};

    /// Runs `python3` with `script`, feeding `input` on stdin, and returns its
    /// stdout. Fails loudly when python3 (the reference) is missing.
    pub(crate) fn run_python(script: &str, input: &[u8]) -> Vec<u8> {
        let mut child = Command::new("python3")
            .arg("-c")
            .arg(script)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("these tests need CPython 3.11 installed as `python3` on PATH (the reference implementation)");
        {
            let mut stdin = child.stdin.take().expect("stdin is piped");
            stdin.write_all(input).expect("write to python3");
        }
        let out = child.wait_with_output().expect("python3 runs");
        assert!(out.status.success(), "python3 failed on the test script");
        out.stdout
    }

    /// Python prints, one per line, the repr of each value described on stdin.
    const PY_REPR: &str = r#"
import sys, struct
out = []
for line in sys.stdin.read().split('\n'):
    if not line:
        continue
    kind, _, data = line.partition(' ')
    if kind == 's':
        v = ''.join(chr(int(x, 16)) for x in data.split(',') if x)
    elif kind == 'b':
        v = bytes.fromhex(data)
    elif kind == 'i':
        v = int(data)
    elif kind == 'f':
        v = struct.unpack('<d', bytes.fromhex(data))[0]
    elif kind == 'c':
        re, im = data.split(',')
        v = complex(struct.unpack('<d', bytes.fromhex(re))[0], struct.unpack('<d', bytes.fromhex(im))[0])
    out.append(repr(v))
sys.stdout.buffer.write('\n'.join(out).encode('utf-8', 'surrogatepass') + b'\n')
"#;

    fn f64_hex(x: f64) -> String {
        x.to_le_bytes().iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Small deterministic PRNG (xorshift64*), so tests need no extra crate.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
    }

    fn compare(lines: Vec<String>, ours: Vec<String>) {
        let input = lines.join("\n");
        let expected = run_python(PY_REPR, input.as_bytes());
        // CPython writes surrogates with surrogatepass; our output for them is
        // escaped, so the reference output is always valid UTF-8 here.
        let expected = String::from_utf8(expected).expect("python3 repr output is UTF-8");
        let expected: Vec<&str> = expected.lines().collect();
        assert_eq!(expected.len(), ours.len(), "line count mismatch");
        let mut bad = 0;
        for ((e, o), l) in expected.iter().zip(&ours).zip(&lines) {
            if *e != o {
                bad += 1;
                if bad < 20 {
                    eprintln!("input {l}: python {e} vs ours {o}");
                }
            }
        }
        assert_eq!(bad, 0, "{bad} repr mismatches");
    }

    #[test]
    fn str_repr_matches_python() {
        let mut cases: Vec<Vec<u32>> = vec![
            vec![],
            "abc".chars().map(|c| c as u32).collect(),
            "it's".chars().map(|c| c as u32).collect(),
            "say \"hi\"".chars().map(|c| c as u32).collect(),
            "both ' and \"".chars().map(|c| c as u32).collect(),
            "back\\slash\t\n\r\x00\x1f\x7f\u{80}\u{9f}\u{a0}\u{ad}é"
                .chars()
                .map(|c| c as u32)
                .collect(),
            "\u{2028}\u{2029}\u{200b}\u{feff}\u{3000}\u{e000}\u{fffe}\u{10ffff}\u{1f600}\u{e0001}"
                .chars()
                .map(|c| c as u32)
                .collect(),
            vec![0xD800],
            vec![0x41, 0xDFFF, 0x27],
            vec![0xDC80, 0x22, 0x27],
            "日本語 ñ Ω ∑ 𝕏".chars().map(|c| c as u32).collect(),
        ];
        // Every code point once, in chunks, so the printable table is checked
        // exhaustively against CPython.
        let all: Vec<u32> = (0..0x110000u32)
            .filter(|&c| c != 0x0A && c != 0x0D)
            .collect();
        for chunk in all.chunks(4096) {
            cases.push(chunk.to_vec());
        }
        let mut lines = Vec::new();
        let mut ours = Vec::new();
        for cps in cases {
            let hex: Vec<String> = cps.iter().map(|c| format!("{c:x}")).collect();
            lines.push(format!("s {}", hex.join(",")));
            let s = PyStr::from_code_points(cps.clone());
            ours.push(str_repr(&s));
            // The UTF-8 path and the code-point path must agree.
            if let PyStr::Utf8(u) = &s {
                let mut alt = String::new();
                write_str_repr(
                    &mut alt,
                    &PyStr::CodePoints(u.chars().map(|c| c as u32).collect()),
                );
                assert_eq!(&alt, ours.last().unwrap());
            }
        }
        compare(lines, ours);
    }

    #[test]
    fn bytes_repr_matches_python() {
        let cases: Vec<Vec<u8>> = vec![
            vec![],
            b"abc".to_vec(),
            b"it's".to_vec(),
            b"\"q\"".to_vec(),
            b"'\"".to_vec(),
            b"\\\t\n\r\x00\x7f\x80\xff".to_vec(),
            (0..=255u8).collect(),
        ];
        let mut lines = Vec::new();
        let mut ours = Vec::new();
        for b in cases {
            let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
            lines.push(format!("b {hex}"));
            ours.push(bytes_repr(&b));
        }
        compare(lines, ours);
    }

    #[test]
    fn int_repr_matches_python() {
        let cases = [
            "0",
            "1",
            "-1",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775809",
            "123456789012345678901234567890123456789012345678901234567890",
        ];
        let mut lines = Vec::new();
        let mut ours = Vec::new();
        for c in cases {
            lines.push(format!("i {c}"));
            let v: BigInt = c.parse().unwrap();
            let mut s = String::new();
            write_int_repr(&mut s, &v);
            ours.push(s);
        }
        compare(lines, ours);
    }

    fn float_cases() -> Vec<f64> {
        let mut v = vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.1,
            0.5,
            1.5,
            2.0,
            10.0,
            100.0,
            1e15,
            1e16,
            9999999999999998.0,
            1234567890123456.7,
            12345678901234567.0,
            1e17,
            1e22,
            1e23,
            1e100,
            1e300,
            1.7976931348623157e308,
            5e-324,
            2.2250738585072014e-308,
            1e-4,
            1.5e-4,
            1e-5,
            1.5e-5,
            0.00012345,
            0.000012345,
            123.456,
            std::f64::consts::PI,
            std::f64::consts::E,
            1.0 / 3.0,
            2.0 / 3.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            -f64::NAN,
            4.35,
            0.3,
            9007199254740993.0,
            123e-20,
            99.99880981445312,
            54.49755096435547,
            0.5,
            2.5,
            1.25,
            0.125,
            5e-324,
            1e23,
            8.5e22,
            9.5e21,
        ];
        // Exact binary fractions and float32 values: where exact ties between
        // two shortest candidates happen.
        for i in 0..64 {
            v.push(2f64.powi(i));
            v.push(2f64.powi(-i));
            v.push(5f64.powi(i));
            v.push(3f64 * 2f64.powi(-i));
        }
        for e in -30..30 {
            v.push(10f64.powi(e));
            v.push(1.25 * 10f64.powi(e));
        }
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..3000 {
            let bits = rng.next();
            let x = f64::from_bits(bits);
            v.push(x);
        }
        for _ in 0..20000 {
            let f = f32::from_bits(rng.next() as u32);
            if f.is_finite() {
                v.push(f as f64);
            }
        }
        for _ in 0..5000 {
            let m = rng.next() >> (11 + rng.next() % 50);
            let e = (rng.next() % 120) as i32 - 60;
            v.push(m as f64 * 2f64.powi(e));
        }
        for _ in 0..2000 {
            // Values with few digits, the common case in source code.
            let m = (rng.next() % 100_000) as f64;
            let e = (rng.next() % 40) as i32 - 20;
            v.push(m * 10f64.powi(e));
        }
        v
    }

    #[test]
    fn float_repr_matches_python() {
        let mut lines = Vec::new();
        let mut ours = Vec::new();
        for x in float_cases() {
            lines.push(format!("f {}", f64_hex(x)));
            ours.push(float_repr(x));
        }
        compare(lines, ours);
    }

    #[test]
    fn complex_repr_matches_python() {
        let fs = float_cases();
        let mut lines = Vec::new();
        let mut ours = Vec::new();
        let specials = [
            0.0,
            -0.0,
            1.0,
            -2.5,
            1e16,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            -f64::NAN,
        ];
        let mut pairs: Vec<(f64, f64)> = Vec::new();
        for &a in &specials {
            for &b in &specials {
                pairs.push((a, b));
            }
        }
        for (i, &x) in fs.iter().enumerate().take(600) {
            pairs.push((0.0, x));
            pairs.push((fs[(i * 7 + 3) % fs.len()], x));
        }
        for (re, im) in pairs {
            lines.push(format!("c {},{}", f64_hex(re), f64_hex(im)));
            ours.push(complex_repr(re, im));
        }
        compare(lines, ours);
    }

    #[test]
    fn singleton_reprs() {
        assert_eq!(constant_repr(&Constant::None), "None");
        assert_eq!(constant_repr(&Constant::Bool(true)), "True");
        assert_eq!(constant_repr(&Constant::Bool(false)), "False");
        assert_eq!(constant_repr(&Constant::Ellipsis), "Ellipsis");
        assert_eq!(
            constant_repr(&Constant::Complex {
                real: 0.0,
                imag: 2.0
            }),
            "2j"
        );
        assert_eq!(
            constant_repr(&Constant::Complex {
                real: 0.0,
                imag: 0.0
            }),
            "0j"
        );
        assert_eq!(
            constant_repr(&Constant::Complex {
                real: 0.0,
                imag: 1e300 * 1e10
            }),
            "infj"
        );
    }
}
