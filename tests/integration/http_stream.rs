//! `GET /events/stream`: server-sent events with a backlog, then live events.

use std::time::Duration;

use serde_json::{Value, json};

use crate::support::TestServer;

const NODE: &str = "01M90V2W7QHNBC810AP00DWNXW";

/// Reads server-sent messages from a streaming response.
struct Messages {
    response: reqwest::Response,
    buffer: String,
}

impl Messages {
    /// The next `(event, data)` pair, skipping comments; fails after five seconds.
    async fn next(&mut self) -> (String, String) {
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut event = String::from("message");
                let mut data = Vec::new();
                for line in block.lines() {
                    if let Some(value) = line.strip_prefix("event:") {
                        event = value.trim().to_owned();
                    } else if let Some(value) = line.strip_prefix("data:") {
                        data.push(value.strip_prefix(' ').unwrap_or(value).to_owned());
                    }
                }
                if !data.is_empty() {
                    return (event, data.join("\n"));
                }
                continue;
            }
            let chunk = tokio::time::timeout(Duration::from_secs(5), self.response.chunk())
                .await
                .expect("a message within five seconds")
                .expect("read the stream")
                .expect("the stream is still open");
            self.buffer.push_str(&String::from_utf8_lossy(&chunk));
        }
    }

    async fn next_id(&mut self) -> String {
        let (event, data) = self.next().await;
        assert_eq!(event, "event", "message type; data: {data}");
        let document: Value = serde_json::from_str(&data).expect("data is a JSON document");
        document["_id"].as_str().expect("_id").to_owned()
    }
}

async fn open(server: &TestServer, query: &str) -> Messages {
    let response =
        server.client.get(server.url(&format!("/events/stream{query}"))).send().await.expect("GET");
    assert_eq!(response.status().as_u16(), 200, "status of the stream");
    let content_type = response.headers().get("content-type").and_then(|value| value.to_str().ok());
    assert_eq!(content_type, Some("text/event-stream"));
    Messages { response, buffer: String::new() }
}

async fn post(server: &TestServer, event: Value) {
    let (status, body) = server.post_json("/event", &event).await;
    assert_eq!(status, 200, "{body}");
}

async fn stream_backlog_then_live(server: &TestServer) {
    for (id, minute) in [("one", 1), ("two", 2), ("three", 3)] {
        post(server, json!({"_id": id, "event_timestamp": format!("2026-01-01T00:0{minute}:00Z")}))
            .await;
    }
    let mut messages = open(server, "?backlog=2").await;
    assert_eq!(messages.next_id().await, "two", "backlog, oldest first");
    assert_eq!(messages.next_id().await, "three");
    post(server, json!({"_id": "four"})).await;
    assert_eq!(messages.next_id().await, "four", "then live events");
    server.post_json("/events/batch", &json!([{"_id": "five"}, {"_id": "four"}])).await;
    assert_eq!(messages.next_id().await, "five", "batched events, re-sent ones left out");
}

async fn stream_filters(server: &TestServer) {
    let selector = format!(r#"{{"source.node_id": "{NODE}"}}"#);
    let query = format!("?level=WARNING&selector={}", urlencode(&selector));
    let mut messages = open(server, &query).await;
    post(server, json!({"_id": "low", "log_level": 20, "source": {"node_id": NODE}})).await;
    post(server, json!({"_id": "other", "log_level": 40})).await;
    post(
        server,
        json!({"_id": "archived", "log_level": 40, "archived": true,
                        "source": {"node_id": NODE}}),
    )
    .await;
    post(server, json!({"_id": "match", "log_level": 40, "source": {"node_id": NODE}})).await;
    assert_eq!(messages.next_id().await, "match");
}

async fn stream_rejects_bad_parameters(server: &TestServer) {
    for (query, status) in [
        ("?selector=%7B", 400),
        ("?selector=%7B%22%24where%22%3A%221%22%7D", 400),
        ("?level=loud", 422),
        ("?backlog=-1", 422),
    ] {
        let response = server
            .client
            .get(server.url(&format!("/events/stream{query}")))
            .send()
            .await
            .expect("GET");
        assert_eq!(response.status().as_u16(), status, "status for {query}");
    }
}

fn urlencode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

crate::http_conformance!(stream_backlog_then_live, stream_filters, stream_rejects_bad_parameters);
