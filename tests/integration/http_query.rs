//! `POST /events/query`: raw MongoDB selectors over the stored documents, and their errors.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::http_common::{archive_ids, id_set, map_ids, post_event, post_many, query_ids};
use crate::support::TestServer;

const NODE_A: &str = "01M90V2W7QHNBC810AP00DWNXW";
const NODE_B: &str = "01M90V2W7QHNBC810AP00DWNXY";
const WORKCELL: &str = "01M90V2W7QHNBC810AP00DWNXZ";

/// Posts five events that the selector tests below query:
///
/// | id | type | level | alert | instant | source | event_data |
/// |---|---|---|---|---|---|---|
/// | e1 | log_info | 20 | no | 08:00Z | node A | gripper message, tags, two samples |
/// | e2 | log_warning | 30 | no | 08:15Z (+02:00) | node B, workcell | disk message, one sample |
/// | e3 | log_error | 40 | yes | 08:30Z | workcell | jammed message, three tags, no samples |
/// | e4 | node_create | 20 | no | 07:00Z (+02:00) | node A | node name only |
/// | e5 | log | 50 | no | 09:00Z | none | a string |
async fn post_fixture(server: &TestServer) {
    let events = [
        json!({
            "_id": "e1", "event_type": "log_info", "log_level": 20,
            "event_timestamp": "2026-01-01T08:00:00Z", "source": {"node_id": NODE_A},
            "event_data": {
                "message": "Gripper closed", "force": 12.5, "tags": ["robot", "gripper"],
                "samples": [{"name": "s1", "mass": 3}, {"name": "s2", "mass": 7}],
            },
        }),
        json!({
            "_id": "e2", "event_type": "log_warning", "log_level": 30,
            "event_timestamp": "2026-01-01T10:15:00+02:00",
            "source": {"node_id": NODE_B, "workcell_id": WORKCELL},
            "event_data": {
                "message": "Disk almost FULL", "force": 3, "tags": ["disk"],
                "samples": [{"name": "s3", "mass": 5}],
            },
        }),
        json!({
            "_id": "e3", "event_type": "log_error", "log_level": 40, "alert": true,
            "event_timestamp": "2026-01-01T08:30:00Z", "source": {"workcell_id": WORKCELL},
            "event_data": {
                "message": "gripper jammed", "tags": ["robot", "gripper", "error"], "samples": [],
            },
        }),
        json!({
            "_id": "e4", "event_type": "node_create", "log_level": 20,
            "event_timestamp": "2026-01-01T09:00:00+02:00", "source": {"node_id": NODE_A},
            "event_data": {"node_name": "arm"},
        }),
        json!({
            "_id": "e5", "event_type": "log", "log_level": 50,
            "event_timestamp": "2026-01-01T09:00:00Z", "event_data": "plain string payload",
        }),
    ];
    for event in &events {
        post_event(server, event).await;
    }
}

/// Runs each selector and compares the matching ids with the expected ones.
async fn check_selectors(server: &TestServer, cases: &[(Value, &[&str])]) {
    post_fixture(server).await;
    for (selector, expected) in cases {
        let ids = query_ids(server, selector).await;
        assert_eq!(ids, id_set(expected), "ids matched by {selector}");
    }
}

async fn empty_selector_matches_all(server: &TestServer) {
    check_selectors(server, &[(json!({}), &["e1", "e2", "e3", "e4", "e5"])]).await;
}

async fn equality_selectors(server: &TestServer) {
    let cases: [(Value, &[&str]); 5] = [
        (json!({"event_type": "node_create"}), &["e4"]),
        (json!({"log_level": 30}), &["e2"]),
        (json!({"alert": true}), &["e3"]),
        (json!({"event_data": "plain string payload"}), &["e5"]),
        (
            json!({"event_type": "node_create", "log_level": {"$gte": 20}}),
            &["e4"],
        ),
    ];
    check_selectors(server, &cases).await;
}

