//! Quick throughput check of [`Matcher::analyze`](shortlist_matcher::Matcher::analyze)
//! without criterion: analyses the given `.txt` files repeatedly on 1 and 2
//! threads (sharing one matcher) and prints MB/s.
//!
//! Usage: `cargo run --release -p shortlist-matcher --example throughput -- [--secs N] [--one] FILE...`
//! (`--one`: single-thread run only)

use std::time::{Duration, Instant};

use shortlist_matcher::{DEFAULT_ROLE, Matcher, Role};

/// CPU time of the calling thread, from `/proc/thread-self/stat` (Linux; 0 elsewhere).
fn thread_cpu_secs() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<f64> = after
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|x| x.parse().ok())
        .collect();
    f.iter().sum::<f64>() / 100.0
}

/// (wall MB/s, MB per CPU second).
fn run(matcher: &Matcher, texts: &[String], threads: usize, secs: f64) -> (f64, f64) {
    let as_of = jiff::civil::date(2026, 11, 23);
    let bytes: usize = texts.iter().map(String::len).sum();
    let deadline = Duration::from_secs_f64(secs);
    let start = Instant::now();
    let rounds = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let cpu = thread_cpu_secs();
                    let mut n = 0;
                    while start.elapsed() < deadline {
                        for t in texts {
                            std::hint::black_box(matcher.analyze(t, as_of));
                        }
                        n += 1;
                    }
                    (n, thread_cpu_secs() - cpu)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or((0, 0.0)))
            .fold((0, 0.0), |a, b| (a.0 + b.0, a.1 + b.1))
    });
    let (rounds, cpu): (usize, f64) = rounds;
    let mb = (rounds * bytes) as f64 / 1e6;
    (mb / start.elapsed().as_secs_f64(), mb / cpu)
}

fn main() {
    let mut args = std::env::args().skip(1).peekable();
    let mut secs = 3.0;
    let mut only_one = false;
    let mut texts = Vec::new();
    while let Some(a) = args.next() {
        if a == "--one" {
            only_one = true;
        } else if a == "--secs" {
            secs = args.next().and_then(|s| s.parse().ok()).unwrap_or(secs);
        } else if let Ok(b) = std::fs::read(&a) {
            texts.push(String::from_utf8_lossy(&b).into_owned());
        }
    }
    let matcher = Matcher::new(Role::builtin(DEFAULT_ROLE).expect("role")).expect("matcher");
    let bytes: usize = texts.iter().map(String::len).sum();
    println!("{} texts, {:.2} MB", texts.len(), bytes as f64 / 1e6);
    let (one, one_cpu) = run(&matcher, &texts, 1, secs);
    if only_one {
        println!("1 thread {one:.1} MB/s ({one_cpu:.1} MB per CPU s)");
        return;
    }
    let (two, two_cpu) = run(&matcher, &texts, 2, secs);
    println!(
        "1 thread {one:.1} MB/s ({one_cpu:.1} MB per CPU s), 2 threads {two:.1} MB/s \
         ({two_cpu:.1} MB per CPU s), scaling {:.2}x",
        two / one
    );
}
