//! The scheduled task inside the server. Every `PASOS_SCHEDULE_SECONDS` each instance: tries to
//! take the lease of the scheduled work and, holding it, makes the notices due (a consultation
//! closing within three days, a line of a work plan overdue) and fills the outbox (immediate
//! messages, the day's digests); then, with e-mail on, sends the messages it claims. The lease
//! and the claims live in the database, so any number of instances share the work and send each
//! message once; an instance that stops holding them (it died) is replaced when they expire.
use std::time::Duration as StdDuration;

use chrono::{DateTime, Utc};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::store::{MailQueue, OutgoingMail, Store};

/// The hour (Lima) of the daily digest when `PASOS_MAIL_DIGEST_HOUR` is not set.
pub const DEFAULT_DIGEST_HOUR: u32 = 7;
/// How often the scheduled task runs when `PASOS_SCHEDULE_SECONDS` is not set.
pub const DEFAULT_EVERY: StdDuration = StdDuration::from_secs(30);
/// Messages an instance claims per run.
const CLAIM_BATCH: usize = 20;
/// The lease of the scheduled work.
const LEASE: &str = "avisos";

/// How this deployment sends e-mail (`PASOS_SMTP_URL`, `PASOS_MAIL_FROM`, `PASOS_MAIL_REPLY_TO`,
/// `PASOS_PUBLIC_URL` for the links, `PASOS_MAIL_DIGEST_HOUR`). The SMTP address may carry a
/// password, so it is not printed.
#[derive(Clone)]
pub struct MailSettings {
    /// `smtp://user:password@host:587?tls=required`, `smtps://host:465` or `smtp://127.0.0.1:2525`.
    pub smtp_url: String,
    pub from: Mailbox,
    pub reply_to: Option<Mailbox>,
    pub queue: MailQueue,
}

impl std::fmt::Debug for MailSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailSettings").field("from", &self.from.to_string()).field("queue", &self.queue).finish_non_exhaustive()
    }
}

impl MailSettings {
    /// From the environment: none while `PASOS_SMTP_URL` is unset or empty; an error (said in
    /// Spanish) when it is set and something it needs is missing or unreadable. `site` is the
    /// address links point to when `PASOS_PUBLIC_URL` is not set.
    pub fn from_env(site: &str) -> Result<Option<Self>, String> {
        let var = |k: &str| std::env::var(k).ok().map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let Some(smtp_url) = var("PASOS_SMTP_URL") else { return Ok(None) };
        let t = crate::i18n::t();
        AsyncSmtpTransport::<Tokio1Executor>::from_url(&smtp_url).map_err(|_| t.bad_mail_setting("PASOS_SMTP_URL"))?;
        let from = var("PASOS_MAIL_FROM").ok_or_else(|| t.bad_mail_setting("PASOS_MAIL_FROM"))?;
        let from: Mailbox = from.parse().map_err(|_| t.bad_mail_setting("PASOS_MAIL_FROM"))?;
        let reply_to = var("PASOS_MAIL_REPLY_TO").map(|r| r.parse::<Mailbox>()).transpose().map_err(|_| t.bad_mail_setting("PASOS_MAIL_REPLY_TO"))?;
        let digest_hour = match var("PASOS_MAIL_DIGEST_HOUR") {
            Some(h) => h.parse::<u32>().ok().filter(|h| *h < 24).ok_or_else(|| t.bad_mail_setting("PASOS_MAIL_DIGEST_HOUR"))?,
            None => DEFAULT_DIGEST_HOUR,
        };
        let base_url = var("PASOS_PUBLIC_URL").unwrap_or_else(|| format!("http://{site}"));
        Ok(Some(MailSettings { smtp_url, from, reply_to, queue: MailQueue { base_url: base_url.trim_end_matches('/').to_string(), digest_hour } }))
    }
}

/// How often the scheduled task runs (`PASOS_SCHEDULE_SECONDS`, 1 to 3600; 30 by default).
pub fn every_from_env() -> Result<StdDuration, String> {
    match std::env::var("PASOS_SCHEDULE_SECONDS").ok().filter(|v| !v.trim().is_empty()) {
        Some(s) => s
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|s| (1..=3600).contains(s))
            .map(StdDuration::from_secs)
            .ok_or_else(|| crate::i18n::t().bad_mail_setting("PASOS_SCHEDULE_SECONDS")),
        None => Ok(DEFAULT_EVERY),
    }
}

