//! `/regiones`: the 26 jurisdictions and their CDRPETI state in 2023.
use leptos::prelude::*;

use crate::ui::{PageTitle, ErrorView, Loading};
use super::data::{get_regions};
use crate::domain::CdrpetiState;
use crate::i18n::t;

#[component]
pub fn RegionsPage() -> impl IntoView {
    let regions = Resource::new(|| (), |_| get_regions());
    let t = t();
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match regions.await {
                    Ok(list) => {
                        let count = |s: CdrpetiState| list.iter().filter(|j| j.cdrpeti_2023 == s).count();
                        let summary = [CdrpetiState::Activo, CdrpetiState::Inactivo, CdrpetiState::SinDato]
                            .map(|s| format!("{}: {}", t.cdrpeti_state(s), count(s)))
                            .join(" · ");
                        view! {
                            <PageTitle text=t.regions_title />
                            <h1>{t.regions_title}</h1>
                            <p class="lead">{t.regions_intro}</p>
                            <p class="meta">{summary}</p>
                            <div class="table-scroll" tabindex="0">
                                <table class="regions">
                                    <caption>{t.regions_summary}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">{t.ubigeo}</th>
                                            <th scope="col">{t.region}</th>
                                            <th scope="col">{t.cdrpeti_2023}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {list.into_iter().map(|j| view! {
                                            <tr>
                                                <td>{j.ubigeo}</td>
                                                <th scope="row">{j.name}</th>
                                                <td>
                                                    <span class=format!("badge cdrpeti-{}", j.cdrpeti_2023.key())>
                                                        {t.cdrpeti_state(j.cdrpeti_2023)}
                                                    </span>
                                                </td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorView error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
