//! Behaviour of [`Selector`] end to end: compiling filters, matching documents, errors.

use chrono::{DateTime, NaiveDateTime};
use serde_json::{Map, Value, json};

use super::{MAX_DEPTH, Selector};

/// Reads RFC 3339 timestamps, and naive ones as UTC, into microseconds.
fn instant(text: &str) -> Option<i64> {
    if let Ok(stamp) = DateTime::parse_from_rfc3339(text) {
        return Some(stamp.timestamp_micros());
    }
    let naive = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f").ok()?;
    Some(naive.and_utc().timestamp_micros())
}

fn compile(filter: &Value) -> Selector {
    Selector::parse(filter).unwrap_or_else(|error| panic!("filter {filter} was rejected: {error}"))
}

fn matches(filter: Value, document: Value) -> bool {
    compile(&filter).matches(&document, &instant)
}

/// Returns the positions of the documents in `documents` that `filter` matches.
fn matching(filter: Value, documents: &[Value]) -> Vec<usize> {
    let selector = compile(&filter);
    let positions = documents.iter().enumerate();
    positions
        .filter(|(_, document)| selector.matches(document, &instant))
        .map(|(position, _)| position)
        .collect()
}

fn error(filter: Value) -> String {
    match Selector::parse(&filter) {
        Ok(selector) => panic!("filter {filter} was accepted as {selector:?}"),
        Err(error) => error.to_string(),
    }
}

/// Builds an event as the store keeps it, shaped like the events upstream 0.8.1 returns.
fn node_create_event() -> Value {
    json!({
        "_id": "01M90V2W7QHNBC810AP00DWNXX",
        "event_type": "node_create",
        "log_level": 20,
        "alert": false,
        "event_timestamp": "2026-12-04T15:34:37.559173",
        "source": {"node_id": "01M90V2W7QHNBC810AP00DWNXW"},
        "event_data": {
            "node_name": "peer_test_node",
            "samples": [{"value": 3, "unit": "mL"}, {"value": 12.5, "unit": "mL"}],
            "tags": ["liquid", "handler"],
            "test": 11
        },
        "trace_id": null,
        "span_id": null,
        "archived": false,
        "archived_at": null
    })
}

/// Documents for null and missing semantics, after MongoDB's own null query tests.
fn null_documents() -> Vec<Value> {
    vec![
        json!({"_id": 0}),
        json!({"_id": 1, "a": null}),
        json!({"_id": 2, "a": 4}),
        json!({"_id": 3, "a": {}}),
        json!({"_id": 4, "a": {"b": null}}),
        json!({"_id": 5, "a": {"b": "hi"}}),
        json!({"_id": 6, "a": []}),
        json!({"_id": 7, "a": [[]]}),
        json!({"_id": 8, "a": [null, 1]}),
        json!({"_id": 9, "a": [1, "string", 4]}),
        json!({"_id": 10, "a": [{"b": 3}, {}]}),
        json!({"_id": 11, "a": [{"b": 1}, {"b": 3}]}),
        json!({"_id": 12, "a": [5, {"b": 5}]}),
    ]
}

// Implicit equality.

#[test]
fn equality_on_scalars() {
    let event = node_create_event();
    assert!(matches(json!({"event_type": "node_create"}), event.clone()));
    assert!(!matches(json!({"event_type": "NODE_CREATE"}), event.clone()));
    assert!(matches(json!({"log_level": 20.0}), event.clone()));
    assert!(!matches(json!({"log_level": "20"}), event.clone()));
    assert!(matches(json!({"alert": false}), event.clone()));
    assert!(!matches(json!({"alert": 0}), event));
}

#[test]
fn empty_filter_matches_everything() {
    assert!(matches(json!({}), node_create_event()));
    assert!(matches(json!({}), json!({})));
}

#[test]
fn equality_on_array_field() {
    let document = json!({"tags": ["a", "b"], "grid": [[1, 2], [3]]});
    assert!(matches(json!({"tags": "a"}), document.clone()));
    assert!(matches(json!({"tags": ["a", "b"]}), document.clone()));
    assert!(!matches(json!({"tags": ["b", "a"]}), document.clone()));
    assert!(!matches(json!({"tags": "c"}), document.clone()));
    assert!(matches(json!({"grid": [3]}), document.clone()));
    assert!(!matches(json!({"grid": 3}), document));
}

#[test]
fn equality_on_documents_is_order_sensitive() {
    let document = json!({"source": {"node_id": "N", "workcell_id": "W"}});
    assert!(matches(json!({"source": {"node_id": "N", "workcell_id": "W"}}), document.clone()));
    assert!(!matches(json!({"source": {"workcell_id": "W", "node_id": "N"}}), document.clone()));
    assert!(!matches(json!({"source": {"node_id": "N"}}), document.clone()));
    assert!(matches(json!({"source": {"$eq": {"node_id": "N", "workcell_id": "W"}}}), document));
}

#[test]
fn equality_with_empty_document() {
    assert!(matches(json!({"a": {}}), json!({"a": {}})));
    assert!(!matches(json!({"a": {}}), json!({"a": {"b": 1}})));
}

#[test]
fn literal_document_with_dollar_keys() {
    assert!(matches(json!({"a": {"b": 1, "$c": 2}}), json!({"a": {"b": 1, "$c": 2}})));
}

// Null and missing fields.

#[test]
fn null_matches_missing_and_null() {
    let documents = null_documents();
    assert_eq!(matching(json!({"a": null}), &documents), [0, 1, 8]);
    assert_eq!(matching(json!({"a": {"$eq": null}}), &documents), [0, 1, 8]);
    assert_eq!(matching(json!({"a": {"$in": [null]}}), &documents), [0, 1, 8]);
}

