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

    /// Largest request body accepted, in bytes.
    #[arg(long, env = "VV_BODY_LIMIT", default_value_t = 64 * 1024, global = true)]
    pub body_limit: usize,
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
            body_limit: 64 * 1024,
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
