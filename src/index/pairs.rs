//! Words side by side, indexed as pairs, so that a phrase is found without
//! reading the positions of its words.
//!
//! A title and a body are indexed once more as the pairs of their
//! consecutive words (`xã hội học tập` gives `xã hội`, `hội học`, `học
//! tập`), as written and folded, with their counts but no positions. A
//! phrase of two words, which every query of two words or more asks for to
//! rank the words typed side by side higher, is then one term, its count in
//! a document the term's frequency: no positions are read.
//!
//! [`PairPhrase`] scores exactly as tantivy's `PhraseQuery` over the words'
//! field does: the same BM25 weight (the words' summed idf, the field's
//! average length), the same field length per document, the same count of
//! occurrences. Only where the occurrences are read from differs. Phrases
//! of three words or more are tantivy's, over the words' positions.

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term};

use super::analyzer::{exact_into, folded_into, words, Words};

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
    s.push_str(first);
    s.push(if folded { JOIN_FOLDED } else { JOIN_EXACT });
    s.push_str(second);
    s
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
    started: bool,
    chars: Vec<char>,
    token: Token,
}

impl Tokenizer for PairTokenizer {
    type TokenStream<'a> = PairTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PairTokenStream<'a> {
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
            started: false,
            chars: Vec::new(),
            token: Token::default(),
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
        self.token.text.clear();
        self.token.text.push_str(a);
        self.token.text.push(if folded { JOIN_FOLDED } else { JOIN_EXACT });
        self.token.text.push_str(b);
        self.token.offset_from = self.from;
        self.token.offset_to = self.to;
        self.token.position = self.token.position.wrapping_add(1);
        self.token.position_length = 1;
    }
}

impl TokenStream for PairTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if self.folded_due {
            self.folded_due = false;
            self.emit(true);
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

/// A phrase of two words in `words_field`, found as one term of
/// `pairs_field` and scored as the phrase of the words.
#[derive(Clone, Debug)]
pub struct PairPhrase {
    words_field: Field,
    pairs_field: Field,
    words: [String; 2],
    folded: bool,
}

impl PairPhrase {
    /// `words` are terms of `words_field`, folded or as written;
    /// `pairs_field` holds the pairs of the same text.
    pub fn new(words_field: Field, pairs_field: Field, words: [String; 2], folded: bool) -> PairPhrase {
        PairPhrase {
            words_field,
            pairs_field,
            words,
            folded,
        }
    }
}

impl Query for PairPhrase {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        // As tantivy's phrase: the words' summed idf, the field's average
        // length.
        let bm25 = match enable_scoring {
            EnableScoring::Enabled {
                statistics_provider, ..
            } => {
                let terms = self
                    .words
                    .each_ref()
                    .map(|w| Term::from_field_text(self.words_field, w));
                Some(Bm25Weight::for_terms(statistics_provider, &terms)?)
            }
            EnableScoring::Disabled { .. } => None,
        };
        Ok(Box::new(PairPhraseWeight {
            words_field: self.words_field,
            pair: Term::from_field_text(self.pairs_field, &pair(&self.words[0], &self.words[1], self.folded)),
            bm25,
        }))
    }

    fn query_terms<'a>(&'a self, _visitor: &mut dyn FnMut(&'a Term, bool)) {}
}

struct PairPhraseWeight {
    words_field: Field,
    pair: Term,
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
        let postings = reader
            .inverted_index(self.pair.field())?
            .read_postings(&self.pair, IndexRecordOption::WithFreqs)?;
        Ok(match postings {
            Some(postings) => Box::new(PairScorer {
                postings,
                bm25: self.bm25.as_ref().map(|w| w.boost_by(boost)),
                fieldnorms: self.fieldnorms(reader)?,
            }),
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document #{doc} does not match"
            )));
        }
        Ok(Explanation::new("two words side by side, as a pair", scorer.score()))
    }
}

/// The documents that hold a pair, scored by how often.
struct PairScorer {
    postings: SegmentPostings,
    bm25: Option<Bm25Weight>,
    fieldnorms: FieldNormReader,
}

impl DocSet for PairScorer {
    fn advance(&mut self) -> DocId {
        self.postings.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.postings.seek(target)
    }

    fn doc(&self) -> DocId {
        self.postings.doc()
    }

    fn size_hint(&self) -> u32 {
        self.postings.size_hint()
    }
}

impl Scorer for PairScorer {
    fn score(&mut self) -> Score {
        match &self.bm25 {
            Some(w) => w.score(self.fieldnorms.fieldnorm_id(self.doc()), self.postings.term_freq()),
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
            out.push((k.text.clone(), k.offset_from, k.offset_to));
        }
        out
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
                    .set_index_option(IndexRecordOption::WithFreqs)
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
            let by_pair = PairPhrase::new(field, pairs, [a.to_string(), b.to_string()], folded);
            let expected = top(&phrase);
            assert_eq!(top(&by_pair), expected, "{a} {b}");
            if a == "khuyến" && b == "học" {
                assert_eq!(expected.iter().map(|h| h.0).collect::<Vec<_>>(), vec![0, 1, 2, 4]);
            }
            if a == "không" {
                assert!(expected.is_empty());
            }
        }
    }
}
