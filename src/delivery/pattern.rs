//! Event-type patterns for `--events`, `--forward-event` and
//! `deliveries list --event`: `*` matches any run of characters, `?` one.

/// Whether `text` matches the glob `pattern`, case-sensitively.
pub fn matches(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    // Iterative glob matching with one backtrack point: linear in practice.
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

/// Whether any of `patterns` matches any of `types`.
pub fn any_matches(patterns: &[String], types: &[String]) -> bool {
    patterns.iter().any(|p| types.iter().any(|t| matches(p, t)))
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn globs() {
        assert!(matches("contact.*", "contact.created"));
        assert!(matches("*", "anything"));
        assert!(matches("users::*", "users::created"));
        assert!(matches("task_?hanged", "task_changed"));
        assert!(matches("*.created", "deal.created"));
        assert!(!matches("contact.*", "deal.created"));
        assert!(!matches("contact.created", "contact.created2"));
        assert!(matches("a*b*c", "aXXbYYc"));
        assert!(!matches("a*b*c", "aXXbYY"));
    }
}
