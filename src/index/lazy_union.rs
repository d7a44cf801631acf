//! A union of queries that moves its clauses only as far as it is asked.
//!
//! tantivy's union scorer fills windows of 4,096 documents: every `seek`
//! far ahead evaluates each clause over the next window. As the optional
//! clause of a query whose required part keeps a few hundred documents of a
//! large corpus (the phrase that ranks words typed in order higher), that
//! means checking the phrase across nearly the whole corpus. This union
//! seeks each clause to the document asked for and no further; it scores a
//! document as the sum of the clauses that match it, as a union of `Should`
//! clauses does.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

/// The union of `clauses`, each document scored as the sum of the clauses
/// that match it.
#[derive(Debug)]
pub(crate) struct LazyUnion {
    clauses: Vec<Box<dyn Query>>,
}

impl LazyUnion {
    pub(crate) fn new(clauses: Vec<Box<dyn Query>>) -> LazyUnion {
        LazyUnion { clauses }
    }
}

impl Clone for LazyUnion {
    fn clone(&self) -> LazyUnion {
        LazyUnion {
            clauses: self.clauses.iter().map(|q| q.box_clone()).collect(),
        }
    }
}

impl Query for LazyUnion {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weights = self
            .clauses
            .iter()
            .map(|q| q.weight(enable_scoring))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Box::new(LazyUnionWeight { weights }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for q in &self.clauses {
            q.query_terms(visitor);
        }
    }
}

struct LazyUnionWeight {
    weights: Vec<Box<dyn Weight>>,
}

impl Weight for LazyUnionWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let scorers = self
            .weights
            .iter()
            .map(|w| w.scorer(reader, boost))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Box::new(LazyUnionScorer::new(scorers)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document #{doc} does not match"
            )));
        }
        let mut explanation = Explanation::new("sum of the matching clauses", scorer.score());
        for w in &self.weights {
            if let Ok(e) = w.explain(reader, doc) {
                explanation.add_detail(e);
            }
        }
        Ok(explanation)
    }
}

struct LazyUnionScorer {
    scorers: Vec<Box<dyn Scorer>>,
    doc: DocId,
}

impl LazyUnionScorer {
    fn new(scorers: Vec<Box<dyn Scorer>>) -> LazyUnionScorer {
        let mut s = LazyUnionScorer {
            scorers,
            doc: TERMINATED,
        };
        s.doc = s.first();
        s
    }

    /// The lowest document any clause stands on.
    fn first(&self) -> DocId {
        self.scorers.iter().map(|s| s.doc()).min().unwrap_or(TERMINATED)
    }
}

impl DocSet for LazyUnionScorer {
    fn advance(&mut self) -> DocId {
        let at = self.doc;
        if at == TERMINATED {
            return TERMINATED;
        }
        for s in &mut self.scorers {
            if s.doc() == at {
                s.advance();
            }
        }
        self.doc = self.first();
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        for s in &mut self.scorers {
            if s.doc() < target {
                s.seek(target);
            }
        }
        self.doc = self.first();
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.scorers.iter().map(|s| s.size_hint()).max().unwrap_or(0)
    }
}

impl Scorer for LazyUnionScorer {
    fn score(&mut self) -> Score {
        let at = self.doc;
        self.scorers
            .iter_mut()
            .filter(|s| s.doc() == at)
            .map(|s| s.score())
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::{DocSetCollector, TopDocs};
    use tantivy::query::{BooleanQuery, Occur, TermQuery};
    use tantivy::schema::{IndexRecordOption, Schema, TEXT};
    use tantivy::{doc, Index};

    /// The same documents and the same scores as a union of `Should`
    /// clauses, alone and as the optional part beside a required clause.
    #[test]
    fn lazy_union_finds_and_scores_as_a_should_union() {
        let mut b = Schema::builder();
        let body = b.add_text_field("body", TEXT);
        let index = Index::create_in_ram(b.build());
        let mut w = index.writer_with_num_threads(1, 15_000_000).expect("writer");
        let words = ["hoc", "tap", "khuyen", "tai", "xa", "hoi"];
        for i in 0..9_000usize {
            let text: Vec<&str> = (0..6).filter(|j| (i >> j) % 3 != 0).map(|j| words[j]).collect();
            w.add_document(doc!(body => text.join(" "))).expect("add");
        }
        w.commit().expect("commit");
        let searcher = index.reader().expect("reader").searcher();
        let term = |s: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(body, s),
                IndexRecordOption::WithFreqs,
            ))
        };
        let clauses = || vec![term("hoc"), term("tap"), term("xa")];
        let eager = BooleanQuery::new(clauses().into_iter().map(|q| (Occur::Should, q)).collect());
        let lazy = LazyUnion::new(clauses());
        let docs = |q: &dyn Query| searcher.search(q, &DocSetCollector).expect("search");
        assert_eq!(docs(&lazy), docs(&eager));
        assert!(!docs(&lazy).is_empty());

        let top = |q: &dyn Query| -> Vec<(u32, u32)> {
            let hits = searcher.search(q, &TopDocs::with_limit(10_000)).expect("search");
            let mut v: Vec<(u32, u32)> = hits
                .into_iter()
                .map(|(s, a)| (a.doc_id, (s * 1e4).round() as u32))
                .collect();
            v.sort_unstable();
            v
        };
        assert_eq!(top(&lazy), top(&eager));
        let with = |optional: Box<dyn Query>| {
            BooleanQuery::new(vec![(Occur::Must, term("khuyen")), (Occur::Should, optional)])
        };
        assert_eq!(top(&with(Box::new(lazy.clone()))), top(&with(Box::new(eager))));
    }
}
