//! Soft and hard deletion: `POST /events/archive`, `GET /events/archived` and
//! `DELETE /events/archived`.

use std::time::Duration;

use serde_json::json;

use crate::http_common::{
    EVENT_KEYS, archive_ids, get_text, keys, listed_ids, post_at, post_many, total_events,
};
use crate::support::TestServer;

/// Posts events `a`, `b` and `c` at 08:00, 08:10 and 08:20 UTC.
async fn post_three(server: &TestServer) {
    post_at(server, "a", "2026-01-01T08:00:00Z", 20).await;
    post_at(server, "b", "2026-01-01T08:10:00Z", 30).await;
    post_at(server, "c", "2026-01-01T08:20:00Z", 40).await;
}

/// Waits long enough for the millisecond `archived_at` clock to move on.
async fn let_clock_advance() {
    tokio::time::sleep(Duration::from_millis(20)).await;
}

async fn archive_by_ids_response(server: &TestServer) {
    post_three(server).await;
    let (status, body) = server
        .post_json("/events/archive", &json!({"event_ids": ["a"]}))
        .await;
    assert_eq!(status, 200, "archive returned {body}");
    let expected = json!({"archived_count": 1, "message": "Successfully archived 1 events"});
    assert_eq!(body, expected, "archive response");
}

async fn archive_skips_unknown_ids(server: &TestServer) {
    post_three(server).await;
    let count = archive_ids(server, &["a", "missing"]).await;
    assert_eq!(count, 1, "archived count for one stored and one unknown id");
}

async fn archive_skips_archived_ids(server: &TestServer) {
    post_three(server).await;
    archive_ids(server, &["a"]).await;
    let count = archive_ids(server, &["a", "b"]).await;
    assert_eq!(count, 1, "archived count when `a` is already archived");
}

async fn archive_hides_from_listing(server: &TestServer) {
    post_three(server).await;
    archive_ids(server, &["b"]).await;
    let ids = listed_ids(server, "/events").await;
    assert_eq!(ids, ["c", "a"], "listing after archiving b");
}

async fn include_archived_lists_all(server: &TestServer) {
    post_three(server).await;
    archive_ids(server, &["b"]).await;
    for flag in ["true", "1", "yes", "on", "True"] {
        let ids = listed_ids(server, &format!("/events?include_archived={flag}")).await;
        assert_eq!(ids, ["c", "b", "a"], "listing with include_archived={flag}");
    }
}

async fn include_archived_false_hides(server: &TestServer) {
    post_three(server).await;
    archive_ids(server, &["b"]).await;
    for flag in ["false", "0", "no", "off"] {
        let ids = listed_ids(server, &format!("/events?include_archived={flag}")).await;
        assert_eq!(ids, ["c", "a"], "listing with include_archived={flag}");
    }
}

async fn client_archived_flag_hides(server: &TestServer) {
    post_three(server).await;
    let event =
        json!({"_id": "pre-archived", "archived": true, "event_timestamp": "2026-01-01T09:00:00Z"});
    crate::http_common::post_event(server, &event).await;
    let ids = listed_ids(server, "/events").await;
    assert_eq!(
        ids,
        ["c", "b", "a"],
        "listing with an event posted as archived"
    );
    let archived = listed_ids(server, "/events/archived").await;
    assert_eq!(
        archived,
        ["pre-archived"],
        "archived listing with an event posted as archived"
    );
}

async fn archived_event_still_fetched(server: &TestServer) {
    post_three(server).await;
    archive_ids(server, &["a"]).await;
    let (status, body) = server.get("/event/a").await;
    assert_eq!(status, 200, "GET of an archived event returned {body}");
    assert_eq!(body["archived"], true, "archived flag in {body}");
    assert_eq!(keys(&body), EVENT_KEYS, "key order of an archived event");
}

async fn archived_at_is_naive_milliseconds(server: &TestServer) {
    post_three(server).await;
    archive_ids(server, &["a"]).await;
    let (_, body) = server.get("/event/a").await;
    let archived_at = body["archived_at"].as_str().unwrap_or_default();
    let pattern = regex::Regex::new(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3}000)?$")
        .expect("valid pattern");
    assert!(
        pattern.is_match(archived_at),
        "archived_at `{archived_at}` is not naive UTC in ms"
    );
}

async fn archived_at_is_now_utc(server: &TestServer) {
    post_three(server).await;
    let before = chrono::Utc::now().naive_utc();
    archive_ids(server, &["a"]).await;
    let after = chrono::Utc::now().naive_utc();
    let (_, body) = server.get("/event/a").await;
    let text = body["archived_at"].as_str().unwrap_or_default();
    let archived_at = chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
        .unwrap_or_else(|error| panic!("archived_at `{text}` does not parse: {error}"));
    let slack = chrono::Duration::seconds(1);
    assert!(
        archived_at >= before - slack,
        "archived_at {archived_at} is before {before}"
    );
    assert!(
        archived_at <= after + slack,
        "archived_at {archived_at} is after {after}"
    );
}

