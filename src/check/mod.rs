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

/// Runs `cases` (in the order of [`Case::ALL`]), printing each verdict as
/// it comes.
pub async fn execute(
    runner: &mut Runner<'_>,
    cases: &[Case],
    format: Format,
) -> Result<Vec<Verdict>> {
    let mut verdicts = Vec::with_capacity(cases.len());
    for case in cases {
        let verdict = case.run(runner).await?;
        verdict.print(format);
        verdicts.push(verdict);
    }
    Ok(verdicts)
}
