//! The native `cmath` module: complex functions with CPython's algorithms
//! (overflow-avoiding formulas, C99 Annex G special values from 7x7
//! tables indexed by the kind of the real and imaginary parts) and its
//! errors (ValueError "math domain error", OverflowError "math range
//! error").

use crate::modules::math::{c, cm};
use crate::modules::native;
use crate::objects::numbers::new_complex;
use crate::value::{NativeFn, Payload, Value};
use crate::vm::{Args, Vm};
use crate::PyResult;

use std::f64::consts::{E, LN_2, LN_10, PI};

#[derive(Clone, Copy, Debug)]
struct Cx {
    re: f64,
    im: f64,
}

const fn cx(re: f64, im: f64) -> Cx {
    Cx { re, im }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Errno {
    Ok,
    Dom,
    Range,
}

const LARGE: f64 = f64::MAX / 4.0;
const SCALE_UP: i32 = 2 * (53 / 2) + 1;
const SCALE_DOWN: i32 = -(SCALE_UP + 1) / 2;

fn large_sqrt() -> f64 {
    cm!(sqrt(LARGE))
}

fn large_log() -> f64 {
    cm!(log(LARGE))
}

fn sqrt_dbl_min() -> f64 {
    cm!(sqrt(f64::MIN_POSITIVE))
}

/// The kind of a double, for the special value tables: -inf, negative,
/// -0, +0, positive, +inf, nan.
fn kind(d: f64) -> usize {
    if d.is_finite() {
        match (d != 0.0, d.is_sign_positive()) {
            (true, true) => 4,
            (true, false) => 1,
            (false, true) => 3,
            (false, false) => 2,
        }
    } else if d.is_nan() {
        6
    } else if d > 0.0 {
        5
    } else {
        0
    }
}

const INF: f64 = f64::INFINITY;
const N: f64 = f64::NAN;
const P: f64 = PI;
const P14: f64 = 0.25 * PI;
const P12: f64 = 0.5 * PI;
const P34: f64 = 0.75 * PI;
/// A value never used: the finite cells of a table.
const U: f64 = -9.5426319407711027e33;

type Table = [[Cx; 7]; 7];

macro_rules! table {
    ($( [$( ($r:expr, $i:expr) ),*] ),*) => {
        [ $( [ $( cx($r, $i) ),* ] ),* ]
    };
}

const ACOS_SV: Table = table!(
    [(P34, INF), (P, INF), (P, INF), (P, -INF), (P, -INF), (P34, -INF), (N, INF)],
    [(P12, INF), (U, U), (U, U), (U, U), (U, U), (P12, -INF), (N, N)],
    [(P12, INF), (U, U), (P12, 0.), (P12, -0.), (U, U), (P12, -INF), (P12, N)],
    [(P12, INF), (U, U), (P12, 0.), (P12, -0.), (U, U), (P12, -INF), (P12, N)],
    [(P12, INF), (U, U), (U, U), (U, U), (U, U), (P12, -INF), (N, N)],
    [(P14, INF), (0., INF), (0., INF), (0., -INF), (0., -INF), (P14, -INF), (N, INF)],
    [(N, INF), (N, N), (N, N), (N, N), (N, N), (N, -INF), (N, N)]
);

const ACOSH_SV: Table = table!(
    [(INF, -P34), (INF, -P), (INF, -P), (INF, P), (INF, P), (INF, P34), (INF, N)],
    [(INF, -P12), (U, U), (U, U), (U, U), (U, U), (INF, P12), (N, N)],
    [(INF, -P12), (U, U), (0., -P12), (0., P12), (U, U), (INF, P12), (N, N)],
    [(INF, -P12), (U, U), (0., -P12), (0., P12), (U, U), (INF, P12), (N, N)],
    [(INF, -P12), (U, U), (U, U), (U, U), (U, U), (INF, P12), (N, N)],
    [(INF, -P14), (INF, -0.), (INF, -0.), (INF, 0.), (INF, 0.), (INF, P14), (INF, N)],
    [(INF, N), (N, N), (N, N), (N, N), (N, N), (INF, N), (N, N)]
);

const ASINH_SV: Table = table!(
    [(-INF, -P14), (-INF, -0.), (-INF, -0.), (-INF, 0.), (-INF, 0.), (-INF, P14), (-INF, N)],
    [(-INF, -P12), (U, U), (U, U), (U, U), (U, U), (-INF, P12), (N, N)],
    [(-INF, -P12), (U, U), (-0., -0.), (-0., 0.), (U, U), (-INF, P12), (N, N)],
    [(INF, -P12), (U, U), (0., -0.), (0., 0.), (U, U), (INF, P12), (N, N)],
    [(INF, -P12), (U, U), (U, U), (U, U), (U, U), (INF, P12), (N, N)],
    [(INF, -P14), (INF, -0.), (INF, -0.), (INF, 0.), (INF, 0.), (INF, P14), (INF, N)],
    [(INF, N), (N, N), (N, -0.), (N, 0.), (N, N), (INF, N), (N, N)]
);

const ATANH_SV: Table = table!(
    [(-0., -P12), (-0., -P12), (-0., -P12), (-0., P12), (-0., P12), (-0., P12), (-0., N)],
    [(-0., -P12), (U, U), (U, U), (U, U), (U, U), (-0., P12), (N, N)],
    [(-0., -P12), (U, U), (-0., -0.), (-0., 0.), (U, U), (-0., P12), (-0., N)],
    [(0., -P12), (U, U), (0., -0.), (0., 0.), (U, U), (0., P12), (0., N)],
    [(0., -P12), (U, U), (U, U), (U, U), (U, U), (0., P12), (N, N)],
    [(0., -P12), (0., -P12), (0., -P12), (0., P12), (0., P12), (0., P12), (0., N)],
    [(0., -P12), (N, N), (N, N), (N, N), (N, N), (0., P12), (N, N)]
);

const COSH_SV: Table = table!(
    [(INF, N), (U, U), (INF, 0.), (INF, -0.), (U, U), (INF, N), (INF, N)],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [(N, 0.), (U, U), (1., 0.), (1., -0.), (U, U), (N, 0.), (N, 0.)],
    [(N, 0.), (U, U), (1., -0.), (1., 0.), (U, U), (N, 0.), (N, 0.)],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [(INF, N), (U, U), (INF, -0.), (INF, 0.), (U, U), (INF, N), (INF, N)],
    [(N, N), (N, N), (N, 0.), (N, 0.), (N, N), (N, N), (N, N)]
);

const EXP_SV: Table = table!(
    [(0., 0.), (U, U), (0., -0.), (0., 0.), (U, U), (0., 0.), (0., 0.)],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [(N, N), (U, U), (1., -0.), (1., 0.), (U, U), (N, N), (N, N)],
    [(N, N), (U, U), (1., -0.), (1., 0.), (U, U), (N, N), (N, N)],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [(INF, N), (U, U), (INF, -0.), (INF, 0.), (U, U), (INF, N), (INF, N)],
    [(N, N), (N, N), (N, -0.), (N, 0.), (N, N), (N, N), (N, N)]
);

const LOG_SV: Table = table!(
    [(INF, -P34), (INF, -P), (INF, -P), (INF, P), (INF, P), (INF, P34), (INF, N)],
    [(INF, -P12), (U, U), (U, U), (U, U), (U, U), (INF, P12), (N, N)],
    [(INF, -P12), (U, U), (-INF, -P), (-INF, P), (U, U), (INF, P12), (N, N)],
    [(INF, -P12), (U, U), (-INF, -0.), (-INF, 0.), (U, U), (INF, P12), (N, N)],
    [(INF, -P12), (U, U), (U, U), (U, U), (U, U), (INF, P12), (N, N)],
    [(INF, -P14), (INF, -0.), (INF, -0.), (INF, 0.), (INF, 0.), (INF, P14), (INF, N)],
    [(INF, N), (N, N), (N, N), (N, N), (N, N), (INF, N), (N, N)]
);

const SINH_SV: Table = table!(
    [(INF, N), (U, U), (-INF, -0.), (-INF, 0.), (U, U), (INF, N), (INF, N)],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [(0., N), (U, U), (-0., -0.), (-0., 0.), (U, U), (0., N), (0., N)],
    [(0., N), (U, U), (0., -0.), (0., 0.), (U, U), (0., N), (0., N)],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [(INF, N), (U, U), (INF, -0.), (INF, 0.), (U, U), (INF, N), (INF, N)],
    [(N, N), (N, N), (N, -0.), (N, 0.), (N, N), (N, N), (N, N)]
);

const SQRT_SV: Table = table!(
    [(INF, -INF), (0., -INF), (0., -INF), (0., INF), (0., INF), (INF, INF), (N, INF)],
    [(INF, -INF), (U, U), (U, U), (U, U), (U, U), (INF, INF), (N, N)],
    [(INF, -INF), (U, U), (0., -0.), (0., 0.), (U, U), (INF, INF), (N, N)],
    [(INF, -INF), (U, U), (0., -0.), (0., 0.), (U, U), (INF, INF), (N, N)],
    [(INF, -INF), (U, U), (U, U), (U, U), (U, U), (INF, INF), (N, N)],
    [(INF, -INF), (INF, -0.), (INF, -0.), (INF, 0.), (INF, 0.), (INF, INF), (INF, N)],
    [(INF, -INF), (N, N), (N, N), (N, N), (N, N), (INF, INF), (N, N)]
);

const TANH_SV: Table = table!(
    [(-1., 0.), (U, U), (-1., -0.), (-1., 0.), (U, U), (-1., 0.), (-1., 0.)],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [(N, N), (U, U), (-0., -0.), (-0., 0.), (U, U), (N, N), (N, N)],
    [(N, N), (U, U), (0., -0.), (0., 0.), (U, U), (N, N), (N, N)],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [(1., 0.), (U, U), (1., -0.), (1., 0.), (U, U), (1., 0.), (1., 0.)],
    [(N, N), (N, N), (N, -0.), (N, 0.), (N, N), (N, N), (N, N)]
);

const RECT_SV: Table = table!(
    [(INF, N), (U, U), (-INF, 0.), (-INF, -0.), (U, U), (INF, N), (INF, N)],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [(0., 0.), (U, U), (-0., 0.), (-0., -0.), (U, U), (0., 0.), (0., 0.)],
    [(0., 0.), (U, U), (0., -0.), (0., 0.), (U, U), (0., 0.), (0., 0.)],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [(INF, N), (U, U), (INF, -0.), (INF, 0.), (U, U), (INF, N), (INF, N)],
    [(N, N), (N, N), (N, 0.), (N, 0.), (N, N), (N, N), (N, N)]
);

fn special(z: Cx, t: &Table) -> Option<Cx> {
    if z.re.is_finite() && z.im.is_finite() {
        None
    } else {
        Some(t[kind(z.re)][kind(z.im)])
    }
}

fn hypot(x: f64, y: f64) -> f64 {
    cm!(hypot(x, y))
}

fn neg(z: Cx) -> Cx {
    cx(-z.re, -z.im)
}

fn c_sqrt(z: Cx) -> (Cx, Errno) {
    if let Some(r) = special(z, &SQRT_SV) {
        return (r, Errno::Ok);
    }
    if z.re == 0.0 && z.im == 0.0 {
        return (cx(0.0, z.im), Errno::Ok);
    }
    let mut ax = z.re.abs();
    let ay = z.im.abs();
    let s;
    if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE && (ax > 0.0 || ay > 0.0) {
        // Subnormal parts: scale up so that hypot keeps its precision.
        ax = crate::modules::math::ldexp(ax, SCALE_UP);
        s = crate::modules::math::ldexp(
            cm!(sqrt(ax + hypot(ax, crate::modules::math::ldexp(ay, SCALE_UP)))),
            SCALE_DOWN,
        );
    } else {
        ax /= 8.0;
        s = 2.0 * cm!(sqrt(ax + hypot(ax, ay / 8.0)));
    }
    let d = ay / (2.0 * s);
    let r = if z.re >= 0.0 { cx(s, d.copysign(z.im)) } else { cx(d, s.copysign(z.im)) };
    (r, Errno::Ok)
}

fn asinh_r(x: f64) -> f64 {
    cm!(asinh(x))
}

fn c_acos(z: Cx) -> (Cx, Errno) {
    if let Some(r) = special(z, &ACOS_SV) {
        return (r, Errno::Ok);
    }
    let r = if z.re.abs() > LARGE || z.im.abs() > LARGE {
        let re = cm!(atan2(z.im.abs(), z.re));
        let l = cm!(log(hypot(z.re / 2.0, z.im / 2.0))) + LN_2 * 2.0;
        let im = if z.re < 0.0 { -l.copysign(z.im) } else { l.copysign(-z.im) };
        cx(re, im)
    } else {
        let s1 = c_sqrt(cx(1.0 - z.re, -z.im)).0;
        let s2 = c_sqrt(cx(1.0 + z.re, z.im)).0;
        cx(2.0 * cm!(atan2(s1.re, s2.re)), asinh_r(s2.re * s1.im - s2.im * s1.re))
    };
    (r, Errno::Ok)
}

fn c_acosh(z: Cx) -> (Cx, Errno) {
    if let Some(r) = special(z, &ACOSH_SV) {
        return (r, Errno::Ok);
    }
    let r = if z.re.abs() > LARGE || z.im.abs() > LARGE {
        cx(cm!(log(hypot(z.re / 2.0, z.im / 2.0))) + LN_2 * 2.0, cm!(atan2(z.im, z.re)))
    } else {
        let s1 = c_sqrt(cx(z.re - 1.0, z.im)).0;
        let s2 = c_sqrt(cx(z.re + 1.0, z.im)).0;
        cx(asinh_r(s1.re * s2.re + s1.im * s2.im), 2.0 * cm!(atan2(s1.im, s2.re)))
    };
    (r, Errno::Ok)
}

fn c_asinh(z: Cx) -> (Cx, Errno) {
    if let Some(r) = special(z, &ASINH_SV) {
        return (r, Errno::Ok);
    }
    let r = if z.re.abs() > LARGE || z.im.abs() > LARGE {
        let l = cm!(log(hypot(z.re / 2.0, z.im / 2.0))) + LN_2 * 2.0;
        let re = if z.im >= 0.0 { l.copysign(z.re) } else { -l.copysign(-z.re) };
        cx(re, cm!(atan2(z.im, z.re.abs())))
    } else {
        let s1 = c_sqrt(cx(1.0 + z.im, -z.re)).0;
        let s2 = c_sqrt(cx(1.0 - z.im, z.re)).0;
        cx(asinh_r(s1.re * s2.im - s2.re * s1.im), cm!(atan2(z.im, s1.re * s2.re - s1.im * s2.im)))
    };
    (r, Errno::Ok)
}

fn c_asin(z: Cx) -> (Cx, Errno) {
    // asin(z) = -i asinh(iz)
    let (s, e) = c_asinh(cx(-z.im, z.re));
    (cx(s.im, -s.re), e)
}

fn c_atanh(z: Cx) -> (Cx, Errno) {
    if let Some(r) = special(z, &ATANH_SV) {
        return (r, Errno::Ok);
    }
    if z.re < 0.0 {
        let (r, e) = c_atanh(neg(z));
        return (neg(r), e);
    }
    let ay = z.im.abs();
    if z.re > large_sqrt() || ay > large_sqrt() {
        // atanh(z) ~ 1/z +/- i*pi/2 for large z
        let h = hypot(z.re / 2.0, z.im / 2.0);
        return (cx(z.re / 4.0 / h / h, -(PI / 2.0).copysign(-z.im)), Errno::Ok);
    }
    if z.re == 1.0 && ay < sqrt_dbl_min() {
        if ay == 0.0 {
            return (cx(INF, z.im), Errno::Dom);
        }
        let re = -cm!(log(cm!(sqrt(ay)) / cm!(sqrt(hypot(ay, 2.0)))));
        let im = (cm!(atan2(2.0, -ay)) / 2.0).copysign(z.im);
        return (cx(re, im), Errno::Ok);
    }
    let re = log1p(4.0 * z.re / ((1.0 - z.re) * (1.0 - z.re) + ay * ay)) / 4.0;
    let im = -cm!(atan2(-2.0 * z.im, (1.0 - z.re) * (1.0 + z.re) - ay * ay)) / 2.0;
    (cx(re, im), Errno::Ok)
}

fn log1p(x: f64) -> f64 {
    if x == 0.0 {
        x
    } else {
        cm!(log1p(x))
    }
}

fn c_atan(z: Cx) -> (Cx, Errno) {
    // atan(z) = -i atanh(iz)
    let (s, e) = c_atanh(cx(-z.im, z.re));
    (cx(s.im, -s.re), e)
}

fn c_cosh(z: Cx) -> (Cx, Errno) {
    if !z.re.is_finite() || !z.im.is_finite() {
        let r = if z.re.is_infinite() && z.im.is_finite() && z.im != 0.0 {
            let (c, s) = (cm!(cos(z.im)), cm!(sin(z.im)));
            if z.re > 0.0 {
                cx(INF.copysign(c), INF.copysign(s))
            } else {
                cx(INF.copysign(c), -INF.copysign(s))
            }
        } else {
            COSH_SV[kind(z.re)][kind(z.im)]
        };
        let e = if z.im.is_infinite() && !z.re.is_nan() { Errno::Dom } else { Errno::Ok };
        return (r, e);
    }
    let r = if z.re.abs() > large_log() {
        // cosh(z.re) overflows but cosh(z) may not.
        let xm1 = z.re - 1.0f64.copysign(z.re);
        cx(cm!(cos(z.im)) * cm!(cosh(xm1)) * E, cm!(sin(z.im)) * cm!(sinh(xm1)) * E)
    } else {
        cx(cm!(cos(z.im)) * cm!(cosh(z.re)), cm!(sin(z.im)) * cm!(sinh(z.re)))
    };
    let e = if r.re.is_infinite() || r.im.is_infinite() { Errno::Range } else { Errno::Ok };
    (r, e)
}

fn c_cos(z: Cx) -> (Cx, Errno) {
    // cos(z) = cosh(iz)
    c_cosh(cx(-z.im, z.re))
}

fn c_sinh(z: Cx) -> (Cx, Errno) {
    if !z.re.is_finite() || !z.im.is_finite() {
        let r = if z.re.is_infinite() && z.im.is_finite() && z.im != 0.0 {
            let (c, s) = (cm!(cos(z.im)), cm!(sin(z.im)));
            if z.re > 0.0 {
                cx(INF.copysign(c), INF.copysign(s))
            } else {
                cx(-INF.copysign(c), INF.copysign(s))
            }
        } else {
            SINH_SV[kind(z.re)][kind(z.im)]
        };
        let e = if z.im.is_infinite() && !z.re.is_nan() { Errno::Dom } else { Errno::Ok };
        return (r, e);
    }
    let r = if z.re.abs() > large_log() {
        let xm1 = z.re - 1.0f64.copysign(z.re);
        cx(cm!(cos(z.im)) * cm!(sinh(xm1)) * E, cm!(sin(z.im)) * cm!(cosh(xm1)) * E)
    } else {
        cx(cm!(cos(z.im)) * cm!(sinh(z.re)), cm!(sin(z.im)) * cm!(cosh(z.re)))
    };
    let e = if r.re.is_infinite() || r.im.is_infinite() { Errno::Range } else { Errno::Ok };
    (r, e)
}

fn c_sin(z: Cx) -> (Cx, Errno) {
    // sin(z) = -i sinh(iz)
    let (s, e) = c_sinh(cx(-z.im, z.re));
    (cx(s.im, -s.re), e)
}

fn c_tanh(z: Cx) -> (Cx, Errno) {
    if !z.re.is_finite() || !z.im.is_finite() {
        let r = if z.re.is_infinite() && z.im.is_finite() && z.im != 0.0 {
            let im = 0.0f64.copysign(2.0 * cm!(sin(z.im)) * cm!(cos(z.im)));
            cx(if z.re > 0.0 { 1.0 } else { -1.0 }, im)
        } else {
            TANH_SV[kind(z.re)][kind(z.im)]
        };
        let e = if z.im.is_infinite() && z.re.is_finite() { Errno::Dom } else { Errno::Ok };
        return (r, e);
    }
    let r = if z.re.abs() > large_log() {
        cx(1.0f64.copysign(z.re), 4.0 * cm!(sin(z.im)) * cm!(cos(z.im)) * cm!(exp(-2.0 * z.re.abs())))
    } else {
        let tx = cm!(tanh(z.re));
        let ty = cm!(tan(z.im));
        let cxh = 1.0 / cm!(cosh(z.re));
        let txty = tx * ty;
        let denom = 1.0 + txty * txty;
        cx(tx * (1.0 + ty * ty) / denom, ((ty / denom) * cxh) * cxh)
    };
    (r, Errno::Ok)
}

fn c_tan(z: Cx) -> (Cx, Errno) {
    // tan(z) = -i tanh(iz)
    let (s, e) = c_tanh(cx(-z.im, z.re));
    (cx(s.im, -s.re), e)
}

fn c_exp(z: Cx) -> (Cx, Errno) {
    if !z.re.is_finite() || !z.im.is_finite() {
        let r = if z.re.is_infinite() && z.im.is_finite() && z.im != 0.0 {
            let (c, s) = (cm!(cos(z.im)), cm!(sin(z.im)));
            if z.re > 0.0 {
                cx(INF.copysign(c), INF.copysign(s))
            } else {
                cx(0.0f64.copysign(c), 0.0f64.copysign(s))
            }
        } else {
            EXP_SV[kind(z.re)][kind(z.im)]
        };
        let e = if z.im.is_infinite() && (z.re.is_finite() || (z.re.is_infinite() && z.re > 0.0)) { Errno::Dom } else { Errno::Ok };
        return (r, e);
    }
    let r = if z.re > large_log() {
        let l = cm!(exp(z.re - 1.0));
        cx(l * cm!(cos(z.im)) * E, l * cm!(sin(z.im)) * E)
    } else {
        let l = cm!(exp(z.re));
        cx(l * cm!(cos(z.im)), l * cm!(sin(z.im)))
    };
    let e = if r.re.is_infinite() || r.im.is_infinite() { Errno::Range } else { Errno::Ok };
    (r, e)
}

fn c_log(z: Cx) -> (Cx, Errno) {
    if let Some(r) = special(z, &LOG_SV) {
        return (r, Errno::Ok);
    }
    let ax = z.re.abs();
    let ay = z.im.abs();
    let re = if ax > LARGE || ay > LARGE {
        cm!(log(hypot(ax / 2.0, ay / 2.0))) + LN_2
    } else if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        if ax > 0.0 || ay > 0.0 {
            // hypot(ax, ay) would be subnormal: rescale.
            let m = crate::modules::math::ldexp;
            cm!(log(hypot(m(ax, 53), m(ay, 53)))) - 53.0 * LN_2
        } else {
            return (cx(-INF, cm!(atan2(z.im, z.re))), Errno::Dom);
        }
    } else {
        let h = hypot(ax, ay);
        if (0.71..=1.73).contains(&h) {
            let am = if ax > ay { ax } else { ay };
            let an = if ax > ay { ay } else { ax };
            log1p((am - 1.0) * (am + 1.0) + an * an) / 2.0
        } else {
            cm!(log(h))
        }
    };
    (cx(re, cm!(atan2(z.im, z.re))), Errno::Ok)
}

