//! `GET /event/{event_id}` and `GET /events`: lookups, paging, level and time filters.

use serde_json::json;

use crate::http_common::{get_text, listed_ids, post_at, post_event, post_many};
use crate::support::TestServer;

/// Posts four events at 08:00, 08:10, 08:20 and 08:30 UTC with levels 20, 30, 40 and 50.
async fn post_four(server: &TestServer) {
    post_at(server, "info", "2026-01-01T08:00:00Z", 20).await;
    post_at(server, "warning", "2026-01-01T08:10:00Z", 30).await;
    post_at(server, "error", "2026-01-01T08:20:00Z", 40).await;
    post_at(server, "critical", "2026-01-01T08:30:00Z", 50).await;
}

async fn get_missing_event_404(server: &TestServer) {
    let (status, body) = server.get("/event/01NOSUCHEVENT0000000000000").await;
    assert_eq!(status, 404, "GET of a missing id returned {body}");
    let expected = json!({"detail": "Event with ID 01NOSUCHEVENT0000000000000 not found"});
    assert_eq!(body, expected, "404 body");
}

async fn get_event_by_id(server: &TestServer) {
    let posted = post_event(
        server,
        &json!({"event_id": "lookup", "event_data": {"k": "v"}}),
    )
    .await;
    let (status, body) = server.get("/event/lookup").await;
    assert_eq!(status, 200, "GET /event/lookup returned {body}");
    assert_eq!(body, posted, "fetched event differs from the posted one");
}

async fn get_event_with_escaped_id(server: &TestServer) {
    post_event(server, &json!({"_id": "run 7: pH ≥ 7"})).await;
    let (status, body) = server.get("/event/run%207%3A%20pH%20%E2%89%A5%207").await;
    assert_eq!(status, 200, "GET of a percent-encoded id returned {body}");
    assert_eq!(body["_id"], "run 7: pH ≥ 7", "id of the fetched event");
}

async fn empty_list_is_empty_object(server: &TestServer) {
    let (status, text) = get_text(server, "/events").await;
    assert_eq!(status, 200, "GET /events on an empty store returned {text}");
    assert_eq!(text, "{}", "body of an empty listing");
}

async fn list_newest_first(server: &TestServer) {
    post_at(server, "middle", "2026-01-01T08:10:00Z", 20).await;
    post_at(server, "newest", "2026-01-01T08:20:00Z", 20).await;
    post_at(server, "oldest", "2026-01-01T08:00:00Z", 20).await;
    let ids = listed_ids(server, "/events").await;
    assert_eq!(ids, ["newest", "middle", "oldest"], "listing order");
}

async fn list_keys_are_ids(server: &TestServer) {
    post_four(server).await;
    let (_, body) = server.get("/events").await;
    for (key, event) in body.as_object().expect("object") {
        assert_eq!(
            event["_id"],
            json!(key),
            "map key `{key}` differs from the event's `_id`"
        );
    }
}

async fn list_number_limits(server: &TestServer) {
    post_four(server).await;
    let ids = listed_ids(server, "/events?number=2").await;
    assert_eq!(ids, ["critical", "error"], "listing with number=2");
}

async fn list_default_number_is_100(server: &TestServer) {
    post_many(server, "bulk", 120, 16).await;
    let ids = listed_ids(server, "/events").await;
    assert_eq!(ids.len(), 100, "events listed without `number`");
}

async fn list_number_zero_returns_all(server: &TestServer) {
    post_many(server, "bulk", 120, 16).await;
    let ids = listed_ids(server, "/events?number=0").await;
    assert_eq!(ids.len(), 120, "events listed with number=0");
}

async fn list_offset_skips(server: &TestServer) {
    post_four(server).await;
    let ids = listed_ids(server, "/events?number=2&offset=1").await;
    assert_eq!(ids, ["error", "warning"], "listing with number=2&offset=1");
}

async fn list_offset_past_end_empty(server: &TestServer) {
    post_four(server).await;
    let ids = listed_ids(server, "/events?offset=10").await;
    assert!(ids.is_empty(), "listing past the end returned {ids:?}");
}

async fn list_level_is_minimum(server: &TestServer) {
    post_four(server).await;
    let ids = listed_ids(server, "/events?level=40").await;
    assert_eq!(ids, ["critical", "error"], "listing with level=40");
}

async fn list_level_accepts_names(server: &TestServer) {
    post_four(server).await;
    for name in ["WARNING", "warning", "EventLogLevel.WARNING"] {
        let ids = listed_ids(server, &format!("/events?level={name}")).await;
        assert_eq!(
            ids,
            ["critical", "error", "warning"],
            "listing with level={name}"
        );
    }
}

async fn list_level_accepts_plain_int(server: &TestServer) {
    post_four(server).await;
    let ids = listed_ids(server, "/events?level=25").await;
    assert_eq!(
        ids,
        ["critical", "error", "warning"],
        "listing with level=25"
    );
}

