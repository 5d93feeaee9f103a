//! The forward pass of the fine-tuned all-MiniLM-L6-v2 (6 BERT layers, 384 wide, 12 heads),
//! mean-pooled, then the linear (theme, polarity) head: one comment at a time, no padding.
//!
//! The big matrices stay int8 in the embedded file (one f32 scale per row); each linear layer
//! is widened to f32 just before its matrix product, so the resident cost is the int8 file
//! plus a few MB, not the 90 MB of f32 weights. That widened layer and every activation live
//! in one [`Workspace`] per thread, sized by the longest comment it has seen and reused from
//! comment to comment: allocating them per comment, at sizes that vary with its length, left
//! the allocator holding several times as much. The products go through `matrixmultiply`
//! (the kernel `ndarray` uses, picking AVX/FMA at run time).

use super::weights::{Int8Matrix, Weights};
use std::cell::RefCell;

const HIDDEN: usize = 384;
const HEADS: usize = 12;
const HEAD_DIM: usize = HIDDEN / HEADS;
const LAYER_NORM_EPS: f32 = 1e-12;

struct Linear {
    weight: Int8Matrix,
    bias: Vec<f32>,
}

struct LayerNorm {
    gamma: Vec<f32>,
    beta: Vec<f32>,
}

struct Layer {
    query: Linear,
    key: Linear,
    value: Linear,
    attention_out: Linear,
    attention_norm: LayerNorm,
    intermediate: Linear,
    output: Linear,
    output_norm: LayerNorm,
}

pub(crate) struct Bert {
    word_embeddings: Int8Matrix,
    position_embeddings: Vec<f32>,
    token_type_embedding: Vec<f32>,
    embedding_norm: LayerNorm,
    layers: Vec<Layer>,
    head_weight: Vec<f32>,
    head_bias: Vec<f32>,
}

impl Bert {
    pub(crate) fn new(w: &Weights) -> Self {
        let linear = |name: &str| Linear {
            weight: w.int8(&format!("{name}.weight")),
            bias: w.f32(&format!("{name}.bias")),
        };
        let norm = |name: &str| LayerNorm {
            gamma: w.f32(&format!("{name}.weight")),
            beta: w.f32(&format!("{name}.bias")),
        };
        let layers = (0..6)
            .map(|i| {
                let p = format!("encoder.layer.{i}");
                Layer {
                    query: linear(&format!("{p}.attention.self.query")),
                    key: linear(&format!("{p}.attention.self.key")),
                    value: linear(&format!("{p}.attention.self.value")),
                    attention_out: linear(&format!("{p}.attention.output.dense")),
                    attention_norm: norm(&format!("{p}.attention.output.LayerNorm")),
                    intermediate: linear(&format!("{p}.intermediate.dense")),
                    output: linear(&format!("{p}.output.dense")),
                    output_norm: norm(&format!("{p}.output.LayerNorm")),
                }
            })
            .collect();
        let mut token_type_embedding = w.f32("embeddings.token_type_embeddings.weight");
        token_type_embedding.truncate(HIDDEN); // every token is type 0
        Bert {
            word_embeddings: w.int8("embeddings.word_embeddings.weight"),
            position_embeddings: w.f32("embeddings.position_embeddings.weight"),
            token_type_embedding,
            embedding_norm: norm("embeddings.LayerNorm"),
            layers,
            head_weight: w.f32("head.weight"),
            head_bias: w.f32("head.bias"),
        }
    }

    /// The head's sigmoid probabilities, one per label, for one comment's token ids.
    pub(crate) fn probabilities(&self, ids: &[u32]) -> Vec<f32> {
        WORKSPACE.with_borrow_mut(|ws| self.forward(ids, ws))
    }

    fn forward(&self, ids: &[u32], ws: &mut Workspace) -> Vec<f32> {
        let t = ids.len();
        let x = refill(&mut ws.x, t * HIDDEN);
        for (pos, (&id, row)) in ids.iter().zip(x.chunks_exact_mut(HIDDEN)).enumerate() {
            self.word_embeddings.row_into(id as usize, row);
            let position = &self.position_embeddings[pos * HIDDEN..(pos + 1) * HIDDEN];
            for ((v, p), k) in row.iter_mut().zip(position).zip(&self.token_type_embedding) {
                *v += p + k;
            }
        }
        self.embedding_norm.apply(x);
        for layer in &self.layers {
            layer.forward(t, ws);
        }
        let mut pooled = vec![0f32; HIDDEN];
        for row in ws.x.chunks_exact(HIDDEN) {
            for (p, v) in pooled.iter_mut().zip(row) {
                *p += v / t as f32;
            }
        }
        self.head_weight
            .chunks_exact(HIDDEN)
            .zip(&self.head_bias)
            .map(|(w, b)| sigmoid(b + w.iter().zip(&pooled).map(|(w, p)| w * p).sum::<f32>()))
            .collect()
    }
}

thread_local! {
    static WORKSPACE: RefCell<Workspace> = RefCell::new(Workspace::default());
}

