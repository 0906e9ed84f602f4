//! Isolated PDF extraction: a pool of worker processes with time and memory limits.
//!
//! `pdf-extract` can overflow its stack or abort on an allocation failure, and neither can be
//! caught inside a process. So PDFs are parsed in child processes (the same binary, started
//! with a hidden subcommand that calls [`run_worker`]). Each worker:
//!
//! * runs under `RLIMIT_AS` (the memory limit) and dies with its parent (`PR_SET_PDEATHSIG`);
//! * reads requests (a file's bytes, length-prefixed) from stdin and answers on stdout with a
//!   length-prefixed JSON [`Extraction`] plus its own parse and normalise times (so `--timings`
//!   can tell IPC overhead from parsing); one worker serves many files and start-up is paid
//!   once, not per file;
//! * is killed and replaced when it misses the time limit, crashes, or has served
//!   [`RECYCLE_AFTER`] files (bounding any leak or fragmentation in the parser).
//!
//! When `pdf-extract` fails on a file and poppler's `pdftotext` is installed, the pool retries
//! the file with `pdftotext` under the same limits; the [`Extractor`] field says which one won.

use crate::{Extraction, Extractor, Limits, Status, finish};
use std::ffi::OsString;
use std::io::{self, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// A worker is replaced after serving this many files.
pub const RECYCLE_AFTER: usize = 400;

/// How to start a worker: the program and its arguments (e.g. the running binary and its
/// hidden worker subcommand).
#[derive(Debug, Clone)]
pub struct WorkerCommand {
    /// The executable.
    pub program: PathBuf,
    /// Arguments that make it call [`run_worker`].
    pub args: Vec<OsString>,
}

/// A pool of PDF worker processes shared by the threads of a batch.
///
/// `extract` may be called from many threads at once; each call borrows an idle worker (or
/// starts one) and gives it back afterwards.
pub struct WorkerPool {
    command: WorkerCommand,
    limits: Limits,
    idle: Mutex<Vec<Worker>>,
    stats: Mutex<PoolStats>,
    peaks: WorkerPeaks,
}

/// The peak resident memory (KiB, from `wait4`'s rusage) of every worker the pool has reaped;
/// shared so it can be read after the pool is gone.
pub type WorkerPeaks = Arc<Mutex<Vec<u64>>>;

/// Counters for `--timings`.
#[derive(Debug, Clone, Default)]
pub struct PoolStats {
    /// Worker processes started.
    pub spawned: usize,
    /// Time spent starting workers.
    pub spawn_time: Duration,
    /// Files sent to workers.
    pub requests: usize,
    /// Wall time spent waiting for workers' answers (requests that got one).
    pub request_time: Duration,
    /// Requests that got no answer: the worker hit the time limit or died (crash, memory).
    /// `requests - lost_requests` is [`PoolStats::answered`].
    pub lost_requests: usize,
    /// Wall time spent on those until the worker was given up.
    pub lost_time: Duration,
    /// Files that `pdftotext` read after `pdf-extract` failed.
    pub fallbacks: usize,
    /// Files `pdftotext` was asked to retry.
    pub fallback_attempts: usize,
    /// Wall time of the `pdftotext` retries (successful or not), normalisation excluded.
    pub fallback_time: Duration,
    /// Time the workers spent parsing and laying out PDFs, by their own clocks.
    pub parse_time: Duration,
    /// Time the workers spent normalising the text, by their own clocks.
    pub worker_normalize_time: Duration,
    /// Time this process spent normalising text (DOCX, TXT and pdftotext fallbacks).
    pub normalize_time: Duration,
    /// Time this process spent reading and hashing files.
    pub read_time: Duration,
    /// Time this process spent parsing DOCX and text files (normalisation excluded).
    pub in_process_time: Duration,
}

impl PoolStats {
    /// Requests a worker answered.
    pub fn answered(&self) -> usize {
        self.requests - self.lost_requests
    }

    /// What talking to workers cost beyond their own work: framing, the pipe round trip,
    /// JSON, waking the waiting thread (the wait minus the workers' parse and normalise time).
    pub fn ipc_time(&self) -> Duration {
        self.request_time
            .saturating_sub(self.parse_time + self.worker_normalize_time)
    }
}

/// A worker's answer: the extraction plus the worker's own clock readings, so the parent can
/// tell parsing from IPC overhead.
#[derive(serde::Serialize, serde::Deserialize)]
struct Reply {
    extraction: Extraction,
    /// Parse + layout, microseconds (normalisation excluded).
    parse_us: u64,
    /// Normalisation, microseconds.
    normalize_us: u64,
}

struct Worker {
    child: Child,
    stdin: ChildStdin,
    stdout: ChildStdout,
    /// Bytes read from `stdout` that belong to an answer not yet complete.
    pending: Vec<u8>,
    stderr_tail: Arc<Mutex<String>>,
    served: usize,
    peaks: WorkerPeaks,
    reaped: bool,
}

impl Worker {
    /// Kills the worker (if it still runs), reaps it and records its peak memory. Returns the
    /// signal that ended it, if one did. Idempotent.
    fn reap(&mut self) -> Option<i32> {
        if self.reaped {
            return None;
        }
        let _ = self.child.kill();
        self.reaped = true;
        let pid = libc::pid_t::try_from(self.child.id()).ok()?;
        let mut status = 0;
        let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
        // SAFETY: wait4 writes the status and a full rusage into memory we own; the pid is our
        // own child, which std has not reaped (it only does so in `wait`, never called here).
        let rc = unsafe { libc::wait4(pid, &mut status, 0, usage.as_mut_ptr()) };
        if rc != pid {
            return None;
        }
        // SAFETY: initialised by the successful call above.
        let kib = unsafe { usage.assume_init() }.ru_maxrss.max(0) as u64;
        if let Ok(mut peaks) = self.peaks.lock() {
            peaks.push(kib);
        }
        libc::WIFSIGNALED(status).then(|| libc::WTERMSIG(status))
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.reap();
    }
}

impl WorkerPool {
    /// Creates an empty pool; workers start lazily.
    pub fn new(command: WorkerCommand, limits: Limits) -> Self {
        WorkerPool {
            command,
            limits,
            idle: Mutex::new(Vec::new()),
            stats: Mutex::new(PoolStats::default()),
            peaks: WorkerPeaks::default(),
        }
    }

    /// Where each retired worker's peak memory is recorded (complete once the pool is dropped,
    /// which retires the idle workers too).
    pub fn worker_peaks(&self) -> WorkerPeaks {
        Arc::clone(&self.peaks)
    }

    /// The limits every file is extracted under.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// A snapshot of the pool's counters.
    pub fn stats(&self) -> PoolStats {
        self.stats.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Reads, fingerprints and extracts one file of any type: PDFs in a worker under the
    /// limits, DOCX and text in this process (their parsers are bounded and panic-free, but a
    /// panic would still be contained here and reported as `parser_crash`).
    pub fn ingest_file(&self, path: &Path) -> Ingested {
        let started = Instant::now();
        crate::take_normalize_time();
        let bytes = match read_limited(path, &self.limits) {
            Ok(b) => b,
            Err(extraction) => {
                return Ingested {
                    extraction,
                    sha256: None,
                    size: 0,
                };
            }
        };
        let sha256 = hex_sha256(&bytes);
        let size = bytes.len() as u64;
        let read = started.elapsed();
        let mut in_process = Duration::ZERO;
        // Detection reads a DOCX's ZIP directory: hostile input, so inside the panic guard too.
        let kind = std::panic::catch_unwind(|| crate::detect(&bytes));
        let extraction = match kind {
            _ if bytes.is_empty() => crate::extract_bytes(&bytes, &self.limits),
            Err(_) => Extraction::failed(Status::ParserCrash, "the file-type detection panicked"),
            Ok(crate::Kind::Pdf { .. }) => self.extract_pdf(path, bytes),
            Ok(_) => {
                let parse_started = Instant::now();
                let e = std::panic::catch_unwind(|| crate::extract_bytes(&bytes, &self.limits))
                    .unwrap_or_else(|_| {
                        Extraction::failed(Status::ParserCrash, "the document parser panicked")
                    });
                in_process = parse_started.elapsed();
                e
            }
        };
        let normalize = crate::take_normalize_time();
        if let Ok(mut s) = self.stats.lock() {
            s.read_time += read;
            s.normalize_time += normalize;
            s.in_process_time += in_process.saturating_sub(normalize);
        }
        Ingested {
            extraction,
            sha256: Some(sha256),
            size,
        }
    }

    /// Extracts a PDF (its bytes, read from `path`) in a worker, enforcing the time and memory
    /// limits, with the `pdftotext` fallback described in the module docs.
    pub fn extract_pdf(&self, path: &Path, bytes: Vec<u8>) -> Extraction {
        let first = self.run_in_worker(&bytes);
        drop(bytes);
        if !wants_fallback(&first) {
            return first;
        }
        let fallback_started = Instant::now();
        let fallback = pdftotext(path, &self.limits);
        // Its text was normalised here, inside the fallback's time: count that once, as
        // normalisation.
        let normalize = crate::take_normalize_time();
        let read = matches!(&fallback, Some(f) if f.status == Status::Ok);
        if let Ok(mut s) = self.stats.lock() {
            s.fallback_time += fallback_started.elapsed().saturating_sub(normalize);
            s.normalize_time += normalize;
            s.fallback_attempts += 1;
            s.fallbacks += usize::from(read);
        }
        match fallback {
            Some(fallback) if read => Extraction {
                reason: format!(
                    "{}; pdf-extract failed ({}: {})",
                    fallback.reason, first.status, first.reason
                ),
                ..fallback
            },
            _ => first,
        }
    }

    fn run_in_worker(&self, bytes: &[u8]) -> Extraction {
        let mut worker = match self.checkout() {
            Ok(w) => w,
            Err(e) => {
                return Extraction::failed(
                    Status::ParserCrash,
                    format!("cannot start a PDF worker: {e}"),
                );
            }
        };
        let started = Instant::now();
        let result = request(&mut worker, bytes, self.limits.timeout);
        if let Ok(mut s) = self.stats.lock() {
            s.requests += 1;
            match &result {
                Ok(reply) => {
                    s.request_time += started.elapsed();
                    s.parse_time += Duration::from_micros(reply.parse_us);
                    s.worker_normalize_time += Duration::from_micros(reply.normalize_us);
                }
                Err(_) => {
                    s.lost_requests += 1;
                    s.lost_time += started.elapsed();
                }
            }
        }
        match result.map(|reply| reply.extraction) {
            Ok(extraction) => {
                worker.served += 1;
                if worker.served < RECYCLE_AFTER
                    && let Ok(mut idle) = self.idle.lock()
                {
                    idle.push(worker);
                }
                extraction
            }
            Err(Failure::Timeout) => Extraction::failed(
                Status::Timeout,
                format!(
                    "PDF extraction took longer than {} s and was stopped",
                    self.limits.timeout.as_secs_f64()
                ),
            ),
            Err(Failure::Died) => died(&mut worker, &self.limits),
        }
    }

    fn checkout(&self) -> io::Result<Worker> {
        if let Some(w) = self.idle.lock().ok().and_then(|mut idle| idle.pop()) {
            return Ok(w);
        }
        let started = Instant::now();
        let worker = spawn(&self.command, &self.limits, Arc::clone(&self.peaks))?;
        if let Ok(mut s) = self.stats.lock() {
            s.spawned += 1;
            s.spawn_time += started.elapsed();
        }
        Ok(worker)
    }
}

/// Failures worth a second opinion from poppler. A memory-limit failure is retried because
/// pdf-extract (via lopdf) pre-allocates from counts the file merely claims; a timeout is not,
/// because a bomb that stalled one parser would only stall the next one too.
fn wants_fallback(e: &Extraction) -> bool {
    matches!(
        e.status,
        Status::ParserCrash | Status::Corrupt | Status::NoText | Status::TooLarge
    )
}

enum Failure {
    Timeout,
    Died,
}

/// Sets the worker-side limits; runs in the forked child before `exec`.
fn limit_child(cmd: &mut Command, max_memory: u64) {
    use std::os::unix::process::CommandExt;
    // SAFETY: the closure only calls async-signal-safe libc functions (setrlimit, prctl).
    unsafe {
        cmd.pre_exec(move || {
            let mem = libc::rlimit {
                rlim_cur: max_memory as libc::rlim_t,
                rlim_max: max_memory as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &mem) != 0 {
                return Err(io::Error::last_os_error());
            }
            let no_core = libc::rlimit {
                rlim_cur: 0,
                rlim_max: 0,
            };
            libc::setrlimit(libc::RLIMIT_CORE, &no_core);
            #[cfg(target_os = "linux")]
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            Ok(())
        });
    }
}

/// A spawn request for the keeper thread: the command, and where to send the child.
type SpawnRequest = (Command, std::sync::mpsc::Sender<io::Result<Child>>);

/// Starts `cmd` from one long-lived thread of this process.
///
/// `PR_SET_PDEATHSIG` fires when the *thread* that forked the child exits, not the process.
/// Workers are shared by every thread of a batch, so one started by a short-lived thread
/// (a rayon thread of an earlier batch, a caller's scoped thread) would be killed in the middle
/// of some other thread's file. The keeper thread never exits, so workers die with the process
/// and only then.
fn spawn_from_keeper(cmd: Command) -> io::Result<Child> {
    use std::sync::mpsc;
    static KEEPER: OnceLock<Mutex<mpsc::Sender<SpawnRequest>>> = OnceLock::new();
    let keeper = KEEPER.get_or_init(|| {
        let (tx, rx) = mpsc::channel::<SpawnRequest>();
        // If the thread cannot start, `rx` is dropped and every request below fails with
        // "the worker keeper thread is gone": PDFs then fail as values, nothing panics.
        let _ = std::thread::Builder::new()
            .name("shortlist-worker-keeper".into())
            .spawn(move || {
                for (mut cmd, reply) in rx {
                    let _ = reply.send(cmd.spawn());
                }
            });
        Mutex::new(tx)
    });
    let (reply, answer) = mpsc::channel();
    keeper
        .lock()
        .map_err(|_| io::Error::other("the worker keeper lock is poisoned"))?
        .send((cmd, reply))
        .map_err(|_| io::Error::other("the worker keeper thread is gone"))?;
    answer
        .recv()
        .map_err(|_| io::Error::other("the worker keeper thread is gone"))?
}

fn spawn(command: &WorkerCommand, limits: &Limits, peaks: WorkerPeaks) -> io::Result<Worker> {
    let mut cmd = Command::new(&command.program);
    cmd.args(&command.args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    limit_child(&mut cmd, limits.max_memory);
    let mut child = spawn_from_keeper(cmd)?;
    let stdin = child
        .stdin
        .take()
        .ok_or_else(|| io::Error::other("worker has no stdin"))?;
    widen_pipe(&stdin);
    let stdout = child
        .stdout
        .take()
        .ok_or_else(|| io::Error::other("worker has no stdout"))?;
    let stderr = child
        .stderr
        .take()
        .ok_or_else(|| io::Error::other("worker has no stderr"))?;
    let stderr_tail = Arc::new(Mutex::new(String::new()));
    let tail = Arc::clone(&stderr_tail);
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stderr);
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            if let Ok(mut t) = tail.lock() {
                t.push_str(&String::from_utf8_lossy(&buf[..n]));
                if t.len() > 8192 {
                    let cut = t.len() - 4096;
                    let cut = (cut..t.len())
                        .find(|&i| t.is_char_boundary(i))
                        .unwrap_or(t.len());
                    t.replace_range(..cut, "");
                }
            }
        }
    });
    Ok(Worker {
        child,
        stdin,
        stdout,
        pending: Vec::new(),
        stderr_tail,
        served: 0,
        peaks,
        reaped: false,
    })
}

