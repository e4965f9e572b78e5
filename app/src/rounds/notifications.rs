//! `/avisos`: the user's notices (a round opened for them, one about to close, an answer to their
//! contribution), newest first, with a plain form to mark them read.
use leptos::prelude::*;

use crate::ui::{PageTitle, ErrorView, Loading};
use super::data::{get_notifications};
use crate::ui::moment;
use crate::urls;
use crate::i18n::t;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let page = Resource::new(|| (), |_| get_notifications());
    let t = t();
    view! {
        <PageTitle text=t.notifications_title />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! {
                        <h1>{t.notifications_title}</h1>
                        {if p.items.is_empty() {
                            view! { <p class="empty">{t.no_notifications}</p> }.into_any()
                        } else {
                            view! {
                                <form method="post" action=urls::NOTICES_READ><crate::ui::FormKey anchor="" /><button type="submit" class="button button-secondary">{t.mark_read}</button></form>
                                <ul class="notices">
                                    {p.items.into_iter().map(|n| view! {
                                        <li class:unread=n.read_at.is_none()>
                                            <a href=n.link.clone()>{n.message.clone()}</a>
                                            <span class="meta">{format!(" · {}", moment(&n.created_at))}</span>
                                            {n.read_at.is_none().then(|| view! { <span class="badge badge-new">{t.new_notice}</span> })}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    }.into_any(),
                    Err(e) => view! { <ErrorView error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
