//! `homeward-server audit export --case ID`: a case's whole trail as JSON lines, with who, which
//! device, when and what, for every read, change and refusal.

mod common;

use common::device::Device;
use common::TestApp;
use homeward_server::audit::Row;
use serde_json::json;
use std::process::Command;
use uuid::Uuid;

#[tokio::test]
async fn audit_export_prints_every_read_change_and_refusal_of_one_case_as_json_lines() {
    let app = TestApp::with_team().await;
    let mut ffion = Device::new(&app, "ffion", "ffion_tab").await;
    let mut dylan = Device::new(&app, "dylan", "dylan_tab").await;
    let case = Uuid::now_v7();
    let other = Uuid::now_v7();
    ffion.edit_case(1_000, case, "child_name", json!("Cerys"));
    ffion.edit_case(1_001, case, "note", json!("First visit."));
    ffion.edit_case(1_002, other, "child_name", json!("Osian"));
    ffion.sync(&app).await;
    // Dylan tries to write into Ffion's case.
    dylan.edit_case(2_000, case, "note", json!("Not mine to write."));
    dylan.sync(&app).await;

    let out = Command::new(env!("CARGO_BIN_EXE_homeward-server"))
        .env("DATABASE_URL", &app.db.url)
        .env("RUST_LOG", "warn")
        .args(["audit", "export", "--case", &case.to_string()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<Row> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert!(rows
        .iter()
        .all(|r| r.case_id.as_deref() == Some(&case.to_string())));
    assert!(rows
        .windows(2)
        .all(|w| w[0].id < w[1].id && w[0].at <= w[1].at));
    let ffion_tab = common::device("ffion_tab").to_string();
    let pushes: Vec<&Row> = rows.iter().filter(|r| r.action == "push").collect();
    assert_eq!(pushes.len(), 2);
    assert!(pushes
        .iter()
        .all(|r| r.username == "ffion" && r.device_id.as_deref() == Some(&ffion_tab)));
    assert!(pushes[0].detail.contains("case.child_name"));
    assert!(pushes[1].detail.contains("case.note"));
    assert!(rows.iter().any(|r| r.action == "pull"
        && r.username == "ffion"
        && r.device_id.as_deref() == Some(&ffion_tab)));
    assert!(rows
        .iter()
        .any(|r| r.action == "refused" && r.username == "dylan" && r.detail.contains("no access")));
    // The other case's lines are not in this export.
    assert!(!rows.iter().any(|r| r.detail.contains("Osian")));

    let bad = Command::new(env!("CARGO_BIN_EXE_homeward-server"))
        .env("DATABASE_URL", &app.db.url)
        .args(["audit", "export", "--case", "not-a-case-id"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
}
