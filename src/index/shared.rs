//! One analysis of a text for every field indexed from it.
//!
//! A title and a body are each indexed in three fields: their words as
//! written, folded, and as pairs ([`super::pairs`]). tantivy runs one
//! tokenizer a field, so each text would be cut into words three times and
//! each word analysed twice over. Instead, the first tokenizer to meet a
//! text analyses it once — every word's place, its exact term and its
//! folded term — and leaves that analysis with its thread; the next
//! tokenizer given the same text (tantivy indexes a document's fields one
//! after the other, on one thread) reads the terms from it.
//!
//! The analysis is kept only for a text up to [`MAX_SHARED`] bytes, so what
//! a thread holds stays small; a longer text is analysed by each
//! tokenizer, as before. Either way the tokens are the same (a test holds
//! it).

use std::cell::RefCell;

use super::analyzer::{exact_into, folded_into, words};

/// The longest text whose analysis is kept for the next field.
pub(crate) const MAX_SHARED: usize = 1 << 20;

/// A text cut into words, each with its exact and folded term.
#[derive(Default)]
pub(crate) struct Analysis {
    /// The text analysed (to know the next text is the same).
    text: String,
    /// Per word: its start and end in the text, the end of its exact term
    /// in `exact` and of its folded term in `folded`.
    words: Vec<[u32; 4]>,
    exact: String,
    folded: String,
}

impl Analysis {
    fn analyse(&mut self, text: &str) {
        self.text.clear();
        self.text.push_str(text);
        self.words.clear();
        self.exact.clear();
        self.folded.clear();
        let (mut chars, mut term) = (Vec::new(), String::new());
        for (a, b) in words(text) {
            let word = &text[a..b];
            exact_into(word, &mut chars, &mut term);
            self.exact.push_str(&term);
            folded_into(word, &mut term);
            self.folded.push_str(&term);
            // The text is at most MAX_SHARED bytes and a term at most
            // four times its word: every offset fits in a u32.
            self.words
                .push([a, b, self.exact.len(), self.folded.len()].map(|n| u32::try_from(n).unwrap_or(u32::MAX)));
        }
    }

    /// How many words.
    pub(crate) fn len(&self) -> usize {
        self.words.len()
    }

    /// Where word `i` stands in the text, in bytes.
    pub(crate) fn span(&self, i: usize) -> (usize, usize) {
        let w = self.words[i];
        (w[0] as usize, w[1] as usize)
    }

    /// Word `i`'s term, folded or exact.
    pub(crate) fn term(&self, i: usize, folded: bool) -> &str {
        let (k, terms) = if folded { (3, &self.folded) } else { (2, &self.exact) };
        let from = if i == 0 { 0 } else { self.words[i - 1][k] as usize };
        &terms[from..self.words[i][k] as usize]
    }
}

thread_local! {
    /// The last analysis made on this thread, when no stream holds it.
    static LAST: RefCell<Option<Analysis>> = const { RefCell::new(None) };
}

/// The analysis of a text, held by one token stream and given back to its
/// thread when the stream is dropped.
pub(crate) struct Shared(Analysis);

impl Shared {
    /// The analysis of `text`: the thread's last one when it is of the same
    /// text, else a new one. None for a text longer than [`MAX_SHARED`].
    pub(crate) fn of(text: &str) -> Option<Shared> {
        if text.len() > MAX_SHARED {
            return None;
        }
        let mut a = LAST
            .try_with(|l| l.borrow_mut().take())
            .ok()
            .flatten()
            .unwrap_or_default();
        if a.text != text {
            a.analyse(text);
        }
        Some(Shared(a))
    }
}

impl std::ops::Deref for Shared {
    type Target = Analysis;

    fn deref(&self) -> &Analysis {
        &self.0
    }
}

impl Drop for Shared {
    fn drop(&mut self) {
        let a = std::mem::take(&mut self.0);
        // A thread being torn down has nowhere to keep it.
        let _ = LAST.try_with(|l| *l.borrow_mut() = Some(a));
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

    use super::MAX_SHARED;
    use crate::index::analyzer::{ViTokenStream, ViTokenizer};
    use crate::index::pairs::{PairTokenStream, PairTokenizer};

    fn tokens(mut s: impl TokenStream) -> Vec<(String, usize, usize, usize, usize)> {
        let mut out = Vec::new();
        s.process(&mut |t: &Token| {
            out.push((
                t.text.clone(),
                t.offset_from,
                t.offset_to,
                t.position,
                t.position_length,
            ))
        });
        out
    }

    /// The three streams of `text` read from the shared analysis give
    /// the tokens of the streams that read the text itself.
    fn check(text: &str) {
        for folded in [false, true] {
            assert_eq!(
                tokens(ViTokenizer { folded }.token_stream(text)),
                tokens(ViTokenStream::new(text, folded)),
                "words (folded: {folded}) of {:?}",
                text.get(..60)
            );
        }
        assert_eq!(
            tokens(PairTokenizer.token_stream(text)),
            tokens(PairTokenStream::new(text)),
            "pairs of {:?}",
            text.get(..60)
        );
    }

    #[test]
    fn fields_reading_one_analysis_get_the_tokens_of_their_own_reading() {
        let seed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/001_90fff97920079c35.txt"))
            .expect("a seed of the corpus");
        let long = "Khuyến học, khuyến tài. ".repeat(MAX_SHARED / 20);
        assert!(long.len() > MAX_SHARED);
        let texts = [
            "",
            "một",
            "Hội Khuyến học",
            "KHUYE\u{302}\u{301}N HO\u{323}C Ðà Nẵng; hoà hòa — xã hội học tập 2026",
            seed.as_str(),
            long.as_str(),
        ];
        for t in texts {
            check(t);
        }
        // One text after another on the same thread, then the first again:
        // each field reads the analysis of its own text.
        for t in texts.iter().chain(texts.iter().rev()) {
            check(t);
        }
    }
}
