//! Extraction: one document's text in, its facts out.
//!
//! The pipeline is clean → find → resolve → annotate: [`crate::text`]
//! normalises, [`citations`] finds and resolves instruments, [`facts`] reads
//! the header, title, province and period, [`parties`] the parties and the
//! signature blocks. Extraction is pure: no I/O, and it never fails; what it
//! could not settle is reported in [`Extraction::diagnostics`].
//!
//! Every span (`mentions`, `span`) is a pair of **character** offsets
//! (Unicode scalar values), start inclusive, end exclusive, into the source
//! text as decoded (byte-order mark removed, nothing else changed).

mod citations;
mod dates;
mod facts;
mod parties;

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

pub use dates::{date_at_start, Date};

use crate::catalog::Catalog;
use crate::geo::Gazetteer;
use crate::orgs::{Level, OrgTable};
use crate::text::{normalize, CharCounter, Normalized};
use crate::Result;

/// The reference data extraction consults.
#[derive(Debug, Clone)]
pub struct Knowledge {
    pub catalog: Catalog,
    pub places: Gazetteer,
    pub orgs: OrgTable,
}

/// Reference data loaded when first asked for, a part at a time: a search
/// filtered by province needs the gazetteer alone, one by an instrument the
/// catalogue alone, one of words alone none.
#[derive(Debug, Default)]
pub struct KnowledgeOnDemand {
    given: Option<Knowledge>,
    all: std::cell::OnceCell<Knowledge>,
    places: std::cell::OnceCell<Gazetteer>,
    catalog: std::cell::OnceCell<Catalog>,
}

impl KnowledgeOnDemand {
    /// The built-in data, each part read on first use.
    pub fn builtin() -> KnowledgeOnDemand {
        KnowledgeOnDemand::default()
    }

    /// Data already loaded (a catalogue the user gave, with the built-in
    /// rest).
    pub fn given(k: Knowledge) -> KnowledgeOnDemand {
        KnowledgeOnDemand {
            given: Some(k),
            ..KnowledgeOnDemand::default()
        }
    }

    /// All of it.
    pub fn all(&self) -> Result<&Knowledge> {
        if let Some(k) = self.given.as_ref().or_else(|| self.all.get()) {
            return Ok(k);
        }
        let k = Knowledge::builtin()?;
        Ok(self.all.get_or_init(|| k))
    }

    /// The provinces and districts: those of all of it when that is
    /// loaded, else the gazetteer alone.
    pub fn places(&self) -> Result<&Gazetteer> {
        self.part(|k| &k.places, &self.places, Gazetteer::builtin)
    }

    /// The catalogue of instruments and laws: that of all of it when that
    /// is loaded, else the catalogue alone.
    pub fn catalog(&self) -> Result<&Catalog> {
        self.part(|k| &k.catalog, &self.catalog, Catalog::builtin)
    }

    /// One part: that of the data given or loaded whole, else the part
    /// alone, read once.
    fn part<'a, T>(
        &'a self,
        of: fn(&Knowledge) -> &T,
        alone: &'a std::cell::OnceCell<T>,
        read: fn() -> Result<T>,
    ) -> Result<&'a T> {
        if let Some(k) = self.given.as_ref().or_else(|| self.all.get()) {
            return Ok(of(k));
        }
        if let Some(t) = alone.get() {
            return Ok(t);
        }
        let t = read()?;
        Ok(alone.get_or_init(|| t))
    }
}

impl Knowledge {
    /// The built-in catalogue, provinces and organisation kinds.
    pub fn builtin() -> Result<Knowledge> {
        Ok(Knowledge {
            catalog: Catalog::builtin()?,
            places: Gazetteer::builtin()?,
            orgs: OrgTable::builtin()?,
        })
    }