async fn comparison_operators(server: &TestServer) {
    let cases: [(Value, &[&str]); 7] = [
        (json!({"log_level": {"$eq": 40}}), &["e3"]),
        (json!({"log_level": {"$ne": 20}}), &["e2", "e3", "e5"]),
        (json!({"log_level": {"$gt": 20}}), &["e2", "e3", "e5"]),
        (json!({"log_level": {"$gte": 40}}), &["e3", "e5"]),
        (json!({"log_level": {"$lt": 30}}), &["e1", "e4"]),
        (json!({"log_level": {"$lte": 30}}), &["e1", "e2", "e4"]),
        (json!({"event_data.force": {"$gt": 10}}), &["e1"]),
    ];
    check_selectors(server, &cases).await;
}

async fn set_operators(server: &TestServer) {
    let cases: [(Value, &[&str]); 3] = [
        (
            json!({"event_type": {"$in": ["log_info", "node_create"]}}),
            &["e1", "e4"],
        ),
        (
            json!({"event_type": {"$nin": ["log_info", "node_create"]}}),
            &["e2", "e3", "e5"],
        ),
        (
            json!({"_id": {"$in": ["e1", "e3", "missing"]}}),
            &["e1", "e3"],
        ),
    ];
    check_selectors(server, &cases).await;
}

async fn exists_operator(server: &TestServer) {
    let cases: [(Value, &[&str]); 3] = [
        (
            json!({"event_data.tags": {"$exists": true}}),
            &["e1", "e2", "e3"],
        ),
        (
            json!({"event_data.tags": {"$exists": false}}),
            &["e4", "e5"],
        ),
        (
            json!({"source.workcell_id": {"$exists": true}}),
            &["e2", "e3"],
        ),
    ];
    check_selectors(server, &cases).await;
}

async fn regex_operator(server: &TestServer) {
    let cases: [(Value, &[&str]); 4] = [
        (
            json!({"event_data.message": {"$regex": "^gripper", "$options": "i"}}),
            &["e1", "e3"],
        ),
        (
            json!({"event_data.message": {"$regex": "^gripper"}}),
            &["e3"],
        ),
        (
            json!({"event_data.message": {"$regex": "full$", "$options": "i"}}),
            &["e2"],
        ),
        (
            json!({"event_data.message": {
                "$regularExpression": {"pattern": "^grip", "options": "i"},
            }}),
            &["e1", "e3"],
        ),
    ];
    check_selectors(server, &cases).await;
}

async fn logical_operators(server: &TestServer) {
    let cases: [(Value, &[&str]); 4] = [
        (
            json!({"$and": [{"log_level": {"$gte": 20}}, {"source.node_id": NODE_A}]}),
            &["e1", "e4"],
        ),
        (
            json!({"$or": [{"log_level": 50}, {"event_type": "node_create"}]}),
            &["e4", "e5"],
        ),
        (
            json!({"$nor": [{"log_level": 20}, {"alert": true}]}),
            &["e2", "e5"],
        ),
        (json!({"log_level": {"$not": {"$gte": 30}}}), &["e1", "e4"]),
    ];
    check_selectors(server, &cases).await;
}

async fn elem_match_operator(server: &TestServer) {
    let cases: [(Value, &[&str]); 3] = [
        (
            json!({"event_data.samples": {"$elemMatch": {"name": "s2", "mass": {"$gt": 5}}}}),
            &["e1"],
        ),
        // No single sample is both s1 and heavier than 5, unlike the dotted form below.
        (
            json!({"event_data.samples": {"$elemMatch": {"name": "s1", "mass": {"$gt": 5}}}}),
            &[],
        ),
        (
            json!({"event_data.samples.name": "s1", "event_data.samples.mass": {"$gt": 5}}),
            &["e1"],
        ),
    ];
    check_selectors(server, &cases).await;
}

