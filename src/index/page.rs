//! One pass over the matching documents for a page of results and their
//! count.
//!
//! A page holds the `want` best documents by a key (the score, or the
//! signing date), equal keys in path order, so the same corpus always gives
//! the same page whatever order its files were indexed in. Each segment
//! keeps its best documents by key and path *ordinal* (a segment's path
//! dictionary is sorted, so its ordinals are in path order and cost no
//! string); only the few it keeps are named, and the segments' pages are
//! merged by path. Every matching document is counted on the way.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// What a page is ordered by, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum By {
    /// The score, highest first.
    Score,
    /// The `date` fast field, latest first (undated documents last).
    Date,
}

/// One document of a page: its key (the score, or the date as a number),
/// its path, its address.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub score: Score,
    pub date: u64,
    pub path: String,
    pub addr: DocAddress,
}

/// The collector: the `want` first documents by `by` then path, and how
/// many match.
pub(crate) struct Page {
    pub want: usize,
    pub by: By,
    /// Whether scores are needed (a query of filters only has none).
    pub scored: bool,
}

/// A document a segment keeps, ordered worst first (the heap's top is the
/// one to give up).
#[derive(Debug, Clone, Copy)]
struct Kept {
    score: Score,
    date: u64,
    ord: u64,
    doc: DocId,
}

impl Kept {
    /// Better first: the higher key, then the lower path ordinal.
    fn rank(&self, other: &Kept, by: By) -> Ordering {
        let key = match by {
            By::Score => other.score.total_cmp(&self.score),
            By::Date => other.date.cmp(&self.date),
        };
        key.then(self.ord.cmp(&other.ord))
    }
}

/// [`Kept`] in a max-heap whose top is the worst kept.
struct Worst(Kept, By);

impl PartialEq for Worst {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Worst {}
impl PartialOrd for Worst {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Worst {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.rank(&other.0, self.1)
    }
}

pub(crate) struct PageSegment {
    want: usize,
    by: By,
    segment: SegmentOrdinal,
    paths: Option<StrColumn>,
    dates: Option<Column<u64>>,
    heap: BinaryHeap<Worst>,
    count: usize,
}

impl PageSegment {
    fn ord(&self, doc: DocId) -> u64 {
        self.paths
            .as_ref()
            .and_then(|p| p.term_ords(doc).next())
            .unwrap_or(u64::MAX)
    }
}

impl SegmentCollector for PageSegment {
    type Fruit = (Vec<Entry>, usize);

    fn collect(&mut self, doc: DocId, score: Score) {
        self.count += 1;
        if self.want == 0 {
            return;
        }
        let date = match self.by {
            By::Date => self.dates.as_ref().and_then(|c| c.first(doc)).unwrap_or(0),
            By::Score => 0,
        };
        if self.heap.len() == self.want {
            // Worse than the worst kept by key alone: no path needed.
            if let Some(top) = self.heap.peek() {
                let behind = match self.by {
                    By::Score => score < top.0.score,
                    By::Date => date < top.0.date,
                };
                if behind {
                    return;
                }
            }
        }
        let kept = Kept {
            score,
            date,
            ord: self.ord(doc),
            doc,
        };
        if self.heap.len() < self.want {
            self.heap.push(Worst(kept, self.by));
        } else if let Some(mut top) = self.heap.peek_mut() {
            if kept.rank(&top.0, self.by) == Ordering::Less {
                top.0 = kept;
            }
        }
    }

    fn harvest(self) -> (Vec<Entry>, usize) {
        let kept: Vec<Kept> = self.heap.into_vec().into_iter().map(|w| w.0).collect();
        let paths = self.paths.as_ref().map(|p| paths_of(p, &kept)).unwrap_or_default();
        let out = kept
            .iter()
            .map(|k| Entry {
                score: k.score,
                date: k.date,
                path: paths.get(&k.ord).cloned().unwrap_or_default(),
                addr: DocAddress::new(self.segment, k.doc),
            })
            .collect();
        (out, self.count)
    }
}

/// The paths of the documents kept, by ordinal, read in one pass over the
/// dictionary in ordinal order: each of its blocks is decompressed once,
/// where reading them one by one decompressed a block for each. A damaged
/// dictionary names the documents it cannot read with nothing.
fn paths_of(paths: &StrColumn, kept: &[Kept]) -> HashMap<u64, String> {
    let mut ords: Vec<u64> = kept.iter().map(|k| k.ord).filter(|&o| o != u64::MAX).collect();
    ords.sort_unstable();
    ords.dedup();
    let mut out = HashMap::with_capacity(ords.len());
    let mut next = ords.iter();
    // Whatever ends the pass early (an error, a missing ordinal) leaves
    // the paths not yet read out: named with nothing.
    let _ = paths
        .dictionary()
        .sorted_ords_to_term_cb(ords.iter().copied(), |bytes| {
            if let (Some(&ord), Ok(path)) = (next.next(), std::str::from_utf8(bytes)) {
                out.insert(ord, path.to_string());
            }
            Ok(())
        });
    out
}

/// Better first: the higher key, then the path.
pub(crate) fn order(a: &Entry, b: &Entry, by: By) -> Ordering {
    let key = match by {
        By::Score => b.score.total_cmp(&a.score),
        By::Date => b.date.cmp(&a.date),
    };
    key.then_with(|| a.path.cmp(&b.path))
}

impl Collector for Page {
    type Fruit = (Vec<Entry>, usize);
    type Child = PageSegment;

