//! The root component: contexts, start-up, and routes.

use crate::child_session::ChildMode;
use crate::components::shell::Shell;
use crate::i18n::{I18n, Key};
use crate::pages::{
    agreement::AgreementPage, agreement_parents::AgreementParents, goal_reviews::GoalReviews,
    team::TeamPage,
};
use crate::pages::{
    assessment::Assessment, case_detail::CaseDetail, case_list::CaseList, case_new::CaseNew,
    child_mode::ChildModePage, child_voice_note::ChildVoiceNote, choose_pin::ChoosePin,
    chronology::Chronology, classification::Classification, genogram::GenogramPage, locked::Locked,
    needs_review::NeedsReview, reclassify::Reclassify, report::Report, return_home::ReturnHome,
    settings::Settings, sign_in::SignIn, sign_off_case::SignOffCase, sign_off_queue::SignOffQueue,
};
use crate::state::{AppState, LockState};
use crate::{auto_lock, local, sync, vault, wipe};
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
    let child = app.child;
    provide_context(ChildMode(child));
    // While the child has the tablet, child mode is the only thing that renders.
    let locked = Memo::new(move |_| child.with(|c| c.as_ref().is_some_and(|c| c.locked)));

    Effect::new(move |_| {
        let code = i18n.lang.get().code();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", code);
        }
    });

    auto_lock::install(app, locked);
    app.notice.set(wipe::take_notice());

    // Nothing is read at start but the clear key store: whether a PIN can unlock this tablet.
    spawn_local(async move {
        match local::init().await {
            Ok(local) => {
                match vault::has_pin(&local.store).await {
                    Ok(true) => app.lock.set(LockState::Locked),
                    Ok(false) => app.lock.set(LockState::SignedOut),
                    Err(e) => app.storage_error.set(Some(e.to_string())),
                }
                // Runs while locked too, so a revoked tablet wipes even if nobody unlocks it.
                sync::start(app);
            }
            Err(e) => app.storage_error.set(Some(e.to_string())),
        }
        #[cfg(feature = "bench")]
        crate::bench::install(app);
        app.ready.set(true);
    });

    view! {
        <Router>
            {move || {
                let unlocked = app.lock.get() == LockState::Unlocked;
                if app.ready.get() && unlocked && locked.get() {
                    return view! { <ChildModePage /> }.into_any();
                }
                view! {
                    <Shell>
                        {move || {
                            if !app.ready.get() {
                                view! { <p class="loading">{move || i18n.t(Key::Loading)}</p> }
                                    .into_any()
                            } else if app.lock.get() == LockState::SignedOut {
                                view! { <SignIn /> }.into_any()
                            } else if app.lock.get() == LockState::ChoosePin {
                                view! { <ChoosePin /> }.into_any()
                            } else if app.lock.get() == LockState::Locked {
                                view! { <Locked /> }.into_any()
                            } else {
                                view! {
                                    <Routes fallback=|| view! { <CaseList /> }>
                                        <Route path=path!("/") view=CaseList />
                                        <Route path=path!("/sign-in") view=SignIn />
                                        <Route path=path!("/cases/new") view=CaseNew />
                                        <Route path=path!("/cases/:id") view=CaseDetail />

                                        <Route path=path!("/review") view=NeedsReview />
                                        <Route path=path!("/settings") view=Settings />
                                        <Route path=path!("/cases/:id/classification") view=Classification />
                                        <Route path=path!("/cases/:id/chronology") view=Chronology />
                                        <Route path=path!("/cases/:id/genogram") view=GenogramPage />
                                        <Route path=path!("/cases/:id/assessment") view=Assessment />
                                        <Route path=path!("/cases/:id/report") view=Report />
                                        <Route path=path!("/cases/:id/child-voice") view=ChildVoiceNote />
                                        <Route path=path!("/cases/:id/agreement") view=AgreementPage />
                                        <Route path=path!("/cases/:id/agreement/parents") view=AgreementParents />
                                        <Route path=path!("/cases/:id/team") view=TeamPage />
                                        <Route path=path!("/cases/:id/reviews") view=GoalReviews />
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