async fn archive_by_date_strictly_before(server: &TestServer) {
    post_three(server).await;
    let request = json!({"before_date": "2026-01-01T08:10:00Z"});
    let (status, body) = server.post_json("/events/archive", &request).await;
    assert_eq!(status, 200, "archive by date returned {body}");
    assert_eq!(
        body["archived_count"], 1,
        "only `a` is before 08:10: {body}"
    );
    let ids = listed_ids(server, "/events").await;
    assert_eq!(ids, ["c", "b"], "listing after archiving before 08:10");
}

async fn archive_duplicate_ids_once(server: &TestServer) {
    post_three(server).await;
    let count = archive_ids(server, &["a", "a", "b", "a"]).await;
    assert_eq!(count, 2, "archived count for ids `a` and `b` with repeats");
}

async fn archive_before_unix_seconds(server: &TestServer) {
    post_three(server).await;
    // 1767255000 is 2026-01-01T08:10:00Z.
    let request = json!({"before_date": 1_767_255_000});
    let (status, body) = server.post_json("/events/archive", &request).await;
    assert_eq!(status, 200, "archive before unix time returned {body}");
    assert_eq!(
        body["archived_count"], 1,
        "only `a` is before 08:10Z: {body}"
    );
}

async fn archive_by_date_loops_batches(server: &TestServer) {
    post_many(server, "bulk", 25, 25).await;
    let request = json!({"before_date": "2027-01-01T00:00:00Z", "batch_size": 10});
    let (status, body) = server.post_json("/events/archive", &request).await;
    assert_eq!(status, 200, "archive by date returned {body}");
    assert_eq!(
        body["archived_count"], 25,
        "archived count with batch_size 10: {body}"
    );
}

async fn archive_ids_ignore_before_date(server: &TestServer) {
    post_three(server).await;
    let request = json!({"event_ids": ["c"], "before_date": "2027-01-01T00:00:00Z"});
    let (status, body) = server.post_json("/events/archive", &request).await;
    assert_eq!(status, 200, "archive returned {body}");
    assert_eq!(
        body["archived_count"], 1,
        "before_date must be ignored when ids are given"
    );
}

async fn archive_batch_size_zero_uses_default(server: &TestServer) {
    post_three(server).await;
    let request = json!({"event_ids": ["a", "b"], "batch_size": 0});
    let (status, body) = server.post_json("/events/archive", &request).await;
    assert_eq!(status, 200, "batch_size 0 returned {body}");
    assert_eq!(
        body["archived_count"], 2,
        "archived count with batch_size 0: {body}"
    );
}

async fn archive_without_target_422(server: &TestServer) {
    let (status, body) = server.post_json("/events/archive", &json!({})).await;
    assert_eq!(status, 422, "archive of `{{}}` returned {body}");
    let expected = json!({"detail": [{
        "type": "value_error",
        "loc": ["body"],
        "msg": "Value error, Either event_ids or before_date must be provided",
        "input": {},
        "ctx": {"error": {}},
    }]});
    assert_eq!(body, expected, "422 body for an archive without a target");
}

async fn archive_empty_ids_422(server: &TestServer) {
    for request in [
        json!({"event_ids": []}),
        json!({"event_ids": null, "before_date": null}),
    ] {
        let (status, body) = server.post_json("/events/archive", &request).await;
        assert_eq!(status, 422, "archive of {request} returned {body}");
        let msg = &body["detail"][0]["msg"];
        assert_eq!(
            msg, "Value error, Either event_ids or before_date must be provided",
            "{body}"
        );
    }
}

async fn archive_bad_fields_422(server: &TestServer) {
    let cases = [
        (json!({"event_ids": "a"}), json!(["body", "event_ids"])),
        (json!({"event_ids": [1]}), json!(["body", "event_ids", 0])),
        (
            json!({"before_date": "soon"}),
            json!(["body", "before_date"]),
        ),
        (
            json!({"event_ids": ["a"], "batch_size": "big"}),
            json!(["body", "batch_size"]),
        ),
    ];
    for (request, loc) in cases {
        let (status, body) = server.post_json("/events/archive", &request).await;
        assert_eq!(status, 422, "archive of {request} returned {body}");
        assert_eq!(
            body["detail"][0]["loc"], loc,
            "error loc for {request}: {body}"
        );
    }
}

async fn archive_missing_body_422(server: &TestServer) {
    let response = server
        .client
        .post(server.url("/events/archive"))
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status().as_u16(), 422, "archive without a body");
}

async fn archived_list_empty(server: &TestServer) {
    post_three(server).await;
    let (status, text) = get_text(server, "/events/archived").await;
    assert_eq!(status, 200, "GET /events/archived returned {text}");
    assert_eq!(text, "{}", "archived listing without archived events");
}

