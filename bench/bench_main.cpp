// afdsim_bench: afdsim's simulation speed against SimGrid's own for the same pattern
// (docs/performance.md). For each scenario it runs, in turn, `afdsim run SCENARIO --json` and
// afdsim_raw_pattern with the same actors, ops, durations and message sizes (pattern_args.hpp),
// N times each, and prints the medians: activities per second, wall time per simulated decode
// step, and the ratio afdsim / raw SimGrid, taken pair by pair.
//
//   afdsim_bench [--runs N] [--steps S] [--afdsim PATH] [--raw PATH] [--commands]
//
// --commands prints each case's two command lines and runs nothing (to profile one of them).
#include "bench/child_command.hpp"
#include "bench/pattern_args.hpp"

#include "sim/config/scenario_loader.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace afdsim::bench {
namespace {

struct Case {
  std::string name;
  std::vector<std::string> sets;
};

const std::string kDefaultScenario = AFDSIM_SOURCE_DIR "/scenarios/qwen3-32b-h20-3e-afd-7a1f.yaml";

const std::vector<Case> kCases = {
    {"default: r = 7, m = 2", {}},
    {"r = 1, m = 1", {"deployment.attention_workers=1", "deployment.microbatches=1"}},
    {"r = 7, m = 4", {"deployment.microbatches=4"}},
};

struct Options {
  int runs = 5;
  int steps = 0;  // 0: the scenario's
  std::string afdsim = AFDSIM_BINARY;
  std::string raw = AFDSIM_RAW_PATTERN_BINARY;
  bool commands_only = false;
};

struct Figures {
  double sim_wall_s = 0;      // the simulation alone (afdsim: simulation.wall_s)
  double process_wall_s = 0;  // the whole process
  uint64_t activities = 0;
  double simulated_s = 0;
};

double median(std::vector<double> v)
{
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

Figures run_once(const std::vector<std::string>& argv, bool afdsim)
{
  const CommandRun run = run_command(argv);
  if (run.exit_code != 0)
    throw std::runtime_error(argv.front() + " exited with code " + std::to_string(run.exit_code));
  const nlohmann::json j = nlohmann::json::parse(run.out);
  const nlohmann::json& sim = afdsim ? j.at("simulation") : j;
  Figures f;
  f.sim_wall_s = sim.at("wall_s").get<double>();
  f.process_wall_s = run.wall_s;
  f.activities = sim.at("activities").get<uint64_t>();
  f.simulated_s = sim.at("simulated_s").get<double>();
  return f;
}

// Prints the case's table row; appends what the reader should know to `notes`.
void bench_case(const Case& c, const Options& o, std::vector<std::string>& notes)
{
  std::vector<std::string> sets = c.sets;
  if (o.steps > 0) {
    sets.push_back("workload.steps=" + std::to_string(o.steps));
    sets.push_back("workload.warmup_steps=" + std::to_string(o.steps / 10));
  }
  const Scenario scenario = load_scenario(kDefaultScenario, sets);
  std::vector<std::string> afdsim = {o.afdsim, "run", kDefaultScenario, "--json"};
  for (const auto& s : sets) {
    afdsim.push_back("--set");
    afdsim.push_back(s);
  }
  std::vector<std::string> raw = {o.raw};
  for (const auto& a : raw_pattern_args(scenario))
    raw.push_back(a);

  if (o.commands_only) {
    for (const auto* argv : {&afdsim, &raw}) {
      std::string line;
      for (const auto& a : *argv)
        line += (line.empty() ? "" : " ") + a;
      std::cout << line << "\n";
    }
    return;
  }
  run_once(afdsim, true);  // warm-up: file caches, page tables
  run_once(raw, false);
  std::vector<double> a_sim, a_proc, b_sim, b_proc, ratio;
  Figures a, b;
  for (int i = 0; i < o.runs; ++i) {
    a = run_once(afdsim, true);
    b = run_once(raw, false);
    a_sim.push_back(a.sim_wall_s);
    a_proc.push_back(a.process_wall_s);
    b_sim.push_back(b.sim_wall_s);
    b_proc.push_back(b.process_wall_s);
    ratio.push_back((static_cast<double>(a.activities) / a.sim_wall_s) / (static_cast<double>(b.activities) / b.sim_wall_s));
  }
  const int steps = scenario.workload.steps;
  const double a_rate = static_cast<double>(a.activities) / median(a_sim);
  const double b_rate = static_cast<double>(b.activities) / median(b_sim);
  std::cout << fmt::format("| {} | {} | {} | {:.3f} | {:.3f} | {:.0f} k | {:.0f} k | **{:.2f}** | {:.2f} | {:.2f} | {:.3f} | {:.3f} |\n",
                           c.name, steps, a.activities, median(a_sim), median(b_sim), a_rate / 1e3, b_rate / 1e3,
                           median(ratio), 1e3 * median(a_sim) / steps, 1e3 * median(b_sim) / steps, median(a_proc),
                           median(b_proc));
  if (a.activities != b.activities)
    notes.push_back(fmt::format("{}: afdsim started {} activities, the raw pattern {}", c.name, a.activities,
                                b.activities));
  notes.push_back(fmt::format("{}: simulated {:.6f} s (afdsim) and {:.6f} s (raw pattern: every step has the first "
                              "step's durations)",
                              c.name, a.simulated_s, b.simulated_s));
}

Options parse(int argc, char** argv)
{
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc)
        throw std::invalid_argument(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--runs")
      o.runs = std::stoi(value());
    else if (arg == "--steps")
      o.steps = std::stoi(value());
    else if (arg == "--afdsim")
      o.afdsim = value();
    else if (arg == "--raw")
      o.raw = value();
    else if (arg == "--commands")
      o.commands_only = true;
    else
      throw std::invalid_argument("usage: afdsim_bench [--runs N] [--steps S] [--afdsim PATH] [--raw PATH] [--commands]");
  }
  if (o.runs < 1 || o.steps < 0)
    throw std::invalid_argument("--runs must be at least 1 and --steps at least 0");
  return o;
}

} // namespace
} // namespace afdsim::bench

int main(int argc, char** argv)
{
  using namespace afdsim::bench;
  try {
    const Options o = parse(argc, argv);
    if (o.commands_only) {
      std::vector<std::string> notes;
      for (const Case& c : kCases)
        bench_case(c, o, notes);
      return 0;
    }
    std::cout << fmt::format("afdsim vs raw SimGrid, {} paired runs each, medians (simulation phase; whole "
                             "process in the last two columns)\n\n",
                             o.runs);
    std::cout << "| scenario | steps | activities | afdsim s | raw SimGrid s | afdsim act/s | raw act/s | ratio | "
                 "afdsim ms/step | raw ms/step | afdsim process s | raw process s |\n";
    std::cout << "|---|---|---|---|---|---|---|---|---|---|---|---|\n";
    std::vector<std::string> notes;
    for (const Case& c : kCases)
      bench_case(c, o, notes);
    std::cout << "\n";
    for (const auto& note : notes)
      std::cout << note << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "afdsim_bench: " << e.what() << "\n";
    return 1;
  }
}
