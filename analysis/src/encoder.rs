//! The encoder tagger: slower and better than the cues and bag-of-words model (placeholder:
//! until the fine-tuned encoder lands, [`Tagger::refine`] returns what [`Tagger::tag`] does).

use crate::themes::{Tagger, ThemeTag};

impl Tagger {
    /// Themes for already-redacted text from the fine-tuned encoder, averaged with TF-IDF
    /// regressions, plus what staff corrections taught. Tens of milliseconds of CPU: call it
    /// off the request path.
    pub fn refine(&self, redacted: &str) -> Vec<ThemeTag> {
        self.tag(redacted)
    }
}
