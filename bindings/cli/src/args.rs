//! The command line, read by hand (a handful of flags; no parser crate needed).

/// How rows are written, in or out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON value per line.
    Jsonl,
    /// A header of field paths (`condition.seal_broken`), then one row per request.
    Csv,
}

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
    /// Print the usage.
    Help,
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
}

pub const USAGE: &str = "\
usage: kefu <kind> [FILE|-] [--policy FILE] [--from jsonl|csv] [--to jsonl|csv] [-o FILE]
                   [--lean] [--allow-errors] [--no-progress]
       kefu validate-policy FILE
       kefu calendar import [NOTICE.txt|-]
       kefu calendar ics YEAR [--policy FILE] [-o FILE]
       kefu kinds

<kind> is a decision: check-return, order-flag, order-action, classify-complaint,
refund-timeline, sla, dispatch-estimate, is-workday, add-working-time,
working-minutes-between. Rows come from FILE (or stdin) as JSON Lines, or CSV when the file
ends in .csv or with --from csv (header: field paths such as condition.seal_broken; a cell is
read as JSON when it is JSON, else as text; an empty cell is left out). One row comes out per
row in, in order: {\"index\", \"ok\", \"decision\"|\"error\"}; --to csv writes index, ok,
error_code, error_path, error_message, the decision's main fields and the whole decision as
JSON. --lean leaves the whole decision out: index, ok, error and the main fields only.
Exit status: 0 every row decided, 1 some rows failed (0 with --allow-errors), 2 the
command could not run (usage, files, policy), 128+N stopped by signal N (SIGINT, SIGTERM,
SIGHUP: the rows decided so far are written whole, and the output ends at a whole row).

calendar import reads the State Council's holiday notice, pasted as text, and prints the
calendar.years entry it gives ({\"2027\": {\"holidays\": [...], \"workdays\": [...]}}) to put in a
policy; a sentence it cannot read stops it with that sentence (exit 1). calendar ics writes
the year's holidays, make-up working days and closures as all-day iCalendar events;
provisional years (after the last announced one) are marked 暂定.";

fn format(value: Option<String>) -> Result<Format, String> {
    match value.as_deref() {
        Some("jsonl" | "json") => Ok(Format::Jsonl),
        Some("csv") => Ok(Format::Csv),
        Some(other) => Err(format!("unknown format {other:?} (jsonl or csv)")),
        None => Err(String::from("a format is missing (jsonl or csv)")),
    }
}

/// Read the command line (without the program name).
pub fn parse(mut words: impl Iterator<Item = String>) -> Result<Args, String> {
    let first = words.next().ok_or("no command")?;
    let mut args = Args {
        command: Command::Help,
        input: None,
        output: None,
        policy: None,
        from: Format::Jsonl,
        to: Format::Jsonl,
        allow_errors: false,
        progress: true,
        lean: false,
    };
    let (mut from, mut to) = (None, None);
    let mut positional = Vec::new();
    while let Some(w) = words.next() {
        match w.as_str() {
            "--policy" => args.policy = Some(words.next().ok_or("--policy needs a file")?),
            "-o" | "--output" => args.output = Some(words.next().ok_or("-o needs a file")?),
            "--from" => from = Some(format(words.next())?),
            "--to" => to = Some(format(words.next())?),
            "--allow-errors" => args.allow_errors = true,
            "--no-progress" => args.progress = false,
            "--lean" => args.lean = true,
            "-h" | "--help" => return Ok(args),
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            _ => positional.push(w),
        }
    }
    args.command = match first.as_str() {
        "-h" | "--help" | "help" => Command::Help,
        "kinds" => Command::Kinds,
        "calendar" => match positional.first().map(String::as_str) {
            Some("import") => {
                if positional.len() > 2 {
                    return Err(String::from("calendar import reads one notice file"));
                }
                let file = positional.get(1).filter(|p| *p != "-").cloned();
                positional.clear();
                Command::CalendarImport(file)
            }
            Some("ics") => {
                let year = positional
                    .get(1)
                    .and_then(|y| y.parse::<i32>().ok())
                    .filter(|_| positional.len() == 2)
                    .ok_or("calendar ics needs one year, e.g. kefu calendar ics 2027")?;
                positional.clear();
                Command::CalendarIcs(year)
            }
            _ => return Err(String::from("calendar needs import or ics")),
        },
        "validate-policy" => Command::ValidatePolicy(
            positional
                .pop()
                .ok_or("validate-policy needs a policy file")?,
        ),
        kind => {
            let kind = kind.replace('-', "_");
            if !kefu_core::is_kind(&kind) {
                return Err(format!("unknown command {first:?}"));
            }
            Command::Decide(kind)
        }
    };
    if positional.len() > 1 {
        return Err(format!("one input file at most, got {}", positional.len()));
    }
    args.input = positional.pop().filter(|p| p != "-");
    let csv_name = |p: &Option<String>| p.as_deref().is_some_and(|p| p.ends_with(".csv"));
    args.from = from.unwrap_or(if csv_name(&args.input) {
        Format::Csv
    } else {
        Format::Jsonl
    });
    args.to = to.unwrap_or(if csv_name(&args.output) {
        Format::Csv
    } else {
        Format::Jsonl
    });
    Ok(args)
}
