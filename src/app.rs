//! The root component: contexts, start-up, and routes.

use crate::child_session::{self, ChildMode};
use crate::components::shell::Shell;
use crate::i18n::{I18n, Key};
use crate::pages::{
    assessment::Assessment, case_detail::CaseDetail, case_list::CaseList, case_new::CaseNew,
    child_mode::ChildModePage, child_voice_note::ChildVoiceNote, chronology::Chronology,
    classification::Classification, genogram::GenogramPage, needs_review::NeedsReview,
    report::Report, sign_in::SignIn,
};
use crate::pages::{
    reclassify::Reclassify, return_home::ReturnHome, sign_off_case::SignOffCase,
    sign_off_queue::SignOffQueue,
};
use crate::state::{AppState, ME};
use crate::{local, sync};
use homeward_core::api::Me;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    let i18n = I18n::load();
    provide_context(i18n);
    let app = AppState::new();
    provide_context(app);
    crate::state::remember(app);
    let child = RwSignal::new(None);
    provide_context(ChildMode(child));
    // While the child has the tablet, child mode is the only thing that renders.
    let locked = Memo::new(move |_| child.with(|c| c.as_ref().is_some_and(|c| c.locked)));

    Effect::new(move |_| {
        let code = i18n.lang.get().code();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", code);
        }
    });

    spawn_local(async move {
        match local::init().await {
            Ok(local) => {
                match local.store.meta::<Me>(ME).await {
                    Ok(me) => app.me.set(me),
                    Err(e) => app.storage_error.set(Some(e.to_string())),
                }
                child.set(child_session::load().await);
                app.refresh().await;
                sync::start(app);
                #[cfg(feature = "bench")]
                crate::bench::install(app);
            }
            Err(e) => app.storage_error.set(Some(e.to_string())),
        }
        app.ready.set(true);
    });

    view! {
        <Router>
            {move || {
                if app.ready.get() && locked.get() {
                    return view! { <ChildModePage /> }.into_any();
                }
                view! {
                    <Shell>
                        {move || {
                            if !app.ready.get() {
                                view! { <p class="loading">{move || i18n.t(Key::Loading)}</p> }
                                    .into_any()
                            } else if app.me.get().is_none() {
                                view! { <SignIn /> }.into_any()
                            } else {
                                view! {
                                    <Routes fallback=|| view! { <CaseList /> }>
                                        <Route path=path!("/") view=CaseList />
                                        <Route path=path!("/sign-in") view=SignIn />
                                        <Route path=path!("/cases/new") view=CaseNew />
                                        <Route path=path!("/cases/:id") view=CaseDetail />

                                        <Route path=path!("/review") view=NeedsReview />
                                        <Route path=path!("/cases/:id/classification") view=Classification />
                                        <Route path=path!("/cases/:id/chronology") view=Chronology />
                                        <Route path=path!("/cases/:id/genogram") view=GenogramPage />
                                        <Route path=path!("/cases/:id/assessment") view=Assessment />
                                        <Route path=path!("/cases/:id/report") view=Report />
                                        <Route path=path!("/cases/:id/child-voice") view=ChildVoiceNote />
                                        <Route path=path!("/cases/:id/reclassify") view=Reclassify />
                                        <Route path=path!("/cases/:id/return-home") view=ReturnHome />
                                        <Route path=path!("/sign-off") view=SignOffQueue />
                                        <Route path=path!("/sign-off/:id") view=SignOffCase />
                                    </Routes>
                                }
                                    .into_any()
                            }
                        }}
                    </Shell>
                }
                    .into_any()
            }}
        </Router>
    }
}
