//! Encryption at rest (AES-256-GCM) and keyed hashes for exact look-ups (HMAC-SHA-256).
//!
//! Document numbers and contacts are personal data that an attacker with a copy of the database
//! must not read. The registry therefore stores every person profile and every event payload
//! sealed with AES-256-GCM, and keeps only *keyed* hashes of document numbers and contacts for
//! exact search: without the key, a hash of a passport number cannot be brute-forced from the
//! small space of valid numbers.
//!
//! Ciphertext layout: `version (1 byte) || nonce (12 bytes) || ciphertext+tag`. The version byte
//! names the key, so keys can be rotated: new writes use the newest key, reads pick by version.

use aes_gcm::aead::{Aead, KeyInit, OsRng, rand_core::RngCore};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// A configured data key could not be used.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// The key is not 32 bytes of base64.
    #[error("the data key must be 32 bytes encoded as base64 (generate one with `openssl rand -base64 32`)")]
    Malformed,
}

/// Sealed data could not be opened: wrong key, or the bytes were altered.
#[derive(Debug, thiserror::Error)]
#[error("sealed data could not be decrypted: the data key is wrong or the data was altered")]
pub struct OpenError;

/// Holds the data key and derives the encryption and look-up keys from it.
#[derive(Clone)]
pub struct Sealer {
    cipher: Aes256Gcm,
    lookup: Hmac<Sha256>,
    audit: Hmac<Sha256>,
    version: u8,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealer(<redacted>)")
    }
}

impl Sealer {
    /// Builds a sealer from a base64-encoded 32-byte key.
    pub fn from_base64(key: &str) -> Result<Self, KeyError> {
        let raw = base64::engine::general_purpose::STANDARD.decode(key.trim()).map_err(|_| KeyError::Malformed)?;
        let raw: [u8; 32] = raw.try_into().map_err(|_| KeyError::Malformed)?;
        Ok(Self::from_bytes(&raw))
    }

    /// Builds a sealer from raw key bytes. Two sub-keys are derived so that the look-up hash
    /// never uses the encryption key directly.
    pub fn from_bytes(key: &[u8; 32]) -> Self {
        let derive = |label: &[u8]| {
            let mut m = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("any key length");
            m.update(label);
            m.finalize().into_bytes()
        };
        let enc = derive(b"rosmigration/v1/encrypt");
        let look = derive(b"rosmigration/v1/lookup");
        let audit = derive(b"rosmigration/v1/audit-chain");
        Self {
            cipher: Aes256Gcm::new_from_slice(&enc).expect("32 bytes"),
            lookup: <Hmac<Sha256> as Mac>::new_from_slice(&look).expect("any key length"),
            audit: <Hmac<Sha256> as Mac>::new_from_slice(&audit).expect("any key length"),
            version: 1,
        }
    }

    /// A fresh random key, base64-encoded (for `--dev` runs and key generation).
    pub fn generate_key() -> String {
        let mut k = [0u8; 32];
        OsRng.fill_bytes(&mut k);
        base64::engine::general_purpose::STANDARD.encode(k)
    }

    /// Encrypts `plain`, binding it to `context` (e.g. the person id) so that a sealed value
    /// cannot be moved to another row unnoticed.
    pub fn seal(&self, plain: &[u8], context: &[u8]) -> Vec<u8> {
        // A random 96-bit nonce from the thread's CSPRNG (ChaCha, seeded and periodically
        // reseeded from the OS): one getrandom system call per sealed value cost bulk imports
        // a few per cent.
        let mut nonce = [0u8; 12];
        rand::RngCore::fill_bytes(&mut rand::thread_rng(), &mut nonce);
        let ct = self
            .cipher
            .encrypt(Nonce::from_slice(&nonce), aes_gcm::aead::Payload { msg: plain, aad: context })
            .expect("AES-GCM encryption cannot fail for in-memory buffers");
        let mut out = Vec::with_capacity(1 + 12 + ct.len());
        out.push(self.version);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&ct);
        out
    }

    /// Decrypts what [`seal`](Self::seal) produced with the same context.
    pub fn open(&self, sealed: &[u8], context: &[u8]) -> Result<Vec<u8>, OpenError> {
        if sealed.len() < 13 + 16 || sealed[0] != self.version {
            return Err(OpenError);
        }
        self.cipher
            .decrypt(Nonce::from_slice(&sealed[1..13]), aes_gcm::aead::Payload { msg: &sealed[13..], aad: context })
            .map_err(|_| OpenError)
    }

    /// The keyed hash of a normalised value for exact look-up, domain-separated by `kind`.
    pub fn lookup_digest(&self, kind: &str, value: &str) -> Vec<u8> {
        let mut m = self.lookup.clone();
        m.update(kind.as_bytes());
        m.update(&[0]);
        m.update(value.as_bytes());
        m.finalize().into_bytes().to_vec()
    }
}

impl Sealer {
    /// The keyed hash of arbitrary bytes, domain-separated by `kind` (intake content hashes and
    /// raw-row digests).
    pub fn lookup_digest_bytes(&self, kind: &str, value: &[u8]) -> Vec<u8> {
        let mut m = self.lookup.clone();
        m.update(kind.as_bytes());
        m.update(&[0]);
        m.update(value);
        m.finalize().into_bytes().to_vec()
    }

    /// Starts a keyed MAC for one audit chain link. Keyed, so that someone who can write to the
    /// database but does not hold the key cannot re-compute a consistent chain after editing it.
    pub fn audit_mac(&self) -> Hmac<Sha256> {
        self.audit.clone()
    }
}

/// Compares two secrets (a code's hash, a CSRF token) in time that depends only on their
/// length, so a guesser learns nothing from how long a wrong answer took.
pub fn constant_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_round_trips_and_detects_tampering_and_wrong_context() {
        let s = Sealer::from_base64(&Sealer::generate_key()).unwrap();
        let sealed = s.seal(b"AA1234567", b"person-1");
        assert!(!sealed.windows(9).any(|w| w == b"AA1234567"), "plaintext must not appear");
        assert_eq!(s.open(&sealed, b"person-1").unwrap(), b"AA1234567");
        assert!(s.open(&sealed, b"person-2").is_err(), "bound to its row");
        let mut bad = sealed.clone();
        *bad.last_mut().unwrap() ^= 1;
        assert!(s.open(&bad, b"person-1").is_err(), "tampering detected");
        let other = Sealer::from_base64(&Sealer::generate_key()).unwrap();
        assert!(other.open(&sealed, b"person-1").is_err(), "wrong key");
    }

    #[test]
    fn lookup_digest_is_keyed_and_deterministic() {
        let k = Sealer::generate_key();
        let a = Sealer::from_base64(&k).unwrap();
        let b = Sealer::from_base64(&k).unwrap();
        let c = Sealer::from_base64(&Sealer::generate_key()).unwrap();
        assert_eq!(a.lookup_digest("doc", "AA1234567"), b.lookup_digest("doc", "AA1234567"));
        assert_ne!(a.lookup_digest("doc", "AA1234567"), c.lookup_digest("doc", "AA1234567"));
        assert_ne!(a.lookup_digest("doc", "AA1234567"), a.lookup_digest("phone", "AA1234567"));
    }

    #[test]
    fn malformed_keys_are_refused() {
        assert!(Sealer::from_base64("short").is_err());
        assert!(Sealer::from_base64("!!!notbase64!!!").is_err());
    }
}
