//! Accepting connections within bounds: a cap on open connections per client address and in
//! all, and a deadline for each request's headers (which also ends a keep-alive connection left
//! idle), so that sockets opened and left silent cannot use up the process's files.
use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use ipnet::IpNet;
use tokio::net::TcpListener;
use tower::Service;

/// How long a client has to send a request's headers, counted from the connection's start or
/// from the end of the previous response (an idle keep-alive connection is closed after it).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// The bounds on connections.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Open connections from one client address (a browser opens six at most; an office behind
    /// one address has a few dozen people).
    pub per_address: usize,
    /// Open connections in all: below the process's limit of open files, which the database
    /// also needs.
    pub total: usize,
    /// Balancers and proxies in front of Pasos: many users arrive through each, so no
    /// per-address cap applies to them.
    pub trusted_proxies: Vec<IpNet>,
}

impl Limits {
    /// `PASOS_MAX_CONNECTIONS_PER_ADDRESS` (default 64) and a total of three quarters of the
    /// process's open-file limit, less what the database keeps open.
    pub fn from_env(trusted_proxies: Vec<IpNet>) -> Self {
        let per_address =
            std::env::var("PASOS_MAX_CONNECTIONS_PER_ADDRESS").ok().and_then(|v| v.parse().ok()).filter(|n| *n > 0).unwrap_or(64);
        Self { per_address, total: (open_file_limit().saturating_sub(64) * 3 / 4).max(16), trusted_proxies }
    }
}

/// The soft limit on open files of this process (`ulimit -n`), 1024 when it cannot be read.
fn open_file_limit() -> usize {
    let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: getrlimit only writes into the struct it is given.
    let read = unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0;
    if read { usize::try_from(limit.rlim_cur).unwrap_or(usize::MAX).min(1 << 20) } else { 1024 }
}

/// Open connections per client address; a connection holds its place until dropped.
#[derive(Clone, Default)]
struct OpenPerAddress(Arc<Mutex<HashMap<IpAddr, usize>>>);

struct Place {
    open: OpenPerAddress,
    address: IpAddr,
}

impl OpenPerAddress {
    fn take(&self, address: IpAddr, cap: usize) -> Option<Place> {
        let mut open = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let n = open.entry(address).or_default();
        if *n >= cap {
            return None;
        }
        *n += 1;
        Some(Place { open: self.clone(), address })
    }
}

impl Drop for Place {
    fn drop(&mut self) {
        let mut open = self.open.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(n) = open.get_mut(&self.address) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.address);
            }
        }
    }
}

/// Serves `app` on `listener` (HTTP/1.1) until `shutdown` completes, then lets the requests in
/// flight finish (for up to ten seconds). A connection over a cap is closed as soon as it is
/// accepted, before a byte of it is read.
pub async fn serve(listener: TcpListener, app: Router, limits: Limits, shutdown: impl Future<Output = ()>) -> std::io::Result<()> {
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let open = OpenPerAddress::default();
    let total = Arc::new(tokio::sync::Semaphore::new(limits.total));
    let mut make = app.into_make_service_with_connect_info::<SocketAddr>();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (tcp, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of files or a connection reset before it was accepted: wait a moment.
                    tracing::warn!(error = %e, "no se pudo aceptar una conexión");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(permit) = Arc::clone(&total).try_acquire_owned() else {
            tracing::warn!(%peer, "conexión rechazada: límite total de conexiones");
            continue;
        };
        let proxy = limits.trusted_proxies.iter().any(|net| net.contains(&peer.ip()));
        let Some(place) = open.take(peer.ip(), if proxy { usize::MAX } else { limits.per_address }) else {
            tracing::debug!(%peer, "conexión rechazada: límite de conexiones por dirección");
            continue;
        };
        // TCP_NODELAY: a response written in two parts (headers, then a file's body) must not wait
        // for the client's delayed acknowledgement (40 ms per static file without it).
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!(error = %e, "sin TCP_NODELAY");
        }
        let Ok(service) = make.call(peer).await;
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(HEADER_TIMEOUT)
            .serve_connection(TokioIo::new(tcp), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(error = %e, "conexión terminada");
            }
            drop((place, permit));
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(Duration::from_secs(10)) => tracing::warn!("peticiones sin terminar al apagar"),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_per_address_are_capped_and_given_back() {
        let open = OpenPerAddress::default();
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        let b: IpAddr = "10.0.0.2".parse().unwrap();
        let first = open.take(a, 2).unwrap();
        let _second = open.take(a, 2).unwrap();
        assert!(open.take(a, 2).is_none(), "a third from the same address");
        assert!(open.take(b, 2).is_some(), "another address is not affected");
        drop(first);
        assert!(open.take(a, 2).is_some(), "a closed connection gives its place back");
    }

    #[test]
    fn the_total_stays_below_the_file_limit() {
        let limits = Limits::from_env(Vec::new());
        assert!(limits.total < open_file_limit() && limits.total >= 16, "{limits:?}");
    }
}
