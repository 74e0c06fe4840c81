#pragma once
// What a sweep prints on stderr while it runs: on a terminal, one bar redrawn in place (done and
// failed counts, points running, time left), with failures printed above it; otherwise one plain
// line per point, for logs and batch jobs.
#include <chrono>
#include <ostream>
#include <string>

namespace afdsim {

class SweepProgress {
public:
  // `points`: the points of this run (this shard); `terminal`: draw the bar.
  SweepProgress(std::ostream& out, bool terminal, size_t points, size_t jobs);

  // A point settled without running (reused, skipped, or failed before it started).
  void settled(const std::string& status, const std::string& line);
  // A run point finished after `wall_s` seconds; `failed` ones are always shown.
  void finished(bool failed, double wall_s, const std::string& line);
  // A run point stopped by the sweep's signal before it finished: shown, not counted as done.
  void stopped(const std::string& line);
  // A line about the whole sweep (the signal), shown above the bar.
  void note(const std::string& line);
  // Redraws the bar (time left moves even when no point finishes); no-op without a terminal.
  void tick(size_t running);
  // Ends the bar's line.
  void done();

private:
  void count(const std::string& status);
  void print_line(const std::string& line, bool counter = true);
  void draw();
  std::string time_left() const;

  std::ostream& out_;
  bool terminal_;
  size_t points_;
  size_t jobs_;
  size_t settled_ = 0;
  size_t ok_ = 0;
  size_t failed_ = 0;
  size_t skipped_ = 0;
  size_t run_ = 0;            // points run to completion in this invocation
  double run_wall_s_ = 0;
  size_t running_ = 0;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_draw_{};
};

// "1h02m", "3m05s", "42s".
std::string duration_text(double seconds);

} // namespace afdsim
