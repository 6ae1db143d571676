//! "Did you mean" suggestions for names the user mistyped.

/// The closest names to `input`, best first, at most three, only those that
/// are plausibly what was meant.
pub fn nearest<'a, I, S>(input: &str, candidates: I) -> Vec<String>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str> + 'a,
{
    let input = input.to_ascii_lowercase();
    let mut scored: Vec<(f64, String)> = candidates
        .into_iter()
        .map(|c| {
            let c = c.as_ref().to_string();
            (strsim::jaro_winkler(&input, &c.to_ascii_lowercase()), c)
        })
        .filter(|(score, _)| *score >= 0.75)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_first() {
        let got = nearest(
            "contact.creatd",
            ["contact.created", "contact.deleted", "deal.won"],
        );
        assert_eq!(got.first().map(String::as_str), Some("contact.created"));
        assert!(!got.contains(&"deal.won".to_string()));
    }

    #[test]
    fn suggests_nothing_for_unrelated_input() {
        assert!(nearest("zzzz", ["contact.created"]).is_empty());
    }
}
