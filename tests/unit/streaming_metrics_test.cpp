// The metrics accumulate while the run goes (StreamingMetrics, ClaimTimeline) and the run keeps
// only the records its traces need (RecordRetention). These tests hold that to exactness: the
// running totals equal those of the whole records bit for bit, on random records against the
// IntervalSet rule and on real runs of every deployment; a run that keeps nothing reports the same
// bytes as one that keeps everything, and a trace of a retained window is byte-identical to the
// trace of the whole log.
#include "engine_test_support.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/engine/result_codec.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/metrics/claim_timeline.hpp"
#include "sim/metrics/interval_set.hpp"
#include "sim/metrics/metrics.hpp"
#include "sim/metrics/run_recorder.hpp"
#include "sim/metrics/streaming_metrics.hpp"
#include "sim/report/report.hpp"
#include "sim/trace/chrome_writer.hpp"
#include "sim/trace/paje_writer.hpp"
#include "sim/trace/trace_window.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace afdsim::test {
namespace {

namespace fs = std::filesystem;
const std::string kScenarios = AFDSIM_SOURCE_DIR "/scenarios/";

// The rule the metrics used on whole logs before they streamed (and trace tests still use):
// compute's union clipped to the window, then each wait cause's union minus what was claimed.
ClaimTotals interval_set_totals(const std::vector<std::pair<std::size_t, std::pair<double, double>>>& records,
                                double t0_s, double t1_s)
{
  std::array<IntervalSet, kClaims> sets;
  for (const auto& [claim, span] : records)
    sets[claim].add(span.first, span.second);
  ClaimTotals totals;
  IntervalSet claimed = sets[kComputeClaim].clipped(t0_s, t1_s);
  totals.seconds[kComputeClaim] = claimed.length_s();
  for (std::size_t c = 1; c < kClaims; ++c) {
    IntervalSet own = sets[c].clipped(t0_s, t1_s).minus(claimed);
    totals.seconds[c] = own.length_s();
    claimed = claimed.united(own);
  }
  return totals;
}

TEST(ClaimTimeline, EqualsTheIntervalSetRuleBitForBitOnRandomOverlappingRecords)
{
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> start(0.0, 1.0);
  std::uniform_real_distribution<double> length(0.0, 0.2);
  std::uniform_int_distribution<std::size_t> claim(0, kClaims - 1);
  std::uniform_int_distribution<int> grid(0, 40);
  for (int trial = 0; trial < 300; ++trial) {
    std::vector<std::pair<std::size_t, std::pair<double, double>>> records;
    const bool on_grid = trial % 2 == 0;  // shared endpoints: pieces that touch and merge
    for (int i = 0; i < 60; ++i) {
      const double s = on_grid ? grid(rng) / 40.0 : start(rng);
      const double e = on_grid ? s + grid(rng) / 200.0 : s + length(rng);
      records.push_back({claim(rng), {s, e}});
    }
    std::stable_sort(records.begin(), records.end(),
                     [](const auto& a, const auto& b) { return a.second.first < b.second.first; });
    const double t0_s = on_grid ? 0.25 : start(rng) * 0.5;
    const double t1_s = on_grid ? 0.75 : 0.5 + start(rng) * 0.5;
    ClaimTimeline timeline;
    const WindowBounds window{true, t0_s, t1_s, true};
    for (const auto& [c, span] : records)
      timeline.add(c, span.first, span.second, window);
    timeline.finish(window);
    const ClaimTotals expected = interval_set_totals(records, t0_s, t1_s);
    for (std::size_t c = 0; c < kClaims; ++c)
      EXPECT_EQ(timeline.totals().seconds[c], expected.seconds[c]) << "trial " << trial << " claim " << c;
  }
}

TEST(ClaimTimeline, SequentialRecordsOfALongRunHoldOnlyTheRecentPieces)
{
  // A worker computing and waiting in turn for 10,000 steps, the window's end known step by step.
  ClaimTimeline timeline;
  WindowBounds window{true, 0.0, 0.0, false};
  double t = 0;
  std::size_t most_held = 0;
  for (int step = 0; step < 10000; ++step) {
    for (int op = 0; op < 8; ++op) {
      timeline.add(kComputeClaim, t, t + 1.0, window);
      timeline.add(wait_claim(WaitCause::ffn_result), t + 1.0, t + 1.5, window);
      t += 1.5;
    }
    window.t1_s = t;  // the step ended
    most_held = std::max(most_held, timeline.pieces_held());
  }
  window.final = true;
  timeline.finish(window);
  EXPECT_LE(most_held, 20u);
  EXPECT_EQ(timeline.totals().seconds[kComputeClaim], 80000.0);
  EXPECT_EQ(timeline.totals().seconds[wait_claim(WaitCause::ffn_result)], 40000.0);
}

TEST(ClaimTimeline, ARecordStartingBeforeThePreviousOneIsAnInternalError)
{
  ClaimTimeline timeline;
  const WindowBounds window{true, 0.0, 10.0, true};
  timeline.add(kComputeClaim, 2.0, 3.0, window);
  try {
    timeline.add(kComputeClaim, 1.0, 4.0, window);
    FAIL() << "expected std::logic_error";
  } catch (const std::logic_error& e) {
    EXPECT_STREQ(e.what(), "worker time: a record starting at 1.000000 s came after one starting at 2.000000 s");
  }
}

Scenario scenario_of(const std::string& file, std::vector<std::string> sets)
{
  return load_scenario(kScenarios + file, sets);
}

SimulationResult run_keeping(const Scenario& s, const RecordRetention& retention)
{
  return run_in_child_process([&] { return simulate(s, {}, retention); });
}

void expect_same_totals(const RunTotals& a, const RunTotals& b, const std::string& what)
{
  EXPECT_EQ(a.window.t0_s, b.window.t0_s) << what;
  EXPECT_EQ(a.window.t1_s, b.window.t1_s) << what;
  EXPECT_EQ(a.window.last_step, b.window.last_step) << what;
  ASSERT_EQ(a.workers.size(), b.workers.size()) << what;
  for (std::size_t w = 0; w < a.workers.size(); ++w)
    for (std::size_t c = 0; c < kClaims; ++c)
      EXPECT_EQ(a.workers[w].seconds[c], b.workers[w].seconds[c]) << what << " worker " << w << " claim " << c;
  EXPECT_EQ(a.messages.a2f_bytes, b.messages.a2f_bytes) << what;
  EXPECT_EQ(a.messages.f2a_bytes, b.messages.f2a_bytes) << what;
  EXPECT_EQ(a.messages.a2f_transfers, b.messages.a2f_transfers) << what;
  EXPECT_EQ(a.messages.allreduce_bytes, b.messages.allreduce_bytes) << what;
  EXPECT_EQ(a.messages.allreduce_transfers, b.messages.allreduce_transfers) << what;
  EXPECT_EQ(a.tpot_s, b.tpot_s) << what;
  auto sorted = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  EXPECT_EQ(sorted(a.barrier_waits_s), sorted(b.barrier_waits_s)) << what;  // a sample: order is not kept
  EXPECT_EQ(sorted(a.queue_delays_s), sorted(b.queue_delays_s)) << what;
  EXPECT_EQ(a.ffn_tokens, b.ffn_tokens) << what;
  EXPECT_EQ(a.ffn_padding_tokens, b.ffn_padding_tokens) << what;
}

struct Case {
  std::string file;
  std::vector<std::string> sets;
};

const std::vector<Case>& deployments()
{
  static const std::vector<Case> cases = {
      {"qwen3-32b-h20-3e-afd-3a1f.yaml", {"model.layers=4", "workload.steps=12", "workload.warmup_steps=3"}},
      // Open loop: arrivals, queues, idle workers, padding, a run that ends before workload.steps.
      {"qwen3-32b-h20-3e-afd-chat-open.yaml",
       {"model.layers=2", "workload.steps=400", "workload.warmup_steps=40", "workload.arrival_rate_per_s=60"}},
      // Replicas that drift apart: steps of one replica overlap other steps of another.
      {"qwen3-32b-h20-3e-dp8.yaml", {"model.layers=3", "workload.steps=12", "workload.warmup_steps=2",
                                      "workload.prompt_tokens={dist: uniform, min: 100, max: 8000}"}},
      {"qwen3-32b-h20-3e-tp8.yaml", {"model.layers=2", "workload.steps=6", "workload.warmup_steps=1"}},
  };
  return cases;
}

TEST(StreamingMetrics, RunningTotalsEqualTheTotalsOfTheWholeLogBitForBit)
{
  for (const Case& c : deployments()) {
    const Scenario s = scenario_of(c.file, c.sets);
    const SimulationResult r = run_keeping(s, RecordRetention::all_records());
    ASSERT_TRUE(r.totals.has_value()) << c.file;
    const MeasurementWindow window = measurement_window(r.log, s.workload.warmup_steps);
    expect_same_totals(*r.totals, totals_from_log(r.log, window), c.file);
    EXPECT_GT(r.totals->tpot_s.size(), 0u) << c.file;
  }
}

nlohmann::json report_without_wall_time(const Scenario& s, const SimulationResult& r)
{
  nlohmann::json report = build_report(s, compute_metrics(s, r), r, nlohmann::json::object());
  report["simulation"].erase("wall_s");
  return report;
}

TEST(StreamingMetrics, ARunKeepingNoRecordReportsTheSameBytesAsOneKeepingAll)
{
  for (const Case& c : deployments()) {
    const Scenario s = scenario_of(c.file, c.sets);
    const SimulationResult all = run_keeping(s, RecordRetention::all_records());
    const SimulationResult none = run_keeping(s, {});
    EXPECT_TRUE(none.log.computes.empty() && none.log.waits.empty() && none.log.transfers.empty() &&
                none.log.tokens.empty() && none.log.admissions.empty())
        << c.file;
    EXPECT_EQ(none.log.steps.size(), all.log.steps.size()) << c.file;
    EXPECT_EQ(none.log.requests.size(), all.log.requests.size()) << c.file;
    EXPECT_EQ(report_text(report_without_wall_time(s, none)), report_text(report_without_wall_time(s, all)))
        << c.file;
  }
}

std::string read_file(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(StreamingMetrics, ATraceOfTheRetainedWindowIsTheTraceOfTheWholeLog)
{
  const fs::path dir = fs::temp_directory_path() / ("afdsim-retention-test-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const auto trace_files = [&dir](const EventLog& log, const StepRange& range, const std::string& tag) {
    const TraceWindow w = trace_window(log, range);
    write_paje_trace((dir / (tag + ".paje")).string(), log, w);
    write_chrome_trace((dir / (tag + ".json")).string(), log, w);
    return read_file((dir / (tag + ".paje")).string()) + read_file((dir / (tag + ".json")).string());
  };
  for (const Case& c : {deployments()[0], deployments()[1], deployments()[2]}) {
    const Scenario s = scenario_of(c.file, c.sets);
    const SimulationResult all = run_keeping(s, RecordRetention::all_records());
    const int last = all.log.steps.back().step;
    for (const StepRange range : {StepRange{false, 5, 6}, StepRange{false, 0, 1}, StepRange{false, last - 1, last}}) {
      const SimulationResult kept = run_keeping(s, RecordRetention::for_trace(range.first, range.last));
      const std::string what = c.file + " steps " + std::to_string(range.first) + ":" + std::to_string(range.last);
      EXPECT_LT(kept.log.computes.size(), all.log.computes.size() / 2) << what;
      EXPECT_EQ(trace_files(kept.log, range, "kept"), trace_files(all.log, range, "all")) << what;
    }
  }
  fs::remove_all(dir);
}

} // namespace
} // namespace afdsim::test
