//! The database: embedded SQLite by default, PostgreSQL when `DATABASE_URL=postgres://…`.
//!
//! Both go through sqlx's `Any` driver, so one set of queries (with `$1` placeholders, TEXT ids and
//! BIGINT millisecond times) serves both; only the migrations and how a push takes its write lock
//! differ.

use sqlx::any::AnyPoolOptions;
use sqlx::migrate::{MigrateError, Migrator};
use sqlx::{Any, AnyPool, Transaction};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// Settings of each SQLite connection (they last as long as the connection, not in the file).
///
/// A push of 1,000 changes inserts into about ten indexes keyed by random ids (change ids, case
/// ids, record ids), so it dirties a few thousand pages scattered over the file: with SQLite's
/// default cache of 2 MB the pages a push needs do not fit and are read and spilled again
/// within the push. 64 MiB holds the working set of a large caseload's indexes; it is a cap,
/// taken only as pages are read, and idle connections of the pool hold little.
///
/// WAL mode copies the log back into the database (a checkpoint, with its own fsync) when the
/// log passes `wal_autocheckpoint` pages, in the commit that passes it. At the default of 1,000
/// pages that was every commit of a push, each copying and syncing thousands of pages again;
/// at 16,384 pages (64 MiB of log) a checkpoint comes every few pushes, and a page written by
/// several of them is copied once. Durability is unchanged: `synchronous` stays at its default
/// (FULL), so each commit is synced to the log before the push is answered. (NORMAL would sync
/// only at checkpoints, and a power cut could then undo pushes already acknowledged, which the
/// device has deleted from its outbox and would never send again.)
///
/// A push writes each table in one statement of up to a thousand rows. So that such a statement
/// can be undone alone if it fails halfway, SQLite keeps a statement journal: a copy of every
/// page the statement changes, which by default goes to a temporary file once past 64 KiB. For
/// a push that was as many bytes again as it wrote to the log (18.5 MB instead of 11 per push of
/// 1,000 changes, in a replay of the bench's pushes), all of it through write system calls.
/// `temp_store = MEMORY` keeps that journal (and any other temporary data) in memory: a few MB
/// for the length of one statement. It is never needed after a crash (the log alone recovers
/// the database), so durability is unchanged.
const SQLITE_CONNECTION_PRAGMAS: [&str; 3] = [
    "PRAGMA cache_size = -65536",
    "PRAGMA wal_autocheckpoint = 16384",
    "PRAGMA temp_store = MEMORY",
];

/// Which database is behind the pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A pool and what it talks to.
#[derive(Debug, Clone)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
    /// The log's last seq when this process last had PostgreSQL's statistics of the sync tables
    /// refreshed (see [`Db::keep_statistics_up`]); negative until the first push.
    analyzed_at: Arc<AtomicI64>,
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("DATABASE_URL must start with postgres:// (or sqlite:); leave it unset for the embedded database")]
    UnknownScheme,
    #[error("could not create the data directory {path}: {source}")]
    DataDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("could not open the database: {0}")]
    Connect(#[source] sqlx::Error),
    #[error("could not prepare the database: {0}")]
    Setup(#[source] sqlx::Error),
    #[error("could not migrate the database: {0}")]
    Migrate(#[from] MigrateError),
}

/// The database URL to use: `DATABASE_URL` when set, else `<data_dir>/homeward.db` (the directory
/// is created if missing).
pub fn database_url(env_url: Option<&str>, data_dir: &Path) -> Result<String, DbError> {
    match env_url.map(str::trim).filter(|u| !u.is_empty()) {
        Some(url) => Ok(url.to_string()),
        None => {
            std::fs::create_dir_all(data_dir).map_err(|source| DbError::DataDir {
                path: data_dir.to_path_buf(),
                source,
            })?;
            Ok(format!(
                "sqlite://{}?mode=rwc",
                data_dir.join("homeward.db").display()
            ))
        }
    }
}

fn backend_of(url: &str) -> Result<Backend, DbError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Backend::Postgres)
    } else if url.starts_with("sqlite:") {
        Ok(Backend::Sqlite)
    } else {
        Err(DbError::UnknownScheme)
    }
}