/// Frees the calling thread's workspace (a few megabytes), for a thread that will not tag
/// again for a while; the next comment it tags allocates a new one.
pub(crate) fn release_workspace() {
    WORKSPACE.take();
}

/// One forward pass's buffers: the hidden states `x` (t x 384), the attention's projections
/// and output, the feed-forward's inner activations (t x 1536), one row of attention scores,
/// and the layer being multiplied, widened to f32.
#[derive(Default)]
struct Workspace {
    x: Vec<f32>,
    q: Vec<f32>,
    k: Vec<f32>,
    v: Vec<f32>,
    context: Vec<f32>,
    projected: Vec<f32>,
    inner: Vec<f32>,
    scores: Vec<f32>,
    widened: Vec<f32>,
}

/// `buffer` as `len` zeros, reusing its allocation.
fn refill(buffer: &mut Vec<f32>, len: usize) -> &mut [f32] {
    buffer.clear();
    buffer.resize(len, 0.0);
    buffer
}

impl Layer {
    /// One transformer layer over `ws.x` (t x 384), in place.
    fn forward(&self, t: usize, ws: &mut Workspace) {
        let Workspace {
            x,
            q,
            k,
            v,
            context,
            projected,
            inner,
            scores,
            widened,
        } = ws;
        self.query.apply(x, t, widened, q);
        self.key.apply(x, t, widened, k);
        self.value.apply(x, t, widened, v);
        let context = refill(context, t * HIDDEN);
        let scores = refill(scores, t);
        let scale = 1.0 / (HEAD_DIM as f32).sqrt();
        for h in 0..HEADS {
            let span = h * HEAD_DIM..(h + 1) * HEAD_DIM;
            for i in 0..t {
                let qi = &q[i * HIDDEN..][span.clone()];
                for (j, s) in scores.iter_mut().enumerate() {
                    let kj = &k[j * HIDDEN..][span.clone()];
                    *s = qi.iter().zip(kj).map(|(a, b)| a * b).sum::<f32>() * scale;
                }
                softmax(scores);
                let out = &mut context[i * HIDDEN..][span.clone()];
                for (j, &s) in scores.iter().enumerate() {
                    for (o, vj) in out.iter_mut().zip(&v[j * HIDDEN..][span.clone()]) {
                        *o += s * vj;
                    }
                }
            }
        }
        self.attention_out.apply(context, t, widened, projected);
        add_into(x, projected);
        self.attention_norm.apply(x);
        self.intermediate.apply(x, t, widened, inner);
        inner.iter_mut().for_each(|v| *v = gelu(*v));
        self.output.apply(inner, t, widened, projected);
        add_into(x, projected);
        self.output_norm.apply(x);
    }
}

impl Linear {
    /// `x` (t × in) times the weight's transpose, plus the bias, into `out` (t × out);
    /// `widened` receives the weight as f32.
    fn apply(&self, x: &[f32], t: usize, widened: &mut Vec<f32>, out: &mut Vec<f32>) {
        let (rows, cols) = (self.weight.rows, self.weight.cols);
        self.weight.widen_into(widened);
        out.clear();
        out.extend(self.bias.iter().copied().cycle().take(t * rows));
        // SAFETY: the pointers and strides describe the buffers exactly: x is t × cols row
        // major, widened is rows × cols row major (read as its transpose, cols × rows, by
        // swapping the strides), out is t × rows row major; all three are live and distinct.
        unsafe {
            matrixmultiply::sgemm(
                t,
                cols,
                rows,
                1.0,
                x.as_ptr(),
                cols as isize,
                1,
                widened.as_ptr(),
                1,
                cols as isize,
                1.0,
                out.as_mut_ptr(),
                rows as isize,
                1,
            );
        }
    }
}

impl LayerNorm {
    fn apply(&self, x: &mut [f32]) {
        for row in x.chunks_exact_mut(HIDDEN) {
            let mean = row.iter().sum::<f32>() / HIDDEN as f32;
            let var = row.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / HIDDEN as f32;
            let inv = 1.0 / (var + LAYER_NORM_EPS).sqrt();
            for ((v, g), b) in row.iter_mut().zip(&self.gamma).zip(&self.beta) {
                *v = (*v - mean) * inv * g + b;
            }
        }
    }
}

fn add_into(x: &mut [f32], y: &[f32]) {
    x.iter_mut().zip(y).for_each(|(a, b)| *a += b);
}

fn softmax(v: &mut [f32]) {
    let max = v.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for s in v.iter_mut() {
        *s = (*s - max).exp();
        sum += *s;
    }
    v.iter_mut().for_each(|s| *s /= sum);
}

/// BERT's exact GELU.
fn gelu(v: f32) -> f32 {
    0.5 * v * (1.0 + libm::erff(v / std::f32::consts::SQRT_2))
}

pub(crate) fn sigmoid(v: f32) -> f32 {
    1.0 / (1.0 + (-v).exp())
}