async fn size_and_all_operators(server: &TestServer) {
    let cases: [(Value, &[&str]); 4] = [
        (json!({"event_data.samples": {"$size": 0}}), &["e3"]),
        (json!({"event_data.tags": {"$size": 2}}), &["e1"]),
        (
            json!({"event_data.tags": {"$all": ["robot", "gripper"]}}),
            &["e1", "e3"],
        ),
        (json!({"event_data.tags": {"$all": ["robot", "disk"]}}), &[]),
    ];
    check_selectors(server, &cases).await;
}

async fn dotted_paths_into_arrays(server: &TestServer) {
    let cases: [(Value, &[&str]); 4] = [
        (json!({"event_data.tags": "disk"}), &["e2"]),
        (json!({"event_data.samples.name": "s3"}), &["e2"]),
        (json!({"event_data.samples.mass": {"$gte": 7}}), &["e1"]),
        (json!({"event_data.samples.0.name": "s1"}), &["e1"]),
    ];
    check_selectors(server, &cases).await;
}

async fn source_paths(server: &TestServer) {
    let cases: [(Value, &[&str]); 3] = [
        (json!({"source.node_id": NODE_A}), &["e1", "e4"]),
        (
            json!({"source.workcell_id": WORKCELL, "log_level": {"$gte": 40}}),
            &["e3"],
        ),
        (json!({"source": {}}), &["e5"]),
    ];
    check_selectors(server, &cases).await;
}

async fn date_against_timestamp(server: &TestServer) {
    let cases: [(Value, &[&str]); 5] = [
        (
            json!({"event_timestamp": {"$gte": {"$date": "2026-01-01T08:15:00Z"}}}),
            &["e2", "e3", "e5"],
        ),
        (
            json!({"event_timestamp": {"$lt": {"$date": "2026-01-01T08:00:00Z"}}}),
            &["e4"],
        ),
        (
            json!({"event_timestamp": {
                "$gt": {"$date": "2026-01-01T07:30:00Z"},
                "$lt": {"$date": "2026-01-01T08:20:00Z"},
            }}),
            &["e1", "e2"],
        ),
        // 1767254400000 ms is 2026-01-01T08:00:00Z.
        (
            json!({"event_timestamp": {"$lte": {"$date": 1_767_254_400_000_i64}}}),
            &["e1", "e4"],
        ),
        (
            json!({"event_timestamp": {"$date": {"$numberLong": "1767254400000"}}}),
            &["e1"],
        ),
    ];
    check_selectors(server, &cases).await;
}

async fn id_selectors_with_conditions(server: &TestServer) {
    let cases: [(Value, &[&str]); 8] = [
        (
            json!({"_id": {"$in": ["e1", "e2"]}, "log_level": 30}),
            &["e2"],
        ),
        (json!({"_id": "e1", "log_level": 30}), &[]),
        (
            json!({"$or": [{"_id": "e1"}, {"log_level": 50}]}),
            &["e1", "e5"],
        ),
        (json!({"_id": {"$nin": ["e1", "e2"]}}), &["e3", "e4", "e5"]),
        (json!({"_id": {"$ne": "e1"}}), &["e2", "e3", "e4", "e5"]),
        (json!({"_id": {"$regex": "^e[12]$"}}), &["e1", "e2"]),
        (json!({"_id": {"$in": []}}), &[]),
        (json!({"_id": {"$gte": "e4"}}), &["e4", "e5"]),
    ];
    check_selectors(server, &cases).await;
}

async fn null_and_missing_fields(server: &TestServer) {
    let cases: [(Value, &[&str]); 4] = [
        (json!({"trace_id": null}), &["e1", "e2", "e3", "e4", "e5"]),
        (
            json!({"trace_id": {"$exists": true}}),
            &["e1", "e2", "e3", "e4", "e5"],
        ),
        (
            json!({"source.node_id": {"$ne": null}}),
            &["e1", "e2", "e4"],
        ),
        (json!({"source.node_id": null}), &["e3", "e5"]),
    ];
    check_selectors(server, &cases).await;
}