fn request(worker: &mut Worker, bytes: &[u8], timeout: Duration) -> Result<Reply, Failure> {
    if write_frame(&mut worker.stdin, bytes).is_err() {
        return Err(Failure::Died);
    }
    let frame = read_reply(worker, Instant::now() + timeout)?;
    serde_json::from_slice(&frame).map_err(|_| Failure::Died)
}

/// Largest answer accepted from a worker; anything bigger is a corrupted stream.
const MAX_REPLY: usize = 256 << 20;

/// Reads one length-prefixed answer from the worker's stdout by the deadline.
///
/// The requesting thread waits on the pipe itself (`poll` with the time left) instead of
/// through a reader thread and a channel: one wake-up per file instead of two, which counts on
/// a busy machine where every wake-up waits for a free core.
fn read_reply(worker: &mut Worker, deadline: Instant) -> Result<Vec<u8>, Failure> {
    use std::os::fd::AsRawFd;
    let fd = worker.stdout.as_raw_fd();
    let mut chunk = [0u8; 16 << 10];
    loop {
        let buf = &mut worker.pending;
        if buf.len() >= 4 {
            let len = u32::from_le_bytes([buf[0], buf[1], buf[2], buf[3]]) as usize;
            if len > MAX_REPLY {
                return Err(Failure::Died);
            }
            if buf.len() >= 4 + len {
                let frame = buf[4..4 + len].to_vec();
                buf.drain(..4 + len);
                return Ok(frame);
            }
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(Failure::Timeout);
        }
        let mut pfd = libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        };
        let ms = i32::try_from(left.as_millis() + 1).unwrap_or(i32::MAX);
        // SAFETY: one pollfd that we own, for a descriptor that stays open while we hold
        // `worker`.
        let rc = unsafe { libc::poll(&mut pfd, 1, ms) };
        if rc < 0 {
            if io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(Failure::Died);
        }
        if rc == 0 {
            continue;
        }
        match worker.stdout.read(&mut chunk) {
            Ok(0) => return Err(Failure::Died),
            Ok(n) => worker.pending.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return Err(Failure::Died),
        }
    }
}

