//! Catalog search the way officials and residents type: case- and accent-insensitive, over
//! names, aliases and keywords, with informal words mapped through the catalog's vocabulary
//! ("akte" = "akta", "ilang" = "hilang"), tolerant of one typo, ranked best first.
//!
//! Scoring: each query word is matched against the words of a service (exact, prefix while
//! typing, or one edit away), weighted by the field it is found in and by how rare the word is
//! across the catalog (so "ktp" counts more than "surat"). A query that equals a whole name or
//! alias gets a bonus. Words of intent (the vocabulary's `modifiers`: loss, damage, direction
//! of a move) are read from the whole message, filler words included, and add a bonus to the
//! matched services whose own words carry that intent, enough to outweigh a bare document
//! name: "kartu keluarga hilang" is *KK hilang atau rusak*, "pindahan dari Banyuwangi" the move
//! into the village. Ties keep catalog order, which lists the most asked-for service first.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use super::catalog::{Catalog, ServiceId, Vocabulary};

/// Lowercase, accents removed, every run of non-alphanumerics a single space.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for c in text.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

const NAME_WEIGHT: f32 = 3.0;
const ALIAS_WEIGHT: f32 = 2.5;
const KEYWORD_WEIGHT: f32 = 1.2;
const PHRASE_BONUS: f32 = 4.0;
/// Larger than the phrase bonus plus a name word: the intent decides between services that
/// share the document's name.
const MODIFIER_BONUS: f32 = 8.0;
/// A service gets the intent bonus only when its own score is at least this share of the best.
const INTENT_FLOOR: f32 = 0.5;

/// One ranked hit.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub id: ServiceId,
    pub score: f32,
}

struct Entry {
    id: ServiceId,
    /// word -> best field weight it appears with.
    words: HashMap<String, f32>,
    /// Whole names and aliases, as folded word sequences.
    phrases: Vec<Vec<String>>,
}

/// A search index built once from a catalog; queries do not allocate per service.
pub struct SearchIndex {
    entries: Vec<Entry>,
    /// word -> inverse document frequency.
    idf: HashMap<String, f32>,
    synonyms: HashMap<String, String>,
    stopwords: Vec<String>,
    /// Folded resident word -> folded catalog word of intent.
    modifiers: HashMap<String, String>,
}

impl SearchIndex {
    pub fn new(catalog: &Catalog) -> SearchIndex {
        let Vocabulary {
            synonyms,
            stopwords,
            modifiers,
        } = &catalog.vocabulary;
        let modifiers: HashMap<String, String> =
            modifiers.iter().map(|(k, v)| (fold(k), fold(v))).collect();
        let synonyms: HashMap<String, String> =
            synonyms.iter().map(|(k, v)| (fold(k), fold(v))).collect();
        let stopwords: Vec<String> = stopwords.iter().map(|w| fold(w)).collect();
        let mut index = SearchIndex {
            entries: Vec::new(),
            idf: HashMap::new(),
            synonyms,
            stopwords,
            modifiers,
        };
        for service in &catalog.services {
            let mut words = HashMap::new();
            let mut phrases = Vec::new();
            let mut add = |text: &str, weight: f32, phrase: bool, index: &SearchIndex| {
                let tokens = index.tokens(text);
                for t in &tokens {
                    let w = words.entry(t.clone()).or_insert(0.0f32);
                    *w = w.max(weight);
                }
                if phrase && !tokens.is_empty() {
                    phrases.push(tokens);
                }
            };
            add(&service.name, NAME_WEIGHT, true, &index);
            add(service.id.as_str(), ALIAS_WEIGHT, false, &index);
            for alias in &service.aliases {
                add(alias, ALIAS_WEIGHT, true, &index);
            }
            for keyword in &service.keywords {
                add(keyword, KEYWORD_WEIGHT, false, &index);
            }
            index.entries.push(Entry {
                id: service.id.clone(),
                words,
                phrases,
            });
        }
        let n = index.entries.len() as f32;
        let mut df: HashMap<&str, f32> = HashMap::new();
        for entry in &index.entries {
            for word in entry.words.keys() {
                *df.entry(word).or_default() += 1.0;
            }
        }
        index.idf = df
            .into_iter()
            .map(|(w, d)| (w.to_string(), (1.0 + n / d).ln()))
            .collect();
        index
    }

