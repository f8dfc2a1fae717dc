//! Time semantics: filters and sorting compare instants, not timestamp text, and timestamps
//! without an offset are read in the zone given by `--naive-timezone`.

use serde_json::json;

use crate::http_common::{get_text, listed_ids, post_at, post_event, query_ids};
use crate::support::{Backend, ServerOptions, TestServer};

async fn start_in_zone(zone: &str) -> TestServer {
    let args = vec!["--naive-timezone".to_owned(), zone.to_owned()];
    TestServer::start_with(
        Backend::Sqlite,
        ServerOptions {
            args,
            env: Vec::new(),
        },
    )
    .await
}

async fn offset_event_outside_start_bound(server: &TestServer) {
    // 10:00+02:00 is 08:00Z, before the 09:30Z bound, although its text sorts after it.
    post_at(server, "eight-utc", "2026-01-01T10:00:00+02:00", 20).await;
    post_at(server, "nine-45-utc", "2026-01-01T09:45:00Z", 20).await;
    let ids = listed_ids(server, "/events?start_time=2026-01-01T09:30:00Z").await;
    assert_eq!(ids, ["nine-45-utc"], "listing from 09:30Z");
}

async fn offset_event_outside_end_bound(server: &TestServer) {
    // 07:00-05:00 is 12:00Z, after the 10:00Z bound, although its text sorts before it.
    post_at(server, "noon-utc", "2026-01-01T07:00:00-05:00", 20).await;
    post_at(server, "nine-utc", "2026-01-01T09:00:00Z", 20).await;
    let ids = listed_ids(server, "/events?end_time=2026-01-01T10:00:00Z").await;
    assert_eq!(ids, ["nine-utc"], "listing up to 10:00Z");
}

async fn bound_with_offset_compares_instants(server: &TestServer) {
    post_at(server, "eight-utc", "2026-01-01T08:00:00Z", 20).await;
    post_at(server, "nine-utc", "2026-01-01T09:00:00Z", 20).await;
    // 10:30+02:00 is 08:30Z.
    let ids = listed_ids(server, "/events?start_time=2026-01-01T10:30:00%2B02:00").await;
    assert_eq!(ids, ["nine-utc"], "listing from 10:30+02:00");
}

async fn sort_by_instant_across_offsets(server: &TestServer) {
    post_at(server, "seven-utc", "2026-01-01T09:00:00+02:00", 20).await;
    post_at(server, "eight-utc", "2026-01-01T08:00:00Z", 20).await;
    post_at(server, "eight-15-utc", "2026-01-01T10:15:00+02:00", 20).await;
    // Naive times a day away from the others, so their order is the same in every zone.
    post_at(server, "naive-next-day", "2026-01-02T00:00:00", 20).await;
    post_at(server, "naive-day-before", "2025-12-31T12:00:00", 20).await;
    let ids = listed_ids(server, "/events").await;
    let expected = [
        "naive-next-day",
        "eight-15-utc",
        "eight-utc",
        "seven-utc",
        "naive-day-before",
    ];
    assert_eq!(ids, expected, "newest-first order");
}

async fn fraction_sorts_after_whole_second(server: &TestServer) {
    post_at(server, "whole", "2026-01-01T08:00:00Z", 20).await;
    post_at(server, "half", "2026-01-01T08:00:00.5Z", 20).await;
    let ids = listed_ids(server, "/events").await;
    assert_eq!(
        ids,
        ["half", "whole"],
        "08:00:00.5Z must sort before 08:00:00Z"
    );
}

async fn offset_text_kept(server: &TestServer) {
    post_at(server, "kept", "2026-01-01T10:00:00+02:00", 20).await;
    let (_, fetched) = server.get("/event/kept").await;
    assert_eq!(
        fetched["event_timestamp"], "2026-01-01T10:00:00+02:00",
        "GET /event/kept"
    );
    let (_, listed) = server.get("/events").await;
    assert_eq!(
        listed["kept"]["event_timestamp"], "2026-01-01T10:00:00+02:00",
        "GET /events"
    );
    let (_, queried) = server
        .post_json("/events/query", &json!({"_id": "kept"}))
        .await;
    let timestamp = &queried["kept"]["event_timestamp"];
    assert_eq!(timestamp, "2026-01-01T10:00:00+02:00", "POST /events/query");
}