/// One instance's share of the scheduled work: its name in leases and claims, and how it sends.
pub struct Worker {
    store: Store,
    holder: String,
    every: StdDuration,
    mail: Option<(MailSettings, AsyncSmtpTransport<Tokio1Executor>)>,
}

impl Worker {
    pub fn new(store: Store, mail: Option<MailSettings>, every: StdDuration) -> Result<Self, String> {
        let mail = match mail {
            Some(settings) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&settings.smtp_url)
                    .map_err(|_| crate::i18n::t().bad_mail_setting("PASOS_SMTP_URL"))?
                    .timeout(Some(StdDuration::from_secs(30)))
                    .build();
                Some((settings, transport))
            }
            None => None,
        };
        // Unique across instances and restarts.
        let holder = format!("{}-{}", std::process::id(), &crate::store::credentials::new_key()[..12]);
        Ok(Worker { store, holder, every, mail })
    }

    /// Runs for as long as the server does.
    pub async fn run(self) {
        let mut ticks = tokio::time::interval(self.every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            self.once(Utc::now()).await;
        }
    }

    /// One run at `now`: the scheduled work if this instance holds the lease, then the sending.
    /// Failures are logged and left for the next run.
    pub async fn once(&self, now: DateTime<Utc>) {
        // Held for three runs: a holder that stops is replaced after that.
        let until = now + chrono::Duration::from_std(self.every * 3).unwrap_or(chrono::Duration::seconds(90));
        let mut wrote = 0;
        match self.store.take_lease(LEASE, &self.holder, now, until).await {
            Ok(true) => {
                // A notice counts its reader's unread up, which counts `stamp:sessions` (migration 0022).
                if let Err(e) = self.store.scheduled_notices(now).await {
                    tracing::warn!(error = %e, "no se pudieron preparar los avisos programados");
                }
                if let Some((settings, _)) = &self.mail {
                    match self.store.queue_mail(&settings.queue, now).await {
                        Ok(n) => wrote += n,
                        Err(e) => tracing::warn!(error = %e, "no se pudieron preparar los correos"),
                    }
                }
            }
            Ok(false) => {}
            Err(e) => tracing::warn!(error = %e, "no se pudo leer el turno de los avisos programados"),
        }
        if let Some((settings, transport)) = &self.mail {
            wrote += self.send(settings, transport, now).await;
        }
        // The outbox shows the messages this run made and sent (`web::copies`).
        if wrote > 0 {
            if let Err(e) = self.store.count_write().await {
                tracing::warn!(error = %e, "no se pudo contar lo que escribió el envío");
            }
        }
    }

    /// Sends what this instance claimed; how many it claimed (each then recorded sent or failed).
    async fn send(&self, settings: &MailSettings, transport: &AsyncSmtpTransport<Tokio1Executor>, now: DateTime<Utc>) -> usize {
        let claimed = match self.store.claim_mail(&self.holder, now, CLAIM_BATCH).await {
            Ok(c) => c,
            Err(e) => {
                tracing::warn!(error = %e, "no se pudieron tomar correos por enviar");
                return 0;
            }
        };
        let count = claimed.len();
        for mail in claimed {
            let outcome = match letter(settings, &mail) {
                Ok(message) => transport.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
                Err(e) => Err(e),
            };
            let recorded = match outcome {
                Ok(()) => self.store.mail_sent(&mail.id, &self.holder, now).await,
                Err(error) => {
                    tracing::warn!(error, to = %mail.to, "no se pudo enviar un correo");
                    self.store.mail_failed(&mail, &self.holder, &error, now).await
                }
            };
            if let Err(e) = recorded {
                tracing::warn!(error = %e, "no se pudo anotar el envío de un correo");
            }
        }
        count
    }
}

/// The message to send: text and HTML alternatives, from the deployment's sender.
fn letter(settings: &MailSettings, mail: &OutgoingMail) -> Result<Message, String> {
    let to: Mailbox = mail.to.parse().map_err(|_| crate::i18n::t().bad_recipient(&mail.to))?;
    let mut builder = Message::builder().from(settings.from.clone()).to(to).subject(mail.subject.clone());
    if let Some(r) = &settings.reply_to {
        builder = builder.reply_to(r.clone());
    }
    builder.multipart(MultiPart::alternative_plain_html(mail.text.clone(), mail.html.clone())).map_err(|e| e.to_string())
}