    /// Folded words with synonyms applied and filler words dropped. A word the catalog does
    /// not know loses a possessive or emphatic suffix if that makes it known ("lahirnya" ->
    /// "lahir" -> "kelahiran", "ktpku" -> "ktp").
    fn tokens(&self, text: &str) -> Vec<String> {
        fold(text)
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(|w| self.canonical(w))
            .filter(|w| !self.stopwords.contains(w))
            .collect()
    }

    fn canonical(&self, word: &str) -> String {
        let mapped = self
            .synonyms
            .get(word)
            .cloned()
            .unwrap_or_else(|| word.to_string());
        // While the index is being built there is no vocabulary yet: no stemming then.
        if self.idf.is_empty() || self.idf.contains_key(&mapped) {
            return mapped;
        }
        for suffix in ["nya", "ku", "mu", "kah", "lah"] {
            if let Some(stem) = word.strip_suffix(suffix).filter(|s| s.chars().count() >= 2) {
                let stem = self
                    .synonyms
                    .get(stem)
                    .cloned()
                    .unwrap_or_else(|| stem.to_string());
                if self.idf.contains_key(&stem) {
                    return stem;
                }
            }
        }
        mapped
    }

    /// How well query word `q` matches service word `w`, from 0 to 1.
    fn word_match(q: &str, w: &str) -> f32 {
        if q == w {
            return 1.0;
        }
        let (ql, wl) = (q.chars().count(), w.chars().count());
        if ql >= 3 && w.starts_with(q) {
            return 0.75;
        }
        // One typo (insert, delete, change, swap) in a word long enough to carry one.
        if ql >= 4 && wl >= 4 && ql.abs_diff(wl) <= 1 && strsim::osa_distance(q, w) <= 1 {
            return 0.7;
        }
        0.0
    }

    /// The catalog words of intent the query carries, from every word typed (filler words
    /// such as "dari" and "ke" included).
    fn intents(&self, query: &str) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for word in fold(query).split(' ') {
            if let Some(intent) = self.modifiers.get(word) {
                if !out.contains(&intent.as_str()) {
                    out.push(intent);
                }
            }
        }
        out
    }

    /// Services matching `query`, best first; empty when nothing matches.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let tokens = self.tokens(query);
        if tokens.is_empty() {
            return Vec::new();
        }
        let intents = self.intents(query);
        let mut hits: Vec<(usize, Hit)> = Vec::new();
        for (order, entry) in self.entries.iter().enumerate() {
            let mut score = 0.0;
            let mut matched = 0;
            for q in &tokens {
                let best = entry
                    .words
                    .iter()
                    .map(|(w, weight)| {
                        Self::word_match(q, w) * weight * self.idf.get(w).copied().unwrap_or(1.0)
                    })
                    .fold(0.0f32, f32::max);
                if best > 0.0 {
                    matched += 1;
                    score += best;
                }
            }
            if matched == 0 {
                continue;
            }
            if entry
                .phrases
                .iter()
                .any(|p| (p.len() >= 2 && contains_run(&tokens, p)) || tokens == *p)
            {
                score += PHRASE_BONUS;
            }
            // Prefer services that explain every word typed.
            score *= 0.5 + 0.5 * matched as f32 / tokens.len() as f32;
            hits.push((
                order,
                Hit {
                    id: entry.id.clone(),
                    score,
                },
            ));
        }
        // The intent re-ranks services that match the document well, never one that shares
        // only a common word with the message ("surat ... dari RT" is no move).
        let top = hits.iter().map(|(_, h)| h.score).fold(0.0f32, f32::max);
        for (order, hit) in &mut hits {
            let words = &self.entries[*order].words;
            if hit.score >= INTENT_FLOOR * top && intents.iter().any(|i| words.contains_key(*i)) {
                hit.score += MODIFIER_BONUS;
            }
        }
        hits.sort_by(|(oa, a), (ob, b)| b.score.total_cmp(&a.score).then(oa.cmp(ob)));
        hits.into_iter().map(|(_, hit)| hit).collect()
    }
}

/// Whether `phrase` appears as consecutive words in `tokens`.
fn contains_run(tokens: &[String], phrase: &[String]) -> bool {
    phrase.len() <= tokens.len() && tokens.windows(phrase.len()).any(|w| w == phrase)
}
