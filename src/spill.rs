//! The texts a build holds of each briefing until later — its Markdown body from the read to
//! the render, its HTML until its page, its search words until the index — kept in memory, or
//! past a budget written once to a temporary file and read back when needed. A build holds
//! every briefing at once; with these texts in memory its peak grew with the archive's whole
//! text (at 100,000 briefings some 470 MB of Markdown, 500 MB of HTML and 180 MB of words).

use std::borrow::Cow;
use std::fs::File;
use std::hash::{Hash, Hasher};
use std::io;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

/// How many bytes of texts of each kind (Markdown read; HTML and words made) a build keeps in
/// memory before it writes the rest to a temporary file.
pub const BODIES_KEPT: usize = 16 << 20;

/// What is left of a budget of bytes to keep in memory, taken from by many threads at once.
#[derive(Debug)]
pub struct Budget(AtomicUsize);

impl Budget {
    /// A budget of `bytes`.
    pub fn new(bytes: usize) -> Budget {
        Budget(AtomicUsize::new(bytes))
    }

    /// Whether `len` more bytes fit, taking them from what is left when they do.
    pub fn fits(&self, len: usize) -> bool {
        self.0
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                left.checked_sub(len)
            })
            .is_ok()
    }
}

impl Default for Budget {
    /// No limit: everything is kept.
    fn default() -> Budget {
        Budget::new(usize::MAX)
    }
}

/// A temporary file that body texts are appended to (removed by the system when closed),
/// each written and read back in one call at its own place, by any thread at once. The file is
/// made when the first text is written to it: a site within its budgets never has one.
#[derive(Debug, Default)]
pub struct Spill {
    /// `None` inside when it could not be made: texts then stay in memory.
    file: OnceLock<Option<File>>,
    /// Where the next text goes.
    end: AtomicU64,
}

impl Spill {
    /// Appends `bytes`; returns where they start.
    fn put(&self, bytes: &[u8]) -> io::Result<u64> {
        let file = self
            .file
            .get_or_init(|| tempfile::tempfile().ok())
            .as_ref()
            .ok_or_else(|| io::Error::other("no temporary file"))?;
        let at = self.end.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        write_at(file, bytes, at)?;
        Ok(at)
    }

    /// Moves the texts kept in memory among `texts` into the file, in one write (a write per
    /// text cost 6 % of a 10,000-briefing build); leaves them as they were when it fails.
    pub fn take(self: &Arc<Spill>, texts: &mut [&mut BodyText]) {
        if texts.is_empty() {
            return;
        }
        let mut joined = Vec::with_capacity(texts.iter().map(|t| t.len()).sum());
        for text in texts.iter() {
            if let BodyText::Kept(kept) = &**text {
                joined.extend_from_slice(kept.as_bytes());
            }
        }
        let Ok(mut at) = self.put(&joined) else {
            return;
        };
        for text in texts.iter_mut() {
            if let BodyText::Kept(kept) = &**text {
                let len = kept.len();
                **text = BodyText::Spilled {
                    spill: Arc::clone(self),
                    at,
                    len,
                    hash: text_hash(kept),
                };
                at += len as u64;
            }
        }
    }

    /// How many bytes have gone to the file.
    #[cfg(test)]
    pub(crate) fn written(&self) -> u64 {
        self.end.load(Ordering::Relaxed)
    }

