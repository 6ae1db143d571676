//! `hooks check`: a conformance suite for the user's own webhook handler.
//! It sends genuine, forged, tampered, unsigned, stale, duplicate,
//! out-of-order and large deliveries with the provider's real scheme and
//! envelope, and judges each answer.

pub mod cases;
pub mod junit;
pub mod run;

pub use cases::Case;
pub use run::{Outcome, Runner, Verdict};

use crate::output::Format;
use crate::Result;

/// Runs `cases` in order, printing each verdict as it comes, except the
/// timeout case, which runs last: it judges every request the run sent.
/// Verdicts come back in the order of [`Case::ALL`].
pub async fn execute(
    runner: &mut Runner<'_>,
    cases: &[Case],
    format: Format,
) -> Result<Vec<Verdict>> {
    let mut order: Vec<Case> = cases
        .iter()
        .copied()
        .filter(|c| *c != Case::Timeout)
        .collect();
    if cases.contains(&Case::Timeout) {
        order.push(Case::Timeout);
    }
    let mut verdicts = Vec::with_capacity(order.len());
    for case in order {
        let verdict = case.run(runner).await?;
        verdict.print(format);
        verdicts.push(verdict);
    }
    verdicts.sort_by_key(|v| v.case);
    Ok(verdicts)
}
