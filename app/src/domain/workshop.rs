//! Workshops (*talleres*) of a policy: the call — title, day or days, modality, place or link,
//! purpose, the frozen version and steps discussed, who was convened — the attendance list (name,
//! position, entity and its type, region, sex; personal data, read by the team and managers only),
//! the minutes (*acta*, Markdown), the counts of who attended, and the sentence the progress report
//! says of it. Contributions received in a workshop are contributions of a round with the channel
//! *taller*, tied to the workshop; they are answered in the round like any other.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::event::{DatePrecision, EventDate};
use super::text::folded;

/// How a workshop is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Modality {
    Presencial,
    Virtual,
    /// Some in the room, some connected.
    Semipresencial,
}

impl Modality {
    pub const ALL: [Modality; 3] = [Modality::Presencial, Modality::Virtual, Modality::Semipresencial];

    pub fn key(self) -> &'static str {
        match self {
            Modality::Presencial => "presencial",
            Modality::Virtual => "virtual",
            Modality::Semipresencial => "semipresencial",
        }
    }

    pub fn from_key(key: &str) -> Option<Modality> {
        Modality::ALL.into_iter().find(|m| m.key() == key)
    }
}

/// The kind of entity an attendee comes from, as the ministry's attendance sheets classify it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityType {
    /// A ministry or national public body.
    GobiernoNacional,
    /// A regional government (GORE) or its directorate (D/GRTPE), a regional committee (CDRPETI).
    GobiernoRegional,
    /// A provincial or district municipality.
    GobiernoLocal,
    /// A constitutionally autonomous body (Defensoría, Ministerio Público…).
    OrganismoAutonomo,
    SociedadCivil,
    /// Workers' unions and federations.
    OrganizacionTrabajadores,
    /// Employers' associations and companies.
    SectorEmpleador,
    Academia,
    CooperacionInternacional,
    Otro,
}

impl EntityType {
    pub const ALL: [EntityType; 10] = [
        EntityType::GobiernoNacional,
        EntityType::GobiernoRegional,
        EntityType::GobiernoLocal,
        EntityType::OrganismoAutonomo,
        EntityType::SociedadCivil,
        EntityType::OrganizacionTrabajadores,
        EntityType::SectorEmpleador,
        EntityType::Academia,
        EntityType::CooperacionInternacional,
        EntityType::Otro,
    ];

    pub fn key(self) -> &'static str {
        match self {
            EntityType::GobiernoNacional => "gobierno_nacional",
            EntityType::GobiernoRegional => "gobierno_regional",
            EntityType::GobiernoLocal => "gobierno_local",
            EntityType::OrganismoAutonomo => "organismo_autonomo",
            EntityType::SociedadCivil => "sociedad_civil",
            EntityType::OrganizacionTrabajadores => "organizacion_trabajadores",
            EntityType::SectorEmpleador => "sector_empleador",
            EntityType::Academia => "academia",
            EntityType::CooperacionInternacional => "cooperacion_internacional",
            EntityType::Otro => "otro",
        }
    }

    pub fn from_key(key: &str) -> Option<EntityType> {
        EntityType::ALL.into_iter().find(|e| e.key() == key)
    }
}

/// Sex as an attendance sheet records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Sex {
    Femenino,
    Masculino,
}

impl Sex {
    pub const ALL: [Sex; 2] = [Sex::Femenino, Sex::Masculino];

    pub fn key(self) -> &'static str {
        match self {
            Sex::Femenino => "femenino",
            Sex::Masculino => "masculino",
        }
    }

    pub fn from_key(key: &str) -> Option<Sex> {
        Sex::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// A workshop as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workshop {
    pub title: String,
    /// Its (first) day; a workshop known from a report only to the month keeps that precision.
    pub date: EventDate,
    /// The last day of a workshop of several days.
    pub last_day: Option<NaiveDate>,
    /// None: not recorded.
    pub modality: Option<Modality>,
    /// The place, or the link of a virtual session.
    pub place: Option<String>,
    /// What it was for, as the clause after "con el fin de" ("validar la situación futura deseada").
    pub purpose: Option<String>,
    /// The frozen version discussed: (deliverable, version).
    pub version: Option<(u8, u32)>,
    /// The steps discussed.
    pub steps: Vec<u8>,
    /// The round its contributions are recorded in.
    pub round: Option<String>,
    /// The regions convened (ubigeo codes).
    pub jurisdictions: Vec<String>,
    /// The organisations convened, as written ("D/GRTPE y CDRPETI").
    pub organisations: Option<String>,
}

impl Workshop {
    /// Its last day: the one recorded, else its first day (the month's last day when the first
    /// is known only to the month).
    pub fn ends(&self) -> NaiveDate {
        self.last_day.unwrap_or_else(|| self.date.end())
    }

    /// Whether it had taken place by `day` (a call recorded ahead has not).
    pub fn held_by(&self, day: NaiveDate) -> bool {
        self.ends() <= day
    }
}

/// A workshop with its id, policy, minutes and who recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopInfo {
    pub id: String,
    pub policy_code: String,
    pub workshop: Workshop,
    /// The *acta*, Markdown; empty until written.
    pub minutes: String,
    /// How many times the acta was saved (a form carries the one it was opened on).
    pub minutes_version: u32,
    /// How many times the call was corrected (likewise).
    pub call_version: u32,
    pub recorded_by: String,
}

/// The workshop form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkshopInput {
    pub title: String,
    pub starts: String,
    pub ends: String,
    pub modality: String,
    pub place: String,
    pub purpose: String,
    /// "2-3": version 3 of deliverable 2; empty for none.
    pub version: String,
    pub steps: Vec<String>,
    pub round: String,
    pub jurisdictions: Vec<String>,
    pub organisations: String,
}