fn c_log10(z: Cx) -> (Cx, Errno) {
    let (r, e) = c_log(z);
    (cx(r.re / LN_10, r.im / LN_10), e)
}

/// Complex division as CPython's `_Py_c_quot`.
fn c_quot(a: Cx, b: Cx) -> (Cx, Errno) {
    let abr = b.re.abs();
    let abi = b.im.abs();
    if abr >= abi {
        if abr == 0.0 {
            return (cx(0.0, 0.0), Errno::Dom);
        }
        let ratio = b.im / b.re;
        let denom = b.re + b.im * ratio;
        (cx((a.re + a.im * ratio) / denom, (a.im - a.re * ratio) / denom), Errno::Ok)
    } else if abi >= abr {
        let ratio = b.re / b.im;
        let denom = b.re * ratio + b.im;
        (cx((a.re * ratio + a.im) / denom, (a.im * ratio - a.re) / denom), Errno::Ok)
    } else {
        (cx(N, N), Errno::Ok)
    }
}

/// `abs()` of a complex, as CPython's `_Py_c_abs`.
fn c_abs(z: Cx) -> (f64, Errno) {
    if !z.re.is_finite() || !z.im.is_finite() {
        if z.re.is_infinite() {
            return (z.re.abs(), Errno::Ok);
        }
        if z.im.is_infinite() {
            return (z.im.abs(), Errno::Ok);
        }
        return (N, Errno::Ok);
    }
    let r = hypot(z.re, z.im);
    (r, if r.is_finite() { Errno::Ok } else { Errno::Range })
}

