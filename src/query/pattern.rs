//! Regular expressions of `$regex`, `$in` and `$not`, compiled once with the `regex` crate.
//!
//! MongoDB uses PCRE, so a few patterns behave differently here. The `regex` crate rejects
//! look-around and backreferences with a compile error. `\d`, `\w` and `\b` are Unicode-aware,
//! whereas PCRE without the UCP flag matches ASCII only. `$` without the `m` option matches
//! only at the very end of the text, whereas PCRE also matches before a final newline.

use regex::{Regex, RegexBuilder};

use super::error::SelectorError;

/// Upper bound on the compiled size of one pattern, well below the `regex` crate's 10 MiB default,
/// so that a filter from the network cannot make the server build huge automata.
const COMPILED_SIZE_LIMIT: usize = 1 << 20;

/// A compiled regular expression together with the text it was built from.
#[derive(Debug, Clone)]
pub(super) struct Pattern {
    source: String,
    options: String,
    regex: Regex,
}

impl Pattern {
    /// Compiles `source` with MongoDB's option letters: `i` ignores case, `m` makes `^` and `$`
    /// match at line breaks, `s` lets `.` match a newline, `x` ignores whitespace and `#`
    /// comments, and `u` is accepted for compatibility and changes nothing.
    pub(super) fn compile(source: &str, options: &str) -> Result<Pattern, SelectorError> {
        let mut builder = RegexBuilder::new(source);
        builder.size_limit(COMPILED_SIZE_LIMIT);
        for option in options.chars() {
            match option {
                'i' => builder.case_insensitive(true),
                'm' => builder.multi_line(true),
                's' => builder.dot_matches_new_line(true),
                'x' => builder.ignore_whitespace(true),
                'u' => &mut builder,
                other => return Err(SelectorError::InvalidRegexOption { option: other }),
            };
        }
        let regex = builder.build().map_err(|error| SelectorError::InvalidRegex {
            pattern: source.to_owned(),
            reason: describe_regex_error(&error),
        })?;
        Ok(Pattern { source: source.to_owned(), options: options.to_owned(), regex })
    }

    /// Returns the pattern text without options.
    pub(super) fn source(&self) -> &str {
        &self.source
    }

    /// Returns the option letters the pattern was compiled with.
    pub(super) fn options(&self) -> &str {
        &self.options
    }

    /// Reports whether the pattern matches anywhere in `text`.
    pub(super) fn is_match(&self, text: &str) -> bool {
        self.regex.is_match(text)
    }
}

/// Reduces the multi-line report of the `regex` crate to its one-line cause.
fn describe_regex_error(error: &regex::Error) -> String {
    match error {
        regex::Error::Syntax(report) => report
            .lines()
            .find_map(|line| line.strip_prefix("error: "))
            .unwrap_or(report)
            .to_owned(),
        regex::Error::CompiledTooBig(limit) => {
            format!("the compiled pattern exceeds the limit of {limit} bytes")
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compiled(source: &str, options: &str) -> Pattern {
        match Pattern::compile(source, options) {
            Ok(pattern) => pattern,
            Err(error) => panic!("pattern `{source}` failed to compile: {error}"),
        }
    }

    #[test]
    fn option_i_ignores_case() {
        assert!(compiled("^abc$", "i").is_match("ABC"));
        assert!(!compiled("^abc$", "").is_match("ABC"));
    }

    #[test]
    fn option_m_anchors_lines() {
        assert!(compiled("^b$", "m").is_match("a\nb\nc"));
        assert!(!compiled("^b$", "").is_match("a\nb\nc"));
    }

    #[test]
    fn option_s_dot_matches_newline() {
        assert!(compiled("a.b", "s").is_match("a\nb"));
        assert!(!compiled("a.b", "").is_match("a\nb"));
    }

    #[test]
    fn option_x_ignores_whitespace() {
        assert!(compiled("a b c # comment", "x").is_match("abc"));
        assert!(!compiled("a b c", "").is_match("abc"));
    }

    #[test]
    fn option_u_is_accepted() {
        assert!(compiled("é", "u").is_match("café"));
    }

    #[test]
    fn unknown_option_is_rejected() {
        let error = Pattern::compile("a", "iq").err().map(|error| error.to_string());
        assert_eq!(
            error.as_deref(),
            Some("invalid regex option `q`: expected some of `i`, `m`, `s`, `x` and `u`")
        );
    }

    #[test]
    fn syntax_error_is_one_line() {
        let error = Pattern::compile("(ab", "").err().map(|error| error.to_string());
        assert_eq!(error.as_deref(), Some("invalid regular expression `(ab`: unclosed group"));
    }

    #[test]
    fn look_around_is_rejected() {
        let error = Pattern::compile("a(?=b)", "").err().map(|error| error.to_string());
        let message = error.unwrap_or_default();
        assert!(
            message.starts_with("invalid regular expression `a(?=b)`: look-around"),
            "{message}"
        );
    }

    #[test]
    fn huge_pattern_is_rejected() {
        let error = Pattern::compile("\\w{1000}{1000}", "").err().map(|error| error.to_string());
        let message = error.unwrap_or_default();
        assert!(message.contains("exceeds the limit"), "{message}");
    }
}
