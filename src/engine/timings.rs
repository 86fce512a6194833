//! How long each stage of an update took, in the order they ran: the engine times its stages,
//! and `build --timings`, `serve` and the benchmarks print them.

use std::time::{Duration, Instant};

/// How long each stage of a build took, in the order they ran.
#[derive(Debug, Clone)]
pub struct Timings {
    stages: Vec<(&'static str, Duration)>,
    lap_started: Instant,
}

impl Default for Timings {
    fn default() -> Self {
        Timings::start()
    }
}

impl Timings {
    /// Starts timing the first stage.
    pub fn start() -> Timings {
        Timings {
            stages: Vec::new(),
            lap_started: Instant::now(),
        }
    }

    /// Ends the current stage, naming it.
    pub fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.stages.push((stage, now - self.lap_started));
        self.lap_started = now;
    }

    /// Records a stage timed elsewhere (in pieces, say), and starts the next one now.
    pub fn record(&mut self, stage: &'static str, time: Duration) {
        self.stages.push((stage, time));
        self.lap_started = Instant::now();
    }

    /// The stages and their times.
    pub fn stages(&self) -> &[(&'static str, Duration)] {
        &self.stages
    }
}

impl std::fmt::Display for Timings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self
            .stages
            .iter()
            .map(|(stage, time)| format!("{stage} {:.1} ms", time.as_secs_f64() * 1000.0))
            .collect();
        write!(f, "{}", parts.join(", "))
    }
}
