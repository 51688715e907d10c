use crate::components::field::Field;
use crate::components::smart_check_view::SmartCheckView;
use crate::format;
use crate::i18n::{use_i18n, Key};
use homeward_core::smart::{GoalAgreement, SmartGoal};
use leptos::prelude::*;
use uuid::Uuid;

/// The input of one goal while it is written: text as typed, read back into a core goal.
#[derive(Clone, Copy)]
pub struct GoalFields {
    pub id: Uuid,
    what: RwSignal<String>,
    who: RwSignal<String>,
    steps: RwSignal<String>,
    support: RwSignal<String>,
    measure: RwSignal<String>,
    target: RwSignal<String>,
    agreed_by: RwSignal<String>,
    agreed_on: RwSignal<String>,
}

impl GoalFields {
    pub fn new(g: &SmartGoal) -> GoalFields {
        let date = |d: Option<chrono::NaiveDate>| {
            RwSignal::new(d.map(|d| d.to_string()).unwrap_or_default())
        };
        GoalFields {
            id: g.id,
            what: RwSignal::new(g.what.clone()),
            who: RwSignal::new(g.who.clone()),
            steps: RwSignal::new(g.steps.join("\n")),
            support: RwSignal::new(g.support.clone()),
            measure: RwSignal::new(g.measure.clone()),
            target: date(g.target_date),
            agreed_by: RwSignal::new(
                g.agreed
                    .as_ref()
                    .map(|a| a.by.join(", "))
                    .unwrap_or_default(),
            ),
            agreed_on: date(g.agreed.as_ref().map(|a| a.on)),
        }
    }

    /// The goal as typed (tracked, so a view of it updates with every key).
    pub fn goal(&self) -> SmartGoal {
        let by: Vec<String> = self
            .agreed_by
            .get()
            .split(',')
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .collect();
        let agreed = format::parse_date(&self.agreed_on.get()).map(|on| GoalAgreement { by, on });
        SmartGoal {
            id: self.id,
            what: self.what.get().trim().to_string(),
            who: self.who.get().trim().to_string(),
            steps: format::lines(&self.steps.get()),
            support: self.support.get().trim().to_string(),
            measure: self.measure.get().trim().to_string(),
            target_date: format::parse_date(&self.target.get()),
            agreed,
        }
    }
}

/// One SMART goal of the written agreement: who does what, the steps, the support offered, how
/// success is seen, the date and who agreed it, with the live SMART check beside it.
#[component]
pub fn GoalEditor(
    fields: GoalFields,
    /// 1-based, as the agreement numbers its goals.
    #[prop(into)]
    number: Signal<usize>,
    on_remove: Callback<Uuid>,
) -> impl IntoView {
    let i18n = use_i18n();
    let f = fields;
    let id = |part: &str| format!("goal-{}-{part}", f.id.simple());
    let none = Signal::derive(|| None::<Key>);
    let title = move || i18n.tf(Key::GoalN, &[("n", &number.get().to_string())]);
    view! {
        <fieldset class="goal">
            <legend>{title}</legend>
            <div class="goal-body">
                <div class="goal-fields grid-form">
                    <Field id=id("what") label=Key::GoalWhat value=f.what error=none multiline=true hint=Key::GoalWhatHint />
                    <Field id=id("who") label=Key::GoalWho value=f.who error=none />
                    <Field id=id("steps") label=Key::GoalSteps value=f.steps error=none multiline=true hint=Key::OnePerLine />
                    <Field id=id("support") label=Key::GoalSupport value=f.support error=none multiline=true />
                    <Field id=id("measure") label=Key::GoalMeasure value=f.measure error=none />
                    <Field id=id("target") label=Key::GoalTarget value=f.target error=none kind="date" />
                    <Field id=id("agreed-by") label=Key::GoalAgreedBy value=f.agreed_by error=none hint=Key::CommaNames />
                    <Field id=id("agreed-on") label=Key::GoalAgreedOn value=f.agreed_on error=none kind="date" max=format::today().to_string() />
                </div>
                <SmartCheckView goal=Signal::derive(move || f.goal()) />
            </div>
            <div class="actions">
                <button type="button" class="button button-small" on:click=move |_| on_remove.run(f.id)>
                    {move || i18n.tf(Key::RemoveGoalN, &[("n", &number.get().to_string())])}
                </button>
            </div>
        </fieldset>
    }
}