    fn for_segment(&self, segment: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<PageSegment> {
        let ff = reader.fast_fields();
        let dates = match self.by {
            By::Date => ff.u64_lenient("date")?.map(|(c, _)| c),
            By::Score => None,
        };
        Ok(PageSegment {
            want: self.want,
            by: self.by,
            segment,
            paths: ff.str("path")?,
            dates,
            heap: BinaryHeap::with_capacity(self.want.min(1 << 16)),
            count: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        self.scored && self.by == By::Score
    }

    fn merge_fruits(&self, fruits: Vec<(Vec<Entry>, usize)>) -> tantivy::Result<(Vec<Entry>, usize)> {
        let mut count = 0;
        let mut all = Vec::new();
        for (entries, n) in fruits {
            count += n;
            all.extend(entries);
        }
        all.sort_by(|a, b| order(a, b, self.by));
        all.truncate(self.want);
        Ok((all, count))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::DocSetCollector;
    use tantivy::query::{AllQuery, EnableScoring, Query, TermQuery};
    use tantivy::schema::{IndexRecordOption, Schema, FAST, STRING, TEXT};
    use tantivy::{doc, Executor, Index, Searcher, Term};

    /// An index of `n` documents over several segments, their paths not in
    /// the order they were added, many of them scoring alike.
    fn index(n: usize) -> (Index, tantivy::schema::Field) {
        let mut b = Schema::builder();
        let body = b.add_text_field("body", TEXT);
        let path = b.add_text_field("path", STRING | FAST);
        let date = b.add_u64_field("date", FAST);
        let index = Index::create_in_ram(b.build());
        let mut w = index.writer_with_num_threads(1, 15_000_000).expect("writer");
        w.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        for i in 0..n {
            // A few distinct texts, so scores tie; paths in a shuffled order.
            let words = ["hoc"].repeat(1 + i % 3).join(" ") + &" tap".repeat(i % 5);
            let p = format!("doc-{:05}", (i * 7_919) % n);
            if i % 4 == 0 {
                w.add_document(doc!(body => words, path => p)).expect("add");
            } else {
                w.add_document(doc!(body => words, path => p, date => (20_200_101 + (i % 9) * 10_000) as u64))
                    .expect("add");
            }
            if i % 97 == 96 {
                w.commit().expect("commit");
            }
        }
        w.commit().expect("commit");
        (index, body)
    }

    /// The page as a reading of every match would give it: by key, then path.
    fn every_match(searcher: &Searcher, q: &dyn Query, by: By, scored: bool, want: usize) -> Vec<(String, u32)> {
        let weight = q
            .weight(if scored {
                EnableScoring::enabled_from_searcher(searcher)
            } else {
                EnableScoring::disabled_from_searcher(searcher)
            })
            .expect("weight");
        let mut all = Vec::new();
        for addr in searcher.search(q, &DocSetCollector).expect("search") {
            let seg = searcher.segment_reader(addr.segment_ord);
            let score = if scored {
                weight.explain(seg, addr.doc_id).expect("explain").value()
            } else {
                0.0
            };
            let paths = seg.fast_fields().str("path").expect("paths").expect("a path column");
            let mut path = String::new();
            let ord = paths.term_ords(addr.doc_id).next().expect("a path");
            paths.ord_to_str(ord, &mut path).expect("path");
            let date = seg
                .fast_fields()
                .u64("date")
                .ok()
                .and_then(|c| c.first(addr.doc_id))
                .unwrap_or(0);
            all.push(Entry {
                score,
                date,
                path,
                addr,
            });
        }
        all.sort_by(|a, b| order(a, b, by));
        all.into_iter()
            .take(want)
            .map(|e| (e.path, (e.score * 1e6).round() as u32))
            .collect()
    }

    #[test]
    fn a_page_is_the_best_by_key_then_path_on_one_thread_or_many() {
        let (index, body) = index(1_000);
        let searcher = index.reader().expect("reader").searcher();
        assert!(searcher.segment_readers().len() > 5);
        let hoc: Box<dyn Query> = Box::new(TermQuery::new(
            Term::from_field_text(body, "hoc"),
            IndexRecordOption::WithFreqs,
        ));
        let all: Box<dyn Query> = Box::new(AllQuery);
        let many = Executor::multi_thread(3, "page-test-").expect("threads");
        for (q, scored) in [(&hoc, true), (&all, false)] {
            for by in [By::Score, By::Date] {
                let scored = scored && by == By::Score;
                for want in [0, 1, 10, 333, 1_000, 2_000] {
                    let collector = Page { want, by, scored };
                    let scoring = if collector.requires_scoring() {
                        EnableScoring::enabled_from_searcher(&searcher)
                    } else {
                        EnableScoring::disabled_from_searcher(&searcher)
                    };
                    let expect = every_match(&searcher, q.as_ref(), by, scored, want);
                    for executor in [&Executor::single_thread(), &many] {
                        let (page, count) = searcher
                            .search_with_executor(q.as_ref(), &collector, executor, scoring)
                            .expect("search");
                        assert_eq!(count, 1_000);
                        let got: Vec<(String, u32)> = page
                            .into_iter()
                            .map(|e| (e.path, (e.score * 1e6).round() as u32))
                            .collect();
                        assert_eq!(got, expect, "{by:?}, scored {scored}, want {want}");
                    }
                }
            }
        }
    }
}