/// Explains a worker that died mid-file, from its exit signal and last stderr lines.
fn died(worker: &mut Worker, limits: &Limits) -> Extraction {
    let signal = worker.reap();
    // Give the stderr reader a moment to drain the dying words.
    std::thread::sleep(Duration::from_millis(20));
    let tail = worker
        .stderr_tail
        .lock()
        .map(|t| t.clone())
        .unwrap_or_default();
    if tail.contains("memory allocation of")
        || tail.contains("capacity overflow")
        || tail.contains("out of memory")
    {
        return Extraction::failed(
            Status::TooLarge,
            format!(
                "PDF extraction needed more than the {} MiB memory limit",
                limits.max_memory >> 20
            ),
        );
    }
    let what = if tail.contains("overflowed its stack") {
        "the PDF parser overflowed its stack".to_string()
    } else if let Some(line) = tail.lines().rev().find(|l| l.contains("panicked")) {
        format!("the PDF parser panicked ({})", line.trim())
    } else if let Some(sig) = signal {
        format!("the PDF parser was killed by signal {sig}")
    } else {
        "the PDF worker exited unexpectedly".to_string()
    };
    Extraction::failed(Status::ParserCrash, what)
}

fn write_frame(w: &mut impl Write, payload: &[u8]) -> io::Result<()> {
    let len = u32::try_from(payload.len()).map_err(|_| io::Error::other("frame too large"))?;
    w.write_all(&len.to_le_bytes())?;
    w.write_all(payload)?;
    w.flush()
}

