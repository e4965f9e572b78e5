//! What an instance keeps in memory of what it read, and why each copy is current. Several
//! instances serve behind a balancer, and any of them may write: a copy is used only while a
//! counter the database keeps itself (in the writer's own transaction, whichever instance wrote)
//! says nothing changed since it was read.
//!
//! | copy (field of `Store`) | key | current while | the counter, fed by |
//! |---|---|---|---|
//! | a round's contributions (`contributions`) | round id | the round's `changes` is not above the count kept; when it is, only the contributions stamped above the count are read again | each contribution and answer counts it up in its transaction and stamps what it wrote with the count reached (`add_contribution`, `answer_contribution`; migrations 0009, 0021) |
//! | a round's figures: contributions and unanswered (`figures`) | round id | the same; counted from the round's kept contributions when there are any | the same |
//! | a policy's deliverables and history (`policies`) | policy code | the policy's `changes` equals the count kept | events `policy_changes_deliverable`, `policy_changes_step`, `policy_changes_event` (migration 0010) |
//! | every policy's detail, for the dashboard (`overview`) | `""` | `stamp:policies` equals the count kept | event `policies_changes` on `policy` (migration 0010) |
//! | a frozen version's texts (`frozen`) | `CODE-DELIVERABLE-NUMBER` | always: a frozen version never changes | – |
//! | a live session with its user (`sessions`) | the token's digest | `stamp:sessions` equals the count kept, and the session was seen within the minute | events `sessions_changes_session` (a session deleted) and `sessions_changes_user` (an account changed, its unread notices included) (migration 0022) |
//!
//! Outside the store, `web::copies` keeps whole pages the same way, at `stamp:writes` and
//! `stamp:sessions` (`Store::counters`).
//!
//! The header's unread count is not a copy: it is `user.unread`, kept by the event `unread_notice`
//! (migration 0010), read with the session and kept with it.
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};

/// Copies of what was read, by key, each under the count it was read at; shared by every clone of
/// the store. When `limit` entries are kept it starts again rather than track their use.
pub(super) struct Kept<V> {
    entries: Arc<Mutex<HashMap<String, (i64, V)>>>,
    limit: usize,
    /// First reads of a key take turns: the others wait for the copy instead of reading too.
    loading: Turns,
}

impl<V: Clone> Kept<V> {
    pub(super) fn new(limit: usize) -> Self {
        Self { entries: Default::default(), limit, loading: Turns::default() }
    }

    pub(super) fn get(&self, key: &str, current: &impl Fn(i64) -> bool) -> Option<V> {
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        entries.get(key).filter(|(count, _)| current(*count)).map(|(_, v)| v.clone())
    }

    /// Keeps `value` as read at `count`, unless a copy read at a later count is kept already (two
    /// requests that read at once finish in either order; counts only go up).
    pub(super) fn keep(&self, key: &str, count: i64, value: V) {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if entries.get(key).is_some_and(|(kept, _)| *kept > count) {
            return;
        }
        if entries.len() >= self.limit {
            entries.clear();
        }
        entries.insert(key.to_string(), (count, value));
    }

    /// The copy of `key` when `current` says the count it was kept under is current; otherwise
    /// `load` reads it (giving the count read just before it, which it is kept under). `load` is
    /// handed the stale copy and its count, when there is one, so that it may read only what
    /// changed since. A key never read before is read by one request while the others with it
    /// wait for its copy (sixteen first views of a round at once each read all 2,000
    /// contributions: the round page's p99); later reads do not take turns, since while writers
    /// keep counting up, a queue of readers would each wait for a read already too old for them.
    pub(super) async fn current_or_load<E, F, Fut>(&self, key: &str, current: impl Fn(i64) -> bool, load: F) -> Result<V, E>
    where
        F: FnOnce(Option<(i64, V)>) -> Fut,
        Fut: Future<Output = Result<(i64, V), E>>,
    {
        if let Some(v) = self.get(key, &current) {
            return Ok(v);
        }
        let first = !self.entries.lock().unwrap_or_else(PoisonError::into_inner).contains_key(key);
        let turn = self.loading.of(key);
        let _turn = if first { Some(turn.lock().await) } else { None };
        let stale = {
            let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
            match entries.get(key) {
                Some((count, v)) if current(*count) => return Ok(v.clone()),
                kept => kept.cloned(),
            }
        };
        let (count, value) = load(stale).await?;
        self.keep(key, count, value.clone());
        Ok(value)
    }
}

impl<V> Clone for Kept<V> {
    fn clone(&self) -> Self {
        Self { entries: Arc::clone(&self.entries), limit: self.limit, loading: self.loading.clone() }
    }
}

/// One lock per key for work that takes turns within this process (shared by every clone of the
/// store); locks nobody holds are dropped once there are many.
#[derive(Clone, Default)]
pub(super) struct Turns(Arc<Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>>);

impl Turns {
    /// The lock of `key`, to be awaited.
    pub(super) fn of(&self, key: &str) -> Arc<tokio::sync::Mutex<()>> {
        let mut locks = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if locks.len() > 1024 {
            locks.retain(|_, l| Arc::strong_count(l) > 1);
        }
        Arc::clone(locks.entry(key.to_string()).or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_copy_serves_while_its_count_is_current() {
        let kept: Kept<&str> = Kept::new(8);
        let load = |count: i64, value: &'static str| move |_| async move { Ok::<_, ()>((count, value)) };
        assert_eq!(kept.current_or_load("r", |c| c >= 3, load(3, "leído a las 3")).await, Ok("leído a las 3"));
        assert_eq!(kept.current_or_load("r", |c| c >= 3, load(9, "otra vez")).await, Ok("leído a las 3"), "from memory");
        assert_eq!(kept.current_or_load("r", |c| c >= 4, load(4, "leído a las 4")).await, Ok("leído a las 4"), "a newer count reads again");
        let since = kept.current_or_load("r", |c| c >= 5, |stale| async move { Ok::<_, ()>((5, if stale == Some((4, "leído a las 4")) { "desde 4" } else { "todo" })) });
        assert_eq!(since.await, Ok("desde 4"), "the stale copy is handed to the load");
    }

    #[tokio::test]
    async fn it_starts_again_past_its_limit() {
        let kept: Kept<u8> = Kept::new(2);
        for (i, key) in ["a", "b", "c"].iter().enumerate() {
            kept.current_or_load(key, |_| true, |_| async move { Ok::<_, ()>((0, i as u8)) }).await.unwrap();
        }
        assert_eq!(kept.entries.lock().unwrap().len(), 1);
    }
}