fn phase(z: Cx) -> f64 {
    if z.re.is_nan() || z.im.is_nan() {
        return N;
    }
    if z.im.is_infinite() {
        if z.re.is_infinite() {
            let q = if z.re.is_sign_positive() { 0.25 * PI } else { 0.75 * PI };
            return q.copysign(z.im);
        }
        return (0.5 * PI).copysign(z.im);
    }
    if z.re.is_infinite() || z.im == 0.0 {
        return if z.re.is_sign_positive() { 0.0f64.copysign(z.im) } else { PI.copysign(z.im) };
    }
    cm!(atan2(z.im, z.re))
}

// ---- arguments and results ----

/// `PyComplex_AsCComplex`: complex, `__complex__`, or a real number.
fn arg_cx(vm: &mut Vm, v: &Value) -> PyResult<Cx> {
    if let Some(Payload::Complex(re, im)) = v.payload() {
        return Ok(cx(*re, *im));
    }
    let cls = vm.type_of(v);
    if let Some(f) = vm.lookup_mro(&cls, "__complex__") {
        let r = vm.call(&f, vec![v.clone()])?;
        return match r.payload() {
            Some(Payload::Complex(re, im)) => Ok(cx(*re, *im)),
            _ => Err(vm.type_error(format!("__complex__ returned non-complex (type {})", vm.type_name(&r)))),
        };
    }
    Ok(cx(crate::modules::math::arg_f64(vm, v)?, 0.0))
}

