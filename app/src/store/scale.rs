//! A national workload for benchmarks and load tests, `scale` times over (`Workload::national`):
//! per unit, 20 policies whose nine steps have 30 revisions each, 60 rounds (the first with 2,000
//! contributions on one step; all on the first policy's Entregable 1, whose matriz de aportes then
//! has every contribution), 20,000 answered contributions and 500 accounts, on top of the demo's
//! jurisdictions.
//! Deterministic for a given seed (texts, regions, answers and dates depend only on it); bulk
//! writes run inside the database, one statement per batch.
use chrono::{DateTime, Duration, TimeZone, Utc};
use surrealdb::types::RecordId;

use super::ids::{policy_id, step_id};
use crate::domain::PolicyStart;
use super::{Store, StoreError};
use crate::domain::Author;
use crate::domain::rounds::NewRound;
use crate::domain::{Policy, RoundKind};

/// How much to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Workload {
    pub policies: u32,
    /// Revisions of each step.
    pub revisions: u32,
    pub rounds: u32,
    pub contributions: u32,
    /// Contributions on the first round's first step (included in `contributions`).
    pub big_round: u32,
    pub users: u32,
}

impl Workload {
    /// `scale` units of a national workload.
    pub fn national(scale: u32) -> Self {
        Workload { policies: 20 * scale, revisions: 30, rounds: 60 * scale, contributions: 20_000 * scale, big_round: 2_000, users: 500 * scale }
    }
}

/// What the scale seed wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScaleReport {
    pub policies: u32,
    pub revisions: u32,
    pub rounds: u32,
    pub contributions: u32,
    pub users: u32,
    /// The round with `BIG_ROUND` contributions on one step, for the benchmark.
    pub big_round: String,
}

/// The phases the progress callback is told about: (phase, done, total).
pub const PHASES: [&str; 4] = ["cuentas", "políticas y revisiones", "rondas", "aportes"];

/// A small deterministic generator (SplitMix64): the same seed, the same dataset.
struct Mix(u64);

impl Mix {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % below.max(1)
    }
}

const TOPICS: [&str; 5] = ["trabajo infantil", "trabajo forzoso", "empleo juvenil", "seguridad y salud en el trabajo", "formalización laboral"];

/// A step text of a few kilobytes, as policy teams write them.
fn step_text(policy: u32, step: u8, mix: &mut Mix) -> String {
    let mut text = format!("## Paso {step} de la política {policy}\n\n");
    for p in 0..(6 + mix.next(6)) {
        text.push_str(&format!(
            "El diagnóstico {p} identifica que el {}% de la población objetivo en la región {} no accede a los servicios \
             previstos. La evidencia proviene de la ENAHO y de registros administrativos del sector; se requiere \
             **coordinación intergubernamental** y seguimiento anual de los indicadores.\n\n",
            10 + mix.next(60),
            1 + mix.next(25)
        ));
    }
    text.push_str("| Indicador | Línea de base | Meta 2030 |\n|---|---|---|\n| Tasa de cobertura | 42,1 | 65,0 |\n");
    text
}

impl Store {
    /// Writes `scale` units of the national workload (see the module), after the demo data.
    pub async fn seed_scale(&self, w: Workload, seed: u64, demo_password: &str, mut progress: impl FnMut(&str, u64, u64)) -> Result<ScaleReport, StoreError> {
        self.seed_demo(demo_password).await?;
        let mut mix = Mix(seed);
        let base: DateTime<Utc> = Utc.with_ymd_and_hms(2024, 1, 8, 14, 0, 0).single().expect("a valid date");
        let jurisdictions: Vec<String> = self.jurisdictions().await?.into_iter().map(|j| j.ubigeo).collect();
        let offset = mix.next(jurisdictions.len() as u64) as usize;
        let regions: Vec<String> = (0..jurisdictions.len()).map(|i| jurisdictions[(i + offset) % jurisdictions.len()].clone()).collect();
        let mut report = ScaleReport::default();
        let by = Author::System("datos de escala");

        // Accounts: one password hash for all (argon2id is deliberately slow).
        let users = w.users;
        let hash = crate::store::credentials::hash_password(demo_password).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        for start in (0..users).step_by(250) {
            let numbers: Vec<i64> = (start..(start + 250).min(users)).map(i64::from).collect();
            self.db
                .query(
                    "FOR $n IN $numbers {
                         CREATE type::record('user', 'escala-' + <string>$n) CONTENT {
                             email: 'participante' + <string>$n + '@escala.pasos.pe', name: 'Participante ' + <string>$n,
                             password_hash: $hash, organisation: 'Dirección Regional de Trabajo', jurisdiction: $regions[$n % array::len($regions)],
                             roles: ['participante'], policies: []
                         };
                     };",
                )
                .bind(("numbers", numbers))
                .bind(("hash", hash.clone()))
                .bind(("regions", regions.clone()))
                .await?
                .check()?;
            report.users = (start + 250).min(users);
            progress(PHASES[0], report.users.into(), users.into());
        }