/// A round a workshop may record its contributions in: its id, deliverable, frozen version and steps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundChoice {
    pub id: String,
    pub deliverable: u8,
    pub version: Option<u32>,
    pub steps: Vec<u8>,
    pub label: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum WorkshopError {
    MissingTitle,
    TooLong,
    BadDate,
    BadEndDate,
    BadModality,
    BadVersion,
    BadRound,
    /// The version chosen is not the round's.
    RoundOtherVersion,
    BadStep,
    UnknownJurisdiction,
    /// The acta changed since this form was opened.
    MinutesChanged,
    MinutesTooLong,
    /// The call was corrected by someone else since this form was opened.
    CallChanged,
    /// Contributions received in the workshop are recorded in its round, dated its first day:
    /// the round and the first day stay.
    HasContributions,
}

impl WorkshopError {
    pub const ALL: [WorkshopError; 14] = [
        Self::MissingTitle,
        Self::TooLong,
        Self::BadDate,
        Self::BadEndDate,
        Self::BadModality,
        Self::BadVersion,
        Self::BadRound,
        Self::RoundOtherVersion,
        Self::BadStep,
        Self::UnknownJurisdiction,
        Self::MinutesChanged,
        Self::MinutesTooLong,
        Self::CallChanged,
        Self::HasContributions,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Self::MissingTitle => "taller_sin_titulo",
            Self::TooLong => "taller_muy_largo",
            Self::BadDate => "taller_fecha",
            Self::BadEndDate => "taller_fecha_fin",
            Self::BadModality => "taller_modalidad",
            Self::BadVersion => "taller_version",
            Self::BadRound => "taller_ronda",
            Self::RoundOtherVersion => "taller_ronda_otra_version",
            Self::BadStep => "taller_paso",
            Self::UnknownJurisdiction => "taller_region",
            Self::MinutesChanged => "acta_cambiada",
            Self::MinutesTooLong => "acta_muy_larga",
            Self::CallChanged => "convocatoria_cambiada",
            Self::HasContributions => "taller_con_aportes",
        }
    }

    pub fn from_key(key: &str) -> Option<WorkshopError> {
        Self::ALL.into_iter().find(|e| e.key() == key)
    }
}

/// Longest title, place and organisations (characters); longest purpose; longest acta.
pub const MAX_FIELD: usize = 300;
pub const MAX_PURPOSE: usize = 1_000;
pub const MAX_MINUTES: usize = 50_000;
/// A workshop lasts at most this many days; it is recorded at most a year ahead (a call).
pub const MAX_DAYS: i64 = 31;
pub const MAX_AHEAD_DAYS: i64 = 366;

/// A short field as typed, on one line and without invisible characters; empty is none.
fn optional(s: &str) -> Option<String> {
    Some(super::text::one_line(s)).filter(|s| !s.is_empty())
}

/// "2-3" → (2, 3).
pub fn version_choice(s: &str) -> Option<(u8, u32)> {
    let (n, v) = s.split_once('-')?;
    Some((n.parse().ok()?, v.parse().ok()?))
}

/// A workshop as the form says it, checked against what the policy has: its frozen `versions`
/// (deliverable, version), its `rounds`, the `known` regions; `today` bounds the dates (a call
/// may be recorded ahead). With a round and no version, the version discussed is the round's.
pub fn check_workshop(input: &WorkshopInput, versions: &[(u8, u32)], rounds: &[RoundChoice], known: &[String], today: NaiveDate) -> Result<Workshop, WorkshopError> {
    let title = super::text::one_line(&input.title);
    let title = title.as_str();
    if title.is_empty() {
        return Err(WorkshopError::MissingTitle);
    }
    if [title, input.place.trim(), input.organisations.trim()].iter().any(|s| s.chars().count() > MAX_FIELD) || input.purpose.trim().chars().count() > MAX_PURPOSE {
        return Err(WorkshopError::TooLong);
    }
    let day = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
    let first = day(&input.starts)
        .filter(|d| *d >= super::event::EARLIEST_DATE && (*d - today).num_days() <= MAX_AHEAD_DAYS)
        .ok_or(WorkshopError::BadDate)?;
    let last_day = match input.ends.trim() {
        "" => None,
        s => Some(day(s).filter(|d| *d >= first && (*d - first).num_days() < MAX_DAYS).ok_or(WorkshopError::BadEndDate)?),
    }
    .filter(|d| *d != first);
    let modality = match input.modality.as_str() {
        "" => None,
        k => Some(Modality::from_key(k).ok_or(WorkshopError::BadModality)?),
    };
    let round = match input.round.as_str() {
        "" => None,
        id => Some(rounds.iter().find(|r| r.id == id).ok_or(WorkshopError::BadRound)?),
    };
    let version = match input.version.as_str() {
        "" => round.and_then(|r| r.version.map(|v| (r.deliverable, v))),
        s => Some(version_choice(s).filter(|v| versions.contains(v)).ok_or(WorkshopError::BadVersion)?),
    };
    if let (Some(r), Some((n, v))) = (round, version) {
        if r.deliverable != n || r.version.is_some_and(|rv| rv != v) {
            return Err(WorkshopError::RoundOtherVersion);
        }
    }
    let deliverable = version.map(|v| v.0).or(round.map(|r| r.deliverable));
    let mut steps = Vec::new();
    for s in &input.steps {
        let step = s.parse::<u8>().ok().filter(|s| (1..=9).contains(s)).ok_or(WorkshopError::BadStep)?;
        if deliverable.is_some_and(|n| super::method::deliverable_of_step(step) != Some(n)) {
            return Err(WorkshopError::BadStep);
        }
        if !steps.contains(&step) {
            steps.push(step);
        }
    }
    steps.sort_unstable();
    let mut jurisdictions: Vec<String> = Vec::new();
    for j in &input.jurisdictions {
        if !known.contains(j) {
            return Err(WorkshopError::UnknownJurisdiction);
        }
        if !jurisdictions.contains(j) {
            jurisdictions.push(j.clone());
        }
    }
    let purpose = optional(&input.purpose).map(|p| {
        // The clause follows "con el fin de": no capital, no closing full stop.
        let p = p.trim_end_matches('.').trim_start_matches(|c: char| c == '-' || c.is_whitespace()).to_string();
        let mut chars = p.chars();
        match chars.next() {
            Some(c) if chars.clone().next().is_some_and(char::is_lowercase) => c.to_lowercase().chain(chars).collect(),
            _ => p,
        }
    });
    Ok(Workshop {
        title: title.to_string(),
        date: EventDate::exact(first),
        last_day,
        modality,
        place: optional(&input.place),
        purpose: purpose.filter(|p| !p.is_empty()),
        version,
        steps,
        round: round.map(|r| r.id.clone()),
        jurisdictions,
        organisations: optional(&input.organisations),
    })
}

