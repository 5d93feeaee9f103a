//! The `victim-voice` command: `serve` (default), `migrate`, `invite`.

use backend::services::{advocacy, auth, demo, invitations, retention};
use backend::{startup, telemetry, Application, Settings};
use clap::{Parser, Subcommand};
use shared::{Channel, Stage};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Debug, Parser)]
#[command(
    name = "victim-voice",
    version,
    about = "Anonymous feedback from victims of stalking"
)]
struct Cli {
    #[command(flatten)]
    settings: Settings,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the app (the default).
    Serve {
        /// Load demo data into an empty database and print a demo invitation link.
        #[arg(long)]
        demo: bool,
    },
    /// Run pending database migrations and exit.
    Migrate,
    /// Create one invitation and print its link as the last line; with --phone (or --csv),
    /// text it instead through the configured sender (GOV.UK Notify, or the local outbox).
    Invite {
        #[arg(long)]
        stage: Stage,
        /// Unit code, e.g. CE.
        #[arg(long)]
        unit: String,
        /// A UK mobile number to text the invitation to (needs --safe-contact-confirmed).
        #[arg(long, conflicts_with = "csv")]
        phone: Option<String>,
        /// A CSV file of UK mobile numbers, one per row (`-` reads standard input).
        #[arg(long)]
        csv: Option<std::path::PathBuf>,
        /// Confirms that a text message is safe for each person (required with --phone/--csv).
        #[arg(long)]
        safe_contact_confirmed: bool,
    },
    /// List the SMS queue and the offline outbox (where messages go without NOTIFY_API_KEY).
    SmsOutbox,
    /// Create the first admin (or another admin); the password is read from standard input.
    CreateAdmin {
        #[arg(long)]
        email: String,
    },
    /// Create an advocacy service and print its reusable link `/a/{code}` as the last line.
    AdvocateLink {
        #[arg(long)]
        name: String,
    },
    /// Redact and theme free text: one comment per line on standard input, one JSON object
    /// per line on standard output: {"redacted": "...", "themes": [{"id", "polarity"}]}.
    Analyse,
    /// Delete free text older than the retention period now (the server also does this
    /// every six hours).
    PurgeText,
}

mod sms_cli;

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(cli.settings.async_workers())
        .enable_all()
        .build()?
        .block_on(run(cli))
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    telemetry::init();
    match cli.command.unwrap_or(Command::Serve { demo: false }) {
        Command::Serve { demo } => serve(cli.settings, demo).await,
        Command::Migrate => {
            startup::prepare_database(&cli.settings).await?;
            println!("migrations applied");
            Ok(())
        }
        Command::Analyse => analyse_stdin(),
        Command::CreateAdmin { email } => {
            let db = startup::prepare_database(&cli.settings).await?;
            let mut password = String::new();
            std::io::stdin().read_line(&mut password)?;
            let new = shared::NewStaffUser {
                email,
                password: password.trim_end_matches(['\r', '\n']).to_string(),
                role: shared::StaffRole::Admin,
                unit_code: None,
                advocacy_code: None,
            };
            if let Err(errors) = validator::Validate::validate(&new) {
                anyhow::bail!("{:?}", shared::error::from_validation_errors(&errors));
            }
            let created = auth::create_user(&db, &new)
                .await
                .map_err(|e| anyhow::anyhow!("could not create the admin: {e:?}"))?;
            println!("created admin {}", created.email);
            Ok(())
        }
        Command::AdvocateLink { name } => {
            let db = startup::prepare_database(&cli.settings).await?;
            let service = advocacy::create(&db, &name)
                .await
                .map_err(|e| anyhow::anyhow!("could not create the advocate link: {e:?}"))?;
            println!(
                "{}/a/{}",
                cli.settings.public_url(cli.settings.bind),
                service.code
            );
            Ok(())
        }
        Command::PurgeText => {
            let db = startup::prepare_database(&cli.settings).await?;
            let deleted = retention::purge_old_text(&db, cli.settings.text_retention_days).await?;
            println!(
                "deleted {deleted} comments older than {} days",
                cli.settings.text_retention_days
            );
            Ok(())
        }
        Command::SmsOutbox => sms_cli::outbox(&cli.settings).await,
        Command::Invite {
            stage,
            unit,
            phone,
            csv,
            safe_contact_confirmed,
        } if phone.is_some() || csv.is_some() => {
            sms_cli::invite(
                &cli.settings,
                stage,
                &unit,
                phone,
                csv,
                safe_contact_confirmed,
            )
            .await
        }
        Command::Invite { stage, unit, .. } => {
            let db = startup::prepare_database(&cli.settings).await?;
            let issued = invitations::issue(
                &db,
                stage,
                &unit,
                Channel::Link,
                cli.settings.invite_ttl_days,
            )
            .await
            .map_err(|e| anyhow::anyhow!("could not create the invitation: {e:?}"))?;
            println!(
                "{}/s/{}",
                cli.settings.public_url(cli.settings.bind),
                issued.token.as_str()
            );
            Ok(())
        }
    }
}

/// Reads bytes, not strings, so a line that is not UTF-8 is analysed (lossily) rather than
/// ending the run. A batch job, so it uses the encoder tagger (`Tagger::analyse_refined`),
/// the one whose themes staff see once the background refiner has passed.
fn analyse_stdin() -> anyhow::Result<()> {
    use std::io::{BufRead, Write};
    let tagger = analysis::Tagger::default();
    let stdin = std::io::stdin().lock();
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    for line in stdin.split(b'\n') {
        let line = line?;
        let text = String::from_utf8_lossy(&line);
        let analysis = tagger.analyse_refined(text.trim_end_matches('\r'));
        serde_json::to_writer(&mut stdout, &analysis)?;
        stdout.write_all(b"\n")?;
    }
    stdout.flush()?;
    Ok(())
}

async fn serve(settings: Settings, demo: bool) -> anyhow::Result<()> {
    let app = Application::build(settings).await?;
    let sms = app.state().sms.clone();
    tracing::info!(offline = sms.is_offline(), "SMS sender started");
    backend::services::sms::sender::spawn(sms);
    retention::spawn_job(
        app.state().db.clone(),
        app.state().settings.text_retention_days,
    );
    // Picks up corrections made on other instances and forgets text retention deleted.
    backend::services::corrections::spawn_refresh(
        app.state().db.clone(),
        app.state().tagger.clone(),
    );
    if demo {
        let loaded = demo::load_if_empty(&app.state().db, &app.state().tagger.current()).await?;
        if loaded > 0 {
            tracing::info!(responses = loaded, "loaded demo data");
        }
        let settings = &app.state().settings;
        let issued = invitations::issue(
            &app.state().db,
            Stage::Investigation,
            "CE",
            Channel::Link,
            settings.invite_ttl_days,
        )
        .await
        .map_err(|e| anyhow::anyhow!("could not create the demo invitation: {e:?}"))?;
        println!(
            "Demo invitation (single use): {}/s/{}",
            app.public_url(),
            issued.token.as_str()
        );
        if let Some(service) = advocacy::all(&app.state().db).await?.first() {
            println!(
                "Demo advocate link (reusable): {}/a/{}",
                app.public_url(),
                service.code
            );
        }
        println!(
            "Demo staff pages: {}/staff/ (sign in as {} with the password \"{}\")",
            app.public_url(),
            demo::DEMO_STAFF.join(", "),
            demo::DEMO_STAFF_PASSWORD
        );
    }
    tracing::info!(address = %app.address(), "listening");
    app.run_until_stopped().await?;
    Ok(())
}
