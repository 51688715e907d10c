//! Users: workers and managers, with argon2id password hashes.

use crate::clock::now_ms;
use crate::db::Db;
use crate::password::Passwords;
use homeward_core::api::{Me, Role};
use sqlx::AnyConnection;

/// Shortest password `user add` accepts.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// A signed-in (or about to sign in) user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub team: Option<String>,
}

impl User {
    pub fn me(&self) -> Me {
        Me {
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            role: self.role,
        }
    }

    /// The team whose cases this user reads besides their own caseload (managers only).
    pub fn managed_team(&self) -> Option<&str> {
        match self.role {
            Role::Manager => self.team.as_deref(),
            Role::Worker => None,
        }
    }
}

pub fn role_str(role: Role) -> &'static str {
    match role {
        Role::Worker => "worker",
        Role::Manager => "manager",
    }
}

pub fn parse_role(s: &str) -> Option<Role> {
    match s {
        "worker" => Some(Role::Worker),
        "manager" => Some(Role::Manager),
        _ => None,
    }
}

#[derive(Debug, thiserror::Error)]
pub enum UserError {
    #[error("a username is 1 to 64 lowercase letters, digits, '.', '_' or '-'")]
    Username,
    #[error("a display name is 1 to 200 characters")]
    DisplayName,
    #[error("a team name is 1 to 64 characters")]
    Team,
    #[error("a password needs at least {MIN_PASSWORD_CHARS} characters")]
    PasswordTooShort,
    #[error("there is already a user called '{0}'")]
    Exists(String),
    #[error("there is no user called '{0}'")]
    NoSuchUser(String),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

/// A username as stored: trimmed and lowercased, or why it is refused.
pub fn parse_username(raw: &str) -> Result<String, UserError> {
    let name = raw.trim().to_lowercase();
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    if ok {
        Ok(name)
    } else {
        Err(UserError::Username)
    }
}

/// What `user add` (and the demo) creates.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub team: Option<String>,
}

impl NewUser {
    /// Checks and normalises every field.
    pub fn parse(
        username: &str,
        display_name: &str,
        role: Role,
        team: Option<&str>,
    ) -> Result<NewUser, UserError> {
        let username = parse_username(username)?;
        let display_name = display_name.trim();
        if display_name.is_empty() || display_name.chars().count() > 200 {
            return Err(UserError::DisplayName);
        }
        let team = match team.map(str::trim) {
            None => None,
            Some(t) if !t.is_empty() && t.chars().count() <= 64 => Some(t.to_string()),
            Some(_) => return Err(UserError::Team),
        };
        Ok(NewUser {
            username,
            display_name: display_name.to_string(),
            role,
            team,
        })
    }
}

/// Inserts a user with an already computed hash (inside the caller's transaction).
pub async fn insert(
    conn: &mut AnyConnection,
    user: &NewUser,
    password_hash: &str,
) -> Result<User, UserError> {
    let result = sqlx::query(
        "INSERT INTO users (username, display_name, role, team, password_hash, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&user.username)
    .bind(&user.display_name)
    .bind(role_str(user.role))
    .bind(user.team.as_deref())
    .bind(password_hash)
    .bind(now_ms())
    .execute(conn)
    .await;
    match result {
        Ok(_) => Ok(User {
            username: user.username.clone(),
            display_name: user.display_name.clone(),
            role: user.role,
            team: user.team.clone(),
        }),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            Err(UserError::Exists(user.username.clone()))
        }
        Err(e) => Err(e.into()),
    }
}

/// Adds a user (the CLI's `user add`).
pub async fn add(
    db: &Db,
    passwords: &std::sync::Arc<Passwords>,
    user: &NewUser,
    password: &str,
) -> Result<User, UserError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(UserError::PasswordTooShort);
    }
    let hash = passwords.hash_blocking(password.to_string()).await?;
    let mut conn = db.pool.acquire().await?;
    insert(&mut conn, user, &hash).await
}

type UserRow = (String, String, String, Option<String>);

fn from_row((username, display_name, role, team): UserRow) -> Result<User, sqlx::Error> {
    let role = parse_role(&role)
        .ok_or_else(|| sqlx::Error::Decode(format!("unknown role '{role}'").into()))?;
    Ok(User {
        username,
        display_name,
        role,
        team,
    })
}

/// A user and their password hash.
pub async fn find_with_hash(
    db: &Db,
    username: &str,
) -> Result<Option<(User, String)>, sqlx::Error> {
    let row: Option<(String, String, String, Option<String>, String)> = sqlx::query_as(
        "SELECT username, display_name, role, team, password_hash FROM users WHERE username = $1",
    )
    .bind(username)
    .fetch_optional(&db.pool)
    .await?;
    row.map(|(u, d, r, t, h)| Ok((from_row((u, d, r, t))?, h)))
        .transpose()
}

/// A user, if they exist.
pub async fn find(conn: &mut AnyConnection, username: &str) -> Result<Option<User>, sqlx::Error> {
    let row: Option<UserRow> =
        sqlx::query_as("SELECT username, display_name, role, team FROM users WHERE username = $1")
            .bind(username)
            .fetch_optional(conn)
            .await?;
    row.map(from_row).transpose()
}

/// The user a session token hash belongs to, if the session has not expired.
pub async fn by_session(db: &Db, token_hash: &str, now: i64) -> Result<Option<User>, sqlx::Error> {
    let row: Option<UserRow> = sqlx::query_as(
        "SELECT u.username, u.display_name, u.role, u.team \
         FROM sessions s JOIN users u ON u.username = s.username \
         WHERE s.token_hash = $1 AND s.expires_at > $2 \
           AND NOT EXISTS (SELECT 1 FROM devices d \
                           WHERE d.device_id = s.device_id AND d.revoked_at IS NOT NULL)",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(&db.pool)
    .await?;
    row.map(from_row).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_lowercased_and_plain() {
        assert_eq!(parse_username(" Ffion ").unwrap(), "ffion");
        assert!(parse_username("ffion davies").is_err());
        assert!(parse_username("").is_err());
        assert!(parse_username("o'brien").is_err());
    }
}