async fn numeric_and_type_bracketing(server: &TestServer) {
    let cases: [(Value, &[&str]); 4] = [
        (json!({"log_level": 20.0}), &["e1", "e4"]),
        (json!({"event_data.force": 12.5}), &["e1"]),
        // A string never equals or orders against a number.
        (json!({"log_level": {"$gt": "20"}}), &[]),
        (json!({"log_level": "30"}), &[]),
    ];
    check_selectors(server, &cases).await;
}

async fn array_values(server: &TestServer) {
    let cases: [(Value, &[&str]); 4] = [
        (json!({"event_data.tags": ["robot", "gripper"]}), &["e1"]),
        (json!({"event_data.tags": ["gripper", "robot"]}), &[]),
        (
            json!({"event_data.tags": {"$elemMatch": {"$eq": "error"}}}),
            &["e3"],
        ),
        (json!({"event_data.node_name": {"$size": 1}}), &[]),
    ];
    check_selectors(server, &cases).await;
}

async fn array_fan_out_semantics(server: &TestServer) {
    let cases: [(Value, &[&str]); 8] = [
        // Each condition may hold for a different element: e1 has 7 > 4 and 3 < 6.
        (
            json!({"event_data.samples.mass": {"$gt": 4, "$lt": 6}}),
            &["e1", "e2"],
        ),
        (
            json!({"event_data.samples": {"$elemMatch": {"mass": {"$gt": 4, "$lt": 6}}}}),
            &["e2"],
        ),
        (
            json!({"event_data.tags": {"$ne": "robot"}}),
            &["e2", "e4", "e5"],
        ),
        (
            json!({"event_data.tags": {"$nin": ["robot"]}}),
            &["e2", "e4", "e5"],
        ),
        (
            json!({"event_data.tags": {"$in": ["disk", "error"]}}),
            &["e2", "e3"],
        ),
        (json!({"event_data.tags.0": "robot"}), &["e1", "e3"]),
        (
            json!({"event_data.samples.name": {"$exists": true}}),
            &["e1", "e2"],
        ),
        (
            json!({"event_data.tags": {"$not": {"$size": 1}}}),
            &["e1", "e3", "e4", "e5"],
        ),
    ];
    check_selectors(server, &cases).await;
}

async fn type_and_mod_operators(server: &TestServer) {
    let cases: [(Value, &[&str]); 5] = [
        (json!({"event_data": {"$type": "string"}}), &["e5"]),
        (
            json!({"event_data.tags": {"$type": "array"}}),
            &["e1", "e2", "e3"],
        ),
        (json!({"event_data.force": {"$type": "double"}}), &["e1"]),
        (
            json!({"log_level": {"$type": "number"}}),
            &["e1", "e2", "e3", "e4", "e5"],
        ),
        (json!({"log_level": {"$mod": [20, 0]}}), &["e1", "e3", "e4"]),
    ];
    check_selectors(server, &cases).await;
}

async fn string_ordering_and_null_sets(server: &TestServer) {
    let cases: [(Value, &[&str]); 2] = [
        (json!({"event_type": {"$gt": "log_info"}}), &["e2", "e4"]),
        (
            json!({"source.node_id": {"$in": [null, NODE_B]}}),
            &["e2", "e3", "e5"],
        ),
    ];
    check_selectors(server, &cases).await;
}

async fn negated_regex(server: &TestServer) {
    let selector = json!({"event_data.message": {"$not": {"$regex": "gripper", "$options": "i"}}});
    check_selectors(server, &[(selector, &["e2", "e4", "e5"])]).await;
}

async fn query_includes_archived(server: &TestServer) {
    post_fixture(server).await;
    assert_eq!(archive_ids(server, &["e1"]).await, 1, "archived count");
    let ids = query_ids(server, &json!({"source.node_id": NODE_A})).await;
    assert_eq!(ids, id_set(&["e1", "e4"]), "query after archiving e1");
}

