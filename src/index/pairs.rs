//! Words side by side, indexed as pairs, so that a phrase is found without
//! reading the positions of its words.
//!
//! A title and a body are indexed once more as the pairs of their
//! consecutive words (`xã hội học tập` gives `xã hội`, `hội học`, `học
//! tập`), as written and folded, each at the position of its first word. A
//! phrase of two words, which every query of two words or more asks for to
//! rank the words typed side by side higher, is then one term, its count in
//! a document the term's frequency: no positions are read. A longer phrase
//! is the pairs that tile it (`xã hội` at 0 and `học tập` at 2): two
//! position lists to intersect instead of four, each shorter than a word's.
//!
//! [`PairPhrase`] scores exactly as tantivy's `PhraseQuery` over the words'
//! field does: the same BM25 weight (the words' summed idf, the field's
//! average length), the same field length per document, the same count of
//! occurrences. Only where the occurrences are read from differs.

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

use super::analyzer::{exact_into, folded_into, words, Words};
use super::shared::Shared;

/// Name of the analyser of pairs, as registered with tantivy.
pub const PAIRS: &str = "vi_pairs";

/// What joins the two words of a pair as written: no word holds it.
const JOIN_EXACT: char = ' ';
/// What joins the two words of a folded pair: no word holds it either, so
/// a folded pair is never taken for one as written.
const JOIN_FOLDED: char = '_';

/// The term of two words side by side, both as written or both folded.
pub fn pair(first: &str, second: &str, folded: bool) -> String {
    let mut s = String::with_capacity(first.len() + second.len() + 1);
    pair_into(first, second, folded, &mut s);
    s
}

/// [`pair`] into `out`, reused from pair to pair.
fn pair_into(first: &str, second: &str, folded: bool, out: &mut String) {
    out.clear();
    out.push_str(first);
    out.push(if folded { JOIN_FOLDED } else { JOIN_EXACT });
    out.push_str(second);
}

/// The tantivy tokenizer of pairs: each two words side by side give their
/// pair as written, then their pair folded, from one reading of the text.
#[derive(Clone, Copy, Debug)]
pub struct PairTokenizer;

/// Token stream of [`PairTokenizer`].
pub struct PairTokenStream<'a> {
    text: &'a str,
    words: Words<'a>,
    /// The previous word, as written and folded.
    exact: String,
    folded: String,
    /// This word, as written and folded.
    next_exact: String,
    next_folded: String,
    /// Where the previous word starts, where this one starts and ends.
    from: usize,
    start: usize,
    to: usize,
    /// The folded pair is the next token.
    folded_due: bool,
    /// Position of the next pair (of its first word).
    position: usize,
    started: bool,
    chars: Vec<char>,
    token: Token,
    /// The analysis the fields of the text share ([`super::shared`]), and
    /// the index of the second word of the next pair; then `words` is not
    /// read.
    shared: Option<(Shared, usize)>,
}

impl Tokenizer for PairTokenizer {
    type TokenStream<'a> = PairTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PairTokenStream<'a> {
        match Shared::of(text) {
            Some(shared) => PairTokenStream {
                shared: Some((shared, 1)),
                ..PairTokenStream::new("")
            },
            None => PairTokenStream::new(text),
        }
    }
}

impl<'a> PairTokenStream<'a> {
    /// The pairs of `text`, read from the text itself.
    pub(crate) fn new(text: &'a str) -> PairTokenStream<'a> {
        PairTokenStream {
            text,
            words: words(text),
            exact: String::new(),
            folded: String::new(),
            from: 0,
            start: 0,
            to: 0,
            next_exact: String::new(),
            next_folded: String::new(),
            folded_due: false,
            position: 0,
            started: false,
            chars: Vec::new(),
            token: Token::default(),
            shared: None,
        }
    }
}

impl PairTokenStream<'_> {
    fn emit(&mut self, folded: bool) {
        let (a, b) = if folded {
            (&self.folded, &self.next_folded)
        } else {
            (&self.exact, &self.next_exact)
        };
        pair_into(a, b, folded, &mut self.token.text);
        self.token.offset_from = self.from;
        self.token.offset_to = self.to;
        // Both forms of a pair stand at its first word.
        self.token.position = self.position;
        self.token.position_length = 2;
    }
}