/// The acta as saved, if the form was opened on the version in force (`base`) and it fits.
pub fn check_minutes(text: &str, base: &str, current: u32) -> Result<String, WorkshopError> {
    if base.trim().parse::<u32>().ok() != Some(current) {
        return Err(WorkshopError::MinutesChanged);
    }
    // A browser sends a textarea's lines ended with CR LF.
    let text = super::text::typed(&text.replace("\r\n", "\n")).trim().to_string();
    if text.chars().count() > MAX_MINUTES {
        return Err(WorkshopError::MinutesTooLong);
    }
    Ok(text)
}

/// One person on the attendance list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendee {
    pub name: String,
    pub position: Option<String>,
    pub entity: Option<String>,
    pub entity_type: Option<EntityType>,
    /// The region (ubigeo), when recorded.
    pub jurisdiction: Option<String>,
    pub sex: Option<Sex>,
}

impl Attendee {
    /// What makes two lines one person: the name and entity, folded (an import run twice, or the
    /// same person typed again, is listed once).
    pub fn key(&self) -> String {
        let words = |s: &str| folded(s).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
        format!("{}|{}", words(&self.name), words(self.entity.as_deref().unwrap_or_default()))
    }
}

/// An attendee with its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendeeInfo {
    pub id: String,
    pub attendee: Attendee,
}

/// An attendee as typed in the form, or read from a line of a sheet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AttendeeInput {
    pub name: String,
    pub position: String,
    pub entity: String,
    pub entity_type: String,
    pub jurisdiction: String,
    pub sex: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AttendeeError {
    MissingName,
    TooLong,
    BadEntityType,
    UnknownJurisdiction,
    BadSex,
}

impl AttendeeError {
    pub const ALL: [AttendeeError; 5] = [Self::MissingName, Self::TooLong, Self::BadEntityType, Self::UnknownJurisdiction, Self::BadSex];

    pub fn key(self) -> &'static str {
        match self {
            Self::MissingName => "asistente_sin_nombre",
            Self::TooLong => "asistente_muy_largo",
            Self::BadEntityType => "asistente_tipo_entidad",
            Self::UnknownJurisdiction => "asistente_region",
            Self::BadSex => "asistente_sexo",
        }
    }

    pub fn from_key(key: &str) -> Option<AttendeeError> {
        Self::ALL.into_iter().find(|e| e.key() == key)
    }
}

/// Whether `typed` (folded) names `label`, with or without what its parenthesis adds:
/// "gobierno regional" names "Gobierno regional (GORE, D/GRTPE)".
fn reads_as(label: &str, typed: &str) -> bool {
    folded(label.split(" (").next().unwrap_or_default()) == typed || folded(label) == typed
}

/// The regions as a sheet may name them: (ubigeo, name).
pub type Regions<'a> = &'a [(String, String)];

/// An attendee as typed or read. The entity type, region and sex are read as people write them:
/// a key or its label (with or without what its parenthesis adds), a region's name or ubigeo ("Huánuco", "huanuco", "10"), "F"/"M",
/// "Mujer"/"Hombre"; empty stays unknown.
pub fn check_attendee(input: &AttendeeInput, regions: Regions<'_>, entity_labels: &[(EntityType, &str)]) -> Result<Attendee, AttendeeError> {
    let name = super::text::one_line(&input.name);
    if name.is_empty() {
        return Err(AttendeeError::MissingName);
    }
    let fields = [&name, &input.position, &input.entity];
    if fields.iter().any(|f| f.trim().chars().count() > MAX_FIELD) {
        return Err(AttendeeError::TooLong);
    }
    let entity_type = match folded(&input.entity_type).as_str() {
        "" => None,
        t => Some(
            EntityType::ALL
                .into_iter()
                .find(|e| e.key() == t || entity_labels.iter().any(|(k, l)| k == e && reads_as(l, t)))
                .or(match t {
                    "gore" | "gobierno regional" | "d/grtpe" | "grtpe" | "drtpe" | "cdrpeti" => Some(EntityType::GobiernoRegional),
                    "municipalidad" | "gobierno local" => Some(EntityType::GobiernoLocal),
                    "ministerio" | "gobierno nacional" => Some(EntityType::GobiernoNacional),
                    "ong" | "sociedad civil" => Some(EntityType::SociedadCivil),
                    "sindicato" | "trabajadores" => Some(EntityType::OrganizacionTrabajadores),
                    "empresa" | "gremio empresarial" | "empleadores" => Some(EntityType::SectorEmpleador),
                    "universidad" => Some(EntityType::Academia),
                    "cooperacion" | "organismo internacional" => Some(EntityType::CooperacionInternacional),
                    _ => None,
                })
                .ok_or(AttendeeError::BadEntityType)?,
        ),
    };
    let jurisdiction = match folded(&input.jurisdiction).as_str() {
        "" => None,
        j => Some(
            regions
                .iter()
                // A code as a spreadsheet keeps a number ("8" for "08"); a name with or without its parenthesis.
                .find(|(code, name)| code == j || (j.bytes().all(|b| b.is_ascii_digit()) && code.trim_start_matches('0') == j.trim_start_matches('0')) || reads_as(name, j))
                .map(|(code, _)| code.clone())
                .ok_or(AttendeeError::UnknownJurisdiction)?,
        ),
    };
    let sex = match folded(&input.sex).as_str() {
        "" => None,
        "f" | "femenino" | "mujer" => Some(Sex::Femenino),
        "m" | "masculino" | "hombre" | "varon" => Some(Sex::Masculino),
        _ => return Err(AttendeeError::BadSex),
    };
    Ok(Attendee { name, position: optional(&input.position), entity: optional(&input.entity), entity_type, jurisdiction, sex })
}

