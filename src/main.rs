use std::net::TcpListener;

use anyhow::Context;
use clap::{Parser, Subcommand};
use sellerdesk::config::{DatabaseArgs, ServeArgs};
use sellerdesk::db::{self, DatabaseUrl};

#[derive(Parser)]
#[command(
    name = "sellerdesk",
    version,
    about = "Customer-service back office for marketplace sellers"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web app (the default)
    Serve(ServeArgs),
    /// Apply pending database migrations and exit
    Migrate(DatabaseArgs),
}

fn main() -> anyhow::Result<()> {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
    let cli = Cli::parse();
    // No subcommand means `serve` with its defaults and SELLERDESK_* variables.
    let command = match cli.command {
        Some(command) => command,
        None => Cli::try_parse_from(["sellerdesk", "serve"])?
            .command
            .context("serve takes no required flags")?,
    };
    match command {
        Command::Serve(args) => serve(args),
        Command::Migrate(args) => {
            let url = DatabaseUrl::parse(&args.database_url)?;
            let applied = db::migrate(&url)?;
            log::info!(
                "{applied} migration(s) applied to the {} database",
                url.backend.name()
            );
            Ok(())
        }
    }
}

#[actix_web::main]
async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let state = sellerdesk::prepare(&args)?;
    let listener =
        TcpListener::bind(&args.bind).with_context(|| format!("cannot bind {}", args.bind))?;
    let where_ = match state.backend {
        db::Backend::Sqlite => format!(
            "SQLite database {}",
            DatabaseUrl::parse(&args.db.database_url)?.target
        ),
        db::Backend::Postgres => "PostgreSQL".to_string(),
    };
    log::info!(
        "Sellerdesk listening on http://{} with the {where_}",
        listener.local_addr()?
    );
    sellerdesk::serve(state, listener, args.workers)?.await?;
    Ok(())
}
