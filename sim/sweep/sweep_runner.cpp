#include "sim/sweep/sweep_runner.hpp"

#include "sim/config/scenario_loader.hpp"
#include "sim/memory/memory_plan.hpp"
#include "sim/sweep/point_columns.hpp"
#include "sim/sweep/point_run.hpp"
#include "sim/sweep/process_pool.hpp"
#include "sim/sweep/screening.hpp"
#include "sim/sweep/sweep_files.hpp"
#include "sim/sweep/sweep_filters.hpp"
#include "sim/sweep/sweep_progress.hpp"
#include "sim/sweep/sweep_spec.hpp"
#include "sim/util/errors.hpp"
#include "sim/util/interrupt.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <optional>
#include <sstream>

namespace afdsim {

namespace fs = std::filesystem;

namespace {

std::string parameters_text(const std::vector<std::string>& keys, const SweepPoint& point)
{
  std::string text = point.grid.empty() ? "" : "[" + point.grid + "]";
  for (size_t i = 0; i < keys.size(); ++i)
    if (!point.values[i].empty())
      text += (text.empty() ? "" : " ") + keys[i] + "=" + point.values[i];
  return text;
}

std::string wall_text(double seconds)
{
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f", seconds);
  return buffer;
}

class SweepRun {
public:
  SweepRun(const SweepOptions& options, std::ostream& progress) : options_(options), progress_out_(progress) {}

  SweepSummary run()
  {
    const SweepSpec spec = load_sweep_spec(options_.spec_file, options_.sets);
    keys_ = parameter_keys(spec);
    prepare_out_dir();
    summary_.name = spec.name;
    summary_.analytic = options_.analytic;
    summary_.points = point_count(spec);
    for (size_t i = options_.shard.index; i < summary_.points; i += options_.shard.count)
      points_.push_back(sweep_point(spec, i));
    summary_.selected = points_.size();
    rows_.resize(points_.size());
    walls_.resize(points_.size());
    for (size_t i = 0; i < points_.size(); ++i)
      name_row(i);
    progress_.emplace(progress_out_, options_.terminal, points_.size(), options_.jobs);

    // Until a point is settled or has run, its row says `unfinished`: a results.csv left by a
    // sweep that was killed never looks complete.
    std::vector<size_t> to_run;
    size_t settled = 0;
    for (; settled < points_.size() && !stop_signal(); ++settled) {
      if (!settle(spec, settled))
        to_run.push_back(settled);
    }
    if (!to_run.empty() && !stop_signal())
      write_files(spec);
    simulate(spec, to_run);
    for (size_t i = settled; i < points_.size(); ++i)
      not_started(i);
    progress_->done();

    write_files(spec);
    summary_.results_file = (out_ / "results.csv").string();
    summary_.interrupt_signal = interrupt_signal();
    return summary_;
  }

private:
  void prepare_out_dir()
  {
    if (options_.out_dir.empty())
      throw InputError("--out", "", "a sweep needs an output folder");
    out_ = fs::absolute(options_.out_dir).lexically_normal();
    std::error_code ec;
    if (fs::exists(out_, ec) && !fs::is_directory(out_, ec))
      throw InputError("--out", options_.out_dir, "exists and is not a folder");
    fs::create_directories(out_, ec);
    if (ec)
      throw InputError("--out", options_.out_dir, "cannot create the folder: " + ec.message());
  }

  // Row i as it stands until the point is settled or run.
  void name_row(size_t i)
  {
    const SweepPoint& point = points_[i];
    ResultRow& row = rows_[i];
    row.index = point.index;
    row.id = point.id;
    row.grid = point.grid;
    row.parameters = point.values;
    row.status = PointStatus::unfinished;
    row.error = "not run yet: the sweep is running or was stopped before it ran this point";
    walls_[i] = {point.index, point.id, to_string(row.status), "", "", ""};
  }

  // The signal that stops the sweep, once one came; 0 before.
  int stop_signal() const { return interrupt_signal(); }

  void write_files(const SweepSpec& spec)
  {
    write_text_atomically(out_ / "results.csv", results_text(keys_, rows_));
    write_text_atomically(out_ / "wall_times.csv", wall_times_text(walls_));
    write_text_atomically(out_ / "sweep.json", sweep_manifest(spec, options_.shard, options_.analytic).dump(2) + "\n");
  }