    /// A digest of the reference data (catalogue entries, provinces,
    /// organisation kinds): when it changes, what was extracted before may
    /// no longer hold.
    pub fn fingerprint(&self) -> String {
        let mut h = blake3::Hasher::new();
        h.update(
            serde_json::to_string(self.catalog.entries())
                .unwrap_or_default()
                .as_bytes(),
        );
        h.update(crate::geo::BUILTIN.as_bytes());
        h.update(crate::orgs::BUILTIN.as_bytes());
        h.finalize().to_hex()[..16].to_string()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Agreement,
    News,
    Plan,
    #[default]
    Other,
}

impl Kind {
    /// The name as serialised (`agreement`, `news`, `plan`, `other`).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Agreement => "agreement",
            Kind::News => "news",
            Kind::Plan => "plan",
            Kind::Other => "other",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Form {
    /// Number and symbol written out.
    Full,
    /// Number without symbol, resolved in the document or the catalogue.
    Short,
    /// Title only, resolved through the catalogue.
    Name,
}

impl Form {
    /// The name as serialised (`full`, `short`, `name`).
    pub fn as_str(self) -> &'static str {
        match self {
            Form::Full => "full",
            Form::Short => "short",
            Form::Name => "name",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// In the preamble (`Căn cứ …`, `Thực hiện …`).
    Basis,
    /// In the body.
    Mention,
}

impl Role {
    /// The name as serialised (`basis`, `mention`).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Basis => "basis",
            Role::Mention => "mention",
        }
    }
}

/// The word that opens a preamble line and says how the document rests on
/// what the line cites: its legal basis (`căn cứ`, an edge `BASED_ON`) or
/// what it carries out (`thực hiện`, an edge `IMPLEMENTS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Cue {
    #[serde(rename = "căn cứ")]
    CanCu,
    #[serde(rename = "thực hiện")]
    ThucHien,
}

impl Cue {
    /// The words as serialised and as evidence shows them.
    pub fn as_str(self) -> &'static str {
        match self {
            Cue::CanCu => "căn cứ",
            Cue::ThucHien => "thực hiện",
        }
    }
}

/// One instrument a document cites (all its mentions together).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Citation {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub date: Option<Date>,
    pub issuer: Option<String>,
    /// Province of a local instrument; None for national ones.
    pub scope: Option<String>,
    pub form: Form,
    pub role: Role,
    /// The preamble word that introduced it: `căn cứ` or `thực hiện`.
    pub cue: Option<Cue>,
    /// Instruments the text says this one carries out ("… về việc thực hiện …").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub implements: Vec<String>,
    /// Whether the catalogue knows it.
    pub catalogued: bool,
    /// The first mention as written (normalised).
    pub written: String,
    pub mentions: Vec<[usize; 2]>,
    /// The parts of the instrument cited (`khoản 4 Điều 20`, `điểm a khoản 2
    /// Điều 15`), in order of first mention.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pinpoints: Vec<String>,
}

/// An organisation party to the agreement.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Party {
    pub name: String,
    pub province: Option<String>,
    /// Organisation kind id (data/organisations.toml).
    pub kind: String,
    pub level: Option<Level>,
    pub span: [usize; 2],
}

/// A person who signed.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Signatory {
    pub name: String,
    pub title: Option<String>,
    /// Military rank, kept apart from the title (`Đại tá`).
    pub rank: Option<String>,
    /// Name of the party signed for.
    pub party: Option<String>,
    pub span: [usize; 2],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Info,
}

/// Something extraction could not settle.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Cow<'static, str>,
    pub message: String,
    pub span: Option<[usize; 2]>,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Extraction {
    pub kind: Kind,
    pub title: Option<String>,
    /// The document's own number (`Số: …`), canonical.
    pub number: Option<String>,
    /// Signing date; for news, the publication date.
    pub date: Option<Date>,
    /// Province on the document (before the 2025 reorganisation).
    pub province: Option<String>,
    /// The province it belongs to today.
    pub province_now: Option<String>,
    pub period: Option<[u16; 2]>,
    /// Id of the programme or instrument this document implements.
    pub parent: Option<String>,
    pub citations: Vec<Citation>,
    pub parties: Vec<Party>,
    pub signatories: Vec<Signatory>,
    /// News: the byline.
    pub author: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
    /// Where the document-level facts are written, when the text says them
    /// in one place (left out when none is).
    #[serde(default, skip_serializing_if = "FactSpans::is_empty")]
    pub spans: FactSpans,
}

