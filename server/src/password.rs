//! Password hashing with argon2id. An unknown username is checked against a dummy hash, so the
//! time a failed sign-in takes does not tell whether the name exists.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::SaltString;
use argon2::{Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version};
use std::sync::Arc;

pub struct Passwords {
    params: Params,
    dummy_hash: String,
}

impl Passwords {
    /// argon2id with the given cost; the dummy hash is made with the same cost.
    pub fn new(params: Params) -> Result<Passwords, argon2::password_hash::Error> {
        let mut p = Passwords {
            params,
            dummy_hash: String::new(),
        };
        let random = SaltString::generate(&mut OsRng);
        p.dummy_hash = p.hash(random.as_str())?;
        Ok(p)
    }

    /// The cost OWASP recommends for argon2id (19 MiB, 2 passes), the crate's default.
    pub fn standard() -> Result<Passwords, argon2::password_hash::Error> {
        Passwords::new(Params::default())
    }

    /// A very cheap cost, for tests only (debug builds of argon2 are slow).
    pub fn insecure_fast_for_tests() -> Passwords {
        let params = Params::new(Params::MIN_M_COST, 1, 1, None).expect("valid argon2 params");
        Passwords::new(params).expect("hashing with valid params works")
    }

    fn argon2(&self) -> Argon2<'_> {
        Argon2::new(Algorithm::Argon2id, Version::V0x13, self.params.clone())
    }

    /// A PHC string (`$argon2id$v=19$...`) with a fresh random salt.
    pub fn hash(&self, password: &str) -> Result<String, argon2::password_hash::Error> {
        let salt = SaltString::generate(&mut OsRng);
        Ok(self
            .argon2()
            .hash_password(password.as_bytes(), &salt)?
            .to_string())
    }

    /// Whether `password` matches `stored`; with no stored hash, the dummy is checked (and the
    /// answer is false) so that the work done is the same.
    pub fn verify(&self, stored: Option<&str>, password: &str) -> bool {
        let hash = stored.unwrap_or(&self.dummy_hash);
        let ok = PasswordHash::new(hash)
            .map(|h| {
                self.argon2()
                    .verify_password(password.as_bytes(), &h)
                    .is_ok()
            })
            .unwrap_or(false);
        ok && stored.is_some()
    }

    /// [`Passwords::verify`] on the blocking pool (it is deliberately slow).
    pub async fn verify_blocking(
        self: &Arc<Self>,
        stored: Option<String>,
        password: String,
    ) -> Result<bool, tokio::task::JoinError> {
        let this = Arc::clone(self);
        tokio::task::spawn_blocking(move || this.verify(stored.as_deref(), &password)).await
    }

    /// [`Passwords::hash`] on the blocking pool.
    pub async fn hash_blocking(self: &Arc<Self>, password: String) -> anyhow::Result<String> {
        let this = Arc::clone(self);
        tokio::task::spawn_blocking(move || this.hash(&password))
            .await?
            .map_err(|e| anyhow::anyhow!("could not hash a password: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_own_password_and_no_other() {
        let p = Passwords::insecure_fast_for_tests();
        let h = p.hash("correct horse").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(p.verify(Some(&h), "correct horse"));
        assert!(!p.verify(Some(&h), "wrong horse"));
    }

    #[test]
    fn an_unknown_user_never_verifies_even_with_the_dummy_password() {
        let p = Passwords::insecure_fast_for_tests();
        assert!(!p.verify(None, ""));
        assert!(!p.verify(Some("not a phc string"), "x"));
    }
}
