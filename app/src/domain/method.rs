//! CEPLAN's method as data: five deliverables (entregables) holding nine steps (pasos).

/// One of the nine steps of the *Guía de Políticas Nacionales*.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepDef {
    pub number: u8,
    pub deliverable: u8,
    /// The official Spanish title; users know the steps by it, so it is never translated.
    pub title: &'static str,
}

/// One of the five deliverables and the steps it carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeliverableDef {
    pub number: u8,
    pub steps: &'static [u8],
}

pub const STEPS: [StepDef; 9] = [
    StepDef { number: 1, deliverable: 1, title: "Delimitación y enunciación del problema público" },
    StepDef { number: 2, deliverable: 1, title: "Estructuración del problema público" },
    StepDef { number: 3, deliverable: 2, title: "Determinación de la situación futura deseada" },
    StepDef { number: 4, deliverable: 2, title: "Selección de alternativas de solución" },
    StepDef { number: 5, deliverable: 3, title: "Elaboración de los objetivos prioritarios e indicadores" },
    StepDef { number: 6, deliverable: 3, title: "Elaboración de lineamientos" },
    StepDef {
        number: 7,
        deliverable: 4,
        title: "Identificación de los servicios, sus estándares nacionales de cumplimiento e indicadores",
    },
    StepDef { number: 8, deliverable: 5, title: "Identificación de las actividades operativas de los servicios" },
    StepDef { number: 9, deliverable: 5, title: "Alineamiento de la política nacional" },
];

pub const DELIVERABLES: [DeliverableDef; 5] = [
    DeliverableDef { number: 1, steps: &[1, 2] },
    DeliverableDef { number: 2, steps: &[3, 4] },
    DeliverableDef { number: 3, steps: &[5, 6] },
    DeliverableDef { number: 4, steps: &[7] },
    DeliverableDef { number: 5, steps: &[8, 9] },
];

/// The step with this number, if the method has one.
pub fn step(number: u8) -> Option<&'static StepDef> {
    STEPS.iter().find(|s| s.number == number)
}

/// The deliverable that carries step `number`.
pub fn deliverable_of_step(number: u8) -> Option<u8> {
    step(number).map(|s| s.deliverable)
}

/// The steps of deliverable `number`, in order (empty for an unknown deliverable).
pub fn steps_of(deliverable: u8) -> impl Iterator<Item = &'static StepDef> {
    STEPS.iter().filter(move |s| s.deliverable == deliverable)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nine_steps_in_five_deliverables_in_order() {
        assert_eq!(STEPS.iter().map(|s| s.number).collect::<Vec<_>>(), (1..=9).collect::<Vec<_>>());
        let from_deliverables: Vec<u8> = DELIVERABLES.iter().flat_map(|d| d.steps.iter().copied()).collect();
        assert_eq!(from_deliverables, (1..=9).collect::<Vec<_>>());
        for d in DELIVERABLES {
            for &s in d.steps {
                assert_eq!(deliverable_of_step(s), Some(d.number), "paso {s}");
            }
            assert_eq!(steps_of(d.number).count(), d.steps.len());
        }
    }

    #[test]
    fn titles_are_the_guides() {
        assert_eq!(step(1).unwrap().title, "Delimitación y enunciación del problema público");
        assert_eq!(step(4).unwrap().title, "Selección de alternativas de solución");
        assert_eq!(step(9).unwrap().title, "Alineamiento de la política nacional");
    }

    #[test]
    fn unknown_steps_have_no_definition() {
        assert!(step(0).is_none());
        assert!(step(10).is_none());
        assert_eq!(deliverable_of_step(10), None);
        assert_eq!(steps_of(6).count(), 0);
    }
}