async fn naive_text_kept(server: &TestServer) {
    post_at(server, "naive", "2026-01-01T08:00:00.250", 20).await;
    let (_, text) = get_text(server, "/event/naive").await;
    let expected = r#""event_timestamp":"2026-01-01T08:00:00.250000","#;
    assert!(text.contains(expected), "stored naive timestamp in {text}");
}

async fn archive_before_date_compares_instants(server: &TestServer) {
    // 10:00+02:00 is 08:00Z, before the 08:30Z bound, although its text sorts after it.
    post_at(server, "eight-utc", "2026-01-01T10:00:00+02:00", 20).await;
    post_at(server, "nine-utc", "2026-01-01T09:00:00Z", 20).await;
    let request = json!({"before_date": "2026-01-01T08:30:00Z"});
    let (status, body) = server.post_json("/events/archive", &request).await;
    assert_eq!(status, 200, "archive before 08:30Z returned {body}");
    assert_eq!(body["archived_count"], 1, "archived count in {body}");
    let (_, archived) = server.get("/event/eight-utc").await;
    assert_eq!(
        archived["archived"], true,
        "the 08:00Z event was not archived: {archived}"
    );
}

async fn date_selector_compares_instants(server: &TestServer) {
    post_at(server, "eight-utc", "2026-01-01T10:00:00+02:00", 20).await;
    post_at(server, "nine-utc", "2026-01-01T09:00:00Z", 20).await;
    let selector = json!({"event_timestamp": {"$lt": {"$date": "2026-01-01T08:30:00Z"}}});
    let ids = query_ids(server, &selector).await;
    assert_eq!(
        ids,
        crate::http_common::id_set(&["eight-utc"]),
        "events before 08:30Z"
    );
}

#[tokio::test]
async fn naive_utc_inside_window() {
    let server = start_in_zone("UTC").await;
    post_at(&server, "naive", "2026-01-01T08:00:00", 20).await;
    let path = "/events?start_time=2026-01-01T07:30:00Z&end_time=2026-01-01T08:30:00Z";
    let ids = listed_ids(&server, path).await;
    assert_eq!(
        ids,
        ["naive"],
        "naive 08:00 read as UTC, listed between 07:30Z and 08:30Z"
    );
}

#[tokio::test]
async fn naive_plus_five_outside_window() {
    let server = start_in_zone("+05:00").await;
    post_at(&server, "naive", "2026-01-01T08:00:00", 20).await;
    let path = "/events?start_time=2026-01-01T07:30:00Z&end_time=2026-01-01T08:30:00Z";
    let ids = listed_ids(&server, path).await;
    assert!(
        ids.is_empty(),
        "naive 08:00 at +05:00 is 03:00Z, yet listed: {ids:?}"
    );
}

#[tokio::test]
async fn naive_plus_five_inside_shifted_window() {
    let server = start_in_zone("+05:00").await;
    post_at(&server, "naive", "2026-01-01T08:00:00", 20).await;
    let path = "/events?start_time=2026-01-01T02:30:00Z&end_time=2026-01-01T03:30:00Z";
    let ids = listed_ids(&server, path).await;
    assert_eq!(
        ids,
        ["naive"],
        "naive 08:00 at +05:00, listed between 02:30Z and 03:30Z"
    );
}

#[tokio::test]
async fn naive_plus_five_keeps_text() {
    let server = start_in_zone("+05:00").await;
    let body = post_event(&server, &json!({"event_timestamp": "2026-01-01T08:00:00"})).await;
    assert_eq!(
        body["event_timestamp"], "2026-01-01T08:00:00",
        "naive text changed: {body}"
    );
}

#[tokio::test]
async fn naive_bound_read_in_zone() {
    let server = start_in_zone("+05:00").await;
    post_at(&server, "two-utc", "2026-01-01T02:00:00Z", 20).await;
    post_at(&server, "four-utc", "2026-01-01T04:00:00Z", 20).await;
    // The naive bound 08:00 at +05:00 is 03:00Z.
    let ids = listed_ids(&server, "/events?start_time=2026-01-01T08:00:00").await;
    assert_eq!(ids, ["four-utc"], "listing from naive 08:00 at +05:00");
}

#[tokio::test]
async fn naive_sorted_in_zone() {
    let server = start_in_zone("+05:00").await;
    // Naive 08:00 at +05:00 is 03:00Z, between the other two.
    post_at(&server, "naive", "2026-01-01T08:00:00", 20).await;
    post_at(&server, "two-utc", "2026-01-01T02:00:00Z", 20).await;
    post_at(&server, "four-utc", "2026-01-01T04:00:00Z", 20).await;
    let ids = listed_ids(&server, "/events").await;
    assert_eq!(
        ids,
        ["four-utc", "naive", "two-utc"],
        "newest-first order at +05:00"
    );
}

