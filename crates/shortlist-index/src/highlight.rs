//! Search-result snippets: a short passage with the matched words marked,
//! renderable with any pair of markers (`[`/`]` for plain output, ANSI
//! escapes for terminals).

use serde::Serialize;

/// A passage of résumé text with byte ranges of the matched words.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Highlight {
    /// The passage, whitespace collapsed to single spaces so it fits on one line.
    pub fragment: String,
    /// Byte ranges into `fragment` of the matched words, sorted and disjoint.
    pub highlighted: Vec<(usize, usize)>,
}

impl Highlight {
    /// Builds a highlight from an engine snippet, collapsing whitespace and
    /// remapping the ranges accordingly.
    pub(crate) fn new(fragment: &str, ranges: &[std::ops::Range<usize>]) -> Highlight {
        let mut out = String::with_capacity(fragment.len());
        // new_pos[i] = offset in `out` of byte i of `fragment` (and of its end).
        let mut new_pos = vec![0usize; fragment.len() + 1];
        let mut prev_space = true; // also trims leading whitespace
        for (i, c) in fragment.char_indices() {
            for slot in new_pos.iter_mut().skip(i).take(c.len_utf8()) {
                *slot = out.len();
            }
            if c.is_whitespace() {
                if !prev_space {
                    out.push(' ');
                }
                prev_space = true;
            } else {
                out.push(c);
                prev_space = false;
            }
        }
        new_pos[fragment.len()] = out.len();
        let trimmed_len = out.trim_end().len();
        out.truncate(trimmed_len);
        let mut highlighted: Vec<(usize, usize)> = ranges
            .iter()
            .filter(|r| r.start < r.end && r.end <= fragment.len())
            .map(|r| {
                (
                    new_pos[r.start].min(out.len()),
                    new_pos[r.end].min(out.len()),
                )
            })
            .filter(|(s, e)| s < e)
            .collect();
        highlighted.sort_unstable();
        highlighted.dedup();
        Highlight {
            fragment: out,
            highlighted,
        }
    }

    /// The first `max_chars` characters of `text` (at a word boundary when
    /// possible), unhighlighted: used when the query has no text words.
    pub(crate) fn leading(text: &str, max_chars: usize) -> Highlight {
        let cut = text
            .char_indices()
            .nth(max_chars)
            .map_or(text.len(), |(i, _)| i);
        let mut head = &text[..cut];
        if cut < text.len()
            && let Some(space) = head.rfind(char::is_whitespace)
        {
            head = &head[..space];
        }
        Highlight::new(head, &[])
    }

    /// True when there is no passage to show.
    pub fn is_empty(&self) -> bool {
        self.fragment.is_empty()
    }

    /// The passage with each matched word wrapped in `open` … `close`,
    /// e.g. `render("[", "]")` or `render("\x1b[1m", "\x1b[0m")`.
    pub fn render(&self, open: &str, close: &str) -> String {
        let mut out = String::with_capacity(self.fragment.len() + 8 * self.highlighted.len());
        let mut at = 0;
        for &(start, end) in &self.highlighted {
            // Ranges come from `new`, so they are in order and on char
            // boundaries; `get` keeps a malformed value from panicking.
            if start < at {
                continue;
            }
            let (Some(before), Some(word)) =
                (self.fragment.get(at..start), self.fragment.get(start..end))
            else {
                continue;
            };
            out.push_str(before);
            out.push_str(open);
            out.push_str(word);
            out.push_str(close);
            at = end;
        }
        out.push_str(self.fragment.get(at..).unwrap_or_default());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_whitespace_and_keeps_ranges() {
        let frag = "  led the\n\n  Kafka   team ";
        let k = frag.find("Kafka").unwrap_or(0);
        let ranges = vec![std::ops::Range {
            start: k,
            end: k + 5,
        }];
        let h = Highlight::new(frag, &ranges);
        assert_eq!(h.fragment, "led the Kafka team");
        assert_eq!(h.render("[", "]"), "led the [Kafka] team");
    }

    #[test]
    fn multibyte_text() {
        let frag = "José  Núñez — Kafka";
        let k = frag.find("Núñez").unwrap_or(0);
        let ranges = vec![std::ops::Range {
            start: k,
            end: k + "Núñez".len(),
        }];
        let h = Highlight::new(frag, &ranges);
        assert_eq!(h.render("<", ">"), "José <Núñez> — Kafka");
    }

    #[test]
    fn leading_cuts_at_word_boundary() {
        let h = Highlight::leading("alpha beta gamma", 8);
        assert_eq!(h.fragment, "alpha");
        assert!(h.highlighted.is_empty());
        assert_eq!(Highlight::leading("short", 100).fragment, "short");
    }
}