/// A refused line of a sheet: its row number as the spreadsheet shows it (the header is row 1),
/// what is wrong, and the value read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    pub row: usize,
    pub error: AttendeeError,
    pub value: String,
}

/// Why a sheet was not read at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SheetError {
    /// Neither CSV (UTF-8 or Latin-1) nor XLSX, or damaged.
    Unreadable,
    /// No column whose header says "Nombre" in its first rows.
    NoNameColumn,
    /// Two columns with the same header (other than the name's parts): which one holds the value is unknown.
    DuplicateColumn,
    Empty,
    TooManyRows,
    TooBig,
    /// A workbook that would unpack to more than its reader allows.
    TooBigUnpacked,
    /// Some lines were refused; nothing was stored.
    Rows,
}

impl SheetError {
    pub const ALL: [SheetError; 8] =
        [Self::Unreadable, Self::NoNameColumn, Self::DuplicateColumn, Self::Empty, Self::TooManyRows, Self::TooBig, Self::TooBigUnpacked, Self::Rows];

    pub fn key(self) -> &'static str {
        match self {
            Self::Unreadable => "hoja_ilegible",
            Self::NoNameColumn => "hoja_sin_nombre",
            Self::DuplicateColumn => "hoja_columna_repetida",
            Self::Empty => "hoja_vacia",
            Self::TooManyRows => "hoja_muchas_filas",
            Self::TooBig => "hoja_muy_grande",
            Self::TooBigUnpacked => "hoja_muy_grande_descomprimida",
            Self::Rows => "hoja_filas",
        }
    }

    pub fn from_key(key: &str) -> Option<SheetError> {
        Self::ALL.into_iter().find(|e| e.key() == key)
    }
}

/// Why a sheet was refused: the reason; every refused line, in order (for [`SheetError::Rows`]);
/// and, for [`SheetError::DuplicateColumn`], the two headers that say the same, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRefusal {
    pub error: SheetError,
    pub rows: Vec<RowError>,
    pub columns: Option<(String, String)>,
}

impl From<SheetError> for SheetRefusal {
    fn from(error: SheetError) -> Self {
        SheetRefusal { error, rows: vec![], columns: None }
    }
}

/// What part of a person's name a header names: all of it ("Nombres y apellidos", "Participante",
/// "Nombre"), the given names ("Nombres", when surnames have a column of their own) or surnames
/// ("Apellidos", "Apellido paterno").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NamePart {
    Whole,
    Given,
    Surnames,
}

fn name_part(header: &str) -> NamePart {
    let h = folded(header);
    match (h.contains("nombre"), h.contains("apellido")) {
        (true, true) => NamePart::Whole,
        (false, true) => NamePart::Surnames,
        // "Nombre" alone is the whole name; "Nombres" is the given names only beside surnames.
        (true, false) if h.trim_end_matches(['.', ':']).trim().ends_with("nombres") => NamePart::Given,
        _ => NamePart::Whole,
    }
}

/// The columns a person's name is read from, in the order it is written (given names before
/// surnames, as "Nombres y apellidos"): one whole-name column, or given names and surnames apart;
/// "Nombres" alone is the whole name. Two columns saying the same are refused, naming both.
fn name_columns(header: &[String], named: &[usize]) -> Result<Vec<usize>, SheetRefusal> {
    let of = |part: NamePart| named.iter().copied().filter(|&i| name_part(&header[i]) == part).collect::<Vec<_>>();
    let (whole, given, surnames) = (of(NamePart::Whole), of(NamePart::Given), of(NamePart::Surnames));
    let twice = |a: usize, b: usize| SheetRefusal { error: SheetError::DuplicateColumn, rows: vec![], columns: Some((header[a].trim().to_string(), header[b].trim().to_string())) };
    match (whole.as_slice(), given.as_slice(), surnames.as_slice()) {
        ([w], [], []) => Ok(vec![*w]),
        ([], [g], []) => Ok(vec![*g]),
        ([], [g], s) => Ok(std::iter::once(*g).chain(s.iter().copied()).collect()),
        ([a, b, ..], _, _) => Err(twice(*a, *b)),
        ([], [a, b, ..], _) => Err(twice(*a, *b)),
        ([w], _, _) => Err(twice(*w, *given.first().or(surnames.first()).unwrap_or(w))),
        // Surnames without names: no column holds a person's name.
        _ => Err(SheetError::NoNameColumn.into()),
    }
}

/// At most this many lines in one sheet, and this many bytes.
pub const MAX_SHEET_ROWS: usize = 2_000;
pub const MAX_SHEET_BYTES: usize = 2 * 1024 * 1024;

