//! The command line, read by clap (issue 18 item 8: `--flag=value`, `--`, `-V`, options before
//! or after the command, help per command, an unknown option refused by name). The decision
//! commands are made from core's list of kinds, so a new kind is a new command by itself.

use crate::rows::Format;
use clap::{value_parser, Arg, ArgAction, ArgMatches, Command as Clap};

/// What to do.
#[derive(Debug)]
pub enum Command {
    /// Decide every row with this kind (core's name, `check_return`).
    Decide(String),
    /// Print every problem of a policy file.
    ValidatePolicy(String),
    /// List the kinds.
    Kinds,
    /// Read a State Council holiday notice (a file, or stdin) into a `calendar.years` entry.
    CalendarImport(Option<String>),
    /// Write a year's working calendar as iCalendar.
    CalendarIcs(i32),
    /// Print a JSON Schema (`policy`, `check-return`, `check_return.decision`, …).
    Schema(Option<String>),
    /// `to-platform PLATFORM [FILE]`: decisions written back as the platform's update call.
    ToPlatform(String),
    /// `diff-policy --old A --new B KIND [FILE]`.
    DiffPolicy {
        old: String,
        new: String,
        kind: String,
    },
}

/// The parsed command line.
#[derive(Debug)]
pub struct Args {
    pub command: Command,
    pub input: Option<String>,
    pub output: Option<String>,
    pub policy: Option<String>,
    pub from: Format,
    pub to: Format,
    pub allow_errors: bool,
    pub progress: bool,
    /// Main fields only, without the whole decision.
    pub lean: bool,
    /// CSV columns that are no request field are left out (else the run stops, naming them).
    pub ignore_unknown_columns: bool,
    /// Rows are this platform's payloads (`taobao`, `jd`, `pinduoduo`), read by core's
    /// `platforms::read` into the kind's request (docs/platforms.md).
    pub from_platform: Option<String>,
    /// The shop's facts (JSON text), merged into every row read from a platform payload.
    pub facts: Option<String>,
}

const ABOUT: &str = "An online shop's after-sales rule book: returns, order flags, complaints, \
service standards. Rows in (JSON Lines or CSV), one decision out per row, in order.";

const DECIDE_HELP: &str = "\
Rows come from FILE (or stdin) as JSON Lines, or CSV when the name ends in .csv (any case) or
with --from csv. A CSV header names field paths (condition.seal_broken); each cell is read as
the type of its field (an order number stays text), a list or object is JSON in its cell, an
empty cell is a field left out. A UTF-8 byte order mark is ignored; blank JSON Lines lines are
not rows.