fn result(vm: &Vm, r: Cx, e: Errno) -> PyResult<Value> {
    match e {
        Errno::Ok => Ok(new_complex(vm, r.re, r.im)),
        Errno::Dom => Err(vm.value_error("math domain error")),
        Errno::Range => Err(vm.overflow_error("math range error")),
    }
}

fn one<'a>(vm: &Vm, a: &'a Args, name: &str) -> PyResult<&'a Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("cmath.{name}() takes no keyword arguments")));
    }
    if a.pos.len() != 1 {
        return Err(vm.type_error(format!("cmath.{name}() takes exactly one argument ({} given)", a.pos.len())));
    }
    Ok(&a.pos[0])
}

macro_rules! cfunc {
    ($name:ident, $py:literal, $f:ident) => {
        fn $name(vm: &mut Vm, a: &Args) -> PyResult<Value> {
            let v = one(vm, a, $py)?.clone();
            let z = arg_cx(vm, &v)?;
            let (r, e) = $f(z);
            result(vm, r, e)
        }
    };
}

cfunc!(m_acos, "acos", c_acos);
cfunc!(m_acosh, "acosh", c_acosh);
cfunc!(m_asin, "asin", c_asin);
cfunc!(m_asinh, "asinh", c_asinh);
cfunc!(m_atan, "atan", c_atan);
cfunc!(m_atanh, "atanh", c_atanh);
cfunc!(m_cos, "cos", c_cos);
cfunc!(m_cosh, "cosh", c_cosh);
cfunc!(m_exp, "exp", c_exp);
cfunc!(m_log10, "log10", c_log10);
cfunc!(m_sin, "sin", c_sin);
cfunc!(m_sinh, "sinh", c_sinh);
cfunc!(m_sqrt, "sqrt", c_sqrt);
cfunc!(m_tan, "tan", c_tan);
cfunc!(m_tanh, "tanh", c_tanh);