/// The column a header names: 0 name, 1 position, 2 entity, 3 entity type, 4 region, 5 sex.
fn column_of(header: &str) -> Option<usize> {
    let h = folded(header);
    let h = h.trim_end_matches(['.', ':']).trim();
    let entity = ["entidad", "institucion", "organizacion"].iter().any(|w| h.contains(w));
    match h {
        _ if h.starts_with("tipo") => Some(3),
        // "Nombre de la entidad" names the entity, not the person.
        _ if entity => Some(2),
        _ if h.contains("nombre") || h.contains("apellido") || h == "participante" => Some(0),
        "cargo" | "puesto" | "cargo o puesto" => Some(1),
        "region" | "jurisdiccion" | "departamento" | "gobierno regional" => Some(4),
        "sexo" | "genero" => Some(5),
        _ => None,
    }
}

/// How many rows may come before the header (a title, a date) and still be passed over.
const HEADER_WITHIN: usize = 10;

/// The attendees of a sheet's rows. Its header is the first of its first rows that names a
/// person's column ("Nombres y apellidos", or "Nombres" and "Apellidos" apart, read names first:
/// see [`name_columns`]); the others recognised by name — "Cargo", "Entidad", "Tipo de entidad", "Región", "Sexo"
/// — in any order, none twice; rows above it and blank rows skipped. Any line refused refuses the
/// sheet, with every refused line said.
pub fn read_sheet(rows: &[Vec<String>], regions: Regions<'_>, entity_labels: &[(EntityType, &str)]) -> Result<Vec<Attendee>, SheetRefusal> {
    if rows.is_empty() {
        return Err(SheetError::Empty.into());
    }
    let Some(at) = rows.iter().take(HEADER_WITHIN).position(|r| r.iter().any(|h| column_of(h) == Some(0))) else {
        return Err(SheetError::NoNameColumn.into());
    };
    let header = &rows[at];
    let mut named: Vec<usize> = Vec::new();
    let mut columns: [Option<usize>; 6] = [None; 6];
    for (i, h) in header.iter().enumerate() {
        match column_of(h) {
            Some(0) => named.push(i),
            Some(c) => match columns[c] {
                Some(first) => {
                    return Err(SheetRefusal { error: SheetError::DuplicateColumn, rows: vec![], columns: Some((header[first].trim().to_string(), h.trim().to_string())) })
                }
                None => columns[c] = Some(i),
            },
            None => {}
        }
    }
    let names = name_columns(header, &named)?;
    if rows.len() - at - 1 > MAX_SHEET_ROWS {
        return Err(SheetError::TooManyRows.into());
    }
    let cell = |row: &Vec<String>, c: usize| columns[c].and_then(|i| row.get(i)).map(|s| s.trim().to_string()).unwrap_or_default();
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, row) in rows.iter().enumerate().skip(at + 1) {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let name = names.iter().filter_map(|&i| row.get(i)).map(|s| s.trim()).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ");
        let input = AttendeeInput { name, position: cell(row, 1), entity: cell(row, 2), entity_type: cell(row, 3), jurisdiction: cell(row, 4), sex: cell(row, 5) };
        match check_attendee(&input, regions, entity_labels) {
            Ok(a) => out.push(a),
            Err(error) => {
                let value = match error {
                    AttendeeError::BadEntityType => input.entity_type,
                    AttendeeError::UnknownJurisdiction => input.jurisdiction,
                    AttendeeError::BadSex => input.sex,
                    AttendeeError::MissingName => String::new(),
                    AttendeeError::TooLong => super::text::shortened(&input.name, 40),
                };
                errors.push(RowError { row: i + 1, error, value: super::text::shortened(&value, 60) });
            }
        }
    }
    match (errors.is_empty(), out.is_empty()) {
        (false, _) => Err(SheetRefusal { error: SheetError::Rows, rows: errors, columns: None }),
        (true, true) => Err(SheetError::Empty.into()),
        (true, false) => Ok(out),
    }
}

/// Who attended, counted: in all, by region (unknown last), by type of entity, by sex; and how
/// many regions are known among them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceCounts {
    pub total: usize,
    /// (ubigeo, count), most first then by code; none: region not recorded.
    pub by_jurisdiction: Vec<(Option<String>, usize)>,
    pub by_entity_type: Vec<(Option<EntityType>, usize)>,
    pub by_sex: Vec<(Option<Sex>, usize)>,
}

impl AttendanceCounts {
    /// How many distinct regions the attendees came from.
    pub fn regions(&self) -> usize {
        self.by_jurisdiction.iter().filter(|(j, _)| j.is_some()).count()
    }

    /// How many attendees have their region recorded.
    pub fn with_region(&self) -> usize {
        self.by_jurisdiction.iter().filter(|(j, _)| j.is_some()).map(|(_, n)| n).sum()
    }
}

fn tally<K: Ord + Clone>(keys: impl Iterator<Item = Option<K>>) -> Vec<(Option<K>, usize)> {
    let mut map: std::collections::BTreeMap<(bool, Option<K>), usize> = std::collections::BTreeMap::new();
    for k in keys {
        *map.entry((k.is_none(), k)).or_default() += 1;
    }
    let mut out: Vec<(Option<K>, usize)> = map.into_iter().map(|((_, k), n)| (k, n)).collect();
    // Most first; the unknown last whatever its count.
    out.sort_by_key(|(k, n)| (k.is_none(), std::cmp::Reverse(*n)));
    out
}

/// The counts of an attendance list.
pub fn counts(attendees: &[Attendee]) -> AttendanceCounts {
    AttendanceCounts {
        total: attendees.len(),
        by_jurisdiction: tally(attendees.iter().map(|a| a.jurisdiction.clone())),
        by_entity_type: tally(attendees.iter().map(|a| a.entity_type)),
        by_sex: tally(attendees.iter().map(|a| a.sex)),
    }
}

/// What the progress report needs of a workshop: when, what, how, who attended, what was received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopSummary {
    pub workshop: Workshop,
    pub counts: AttendanceCounts,
    pub contributions: usize,
}