#[test]
fn ne_null_is_the_complement() {
    let documents = null_documents();
    let expected = [2, 3, 4, 5, 6, 7, 9, 10, 11, 12];
    assert_eq!(matching(json!({"a": {"$ne": null}}), &documents), expected);
    assert_eq!(matching(json!({"a": {"$nin": [null]}}), &documents), expected);
}

#[test]
fn dotted_null_semantics() {
    let documents = null_documents();
    assert_eq!(matching(json!({"a.b": null}), &documents), [0, 1, 2, 3, 4, 10]);
    assert_eq!(matching(json!({"a.b": {"$ne": null}}), &documents), [5, 6, 7, 8, 9, 11, 12]);
}

#[test]
fn exists_semantics() {
    let documents = null_documents();
    assert_eq!(matching(json!({"a": {"$exists": false}}), &documents), [0]);
    let all_but_first: Vec<usize> = (1..documents.len()).collect();
    assert_eq!(matching(json!({"a": {"$exists": true}}), &documents), all_but_first);
    let dotted = matching(json!({"a.b": {"$exists": true}}), &documents);
    assert_eq!(dotted, [4, 5, 10, 11, 12]);
    let dotted_false = matching(json!({"a.b": {"$exists": false}}), &documents);
    assert_eq!(dotted_false, [0, 1, 2, 3, 6, 7, 8, 9]);
}

#[test]
fn exists_operand_truthiness() {
    let document = json!({"a": 1});
    assert!(matches(json!({"a": {"$exists": 1}}), document.clone()));
    assert!(!matches(json!({"a": {"$exists": 0}}), document.clone()));
    assert!(!matches(json!({"a": {"$exists": null}}), document.clone()));
    assert!(matches(json!({"a": {"$exists": "yes"}}), document.clone()));
    assert!(matches(json!({"b": {"$exists": 0.0}}), document));
}

#[test]
fn comparisons_with_null_and_missing() {
    let documents = [json!({}), json!({"a": null}), json!({"a": 0})];
    assert_eq!(matching(json!({"a": {"$gte": null}}), &documents), [0, 1]);
    assert_eq!(matching(json!({"a": {"$lte": null}}), &documents), [0, 1]);
    assert!(matching(json!({"a": {"$gt": null}}), &documents).is_empty());
    assert!(matching(json!({"a": {"$lt": null}}), &documents).is_empty());
}

// Comparison operators and type bracketing.

#[test]
fn numeric_comparisons_across_kinds() {
    let documents = [json!({"v": 1}), json!({"v": 2.5}), json!({"v": 3}), json!({"v": "3"})];
    assert_eq!(matching(json!({"v": {"$gt": 1}}), &documents), [1, 2]);
    assert_eq!(matching(json!({"v": {"$gte": 2.5}}), &documents), [1, 2]);
    assert_eq!(matching(json!({"v": {"$lt": 2.5}}), &documents), [0]);
    assert_eq!(matching(json!({"v": {"$lte": 3.0}}), &documents), [0, 1, 2]);
    assert_eq!(matching(json!({"v": {"$eq": 3.0}}), &documents), [2]);
    assert_eq!(matching(json!({"v": {"$ne": 3}}), &documents), [0, 1, 3]);
}

#[test]
fn large_integers_compare_exactly() {
    let document = json!({"v": 9_007_199_254_740_993_i64});
    assert!(!matches(json!({"v": 9_007_199_254_740_992.0}), document.clone()));
    assert!(matches(json!({"v": {"$gt": 9_007_199_254_740_992.0}}), document.clone()));
    assert!(matches(json!({"v": {"$numberLong": "9007199254740993"}}), document));
    assert!(matches(json!({"v": {"$lt": u64::MAX}}), json!({"v": u64::MAX - 1})));
}

#[test]
fn strings_compare_bytewise() {
    let documents = [json!({"s": "apple"}), json!({"s": "Banana"}), json!({"s": "cherry"})];
    assert_eq!(matching(json!({"s": {"$gt": "b"}}), &documents), [2]);
    assert_eq!(matching(json!({"s": {"$lt": "a"}}), &documents), [1]);
}

#[test]
fn bracketing_excludes_other_types() {
    let documents = [
        json!({"v": 5}),
        json!({"v": "5"}),
        json!({"v": true}),
        json!({"v": null}),
        json!({"v": [5]}),
        json!({"v": {"x": 5}}),
    ];
    assert_eq!(matching(json!({"v": {"$gt": 0}}), &documents), [0, 4]);
    assert_eq!(matching(json!({"v": {"$gt": ""}}), &documents), [1]);
    assert_eq!(matching(json!({"v": {"$gte": false}}), &documents), [2]);
    assert_eq!(matching(json!({"v": {"$gt": {}}}), &documents), [5]);
}

#[test]
fn comparisons_test_array_elements_separately() {
    let document = json!({"a": [0, 10]});
    assert!(matches(json!({"a": {"$gt": 1, "$lt": 5}}), document.clone()));
    assert!(!matches(json!({"a": {"$elemMatch": {"$gt": 1, "$lt": 5}}}), document.clone()));
    assert!(matches(json!({"a": {"$gt": 9}}), document.clone()));
    assert!(!matches(json!({"a": {"$gt": 10}}), document));
}

#[test]
fn comparison_with_array_operand() {
    let document = json!({"a": [2, 3]});
    assert!(matches(json!({"a": {"$gt": [1]}}), document.clone()));
    assert!(matches(json!({"a": {"$lt": [2, 4]}}), document.clone()));
    assert!(!matches(json!({"a": {"$gt": [2, 3]}}), document));
}

#[test]
fn ne_and_nin_match_missing_fields() {
    let documents = [json!({}), json!({"a": 1}), json!({"a": 2})];
    assert_eq!(matching(json!({"a": {"$ne": 1}}), &documents), [0, 2]);
    assert_eq!(matching(json!({"a": {"$nin": [1, 2]}}), &documents), [0]);
}