impl TokenStream for PairTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if let Some((shared, i)) = &mut self.shared {
            let second = *i;
            if second >= shared.len() {
                return false;
            }
            let folded = std::mem::take(&mut self.folded_due);
            pair_into(
                shared.term(second - 1, folded),
                shared.term(second, folded),
                folded,
                &mut self.token.text,
            );
            self.token.offset_from = shared.span(second - 1).0;
            self.token.offset_to = shared.span(second).1;
            self.token.position = second - 1;
            self.token.position_length = 2;
            if folded {
                *i += 1;
            } else {
                self.folded_due = true;
            }
            return true;
        }
        if self.folded_due {
            self.folded_due = false;
            self.emit(true);
            self.position += 1;
            return true;
        }
        while let Some((a, b)) = self.words.next() {
            let word = &self.text[a..b];
            // This word becomes the previous one; the previous one's
            // buffers take the next word.
            std::mem::swap(&mut self.exact, &mut self.next_exact);
            std::mem::swap(&mut self.folded, &mut self.next_folded);
            exact_into(word, &mut self.chars, &mut self.next_exact);
            folded_into(word, &mut self.next_folded);
            self.from = std::mem::replace(&mut self.start, a);
            self.to = b;
            if !self.started {
                self.started = true;
                continue;
            }
            self.emit(false);
            self.folded_due = true;
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// A phrase of two words or more in `words_field`, found through the pairs
/// of `pairs_field` and scored as the phrase of the words.
#[derive(Clone, Debug)]
pub struct PairPhrase {
    words_field: Field,
    pairs_field: Field,
    words: Vec<String>,
    folded: bool,
}

impl PairPhrase {
    /// `words` (two or more) are terms of `words_field`, folded or as
    /// written; `pairs_field` holds the pairs of the same text.
    pub fn new(words_field: Field, pairs_field: Field, words: Vec<String>, folded: bool) -> PairPhrase {
        PairPhrase {
            words_field,
            pairs_field,
            words,
            folded,
        }
    }
}

/// The pairs that tile a phrase, each with its offset from the phrase's
/// first word: every pair that starts at an even word, and the last two
/// words when their count is odd. The phrase stands where each pair stands
/// at its offset from one start.
fn tiling(words: &[String], folded: bool) -> Vec<(u32, String)> {
    let n = words.len();
    let mut starts: Vec<usize> = (0..n.saturating_sub(1)).step_by(2).collect();
    if n % 2 == 1 && n >= 3 {
        starts.push(n - 2);
    }
    starts
        .into_iter()
        .map(|i| {
            (
                u32::try_from(i).unwrap_or(u32::MAX),
                pair(&words[i], &words[i + 1], folded),
            )
        })
        .collect()
}

impl Query for PairPhrase {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        // As tantivy's phrase: the words' summed idf, the field's average
        // length.
        let bm25 = match enable_scoring {
            EnableScoring::Enabled {
                statistics_provider, ..
            } if !self.words.is_empty() => {
                let terms: Vec<Term> = self
                    .words
                    .iter()
                    .map(|w| Term::from_field_text(self.words_field, w))
                    .collect();
                Some(Bm25Weight::for_terms(statistics_provider, &terms)?)
            }
            _ => None,
        };
        let pairs = tiling(&self.words, self.folded)
            .into_iter()
            .map(|(o, p)| (o, Term::from_field_text(self.pairs_field, &p)))
            .collect();
        Ok(Box::new(PairPhraseWeight {
            words_field: self.words_field,
            pairs,
            bm25,
        }))
    }

    fn query_terms<'a>(&'a self, _visitor: &mut dyn FnMut(&'a Term, bool)) {}
}

struct PairPhraseWeight {
    words_field: Field,
    /// The pairs that tile the phrase, with their offsets.
    pairs: Vec<(u32, Term)>,
    bm25: Option<Bm25Weight>,
}

impl PairPhraseWeight {
    /// The words' field lengths, as tantivy's phrase reads them.
    fn fieldnorms(&self, reader: &SegmentReader) -> tantivy::Result<FieldNormReader> {
        if self.bm25.is_some() {
            if let Some(r) = reader.fieldnorms_readers().get_field(self.words_field)? {
                return Ok(r);
            }
        }
        Ok(FieldNormReader::constant(reader.max_doc(), 1))
    }
}

impl Weight for PairPhraseWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        // One pair: its count is the phrase's, no positions are read.
        let option = if self.pairs.len() == 1 {
            IndexRecordOption::WithFreqs
        } else {
            IndexRecordOption::WithFreqsAndPositions
        };
        let mut postings = Vec::with_capacity(self.pairs.len());
        for (offset, term) in &self.pairs {
            match reader.inverted_index(term.field())?.read_postings(term, option)? {
                Some(p) => postings.push((*offset, p)),
                None => return Ok(Box::new(EmptyScorer)),
            }
        }
        if postings.is_empty() {
            return Ok(Box::new(EmptyScorer));
        }
        // The rarest pair leads.
        postings.sort_by_key(|(_, p)| p.size_hint());
        let mut scorer = PairScorer {
            postings,
            bm25: self.bm25.as_ref().map(|w| w.boost_by(boost)),
            fieldnorms: self.fieldnorms(reader)?,
            count: 0,
            starts: Vec::new(),
            positions: Vec::new(),
        };
        scorer.settle();
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document #{doc} does not match"
            )));
        }
        Ok(Explanation::new(
            "phrase, through the pairs of its words",
            scorer.score(),
        ))
    }
}

