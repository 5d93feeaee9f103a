//! Invitation tokens: 128 random bits, URL-safe base64 (22 characters), stored only as the
//! SHA-256 hash. `InvitationToken::parse` rejects anything of the wrong shape before any
//! database work.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

pub const TOKEN_BYTES: usize = 16;
pub const TOKEN_CHARS: usize = 22;

#[derive(Clone, PartialEq, Eq)]
pub struct InvitationToken(String);

impl std::fmt::Debug for InvitationToken {
    // Tokens are bearer secrets: never print them in logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("InvitationToken(..)")
    }
}

impl InvitationToken {
    pub fn generate() -> Self {
        let mut bytes = [0u8; TOKEN_BYTES];
        rand::rng().fill_bytes(&mut bytes);
        Self(URL_SAFE_NO_PAD.encode(bytes))
    }

    pub fn parse(text: &str) -> Option<Self> {
        let decoded = URL_SAFE_NO_PAD.decode(text).ok()?;
        (text.len() == TOKEN_CHARS && decoded.len() == TOKEN_BYTES).then(|| Self(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn hash(&self) -> String {
        hex::encode(Sha256::digest(self.0.as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_tokens_parse_and_hash_stably() {
        let token = InvitationToken::generate();
        assert_eq!(token.as_str().len(), TOKEN_CHARS);
        let parsed = InvitationToken::parse(token.as_str()).unwrap();
        assert_eq!(parsed.hash(), token.hash());
        assert_eq!(token.hash().len(), 64);
        assert_ne!(InvitationToken::generate(), token);
    }

    #[test]
    fn malformed_tokens_are_rejected() {
        for bad in ["", "short", "!!!!!!!!!!!!!!!!!!!!!!", &"A".repeat(23)] {
            assert!(InvitationToken::parse(bad).is_none(), "{bad}");
        }
    }
}