impl Db {
    /// Connects and brings the schema up to date.
    pub async fn connect(url: &str) -> Result<Db, DbError> {
        sqlx::any::install_default_drivers();
        let backend = backend_of(url)?;
        let pool = AnyPoolOptions::new()
            .max_connections(match backend {
                Backend::Sqlite => 8,
                Backend::Postgres => 10,
            })
            .acquire_timeout(Duration::from_secs(30))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        for pragma in SQLITE_CONNECTION_PRAGMAS {
                            sqlx::query(pragma).execute(&mut *conn).await?;
                        }
                    }
                    Ok(())
                })
            })
            .connect(url)
            .await
            .map_err(DbError::Connect)?;
        let db = Db {
            pool,
            backend,
            analyzed_at: Arc::new(AtomicI64::new(-1)),
        };
        db.migrate().await?;
        Ok(db)
    }

    async fn migrate(&self) -> Result<(), DbError> {
        match self.backend {
            Backend::Sqlite => {
                // WAL lets readers (pulls) go on while a push writes; the setting stays in the file.
                sqlx::query("PRAGMA journal_mode = WAL")
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(DbError::Setup)?;
                SQLITE_MIGRATIONS.run(&self.pool).await?;
            }
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&self.pool).await?,
        }
        Ok(())
    }

    /// A transaction that holds the sync write lock from its first statement until it ends, so
    /// pushes are applied one at a time and log seqs become visible in order (a pull can then
    /// never skip a seq that commits later).
    pub async fn begin_write(&self) -> Result<Transaction<'static, Any>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => {
                let mut tx = self.pool.begin().await?;
                sqlx::query("LOCK TABLE changes IN EXCLUSIVE MODE")
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(POSTGRES_PUSH_PLANNING)
                    .execute(&mut *tx)
                    .await?;
                Ok(tx)
            }
        }
    }
}

impl Db {
    /// Called after a push that took the log to `last_seq`: on PostgreSQL, refreshes the
    /// planner's statistics of the sync tables (in the background) each time the log has doubled
    /// since this process last did.
    ///
    /// A push looks its changes up by key (`entity = $1 AND entity_id IN (…)`, and the like),
    /// which is quick only if the planner knows the ids are unique. It learns that from ANALYZE,
    /// and autovacuum runs ANALYZE only once a minute at most, after a tenth of a table changed:
    /// tables that grow quickly (a new server taking in a caseload, a device's backlog) are left
    /// with no statistics or those of a far smaller table. The planner then matches the first
    /// key column in the index and tests each row found against the whole list of ids, so a push
    /// took time in proportion to the size of the table (0.4 s per push of 1,000 changes at
    /// 30,000 changes, and growing). Doubling keeps the estimates within a factor of two at the
    /// cost of about log2(changes) ANALYZE runs, each reading a sample of at most 3,000 rows
    /// per table ([`STATISTICS_SAMPLE`]). SQLite plans from its indexes alone and needs none of
    /// this.
    pub fn keep_statistics_up(&self, last_seq: i64) {
        if self.backend != Backend::Postgres {
            return;
        }
        let before = self.analyzed_at.load(Ordering::Relaxed);
        let due = if before < 0 {
            // The first push since start: the statistics may be of any age, so refresh once.
            true
        } else {
            last_seq >= before.saturating_mul(2).max(MIN_ANALYZED_GROWTH)
        };
        if !due
            || self
                .analyzed_at
                .compare_exchange(before, last_seq, Ordering::Relaxed, Ordering::Relaxed)
                .is_err()
        {
            return;
        }
        let pool = self.pool.clone();
        tokio::spawn(async move {
            let analyzed = async {
                let mut tx = pool.begin().await?;
                sqlx::query(STATISTICS_SAMPLE).execute(&mut *tx).await?;
                sqlx::query("ANALYZE changes, field_heads, records, cases, conflicts, audit")
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await
            };
            if let Err(e) = analyzed.await {
                tracing::warn!("could not refresh the sync tables' statistics: {e}");
            }
        });
    }
}

/// How PostgreSQL plans the statements of a push, for the length of its transaction only (the
/// other holders of the write lock, the demo seed and a case assignment, read by key too).
///
/// A push reads what it needs by key, a few hundred keys a statement (`case_id IN (…)` and the
/// like), and every one of those columns is indexed. Priced with the default random page cost
/// (4, for spinning disks) and with every key assumed to exist, probing an index a few hundred
/// times looks dearer to the planner than reading the whole table, until the table holds a few
/// hundred thousand rows: so until then each push read all of `field_heads` and `cases` (at
/// 60,000 changes about 50 ms and 10 ms of each push, and growing with the tables), although
/// the keys of a new case are in neither. With sequential scans priced out and random reads
/// priced as on an SSD or from memory (1.1, the usual setting there), the same statements
/// probe the primary keys instead (about 4 ms and 2 ms). A scan is still used where no index
/// serves (`last_seq` reads the log's sequence); only the choice of plan changes, never a result.
///
/// Such a scan is priced at ten billion, far past `jit_above_cost`, and PostgreSQL would then
/// compile the statement with LLVM on every push, which costs more than the whole push (seen in
/// a profile): the JIT pays off only for long analytic queries, never for a push's key lookups
/// and inserts, so it is off for these transactions.
const POSTGRES_PUSH_PLANNING: &str = "SELECT set_config('enable_seqscan', 'off', true), \
                                      set_config('random_page_cost', '1.1', true), \
                                      set_config('jit', 'off', true)";

