//! The model file: a small binary layout, little-endian, written and read here only.
//!
//! ```text
//! "HPTRIAGE" version:u16
//! classes:u8, then each cause code                       (str = len:u8 + UTF-8)
//! bias: K × f32
//! scale: f32                                              (gram weight = i8 × scale)
//! grams:u32, then per gram: text:str, K × i8              (sorted by text)
//! stack inputs:u16, then per input: name:str, K × f32     (0: no second stage)
//! stack bias: K × f32                                     (only with a second stage)
//! ```
//! Causes and input names are written out so that a file trained for other causes or
//! other features is refused instead of misread.

use super::{stack_input_names, Model, Stack, K, STACK_INPUTS};
use crate::cases::Cause;

const MAGIC: &[u8; 8] = b"HPTRIAGE";
const VERSION: u16 = 2;

/// Why a model file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError(pub String);

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    // Grams and names are short; the writer never produces longer ones.
    let bytes = &s.as_bytes()[..s.len().min(255)];
    out.push(bytes.len() as u8);
    out.extend_from_slice(bytes);
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], FormatError> {
        let end = self.at.checked_add(n).filter(|e| *e <= self.bytes.len());
        let Some(end) = end else {
            return Err(FormatError(format!("ends early at byte {}", self.at)));
        };
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], FormatError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }

    fn u8(&mut self) -> Result<u8, FormatError> {
        Ok(self.array::<1>()?[0])
    }

    fn u16(&mut self) -> Result<u16, FormatError> {
        Ok(u16::from_le_bytes(self.array()?))
    }

    fn u32(&mut self) -> Result<u32, FormatError> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    fn f32(&mut self) -> Result<f32, FormatError> {
        let v = f32::from_le_bytes(self.array()?);
        if v.is_finite() {
            Ok(v)
        } else {
            Err(FormatError(format!(
                "a number that is not finite at byte {}",
                self.at - 4
            )))
        }
    }

    fn str(&mut self) -> Result<&'a str, FormatError> {
        let n = usize::from(self.u8()?);
        let at = self.at;
        std::str::from_utf8(self.take(n)?)
            .map_err(|_| FormatError(format!("text that is not UTF-8 at byte {at}")))
    }

    fn floats(&mut self) -> Result<[f32; K], FormatError> {
        let mut a = [0f32; K];
        for x in &mut a {
            *x = self.f32()?;
        }
        Ok(a)
    }
}

impl Model {
    /// The model as file bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(64 + self.vocab.len() * (8 + K));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.push(K as u8);
        for c in Cause::ALL {
            put_str(&mut out, c.as_str());
        }
        self.bias
            .iter()
            .for_each(|x| out.extend_from_slice(&x.to_le_bytes()));
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&(self.vocab.len() as u32).to_le_bytes());
        for (g, w) in self.vocab.iter().zip(&self.weights) {
            put_str(&mut out, g);
            out.extend(w.iter().map(|x| x.to_le_bytes()[0]));
        }
        match &self.stack {
            None => out.extend_from_slice(&0u16.to_le_bytes()),
            Some(stack) => {
                out.extend_from_slice(&(STACK_INPUTS as u16).to_le_bytes());
                for (name, w) in stack_input_names().iter().zip(&stack.weights) {
                    put_str(&mut out, name);
                    w.iter()
                        .for_each(|x| out.extend_from_slice(&x.to_le_bytes()));
                }
                stack
                    .bias
                    .iter()
                    .for_each(|x| out.extend_from_slice(&x.to_le_bytes()));
            }
        }
        out
    }

    /// Reads a model file, refusing anything this build would misread.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, FormatError> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            return Err(FormatError("not a triage model file".into()));
        }
        let version = r.u16()?;
        if version != VERSION {
            return Err(FormatError(format!(
                "model file version {version}, this build reads {VERSION}"
            )));
        }
        let classes = usize::from(r.u8()?);
        if classes != K {
            return Err(FormatError(format!("{classes} classes, expected {K}")));
        }
        for c in Cause::ALL {
            let code = r.str()?;
            if code != c.as_str() {
                return Err(FormatError(format!(
                    "class '{code}' where '{c}' was expected"
                )));
            }
        }
        let bias = r.floats()?;
        let scale = r.f32()?;
        let n = r.u32()? as usize;
        let mut vocab = Vec::with_capacity(n.min(bytes.len()));
        let mut weights = Vec::with_capacity(n.min(bytes.len()));
        for _ in 0..n {
            let g = r.str()?;
            if g.is_empty() {
                return Err(FormatError(format!("an empty gram at byte {}", r.at)));
            }
            vocab.push(g.to_string());
            weights.push(r.array::<K>()?.map(|b| i8::from_le_bytes([b])));
        }
        let inputs = usize::from(r.u16()?);
        let stack = match inputs {
            0 => None,
            STACK_INPUTS => {
                let mut w = Vec::with_capacity(STACK_INPUTS);
                for name in stack_input_names() {
                    let got = r.str()?;
                    if got != name {
                        return Err(FormatError(format!(
                            "input '{got}' where '{name}' was expected"
                        )));
                    }
                    w.push(r.floats()?);
                }
                Some(Stack {
                    weights: w,
                    bias: r.floats()?,
                })
            }
            n => {
                return Err(FormatError(format!(
                    "{n} second-stage inputs, this build has {STACK_INPUTS}"
                )))
            }
        };
        if r.at != bytes.len() {
            return Err(FormatError(format!(
                "{} bytes after the end",
                bytes.len() - r.at
            )));
        }
        let model = Model::new(bias, stack, vocab, weights, scale);
        if model.index.len() != model.vocab.len() {
            return Err(FormatError("the same gram twice".into()));
        }
        Ok(model)
    }
}