  // Fills row i when the point needs no simulation now; false when it must be run.
  bool settle(const SweepSpec& spec, size_t i)
  {
    const SweepPoint& point = points_[i];
    ResultRow& row = rows_[i];
    try {
      const Scenario scenario = load_scenario(spec.resolved_base_file, point.sets);
      add_scenario_columns(scenario, row.metrics);
      if (std::optional<std::string> reason = skip_reason(spec.filters, scenario)) {
        row.status = PointStatus::skipped;
        row.error = *reason;
        return record_settled(i, "");
      }
      if (options_.analytic) {
        check_memory_fits(scenario);  // what `afdsim run` refuses, the screen refuses too
        add_analytic_columns(screening_.analytic(scenario), row.metrics);
        row.status = PointStatus::ok;
        row.error.clear();
        return record_settled(i, "");
      }
    } catch (const InputError& e) {
      row.status = PointStatus::failed;
      row.error = e.what();
      return record_settled(i, "");
    } catch (const std::runtime_error& e) {  // a route probe that died
      if (stop_signal())
        return false;  // of the terminal's signal, most likely: not the point's failure
      row.status = PointStatus::failed;
      row.error = std::string("internal error: ") + e.what();
      return record_settled(i, "");
    }
    const std::optional<nlohmann::json> report = finished_report(point_dir(point));
    if (!report)
      return false;
    take_report(i, *report);
    ++summary_.reused;
    return record_settled(i, " (finished earlier)");
  }

  bool record_settled(size_t i, const std::string& note)
  {
    const ResultRow& row = rows_[i];
    count(row.status);
    walls_[i].status = to_string(row.status);
    progress_->settled(to_string(row.status), line(i) + note);
    return true;
  }

  void count(PointStatus status)
  {
    if (status == PointStatus::ok)
      ++summary_.ok;
    else if (status == PointStatus::failed)
      ++summary_.failed;
    else if (status == PointStatus::skipped)
      ++summary_.skipped;
    else
      ++summary_.unfinished;
  }

  std::string line(size_t i) const
  {
    const ResultRow& row = rows_[i];
    std::string text = row.id + " " + to_string(row.status) + ": " + parameters_text(keys_, points_[i]);
    if (!row.error.empty())
      text += " -- " + row.error;
    return text;
  }

  fs::path point_dir(const SweepPoint& point) const { return out_ / "points" / point.id; }

  void take_report(size_t i, const nlohmann::json& report)
  {
    add_report_columns(report, rows_[i].metrics);
    rows_[i].status = PointStatus::ok;
    rows_[i].error.clear();
    const nlohmann::json::json_pointer wall_s("/simulation/wall_s");
    if (report.contains(wall_s) && report[wall_s].is_number())
      walls_[i].simulation_wall_s = wall_text(report[wall_s].get<double>());
  }

  ChildCommand command(const SweepSpec& spec, const SweepPoint& point) const
  {
    const fs::path dir = point_dir(point);
    ChildCommand c;
    c.program = options_.program;
    c.argv = {options_.program_name.empty() ? options_.program : options_.program_name, "run", spec.resolved_base_file};
    for (const auto& set : point.sets) {
      c.argv.push_back("--set");
      c.argv.push_back(set);
    }
    // The point's folder already holds the captured stdout/stderr; --force replaces only afdsim's
    // own files (a rerun of an unfinished point).
    c.argv.push_back("--out");
    c.argv.push_back(dir.string());
    c.argv.push_back("--force");
    c.stdout_file = (dir / "stdout.txt").string();
    c.stderr_file = (dir / "stderr.txt").string();
    return c;
  }