fn read_frame(r: &mut impl Read) -> io::Result<Vec<u8>> {
    let mut len = [0u8; 4];
    r.read_exact(&mut len)?;
    let len = u32::from_le_bytes(len) as usize;
    let mut buf = vec![0u8; len];
    r.read_exact(&mut buf)?;
    Ok(buf)
}

/// The worker side: answers extraction requests (a file's bytes) on stdin with a JSON
/// [`Extraction`] on stdout, until stdin closes.
///
/// Panics inside the parser are caught and reported as `parser_crash`; stack overflows and
/// allocation failures kill the process, which the pool reports from the parent.
pub fn run_worker(limits: &Limits) -> io::Result<()> {
    let last_panic: Arc<Mutex<String>> = Arc::new(Mutex::new(String::new()));
    let sink = Arc::clone(&last_panic);
    std::panic::set_hook(Box::new(move |info| {
        if let Ok(mut p) = sink.lock() {
            *p = panic_summary(info);
        }
    }));
    // One big-stack thread serves every request: the parser recurses on nested objects, and a
    // deep-but-legal file should not die for want of the main thread's 8 MiB. Reusing the
    // thread (rather than one per file) keeps its stack mapped and its malloc arena warm.
    let limits = limits.clone();
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || serve(&limits, &last_panic))?
        .join()
        .map_err(|_| io::Error::other("the worker thread panicked outside the parser"))?
}