async fn query_matches_archived_flag(server: &TestServer) {
    post_fixture(server).await;
    archive_ids(server, &["e2", "e5"]).await;
    let ids = query_ids(server, &json!({"archived": true})).await;
    assert_eq!(ids, id_set(&["e2", "e5"]), "query for archived events");
}

async fn query_returns_stored_documents(server: &TestServer) {
    post_fixture(server).await;
    let (_, stored) = server.get("/event/e2").await;
    let (status, body) = server
        .post_json("/events/query", &json!({"_id": "e2"}))
        .await;
    assert_eq!(status, 200, "query returned {body}");
    assert_eq!(
        body,
        json!({"e2": stored}),
        "query result differs from GET /event/e2"
    );
}

async fn query_keeps_insertion_order(server: &TestServer) {
    post_fixture(server).await;
    let (_, body) = server.post_json("/events/query", &json!({})).await;
    assert_eq!(
        map_ids(&body),
        ["e1", "e2", "e3", "e4", "e5"],
        "query result order"
    );
}

async fn query_no_match_is_empty(server: &TestServer) {
    post_fixture(server).await;
    let response = server
        .client
        .post(server.url("/events/query"))
        .json(&json!({"log_level": 99}));
    let text = response
        .send()
        .await
        .expect("POST")
        .text()
        .await
        .expect("read body");
    assert_eq!(text, "{}", "body of a query without matches");
}

async fn query_missing_body_422(server: &TestServer) {
    let response = server
        .client
        .post(server.url("/events/query"))
        .send()
        .await
        .expect("POST");
    let status = response.status().as_u16();
    let body: Value = response.json().await.expect("JSON body");
    assert_eq!(status, 422, "query without a body returned {body}");
    let expected = json!({"detail": [{
        "type": "missing", "loc": ["body"], "msg": "Field required", "input": null,
    }]});
    assert_eq!(body, expected, "422 body for a missing selector");
}

async fn query_malformed_json_422(server: &TestServer) {
    let (status, body) = server.post_raw("/events/query", "{\"log_level\": ").await;
    assert_eq!(status, 422, "malformed selector returned {body}");
    assert_eq!(
        body["detail"][0]["type"], "json_invalid",
        "error type in {body}"
    );
}

async fn javascript_operators_rejected(server: &TestServer) {
    let selectors = [
        ("$where", json!({"$where": "this.log_level > 10"})),
        (
            "$function",
            json!({"$function": {"body": "function() { return true }", "args": [], "lang": "js"}}),
        ),
        (
            "$accumulator",
            json!({"$accumulator": {"init": "function() { return 0 }", "lang": "js"}}),
        ),
    ];
    for (operator, selector) in selectors {
        let (status, body) = server.post_json("/events/query", &selector).await;
        assert_eq!(status, 400, "selector {selector} returned {body}");
        let detail = body["detail"].as_str().unwrap_or_default();
        assert!(
            detail.contains(operator),
            "detail does not name `{operator}`: {body}"
        );
    }
}

async fn unknown_operator_rejected(server: &TestServer) {
    let cases = [
        ("$frobnicate", json!({"log_level": {"$frobnicate": 3}})),
        ("$bogus", json!({"$bogus": [{"log_level": 20}]})),
    ];
    for (operator, selector) in cases {
        let (status, body) = server.post_json("/events/query", &selector).await;
        assert_eq!(status, 400, "selector {selector} returned {body}");
        let detail = body["detail"].as_str().unwrap_or_default();
        assert!(
            detail.contains(operator),
            "detail does not name `{operator}`: {body}"
        );
    }
}

