use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = hooks::cli::Cli::parse();
    match hooks::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            hooks::output::report_error(&error);
            ExitCode::from(error.exit_code())
        }
    }
}
