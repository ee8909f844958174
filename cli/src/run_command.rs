//! `pyx run`: the interpreter's command line, shaped like `python3`'s.

use std::process::ExitCode;

#[derive(clap::Args)]
#[command(trailing_var_arg = true)]
pub struct RunArgs {
    /// Program passed in as a string (like `python3 -c`).
    #[arg(short = 'c', value_name = "CODE", conflicts_with = "module")]
    pub command: Option<String>,
    /// Run a module as a script (like `python3 -m`).
    #[arg(short = 'm', value_name = "MODULE")]
    pub module: Option<String>,
    /// The script, then its arguments (`sys.argv[1:]`).
    #[arg(allow_hyphen_values = true, value_name = "FILE [ARGS]")]
    pub args: Vec<String>,
}

pub fn run(args: RunArgs) -> ExitCode {
    use pyx_eval::run::Target;
    let mut rest = args.args;
    let target = if let Some(c) = args.command {
        Target::Command(c)
    } else if let Some(m) = args.module {
        Target::Module(m)
    } else if !rest.is_empty() {
        Target::File(rest.remove(0))
    } else {
        eprintln!("pyx run: give a FILE, -c CODE or -m MODULE (the interactive prompt is not there yet)");
        return ExitCode::from(2);
    };
    let code = pyx_eval::run::run(target, rest);
    ExitCode::from((code & 0xff) as u8)
}