#[test]
fn ne_on_array_requires_no_equal_element() {
    assert!(!matches(json!({"a": {"$ne": 1}}), json!({"a": [1, 2]})));
    assert!(matches(json!({"a": {"$ne": 3}}), json!({"a": [1, 2]})));
}

// $in and $nin.

#[test]
fn in_matches_any_listed_value() {
    let event = node_create_event();
    assert!(matches(json!({"event_type": {"$in": ["log_info", "node_create"]}}), event.clone()));
    assert!(!matches(json!({"event_type": {"$in": []}}), event.clone()));
    assert!(matches(json!({"event_data.tags": {"$in": ["handler"]}}), event.clone()));
    assert!(matches(json!({"log_level": {"$in": [20.0]}}), event.clone()));
    assert!(matches(json!({"event_data.tags": {"$in": [["liquid", "handler"]]}}), event));
}

#[test]
fn in_with_regular_expressions() {
    let event = node_create_event();
    assert!(matches(json!({"event_type": {"$in": [{"$regex": "^node_"}]}}), event.clone()));
    let wrapped = json!({"$regularExpression": {"pattern": "^NODE", "options": "i"}});
    assert!(matches(json!({"event_type": {"$in": [wrapped.clone()]}}), event.clone()));
    let legacy = json!({"$regex": "^NODE", "$options": "i"});
    assert!(matches(json!({"event_type": {"$in": ["x", legacy]}}), event.clone()));
    assert!(!matches(json!({"event_type": {"$nin": [wrapped]}}), event.clone()));
    assert!(!matches(json!({"log_level": {"$in": [{"$regex": "20"}]}}), event));
}

#[test]
fn nin_with_regex_and_null() {
    let documents = null_documents();
    let filter = json!({"a": {"$nin": [null, {"$regex": "^str"}]}});
    assert_eq!(matching(filter, &documents), [2, 3, 4, 5, 6, 7, 10, 11, 12]);
}

// $type.

#[test]
fn type_aliases_and_codes() {
    let documents = [
        json!({"v": 1}),
        json!({"v": 1.5}),
        json!({"v": 5_000_000_000_i64}),
        json!({"v": "s"}),
        json!({"v": [1]}),
        json!({"v": {}}),
        json!({"v": null}),
        json!({"v": true}),
        json!({}),
    ];
    assert_eq!(matching(json!({"v": {"$type": "number"}}), &documents), [0, 1, 2, 4]);
    assert_eq!(matching(json!({"v": {"$type": "int"}}), &documents), [0, 4]);
    assert_eq!(matching(json!({"v": {"$type": "long"}}), &documents), [2]);
    assert_eq!(matching(json!({"v": {"$type": "double"}}), &documents), [1]);
    assert_eq!(matching(json!({"v": {"$type": 2}}), &documents), [3]);
    assert_eq!(matching(json!({"v": {"$type": "array"}}), &documents), [4]);
    assert_eq!(matching(json!({"v": {"$type": 3}}), &documents), [5]);
    assert_eq!(matching(json!({"v": {"$type": "null"}}), &documents), [6]);
    assert_eq!(matching(json!({"v": {"$type": 8.0}}), &documents), [7]);
    assert_eq!(matching(json!({"v": {"$type": ["string", "bool"]}}), &documents), [3, 7]);
    assert!(matching(json!({"v": {"$type": "date"}}), &documents).is_empty());
    assert!(matching(json!({"v": {"$type": []}}), &documents).is_empty());
}

#[test]
fn type_errors() {
    let expected = "invalid `$type` operand `\"integer\"`: expected a BSON type alias such as \
                    `\"string\"`, a type code such as 2, or an array of them";
    assert_eq!(error(json!({"v": {"$type": "integer"}})), expected);
    assert!(error(json!({"v": {"$type": 42}})).starts_with("invalid `$type` operand `42`"));
    assert!(error(json!({"v": {"$type": 2.5}})).starts_with("invalid `$type` operand"));
    assert!(error(json!({"v": {"$type": ["string", {}]}})).starts_with("invalid `$type`"));
    assert!(error(json!({"v": {"$type": null}})).starts_with("invalid `$type`"));
}

// $mod.

#[test]
fn mod_matches_remainders() {
    let documents = [json!({"n": 10}), json!({"n": 11}), json!({"n": -7}), json!({"n": 7.9})];
    assert_eq!(matching(json!({"n": {"$mod": [5, 0]}}), &documents), [0]);
    assert_eq!(matching(json!({"n": {"$mod": [4, 3]}}), &documents), [1, 3]);
    assert_eq!(matching(json!({"n": {"$mod": [4, -3]}}), &documents), [2]);
    assert_eq!(matching(json!({"n": {"$mod": [4.9, 3.2]}}), &documents), [1, 3]);
    assert!(!matches(json!({"n": {"$mod": [2, 0]}}), json!({"n": "4"})));
    assert!(matches(json!({"n": {"$mod": [-1, 0]}}), json!({"n": i64::MIN})));
}

#[test]
fn mod_errors() {
    let expected = "invalid `$mod` operand `[0,1]`: expected an array of two numbers, \
                    `[divisor, remainder]`, with a non-zero divisor";
    assert_eq!(error(json!({"n": {"$mod": [0, 1]}})), expected);
    for bad in [json!([1]), json!([1, 2, 3]), json!(5), json!(["2", 0]), json!([2, null])] {
        let message = error(json!({"n": {"$mod": bad}}));
        assert!(message.starts_with("invalid `$mod` operand"), "{bad}: {message}");
    }
}

// $regex.