async fn list_level_rejects_unknown_name(server: &TestServer) {
    let (status, body) = server.get("/events?level=loud").await;
    assert_eq!(status, 422, "level=loud returned {body}");
    assert_eq!(
        body["detail"][0]["loc"],
        json!(["query", "level"]),
        "error loc in {body}"
    );
}

async fn list_number_abc_422(server: &TestServer) {
    let (status, body) = server.get("/events?number=abc").await;
    assert_eq!(status, 422, "number=abc returned {body}");
    let expected = json!({"detail": [{
        "type": "int_parsing",
        "loc": ["query", "number"],
        "msg": "Input should be a valid integer, unable to parse string as an integer",
        "input": "abc",
    }]});
    assert_eq!(body, expected, "422 body for number=abc");
}

async fn list_time_bounds_inclusive(server: &TestServer) {
    post_four(server).await;
    let path = "/events?start_time=2026-01-01T08:10:00Z&end_time=2026-01-01T08:20:00Z";
    let ids = listed_ids(server, path).await;
    assert_eq!(
        ids,
        ["error", "warning"],
        "listing between 08:10 and 08:20 inclusive"
    );
}

async fn list_start_time_alone(server: &TestServer) {
    post_four(server).await;
    let ids = listed_ids(server, "/events?start_time=2026-01-01T08:15:00Z").await;
    assert_eq!(ids, ["critical", "error"], "listing from 08:15");
}

async fn list_end_time_alone(server: &TestServer) {
    post_four(server).await;
    let ids = listed_ids(server, "/events?end_time=2026-01-01T08:15:00Z").await;
    assert_eq!(ids, ["warning", "info"], "listing up to 08:15");
}

async fn list_start_time_date_only(server: &TestServer) {
    // Two days apart, so the date-only bound falls between them in every time zone.
    post_at(server, "before", "2025-12-30T12:00:00Z", 20).await;
    post_at(server, "after", "2026-01-05T12:00:00Z", 20).await;
    let ids = listed_ids(server, "/events?start_time=2026-01-02").await;
    assert_eq!(ids, ["after"], "listing from the date 2026-01-02");
}

async fn list_start_time_unix_seconds(server: &TestServer) {
    post_four(server).await;
    // 1767255000 is 2026-01-01T08:10:00Z.
    let ids = listed_ids(server, "/events?start_time=1767255000").await;
    assert_eq!(
        ids,
        ["critical", "error", "warning"],
        "listing from unix time 1767255000"
    );
}

async fn list_bad_time_422(server: &TestServer) {
    let (status, body) = server.get("/events?start_time=yesterday").await;
    assert_eq!(status, 422, "start_time=yesterday returned {body}");
    assert_eq!(
        body["detail"][0]["loc"],
        json!(["query", "start_time"]),
        "error loc in {body}"
    );
}

async fn list_bad_bool_422(server: &TestServer) {
    let (status, body) = server.get("/events?include_archived=maybe").await;
    assert_eq!(status, 422, "include_archived=maybe returned {body}");
    assert_eq!(
        body["detail"][0]["loc"],
        json!(["query", "include_archived"]),
        "loc in {body}"
    );
}

async fn list_ignores_unknown_params(server: &TestServer) {
    post_four(server).await;
    let ids = listed_ids(server, "/events?limit=1&min_level=50&since=2h&search=x").await;
    assert_eq!(
        ids.len(),
        4,
        "unknown parameters changed the listing: {ids:?}"
    );
}

async fn list_reports_every_bad_param(server: &TestServer) {
    let (status, body) = server.get("/events?number=x&level=loud").await;
    assert_eq!(status, 422, "two bad parameters returned {body}");
    let locations = crate::http_common::error_locations(&body);
    assert!(
        locations.contains(&json!(["query", "number"])),
        "no `number` error in {body}"
    );
    assert!(
        locations.contains(&json!(["query", "level"])),
        "no `level` error in {body}"
    );
}

crate::http_conformance!(
    get_missing_event_404,
    get_event_by_id,
    get_event_with_escaped_id,
    empty_list_is_empty_object,
    list_newest_first,
    list_keys_are_ids,
    list_number_limits,
    list_default_number_is_100,
    list_number_zero_returns_all,
    list_offset_skips,
    list_offset_past_end_empty,
    list_level_is_minimum,
    list_level_accepts_names,
    list_level_accepts_plain_int,
    list_level_rejects_unknown_name,
    list_number_abc_422,
    list_time_bounds_inclusive,
    list_start_time_alone,
    list_end_time_alone,
    list_start_time_date_only,
    list_start_time_unix_seconds,
    list_bad_time_422,
    list_bad_bool_422,
    list_ignores_unknown_params,
    list_reports_every_bad_param,
);
