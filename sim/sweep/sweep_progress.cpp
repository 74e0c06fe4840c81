#include "sim/sweep/sweep_progress.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace afdsim {

std::string duration_text(double seconds)
{
  const auto s = static_cast<long>(std::lround(std::max(seconds, 0.0)));
  char buffer[32];
  if (s >= 3600)
    std::snprintf(buffer, sizeof buffer, "%ldh%02ldm", s / 3600, (s / 60) % 60);
  else if (s >= 60)
    std::snprintf(buffer, sizeof buffer, "%ldm%02lds", s / 60, s % 60);
  else if (seconds >= 10)
    std::snprintf(buffer, sizeof buffer, "%lds", s);
  else
    std::snprintf(buffer, sizeof buffer, "%.1fs", std::max(seconds, 0.0));
  return buffer;
}

SweepProgress::SweepProgress(std::ostream& out, bool terminal, size_t points, size_t jobs)
    : out_(out), terminal_(terminal), points_(points), jobs_(jobs < 1 ? 1 : jobs)
{
}

void SweepProgress::count(const std::string& status)
{
  ++settled_;
  if (status == "ok")
    ++ok_;
  else if (status == "failed")
    ++failed_;
  else
    ++skipped_;
}

void SweepProgress::settled(const std::string& status, const std::string& line)
{
  count(status);
  // Reused and skipped points would flood a terminal on a rerun; the bar counts them.
  if (!terminal_ || status == "failed")
    print_line(line);
  else
    draw();
}

void SweepProgress::finished(bool failed, double wall_s, const std::string& line)
{
  count(failed ? "failed" : "ok");
  ++run_;
  run_wall_s_ += wall_s;
  if (running_ > 0)
    --running_;
  if (!terminal_ || failed)
    print_line(line);
  else
    draw();
}

void SweepProgress::stopped(const std::string& line)
{
  if (running_ > 0)
    --running_;
  print_line(line);
}

void SweepProgress::note(const std::string& line) { print_line(line, false); }

void SweepProgress::tick(size_t running)
{
  running_ = running;
  if (terminal_ && std::chrono::steady_clock::now() - last_draw_ >= std::chrono::milliseconds(500))
    draw();
}

void SweepProgress::done()
{
  if (terminal_) {
    draw();
    out_ << "\n";
  }
  out_.flush();
}

void SweepProgress::print_line(const std::string& line, bool counter)
{
  const std::string prefix = counter ? "[" + std::to_string(settled_) + "/" + std::to_string(points_) + "] " : "";
  if (terminal_)
    out_ << "\r\033[K";  // clear the bar, print the line, redraw the bar below it
  out_ << prefix << line << "\n";
  if (terminal_)
    draw();
  out_.flush();
}

std::string SweepProgress::time_left() const
{
  if (settled_ == points_)
    return "took " + duration_text(std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count());
  if (run_ == 0)
    return "time left: ?";
  const size_t remaining = points_ - settled_;
  const double per_point = run_wall_s_ / static_cast<double>(run_);
  return "about " + duration_text(per_point * static_cast<double>(remaining) / static_cast<double>(jobs_)) + " left";
}

void SweepProgress::draw()
{
  constexpr size_t kWidth = 30;
  const size_t filled = points_ == 0 ? kWidth : kWidth * settled_ / points_;
  std::string bar(filled, '#');
  bar += std::string(kWidth - filled, '.');
  out_ << "\r\033[K[" << bar << "] " << settled_ << "/" << points_ << " done: " << ok_ << " ok, " << failed_
       << " failed, " << skipped_ << " skipped; " << running_ << " running; " << time_left();
  out_.flush();
  last_draw_ = std::chrono::steady_clock::now();
}

} // namespace afdsim