#[test]
fn regex_operator_and_options() {
    let event = node_create_event();
    assert!(matches(json!({"event_type": {"$regex": "^node"}}), event.clone()));
    assert!(!matches(json!({"event_type": {"$regex": "^NODE"}}), event.clone()));
    assert!(matches(json!({"event_type": {"$regex": "^NODE", "$options": "i"}}), event.clone()));
    assert!(matches(json!({"event_type": {"$options": "i", "$regex": "^NODE"}}), event.clone()));
    assert!(matches(json!({"event_data.tags": {"$regex": "^hand"}}), event.clone()));
    assert!(!matches(json!({"log_level": {"$regex": "2"}}), event.clone()));
    assert!(!matches(json!({"missing": {"$regex": ".*"}}), event));
}

#[test]
fn regex_values_match_as_patterns() {
    let event = node_create_event();
    let wrapped = json!({"$regularExpression": {"pattern": "create$", "options": ""}});
    assert!(matches(json!({"event_type": wrapped.clone()}), event.clone()));
    assert!(matches(json!({"event_type": {"$regex": wrapped}}), event.clone()));
    let without_options = json!({"$regularExpression": {"pattern": "CREATE$"}});
    assert!(matches(json!({"event_type": {"$regex": without_options, "$options": "i"}}), event));
}

#[test]
fn regex_multiline_and_dotall() {
    let document = json!({"text": "first\nsecond"});
    assert!(matches(json!({"text": {"$regex": "^second", "$options": "m"}}), document.clone()));
    assert!(!matches(json!({"text": {"$regex": "^second"}}), document.clone()));
    assert!(matches(json!({"text": {"$regex": "first.second", "$options": "s"}}), document));
}

#[test]
fn regex_errors() {
    assert_eq!(
        error(json!({"a": {"$regex": "(unclosed"}})),
        "invalid regular expression `(unclosed`: unclosed group"
    );
    assert_eq!(
        error(json!({"a": {"$regex": "a", "$options": "g"}})),
        "invalid regex option `g`: expected some of `i`, `m`, `s`, `x` and `u`"
    );
    assert_eq!(
        error(json!({"a": {"$options": "i"}})),
        "`$options` needs a `$regex` in the same condition"
    );
    assert_eq!(
        error(json!({"a": {"$regex": 5}})),
        "invalid `$regex` operand `5`: expected a string or a `$regularExpression` value"
    );
    assert!(error(json!({"a": {"$regex": "a", "$options": 1}})).starts_with("invalid `$options`"));
    let wrapped = json!({"$regularExpression": {"pattern": "a", "options": "m"}});
    assert_eq!(
        error(json!({"a": {"$regex": wrapped, "$options": "i"}})),
        "regex options `m` and `i` are both set: keep either the options of the regular \
         expression or `$options`"
    );
}

#[test]
fn regex_operand_rejected_in_comparisons() {
    for operator in ["$eq", "$ne", "$gt", "$gte", "$lt", "$lte"] {
        let message = error(json!({"a": {operator: {"$regex": "x"}}}));
        let prefix =
            format!("invalid `{operator}` operand `{{\"$regex\":\"x\"}}`: expected a value");
        assert!(message.starts_with(&prefix), "{message}");
    }
}

// $not.

#[test]
fn not_negates_operators() {
    let documents = [json!({"v": 1}), json!({"v": 5}), json!({}), json!({"v": [1, 9]})];
    assert_eq!(matching(json!({"v": {"$not": {"$gt": 2}}}), &documents), [0, 2]);
    assert_eq!(matching(json!({"v": {"$not": {"$gt": 2, "$lt": 6}}}), &documents), [0, 2]);
    assert_eq!(matching(json!({"v": {"$not": {"$in": [1]}}}), &documents), [1, 2]);
}

#[test]
fn not_with_regex() {
    let documents = [json!({"s": "alpha"}), json!({"s": "beta"}), json!({"s": 3}), json!({})];
    let wrapped = json!({"$regularExpression": {"pattern": "^a", "options": ""}});
    assert_eq!(matching(json!({"s": {"$not": wrapped}}), &documents), [1, 2, 3]);
    assert_eq!(
        matching(json!({"s": {"$not": {"$regex": "^A", "$options": "i"}}}), &documents),
        [1, 2, 3]
    );
}

#[test]
fn not_errors() {
    let expected = "invalid `$not` operand `{}`: expected a regular expression or a non-empty \
                    document of query operators";
    assert_eq!(error(json!({"v": {"$not": {}}})), expected);
    assert!(error(json!({"v": {"$not": 5}})).starts_with("invalid `$not` operand `5`"));
    assert!(error(json!({"v": {"$not": {"a": 1}}})).starts_with("invalid `$not` operand"));
    assert!(error(json!({"v": {"$not": {"$date": 5}}})).starts_with("invalid `$not` operand"));
}

// Logical operators.

#[test]
fn and_or_nor() {
    let documents = [json!({"a": 1, "b": 1}), json!({"a": 1, "b": 2}), json!({"a": 2, "b": 2})];
    assert_eq!(matching(json!({"$and": [{"a": 1}, {"b": 2}]}), &documents), [1]);
    assert_eq!(matching(json!({"$or": [{"a": 2}, {"b": 1}]}), &documents), [0, 2]);
    assert_eq!(matching(json!({"$nor": [{"a": 2}, {"b": 1}]}), &documents), [1]);
    assert_eq!(matching(json!({"a": 1, "$or": [{"b": 2}, {"b": 3}]}), &documents), [1]);
    let nested = json!({"$or": [{"$and": [{"a": 1}, {"b": 1}]}, {"$nor": [{"a": {"$lt": 2}}]}]});
    assert_eq!(matching(nested, &documents), [0, 2]);
}

#[test]
fn logical_operator_errors() {
    for operator in ["$and", "$or", "$nor"] {
        let expected = format!(
            "invalid `{operator}` operand `[]`: expected a non-empty array of filter documents"
        );
        assert_eq!(error(json!({operator: []})), expected);
        let message = error(json!({operator: {"a": 1}}));
        assert!(message.starts_with(&format!("invalid `{operator}` operand `{{\"a\":1}}`")));
        let message = error(json!({operator: [{"a": 1}, 5]}));
        assert!(message.starts_with(&format!("invalid `{operator}` operand `[{{\"a\":1}},5]`")));
    }
}

