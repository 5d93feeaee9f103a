//! Sealing queued messages: the phone number and the link (a bearer secret) are encrypted with
//! XChaCha20-Poly1305 under a 256-bit key that never enters the database. The key comes from
//! `VV_QUEUE_KEY` (64 hex characters or base64 of 32 bytes; every instance sharing one
//! PostgreSQL database needs the same one) or else from `sms-queue.key` in the data directory,
//! created with mode 0600 on first use. Each message has a random 192-bit nonce and its row id
//! as associated data, so a sealed value cannot be moved to another row.

use anyhow::Context;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use rand::RngCore;
use std::path::Path;

pub const KEY_FILE: &str = "sms-queue.key";
const NONCE_BYTES: usize = 24;

#[derive(Clone)]
pub struct QueueKey([u8; 32]);

impl std::fmt::Debug for QueueKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("QueueKey(..)")
    }
}

impl QueueKey {
    pub fn generate() -> Self {
        let mut key = [0u8; 32];
        rand::rng().fill_bytes(&mut key);
        Self(key)
    }

    /// 64 hex characters, or standard/URL-safe base64 of 32 bytes.
    pub fn parse(text: &str) -> anyhow::Result<Self> {
        let text = text.trim();
        let bytes = hex::decode(text)
            .ok()
            .or_else(|| STANDARD.decode(text).ok())
            .or_else(|| URL_SAFE_NO_PAD.decode(text.trim_end_matches('=')).ok())
            .context("the queue key is neither hex nor base64")?;
        let key: [u8; 32] = bytes
            .try_into()
            .map_err(|_| anyhow::anyhow!("the queue key must be 32 bytes (256 bits)"))?;
        Ok(Self(key))
    }

    /// `VV_QUEUE_KEY` if given, else the key file in `data_dir` (created on first use).
    pub fn load(configured: Option<&str>, data_dir: &Path) -> anyhow::Result<Self> {
        match configured {
            Some(text) if !text.trim().is_empty() => Self::parse(text),
            _ => Self::load_or_create_file(&data_dir.join(KEY_FILE)),
        }
    }

    fn load_or_create_file(path: &Path) -> anyhow::Result<Self> {
        if let Ok(text) = std::fs::read_to_string(path) {
            return Self::parse(&text).with_context(|| format!("reading {}", path.display()));
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        // Written whole to a private temporary file, then linked into place: another process
        // starting at the same moment either wins the link or reads the finished file.
        let key = Self::generate();
        let temporary = path.with_extension(format!("tmp-{}", uuid::Uuid::new_v4().simple()));
        write_private(&temporary, hex::encode(key.0).as_bytes())?;
        let linked = std::fs::hard_link(&temporary, path);
        let _ = std::fs::remove_file(&temporary);
        match linked {
            Ok(()) => {
                tracing::info!(file = %path.display(), "created the SMS queue key");
                Ok(key)
            }
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
                let text = std::fs::read_to_string(path)?;
                Self::parse(&text)
            }
            Err(error) => Err(error).with_context(|| format!("creating {}", path.display())),
        }
    }

    /// `nonce || ciphertext`, base64, bound to `row_id`.
    pub fn seal(&self, row_id: &str, plaintext: &[u8]) -> String {
        let cipher = XChaCha20Poly1305::new(&Key::from(self.0));
        let mut nonce = [0u8; NONCE_BYTES];
        rand::rng().fill_bytes(&mut nonce);
        let sealed = cipher
            .encrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: plaintext,
                    aad: row_id.as_bytes(),
                },
            )
            .expect("XChaCha20-Poly1305 encryption does not fail for small messages");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        STANDARD.encode(out)
    }

    pub fn open(&self, row_id: &str, sealed: &str) -> Option<Vec<u8>> {
        let bytes = STANDARD.decode(sealed).ok()?;
        if bytes.len() < NONCE_BYTES {
            return None;
        }
        let (nonce, ciphertext) = bytes.split_at(NONCE_BYTES);
        let nonce: [u8; NONCE_BYTES] = nonce.try_into().ok()?;
        XChaCha20Poly1305::new(&Key::from(self.0))
            .decrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: ciphertext,
                    aad: row_id.as_bytes(),
                },
            )
            .ok()
    }
}

#[cfg(unix)]
fn write_private(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    file.write_all(bytes)?;
    file.sync_all()?;
    Ok(())
}

#[cfg(not(unix))]
fn write_private(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    std::fs::write(path, bytes).with_context(|| format!("creating {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_text_opens_only_with_the_key_and_the_row() {
        let key = QueueKey::generate();
        let sealed = key.seal("row-1", b"+447700900123");
        assert!(!sealed.contains("7700900123"));
        assert_eq!(key.open("row-1", &sealed).unwrap(), b"+447700900123");
        assert!(key.open("row-2", &sealed).is_none());
        assert!(QueueKey::generate().open("row-1", &sealed).is_none());
        assert_ne!(key.seal("row-1", b"same"), key.seal("row-1", b"same"));
    }

    #[test]
    fn key_file_is_created_private_once_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let first = QueueKey::load(None, dir.path()).unwrap();
        let second = QueueKey::load(Some(""), dir.path()).unwrap();
        assert_eq!(first.0, second.0);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(KEY_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn configured_keys_parse_from_hex_or_base64() {
        let hex_key = "00".repeat(32);
        assert_eq!(QueueKey::parse(&hex_key).unwrap().0, [0u8; 32]);
        let b64 = STANDARD.encode([7u8; 32]);
        assert_eq!(QueueKey::parse(&b64).unwrap().0, [7u8; 32]);
        assert!(QueueKey::parse("short").is_err());
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            QueueKey::load(Some(&hex_key), dir.path()).unwrap().0,
            [0u8; 32]
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
