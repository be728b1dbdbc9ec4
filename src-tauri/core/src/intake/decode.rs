//! Reading text files in whatever encoding the seller backend or Excel wrote them, as a
//! stream of UTF-8 bytes, without loading the file.

use crate::error::{CoreError, Result};
use encoding_rs::{DecoderResult, Encoding, UTF_16BE, UTF_16LE, UTF_8};
use std::io::Read;

/// How much of the file is looked at to guess its encoding and layout.
pub(crate) const SNIFF_BYTES: usize = 256 * 1024;
const RAW_CHUNK: usize = 64 * 1024;
const OUT_CHUNK: usize = 128 * 1024;

#[derive(Debug, Clone, Copy)]
pub(crate) struct Detected {
    pub encoding: &'static Encoding,
    pub bom_len: usize,
}

/// Picks the encoding from a byte-order mark, the share of NUL bytes (UTF-16 without a
/// mark), UTF-8 validity, and else chardetng with a Chinese bias: a Chinese shop's CSV
/// that is not UTF-8 is almost always GBK from Excel.
pub(crate) fn detect(sample: &[u8], forced: Option<&str>) -> Result<Detected> {
    let (bom_enc, bom_len) = match Encoding::for_bom(sample) {
        Some((e, n)) => (Some(e), n),
        None => (None, 0),
    };
    if let Some(label) = forced.map(str::trim).filter(|l| !l.is_empty()) {
        let encoding = Encoding::for_label(label.as_bytes()).ok_or_else(|| {
            CoreError::validation(
                "intake.unknown_encoding",
                "encoding",
                format!("unknown encoding '{label}'"),
            )
        })?;
        // A mark of another encoding is not skipped: its bytes are then part of the text,
        // exactly as the owner asked for.
        let bom_len = if bom_enc == Some(encoding) {
            bom_len
        } else {
            0
        };
        return Ok(Detected { encoding, bom_len });
    }
    if let Some(encoding) = bom_enc {
        return Ok(Detected { encoding, bom_len });
    }
    if let Some(encoding) = utf16_without_bom(sample) {
        return Ok(Detected {
            encoding,
            bom_len: 0,
        });
    }
    if looks_binary(sample) {
        return Err(binary_error());
    }
    match utf8_verdict(sample) {
        Utf8Verdict::Utf8 => {
            return Ok(Detected {
                encoding: UTF_8,
                bom_len: 0,
            })
        }
        Utf8Verdict::Mixed => {
            return Err(CoreError::validation(
                "intake.mixed_encoding",
                "encoding",
                "the file mixes UTF-8 text with text in another encoding (GBK?): \
                 save it again from one program in one encoding",
            ))
        }
        Utf8Verdict::Other => {}
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(sample, sample.len() < SNIFF_BYTES);
    let encoding = det.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    Ok(Detected {
        encoding,
        bom_len: 0,
    })
}

pub(crate) fn binary_error() -> CoreError {
    CoreError::validation(
        "intake.binary_file",
        "file",
        "this is not a text or spreadsheet file (binary content)",
    )
}

/// UTF-16 text of mostly ASCII/CJK has a NUL in nearly every other byte.
fn utf16_without_bom(sample: &[u8]) -> Option<&'static Encoding> {
    let n = sample.len().min(4096) & !1;
    if n < 16 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in sample[..n].chunks_exact(2) {
        if pair[0] == 0 {
            even += 1;
        }
        if pair[1] == 0 {
            odd += 1;
        }
    }
    let pairs = n / 2;
    if odd * 10 >= pairs * 4 && even * 10 < pairs {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 4 && odd * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Text never holds NUL, and holds control characters other than tab and line breaks
/// only by accident; a handful per hundred bytes means this is not text.
fn looks_binary(sample: &[u8]) -> bool {
    let n = sample.len().min(64 * 1024);
    let head = &sample[..n];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    controls * 100 > n.max(1)
}

enum Utf8Verdict {
    Utf8,
    Mixed,
    Other,
}

/// UTF-8, or UTF-8 with a few damaged bytes (those rows are rejected later), or a mix of
/// UTF-8 and a legacy encoding (two exports pasted together), or something else. A
/// legacy-encoded text forms valid UTF-8 only in short accidental runs; genuine UTF-8
/// Chinese forms long ones.
fn utf8_verdict(sample: &[u8]) -> Utf8Verdict {
    // A character cut off by the end of the sample is not damage.
    let cut = match std::str::from_utf8(sample) {
        Ok(_) => return Utf8Verdict::Utf8,
        Err(e) if e.error_len().is_none() => return Utf8Verdict::Utf8,
        Err(_) => {
            let tail = sample.len().saturating_sub(3);
            (tail..sample.len())
                .find(|&i| sample[i] >= 0xC0)
                .filter(|&i| std::str::from_utf8(&sample[i..]).is_err())
                .unwrap_or(sample.len())
        }
    };
    let (mut invalid, mut long_runs, mut non_ascii) = (0usize, 0usize, 0usize);
    for chunk in sample[..cut].utf8_chunks() {
        let n = chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        non_ascii += n;
        if n >= 16 {
            long_runs += 1;
        }
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    if invalid == 0 || (long_runs > 0 && invalid * 200 <= non_ascii) {
        Utf8Verdict::Utf8
    } else if long_runs > 0 {
        Utf8Verdict::Mixed
    } else {
        Utf8Verdict::Other
    }
}

/// A `BufRead`-like stream of UTF-8 from any encoding. Undecodable bytes become U+FFFD
/// and are counted, so rows holding them can be rejected instead of stored garbled.
pub(crate) struct DecodedStream<R: Read> {
    inner: R,
    decoder: encoding_rs::Decoder,
    raw: Vec<u8>,
    raw_pos: usize,
    raw_len: usize,
    raw_eof: bool,
    out: Vec<u8>,
    out_pos: usize,
    out_len: usize,
    finished: bool,
    /// Bytes of the source consumed so far (for progress).
    pub bytes_read: u64,
    /// Malformed sequences met so far.
    pub malformed: u64,
}

impl<R: Read> DecodedStream<R> {
    /// `skip` bytes (a byte-order mark) are dropped from the start of `inner`.
    pub fn new(mut inner: R, encoding: &'static Encoding, skip: usize) -> Result<Self> {
        let mut bom = vec![0u8; skip];
        inner.read_exact(&mut bom)?;
        Ok(DecodedStream {
            inner,
            decoder: encoding.new_decoder_without_bom_handling(),
            raw: vec![0; RAW_CHUNK],
            raw_pos: 0,
            raw_len: 0,
            raw_eof: false,
            out: vec![0; OUT_CHUNK],
            out_pos: 0,
            out_len: 0,
            finished: false,
            bytes_read: skip as u64,
            malformed: 0,
        })
    }

    /// The decoded bytes not yet consumed; empty only at the end of the file.
    pub fn fill_buf(&mut self) -> Result<&[u8]> {
        while self.out_pos == self.out_len && !self.finished {
            self.refill()?;
        }
        Ok(&self.out[self.out_pos..self.out_len])
    }

    pub fn consume(&mut self, n: usize) {
        self.out_pos = (self.out_pos + n).min(self.out_len);
    }

    fn refill(&mut self) -> Result<()> {
        self.out_pos = 0;
        self.out_len = 0;
        if self.raw_pos == self.raw_len && !self.raw_eof {
            self.raw_pos = 0;
            self.raw_len = loop {
                match self.inner.read(&mut self.raw) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e.into()),
                }
            };
            self.bytes_read += self.raw_len as u64;
            self.raw_eof = self.raw_len == 0;
        }
        let last = self.raw_eof;
        loop {
            // Room for the longest character or a replacement, whatever the decoder needs.
            if self.out.len() - self.out_len < 16 {
                break;
            }
            let (res, read, written) = self.decoder.decode_to_utf8_without_replacement(
                &self.raw[self.raw_pos..self.raw_len],
                &mut self.out[self.out_len..],
                last,
            );
            self.raw_pos += read;
            self.out_len += written;
            match res {
                DecoderResult::InputEmpty => {
                    if last {
                        self.finished = true;
                    }
                    break;
                }
                DecoderResult::OutputFull => break,
                DecoderResult::Malformed(_, _) => {
                    self.malformed += 1;
                    self.out[self.out_len..self.out_len + 3].copy_from_slice("\u{FFFD}".as_bytes());
                    self.out_len += 3;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(bytes: &[u8], forced: Option<&str>) -> (String, &'static str, u64) {
        let d = detect(bytes, forced).unwrap();
        let mut s = DecodedStream::new(bytes, d.encoding, d.bom_len).unwrap();
        let mut out = Vec::new();
        loop {
            let buf = s.fill_buf().unwrap();
            if buf.is_empty() {
                break;
            }
            let n = buf.len();
            out.extend_from_slice(buf);
            s.consume(n);
        }
        (
            String::from_utf8(out).unwrap(),
            d.encoding.name(),
            s.malformed,
        )
    }

    #[test]
    fn detects_boms_utf16_gbk_and_utf8() {
        let text = "评价内容,评分\r\n质量太差,1\r\n";
        let mut utf8_bom = b"\xEF\xBB\xBF".to_vec();
        utf8_bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode_all(&utf8_bom, None), (text.into(), "UTF-8", 0));

        let long = text.repeat(20);
        let (gbk, _, _) = encoding_rs::GBK.encode(&long);
        let (s, enc, bad) = decode_all(&gbk, None);
        assert_eq!((enc, bad), ("GBK", 0));
        assert_eq!(s, text.repeat(20));

        let mut le = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode_all(&le, None).0, text);
        let mut be = vec![0xFE, 0xFF];
        for u in text.encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode_all(&be, None).1, "UTF-16BE");

        let ascii_utf16: Vec<u8> = "rating,review\nbad,broken on day two\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(decode_all(&ascii_utf16, None).1, "UTF-16LE", "no BOM");
    }

    #[test]
    fn counts_malformed_bytes_and_refuses_binary() {
        let mut bytes = "a,b\n好,1\n".as_bytes().to_vec();
        bytes.extend_from_slice(b"\xFF\xFE\xFD,2\n");
        let (s, enc, bad) = decode_all(&bytes, Some("utf-8"));
        assert_eq!(enc, "UTF-8");
        assert!(bad >= 1);
        assert!(s.contains('\u{FFFD}'));

        // A few damaged bytes in UTF-8 text: still UTF-8, the damage is counted.
        let mut damaged = "评价内容,评分\n质量太差了用了两天就坏,1\n"
            .repeat(50)
            .into_bytes();
        damaged[400] = 0xFF;
        let (s, enc, bad) = decode_all(&damaged, None);
        assert_eq!(enc, "UTF-8");
        assert!((1..=3).contains(&bad), "{bad}");
        assert!(s.contains('\u{FFFD}'));
        // UTF-8 and GBK pasted together.
        let mut mixed = "评价内容,评分\n质量太差了用了两天就坏,1\n"
            .repeat(20)
            .into_bytes();
        mixed.extend_from_slice(
            &encoding_rs::GBK
                .encode(&"物流太慢了等了五天才到,2\n".repeat(20))
                .0,
        );
        assert_eq!(
            detect(&mixed, None).unwrap_err().code(),
            "intake.mixed_encoding"
        );

        let junk: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert_eq!(
            detect(&junk, None).unwrap_err().code(),
            "intake.binary_file"
        );
        assert_eq!(
            detect(b"a,b", Some("klingon")).unwrap_err().code(),
            "intake.unknown_encoding"
        );
    }

    #[test]
    fn long_inputs_stream_in_chunks() {
        let line = "很好,5,这是一条比较长的评价内容用来测试分块解码\n";
        let text = line.repeat(20_000);
        let (gbk, _, _) = encoding_rs::GBK.encode(&text);
        let (s, enc, bad) = decode_all(&gbk, None);
        assert_eq!((enc, bad), ("GBK", 0));
        assert_eq!(s.len(), text.len());
    }
}
