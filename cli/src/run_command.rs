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

/// `pyx` called as `python3` would be (`sys.executable` is pyx, and
/// programs run it so: `[sys.executable, '-X', 'faulthandler', '-I', '-m',
/// 'calendar']`): options before a `-c CODE`, `-m MODULE` or script path.
/// `None` when the first argument is a pyx subcommand (or `--help`,
/// `--version`). The interpreter options are accepted and, apart from
/// `-c`/`-m` and `-B` (no `.pyc` written), ignored (`-E`, `-I`, `-s`, `-S`, `-u`, `-X opt`,
/// `-W arg`, …).
pub fn python_style(argv: &[String]) -> Option<Result<RunArgs, String>> {
    const SUBCOMMANDS: &[&str] = &["ast", "symtable", "check", "run", "lsp", "cst", "help"];
    let first = argv.get(1)?;
    if SUBCOMMANDS.contains(&first.as_str()) || matches!(first.as_str(), "-h" | "--help" | "-V" | "--version") {
        return None;
    }
    let looks_like_python = first.starts_with('-') || first.ends_with(".py") || std::path::Path::new(first).is_file();
    if !looks_like_python {
        return None;
    }
    let mut i = 1;
    while i < argv.len() {
        let a = &argv[i];
        if a == "-" || !a.starts_with('-') {
            // The script (or `-` for standard input), then its arguments.
            if a == "-" {
                return Some(Err("pyx: reading the program from standard input is not supported yet".into()));
            }
            return Some(Ok(RunArgs { command: None, module: None, args: argv[i..].to_vec() }));
        }
        if a == "--" {
            i += 1;
            continue;
        }
        if a.starts_with("--") {
            return Some(Err(format!("unknown option {a}\nusage: {} [option] ... [-c cmd | -m mod | file | -] [arg] ...", argv[0])));
        }
        let flags: Vec<char> = a[1..].chars().collect();
        let mut j = 0;
        while j < flags.len() {
            let f = flags[j];
            match f {
                'c' | 'm' | 'X' | 'W' => {
                    let rest: String = flags[j + 1..].iter().collect();
                    let value = if !rest.is_empty() {
                        rest
                    } else {
                        i += 1;
                        match argv.get(i) {
                            Some(v) => v.clone(),
                            None => return Some(Err(format!("Argument expected for the -{f} option"))),
                        }
                    };
                    match f {
                        'c' => return Some(Ok(RunArgs { command: Some(value), module: None, args: argv[i + 1..].to_vec() })),
                        'm' => return Some(Ok(RunArgs { command: None, module: Some(value), args: argv[i + 1..].to_vec() })),
                        _ => {}
                    }
                    j = flags.len();
                    continue;
                }
                'B' => pyx_eval::modules::sys::NO_BYTECODE_OPTION.store(true, std::sync::atomic::Ordering::Relaxed),
                'b' | 'd' | 'E' | 'i' | 'I' | 'O' | 'q' | 's' | 'S' | 'u' | 'v' | 'x' | 'R' | 'P' => {}
                _ => {
                    return Some(Err(format!(
                        "Unknown option: -{f}\nusage: {} [option] ... [-c cmd | -m mod | file | -] [arg] ...\nTry `python -h' for more information.",
                        argv[0]
                    )))
                }
            }
            j += 1;
        }
        i += 1;
    }
    Some(Err("pyx: give a FILE, -c CODE or -m MODULE (the interactive prompt is not there yet)".into()))
}