        // Policies, each step with `REVISIONS` revisions, each deliverable frozen once.
        let policies = w.policies;
        for p in 0..policies {
            let code = format!("ESC{p:04}");
            let bodies: Vec<(u8, String)> = (1..=9).map(|s| (s, step_text(p, s, &mut mix))).collect();
            let policy = Policy {
                code: code.clone(),
                name: format!("Política Nacional de prueba de escala {p} al 2030"),
                topic: TOPICS[(p as usize) % TOPICS.len()].to_string(),
                rector_sector: "Trabajo y Promoción del Empleo".into(),
                responsible_unit: Some("Dirección de prueba".into()),
                start_resolution: None,
                horizon_year: Some(2030),
            };
            self.create_policy_with(policy, PolicyStart { states: Vec::new(), bodies: bodies.clone(), events: Vec::new() }).await?;
            for (step, body) in &bodies {
                let numbers: Vec<i64> = (2..=w.revisions).map(i64::from).collect();
                self.db
                    .query(
                        "FOR $n IN $numbers {
                             CREATE type::record('revision', $code + '-' + <string>$step + '-' + <string>$n) CONTENT {
                                 policy: $pid, step: $step, number: $n, body: $body + '\n\nAjuste ' + <string>$n + '.',
                                 summary: 'Revisión ' + <string>$n, author: NONE, author_name: 'Equipo de la política',
                                 created_at: $base + <duration>(<string>$n + 'd')
                             };
                         };
                         UPDATE $sid SET body = $body + '\n\nAjuste ' + <string>$last + '.', revision = $last, updated_by = 'Equipo de la política', updated_at = $base;",
                    )
                    .bind(("numbers", numbers))
                    .bind(("code", code.clone()))
                    .bind(("step", i64::from(*step)))
                    .bind(("pid", policy_id(&code)))
                    .bind(("sid", step_id(&code, *step)))
                    .bind(("body", body.clone()))
                    .bind(("last", i64::from(w.revisions)))
                    .bind(("base", base))
                    .await?
                    .check()?;
            }
            for d in 1..=5u8 {
                self.freeze_version(&code, d, "Versión para consulta", None, &by).await?.map_err(|e| StoreError::Corrupt(format!("{e:?}")))?;
            }
            report.policies += 1;
            report.revisions += 9 * w.revisions;
            progress(PHASES[1], (p + 1).into(), policies.into());
        }

        // Rounds: regional consultations on version 1, spread over policies and deliverables.
        let rounds = w.rounds;
        let mut ids = Vec::with_capacity(rounds as usize);
        for r in 0..rounds {
            // One national consultation process: every round on the first policy's Entregable 1,
            // so its matriz de aportes gathers every contribution.
            let (code, deliverable) = ("ESC0000".to_string(), 1u8);
            let steps: Vec<u8> = crate::domain::steps_of(deliverable).map(|s| s.number).collect();
            let opens = base + Duration::days(i64::from(r));
            let round = NewRound {
                kind: RoundKind::ConsultaRegional,
                title: format!("Consulta regional {r} del entregable {deliverable}"),
                version: 1,
                steps: steps.clone(),
                opens,
                closes: opens + Duration::days(30),
                jurisdictions: regions.clone(),
                organisations: Vec::new(),
                users: Vec::new(),
            };
            ids.push((self.create_round(&code, deliverable, &round, &by, false).await?, steps[0]));
            report.rounds += 1;
            progress(PHASES[2], (r + 1).into(), rounds.into());
        }
        report.big_round = ids[0].0.clone();

        // Contributions, answered: `BIG_ROUND` on the first round's first step, the rest spread.
        let total = w.contributions;
        let per_round = (total - w.big_round).div_ceil(rounds.saturating_sub(1).max(1));
        let mut written = 0u32;
        for (i, (id, step)) in ids.iter().enumerate() {
            let count = if i == 0 { w.big_round } else { per_round.min(total - written) };
            for start in (1..=count).step_by(500) {
                let numbers: Vec<i64> = (start..=(start + 499).min(count)).map(i64::from).collect();
                let shift = mix.next(4) as i64;
                self.db
                    .query(
                        "LET $change = (UPDATE ONLY $rid SET changes += 1 RETURN VALUE changes);
                         FOR $n IN $numbers {
                             CREATE contribution CONTENT {
                                 round: $rid, number: $n, parent: NONE,
                                 author: type::record('user', 'escala-' + <string>(($n + $shift) % $users)),
                                 author_name: 'Participante ' + <string>(($n + $shift) % $users),
                                 organisation: 'Dirección Regional de Trabajo', jurisdiction: $regions[$n % array::len($regions)],
                                 channel: 'plataforma', step: $step, anchor: NONE, passage: NONE,
                                 body: 'Se sugiere precisar la meta ' + <string>$n + ' del indicador de cobertura y su fuente en la región.',
                                 received_on: NONE, source_document: NONE, recorded_by: NONE, illustrative: false,
                                 created_at: $base + <duration>(<string>$n + 'm'),
                                 answer: $answers[($n + $shift) % 4],
                                 justification: 'Se revisó con el equipo y se incorporó en la revisión siguiente.',
                                 answered_by: 'Equipo de la política', answered_at: $base + <duration>(<string>$n + 'h'),
                                 change: $change
                             };
                         };",
                    )
                    .bind(("numbers", numbers))
                    .bind(("rid", RecordId::new("round", id.as_str())))
                    .bind(("shift", shift))
                    .bind(("users", i64::from(users.max(1))))
                    .bind(("regions", regions.clone()))
                    .bind(("step", i64::from(*step)))
                    .bind(("base", base))
                    .bind(("answers", vec!["acogido", "acogido_parcialmente", "no_acogido", "no_corresponde"]))
                    .await?
                    .check()?;
                written += (start + 499).min(count) - start + 1;
                progress(PHASES[3], written.into(), total.into());
            }
        }
        report.contributions = written;
        Ok(report)
    }
}
