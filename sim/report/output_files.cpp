#include "sim/report/output_files.hpp"

#include "sim/report/report.hpp"
#include "sim/report/workload_report.hpp"
#include "sim/util/errors.hpp"

#include <spdlog/fmt/fmt.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <tuple>

namespace afdsim {
namespace fs = std::filesystem;

namespace {

void write_file(const fs::path& path, const std::string& text)
{
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << text;
  f.close();
  if (!f)
    throw fs::filesystem_error("cannot write", path, std::make_error_code(std::errc::io_error));
}

fs::path target_path(const std::string& dir)
{
  fs::path target = fs::absolute(dir).lexically_normal();
  if (target.filename().empty())  // "out/" names the directory "out"
    target = target.parent_path();
  return target;
}

void move_into_place(const fs::path& tmp, const fs::path& target, const std::map<std::string, std::string>& files)
{
  if (!fs::exists(target)) {
    fs::rename(tmp, target);
    return;
  }
  // report.json last: once it is there, so is every other file of the run.
  for (const auto& entry : files)
    if (entry.first != "report.json")
      fs::rename(tmp / entry.first, target / entry.first);
  fs::rename(tmp / "report.json", target / "report.json");
  fs::remove(tmp);
}

} // namespace

std::string steps_csv(const EventLog& log)
{
  std::vector<const StepRecord*> rows;
  for (const auto& s : log.steps)
    rows.push_back(&s);
  std::stable_sort(rows.begin(), rows.end(), [](const StepRecord* a, const StepRecord* b) {
    return std::tie(a->step, a->worker) < std::tie(b->step, b->worker);
  });
  std::string csv = "worker,step,start_ms,end_ms,tokens,context_tokens\n";
  for (const StepRecord* s : rows)
    csv += fmt::format("{},{},{},{},{},{}\n", log.workers.at(static_cast<std::size_t>(s->worker)).name, s->step,
                       s->start_s * 1e3, s->end_s * 1e3, s->requests, s->context_tokens);
  return csv;
}

std::string workers_csv(const Metrics& metrics)
{
  std::string csv = "name,role,host,busy_fraction,bubble_fraction,wait_ffn_result_fraction,step_boundary_fraction,"
                    "wait_first_input_fraction,wait_barrier_fraction,other_idle_fraction,wait_allreduce_fraction\n";
  for (const auto& w : metrics.workers)
    csv += fmt::format("{},{},{},{},{},{},{},{},{},{},{}\n", w.name, to_string(w.role), w.host, w.busy_fraction,
                       w.bubble_fraction, w.wait_ffn_result_fraction, w.step_boundary_fraction,
                       w.wait_first_input_fraction, w.wait_barrier_fraction, w.other_idle_fraction,
                       w.wait_allreduce_fraction);
  return csv;
}

const std::vector<std::string>& output_file_names()
{
  static const std::vector<std::string> names = {"report.json", "requests.csv", "scenario.yaml", "steps.csv",
                                                 "workers.csv"};
  return names;
}

void prepare_output_dir(const std::string& dir, bool force, const std::string& what)
{
  std::error_code ec;
  const fs::path target = target_path(dir);
  if (!fs::exists(target, ec))
    return;
  if (!fs::is_directory(target, ec))
    throw InputError(what, dir, "exists and is not a directory");
  if (!force) {
    if (!fs::is_empty(target, ec))
      throw InputError(what, dir,
                       "is not empty; name a new or empty directory, or pass --force to replace afdsim's files in it");
    return;
  }
  for (const auto& name : output_file_names()) {
    fs::remove(target / name, ec);
    if (ec)
      throw InputError(what, dir, "cannot remove the earlier " + name + ": " + ec.message());
  }
}

void write_output_files(const std::string& dir, const RunOutputs& outputs)
{
  const std::map<std::string, std::string> files = {{"report.json", report_text(outputs.report)},
                                                    {"scenario.yaml", outputs.scenario_yaml},
                                                    {"steps.csv", steps_csv(outputs.log)},
                                                    {"requests.csv", requests_csv(outputs.log)},
                                                    {"workers.csv", workers_csv(outputs.metrics)}};
  fs::path tmp;
  try {
    const fs::path target = target_path(dir);
    if (fs::exists(target) && !fs::is_directory(target))
      throw InputError("--out", dir, "exists and is not a directory");
    fs::create_directories(target.parent_path());
    tmp = target.parent_path() / fmt::format(".{}.tmp-{}", target.filename().string(), getpid());
    fs::remove_all(tmp);
    fs::create_directory(tmp);
    for (const auto& [name, text] : files)
      write_file(tmp / name, text);
    move_into_place(tmp, target, files);
  } catch (const fs::filesystem_error& e) {
    std::error_code ignored;
    if (!tmp.empty())
      fs::remove_all(tmp, ignored);
    throw InputError("--out", dir, e.what());
  }
}

} // namespace afdsim