/// The sample [`Db::keep_statistics_up`] reads: 3,000 rows a table, not the default 30,000.
/// What the plans of a push and a pull hinge on (how big each table is, that ids are unique, the
/// spread of seqs) shows as well in the smaller sample, which took a fifth of the time to read
/// (pg_stat_statements over the ingest benchmark) and keeps the lists of common values short, so
/// a statement with a few hundred keys in `IN (…)` (each key priced against those lists) plans
/// in a fifth of the time too. Autovacuum's own ANALYZE, later, takes the default sample again.
const STATISTICS_SAMPLE: &str = "SET LOCAL default_statistics_target = 10";

/// Fewest changes in the log before [`Db::keep_statistics_up`] analyzes again after its first run.
const MIN_ANALYZED_GROWTH: i64 = 1_000;

/// A query through the `Any` driver.
pub type AnyQuery<'q> = sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>;

/// Most bind parameters put in one statement: SQLite's limit as sqlx builds it in (its `sqlite`
/// feature compiles SQLite 3.32 or later, whose default is 32,766; PostgreSQL allows 65,535), so
/// a push of 1,000 changes writes each table in one or two statements. It was 999, SQLite's limit
/// before 3.32, which cut a push into about 40 statements, each a round trip to PostgreSQL.
pub const MAX_PARAMS: usize = 32_766;

/// How a statement built at run time writes its bind parameters.
///
/// PostgreSQL needs `$1, $2, …`. SQLite takes those too, but sqlx binds each parameter of a
/// statement by asking SQLite for its name, and SQLite finds a numbered parameter's name by a
/// walk along the list of all of them: binding a statement of n numbered parameters costs n²/2
/// steps, which for the multi-row statements of a push (close to 999 parameters each) was a
/// quarter of the server's time. Anonymous `?` parameters have no name to look up and bind in
/// order, so SQLite gets those.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marks {
    /// `$1, $2, …`
    Numbered,
    /// `?, ?, …`, bound in the order they appear.
    Anonymous,
}

impl Marks {
    /// The marks for statements on `conn`.
    pub fn of(conn: &sqlx::AnyConnection) -> Marks {
        if is_postgres(conn) {
            Marks::Numbered
        } else {
            Marks::Anonymous
        }
    }

    /// Parameters `first, first+1, …` for `n` parameters, comma-separated. A statement must
    /// write all its parameters with one kind of mark, in the order they are bound.
    pub fn params(self, first: usize, n: usize) -> String {
        let mut s = String::with_capacity(n * 6);
        for i in first..first + n {
            if i > first {
                s.push_str(", ");
            }
            match self {
                Marks::Numbered => {
                    s.push('$');
                    s.push_str(&i.to_string());
                }
                Marks::Anonymous => s.push('?'),
            }
        }
        s
    }

    /// `(p1, …, p_columns), (p_columns+1, …), …` for `rows` rows.
    pub fn values(self, columns: usize, rows: usize) -> String {
        let mut s = String::with_capacity(rows * (columns * 6 + 4));
        for r in 0..rows {
            if r > 0 {
                s.push_str(", ");
            }
            s.push('(');
            s.push_str(&self.params(1 + r * columns, columns));
            s.push(')');
        }
        s
    }
}

/// Inserts `rows` in multi-row statements: `{insert} VALUES (…), (…) {tail}`, each row's
/// `columns` values bound by `bind`.
pub async fn insert_rows<T>(
    conn: &mut sqlx::AnyConnection,
    insert: &str,
    tail: &str,
    columns: usize,
    rows: &[T],
    bind: impl for<'q> Fn(AnyQuery<'q>, &T) -> AnyQuery<'q>,
) -> Result<(), sqlx::Error> {
    let marks = Marks::of(conn);
    for chunk in rows.chunks(MAX_PARAMS / columns) {
        let sql = format!(
            "{insert} VALUES {} {tail}",
            marks.values(columns, chunk.len())
        );
        let mut query = sqlx::query(&sql);
        for row in chunk {
            query = bind(query, row);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Whether the connection is to PostgreSQL (else SQLite).
pub fn is_postgres(conn: &sqlx::AnyConnection) -> bool {
    conn.backend_name().eq_ignore_ascii_case("postgresql")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_parameters_are_numbered_in_order() {
        assert_eq!(Marks::Numbered.params(2, 3), "$2, $3, $4");
        assert_eq!(Marks::Numbered.values(2, 2), "($1, $2), ($3, $4)");
    }

    #[test]
    fn sqlite_parameters_are_anonymous_so_binding_them_needs_no_name_lookup() {
        assert_eq!(Marks::Anonymous.params(2, 3), "?, ?, ?");
        assert_eq!(Marks::Anonymous.values(2, 2), "(?, ?), (?, ?)");
    }
}
