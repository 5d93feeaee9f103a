//! Building the application: database ready (migrated, units seeded, surveys published), the
//! router assembled, the listener bound. Tests bind port 0 and read the bound port back.

use crate::config::Settings;
use crate::routes;
use crate::services::corrections::LiveTagger;
use crate::services::{surveys, units};
use crate::state::AppState;
use crate::storage;
use crate::web::{self, assets};
use anyhow::Context;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use sea_orm::DatabaseConnection;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use tower::ServiceExt;

/// Connects, migrates, seeds the default units into an empty database and publishes surveys.
pub async fn prepare_database(settings: &Settings) -> anyhow::Result<DatabaseConnection> {
    if settings.database_url.as_deref().unwrap_or("").is_empty() {
        std::fs::create_dir_all(&settings.data_dir)
            .with_context(|| format!("creating data dir {}", settings.data_dir.display()))?;
    }
    let db = storage::connect(&settings.database_url())
        .await
        .context("connecting to the database")?;
    storage::migrate(&db).await.context("running migrations")?;
    // Responses stored just before a crash, not yet counted: count them before serving.
    let folded = crate::services::rollups::fold_pending_now(&db)
        .await
        .context("folding stored responses into the rollups")?;
    if folded > 0 {
        tracing::info!(folded, "counted responses stored before the last stop");
    }
    units::seed_if_empty(
        &db,
        &units::read_units_file(settings.units_file.as_deref())?,
    )
    .await?;
    surveys::publish(
        &db,
        &surveys::load_definitions(settings.surveys_dir.as_deref())?,
    )
    .await?;
    Ok(db)
}

pub fn router(state: AppState) -> Router {
    let static_files = assets::static_files(&state.settings.static_dir)
        .not_found_service(get(index_not_found).with_state(state.clone()));
    let csp = assets::content_security_policy(&[&state.index, &state.staff_index]);
    let body_limit = state.settings.body_limit;
    let activity = state.activity.clone();
    let app = routes::api_router()
        .route("/", get(index_ok))
        .route("/staff", get(staff_page))
        .route("/staff/", get(staff_page))
        .route("/staff/{*path}", get(staff_page))
        .fallback_service(static_files)
        .with_state(state);
    web::apply_layers(app, body_limit, &csp, activity)
}

async fn index_ok(State(state): State<AppState>) -> Response {
    state.index.response(StatusCode::OK)
}

/// The staff app's page for its client-side routes; its files (names with an extension) come
/// from `dist/staff/` like any other asset.
async fn staff_page(State(state): State<AppState>, request: Request) -> Response {
    let is_asset = request
        .uri()
        .path()
        .rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'));
    if is_asset {
        let files = assets::static_files(&state.settings.static_dir);
        match files.oneshot(request).await {
            Ok(response) => response.map(axum::body::Body::new),
            Err(never) => match never {},
        }
    } else {
        state.staff_index.response(StatusCode::OK)
    }
}

async fn index_not_found(State(state): State<AppState>) -> Response {
    state.index.response(StatusCode::NOT_FOUND)
}

pub struct Application {
    listener: TcpListener,
    router: Router,
    address: SocketAddr,
    state: AppState,
}

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let db = prepare_database(&settings).await?;
        Self::build_with_db(settings, db).await
    }

    pub async fn build_with_db(settings: Settings, db: DatabaseConnection) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(settings.bind)
            .await
            .with_context(|| format!("binding {}", settings.bind))?;
        let address = listener.local_addr()?;
        let index = Arc::new(assets::FrontendIndex::load(
            &settings.static_dir.join("index.html"),
        ));
        let staff_index = Arc::new(assets::FrontendIndex::load(
            &settings.static_dir.join("staff").join("index.html"),
        ));
        let public_url = settings.public_url(address);
        let sms = crate::services::sms::Sms::from_settings(db.clone(), &settings, &public_url)?;
        let thresholds = crate::services::suppression::Thresholds {
            count_min: settings.suppress_below,
            round_to: settings.round_to,
            text_min: settings.text_min,
        };
        let tagger = Arc::new(
            LiveTagger::load(&db)
                .await
                .context("learning from staff corrections")?,
        );
        let activity = crate::web::activity::Activity::default();
        // Here rather than with the other jobs in `serve`, so the tests' apps run it when on.
        if settings.refine_themes {
            crate::services::refine::spawn(db.clone(), tagger.clone(), activity.clone())
                .context("starting the theme refiner")?;
        }
        // The writers get connections of their own: on SQLite the one a writer keeps for its
        // batches keeps its page cache between them unless another connection commits (each
        // commit elsewhere invalidates it); its WAL checkpoints run on the app's pool.
        let writers = crate::services::responses::writer_connections(db.get_database_backend());
        let writer_db = storage::connect_writers(&settings.database_url(), writers)
            .await
            .context("connecting the submission writers")?;
        let submissions = crate::services::responses::Submissions::start(writer_db, db.clone());
        let state = AppState {
            db,
            tagger,
            settings: Arc::new(settings),
            index,
            staff_index,
            public_url: public_url.into(),
            thresholds,
            sms,
            submissions,
            activity,
        };
        Ok(Self {
            listener,
            router: router(state.clone()),
            address,
            state,
        })
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    pub fn port(&self) -> u16 {
        self.address.port()
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    pub fn public_url(&self) -> &str {
        self.state.public_url()
    }

    /// Serves until SIGTERM or Ctrl-C, letting requests in flight finish.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        // Connect info gives the rate limiter a per-client key; it is never logged or stored.
        let service = self
            .router
            .into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(self.listener, service)
            .with_graceful_shutdown(shutdown_signal())
            .await
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