async fn non_object_selector_rejected(server: &TestServer) {
    for selector in [
        json!([1, 2]),
        json!("log_info"),
        json!(5),
        json!(null),
        json!(true),
    ] {
        let (status, body) = server.post_json("/events/query", &selector).await;
        assert_eq!(status, 400, "selector {selector} returned {body}");
        assert!(
            body["detail"].is_string(),
            "detail of selector {selector} is not a string: {body}"
        );
    }
}

async fn invalid_regex_rejected(server: &TestServer) {
    let selector = json!({"event_data.message": {"$regex": "(unclosed"}});
    let (status, body) = server.post_json("/events/query", &selector).await;
    assert_eq!(status, 400, "selector {selector} returned {body}");
}

async fn large_id_list_selector(server: &TestServer) {
    post_fixture(server).await;
    let mut ids: Vec<String> = (0..40_000).map(|index| format!("absent-{index}")).collect();
    ids.push("e3".into());
    let (status, body) = server
        .post_json("/events/query", &json!({"_id": {"$in": ids}}))
        .await;
    assert_eq!(status, 200, "a selector with 40,001 ids returned {body}");
    assert_eq!(map_ids(&body), ["e3"], "events matched by 40,001 ids");
}

async fn deeply_nested_selector_rejected(server: &TestServer) {
    // 55 levels of `$and` nest 111 objects and arrays: within what the JSON parser accepts,
    // beyond what the selector compiler allows.
    let mut selector = json!({"log_level": 20});
    for _ in 0..55 {
        selector = json!({"$and": [selector]});
    }
    let (status, body) = server.post_json("/events/query", &selector).await;
    assert_eq!(
        status, 400,
        "a selector nested 111 levels deep returned {body}"
    );
}

async fn large_result_streams_complete(server: &TestServer) {
    post_many(server, "bulk", 5000, 64).await;
    let response = server
        .client
        .post(server.url("/events/query"))
        .json(&json!({}));
    let response = response.send().await.expect("POST /events/query");
    assert_eq!(response.status().as_u16(), 200, "status of the large query");
    let text = response.text().await.expect("read the whole body");
    let body: Value = serde_json::from_str(&text).expect("the large result is valid JSON");
    let ids: BTreeSet<String> = map_ids(&body).into_iter().collect();
    let expected: BTreeSet<String> = (0..5000).map(|index| format!("bulk-{index:04}")).collect();
    assert_eq!(ids.len(), 5000, "distinct events in the large result");
    assert_eq!(ids, expected, "ids in the large result");
}

async fn large_listing_streams_complete(server: &TestServer) {
    post_many(server, "bulk", 5000, 64).await;
    let (status, body) = server.get("/events?number=0").await;
    assert_eq!(status, 200, "status of the large listing");
    let ids = map_ids(&body);
    assert_eq!(ids.len(), 5000, "events in the large listing");
    assert_eq!(
        ids.first().map(String::as_str),
        Some("bulk-4999"),
        "newest id first"
    );
}

crate::http_conformance!(
    empty_selector_matches_all,
    equality_selectors,
    comparison_operators,
    set_operators,
    exists_operator,
    regex_operator,
    logical_operators,
    elem_match_operator,
    size_and_all_operators,
    dotted_paths_into_arrays,
    source_paths,
    date_against_timestamp,
    id_selectors_with_conditions,
    null_and_missing_fields,
    numeric_and_type_bracketing,
    array_values,
    negated_regex,
    array_fan_out_semantics,
    type_and_mod_operators,
    string_ordering_and_null_sets,
    large_id_list_selector,
    deeply_nested_selector_rejected,
    query_includes_archived,
    query_matches_archived_flag,
    query_returns_stored_documents,
    query_keeps_insertion_order,
    query_no_match_is_empty,
    query_missing_body_422,
    query_malformed_json_422,
    javascript_operators_rejected,
    unknown_operator_rejected,
    non_object_selector_rejected,
    invalid_regex_rejected,
    large_result_streams_complete,
    large_listing_streams_complete,
);