    /// The `len` bytes at `at`, as written by [`Spill::put`].
    fn get(&self, at: u64, len: usize) -> io::Result<String> {
        let file = self.file.get().and_then(Option::as_ref);
        let file = file.ok_or_else(|| io::Error::other("no temporary file"))?;
        let mut bytes = vec![0; len];
        read_at(file, &mut bytes, at)?;
        String::from_utf8(bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }
}

#[cfg(unix)]
fn write_at(file: &File, bytes: &[u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, at)
}

#[cfg(unix)]
fn read_at(file: &File, bytes: &mut [u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, at)
}

#[cfg(windows)]
fn write_at(file: &File, mut bytes: &[u8], mut at: u64) -> io::Result<()> {
    while !bytes.is_empty() {
        let n = std::os::windows::fs::FileExt::seek_write(file, bytes, at)?;
        if n == 0 {
            return Err(io::ErrorKind::WriteZero.into());
        }
        bytes = &bytes[n..];
        at += n as u64;
    }
    Ok(())
}

#[cfg(windows)]
fn read_at(file: &File, mut bytes: &mut [u8], mut at: u64) -> io::Result<()> {
    while !bytes.is_empty() {
        let n = std::os::windows::fs::FileExt::seek_read(file, bytes, at)?;
        if n == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        bytes = &mut bytes[n..];
        at += n as u64;
    }
    Ok(())
}

/// A text of a briefing's body, wherever it is kept.
#[derive(Debug, Clone)]
pub enum BodyText {
    /// In memory.
    Kept(String),
    /// In a [`Spill`] file, with the hash of its text (what [`Hash`] gives either way).
    Spilled {
        spill: Arc<Spill>,
        at: u64,
        len: usize,
        hash: u64,
    },
}

impl Default for BodyText {
    fn default() -> BodyText {
        BodyText::Kept(String::new())
    }
}

impl From<String> for BodyText {
    fn from(text: String) -> BodyText {
        BodyText::Kept(text)
    }
}

/// The hash a body's text is known by, kept or spilled.
fn text_hash(text: &str) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    text.hash(&mut hasher);
    hasher.finish()
}

impl Hash for BodyText {
    fn hash<H: Hasher>(&self, state: &mut H) {
        match self {
            BodyText::Kept(text) => text_hash(text),
            BodyText::Spilled { hash, .. } => *hash,
        }
        .hash(state);
    }
}

impl BodyText {
    /// Its length in bytes.
    pub fn len(&self) -> usize {
        match self {
            BodyText::Kept(text) => text.len(),
            BodyText::Spilled { len, .. } => *len,
        }
    }

    /// Whether it is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The text. A spilled one is read back from the file this process wrote and holds open;
    /// failing to read it is not a fault of the site's, and stops the build (whose output is
    /// only swapped in once every page is written).
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            BodyText::Kept(text) => Cow::Borrowed(text),
            BodyText::Spilled { spill, at, len, .. } => {
                Cow::Owned(spill.get(*at, *len).unwrap_or_else(|e| {
                    panic!("reading a body's text back from its temporary file: {e}")
                }))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash_of(body: &BodyText) -> u64 {
        let mut hasher = rustc_hash::FxHasher::default();
        body.hash(&mut hasher);
        hasher.finish()
    }

    #[test]
    fn a_spilled_body_reads_back_as_it_was_and_hashes_alike() {
        let spill = Arc::new(Spill::default());
        let texts = ["<p>Hanoi</p>", "", "<p>평양 — “quoted”</p>\n<pre>x</pre>"];
        let kept: Vec<BodyText> = texts
            .iter()
            .map(|t| BodyText::from(t.to_string()))
            .collect();
        let mut spilled = kept.clone();
        // Two writes: the first text alone, then the others together.
        let (first, others) = spilled.split_at_mut(1);
        spill.take(&mut [&mut first[0]]);
        spill.take(&mut others.iter_mut().collect::<Vec<_>>());
        let bodies: Vec<(BodyText, BodyText)> = kept.into_iter().zip(spilled).collect();
        for ((kept, spilled), text) in bodies.iter().zip(texts) {
            assert!(matches!(spilled, BodyText::Spilled { .. }));
            assert_eq!(spilled.text(), text);
            assert_eq!(spilled.len(), text.len());
            assert_eq!(hash_of(kept), hash_of(spilled));
        }
        // Read again, and out of order.
        assert_eq!(bodies[2].1.text(), texts[2]);
        assert_eq!(bodies[0].1.text(), texts[0]);
        assert_ne!(hash_of(&bodies[0].0), hash_of(&bodies[2].0));
    }

    #[test]
    fn a_budget_takes_what_fits_and_refuses_the_rest() {
        let budget = Budget::new(10);
        assert!(budget.fits(6));
        assert!(!budget.fits(5), "6 + 5 is past 10");
        assert!(budget.fits(4));
        assert!(!budget.fits(1));
        assert!(budget.fits(0));
        assert!(Budget::default().fits(usize::MAX));
    }
}
