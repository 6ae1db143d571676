use std::process::ExitCode;

fn main() -> ExitCode {
    clap_complete::CompleteEnv::with_factory(hooks::help::command).complete();
    let cli = hooks::help::parse();
    match hooks::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            hooks::output::report_error(&error);
            ExitCode::from(error.exit_code())
        }
    }
}