/// The documents where every pair stands at its offset from one start,
/// scored by how often the phrase stands there.
struct PairScorer {
    /// Each pair's offset and postings, the rarest first (never empty).
    postings: Vec<(u32, SegmentPostings)>,
    bm25: Option<Bm25Weight>,
    fieldnorms: FieldNormReader,
    /// Occurrences of the phrase in the current document.
    count: u32,
    starts: Vec<u32>,
    positions: Vec<u32>,
}

impl PairScorer {
    /// From the lead's current document on, to the first where the phrase
    /// stands, with its count there.
    fn settle(&mut self) {
        loop {
            if self.align() == TERMINATED {
                self.count = 0;
                return;
            }
            self.count = self.occurrences();
            if self.count > 0 {
                return;
            }
            self.postings[0].1.advance();
        }
    }

    /// From the lead's current document on, the first that holds every pair.
    fn align(&mut self) -> DocId {
        let mut target = self.postings[0].1.doc();
        'again: loop {
            if target == TERMINATED {
                return TERMINATED;
            }
            for i in 1..self.postings.len() {
                let d = self.postings[i].1.seek(target);
                if d != target {
                    target = self.postings[0].1.seek(d);
                    continue 'again;
                }
            }
            return target;
        }
    }

    /// How often the phrase stands in the current document, which holds
    /// every pair.
    fn occurrences(&mut self) -> u32 {
        if let [(_, only)] = self.postings.as_slice() {
            return only.term_freq();
        }
        let (lead_offset, lead) = &mut self.postings[0];
        let lead_offset = *lead_offset;
        self.positions.clear();
        lead.positions(&mut self.positions);
        // Where the phrase would start, by the lead pair.
        self.starts.clear();
        self.starts
            .extend(self.positions.iter().filter_map(|p| p.checked_sub(lead_offset)));
        for (offset, postings) in self.postings.iter_mut().skip(1) {
            self.positions.clear();
            postings.positions(&mut self.positions);
            let (offset, at) = (*offset, &self.positions);
            let mut j = 0;
            self.starts.retain(|&start| {
                let Some(want) = start.checked_add(offset) else {
                    return false;
                };
                while j < at.len() && at[j] < want {
                    j += 1;
                }
                j < at.len() && at[j] == want
            });
            if self.starts.is_empty() {
                return 0;
            }
        }
        u32::try_from(self.starts.len()).unwrap_or(u32::MAX)
    }
}

