//! Hooks for the benchmark harness (bench/), compiled only with `--features bench`: the shipped
//! app has none of this. They let the harness make thousands of records through the real store
//! and sync code instead of through the UI.

use crate::local;
use crate::state::AppState;
use crate::sync;
use homeward_core::sync::Entity;
use js_sys::{Function, Object, Promise, Reflect};
use leptos::prelude::GetUntracked;
use serde_json::json;
use uuid::Uuid;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

/// Records per IndexedDB transaction when importing, as a pull page would be.
const BATCH: u32 = 500;

/// A small deterministic generator, so every run makes the same names.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

const FIRST: &[&str] = &[
    "Cerys", "Tomos", "Amira", "Yusuf", "Rhys", "Lowri", "Nia", "Osian", "Ffion", "Dylan", "Elis",
    "Mali", "Gethin", "Seren", "Iolo", "Alys",
];

async fn import_cases(n: u32, seed: u64) -> Result<f64, String> {
    let local = local::get().ok_or("not started")?;
    let me = app()?.me.get_untracked().ok_or("not signed in")?.username;
    let start = js_sys::Date::now();
    let mut rng = Lcg(seed);
    let mut done = 0;
    while done < n {
        let mut changes = Vec::new();
        for _ in 0..BATCH.min(n - done) {
            let id = Uuid::now_v7();
            let name = format!(
                "{} {}",
                FIRST[(rng.next() % FIRST.len() as u64) as usize],
                rng.next() % 100_000
            );
            let dob = format!(
                "20{:02}-0{}-1{}",
                8 + rng.next() % 17,
                1 + rng.next() % 9,
                rng.next() % 9
            );
            for (field, value) in [
                ("child_name", json!(name)),
                ("date_of_birth", json!(dob)),
                ("note", json!("Generated for the benchmark.")),
            ] {
                changes.push(local.change(&me, id, Entity::Case, id, field, value, 0));
            }
            done += 1;
        }
        local
            .store
            .write_local(&changes)
            .await
            .map_err(|e| e.to_string())?;
    }
    Ok(js_sys::Date::now() - start)
}

thread_local! {
    static BENCH_APP: std::cell::RefCell<Option<AppState>> = const { std::cell::RefCell::new(None) };
}

fn app() -> Result<AppState, String> {
    BENCH_APP
        .with(|a| *a.borrow())
        .ok_or_else(|| "not started".to_string())
}

fn promise<F>(f: F) -> Promise
where
    F: std::future::Future<Output = Result<f64, String>> + 'static,
{
    future_to_promise(async move {
        f.await
            .map(JsValue::from_f64)
            .map_err(|e| JsValue::from_str(&e))
    })
}

fn set(target: &Object, name: &str, f: &Function) {
    // Setting a property on a plain object cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(name), f);
}

/// Installs `window.homewardBench` with `importCases(n, seed)`, `syncNow()`, `outboxLen()`,
/// `refresh()` and `caseCount()`; each returns a promise of milliseconds (or a count).
/// `caseCount` is how many cases the list holds: it shows them a page at a time.
pub fn install(app_state: AppState) {
    BENCH_APP.with(|a| *a.borrow_mut() = Some(app_state));
    let hooks = Object::new();
    let import = Closure::<dyn Fn(u32, f64) -> Promise>::new(|n: u32, seed: f64| {
        promise(import_cases(n, seed as u64))
    });
    let sync_now = Closure::<dyn Fn() -> Promise>::new(|| {
        promise(async {
            let start = js_sys::Date::now();
            sync::sync_once(app()?).await.map_err(|e| e.to_string())?;
            Ok(js_sys::Date::now() - start)
        })
    });
    let outbox_len = Closure::<dyn Fn() -> Promise>::new(|| {
        promise(async {
            let local = local::get().ok_or("not started")?;
            let n = local.store.outbox_len().await.map_err(|e| e.to_string())?;
            Ok(f64::from(n))
        })
    });
    let refresh = Closure::<dyn Fn() -> Promise>::new(|| {
        promise(async {
            let start = js_sys::Date::now();
            app()?.refresh().await;
            Ok(js_sys::Date::now() - start)
        })
    });
    set(&hooks, "importCases", import.as_ref().unchecked_ref());
    set(&hooks, "syncNow", sync_now.as_ref().unchecked_ref());
    set(&hooks, "outboxLen", outbox_len.as_ref().unchecked_ref());
    let case_count = Closure::<dyn Fn() -> Promise>::new(|| {
        promise(async {
            use leptos::prelude::WithUntracked;
            Ok(app()?.cases.with_untracked(Vec::len) as f64)
        })
    });
    set(&hooks, "refresh", refresh.as_ref().unchecked_ref());
    set(&hooks, "caseCount", case_count.as_ref().unchecked_ref());
    // The hooks live as long as the page.
    import.forget();
    sync_now.forget();
    outbox_len.forget();
    refresh.forget();
    case_count.forget();
    let _ = Reflect::set(&leptos::prelude::window(), &"homewardBench".into(), &hooks);
}