#[test]
fn comment_is_ignored() {
    assert!(matches(json!({"$comment": "why this query", "a": 1}), json!({"a": 1})));
    assert!(matches(json!({"$comment": {"any": ["value"]}}), json!({})));
}

// Array operators.

#[test]
fn elem_match_value_form() {
    let documents =
        [json!({"a": [1, 5, 9]}), json!({"a": [1, 9]}), json!({"a": 5}), json!({"a": [[5]]})];
    assert_eq!(matching(json!({"a": {"$elemMatch": {"$gte": 4, "$lte": 6}}}), &documents), [0]);
    assert_eq!(matching(json!({"a": {"$elemMatch": {"$eq": 5}}}), &documents), [0]);
    assert_eq!(matching(json!({"a": {"$elemMatch": {"$elemMatch": {"$eq": 5}}}}), &documents), [3]);
    assert_eq!(matching(json!({"a": {"$elemMatch": {"$size": 1}}}), &documents), [3]);
}

#[test]
fn elem_match_document_form() {
    let event = node_create_event();
    let both = json!({"event_data.samples": {"$elemMatch": {"value": {"$gt": 10}, "unit": "mL"}}});
    assert!(matches(both, event.clone()));
    let split = json!({"event_data.samples": {"$elemMatch": {"value": 3, "unit": "L"}}});
    assert!(!matches(split, event.clone()));
    let logical = json!({"event_data.samples": {"$elemMatch": {"$or": [{"value": 3}, {"x": 1}]}}});
    assert!(matches(logical, event));
}

#[test]
fn elem_match_null_semantics() {
    let documents = null_documents();
    let filter = json!({"a": {"$elemMatch": {"b": null}}});
    assert_eq!(matching(filter, &documents), [7, 10]);
    assert_eq!(matching(json!({"a": {"$elemMatch": {"$eq": null}}}), &documents), [8]);
    let filter = json!({"a": {"$elemMatch": {"$ne": null}}});
    assert_eq!(matching(filter, &documents), [7, 8, 9, 10, 11, 12]);
    assert!(matching(json!({"a": {"$elemMatch": {}}}), &documents).contains(&10));
}

#[test]
fn elem_match_errors() {
    let expected = "invalid `$elemMatch` operand `5`: expected a document of query operators or \
                    a filter document";
    assert_eq!(error(json!({"a": {"$elemMatch": 5}})), expected);
    assert_eq!(error(json!({"a": {"$elemMatch": {"$foo": 1}}})), "unknown query operator `$foo`");
}

#[test]
fn size_matches_exact_length() {
    let documents =
        [json!({"a": []}), json!({"a": [1, 2]}), json!({"a": [[1, 2]]}), json!({"a": 2})];
    assert_eq!(matching(json!({"a": {"$size": 0}}), &documents), [0]);
    assert_eq!(matching(json!({"a": {"$size": 2}}), &documents), [1]);
    assert_eq!(matching(json!({"a": {"$size": 1.0}}), &documents), [2]);
    let fanned = json!({"a": [{"b": [1]}, {"b": [1, 2, 3]}]});
    assert!(matches(json!({"a.b": {"$size": 3}}), fanned));
}

#[test]
fn size_errors() {
    let expected = "invalid `$size` operand `-1`: expected a non-negative whole number";
    assert_eq!(error(json!({"a": {"$size": -1}})), expected);
    assert!(error(json!({"a": {"$size": 1.5}})).starts_with("invalid `$size` operand `1.5`"));
    assert!(error(json!({"a": {"$size": "2"}})).starts_with("invalid `$size` operand"));
}

#[test]
fn all_requires_every_value() {
    let documents =
        [json!({"a": [1, 2, 3]}), json!({"a": [1]}), json!({"a": 1}), json!({"a": [[1, 2], 3]})];
    assert_eq!(matching(json!({"a": {"$all": [1, 2]}}), &documents), [0]);
    assert_eq!(matching(json!({"a": {"$all": [1]}}), &documents), [0, 1, 2]);
    assert_eq!(matching(json!({"a": {"$all": [[1, 2]]}}), &documents), [3]);
    assert!(matching(json!({"a": {"$all": []}}), &documents).is_empty());
    assert_eq!(
        matching(json!({"a": {"$all": [{"$regex": "x"}]}}), &documents),
        Vec::<usize>::new()
    );
    assert!(matches(
        json!({"tags": {"$all": [{"$regex": "^a"}, "b"]}}),
        json!({"tags": ["ab", "b"]})
    ));
}

#[test]
fn all_with_elem_match() {
    let event = node_create_event();
    let filter = json!({"event_data.samples": {"$all": [
        {"$elemMatch": {"value": {"$lt": 5}}},
        {"$elemMatch": {"value": {"$gt": 10}}}
    ]}});
    assert!(matches(filter, event.clone()));
    let filter = json!({"event_data.samples": {"$all": [
        {"$elemMatch": {"value": {"$lt": 5}}},
        {"$elemMatch": {"value": {"$gt": 20}}}
    ]}});
    assert!(!matches(filter, event));
}

#[test]
fn all_errors() {
    let mixed = json!({"a": {"$all": [{"$elemMatch": {"b": 1}}, 2]}});
    assert!(error(mixed).starts_with("invalid `$all` operand"));
    let expected = "invalid `$all` operand `3`: expected an array of values, or an array of \
                    `$elemMatch` documents, but not both kinds";
    assert_eq!(error(json!({"a": {"$all": 3}})), expected);
    assert!(error(json!({"a": {"$all": [{"$gt": 1}]}})).starts_with("invalid `$all` operand"));
}

// Dotted paths.

