//! The `homeward-server` command: `serve`, `user add`, `case assign`, `audit export`, `device …`.

use anyhow::Context;
use clap::{Args, Parser, Subcommand, ValueEnum};
use homeward_core::api::Role;
use homeward_server::db::{self, Db};
use homeward_server::password::Passwords;
use homeward_server::users::{self, NewUser};
use homeward_server::{app, cases, demo, devices, AppState, Config};
use std::io::{BufRead, IsTerminal, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use uuid::Uuid;

/// Homeward's server: the sync API and the app, on one origin.
///
/// The database is an embedded SQLite file `<data-dir>/homeward.db` unless DATABASE_URL is set to
/// a `postgres://…` URL.
#[derive(Debug, Parser)]
#[command(name = "homeward-server", version)]
struct Cli {
    /// Where the embedded database lives (ignored when DATABASE_URL is set).
    #[arg(long, global = true, default_value = "./data", value_name = "DIR")]
    data_dir: PathBuf,
    /// A postgres://… URL to use PostgreSQL instead of the embedded database.
    #[arg(
        long,
        global = true,
        env = "DATABASE_URL",
        hide_env_values = true,
        value_name = "URL"
    )]
    database_url: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the API and the built app.
    Serve(ServeArgs),
    /// Manage users.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage cases.
    #[command(subcommand)]
    Case(CaseCommand),
    /// Read the audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Manage the devices users have signed in on.
    #[command(subcommand)]
    Device(DeviceCommand),
}

#[derive(Debug, Subcommand)]
enum DeviceCommand {
    /// List devices (all, or one user's) as JSON lines, newest first.
    List {
        #[arg(long)]
        username: Option<String>,
    },
    /// Take a device out of use (lost or stolen): its escrowed key is destroyed and its sessions
    /// end; the app on it wipes its case data the next time it reaches the server.
    Revoke {
        #[arg(long = "device", value_name = "ID")]
        device_id: Uuid,
        /// Who asked for it, for the audit log.
        #[arg(long, default_value = "administrator")]
        by: String,
    },
}

#[derive(Debug, Subcommand)]
enum AuditCommand {
    /// Print a case's audit trail (who read or changed it, when, from which device, what) as
    /// JSON lines, oldest first.
    Export {
        #[arg(long = "case", value_name = "ID")]
        case_id: Uuid,
    },
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// The built app (trunk's output).
    #[arg(long, default_value = "./dist", value_name = "DIR")]
    dist: PathBuf,
    /// Seed demo users and cases if they are not there yet, and print the demo sign-ins.
    #[arg(long)]
    demo: bool,
    /// Mark the session cookie Secure (when the server is reached over https).
    #[arg(long)]
    secure_cookies: bool,
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// Add a user; the password is read from standard input (one line).
    Add {
        #[arg(long)]
        username: String,
        #[arg(long)]
        display_name: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        #[arg(long)]
        team: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum RoleArg {
    Worker,
    Manager,
}

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Role {
        match r {
            RoleArg::Worker => Role::Worker,
            RoleArg::Manager => Role::Manager,
        }
    }
}

#[derive(Debug, Subcommand)]
enum CaseCommand {
    /// Put a case on a user's caseload (it moves from whoever had it).
    Assign {
        #[arg(long = "case", value_name = "ID")]
        case_id: Uuid,
        #[arg(long)]
        username: String,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("homeward-server: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "homeward_server=info,tower_http=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let url = db::database_url(cli.database_url.as_deref(), &cli.data_dir)?;
    let db = Db::connect(&url).await?;
    match cli.command {
        Command::Serve(args) => serve(db, args).await,
        Command::User(UserCommand::Add {
            username,
            display_name,
            role,
            team,
        }) => {
            let new = NewUser::parse(&username, &display_name, role.into(), team.as_deref())?;
            let password = read_password()?;
            let passwords = Arc::new(Passwords::standard().map_err(|e| anyhow::anyhow!("{e}"))?);
            let user = users::add(&db, &passwords, &new, &password).await?;
            println!("Added {} ({}).", user.username, user.display_name);
            Ok(())
        }
        Command::Audit(AuditCommand::Export { case_id }) => {
            print_json_lines(homeward_server::audit::case_trail(&db, case_id).await?)
        }
        Command::Device(DeviceCommand::List { username }) => {
            print_json_lines(devices::list(&db, username.as_deref()).await?)
        }
        Command::Device(DeviceCommand::Revoke { device_id, by }) => {
            let row = devices::revoke(&db, device_id, &by).await?;
            println!(
                "Device {device_id} of {} is revoked: it wipes its case data on next contact.",
                row.username
            );
            Ok(())
        }
        Command::Case(CaseCommand::Assign { case_id, username }) => {
            cases::assign(&db, case_id, &username).await?;
            println!("Case {case_id} is now on {username}'s caseload.");
            Ok(())
        }
    }
}

/// One JSON object per line on standard output, for scripts and `jq`.
fn print_json_lines<T: serde::Serialize>(rows: Vec<T>) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    for row in rows {
        serde_json::to_writer(&mut out, &row)?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(())
}

fn read_password() -> anyhow::Result<String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!("Password: ");
        std::io::stderr().flush().ok();
    }
    let mut line = String::new();
    stdin
        .lock()
        .read_line(&mut line)
        .context("could not read the password from standard input")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

async fn serve(db: Db, args: ServeArgs) -> anyhow::Result<()> {
    if !args.dist.join("index.html").is_file() {
        tracing::warn!(
            dist = %args.dist.display(),
            "the app is not built here (no index.html): /api works, app pages will not"
        );
    }
    let passwords = Passwords::standard().map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut config = Config::new(&args.dist);
    config.secure_cookies = args.secure_cookies;
    let state = AppState::new(db, config, passwords);
    if args.demo && demo::seed(&state).await? {
        tracing::info!("seeded the demo users and cases");
    }
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("could not listen on {}", args.addr))?;
    let url = format!("http://{}", listener.local_addr()?);
    if args.demo {
        println!("{}", demo::banner(&url));
    } else {
        println!("Homeward is running at {url}");
    }
    axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        tokio::signal::ctrl_c().await.ok();
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
