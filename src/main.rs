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
    /// Fill the database with a realistic demo seller (main account `demo`)
    Demo(DemoArgs),
    /// Recompute Performance Data from the stored chats (after restoring a backup, say)
    RebuildPerformance(DatabaseArgs),
}

#[derive(clap::Args)]
struct DemoArgs {
    #[command(flatten)]
    db: DatabaseArgs,
    /// Password of the demo main account and its sub-accounts
    #[arg(long, default_value = "demo-password")]
    password: String,
    /// Multiplies the three weeks of conversation history
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=100))]
    scale: u32,
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
        Command::Demo(args) => {
            let url = DatabaseUrl::parse(&args.db.database_url)?;
            let pool = db::connect(&url, 2)?;
            let mut conn = pool.get()?;
            let summary = sellerdesk::demo::fill(&mut conn, &args.password, args.scale)?;
            println!(
                "Demo data ready: {} stores, {} buyer messages over the last weeks.\nSign in as `{}` with password `{}`.\n\
                 Sub-accounts (same password, asked to choose their own at first sign-in): {}",
                summary.stores,
                summary.buyer_messages,
                summary.main,
                args.password,
                summary.members.join(", ")
            );
            Ok(())
        }
        Command::RebuildPerformance(args) => {
            let url = DatabaseUrl::parse(&args.database_url)?;
            let pool = db::connect(&url, 1)?;
            let mut conn = pool.get()?;
            let (sellers, buckets) = sellerdesk::performance::rebuild::rebuild_all(&mut conn)?;
            log::info!("Performance Data rebuilt: {sellers} seller(s), {buckets} hourly tallies");
            Ok(())
        }
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
