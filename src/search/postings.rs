//! How a word's list of briefings is written in a word file: as gaps between ascending
//! briefing numbers, in LEB128 variable-length bytes (a gap under 128 is one byte), or, for a
//! list dense enough that a bit per briefing is shorter, as a bitmap. Each list is written the
//! shorter way, so no list of a site of `n` briefings is longer than about `n / 8` bytes: at
//! 100,000 briefings the commonest word costs 12.5 KB a field, where gaps would cost 100 KB.
//!
//! A list starts with `count << 1 | bitmap`. Gaps follow as `count` numbers (the first is the
//! first briefing's number). A bitmap follows as its first briefing's number, its length in
//! bytes, and the bytes: bit `j` of byte `k` (least significant first) is briefing
//! `first + 8k + j`. `search.js` reads them back.

/// Appends `value` as LEB128.
pub fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// How many bytes `value` takes as LEB128.
fn varint_len(value: u64) -> usize {
    (64 - (value | 1).leading_zeros() as usize).div_ceil(7)
}

/// Appends an ascending list of briefing numbers, the shorter way.
pub fn put_list(out: &mut Vec<u8>, docs: &[u32]) {
    let count = docs.len() as u64;
    let (Some(&first), Some(&last)) = (docs.first(), docs.last()) else {
        put_varint(out, 0);
        return;
    };
    let gaps: usize = std::iter::once(first)
        .chain(docs.windows(2).map(|w| w[1] - w[0]))
        .map(|gap| varint_len(u64::from(gap)))
        .sum();
    let bitmap_bytes = ((last - first) as usize / 8) + 1;
    let bitmap = varint_len(u64::from(first)) + varint_len(bitmap_bytes as u64) + bitmap_bytes;
    if bitmap < gaps {
        put_varint(out, count << 1 | 1);
        put_varint(out, u64::from(first));
        put_varint(out, bitmap_bytes as u64);
        let start = out.len();
        out.resize(start + bitmap_bytes, 0);
        for &doc in docs {
            let bit = (doc - first) as usize;
            out[start + bit / 8] |= 1 << (bit % 8);
        }
    } else {
        put_varint(out, count << 1);
        let mut previous = 0;
        for (i, &doc) in docs.iter().enumerate() {
            put_varint(out, u64::from(if i == 0 { doc } else { doc - previous }));
            previous = doc;
        }
    }
}

/// Reads a LEB128 number at `*at`, moving past it (for tests and tools; `search.js` reads
/// the files in the browser).
pub fn get_varint(bytes: &[u8], at: &mut usize) -> u64 {
    let mut value = 0u64;
    let mut shift = 0;
    loop {
        let byte = bytes[*at];
        *at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return value;
        }
        shift += 7;
    }
}

/// Reads a list written by [`put_list`] at `*at`, moving past it.
pub fn get_list(bytes: &[u8], at: &mut usize) -> Vec<u32> {
    let head = get_varint(bytes, at);
    let count = (head >> 1) as usize;
    let mut docs = Vec::with_capacity(count);
    if head & 1 == 1 {
        let first = get_varint(bytes, at) as u32;
        let len = get_varint(bytes, at) as usize;
        for k in 0..len {
            for j in 0..8 {
                if bytes[*at + k] & (1 << j) != 0 {
                    docs.push(first + (k * 8 + j) as u32);
                }
            }
        }
        *at += len;
    } else {
        let mut doc = 0u32;
        for i in 0..count {
            let gap = get_varint(bytes, at) as u32;
            doc = if i == 0 { gap } else { doc + gap };
            docs.push(doc);
        }
    }
    docs
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn dense_lists_are_bitmaps_and_sparse_ones_gaps() {
        let dense: Vec<u32> = (0..1000).filter(|d| d % 3 != 0).collect();
        let mut out = Vec::new();
        put_list(&mut out, &dense);
        assert_eq!(out[0] & 1, 1, "a bitmap");
        assert!(
            out.len() < 140,
            "{} bytes for a bit per briefing",
            out.len()
        );

        let sparse = [5u32, 900, 70_000];
        let mut out = Vec::new();
        put_list(&mut out, &sparse);
        assert_eq!(out[0] & 1, 0, "gaps");
        assert_eq!(out.len(), 1 + 1 + 2 + 3);
    }

    proptest! {
        #[test]
        fn every_list_reads_back_as_written(mut docs in proptest::collection::vec(0u32..300_000, 0..400)) {
            docs.sort_unstable();
            docs.dedup();
            let mut out = Vec::new();
            put_list(&mut out, &docs);
            put_varint(&mut out, 7);
            let mut at = 0;
            prop_assert_eq!(get_list(&out, &mut at), docs);
            prop_assert_eq!(get_varint(&out, &mut at), 7);
            prop_assert_eq!(at, out.len());
        }
    }
}