/// One line for a reason cell: the panic message (its lines joined, `assert_eq!` reports span
/// three) and where it happened, so crashes can be grouped by location.
fn panic_summary(info: &std::panic::PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    let msg = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "non-text panic payload".to_owned());
    let msg = msg.split_whitespace().collect::<Vec<_>>().join(" ");
    let msg: String = msg.chars().take(300).collect();
    match info.location() {
        Some(at) => {
            // "~/.cargo/registry/src/index.crates.io-…/pdf-extract-0.12.1/src/lib.rs" is
            // "pdf-extract-0.12.1/src/lib.rs": the crate and version are what matter.
            let file = at.file();
            let short = file
                .split_once("/registry/src/")
                .and_then(|(_, rest)| rest.split_once('/'))
                .map_or(file, |(_, path)| path);
            format!("{msg} at {short}:{}", at.line())
        }
        None => msg,
    }
}

fn serve(limits: &Limits, last_panic: &Mutex<String>) -> io::Result<()> {
    let stdin = io::stdin();
    let stdout = io::stdout();
    let mut input = stdin.lock();
    let mut output = stdout.lock();
    loop {
        let frame = match read_frame(&mut input) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(()),
            Err(e) => return Err(e),
        };
        crate::take_normalize_time();
        let started = Instant::now();
        // pdf-extract keeps no state between calls, so after a caught panic the next file
        // starts clean; aborts (stack overflow, allocation failure) kill the process and the
        // parent reports them.
        let outcome = std::panic::catch_unwind(|| crate::extract_bytes(&frame, limits));
        let total = started.elapsed();
        let normalize = crate::take_normalize_time();
        let reply = match outcome {
            Ok(extraction) => Reply {
                extraction,
                parse_us: micros(total.saturating_sub(normalize)),
                normalize_us: micros(normalize),
            },
            Err(_) => {
                let msg = last_panic.lock().map(|p| p.clone()).unwrap_or_default();
                Reply {
                    extraction: Extraction::failed(
                        Status::ParserCrash,
                        format!("the PDF parser panicked ({msg})"),
                    ),
                    parse_us: 0,
                    normalize_us: 0,
                }
            }
        };
        let json = serde_json::to_vec(&reply).map_err(io::Error::other)?;
        write_frame(&mut output, &json)?;
    }
}

