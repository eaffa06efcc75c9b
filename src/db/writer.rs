//! The one SQLite writer (docs/ARCHITECTURE.md, "One SQLite writer"). SQLite lets one
//! connection write at a time; with writers on many pooled connections, all but one
//! sleep in the busy handler. Here one thread owns the write connection and takes
//! operations from a queue: whatever is queued when it is free runs in one
//! transaction, each operation in a savepoint of its own (a failing one rolls back
//! alone), and every caller hears its result only after the commit.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc;

use diesel::Connection;
use diesel::result::{DatabaseErrorKind, Error as DbErr};
use tokio::sync::oneshot;

use super::{DatabaseUrl, DbConnection, establish};

/// How many operations may wait for the writer before callers are told it is busy.
const QUEUE: usize = 4096;
/// The most operations one transaction takes.
const MAX_BATCH: usize = 256;

/// Why the writer did not run an operation.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The queue is full or the writer is gone: try again in a moment.
    #[error("the database writer is busy")]
    Busy,
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// An operation for the writer: run it (in a savepoint) and keep its result until the
/// transaction is over. A failure of the savepoint itself comes back beside the result:
/// the batch's transaction cannot go on.
trait Task: Send {
    fn run(self: Box<Self>, conn: &mut DbConnection) -> (Box<dyn Finish>, Option<DbErr>);
}

/// A result waiting for its transaction's outcome.
trait Finish: Send {
    fn committed(self: Box<Self>);
    fn failed(self: Box<Self>, why: &DbErr);
}

struct Job<F, T, E> {
    op: F,
    reply: oneshot::Sender<Result<T, E>>,
}

struct Outcome<T, E> {
    result: Result<T, E>,
    reply: oneshot::Sender<Result<T, E>>,
}

impl<F, T, E> Task for Job<F, T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
    T: Send + 'static,
    E: From<DbErr> + Send + 'static,
{
    fn run(self: Box<Self>, conn: &mut DbConnection) -> (Box<dyn Finish>, Option<DbErr>) {
        let Job { op, reply } = *self;
        let (result, broken) = match super::savepoint_checked(conn, op) {
            Ok(result) => (result, None),
            Err(e) => (Err(E::from(copy_of(&e))), Some(e)),
        };
        (Box::new(Outcome { result, reply }), broken)
    }
}

impl<T: Send, E: From<DbErr> + Send> Finish for Outcome<T, E> {
    fn committed(self: Box<Self>) {
        // A caller that went away (a closed connection) needs no answer.
        let _ = self.reply.send(self.result);
    }

    fn failed(self: Box<Self>, why: &DbErr) {
        let _ = self.reply.send(Err(E::from(copy_of(why))));
    }
}

/// A database error to hand to several callers (diesel's errors cannot be cloned).
fn copy_of(e: &DbErr) -> DbErr {
    DbErr::DatabaseError(DatabaseErrorKind::Unknown, Box::new(e.to_string()))
}

#[derive(Clone)]
pub struct Writer {
    queue: mpsc::SyncSender<Box<dyn Task>>,
}

impl Writer {
    /// Opens the write connection and starts the writer; `committed` runs after every
    /// commit (it wakes the event hub).
    pub fn start(
        url: &DatabaseUrl,
        committed: impl Fn() + Send + 'static,
    ) -> Result<Writer, super::DbError> {
        if url.target == ":memory:" {
            // Each connection would have a database of its own: the writer's writes
            // would never reach the pool's reads.
            return Err(super::DbError::UnsupportedUrl(url.target.clone()));
        }
        let conn = establish(url)?;
        let (queue, jobs) = mpsc::sync_channel::<Box<dyn Task>>(QUEUE);
        let url = url.clone();
        std::thread::Builder::new()
            .name("sellerdesk-writer".into())
            .spawn(move || write_loop(conn, &url, &jobs, &committed))
            .map_err(|e| super::DbError::Pool(format!("cannot start the writer: {e}")))?;
        Ok(Writer { queue })
    }

    /// Runs `op` in its own savepoint of the writer's next transaction; the result
    /// arrives once that transaction is committed (or failed).
    pub async fn run<F, T, E>(&self, op: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DbErr> + From<WriteError> + Send + 'static,
    {
        let (reply, answer) = oneshot::channel();
        let job: Box<dyn Task> = Box::new(Job { op, reply });
        self.queue.try_send(job).map_err(|_| WriteError::Busy)?;
        answer.await.map_err(|_| WriteError::Busy)?
    }
}

fn write_loop(
    mut conn: DbConnection,
    url: &DatabaseUrl,
    jobs: &mpsc::Receiver<Box<dyn Task>>,
    committed: &dyn Fn(),
) {
    while let Ok(first) = jobs.recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match jobs.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        let mut pending: Vec<Box<dyn Finish>> = Vec::with_capacity(batch.len());
        let ran = catch_unwind(AssertUnwindSafe(|| {
            conn.transaction::<_, DbErr, _>(|c| {
                // Take the write lock first, so another process writing now (an
                // operator's command) is waited for instead of failing a lock upgrade.
                super::take_write_lock(c)?;
                for job in batch.drain(..) {
                    let (outcome, broken) = job.run(c);
                    pending.push(outcome);
                    if let Some(e) = broken {
                        // The jobs not yet run are dropped: their callers hear "busy".
                        return Err(e);
                    }
                }
                Ok(())
            })
        }));
        match ran {
            Ok(Ok(())) => {
                for outcome in pending {
                    outcome.committed();
                }
                committed();
            }
            Ok(Err(e)) => {
                log::error!("database writer: a transaction failed: {e}");
                for outcome in pending {
                    outcome.failed(&e);
                }
            }
            Err(_) => {
                // A panic left the connection in an unknown state: its callers hear
                // "busy" (their answers are dropped) and the writer starts afresh.
                log::error!("database writer: an operation panicked; reconnecting");
                drop(pending);
                conn = reconnect(url);
            }
        }
    }
}

/// A fresh write connection, tried again every second until the database answers
/// (meanwhile the queue fills and callers hear "busy").
fn reconnect(url: &DatabaseUrl) -> DbConnection {
    loop {
        match establish(url) {
            Ok(conn) => return conn,
            Err(e) => {
                log::error!("database writer: cannot reconnect: {e}");
                std::thread::sleep(std::time::Duration::from_secs(1));
            }
        }
    }
}