One row comes out per row in, in order: {\"index\", \"ok\", \"id\", \"order_id\", \"decision\" |
\"error\"} (id and order_id echo the request's, also for a row that failed). --lean puts the
decision's main fields in \"decision\" instead of the whole decision. --to csv writes index, ok,
the error's code, path and message, the main fields, and (unless --lean) the whole decision
as JSON.

Exit status: 0 every row decided; 1 some rows failed (0 with --allow-errors); 2 the command
could not run (usage, files, policy, header); 128+N stopped by signal N (SIGINT, SIGTERM,
SIGHUP: the output ends at a whole row; SIGPIPE, 141: the reader of the output went away).";

const DIFF_HELP: &str = "\
Every row is decided under both policies and compared on the kind's main fields and reason
codes (the lean form; a failed row by its error code and path). Out, as JSON Lines: one line
per changed row, {\"index\", \"id\", \"order_id\", \"changed\", \"old\", \"new\", \"codes_added\",
\"codes_removed\"}, in input order; then one line {\"summary\": {\"rows_read\", \"rows_changed\",
\"rows_failed\", \"transitions\", \"codes_added\", \"codes_removed\"}}. Memory stays flat.

Exit status: 0 nothing changes; 1 some rows change; 2 the command could not run; 128+N stopped
by signal N (SIGINT, SIGTERM, SIGHUP: the output ends at a whole line, without the summary).";

fn format_arg(name: &'static str, help: &'static str) -> Arg {
    Arg::new(name)
        .long(name)
        .value_name("FORMAT")
        .value_parser(["jsonl", "json", "csv"])
        .help(help)
}

fn output_arg() -> Arg {
    Arg::new("output")
        .short('o')
        .long("output")
        .value_name("FILE")
        .help("Write to FILE instead of stdout (never the input file)")
}

fn file_arg(help: &'static str) -> Arg {
    Arg::new("file").value_name("FILE").help(help)
}

fn allow_errors_arg() -> Arg {
    Arg::new("allow-errors")
        .long("allow-errors")
        .action(ArgAction::SetTrue)
        .help("Exit 0 even when some rows failed")
}

const ROWS_HELP: &str = "JSON Lines or CSV rows; - or nothing for stdin";

fn decide_command(kind: &str) -> Clap {
    Clap::new(kind.replace('_', "-"))
        .about(format!("Decide every row (a {kind} request each)"))
        .after_help(DECIDE_HELP)
        .arg(file_arg(ROWS_HELP))
        .arg(format_arg(
            "from",
            "Input format (default: by the file name)",
        ))
        .arg(format_arg(
            "to",
            "Output format (default: by the -o file name, else jsonl)",
        ))
        .arg(output_arg())
        .arg(
            Arg::new("lean")
                .long("lean")
                .action(ArgAction::SetTrue)
                .help("Main fields only, not the whole decision"),
        )
        .arg(allow_errors_arg())
        .arg(
            Arg::new("no-progress")
                .long("no-progress")
                .action(ArgAction::SetTrue)
                .help("No progress line on stderr (shown only on a terminal)"),
        )
        .arg(
            Arg::new("from-platform")
                .long("from-platform")
                .value_name("PLATFORM")
                .value_parser(["taobao", "jd", "pinduoduo"])
                .help("Rows are the platform's own payloads (a Taobao trade or refund, a JD order, a Pinduoduo order; whole API responses or inner objects), read into the request (docs/platforms.md). A row {\"payload\": …, \"facts\": {…}} adds the shop's facts for that row"),
        )
        .arg(
            Arg::new("facts")
                .long("facts")
                .value_name("JSON")
                .requires("from-platform")
                .help("With --from-platform: the shop's facts for every row, a partial request as JSON (e.g. '{\"now\": \"2026-03-05T10:00:00+08:00\"}'); a row's own facts win"),
        )
        .arg(
            Arg::new("ignore-unknown-columns")
                .long("ignore-unknown-columns")
                .action(ArgAction::SetTrue)
                .help("Leave out CSV columns that are no request field (e.g. customer_name)"),
        )
}

/// The whole command line, with every command and option.
pub fn cli() -> Clap {
    let mut cli = Clap::new("kefu")
        .version(kefu_core::VERSION)
        .about(ABOUT)
        .subcommand_required(true)
        .arg_required_else_help(true)
        .arg(
            Arg::new("policy")
                .long("policy")
                .value_name("FILE")
                .global(true)
                .help("The shop's policy (JSON); the rule book's defaults without it"),
        );
    for kind in kefu_core::KINDS {
        cli = cli.subcommand(decide_command(kind));
    }
    if kefu_core::is_kind(kefu_core::PANIC_PROBE) {
        cli = cli.subcommand(decide_command(kefu_core::PANIC_PROBE).hide(true));
    }
    cli.subcommand(
        Clap::new("validate-policy")
            .about("Print every problem of a policy file, with its path (exit 1 if any)")
            .arg(Arg::new("policy-file").value_name("FILE").required(true)),
    )
    .subcommand(Clap::new("kinds").about("List the decision commands"))
    .subcommand(
        Clap::new("to-platform")
            .about("Write flag decisions back as the platform's update call (taobao.trade.memo.update, jingdong.pop.order.modifyVenderRemark, pdd.order.note.update)")
            .after_help("A line is an order_flag or order_action decision, or a row of a decision command's output ({\"index\", \"ok\", \"decision\"}), with an optional \"memo\" (else the decision's note or label). One line out per line in: {\"index\", \"ok\", \"call\" | \"error\"}. docs/platforms.md.")
            .arg(
                Arg::new("platform")
                    .value_name("PLATFORM")
                    .required(true)
                    .value_parser(["taobao", "jd", "pinduoduo"]),
            )
            .arg(file_arg("JSON Lines; - or nothing for stdin"))
            .arg(output_arg())
            .arg(allow_errors_arg()),
    )
    .subcommand(
        Clap::new("diff-policy")
            .about(
                "Try a proposed policy on past rows: the rows whose answer changes, then a summary",
            )
            .after_help(DIFF_HELP)
            .arg(
                Arg::new("old")
                    .long("old")
                    .value_name("FILE")
                    .required(true)
                    .help("The current policy (JSON)"),
            )
            .arg(
                Arg::new("new")
                    .long("new")
                    .value_name("FILE")
                    .required(true)
                    .help("The proposed policy (JSON)"),
            )
            .arg(
                Arg::new("kind")
                    .value_name("KIND")
                    .required(true)
                    .value_parser(
                        kefu_core::KINDS
                            .iter()
                            .map(|k| k.replace('_', "-"))
                            .collect::<Vec<_>>(),
                    )
                    .help("The kind of every row (check-return, ...)"),
            )
            .arg(file_arg(ROWS_HELP))
            .arg(format_arg(
                "from",
                "Input format (default: by the file name)",
            ))
            .arg(output_arg())
            .arg(
                Arg::new("ignore-unknown-columns")
                    .long("ignore-unknown-columns")
                    .action(ArgAction::SetTrue)
                    .help("Leave out CSV columns that are no request field"),
            ),
    )
    .subcommand(
        Clap::new("schema")
            .about(
                "Print a JSON Schema: policy, a kind (its request: check-return), or \
                 <kind>.request, <kind>.decision, <kind>.lean; without a name, list the names",
            )
            .arg(Arg::new("name").value_name("NAME")),
    )
    .subcommand(
        Clap::new("calendar")
            .about("The business calendar: import a holiday notice, export iCalendar")
            .subcommand_required(true)
            .subcommand(
                Clap::new("import")
                    .about(
                        "Read the State Council's holiday notice (pasted as text) and print the \
                         calendar.years entry it gives, to put in a policy; a sentence it cannot \
                         read stops it with that sentence (exit 1)",
                    )
                    .arg(
                        Arg::new("notice")
                            .value_name("NOTICE.txt")
                            .help("- or nothing for stdin"),
                    ),
            )
            .subcommand(
                Clap::new("ics")
                    .about(
                        "Write a year's holidays, make-up working days and closures as all-day \
                         iCalendar events; provisional years are marked 暂定",
                    )
                    .arg(
                        Arg::new("year")
                            .value_name("YEAR")
                            .required(true)
                            .value_parser(value_parser!(i32)),
                    )
                    .arg(output_arg()),
            ),
    )
}

fn format(value: Option<&String>) -> Option<Format> {
    value.map(|v| {
        if v == "csv" {
            Format::Csv
        } else {
            Format::Jsonl
        }
    })
}

/// A file name that says CSV (`.csv`, any case).
fn csv_name(path: Option<&str>) -> bool {
    path.and_then(|p| std::path::Path::new(p).extension())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}

/// Read the command line (with the program name). Help, the version and usage errors come
/// back as clap's error, which prints itself and knows its exit code (0 for help, 2 else).
pub fn parse(words: impl IntoIterator<Item = String>) -> Result<Args, clap::Error> {
    let matches = cli().try_get_matches_from(words)?;
    let policy = matches.get_one::<String>("policy").cloned();
    let mut args = Args {
        command: Command::Kinds,
        input: None,
        output: None,
        policy,
        from: Format::Jsonl,
        to: Format::Jsonl,
        allow_errors: false,
        progress: true,
        lean: false,
        ignore_unknown_columns: false,
        from_platform: None,
        facts: None,
    };
    let Some((name, sub)) = matches.subcommand() else {
        return Ok(args);
    };
    args.command = match name {
        "kinds" => Command::Kinds,
        "to-platform" => {
            args.input = sub.get_one::<String>("file").filter(|p| *p != "-").cloned();
            args.output = sub.get_one::<String>("output").cloned();
            args.allow_errors = sub.get_flag("allow-errors");
            Command::ToPlatform(
                sub.get_one::<String>("platform")
                    .cloned()
                    .unwrap_or_default(),
            )
        }
        "schema" => Command::Schema(sub.get_one::<String>("name").cloned()),
        "validate-policy" => Command::ValidatePolicy(
            sub.get_one::<String>("policy-file")
                .cloned()
                .unwrap_or_default(),
        ),
        "diff-policy" => {
            if args.policy.is_some() {
                return Err(cli().error(
                    clap::error::ErrorKind::ArgumentConflict,
                    "diff-policy compares two policies: give them as --old FILE and --new FILE, not --policy",
                ));
            }
            args.input = sub.get_one::<String>("file").filter(|p| *p != "-").cloned();
            args.output = sub.get_one::<String>("output").cloned();
            args.ignore_unknown_columns = sub.get_flag("ignore-unknown-columns");
            args.from = format(sub.get_one::<String>("from")).unwrap_or(
                if csv_name(args.input.as_deref()) {
                    Format::Csv
                } else {
                    Format::Jsonl
                },
            );
            let get = |k: &str| sub.get_one::<String>(k).cloned().unwrap_or_default();
            Command::DiffPolicy {
                old: get("old"),
                new: get("new"),
                kind: get("kind").replace('-', "_"),
            }
        }
        "calendar" => match sub.subcommand() {
            Some(("import", m)) => Command::CalendarImport(
                m.get_one::<String>("notice").filter(|p| *p != "-").cloned(),
            ),
            Some(("ics", m)) => {
                args.output = m.get_one::<String>("output").cloned();
                Command::CalendarIcs(m.get_one::<i32>("year").copied().unwrap_or_default())
            }
            _ => Command::Kinds,
        },
        kind => {
            decide_options(sub, &mut args);
            Command::Decide(kind.replace('-', "_"))
        }
    };
    Ok(args)
}

fn decide_options(m: &ArgMatches, args: &mut Args) {
    args.input = m.get_one::<String>("file").filter(|p| *p != "-").cloned();
    args.output = m.get_one::<String>("output").cloned();
    args.allow_errors = m.get_flag("allow-errors");
    args.progress = !m.get_flag("no-progress");
    args.lean = m.get_flag("lean");
    args.ignore_unknown_columns = m.get_flag("ignore-unknown-columns");
    args.from_platform = m.get_one::<String>("from-platform").cloned();
    args.facts = m.get_one::<String>("facts").cloned();
    args.from = format(m.get_one("from")).unwrap_or(if csv_name(args.input.as_deref()) {
        Format::Csv
    } else {
        Format::Jsonl
    });
    args.to = format(m.get_one("to")).unwrap_or(if csv_name(args.output.as_deref()) {
        Format::Csv
    } else {
        Format::Jsonl
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_is_consistent() {
        super::cli().debug_assert();
    }
}
