//! CPython's `_BlocksOutputBuffer` (`pycore_blocks_output_buffer.h`) as
//! used by `_bz2` and `_lzma`: the output grows in blocks of fixed sizes
//! (32 KiB, 64 KiB, 256 KiB, ...), capped by `max_length`. The block
//! sizes decide how much output space each call into the library gets,
//! which decides where a `max_length`-limited decompression stops, so
//! they are reproduced exactly.

const KB: usize = 1024;
const MB: usize = 1024 * 1024;
const BLOCK_SIZES: [usize; 17] =
    [32 * KB, 64 * KB, 256 * KB, MB, 4 * MB, 8 * MB, 16 * MB, 16 * MB, 32 * MB, 32 * MB, 32 * MB, 32 * MB, 64 * MB, 64 * MB, 128 * MB, 128 * MB, 256 * MB];

pub struct OutBuf {
    pub data: Vec<u8>,
    /// Bytes written so far (the rest of `data` is the free space).
    pub len: usize,
    blocks: usize,
    max_length: i64,
}

impl OutBuf {
    /// `_BlocksOutputBuffer_InitAndGrow`.
    pub fn new(max_length: i64) -> OutBuf {
        let block = if max_length >= 0 && (max_length as usize) < BLOCK_SIZES[0] { max_length as usize } else { BLOCK_SIZES[0] };
        OutBuf { data: vec![0; block], len: 0, blocks: 1, max_length }
    }

    /// The free space (`avail_out`).
    pub fn avail(&self) -> usize {
        self.data.len() - self.len
    }

    /// `_BlocksOutputBuffer_Grow` (when the free space is used up).
    pub fn grow(&mut self) {
        let mut block = BLOCK_SIZES[self.blocks.min(BLOCK_SIZES.len() - 1)];
        if self.max_length >= 0 {
            let rest = (self.max_length as usize).saturating_sub(self.data.len());
            block = block.min(rest);
        }
        self.data.resize(self.data.len() + block, 0);
        self.blocks += 1;
    }

    /// Has the output reached `max_length`?
    pub fn at_max(&self) -> bool {
        self.max_length >= 0 && self.len as i64 == self.max_length
    }

    pub fn finish(mut self) -> Vec<u8> {
        self.data.truncate(self.len);
        self.data
    }
}