#[test]
fn dotted_paths_fan_out_over_arrays() {
    let event = node_create_event();
    assert!(matches(json!({"event_data.samples.value": 12.5}), event.clone()));
    assert!(matches(json!({"event_data.samples.value": {"$gt": 12}}), event.clone()));
    assert!(!matches(json!({"event_data.samples.value": {"$gt": 13}}), event.clone()));
    assert!(matches(json!({"source.node_id": "01M90V2W7QHNBC810AP00DWNXW"}), event.clone()));
    assert!(!matches(json!({"source.node_id.deeper": "x"}), event));
}

#[test]
fn numeric_path_components() {
    let event = node_create_event();
    assert!(matches(json!({"event_data.tags.0": "liquid"}), event.clone()));
    assert!(!matches(json!({"event_data.tags.1": "liquid"}), event.clone()));
    assert!(matches(json!({"event_data.samples.1.value": 12.5}), event.clone()));
    assert!(!matches(json!({"event_data.samples.0.value": 12.5}), event.clone()));
    assert!(matches(json!({"event_data.tags.5": {"$exists": false}}), event));
    let named = json!({"list": [{"0": "named"}, "positional"]});
    assert!(matches(json!({"list.0": "named"}), named.clone()));
    assert!(matches(json!({"list.1": "positional"}), named.clone()));
    assert!(matches(json!({"map.0": 1}), json!({"map": {"0": 1}})));
}

#[test]
fn nested_arrays_are_not_flattened() {
    let document = json!({"a": [[{"b": 1}]], "c": [[1]]});
    assert!(!matches(json!({"a.b": 1}), document.clone()));
    assert!(matches(json!({"a.0.b": 1}), document.clone()));
    assert!(!matches(json!({"c": 1}), document.clone()));
    assert!(matches(json!({"c": [1]}), document));
}

// Extended JSON operands.

#[test]
fn date_operands_compare_instants() {
    let documents = [
        json!({"event_timestamp": "2026-12-04T15:34:37.529985Z"}),
        json!({"event_timestamp": "2026-12-04T17:34:36+02:00"}),
        json!({"event_timestamp": "2026-12-04T15:34:38"}),
        json!({"event_timestamp": "not a time"}),
        json!({"event_timestamp": 5}),
        json!({}),
    ];
    let after = json!({"event_timestamp": {"$gt": {"$date": "2026-12-04T15:34:37Z"}}});
    assert_eq!(matching(after, &documents), [0, 2]);
    let before = json!({"event_timestamp": {"$lt": {"$date": "2026-12-04T16:34:37.2+01:00"}}});
    assert_eq!(matching(before, &documents), [1]);
    let range = json!({"event_timestamp": {
        "$gte": {"$date": {"$numberLong": "1796398476000"}},
        "$lt": {"$date": 1_796_398_478_000_i64}
    }});
    assert_eq!(matching(range, &documents), [0, 1]);
}

#[test]
fn date_equality_and_negation() {
    let documents = [
        json!({"archived_at": "2026-12-04T15:53:05.116000"}),
        json!({"archived_at": null}),
        json!({"archived_at": "garbage"}),
    ];
    let instant = json!({"$date": "2026-12-04T15:53:05.116Z"});
    assert_eq!(matching(json!({"archived_at": instant.clone()}), &documents), [0]);
    assert_eq!(matching(json!({"archived_at": {"$ne": instant.clone()}}), &documents), [1, 2]);
    assert_eq!(matching(json!({"archived_at": {"$in": [instant, null]}}), &documents), [0, 1]);
}

#[test]
fn date_operands_without_instant_function_never_match() {
    let selector = compile(&json!({"t": {"$lte": {"$date": "2030-01-01T00:00:00Z"}}}));
    let no_instant = |_: &str| None;
    assert!(!selector.matches(&json!({"t": "2026-01-01T00:00:00Z"}), &no_instant));
    assert!(selector.matches(&json!({"t": "2026-01-01T00:00:00Z"}), &instant));
}

#[test]
fn number_wrappers_compare_as_numbers() {
    let document = json!({"n": 7, "x": 0.5});
    assert!(matches(json!({"n": {"$numberInt": "7"}}), document.clone()));
    assert!(matches(json!({"n": {"$numberLong": "7"}}), document.clone()));
    assert!(matches(json!({"n": {"$gt": {"$numberDouble": "6.5"}}}), document.clone()));
    assert!(matches(json!({"x": {"$numberDecimal": "0.5"}}), document.clone()));
    assert!(matches(json!({"n": {"$lt": {"$numberDouble": "Infinity"}}}), document.clone()));
    assert!(!matches(json!({"n": {"$numberDouble": "NaN"}}), document.clone()));
    assert!(matches(json!({"n": {"$ne": {"$numberDouble": "NaN"}}}), document));
}

#[test]
fn object_id_equals_hex_string() {
    let document = json!({"_id": "65a0b1c2d3e4f5061728394a"});
    assert!(matches(json!({"_id": {"$oid": "65a0b1c2d3e4f5061728394a"}}), document.clone()));
    assert!(matches(json!({"_id": {"$oid": "65A0B1C2D3E4F5061728394A"}}), document.clone()));
    assert!(matches(json!({"_id": {"$in": [{"$oid": "65a0b1c2d3e4f5061728394a"}]}}), document));
}

#[test]
fn wrappers_inside_documents_and_arrays() {
    let document = json!({"window": {"start": "2026-01-01T00:00:00Z", "n": 3}, "list": [1, 2]});
    let filter =
        json!({"window": {"start": {"$date": "2026-01-01T00:00:00Z"}, "n": {"$numberLong": "3"}}});
    assert!(matches(filter, document.clone()));
    assert!(matches(json!({"list": [{"$numberInt": "1"}, 2.0]}), document));
}