impl DocSet for PairScorer {
    fn advance(&mut self) -> DocId {
        self.postings[0].1.advance();
        self.settle();
        self.doc()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc() >= target {
            return self.doc();
        }
        self.postings[0].1.seek(target);
        self.settle();
        self.doc()
    }

    fn doc(&self) -> DocId {
        self.postings[0].1.doc()
    }

    fn size_hint(&self) -> u32 {
        self.postings[0].1.size_hint()
    }
}

impl Scorer for PairScorer {
    fn score(&mut self) -> Score {
        match &self.bm25 {
            Some(w) => w.score(self.fieldnorms.fieldnorm_id(self.doc()), self.count),
            None => 1.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn pairs_of(text: &str) -> Vec<(String, usize, usize)> {
        let mut t = PairTokenizer;
        let mut s = t.token_stream(text);
        let mut out = Vec::new();
        while s.advance() {
            let k = s.token();
            assert_eq!(k.position, out.len() / 2, "{}", k.text);
            out.push((k.text.clone(), k.offset_from, k.offset_to));
        }
        out
    }

    #[test]
    fn a_phrase_is_tiled_by_pairs_at_even_offsets_and_the_last_two_words() {
        let w = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        let t = |s: &str| tiling(&w(s), false);
        assert_eq!(t("a b"), vec![(0, "a b".to_string())]);
        assert_eq!(t("a b c"), vec![(0, "a b".to_string()), (1, "b c".to_string())]);
        assert_eq!(t("a b c d"), vec![(0, "a b".to_string()), (2, "c d".to_string())]);
        assert_eq!(
            t("a b c d e"),
            vec![(0, "a b".to_string()), (2, "c d".to_string()), (3, "d e".to_string())]
        );
        assert_eq!(tiling(&w("a b c"), true)[1], (1, "b_c".to_string()));
    }

    #[test]
    fn pairs_are_the_words_side_by_side_as_written_then_folded() {
        assert_eq!(
            pairs_of("Xã hội  học-tập"),
            vec![
                ("xã hội".to_string(), 0, 9),
                ("xa_hoi".to_string(), 0, 9),
                ("hội học".to_string(), 4, 16),
                ("hoi_hoc".to_string(), 4, 16),
                ("học tập".to_string(), 11, 22),
                ("hoc_tap".to_string(), 11, 22),
            ]
        );
        // NFD, the other tone placement and `Ð` give the terms of NFC.
        let nfd: String = "Khuyến hoà Ðồng".nfd().collect();
        assert_eq!(
            pairs_of(&nfd).into_iter().map(|p| p.0).collect::<Vec<_>>(),
            vec!["khuyến hòa", "khuyen_hoa", "hòa đồng", "hoa_dong"]
        );
        assert_eq!(pair("khuyến", "học", false), "khuyến học");
        assert_eq!(pair("khuyen", "hoc", true), "khuyen_hoc");
        assert!(pairs_of("một").is_empty());
        assert!(pairs_of("").is_empty());
    }

    #[test]
    fn a_pair_finds_and_scores_what_the_phrase_of_its_words_does() {
        use crate::index::analyzer::{ViTokenizer, EXACT, FOLDED};
        use tantivy::collector::TopDocs;
        use tantivy::query::PhraseQuery;
        use tantivy::schema::{Schema, TextFieldIndexing, TextOptions};
        use tantivy::{doc, Index};

        let words = |a: &str| {
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(a)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            )
        };
        let mut b = Schema::builder();
        let exact = b.add_text_field("exact", words(EXACT));
        let folded = b.add_text_field("folded", words(FOLDED));
        let pairs = b.add_text_field(
            "pairs",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(PAIRS)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions)
                    .set_fieldnorms(false),
            ),
        );
        let index = Index::create_in_ram(b.build());
        index.tokenizers().register(EXACT, ViTokenizer { folded: false });
        index.tokenizers().register(FOLDED, ViTokenizer { folded: true });
        index.tokenizers().register(PAIRS, PairTokenizer);
        let texts = [
            "Hội Khuyến học tỉnh ký kết chương trình khuyến học, khuyến tài",
            "khuyến học khuyến học khuyến học",
            "Học khuyến, không phải khuyến  học? Khuyen hoc.",
            "Quân sự và cơ quan quản lý quân sự địa phương",
            "Một văn bản dài hơn nhiều về khuyến tài, xã hội học tập và hội khuyến học của xã, \
             trong đó khuyến học chỉ được nói đến hai lần giữa rất nhiều từ khác nhau",
            "Bình Định, Hòa Bình, Định Hóa",
        ];
        let mut w = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for t in texts {
            w.add_document(doc!(exact => t, folded => t, pairs => t)).unwrap();
        }
        w.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let top = |q: &dyn Query| {
            let mut hits = searcher.search(q, &TopDocs::with_limit(10)).unwrap();
            hits.sort_by_key(|h| h.1);
            hits.into_iter()
                .map(|(s, a)| (a.doc_id, s.to_bits()))
                .collect::<Vec<_>>()
        };
        for (field, folded, a, b) in [
            (exact, false, "khuyến", "học"),
            (folded, true, "khuyen", "hoc"),
            (exact, false, "quân", "sự"),
            (folded, true, "binh", "dinh"),
            (exact, false, "khuyến", "tài"),
            (exact, false, "học", "khuyến"),
            (exact, false, "không", "có"),
        ] {
            let phrase = PhraseQuery::new(vec![Term::from_field_text(field, a), Term::from_field_text(field, b)]);
            let by_pair = PairPhrase::new(field, pairs, vec![a.to_string(), b.to_string()], folded);
            let expected = top(&phrase);
            assert_eq!(top(&by_pair), expected, "{a} {b}");
            assert!(!expected.is_empty() || a == "không", "{a} {b}");
            if a == "khuyến" && b == "học" {
                assert_eq!(expected.iter().map(|h| h.0).collect::<Vec<_>>(), vec![0, 1, 2, 4]);
            }
            if a == "không" {
                assert!(expected.is_empty());
            }
        }
        // Three words or more: the pairs that tile the phrase, by position.
        for (field, folded, phrase) in [
            (exact, false, "khuyến học khuyến"),
            (exact, false, "khuyến học khuyến học"),
            (exact, false, "khuyến học khuyến học khuyến"),
            (folded, true, "khuyen hoc khuyen hoc"),
            (exact, false, "xã hội học tập"),
            (folded, true, "hoi khuyen hoc"),
            (exact, false, "học khuyến không"),
            (exact, false, "định hòa bình"),
            (exact, false, "quân sự quân"),
        ] {
            let words: Vec<String> = phrase.split(' ').map(String::from).collect();
            let q = PhraseQuery::new(words.iter().map(|w| Term::from_field_text(field, w)).collect());
            let expected = top(&q);
            assert_eq!(top(&PairPhrase::new(field, pairs, words, folded)), expected, "{phrase}");
            let want: &[u32] = match phrase {
                // `khuyến học, khuyến tài`: punctuation is no word.
                "khuyến học khuyến" => &[0, 1],
                "khuyến học khuyến học" | "khuyến học khuyến học khuyến" => &[1],
                // `khuyến  học? Khuyen hoc.`, folded.
                "khuyen hoc khuyen hoc" => &[1, 2],
                "xã hội học tập" => &[4],
                "hoi khuyen hoc" => &[0, 4],
                "học khuyến không" => &[2],
                // `Bình Định, Hòa Bình, Định Hóa`.
                "định hòa bình" => &[5],
                _ => &[],
            };
            assert_eq!(expected.iter().map(|h| h.0).collect::<Vec<_>>(), want, "{phrase}");
        }
    }
}
