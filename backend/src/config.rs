//! Typed settings from flags and environment, with defaults that run locally: SQLite under
//! `./data`, port 8080. `DATABASE_URL=postgres://...` switches to PostgreSQL with no code change.

use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Clone, Args)]
pub struct Settings {
    /// Database URL; defaults to a SQLite file in the data directory.
    #[arg(long, env = "DATABASE_URL", global = true)]
    pub database_url: Option<String>,

    /// Address to listen on (port 0 picks a free port).
    #[arg(long, env = "VV_BIND", default_value = "127.0.0.1:8080", global = true)]
    pub bind: SocketAddr,

    /// Where the SQLite database and local files live.
    #[arg(long, env = "VV_DATA_DIR", default_value = "./data", global = true)]
    pub data_dir: PathBuf,

    /// The built frontend (Trunk's output).
    #[arg(long, env = "VV_STATIC_DIR", default_value = "./dist", global = true)]
    pub static_dir: PathBuf,

    /// Base of the links printed and sent, e.g. `https://vv.example`; defaults to the bind address.
    #[arg(long, env = "VV_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,

    /// JSON list of units `[{code, name, areas}]`; defaults to London's 12 BCUs.
    #[arg(long, env = "VV_UNITS_FILE", global = true)]
    pub units_file: Option<PathBuf>,

    /// Extra survey definition files (`<stage>.v<N>.json`) beyond the built-in ones.
    #[arg(long, env = "VV_SURVEYS_DIR", global = true)]
    pub surveys_dir: Option<PathBuf>,

    /// Days before an unused invitation expires.
    #[arg(long, env = "VV_INVITE_TTL_DAYS", default_value_t = 28, global = true)]
    pub invite_ttl_days: u32,

    /// Days free text is kept before the retention job deletes it (rollups stay).
    #[arg(
        long,
        env = "VV_TEXT_RETENTION_DAYS",
        default_value_t = 365,
        global = true
    )]
    pub text_retention_days: u32,

    /// Counts below this are hidden on every staff figure and export.
    #[arg(long, env = "VV_SUPPRESS_BELOW", default_value_t = 10, global = true, value_parser = clap::value_parser!(i64).range(1..))]
    pub suppress_below: i64,

    /// Shown counts are rounded to a multiple of this.
    #[arg(long, env = "VV_ROUND_TO", default_value_t = 5, global = true, value_parser = clap::value_parser!(i64).range(1..))]
    pub round_to: i64,

    /// Free text for a cell shows only when the cell holds at least this many comments.
    #[arg(long, env = "VV_TEXT_MIN", default_value_t = 20, global = true, value_parser = clap::value_parser!(i64).range(1..))]
    pub text_min: i64,

    /// Threads running the server's async tasks (HTTP, redaction of ordinary answers).
    /// Defaults to every core but one, which is left to the database's own threads: SQLite
    /// runs each connection on a thread of its own, and a small box often runs PostgreSQL too.
    #[arg(long, env = "VV_WORKER_THREADS", global = true, value_parser = clap::value_parser!(u16).range(1..))]
    pub worker_threads: Option<u16>,

    /// Largest request body accepted, in bytes.
    #[arg(long, env = "VV_BODY_LIMIT", default_value_t = 64 * 1024, global = true)]
    pub body_limit: usize,

    /// GOV.UK Notify API key; without one, text messages go to the local outbox instead.
    #[arg(long, env = "NOTIFY_API_KEY", hide_env_values = true, global = true)]
    pub notify_api_key: Option<Secret>,

    /// GOV.UK Notify API base URL.
    #[arg(
        long,
        env = "NOTIFY_BASE_URL",
        default_value = "https://api.notifications.service.gov.uk",
        global = true
    )]
    pub notify_base_url: String,

    /// The Notify text message template (its text must be the neutral invitation, `((link))`).
    #[arg(long, env = "NOTIFY_TEMPLATE_ID", global = true)]
    pub notify_template_id: Option<String>,

    /// London-time hours when no text message is sent, e.g. `20:00-08:00`; empty turns them off.
    #[arg(
        long,
        env = "VV_QUIET_HOURS",
        default_value = "20:00-08:00",
        global = true
    )]
    pub quiet_hours: String,

    /// Re-tag stored comments in the background with the slower, better tagger (`false` turns
    /// it off; submissions are tagged with the fast one either way).
    #[arg(
        long,
        env = "VV_REFINE_THEMES",
        default_value_t = true,
        num_args = 0..=1,
        default_missing_value = "true",
        value_parser = clap::builder::BoolishValueParser::new(),
        action = clap::ArgAction::Set,
        global = true
    )]
    pub refine_themes: bool,

    /// Key (64 hex characters) that encrypts queued phone numbers; defaults to a key file
    /// created in the data directory. Instances sharing a database need the same key.
    #[arg(long, env = "VV_QUEUE_KEY", hide_env_values = true, global = true)]
    pub queue_key: Option<Secret>,
}

/// A setting that must not be printed: `Debug` shows `Secret(..)`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(..)")
    }
}

impl std::str::FromStr for Secret {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self(s.to_string()))
    }
}

impl Settings {
    /// Settings for tests and tools: everything default except what the caller sets next.
    pub fn for_data_dir(data_dir: PathBuf) -> Self {
        Self {
            database_url: None,
            bind: "127.0.0.1:0".parse().expect("literal address"),
            data_dir,
            static_dir: PathBuf::from("./dist"),
            public_url: None,
            units_file: None,
            surveys_dir: None,
            invite_ttl_days: 28,
            text_retention_days: 365,
            suppress_below: 10,
            round_to: 5,
            text_min: 20,
            worker_threads: None,
            body_limit: 64 * 1024,
            notify_api_key: None,
            notify_base_url: "https://api.notifications.service.gov.uk".to_string(),
            notify_template_id: None,
            quiet_hours: "20:00-08:00".to_string(),
            refine_themes: true,
            queue_key: None,
        }
    }

    /// How many async worker threads to run (see `worker_threads`).
    pub fn async_workers(&self) -> usize {
        match self.worker_threads {
            Some(threads) => usize::from(threads),
            None => std::thread::available_parallelism()
                .map_or(1, |cores| cores.get().saturating_sub(1))
                .max(1),
        }
    }

    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) if !url.is_empty() => url.clone(),
            _ => format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("victim-voice.db").display()
            ),
        }
    }

    /// Base URL for links, without a trailing slash.
    pub fn public_url(&self, bound: SocketAddr) -> String {
        match &self.public_url {
            Some(url) => url.trim_end_matches('/').to_string(),
            None => format!("http://{bound}"),
        }
    }
}