fn m_log(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error("cmath.log() takes no keyword arguments"));
    }
    let n = a.pos.len();
    if n == 0 {
        return Err(vm.type_error("log expected at least 1 argument, got 0"));
    }
    if n > 2 {
        return Err(vm.type_error(format!("log expected at most 2 arguments, got {n}")));
    }
    let x = arg_cx(vm, &a.pos[0])?;
    let (mut r, mut e) = c_log(x);
    if let Some(b) = a.pos.get(1) {
        let y = arg_cx(vm, b)?;
        let (ly, ey) = c_log(y);
        // Each step sets errno anew, as in CPython.
        e = ey;
        let (q, eq) = c_quot(r, ly);
        r = q;
        if eq != Errno::Ok {
            e = eq;
        }
    }
    result(vm, r, e)
}

fn m_phase(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let v = one(vm, a, "phase")?.clone();
    let z = arg_cx(vm, &v)?;
    // CPython reports the C library's errno here (atan2 underflowing
    // sets ERANGE, so a tiny phase is an OverflowError).
    crate::modules::math::errno_clear();
    let phi = phase(z);
    match crate::modules::math::errno_get() {
        0 => Ok(Value::Float(phi)),
        libc::ERANGE => Err(vm.overflow_error("math range error")),
        _ => Err(vm.value_error("math domain error")),
    }
}