/// Grows a pipe's buffer from the default 64 KiB to 1 MiB (the unprivileged maximum on Linux),
/// so a typical résumé PDF goes to the worker in one write instead of several blocking
/// round trips that each wait for the worker to be scheduled. Best effort: on failure the
/// pipe keeps its default size.
fn widen_pipe(pipe: &impl std::os::fd::AsRawFd) {
    #[cfg(target_os = "linux")]
    // SAFETY: F_SETPIPE_SZ on a pipe descriptor we own only changes its capacity.
    unsafe {
        libc::fcntl(pipe.as_raw_fd(), libc::F_SETPIPE_SZ, 1 << 20);
    }
    #[cfg(not(target_os = "linux"))]
    let _ = pipe;
}

fn micros(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}

/// Reads a file, refusing it before reading if it is over the size limit.
pub fn read_limited(path: &Path, limits: &Limits) -> Result<Vec<u8>, Extraction> {
    let meta = std::fs::metadata(path).map_err(|e| unreadable(path, &e))?;
    if meta.len() > limits.max_file_size {
        return Err(Extraction::failed(
            Status::TooLarge,
            format!(
                "{} bytes is over the {}-byte file-size limit",
                meta.len(),
                limits.max_file_size
            ),
        ));
    }
    std::fs::read(path).map_err(|e| unreadable(path, &e))
}

fn unreadable(_path: &Path, e: &io::Error) -> Extraction {
    Extraction::failed(Status::Unreadable, format!("cannot read the file: {e}"))
}

