//! CPython's hash functions for str and bytes (SipHash-1-3, with the key
//! CPython uses when `PYTHONHASHSEED=0`) and tuples (xxHash-based), so that
//! set iteration order matches CPython's under that setting.

const fn rotl(x: u64, b: u32) -> u64 {
    x.rotate_left(b)
}

#[inline]
fn round(v0: &mut u64, v1: &mut u64, v2: &mut u64, v3: &mut u64) {
    // Two half rounds, as CPython's SINGLE_ROUND.
    *v0 = v0.wrapping_add(*v1);
    *v2 = v2.wrapping_add(*v3);
    *v1 = rotl(*v1, 13) ^ *v0;
    *v3 = rotl(*v3, 16) ^ *v2;
    *v0 = rotl(*v0, 32);
    *v2 = v2.wrapping_add(*v1);
    *v0 = v0.wrapping_add(*v3);
    *v1 = rotl(*v1, 17) ^ *v2;
    *v3 = rotl(*v3, 21) ^ *v0;
    *v2 = rotl(*v2, 32);
}

/// SipHash-1-3 with keys (k0, k1).
pub fn siphash13(k0: u64, k1: u64, src: &[u8]) -> u64 {
    let mut b: u64 = (src.len() as u64) << 56;
    let mut v0 = k0 ^ 0x736f6d6570736575;
    let mut v1 = k1 ^ 0x646f72616e646f6d;
    let mut v2 = k0 ^ 0x6c7967656e657261;
    let mut v3 = k1 ^ 0x7465646279746573;
    let mut chunks = src.chunks_exact(8);
    for c in &mut chunks {
        let mi = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        v3 ^= mi;
        round(&mut v0, &mut v1, &mut v2, &mut v3);
        v0 ^= mi;
    }
    let rest = chunks.remainder();
    let mut t = [0u8; 8];
    t[..rest.len()].copy_from_slice(rest);
    b |= u64::from_le_bytes(t);
    v3 ^= b;
    round(&mut v0, &mut v1, &mut v2, &mut v3);
    v0 ^= b;
    v2 ^= 0xff;
    round(&mut v0, &mut v1, &mut v2, &mut v3);
    round(&mut v0, &mut v1, &mut v2, &mut v3);
    round(&mut v0, &mut v1, &mut v2, &mut v3);
    (v0 ^ v1) ^ (v2 ^ v3)
}

/// `_Py_HashBytes`: 0 for empty input, never -1.
pub fn hash_bytes(b: &[u8]) -> i64 {
    if b.is_empty() {
        return 0;
    }
    let h = siphash13(0, 0, b) as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

/// A str's hash over its CPython representation: one, two or four bytes
/// per code point (by the widest one), little-endian.
pub fn hash_code_points(cps: impl Iterator<Item = u32> + Clone) -> i64 {
    let max = cps.clone().max().unwrap_or(0);
    let mut buf: Vec<u8> = Vec::new();
    if max < 0x100 {
        buf.extend(cps.map(|c| c as u8));
    } else if max < 0x10000 {
        for c in cps {
            buf.extend_from_slice(&(c as u16).to_le_bytes());
        }
    } else {
        for c in cps {
            buf.extend_from_slice(&c.to_le_bytes());
        }
    }
    hash_bytes(&buf)
}

const XXPRIME_1: u64 = 11400714785074694791;
const XXPRIME_2: u64 = 14029467366897019727;
const XXPRIME_5: u64 = 2870177450012600261;

/// The tuple hash of CPython 3.8+ from its items' hashes.
pub fn hash_tuple(items: &[i64]) -> i64 {
    let mut acc = XXPRIME_5;
    for &h in items {
        acc = acc.wrapping_add((h as u64).wrapping_mul(XXPRIME_2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(XXPRIME_1);
    }
    acc = acc.wrapping_add((items.len() as u64) ^ (XXPRIME_5 ^ 3527539));
    if acc == u64::MAX {
        return 1546275796;
    }
    acc as i64
}

fn shuffle_bits(h: u64) -> u64 {
    ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
}

/// The frozenset hash of CPython 3.11 from its items' hashes.
pub fn hash_frozenset(items: &[i64]) -> i64 {
    let mut hash: u64 = 0;
    for &h in items {
        hash ^= shuffle_bits(h as u64);
    }
    hash ^= (items.len() as u64).wrapping_add(1).wrapping_mul(1927868237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69069).wrapping_add(907133923);
    if hash == u64::MAX {
        return 590923713;
    }
    hash as i64
}

/// The order CPython's set table iterates keys inserted in this order
/// (with these hashes, all distinct keys, no removals): positions into
/// `hashes`.
pub fn set_order(hashes: &[i64]) -> Vec<usize> {
    const LINEAR_PROBES: usize = 9;
    let mut mask: usize = 7;
    let mut table: Vec<Option<usize>> = vec![None; 8];
    let mut fill = 0usize;
    fn insert_clean(table: &mut [Option<usize>], mask: usize, hash: i64, idx: usize) {
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            if table[i].is_none() {
                table[i] = Some(idx);
                return;
            }
            if i + LINEAR_PROBES <= mask {
                for j in 1..=LINEAR_PROBES {
                    if table[i + j].is_none() {
                        table[i + j] = Some(idx);
                        return;
                    }
                }
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
    }
    for (idx, &h) in hashes.iter().enumerate() {
        insert_clean(&mut table, mask, h, idx);
        fill += 1;
        if fill * 5 >= mask * 3 {
            let minused = if fill > 50000 { fill * 2 } else { fill * 4 };
            let mut newsize = 8usize;
            while newsize <= minused {
                newsize <<= 1;
            }
            let old = std::mem::replace(&mut table, vec![None; newsize]);
            mask = newsize - 1;
            for k in old.into_iter().flatten() {
                insert_clean(&mut table, mask, hashes[k], k);
            }
        }
    }
    table.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_cpython_with_hash_seed_zero() {
        // Recorded with PYTHONHASHSEED=0 python3 -c "print(hash(...))".
        assert_eq!(hash_code_points("a".chars().map(|c| c as u32)), 4644417185603328019);
        assert_eq!(hash_code_points("".chars().map(|c| c as u32)), 0);
        assert_eq!(hash_code_points("hello".chars().map(|c| c as u32)), -2096571579003691106);
        assert_eq!(hash_code_points("é".chars().map(|c| c as u32)), 6047309291227476195);
        assert_eq!(hash_code_points("日本".chars().map(|c| c as u32)), 6243316497235261705);
        assert_eq!(hash_bytes(b"abc"), -4594863902769663758);
        assert_eq!(hash_tuple(&[1, 2]), -3550055125485641917);
        assert_eq!(hash_tuple(&[]), 5740354900026072187);
        assert_eq!(hash_frozenset(&[1, 2]), -1826646154956904602);
    }
}
