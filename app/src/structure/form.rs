//! The forms of structured content, shared by the page that writes them and the handler that
//! reads them. An item's own fields come from the catalogue (`domain::structure`) and travel as
//! `v:FIELD` (a field of several choices, once per choice), its scores as `puntaje:CRITERION`, its
//! values obtained as `obtenido:YEAR` and its expected achievements or yearly targets as
//! `meta:YEAR`.
use crate::form;

form! {
    /// One change to a step's structured content: [`Change`] says which.
    pub struct StructureForm {
        accion: String,
        /// The item kind, for a new item.
        tipo: String,
        /// The item changed or deleted (empty: a new item).
        id: String,
        /// The item's parent, for kinds that have one.
        padre: String,
        horizonte: String,
        criterios: String,
        /// The code typed by the team, under the policy's own numbering.
        codigo: String,
        /// The numbering of codes (`CodeScheme::key`).
        esquema: String,
        /// The standard attributes, one per line.
        atributos: String,
        /// Sent by "Actualizar los años" (instead of saving).
        anios: String,
    }
}

/// The address parameter that opens an item's form to change it.
pub const EDIT: &str = "editar";
/// The parameter a refusal adds with the field or year it names.
pub const DETAIL: &str = "detalle";

/// The prefix of an item's own fields, its scores and its yearly targets in the form.
pub const VALUE: &str = "v:";
pub const SCORE: &str = crate::domain::structure::SCORE_PREFIX;
pub const TARGET: &str = "meta:";
pub const OBSERVED: &str = "obtenido:";
/// The key of the way back that shows the year fields again after "Actualizar los años" (a
/// notice, not a refusal).
pub const YEARS_UPDATED: &str = "anios_actualizados";

/// What a structure form asks for (its `accion`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Save,
    Delete,
    Renumber,
    Horizon,
    Criteria,
    Scheme,
    Attributes,
    /// Show the year fields for the baseline and horizon as typed, keeping everything typed.
    UpdateYears,
}

impl Change {
    pub const ALL: [Change; 8] = [Change::Save, Change::Delete, Change::Renumber, Change::Horizon, Change::Criteria, Change::Scheme, Change::Attributes, Change::UpdateYears];

    pub fn key(self) -> &'static str {
        match self {
            Change::Save => "guardar",
            Change::Delete => "eliminar",
            Change::Renumber => "renumerar",
            Change::Horizon => "horizonte",
            Change::Criteria => "criterios",
            Change::Scheme => "esquema",
            Change::Attributes => "atributos",
            Change::UpdateYears => "actualizar_anios",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == key)
    }
}

/// The flags a change adds to the step's structure page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StructureOutcome {
    /// An item saved, by its code.
    Saved(String),
    Deleted,
    /// Codes made consecutive again: how many changed.
    Renumbered(usize),
    /// The horizon, the criteria or the attributes saved.
    Settings,
    /// The numbering of codes saved.
    Scheme,
}

impl StructureOutcome {
    /// The query and anchor the page is reached with.
    pub fn query(&self) -> String {
        match self {
            StructureOutcome::Saved(code) => {
                format!("guardado={}#{}", form_urlencoded::byte_serialize(code.as_bytes()).collect::<String>(), crate::domain::structure::item_anchor(code))
            }
            StructureOutcome::Deleted => "eliminado=1".into(),
            StructureOutcome::Renumbered(n) => format!("renumerados={n}"),
            StructureOutcome::Settings => "ajuste=1#ajustes".into(),
            StructureOutcome::Scheme => "esquema=1#numeracion".into(),
        }
    }

    /// The outcome an address's query carries, read with `get`.
    pub fn read(get: impl Fn(&str) -> Option<String>) -> Option<Self> {
        get("guardado")
            .map(StructureOutcome::Saved)
            .or_else(|| get("eliminado").map(|_| StructureOutcome::Deleted))
            .or_else(|| get("renumerados").and_then(|n| n.parse().ok()).map(StructureOutcome::Renumbered))
            .or_else(|| get("ajuste").map(|_| StructureOutcome::Settings))
            .or_else(|| get("esquema").map(|_| StructureOutcome::Scheme))
    }
}
