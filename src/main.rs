//! The `hooks` binary: parses the command line (or answers shell completion) and hands it to the library's `hooks::run`.

use std::process::ExitCode;

fn main() -> ExitCode {
    clap_complete::CompleteEnv::with_factory(hooks::commands::help::command).complete();
    let cli = hooks::commands::help::parse();
    match hooks::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            hooks::output::report_error(&error);
            ExitCode::from(error.exit_code())
        }
    }
}