#[tokio::test]
async fn naive_iana_zone_inside_window() {
    let server = start_in_zone("America/New_York").await;
    post_at(&server, "naive", "2026-01-01T08:00:00", 20).await;
    // New York is at -05:00 in January, so naive 08:00 is 13:00Z.
    let path = "/events?start_time=2026-01-01T12:30:00Z&end_time=2026-01-01T13:30:00Z";
    let ids = listed_ids(&server, path).await;
    assert_eq!(
        ids,
        ["naive"],
        "naive 08:00 in New York, listed between 12:30Z and 13:30Z"
    );
}

#[tokio::test]
async fn naive_dst_gap_maps_forward() {
    let server = start_in_zone("America/New_York").await;
    // 02:30 does not exist on 2026-03-08 in New York; the gap ends at 03:00-04:00, 07:00Z.
    post_at(&server, "skipped", "2026-03-08T02:30:00", 20).await;
    let path = "/events?start_time=2026-03-08T06:59:00Z&end_time=2026-03-08T07:01:00Z";
    let ids = listed_ids(&server, path).await;
    assert_eq!(
        ids,
        ["skipped"],
        "a naive time in the spring gap, listed around 07:00Z"
    );
}

#[tokio::test]
async fn naive_dst_overlap_takes_earlier() {
    let server = start_in_zone("America/New_York").await;
    // 01:30 happens twice on 2026-11-01 in New York: first at -04:00 (05:30Z), then at -05:00.
    post_at(&server, "repeated", "2026-11-01T01:30:00", 20).await;
    let path = "/events?start_time=2026-11-01T05:29:00Z&end_time=2026-11-01T05:31:00Z";
    let ids = listed_ids(&server, path).await;
    assert_eq!(
        ids,
        ["repeated"],
        "a naive time in the autumn overlap, listed around 05:30Z"
    );
}

#[tokio::test]
async fn unknown_zone_fails_start() {
    let dir = tempfile::tempdir().expect("temp dir");
    let stderr_path = dir.path().join("server.stderr");
    let stderr = std::fs::File::create(&stderr_path).expect("create stderr file");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_madsci-events"))
        .current_dir(dir.path())
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--naive-timezone",
            "Mars/Olympus_Mons",
        ])
        .arg("--db-url")
        .arg(format!(
            "sqlite://{}",
            dir.path().join("events.db").display()
        ))
        .env("MADSCI_SETTINGS_DIR", dir.path())
        .stdout(std::process::Stdio::null())
        .stderr(stderr)
        .spawn()
        .expect("spawn madsci-events serve");
    let mut status = None;
    for _ in 0..200 {
        status = child.try_wait().expect("poll the server process");
        if status.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    if status.is_none() {
        let _ = child.kill();
        let _ = child.wait();
    }
    let stderr = std::fs::read_to_string(&stderr_path).unwrap_or_default();
    assert!(
        status.is_some(),
        "the server kept running with an unknown zone: {stderr}"
    );
    assert!(
        status.is_some_and(|status| !status.success()),
        "exit status with an unknown zone"
    );
    assert!(
        stderr.contains("Mars/Olympus_Mons"),
        "the error does not name the zone: {stderr}"
    );
}

#[tokio::test]
async fn naive_archive_bound_in_zone() {
    let server = start_in_zone("+05:00").await;
    post_at(&server, "naive", "2026-01-01T08:00:00", 20).await;
    // Naive 08:00 at +05:00 is 03:00Z, before the 04:00Z bound.
    let request = json!({"before_date": "2026-01-01T04:00:00Z"});
    let (status, body) = server.post_json("/events/archive", &request).await;
    assert_eq!(status, 200, "archive returned {body}");
    assert_eq!(body["archived_count"], 1, "archived count in {body}");
}

crate::http_conformance!(
    offset_event_outside_start_bound,
    offset_event_outside_end_bound,
    bound_with_offset_compares_instants,
    sort_by_instant_across_offsets,
    fraction_sorts_after_whole_second,
    offset_text_kept,
    naive_text_kept,
    archive_before_date_compares_instants,
    date_selector_compares_instants,
);