fn m_polar(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let v = one(vm, a, "polar")?.clone();
    let z = arg_cx(vm, &v)?;
    let phi = phase(z);
    let (r, e) = c_abs(z);
    if e != Errno::Ok {
        return Err(vm.overflow_error("math range error"));
    }
    Ok(vm.new_tuple(vec![Value::Float(r), Value::Float(phi)]))
}

fn m_rect(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error("cmath.rect() takes no keyword arguments"));
    }
    if a.pos.len() != 2 {
        return Err(vm.type_error(format!("rect expected 2 arguments, got {}", a.pos.len())));
    }
    let r = crate::modules::math::arg_f64(vm, &a.pos[0])?;
    let phi = crate::modules::math::arg_f64(vm, &a.pos[1])?;
    let (z, e) = if !r.is_finite() || !phi.is_finite() {
        let z = if r.is_infinite() && phi.is_finite() && phi != 0.0 {
            let (c, s) = (cm!(cos(phi)), cm!(sin(phi)));
            if r > 0.0 {
                cx(INF.copysign(c), INF.copysign(s))
            } else {
                cx(-INF.copysign(c), -INF.copysign(s))
            }
        } else {
            RECT_SV[kind(r)][kind(phi)]
        };
        let e = if r != 0.0 && !r.is_nan() && phi.is_infinite() { Errno::Dom } else { Errno::Ok };
        (z, e)
    } else if phi == 0.0 {
        (cx(r, r * phi), Errno::Ok)
    } else {
        (cx(r * cm!(cos(phi)), r * cm!(sin(phi))), Errno::Ok)
    };
    result(vm, z, e)
}