#[test]
fn extended_json_errors() {
    assert!(
        error(json!({"t": {"$date": "tomorrow"}}))
            .starts_with("invalid extended JSON `$date` value")
    );
    assert!(
        error(json!({"t": {"$gt": {"$date": []}}})).starts_with("invalid extended JSON `$date`")
    );
    assert!(
        error(json!({"n": {"$numberLong": 5}})).starts_with("invalid extended JSON `$numberLong`")
    );
    assert!(error(json!({"_id": {"$oid": "123"}})).starts_with("invalid extended JSON `$oid`"));
    assert!(error(json!({"b": {"$binary": "AA=="}})).starts_with("extended JSON type `$binary`"));
    assert!(error(json!({"b": {"$in": [{"$timestamp": {}}]}})).starts_with("extended JSON type"));
}

// Errors.

#[test]
fn server_side_javascript_is_rejected() {
    for operator in ["$where", "$function", "$accumulator"] {
        let expected = format!(
            "operator `{operator}` runs server-side JavaScript, which is not supported: express \
             the condition with query operators"
        );
        assert_eq!(error(json!({operator: "this.a == 1"})), expected, "top level");
        assert_eq!(error(json!({"a": {operator: {}}})), expected, "field level");
        let nested = json!({"$or": [{"a": 1}, {"$and": [{operator: "return true"}]}]});
        assert_eq!(error(nested), expected, "nested");
        let in_elem_match = json!({"a": {"$elemMatch": {operator: "true"}}});
        assert_eq!(error(in_elem_match), expected, "inside $elemMatch");
    }
}

#[test]
fn unsupported_operators_are_named() {
    for operator in ["$text", "$expr", "$near", "$geoWithin", "$jsonSchema", "$bitsAllSet"] {
        let expected = format!(
            "query operator `{operator}` is not supported by this server: use comparison, \
             element, array or logical operators"
        );
        let placement = if operator == "$text" || operator == "$expr" || operator == "$jsonSchema" {
            json!({operator: {}})
        } else {
            json!({"a": {operator: {}}})
        };
        assert_eq!(error(placement), expected);
    }
}

#[test]
fn unknown_operators_are_named() {
    assert_eq!(error(json!({"$foo": 1})), "unknown query operator `$foo`");
    assert_eq!(error(json!({"a": {"$foo": 1}})), "unknown query operator `$foo`");
    assert_eq!(error(json!({"a": {"$gt": 1, "$lte2": 5}})), "unknown query operator `$lte2`");
    assert_eq!(error(json!({"a": {"$date": 1, "$gt": 5}})), "unknown query operator `$date`");
}

#[test]
fn misplaced_operators() {
    assert_eq!(
        error(json!({"$gt": 5})),
        "operator `$gt` is not allowed here: apply it to a field, as in \
         `{\"log_level\": {\"$gte\": 30}}`"
    );
    assert!(error(json!({"$not": {"a": 1}})).starts_with("operator `$not` is not allowed here"));
    assert_eq!(
        error(json!({"a": {"$or": [{"b": 1}]}})),
        "operator `$or` is not allowed here: use it at the top level of a filter or of an \
         `$elemMatch` document"
    );
}

#[test]
fn field_names_among_operators() {
    assert_eq!(
        error(json!({"a": {"$gt": 1, "b": 2}})),
        "field name `b` is mixed with query operators in one condition: wrap a literal \
         document in `$eq` or move the field to its own condition"
    );
}

#[test]
fn operand_shape_errors() {
    assert_eq!(
        error(json!({"a": {"$in": 5}})),
        "invalid `$in` operand `5`: expected an array of values without query operators"
    );
    assert!(error(json!({"a": {"$nin": "x"}})).starts_with("invalid `$nin` operand `\"x\"`"));
    assert!(error(json!({"a": {"$in": [{"$gt": 1}]}})).starts_with("invalid `$in` operand"));
}

#[test]
fn filter_must_be_an_object() {
    for (filter, shown) in [
        (json!([{"a": 1}]), "[{\"a\":1}]"),
        (json!("a"), "\"a\""),
        (json!(5), "5"),
        (json!(null), "null"),
    ] {
        let expected = format!(
            "invalid filter `{shown}`: expected a JSON object such as \
             `{{\"event_type\": \"log_error\"}}`"
        );
        assert_eq!(error(filter), expected);
    }
}

#[test]
fn long_values_are_shortened_in_errors() {
    let message = error(json!({"a": {"$in": "x".repeat(10_000)}}));
    assert!(message.len() < 200, "{message}");
    assert!(message.contains("...`"), "{message}");
}

/// Builds `{key: value}` without `json!`, whose interpolation would serialize `value`
/// recursively and overflow the test thread's stack on deep values.
fn single_entry(key: &str, value: Value) -> Value {
    let mut map = Map::new();
    map.insert(key.to_owned(), value);
    Value::Object(map)
}

/// Nests `{"$and": [...]}` `levels` times around `{"a": 1}`.
fn nested_and(levels: usize) -> Value {
    let mut filter = json!({"a": 1});
    for _ in 0..levels {
        filter = single_entry("$and", Value::Array(vec![filter]));
    }
    filter
}

#[test]
fn nesting_within_limit_is_accepted() {
    // Each `$and` level is an object and an array, so 49 levels use 99 containers.
    let filter = nested_and(49);
    assert!(matches(filter, json!({"a": 1})));
}

#[test]
fn nesting_beyond_limit_is_rejected() {
    let expected =
        format!("filter nests arrays and objects more than {MAX_DEPTH} levels deep: flatten it");
    assert_eq!(error(nested_and(50)), expected);
    assert_eq!(error(nested_and(1000)), expected);
    let mut deep_value = json!(1);
    for _ in 0..1000 {
        deep_value = Value::Array(vec![deep_value]);
    }
    assert_eq!(error(single_entry("a", deep_value.clone())), expected);
    let in_list = single_entry("$in", Value::Array(vec![deep_value]));
    assert_eq!(error(single_entry("a", in_list)), expected);
    let mut deep_not = json!({"$eq": 1});
    for _ in 0..1000 {
        deep_not = single_entry("$not", deep_not);
    }
    assert_eq!(error(single_entry("a", deep_not)), expected);
}