impl WorkshopSummary {
    /// Whether the workshop ended (its last day) between `from` and `to`, both included.
    pub fn within(&self, from: NaiveDate, to: NaiveDate) -> bool {
        let end = self.workshop.ends();
        end >= from && end <= to
    }
}

/// The days of a workshop in words, to open a sentence: "El 12 de octubre de 2023", "Del 12 al 13
/// de octubre de 2023", "Del 30 de octubre al 2 de noviembre de 2023", "En el mes de octubre de 2023".
pub fn days_text(date: &EventDate, last: Option<NaiveDate>, months: &[&str; 12]) -> String {
    use chrono::Datelike;
    let month_year = |d: NaiveDate| format!("{} de {}", months[d.month0() as usize], d.year());
    match (date.precision, last) {
        (DatePrecision::Day, Some(l)) if l.month() == date.date.month() && l.year() == date.date.year() => {
            format!("Del {} al {} de {}", date.date.day(), l.day(), month_year(l))
        }
        (DatePrecision::Day, Some(l)) if l.year() == date.date.year() => {
            format!("Del {} de {} al {} de {}", date.date.day(), months[date.date.month0() as usize], l.day(), month_year(l))
        }
        (DatePrecision::Day, Some(l)) => format!("Del {} de {} al {} de {}", date.date.day(), month_year(date.date), l.day(), month_year(l)),
        (DatePrecision::Day, None) => format!("El {} de {}", date.date.day(), month_year(date.date)),
        (DatePrecision::Month, _) => format!("En el mes de {}", month_year(date.date)),
        _ => format!("En {}", date.date.year()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regions() -> Vec<(String, String)> {
        vec![("05".into(), "Ayacucho".into()), ("08".into(), "Cusco".into()), ("10".into(), "Huánuco".into())]
    }

    const LABELS: [(EntityType, &str); 2] = [(EntityType::GobiernoRegional, "Gobierno regional"), (EntityType::SociedadCivil, "Sociedad civil")];

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    fn input() -> WorkshopInput {
        WorkshopInput { title: " Taller macrorregional sur ".into(), starts: "2023-10-12".into(), modality: "virtual".into(), ..Default::default() }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 1, 15).unwrap()
    }

    fn round() -> RoundChoice {
        RoundChoice { id: "r1".into(), deliverable: 2, version: Some(3), steps: vec![3, 4], label: "Consulta".into() }
    }

    #[test]
    fn a_workshop_is_checked_against_what_the_policy_has() {
        let w = check_workshop(&input(), &[], &[], &[], today()).unwrap();
        assert_eq!((w.title.as_str(), w.date, w.last_day, w.modality), ("Taller macrorregional sur", EventDate::day(2023, 10, 12), None, Some(Modality::Virtual)));
        let err = |i: WorkshopInput| check_workshop(&i, &[(2, 3)], &[round()], &["08".to_string()], today()).unwrap_err();
        assert_eq!(err(WorkshopInput { title: " ".into(), ..input() }), WorkshopError::MissingTitle);
        assert_eq!(err(WorkshopInput { title: "\u{202E}\u{200B}".into(), ..input() }), WorkshopError::MissingTitle, "nothing visible is no title");
        assert_eq!(err(WorkshopInput { starts: "12/10/2023".into(), ..input() }), WorkshopError::BadDate);
        assert_eq!(err(WorkshopInput { starts: "2026-01-20".into(), ..input() }), WorkshopError::BadDate, "more than a year ahead");
        assert_eq!(err(WorkshopInput { ends: "2023-10-11".into(), ..input() }), WorkshopError::BadEndDate);
        assert_eq!(err(WorkshopInput { ends: "2023-11-30".into(), ..input() }), WorkshopError::BadEndDate, "longer than a month");
        assert_eq!(err(WorkshopInput { modality: "radio".into(), ..input() }), WorkshopError::BadModality);
        assert_eq!(err(WorkshopInput { version: "2-4".into(), ..input() }), WorkshopError::BadVersion);
        assert_eq!(err(WorkshopInput { round: "r9".into(), ..input() }), WorkshopError::BadRound);
        assert_eq!(err(WorkshopInput { round: "r1".into(), version: "1-1".into(), ..input() }), WorkshopError::BadVersion);
        let other = check_workshop(&WorkshopInput { round: "r1".into(), version: "2-2".into(), ..input() }, &[(2, 2), (2, 3)], &[round()], &[], today());
        assert_eq!(other.unwrap_err(), WorkshopError::RoundOtherVersion);
        assert_eq!(err(WorkshopInput { steps: vec!["1".into()], version: "2-3".into(), ..input() }), WorkshopError::BadStep, "step 1 is not of deliverable 2");
        assert_eq!(err(WorkshopInput { jurisdictions: vec!["99".into()], ..input() }), WorkshopError::UnknownJurisdiction);
        // A round gives its version; steps of its deliverable are taken, in order, once.
        let w = check_workshop(
            &WorkshopInput { round: "r1".into(), steps: vec!["4".into(), "3".into(), "4".into()], ends: "2023-10-13".into(), purpose: "Validar la situación futura deseada.".into(), ..input() },
            &[(2, 3)],
            &[round()],
            &[],
            today(),
        )
        .unwrap();
        assert_eq!((w.version, w.steps.clone(), w.round.as_deref()), (Some((2, 3)), vec![3, 4], Some("r1")));
        assert_eq!(w.last_day, NaiveDate::from_ymd_opt(2023, 10, 13));
        assert_eq!(w.purpose.as_deref(), Some("validar la situación futura deseada"), "a clause after «con el fin de»");
        let acronym = check_workshop(&WorkshopInput { purpose: "CEPLAN valida".into(), ..input() }, &[], &[], &[], today()).unwrap();
        assert_eq!(acronym.purpose.as_deref(), Some("CEPLAN valida"), "an acronym keeps its capitals");
    }

    #[test]
    fn a_workshop_is_held_once_its_last_day_is_past() {
        let one = check_workshop(&input(), &[], &[], &[], today()).unwrap();
        let two = check_workshop(&WorkshopInput { ends: "2023-10-13".into(), ..input() }, &[], &[], &[], today()).unwrap();
        let day = |d: u32| NaiveDate::from_ymd_opt(2023, 10, d).unwrap();
        assert!(!one.held_by(day(11)) && one.held_by(day(12)));
        assert!(!two.held_by(day(12)) && two.held_by(day(13)), "a workshop of two days is held on its second");
        let month = Workshop { date: EventDate { precision: crate::domain::DatePrecision::Month, ..EventDate::day(2023, 10, 1) }, ..one.clone() };
        assert!(!month.held_by(day(30)) && month.held_by(day(31)), "known to the month: held once the month is over");
        let summary = |w: &Workshop| WorkshopSummary { workshop: w.clone(), counts: counts(&[]), contributions: 0 };
        assert!(summary(&two).within(day(13), day(31)) && !summary(&two).within(day(1), day(12)), "told in the period it ended in");
    }

    #[test]
    fn the_acta_is_saved_only_over_the_version_it_was_opened_on() {
        assert_eq!(check_minutes(" ## Acuerdos\r\n1. Uno ", "2", 2).unwrap(), "## Acuerdos\n1. Uno");
        assert_eq!(check_minutes("x", "1", 2), Err(WorkshopError::MinutesChanged));
        assert_eq!(check_minutes("x", "", 0), Err(WorkshopError::MinutesChanged));
        assert_eq!(check_minutes(&"x".repeat(MAX_MINUTES + 1), "0", 0), Err(WorkshopError::MinutesTooLong));
    }

    #[test]
    fn attendees_are_read_as_people_write_them() {
        let a = |entity_type: &str, jurisdiction: &str, sex: &str| {
            check_attendee(&AttendeeInput { name: "  Rosa   Quispe ".into(), entity_type: entity_type.into(), jurisdiction: jurisdiction.into(), sex: sex.into(), ..Default::default() }, &regions(), &LABELS)
        };
        let rosa = a("GORE", "huanuco", "F").unwrap();
        assert_eq!((rosa.name.as_str(), rosa.entity_type, rosa.jurisdiction.as_deref(), rosa.sex), ("Rosa Quispe", Some(EntityType::GobiernoRegional), Some("10"), Some(Sex::Femenino)));
        assert_eq!(a("Sociedad Civil", "08", "Hombre").unwrap().entity_type, Some(EntityType::SociedadCivil), "a label, any case");
        assert_eq!(a("", "", "").unwrap(), Attendee { name: "Rosa Quispe".into(), position: None, entity: None, entity_type: None, jurisdiction: None, sex: None }, "unknown stays unknown");
        assert_eq!(a("x", "", ""), Err(AttendeeError::BadEntityType));
        assert_eq!(a("", "Lima Sur", ""), Err(AttendeeError::UnknownJurisdiction));
        assert_eq!(a("", "5", "").unwrap().jurisdiction.as_deref(), Some("05"), "a code kept as a number");
        assert_eq!(a("", "1", ""), Err(AttendeeError::UnknownJurisdiction));
        assert_eq!(a("", "", "otro"), Err(AttendeeError::BadSex));
        assert_eq!(check_attendee(&AttendeeInput::default(), &regions(), &LABELS), Err(AttendeeError::MissingName));
        // One person, however the sheet spells them.
        let one = Attendee { entity: Some("GORE Cusco".into()), ..rosa.clone() };
        let two = Attendee { name: "ROSA QUISPE".into(), entity: Some("gore  cusco".into()), ..rosa };
        assert_eq!(one.key(), two.key());
    }

    #[test]
    fn a_sheet_is_read_by_its_headers_or_not_at_all() {
        let rows = vec![
            row(&["N°", "Sexo", "Apellidos y nombres", "Región", "Tipo de entidad", "Entidad", "Cargo"]),
            row(&["1", "F", "Rosa Quispe", "Cusco", "Gobierno regional", "DRTPE Cusco", "Especialista"]),
            row(&["", "", "", "", "", "", ""]),
            row(&["2", "M", "Juan Mamani", "Ayacucho", "", "", ""]),
        ];
        let people = read_sheet(&rows, &regions(), &LABELS).unwrap();
        assert_eq!(people.len(), 2, "the blank row is skipped");
        assert_eq!((people[0].position.as_deref(), people[0].entity.as_deref(), people[0].jurisdiction.as_deref()), (Some("Especialista"), Some("DRTPE Cusco"), Some("08")));
        let bad = vec![rows[0].clone(), row(&["1", "X", "Rosa", "", "", "", ""]), row(&["2", "", "", "Cusco", "", "", ""]), row(&["3", "", "Ana", "Marte", "", "", ""])];
        let refusal = read_sheet(&bad, &regions(), &LABELS).unwrap_err();
        assert_eq!(refusal.error, SheetError::Rows);
        assert_eq!(
            refusal.rows.iter().map(|l| (l.row, l.error, l.value.as_str())).collect::<Vec<_>>(),
            vec![(2, AttendeeError::BadSex, "X"), (3, AttendeeError::MissingName, ""), (4, AttendeeError::UnknownJurisdiction, "Marte")],
            "rows as the spreadsheet numbers them"
        );
        let error = |rows: &[Vec<String>]| read_sheet(rows, &regions(), &LABELS).unwrap_err().error;
        assert_eq!(error(&[row(&["Nombre de la entidad"]), row(&["x"])]), SheetError::NoNameColumn, "the entity's name is not a person's");
        assert_eq!(error(&[row(&["Nombre"])]), SheetError::Empty);
        assert_eq!(error(&[]), SheetError::Empty);
        let many: Vec<Vec<String>> = std::iter::once(row(&["Nombre"])).chain((0..=MAX_SHEET_ROWS).map(|i| vec![format!("P{i}")])).collect();
        assert_eq!(error(&many), SheetError::TooManyRows);
        // Every refused line is said, however many.
        let wrong: Vec<Vec<String>> = std::iter::once(row(&["Nombre", "Sexo"])).chain((0..30).map(|i| row(&[&format!("P{i}"), "X"]))).collect();
        assert_eq!(read_sheet(&wrong, &regions(), &LABELS).unwrap_err().rows.len(), 30);
    }

    #[test]
    fn a_sheet_as_teams_lay_it_out() {
        // A title above the header; surnames and names apart; the region as a number.
        let rows = vec![
            row(&["Lista de asistencia — Taller macrorregional sur", "", "", ""]),
            row(&["", "", "", ""]),
            row(&["Apellidos", "Nombres", "Nombre de la institución", "Región"]),
            row(&["Quispe Mamani", "Rosa", "DRTPE Cusco", "8"]),
        ];
        let people = read_sheet(&rows, &regions(), &LABELS).unwrap();
        assert_eq!((people[0].name.as_str(), people[0].entity.as_deref(), people[0].jurisdiction.as_deref()), ("Rosa Quispe Mamani", Some("DRTPE Cusco"), Some("08")), "names first, as «Nombres y apellidos»");
        let split = |header: &[&str], cells: &[&str]| read_sheet(&[row(header), row(cells)], &regions(), &LABELS);
        assert_eq!(split(&["Nombres", "Apellido paterno", "Apellido materno"], &["Rosa", "Quispe", "Mamani"]).unwrap()[0].name, "Rosa Quispe Mamani");
        assert_eq!(split(&["Nombres"], &["Rosa Quispe"]).unwrap()[0].name, "Rosa Quispe", "«Nombres» alone is the whole name");
        assert_eq!(split(&["Apellidos", "Cargo"], &["Quispe", "x"]).unwrap_err().error, SheetError::NoNameColumn, "surnames alone are not a name");
        // Columns saying the same: which one holds the value is unknown, so the sheet is refused naming both.
        let twice = |header: &[&str]| {
            let r = read_sheet(&[row(header), row(&["a", "b", "c"])], &regions(), &LABELS).unwrap_err();
            (r.error, r.columns.map(|(a, b)| format!("{a} / {b}")).unwrap_or_default())
        };
        assert_eq!(twice(&["Nombre", "Región", "Region"]), (SheetError::DuplicateColumn, "Región / Region".into()));
        assert_eq!(twice(&["Nombres y apellidos", "Nombre", "Sexo"]), (SheetError::DuplicateColumn, "Nombres y apellidos / Nombre".into()));
        assert_eq!(twice(&["Nombres y apellidos", "Apellidos", "Sexo"]), (SheetError::DuplicateColumn, "Nombres y apellidos / Apellidos".into()));
        assert_eq!(twice(&["Nombres", "Nombres", "Apellidos"]), (SheetError::DuplicateColumn, "Nombres / Nombres".into()));
        // A refused line's number is still the spreadsheet's.
        let below = vec![row(&["Taller"]), row(&["Nombre", "Sexo"]), row(&["Rosa", "X"])];
        assert_eq!(read_sheet(&below, &regions(), &LABELS).unwrap_err().rows[0].row, 3);
    }

    #[test]
    fn counts_say_who_attended_with_the_unknown_last() {
        let p = |j: Option<&str>, s: Option<Sex>, t: Option<EntityType>| Attendee { name: "x".into(), position: None, entity: None, entity_type: t, jurisdiction: j.map(str::to_string), sex: s };
        let people = [
            p(None, None, None),
            p(None, Some(Sex::Masculino), None),
            p(Some("08"), Some(Sex::Femenino), Some(EntityType::GobiernoRegional)),
            p(Some("05"), Some(Sex::Femenino), Some(EntityType::GobiernoRegional)),
            p(Some("08"), Some(Sex::Femenino), Some(EntityType::SociedadCivil)),
        ];
        let c = counts(&people);
        assert_eq!(c.total, 5);
        assert_eq!(c.by_jurisdiction, vec![(Some("08".to_string()), 2), (Some("05".to_string()), 1), (None, 2)]);
        assert_eq!(c.by_sex, vec![(Some(Sex::Femenino), 3), (Some(Sex::Masculino), 1), (None, 1)]);
        assert_eq!(c.by_entity_type[0], (Some(EntityType::GobiernoRegional), 2));
        assert_eq!((c.regions(), c.with_region()), (2, 3));
        assert_eq!(counts(&[]), AttendanceCounts::default());
    }

    #[test]
    fn the_days_of_a_workshop_in_words() {
        let months = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "setiembre", "octubre", "noviembre", "diciembre"];
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(days_text(&EventDate::day(2023, 10, 12), None, &months), "El 12 de octubre de 2023");
        assert_eq!(days_text(&EventDate::day(2023, 10, 12), Some(d(2023, 10, 13)), &months), "Del 12 al 13 de octubre de 2023");
        assert_eq!(days_text(&EventDate::day(2023, 10, 30), Some(d(2023, 11, 2)), &months), "Del 30 de octubre al 2 de noviembre de 2023");
        assert_eq!(days_text(&EventDate::day(2023, 12, 30), Some(d(2024, 1, 2)), &months), "Del 30 de diciembre de 2023 al 2 de enero de 2024");
        assert_eq!(days_text(&EventDate::month(2023, 10), None, &months), "En el mes de octubre de 2023");
    }
}