/// Where the text states the document's own number, its date, its province
/// and its period: `[start, end)` character offsets, like every span.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactSpans {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<[usize; 2]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<[usize; 2]>,
    /// The province as the text names it (the place line, the title, a
    /// `tỉnh …` in the signature blocks, the first naming of the province
    /// named most, or the district or organisation that places it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<[usize; 2]>,
    /// The words that give the period (`giai đoạn 2021 - 2025`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<[usize; 2]>,
}

impl FactSpans {
    pub fn is_empty(&self) -> bool {
        *self == FactSpans::default()
    }
}

/// What extraction works on: the normalised text and where to map spans back.
pub(crate) struct Doc<'a> {
    pub text: &'a str,
    pub k: &'a Knowledge,
    norm: &'a Normalized,
    original: &'a str,
    counter: CharCounter<'a>,
}

impl Doc<'_> {
    /// A byte span of the normalised text as character offsets into the source.
    pub fn span(&self, start: usize, end: usize) -> [usize; 2] {
        let (a, b) = self.norm.span_to_original(self.original, start, end);
        [self.counter.chars_before(a), self.counter.chars_before(b)]
    }
}

/// Extract the facts of one document from its text.
pub fn extract(source: &str, k: &Knowledge) -> Extraction {
    let norm = normalize(source);
    let doc = Doc {
        text: &norm.text,
        k,
        norm: &norm,
        original: source,
        counter: CharCounter::new(source),
    };
    let mut diagnostics = Vec::new();
    let layout = facts::layout(&doc);
    let (province, province_span) = facts::province(&doc, &layout).unzip();
    // A document signed since 1 July 2025 lies in one of the 34 provinces,
    // whatever older name of a place in it gave the province (`xã Phú Giáo`,
    // a district of Bình Dương until then, is in Hồ Chí Minh).
    let province = match (province, layout.date) {
        (Some(p), Some(d)) if d >= k.places.two_tiers_from() => Some(k.places.now(&p).map_or(p, str::to_string)),
        (p, _) => p,
    };
    let (period, period_span) = facts::period(&doc, &layout).unzip();
    let at = |s: Option<(usize, usize)>| s.map(|(a, b)| doc.span(a, b));
    let spans = FactSpans {
        number: layout.number.as_ref().map(|n| doc.span(n.1, n.2)),
        date: at(layout.date.and(layout.date_span)),
        province: at(province_span.flatten()),
        period: at(period_span.flatten()),
    };
    let found = citations::find(&doc, &layout, province.as_deref(), &mut diagnostics);
    let blocks = parties::blocks(&doc, &layout);
    let parties = parties::parties(&doc, &layout, &blocks, province.as_deref());
    let signatories = parties::signatories(&doc, &layout, blocks, &parties);
    let parent = match layout.kind {
        Kind::Agreement | Kind::Plan => citations::parent(&found),
        _ => None,
    };
    if layout.kind == Kind::Agreement {
        if province.is_none() {
            diagnostics.push(Diagnostic {
                severity: Severity::Info,
                code: "no-province".into(),
                message: "no province found in the header, title or signature blocks".into(),
                span: None,
            });
        }
        if parties.len() < 2 {
            diagnostics.push(Diagnostic {
                severity: Severity::Warning,
                code: "few-parties".into(),
                message: format!("an agreement with {} part(y/ies) found", parties.len()),
                span: None,
            });
        }
    }
    let province_now = province.as_deref().and_then(|p| k.places.now(p)).map(str::to_string);
    Extraction {
        kind: layout.kind,
        title: layout.title.clone(),
        number: layout.number.as_ref().map(|n| n.0.clone()),
        date: layout.date,
        province,
        province_now,
        period,
        parent,
        citations: found,
        parties,
        signatories,
        author: layout.author.clone(),
        diagnostics,
        spans,
    }
}

#[cfg(test)]
mod tests;
