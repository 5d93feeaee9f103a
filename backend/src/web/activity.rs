//! When the server last served a request, so background work (the theme refiner) can wait for
//! a quiet moment instead of competing with victims and staff for the CPU and, on SQLite, for
//! the one write lock. Holds one timestamp: nothing about who asked or what.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The time of the last request's start or end, shared by the router's layer and the
/// background jobs that defer to it. Cheap to clone.
#[derive(Clone)]
pub struct Activity {
    inner: Arc<Clock>,
}

struct Clock {
    since: Instant,
    /// Milliseconds from `since` to the last request's start or end.
    last: AtomicU64,
}

impl Default for Activity {
    fn default() -> Self {
        Self {
            inner: Arc::new(Clock {
                since: Instant::now(),
                last: AtomicU64::new(0),
            }),
        }
    }
}

impl Activity {
    fn now_millis(&self) -> u64 {
        u64::try_from(self.inner.since.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    /// Notes a request starting or ending now.
    pub fn mark(&self) {
        self.inner
            .last
            .fetch_max(self.now_millis(), Ordering::Relaxed);
    }

    /// How long no request has started or ended.
    pub fn quiet_for(&self) -> Duration {
        let last = self.inner.last.load(Ordering::Relaxed);
        Duration::from_millis(self.now_millis().saturating_sub(last))
    }

    /// Waits until no request has started or ended for `quiet`, or for `at_most` in all,
    /// whichever comes first (under steady traffic background work is slowed, never
    /// stopped); says whether it is quiet.
    pub async fn until_quiet(&self, quiet: Duration, at_most: Duration) -> bool {
        let deadline = Instant::now() + at_most;
        loop {
            let quiet_so_far = self.quiet_for();
            let now = Instant::now();
            if quiet_so_far >= quiet {
                return true;
            }
            if now >= deadline {
                return false;
            }
            tokio::time::sleep((quiet - quiet_so_far).min(deadline - now)).await;
        }
    }
}

/// The router's layer: marks every request's start and end.
pub async fn record(State(activity): State<Activity>, request: Request, next: Next) -> Response {
    activity.mark();
    let response = next.run(request).await;
    activity.mark();
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn returns_once_requests_stop() {
        let activity = Activity::default();
        activity.mark();
        let quiet = activity
            .until_quiet(Duration::from_millis(100), Duration::from_secs(60))
            .await;
        assert!(quiet);
        assert!(activity.quiet_for() >= Duration::from_millis(100));
    }

    #[tokio::test]
    async fn under_steady_requests_returns_when_the_wait_is_up() {
        let activity = Activity::default();
        let busy = activity.clone();
        let requests = tokio::spawn(async move {
            loop {
                busy.mark();
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        });
        let started = Instant::now();
        let quiet = activity
            .until_quiet(Duration::from_secs(60), Duration::from_millis(300))
            .await;
        requests.abort();
        assert!(!quiet);
        assert!(started.elapsed() >= Duration::from_millis(300));
        assert!(activity.quiet_for() < Duration::from_secs(60));
    }
}