  // Runs the points N at a time. After a signal: no new point; the running ones get the signal
  // (they are in their own process group, so a terminal's Ctrl-C reaches them only this way, once),
  // stop at their next step boundary and are waited for.
  void simulate(const SweepSpec& spec, const std::vector<size_t>& to_run)
  {
    ProcessPool pool(options_.jobs);
    size_t next = 0;
    int stopping = 0;
    while ((stopping == 0 && next < to_run.size()) || pool.running() > 0) {
      if (stopping == 0 && (stopping = stop_signal()) != 0) {
        pool.signal_all(stopping);
        progress_->note("interrupted by " + signal_name(stopping) + ": starting no new point; " +
                        std::to_string(pool.running()) + " running asked to stop (another signal ends the sweep at once)");
      }
      while (stopping == 0 && next < to_run.size() && !pool.full()) {
        const size_t i = to_run[next++];
        const ChildCommand c = command(spec, points_[i]);
        fs::create_directories(point_dir(points_[i]));
        write_text_atomically(point_dir(points_[i]) / "command.txt", shell_quoted(c.argv));
        pool.start(i, c);
      }
      progress_->tick(pool.running());
      // Short: the loop is also where a signal is noticed and passed on.
      if (const std::optional<ChildOutcome> outcome = pool.wait_any(std::chrono::milliseconds(20)))
        finish(*outcome);
    }
    for (; next < to_run.size(); ++next)
      not_started(to_run[next]);
  }

  void not_started(size_t i)
  {
    rows_[i].status = PointStatus::unfinished;
    rows_[i].error = "not started: the sweep was interrupted by " + signal_name(stop_signal());
    walls_[i].status = to_string(rows_[i].status);
    count(rows_[i].status);
  }

  void finish(const ChildOutcome& outcome)
  {
    const size_t i = outcome.job;
    const SweepPoint& point = points_[i];
    ResultRow& row = rows_[i];
    ++summary_.run;
    walls_[i].run_wall_s = wall_text(outcome.wall_s);
    walls_[i].run_cpu_s = wall_text(outcome.cpu_s);
    // A run the sweep's signal reached exits 128 + it: with a complete report if its simulation
    // had finished, else with "complete": false (or, signalled while it started, none).
    const int stop = stop_signal();
    const bool stopped = stop != 0 && (outcome.exit_code == 128 + stop || outcome.signal != 0);
    const std::optional<nlohmann::json> report =
        outcome.exit_code == 0 || stopped ? finished_report(point_dir(point)) : std::nullopt;
    if (report) {
      take_report(i, *report);
    } else if (stopped) {
      row.status = PointStatus::unfinished;
      row.error = "interrupted by " + signal_name(stop) + " while it ran (afdsim run " + describe_outcome(outcome) + ")";
    } else {
      row.status = PointStatus::failed;
      row.error = failure_text(point_dir(point) / "stderr.txt", outcome);
    }
    count(row.status);
    walls_[i].status = to_string(row.status);
    const std::string text = line(i) + " (" + duration_text(outcome.wall_s) + ")";
    if (row.status == PointStatus::unfinished)
      progress_->stopped(text);
    else
      progress_->finished(row.status == PointStatus::failed, outcome.wall_s, text);
  }

  const SweepOptions& options_;
  std::ostream& progress_out_;
  std::optional<SweepProgress> progress_;
  fs::path out_;
  std::vector<std::string> keys_;
  std::vector<SweepPoint> points_;  // this shard's, in index order
  std::vector<ResultRow> rows_;     // parallel to points_
  std::vector<WallTime> walls_;
  Screening screening_;
  SweepSummary summary_;
};

} // namespace

SweepSummary run_sweep(const SweepOptions& options, std::ostream& progress)
{
  return SweepRun(options, progress).run();
}

std::string summary_text(const SweepSummary& s)
{
  std::ostringstream out;
  out << "sweep " << s.name << ": " << s.selected << " points";
  if (s.selected != s.points)
    out << " (of " << s.points << ")";
  out << ": " << s.ok << " ok, " << s.skipped << " skipped, " << s.failed << " failed";
  if (s.unfinished > 0)
    out << ", " << s.unfinished << " unfinished";
  if (s.analytic)
    out << " (closed forms only)";
  else
    out << " (" << s.run << " simulated now, " << s.reused << " finished earlier)";
  out << " -> " << s.results_file;
  if (s.interrupt_signal != 0 && s.unfinished > 0) {
    out << "; interrupted by " << signal_name(s.interrupt_signal) << ": run the same afdsim sweep command again to finish the "
        << s.unfinished << " unfinished point" << (s.unfinished == 1 ? "" : "s") << " (finished ones are kept)";
  } else if (s.interrupt_signal != 0) {
    out << "; " << signal_name(s.interrupt_signal) << " arrived after every point had finished: the results are complete";
  }
  return out.str();
}

}  // namespace afdsim