// Upstream samples and store hints.

#[test]
fn upstream_sample_filters() {
    let event = node_create_event();
    assert!(matches(json!({"source.node_id": "01M90V2W7QHNBC810AP00DWNXW"}), event.clone()));
    assert!(matches(
        json!({"event_type": "node_create", "log_level": {"$gte": 20}}),
        event.clone()
    ));
    assert!(matches(json!({"event_data.test": {"$gte": 10}}), event.clone()));
    assert!(!matches(json!({"archived": true}), event.clone()));
    assert!(matches(json!({"archived_at": null, "trace_id": {"$exists": true}}), event));
}

#[test]
fn python_literal_selector_end_to_end() {
    let text = "{'source.node_id': '01M90V2W7QHNBC810AP00DWNXW', 'log_level': {'$in': (20, 30)}}";
    let filter = super::parse_python_literal(text).unwrap_or_else(|error| panic!("{error}"));
    assert!(matches(filter, node_create_event()));
}

#[test]
fn pinned_ids_from_top_level_id() {
    let pinned = |filter: Value| compile(&filter).pinned_ids();
    assert_eq!(pinned(json!({"_id": "A"})), Some(vec!["A".to_owned()]));
    assert_eq!(pinned(json!({"_id": {"$eq": "A"}, "log_level": 20})), Some(vec!["A".to_owned()]));
    let listed = pinned(json!({"_id": {"$in": ["B", "A", "B"]}}));
    assert_eq!(listed, Some(vec!["B".to_owned(), "A".to_owned()]));
    assert_eq!(pinned(json!({"_id": {"$in": []}})), Some(vec![]));
    let oid = pinned(json!({"_id": {"$oid": "65A0B1C2D3E4F5061728394A"}}));
    assert_eq!(oid, Some(vec!["65a0b1c2d3e4f5061728394a".to_owned()]));
}

#[test]
fn pinned_ids_absent_otherwise() {
    let pinned = |filter: Value| compile(&filter).pinned_ids();
    assert_eq!(pinned(json!({})), None);
    assert_eq!(pinned(json!({"event_type": "x"})), None);
    assert_eq!(pinned(json!({"_id": {"$in": ["A", 5]}})), None);
    assert_eq!(pinned(json!({"_id": {"$in": ["A", {"$regex": "B"}]}})), None);
    assert_eq!(pinned(json!({"_id": {"$gt": "A"}})), None);
    assert_eq!(pinned(json!({"_id": {"$ne": "A"}})), None);
    assert_eq!(pinned(json!({"_id": 5})), None);
    assert_eq!(pinned(json!({"_id.x": "A"})), None);
    assert_eq!(pinned(json!({"$or": [{"_id": "A"}]})), None);
}

#[test]
fn pinned_ids_keep_other_conditions() {
    let selector = compile(&json!({"_id": {"$in": ["A", "B"]}, "log_level": {"$gte": 30}}));
    assert_eq!(selector.pinned_ids(), Some(vec!["A".to_owned(), "B".to_owned()]));
    assert!(!selector.matches(&json!({"_id": "A", "log_level": 20}), &instant));
    assert!(selector.matches(&json!({"_id": "B", "log_level": 40}), &instant));
}

#[test]
fn selector_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Selector>();
}

/// Compiles every operator with many odd operands and matches whatever compiles against odd
/// documents, checking only that nothing panics.
#[test]
fn odd_inputs_never_panic() {
    let operators = [
        "$eq",
        "$ne",
        "$gt",
        "$gte",
        "$lt",
        "$lte",
        "$in",
        "$nin",
        "$exists",
        "$type",
        "$mod",
        "$regex",
        "$options",
        "$not",
        "$elemMatch",
        "$size",
        "$all",
        "$and",
        "$or",
        "$nor",
        "$comment",
        "$where",
        "$foo",
        "a",
        "a.0",
        "a.b.c",
        "",
        ".",
        "a..b",
    ];
    let operands = [
        json!(null),
        json!(true),
        json!(0),
        json!(-1),
        json!(1.5),
        json!(i64::MIN),
        json!(u64::MAX),
        json!(1e300),
        json!(""),
        json!("(?"),
        json!([]),
        json!([0, 0]),
        json!([i64::MIN, -1]),
        json!([1e300, 1]),
        json!([null]),
        json!([{}]),
        json!([{"$elemMatch": {}}]),
        json!({}),
        json!({"$gt": 1}),
        json!({"a": {"$exists": true}}),
        json!({"$date": "2026-01-01T00:00:00Z"}),
        json!({"$date": i64::MIN}),
        json!({"$numberDouble": "NaN"}),
        json!({"$regularExpression": {"pattern": "a", "options": "z"}}),
        json!({"$oid": "0123456789abcdef01234567"}),
    ];
    let documents = [
        json!({}),
        json!({"a": null}),
        json!({"a": [1, [2], {"b": {"c": [3]}}, "x", null]}),
        json!({"a": {"0": 1, "b": {"c": "2026-01-01T00:00:00Z"}}}),
        json!({"a": i64::MIN, "": 1}),
        json!({"a": [[[]]]}),
        json!({"a": 1e300}),
        json!({"a": u64::MAX}),
    ];
    let mut compiled = 0;
    for operator in operators {
        for operand in &operands {
            for filter in [json!({operator: operand}), json!({"a": {operator: operand}})] {
                let Ok(selector) = Selector::parse(&filter) else {
                    continue;
                };
                compiled += 1;
                for document in &documents {
                    let _ = selector.matches(document, &instant);
                }
            }
        }
    }
    assert!(compiled > 100, "only {compiled} filters compiled");
}
