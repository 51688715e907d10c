use crate::child_session::{self, first_name, use_child_mode, ChildSession};
use crate::format;
use crate::i18n::{child, use_i18n, Key};
use crate::state::use_app;
use chrono::NaiveDate;
use homeward_core::voice::{Activity, AgeBand, ChildVoice};
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

const BANDS: [AgeBand; 3] = [
    AgeBand::Under8,
    AgeBand::EightToTwelve,
    AgeBand::ThirteenPlus,
];

/// On a case: pick the child's age band and the activities, then hand the tablet to the child.
#[component]
pub fn HandToChild(
    case_id: Uuid,
    child_name: String,
    date_of_birth: Option<NaiveDate>,
) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let session = use_child_mode();
    let band = RwSignal::new(
        date_of_birth
            .map(|d| AgeBand::on(d, format::today()))
            .unwrap_or(AgeBand::EightToTwelve),
    );
    let chosen = RwSignal::new(Activity::ALL.to_vec());
    let missing = RwSignal::new(false);
    let waiting_note = move || {
        session.with(|s| {
            s.as_ref()
                .is_some_and(|s| s.case_id == case_id && !s.locked)
        })
    };

    let start = move |_| {
        let activities: Vec<Activity> = Activity::ALL
            .into_iter()
            .filter(|a| chosen.get_untracked().contains(a))
            .collect();
        if activities.is_empty() {
            missing.set(true);
            return;
        }
        let Some(me) = app.me.get_untracked() else {
            return;
        };
        missing.set(false);
        // Inside the click, so the browser allows it.
        child_session::enter_fullscreen();
        let previous = session.get_untracked();
        let next = ChildSession {
            case_id,
            first_name: first_name(&child_name),
            activities,
            step: 0,
            locked: true,
            voice: ChildVoice::empty(
                Uuid::now_v7(),
                case_id,
                format::today(),
                &me.username,
                band.get_untracked(),
            ),
        };
        spawn_local(async move {
            if let Some(previous) = previous {
                let _ = child_session::clear(&previous).await;
            }
            child_session::save(&next);
            session.set(Some(next));
        });
    };

    let bands = BANDS.into_iter().map(move |b| {
        let id = format!("band-{b:?}");
        view! {
            <div class="choice">
                <input
                    type="radio"
                    id=id.clone()
                    name="age-band"
                    prop:checked=move || band.get() == b
                    on:change=move |_| band.set(b)
                />
                <label for=id>{move || i18n.t(child::band(b))}</label>
            </div>
        }
    });
    let activities = Activity::ALL.into_iter().map(move |a| {
        let id = format!("activity-{a:?}");
        view! {
            <div class="choice">
                <input
                    type="checkbox"
                    id=id.clone()
                    prop:checked=move || chosen.get().contains(&a)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        chosen.update(|c| {
                            c.retain(|x| *x != a);
                            if on {
                                c.push(a);
                            }
                        });
                    }
                />
                <label for=id>{move || i18n.t(child::activity(a))}</label>
            </div>
        }
    });

    view! {
        <section class="hand-to-child" aria-labelledby="hand-to-child-title">
            <h2 id="hand-to-child-title">{move || i18n.t(Key::HandToChild)}</h2>
            <Show when=waiting_note>
                <p class="banner banner-warn">
                    <a href=format!("/cases/{case_id}/child-voice")>{move || i18n.t(Key::FinishWorkerNote)}</a>
                </p>
            </Show>
            <p class="hint">{move || i18n.t(Key::HandIntro)}</p>
            <fieldset class="field">
                <legend>{move || i18n.t(Key::AgeBandLabel)}</legend>
                {bands.collect_view()}
            </fieldset>
            <fieldset class="field">
                <legend>{move || i18n.t(Key::ActivitiesLabel)}</legend>
                {activities.collect_view()}
            </fieldset>
            <Show when=move || missing.get()>
                <p class="error" role="alert">{move || i18n.t(Key::PickAnActivity)}</p>
            </Show>
            <button type="button" class="button button-primary" on:click=start>
                {move || i18n.t(Key::StartChildMode)}
            </button>
        </section>
    }
}
