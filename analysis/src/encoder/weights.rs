//! Reads `data/encoder/weights.bin`, written by
//! `analysis/experiments/sentence_embeddings/export_encoder.py`: `VVENC1\n`, a little-endian
//! u32 header length, a JSON header (labels, threshold, tensors), then the tensors.
//!
//! int8 tensors are borrowed from the embedded bytes, never copied, so only the pages a
//! comment touches (a word's embedding row, say) become resident; f32 tensors are small and
//! copied out (the file gives no alignment guarantee for `&[f32]`).

use serde::Deserialize;
use std::collections::BTreeMap;

const MAGIC: &[u8] = b"VVENC1\n";

#[derive(Deserialize)]
pub(crate) struct Header {
    /// (theme id, polarity) per output of both halves, in the same order.
    pub labels: Vec<(String, String)>,
    pub threshold: f32,
    pub max_tokens: usize,
    tensors: BTreeMap<String, TensorInfo>,
}

#[derive(Deserialize)]
struct TensorInfo {
    dtype: String,
    shape: Vec<usize>,
    offset: usize,
}

pub(crate) struct Weights {
    pub header: Header,
    data: &'static [u8],
}

/// An int8 matrix with one f32 scale per row: `w[r][c] = data[r * cols + c] * scales[r]`.
pub(crate) struct Int8Matrix {
    data: &'static [u8],
    scales: Vec<f32>,
    pub rows: usize,
    pub cols: usize,
}

impl Weights {
    /// Panics on a malformed file: it is embedded at build time and checked by unit tests,
    /// so this can only fail on a build that was never tested.
    pub(crate) fn parse(bytes: &'static [u8]) -> Self {
        let rest = bytes
            .strip_prefix(MAGIC)
            .expect("encoder weights start with VVENC1");
        let (len, rest) = rest.split_at(4);
        let len = u32::from_le_bytes(len.try_into().expect("4 bytes")) as usize;
        let (header, data) = rest.split_at(len);
        let header: Header = serde_json::from_slice(header).expect("encoder header is JSON");
        Weights { header, data }
    }

    fn tensor(&self, name: &str, dtype: &str) -> (&'static [u8], &[usize]) {
        let info = self
            .header
            .tensors
            .get(name)
            .unwrap_or_else(|| panic!("no tensor {name}"));
        assert_eq!(info.dtype, dtype, "tensor {name}");
        let width = if dtype == "i8" { 1 } else { 4 };
        let len = info.shape.iter().product::<usize>() * width;
        (&self.data[info.offset..info.offset + len], &info.shape)
    }

    pub(crate) fn f32(&self, name: &str) -> Vec<f32> {
        let (bytes, _) = self.tensor(name, "f32");
        bytes
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes(b.try_into().expect("4 bytes")))
            .collect()
    }

    pub(crate) fn int8(&self, name: &str) -> Int8Matrix {
        let (data, shape) = self.tensor(name, "i8");
        let (rows, cols) = (shape[0], shape[1]);
        let scales = self.f32(&format!("{name}.scale"));
        assert_eq!(scales.len(), rows, "one scale per row of {name}");
        Int8Matrix {
            data,
            scales,
            rows,
            cols,
        }
    }
}

impl Int8Matrix {
    pub(crate) fn row_into(&self, row: usize, out: &mut [f32]) {
        let scale = self.scales[row];
        let bytes = &self.data[row * self.cols..(row + 1) * self.cols];
        for (o, &b) in out.iter_mut().zip(bytes) {
            *o = f32::from(b as i8) * scale;
        }
    }

    /// The whole matrix as f32, row major, into `out` (resized).
    pub(crate) fn widen_into(&self, out: &mut Vec<f32>) {
        out.resize(self.rows * self.cols, 0.0);
        for (r, row) in out.chunks_exact_mut(self.cols).enumerate() {
            self.row_into(r, row);
        }
    }

    /// Row `row` dotted with a sparse vector given as (column, value) pairs.
    pub(crate) fn sparse_dot(&self, row: usize, entries: &[(usize, f32)]) -> f32 {
        let bytes = &self.data[row * self.cols..(row + 1) * self.cols];
        let sum: f32 = entries
            .iter()
            .map(|&(c, v)| f32::from(bytes[c] as i8) * v)
            .sum();
        sum * self.scales[row]
    }
}