fn m_isfinite(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let v = one(vm, a, "isfinite")?.clone();
    let z = arg_cx(vm, &v)?;
    Ok(Value::Bool(z.re.is_finite() && z.im.is_finite()))
}

fn m_isnan(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let v = one(vm, a, "isnan")?.clone();
    let z = arg_cx(vm, &v)?;
    Ok(Value::Bool(z.re.is_nan() || z.im.is_nan()))
}

fn m_isinf(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let v = one(vm, a, "isinf")?.clone();
    let z = arg_cx(vm, &v)?;
    Ok(Value::Bool(z.re.is_infinite() || z.im.is_infinite()))
}

fn m_isclose(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = native::bind(vm, a, "isclose", &["a", "b", "rel_tol", "abs_tol"], 2, 2)?;
    let x = arg_cx(vm, s[0].as_ref().unwrap_or(&Value::None))?;
    let y = arg_cx(vm, s[1].as_ref().unwrap_or(&Value::None))?;
    let rel = match &s[2] {
        Some(v) => crate::modules::math::arg_f64(vm, v)?,
        None => 1e-9,
    };
    let abs = match &s[3] {
        Some(v) => crate::modules::math::arg_f64(vm, v)?,
        None => 0.0,
    };
    if rel < 0.0 || abs < 0.0 {
        return Err(vm.value_error("tolerances must be non-negative"));
    }
    if x.re == y.re && x.im == y.im {
        return Ok(Value::Bool(true));
    }
    if x.re.is_infinite() || x.im.is_infinite() || y.re.is_infinite() || y.im.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let diff = c_abs(cx(x.re - y.re, x.im - y.im)).0;
    let close = diff <= rel * c_abs(y).0 || diff <= rel * c_abs(x).0 || diff <= abs;
    Ok(Value::Bool(close))
}

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let funcs: &[(&'static str, NativeFn)] = &[
        ("acos", m_acos),
        ("acosh", m_acosh),
        ("asin", m_asin),
        ("asinh", m_asinh),
        ("atan", m_atan),
        ("atanh", m_atanh),
        ("cos", m_cos),
        ("cosh", m_cosh),
        ("exp", m_exp),
        ("isclose", m_isclose),
        ("isfinite", m_isfinite),
        ("isinf", m_isinf),
        ("isnan", m_isnan),
        ("log", m_log),
        ("log10", m_log10),
        ("phase", m_phase),
        ("polar", m_polar),
        ("rect", m_rect),
        ("sin", m_sin),
        ("sinh", m_sinh),
        ("sqrt", m_sqrt),
        ("tan", m_tan),
        ("tanh", m_tanh),
    ];
    let m = native::new_module(vm, "cmath", funcs);
    native::set(&m, "pi", Value::Float(PI));
    native::set(&m, "e", Value::Float(E));
    native::set(&m, "tau", Value::Float(std::f64::consts::TAU));
    native::set(&m, "inf", Value::Float(INF));
    native::set(&m, "infj", new_complex(vm, 0.0, INF));
    native::set(&m, "nan", Value::Float(N));
    native::set(&m, "nanj", new_complex(vm, 0.0, N));
    Ok(m)
}