async fn archived_list_only_archived(server: &TestServer) {
    post_three(server).await;
    archive_ids(server, &["b"]).await;
    let (_, body) = server.get("/events/archived").await;
    assert_eq!(
        crate::http_common::map_ids(&body),
        ["b"],
        "archived listing"
    );
    assert_eq!(
        keys(&body["b"]),
        EVENT_KEYS,
        "key order in the archived listing"
    );
    assert_eq!(body["b"]["archived"], true, "archived flag in {body}");
}

async fn archived_list_newest_archive_first(server: &TestServer) {
    post_three(server).await;
    archive_ids(server, &["c"]).await;
    let_clock_advance().await;
    archive_ids(server, &["a"]).await;
    let_clock_advance().await;
    archive_ids(server, &["b"]).await;
    let ids = listed_ids(server, "/events/archived").await;
    assert_eq!(
        ids,
        ["b", "a", "c"],
        "archived listing, most recently archived first"
    );
}

async fn archived_list_pages(server: &TestServer) {
    post_three(server).await;
    for id in ["c", "a", "b"] {
        archive_ids(server, &[id]).await;
        let_clock_advance().await;
    }
    let ids = listed_ids(server, "/events/archived?number=1&offset=1").await;
    assert_eq!(ids, ["a"], "archived listing with number=1&offset=1");
}

async fn archived_list_bad_number_422(server: &TestServer) {
    let (status, body) = server.get("/events/archived?number=abc").await;
    assert_eq!(status, 422, "number=abc returned {body}");
    assert_eq!(
        body["detail"][0]["loc"],
        json!(["query", "number"]),
        "error loc in {body}"
    );
}

async fn purge_default_keeps_recent(server: &TestServer) {
    post_three(server).await;
    archive_ids(server, &["a"]).await;
    let (status, body) = server.delete("/events/archived").await;
    assert_eq!(status, 200, "purge returned {body}");
    let expected = json!({
        "deleted_count": 0,
        "message": "Permanently deleted 0 archived events older than 365 days",
    });
    assert_eq!(body, expected, "purge of events archived just now");
}

async fn purge_zero_days_deletes_archived(server: &TestServer) {
    post_three(server).await;
    archive_ids(server, &["a", "b"]).await;
    let_clock_advance().await;
    let (status, body) = server.delete("/events/archived?older_than_days=0").await;
    assert_eq!(status, 200, "purge returned {body}");
    assert_eq!(body["deleted_count"], 2, "deleted count in {body}");
    let (status, _) = server.get("/event/a").await;
    assert_eq!(status, 404, "purged event `a` is still stored");
    assert_eq!(total_events(server).await, 1, "events left after the purge");
}

async fn purge_keeps_live_events(server: &TestServer) {
    post_three(server).await;
    archive_ids(server, &["a"]).await;
    let_clock_advance().await;
    server.delete("/events/archived?older_than_days=-1").await;
    let ids = listed_ids(server, "/events").await;
    assert_eq!(ids, ["c", "b"], "live events after a purge");
}

async fn purge_negative_days_deletes_all(server: &TestServer) {
    post_three(server).await;
    archive_ids(server, &["a", "b", "c"]).await;
    let (status, body) = server.delete("/events/archived?older_than_days=-1").await;
    assert_eq!(status, 200, "purge returned {body}");
    assert_eq!(body["deleted_count"], 3, "deleted count in {body}");
    let message = "Permanently deleted 3 archived events older than -1 days";
    assert_eq!(body["message"], message, "purge message in {body}");
}

async fn purge_bad_days_422(server: &TestServer) {
    let (status, body) = server.delete("/events/archived?older_than_days=abc").await;
    assert_eq!(status, 422, "older_than_days=abc returned {body}");
    assert_eq!(
        body["detail"][0]["loc"],
        json!(["query", "older_than_days"]),
        "loc in {body}"
    );
}

async fn purge_huge_days_is_client_error(server: &TestServer) {
    let (status, body) = server
        .delete("/events/archived?older_than_days=9999999999999")
        .await;
    assert!(
        (400..500).contains(&status),
        "a huge older_than_days returned {status}: {body}"
    );
}

crate::http_conformance!(
    archive_by_ids_response,
    archive_skips_unknown_ids,
    archive_skips_archived_ids,
    archive_hides_from_listing,
    include_archived_lists_all,
    include_archived_false_hides,
    client_archived_flag_hides,
    archived_event_still_fetched,
    archived_at_is_naive_milliseconds,
    archived_at_is_now_utc,
    archive_by_date_strictly_before,
    archive_duplicate_ids_once,
    archive_before_unix_seconds,
    archive_by_date_loops_batches,
    archive_ids_ignore_before_date,
    archive_batch_size_zero_uses_default,
    archive_without_target_422,
    archive_empty_ids_422,
    archive_bad_fields_422,
    archive_missing_body_422,
    archived_list_empty,
    archived_list_only_archived,
    archived_list_newest_archive_first,
    archived_list_pages,
    archived_list_bad_number_422,
    purge_default_keeps_recent,
    purge_zero_days_deletes_archived,
    purge_keeps_live_events,
    purge_negative_days_deletes_all,
    purge_bad_days_422,
    purge_huge_days_is_client_error,
);