/// Lower-case hex SHA-256 of `bytes`: the file's identity for duplicates and the index.
pub fn hex_sha256(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// A file after [`WorkerPool::ingest_file`].
#[derive(Debug, Clone)]
pub struct Ingested {
    /// The extraction outcome.
    pub extraction: Extraction,
    /// SHA-256 of the content, when the file could be read.
    pub sha256: Option<String>,
    /// Size in bytes (0 when unread).
    pub size: u64,
}

/// Whether poppler's `pdftotext` can be run (checked once per process).
pub fn pdftotext_available() -> bool {
    static AVAILABLE: OnceLock<bool> = OnceLock::new();
    *AVAILABLE.get_or_init(|| {
        Command::new("pdftotext")
            .arg("-v")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok()
    })
}

/// Runs `pdftotext` under the same memory limit and a shorter time limit (a fallback should
/// not double the cost of a file that already failed). `None` when it is not installed.
fn pdftotext(path: &Path, limits: &Limits) -> Option<Extraction> {
    if !pdftotext_available() {
        return None;
    }
    let mut cmd = Command::new("pdftotext");
    cmd.args(["-q", "-enc", "UTF-8"])
        .arg(not_an_option(path).as_os_str())
        .arg("-")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    limit_child(&mut cmd, limits.max_memory);
    let mut child = cmd.spawn().ok()?;
    let mut stdout = child.stdout.take()?;
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        // `finish` refuses more than twice the text cap anyway; reading one byte past that is
        // enough to know, and keeps a text bomb out of this process's memory.
        let cap = 2 * crate::MAX_TEXT_BYTES as u64 + 1;
        let _ = stdout.by_ref().take(cap).read_to_end(&mut buf);
        // Drain the rest so pdftotext is not blocked on a full pipe until its deadline.
        let _ = io::copy(&mut stdout, &mut io::sink());
        buf
    });
    let deadline = Instant::now() + (limits.timeout / 4).max(Duration::from_secs(1));
    loop {
        match child.try_wait() {
            Ok(Some(status)) => {
                let out = reader.join().ok()?;
                if !status.success() {
                    return None;
                }
                let text = String::from_utf8_lossy(&out);
                let pages = text.matches('\u{c}').count().max(1) as u32;
                return Some(finish(
                    &text,
                    Some(pages),
                    Extractor::Pdftotext,
                    "PDF (read by pdftotext)",
                ));
            }
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
}

/// A path that a command line cannot mistake for an option: `-opw.pdf` becomes `./-opw.pdf`.
/// No shell is ever involved (arguments go straight to `execve`), so this is the only way a
/// file name could steer `pdftotext`.
fn not_an_option(path: &Path) -> std::borrow::Cow<'_, Path> {
    use std::os::unix::ffi::OsStrExt;
    if path.as_os_str().as_bytes().starts_with(b"-") {
        std::borrow::Cow::Owned(Path::new(".").join(path))
    } else {
        std::borrow::Cow::Borrowed(path)
    }
}

/// Peak resident set sizes in KiB: this process, and the largest child that has exited
/// (the PDF workers, once the pool is dropped).
pub fn peak_rss_kib() -> (u64, u64) {
    let get = |who| {
        let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
        // SAFETY: getrusage writes a full rusage into the pointer we own.
        let rc = unsafe { libc::getrusage(who, usage.as_mut_ptr()) };
        if rc == 0 {
            // SAFETY: initialised by the successful call above.
            unsafe { usage.assume_init() }.ru_maxrss.max(0) as u64
        } else {
            0
        }
    };
    (get(libc::RUSAGE_SELF), get(libc::RUSAGE_CHILDREN))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip() {
        let mut buf = Vec::new();
        write_frame(&mut buf, b"hello").expect("write");
        assert_eq!(read_frame(&mut buf.as_slice()).expect("read"), b"hello");
    }

    #[test]
    fn file_names_never_become_options() {
        assert_eq!(
            not_an_option(Path::new("-opw x.pdf")).as_ref(),
            Path::new("./-opw x.pdf")
        );
        assert_eq!(
            not_an_option(Path::new("cv/-x.pdf")).as_ref(),
            Path::new("cv/-x.pdf")
        );
        assert_eq!(
            not_an_option(Path::new("/tmp/-x.pdf")).as_ref(),
            Path::new("/tmp/-x.pdf")
        );
    }

    #[test]
    fn a_child_outlives_the_thread_that_asked_for_it() {
        // Found by the fuzz harness: PR_SET_PDEATHSIG follows the forking thread, so a worker
        // started by a thread that then exited was killed under another thread's file.
        let mut cmd = Command::new("sleep");
        cmd.arg("30");
        limit_child(&mut cmd, 1 << 30);
        let child = std::thread::spawn(move || spawn_from_keeper(cmd))
            .join()
            .expect("thread")
            .expect("spawn sleep");
        std::thread::sleep(Duration::from_millis(200));
        let mut child = child;
        assert!(
            child.try_wait().expect("try_wait").is_none(),
            "the child died with the thread that asked for it"
        );
        let _ = child.kill();
        let _ = child.wait();
    }

    #[test]
    fn truncated_frame_is_an_error() {
        assert!(read_frame(&mut &b"\x05\0\0\0he"[..]).is_err());
    }
}
