// The metrics accumulate while the run goes (StreamingMetrics, ClaimTimeline) and the run keeps
// only the records its traces need (RecordRetention). These tests hold that to exactness: the
// running totals of real runs of every deployment equal reference values computed from their whole
// records straight from docs/metrics.md (metric_oracle.hpp; worker time by the IntervalSet rule,
// also checked on random records), as does a replay of the whole log; a run that keeps nothing
// reports the same bytes as one that keeps everything, and a trace of a retained window is
// byte-identical to the trace of the whole log.
#include "engine_test_support.hpp"
#include "metric_oracle.hpp"
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

TEST(ClaimTimeline, EqualsTheIntervalSetRuleBitForBitOnRandomOverlappingRecords)
{
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> start(0.0, 1.0);
  std::uniform_real_distribution<double> length(0.0, 0.2);
  std::uniform_int_distribution<std::size_t> claim(0, kClaims - 1);
  std::uniform_int_distribution<int> grid(0, 40);
  for (int trial = 0; trial < 300; ++trial) {
    std::vector<ClaimedSpan> records;
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
  EXPECT_EQ(a.messages.f2a_transfers, b.messages.f2a_transfers) << what;
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
      // Requests of 4 tokens: refills at every step boundary, one of them at t0 itself.
      {"qwen3-32b-h20-3e-afd-3a1f.yaml",
       {"model.layers=4", "workload.steps=12", "workload.warmup_steps=3", "workload.output_tokens=4"}},
      // Open loop: arrivals, queues, idle workers, padding, a run that ends before workload.steps.
      {"qwen3-32b-h20-3e-afd-chat-open.yaml",
       {"model.layers=2", "workload.steps=400", "workload.warmup_steps=40", "workload.arrival_rate_per_s=60"}},
      // Replicas that drift apart: steps of one replica overlap other steps of another.
      {"qwen3-32b-h20-3e-dp8.yaml", {"model.layers=3", "workload.steps=12", "workload.warmup_steps=2",
                                      "workload.prompt_tokens={dist: uniform, min: 100, max: 8000}"}},
      {"qwen3-32b-h20-3e-tp8.yaml", {"model.layers=2", "workload.steps=6", "workload.warmup_steps=1"}},
      // Colocated open loop: replicas that idle until an arrival and queue the requests that come
      // while their batch is full (batch 4: arrivals outrun the slots).
      {"qwen3-32b-h20-3e-dp8.yaml",
       {"model.layers=2", "workload.steps=60", "workload.warmup_steps=10", "workload.batch_per_worker=4",
        "workload.arrival=poisson", "workload.arrival_rate_per_s=400", "workload.output_tokens={dist: geometric, mean: 8}"}},
      // TP2 open loop at a low rate: four replicas idle most of the time, each on its own clock, so
      // their steps drift apart; all-reduces only within a replica.
      {"qwen3-32b-h20-3e-tp8.yaml",
       {"model.layers=2", "workload.steps=40", "workload.warmup_steps=5", "deployment.tensor_parallel=2",
        "workload.arrival=poisson", "workload.arrival_rate_per_s=100", "workload.output_tokens={dist: geometric, mean: 8}"}},
  };
  return cases;
}

std::string case_name(const Case& c)
{
  std::string name = c.file;
  for (const auto& set : c.sets)
    name += " " + set;
  return name;
}

// Sums over records are taken in the engine's order by both, so every value is compared exactly.
TEST(StreamingMetrics, RunningTotalsEqualTheDefinitionsOnTheWholeLog)
{
  // Over all cases, the kinds of value there are to compare: no case passes on empty samples alone.
  int64_t padding_tokens = 0;
  double largest_barrier_s = 0;
  double largest_queue_delay_s = 0;
  int64_t allreduce_transfers = 0;
  double most_idle_open_loop_tp_gpu = 0;  // fraction of the window
  for (const Case& c : deployments()) {
    const std::string what = case_name(c);
    const Scenario s = scenario_of(c.file, c.sets);
    const SimulationResult r = run_keeping(s, RecordRetention::all_records());
    ASSERT_TRUE(r.totals.has_value()) << what;
    const MeasurementWindow window = measurement_window(r.log, s.workload.warmup_steps);
    const RunTotals reference = reference_totals(r.log, window);
    expect_same_totals(*r.totals, reference, what + " (streamed)");
    expect_same_totals(totals_from_log(r.log, window), reference, what + " (replayed)");

    EXPECT_GT(reference.tpot_s.size(), 0u) << what;
    EXPECT_GT(reference.workers.at(0).seconds[kComputeClaim], 0.0) << what;
    const bool open_loop = s.workload.arrival != ArrivalProcess::closed;
    if (open_loop)
      EXPECT_GT(reference.queue_delays_s.size(), 0u) << what;
    if (s.deployment.mode == DeploymentMode::afd) {
      EXPECT_GT(reference.barrier_waits_s.size(), 0u) << what;
      EXPECT_GT(reference.messages.a2f_transfers, 0) << what;
      EXPECT_EQ(reference.messages.f2a_transfers, reference.messages.a2f_transfers) << what;
      EXPECT_GT(reference.ffn_tokens, 0) << what;
    }
    padding_tokens += reference.ffn_padding_tokens;
    for (double b : reference.barrier_waits_s)
      largest_barrier_s = std::max(largest_barrier_s, b);
    for (double q : reference.queue_delays_s)
      largest_queue_delay_s = std::max(largest_queue_delay_s, q);
    allreduce_transfers += reference.messages.allreduce_transfers;
    if (open_loop && s.deployment.mode == DeploymentMode::colocated && s.deployment.tensor_parallel > 1)
      for (const ClaimTotals& w : reference.workers)
        most_idle_open_loop_tp_gpu =
            std::max(most_idle_open_loop_tp_gpu, 1.0 - w.seconds[kComputeClaim] / window.duration_s());
  }
  EXPECT_GT(padding_tokens, 0);
  EXPECT_GT(largest_barrier_s, 0.0);
  EXPECT_GT(largest_queue_delay_s, 0.0);
  EXPECT_GT(allreduce_transfers, 0);
  EXPECT_GT(most_idle_open_loop_tp_gpu, 0.5);  // the TP2 replicas idle most of their window
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
  // The TP2 open loop's replicas drift apart, so a few steps' time span holds many steps of the
  // other replicas: there the trace keeps much of the run, and only its bytes are checked.
  for (const Case& c : {deployments()[0], deployments()[1], deployments()[2], deployments()[5]}) {
    const Scenario s = scenario_of(c.file, c.sets);
    const bool drifting = s.deployment.mode == DeploymentMode::colocated && s.workload.arrival != ArrivalProcess::closed;
    const SimulationResult all = run_keeping(s, RecordRetention::all_records());
    const int last = all.log.steps.back().step;
    for (const StepRange range : {StepRange{false, 5, 6}, StepRange{false, 0, 1}, StepRange{false, last - 1, last}}) {
      const SimulationResult kept = run_keeping(s, RecordRetention::for_trace(range.first, range.last));
      const std::string what = case_name(c) + " steps " + std::to_string(range.first) + ":" + std::to_string(range.last);
      if (!drifting)
        EXPECT_LT(kept.log.computes.size(), all.log.computes.size() / 2) << what;
      EXPECT_LT(kept.log.computes.size(), all.log.computes.size()) << what;
      EXPECT_EQ(trace_files(kept.log, range, "kept"), trace_files(all.log, range, "all")) << what;
    }
  }
  fs::remove_all(dir);
}

} // namespace
} // namespace afdsim::test
