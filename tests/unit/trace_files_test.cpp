// The trace files of real runs: the Paje file parses with PajeNG's pj_dump and its per-GPU state
// times equal the busy and wait times the metrics compute from the same EventLog over the same
// window; the Chrome JSON is well formed and its flows pair up; sizes grow linearly with the
// window at the documented bytes per event (docs/traces.md); colocated runs trace too.
#include "engine_test_support.hpp"
#include "run_afdsim.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/metrics/interval_set.hpp"
#include "sim/metrics/metrics.hpp"
#include "sim/trace/chrome_writer.hpp"
#include "sim/trace/gpu_timeline.hpp"
#include "sim/trace/paje_writer.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>

namespace afdsim::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kScenarios = AFDSIM_SOURCE_DIR "/scenarios/";
constexpr double kNs = 1e-9;

class TraceFiles : public ::testing::Test {
protected:
  void SetUp() override
  {
    dir_ = fs::temp_directory_path() / ("afdsim-trace-test-" + std::to_string(getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  fs::path dir_;
};

EventLog simulated_log(const std::string& scenario, std::vector<std::string> sets)
{
  sets.push_back("model.layers=4");
  const Scenario s = load_scenario(kScenarios + scenario, sets);
  return run_in_child_process([&] { return simulate(s, {}, RecordRetention::all_records()); }).log;
}

struct StateTotals {
  double seconds = 0;
  int records = 0;
};

// pj_dump's "State, container, type, start, end, duration, imbrication, value" lines, summed per
// container and value.
std::map<std::string, std::map<std::string, StateTotals>> pj_dump_states(const std::string& paje_file)
{
  const ProcessResult r = run_command("pj_dump -l 9 '" + paje_file + "'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  std::map<std::string, std::map<std::string, StateTotals>> totals;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("State,", 0) != 0)
      continue;
    std::vector<std::string> f;
    std::istringstream fields(line);
    for (std::string x; std::getline(fields, x, ',');)
      f.push_back(x.substr(x.find_first_not_of(' ')));
    EXPECT_EQ(f.size(), 8u) << line;
    StateTotals& t = totals[f.at(1)][f.at(7)];
    t.seconds += std::stod(f.at(5));
    t.records++;
  }
  return totals;
}

// Each state record's two ends are rounded to the ns in the file: 1 ns of error per record.
void expect_state_time(const std::map<std::string, StateTotals>& gpu, const std::string& state, double expected_s,
                       const std::string& who)
{
  const auto it = gpu.find(state);
  const StateTotals t = it == gpu.end() ? StateTotals{} : it->second;
  EXPECT_NEAR(t.seconds, expected_s, kNs * std::max(1, t.records)) << who << " " << state << " over " << t.records
                                                                    << " records";
}

double compute_time_s(const EventLog& log, int worker, ComputeKind kind, const TraceWindow& w)
{
  IntervalSet set;
  for (const auto& c : log.computes) {
    if (c.worker == worker && c.kind == kind)
      set.add(c.start_s, c.end_s);
  }
  return set.clipped(w.t0_s, w.t1_s).length_s();
}

void expect_paje_matches_metrics(const EventLog& log, const TraceWindow& w, const std::string& paje_file)
{
  const auto totals = pj_dump_states(paje_file);
  MeasurementWindow mw;
  mw.first_step = w.first_step;
  mw.last_step = w.last_step;
  mw.t0_s = w.t0_s;
  mw.t1_s = w.t1_s;
  const auto metrics = worker_metrics(log, mw);
  const double window_s = mw.duration_s();
  ASSERT_EQ(totals.size(), log.workers.size());
  for (std::size_t i = 0; i < log.workers.size(); i++) {
    const std::string& name = log.workers[i].name;
    const auto& gpu = totals.at(name);
    const WorkerMetrics& m = metrics[i];
    const int worker = static_cast<int>(i);
    expect_state_time(gpu, "attention", compute_time_s(log, worker, ComputeKind::attention, w), name);
    expect_state_time(gpu, "ffn", compute_time_s(log, worker, ComputeKind::ffn, w), name);
    expect_state_time(gpu, "lm_head", compute_time_s(log, worker, ComputeKind::lm_head, w), name);
    double busy_s = 0;
    for (const char* s : {"attention", "ffn", "lm_head"})
      busy_s += gpu.count(s) ? gpu.at(s).seconds : 0;
    EXPECT_NEAR(busy_s, m.busy_s, 3 * kNs * 1000) << name;  // loose: the per-kind checks above are the 1 ns ones
    expect_state_time(gpu, "wait_ffn", m.wait_ffn_result_fraction * window_s, name);
    expect_state_time(gpu, "wait_first_input", m.wait_first_input_fraction * window_s, name);
    expect_state_time(gpu, "wait_barrier", m.wait_barrier_fraction * window_s, name);
    expect_state_time(gpu, "allreduce", m.wait_allreduce_fraction * window_s, name);
    expect_state_time(gpu, "idle", (m.step_boundary_fraction + m.other_idle_fraction) * window_s, name);
  }
}

TEST_F(TraceFiles, PajeParsesAndItsStateTimesAreTheMetricsOfTheWindow)
{
  const EventLog log = simulated_log("qwen3-32b-h20-3e-afd-3a1f.yaml", {"workload.steps=8", "workload.warmup_steps=2"});
  const TraceWindow w = trace_window(log, default_trace_steps(2, 8));
  EXPECT_EQ(w.first_step, 2);
  EXPECT_EQ(w.last_step, 4);
  write_paje_trace(path("afd.paje"), log, w);
  expect_paje_matches_metrics(log, w, path("afd.paje"));
  const auto totals = pj_dump_states(path("afd.paje"));
  EXPECT_GT(totals.at("ffn0").at("ffn").records, 0);
  EXPECT_GT(totals.at("attn0").at("wait_ffn").records, 0);
}

TEST_F(TraceFiles, PajeHasTheHierarchyALinkPerMessageAndTheInFlightVariable)
{
  const EventLog log = simulated_log("qwen3-32b-h20-3e-afd-3a1f.yaml", {"workload.steps=6", "workload.warmup_steps=1"});
  const TraceWindow w = trace_window(log, StepRange{true, 0, 0});
  write_paje_trace(path("all.paje"), log, w);
  const ProcessResult r = run_command("pj_dump -l 9 '" + path("all.paje") + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Container, 0, PLATFORM, "), std::string::npos);
  EXPECT_NE(r.out.find("Container, platform, NODE, "), std::string::npos);
  EXPECT_NE(r.out.find("Container, node0, GPU, "), std::string::npos);
  EXPECT_NE(r.out.find("Variable, attn0, in_flight_microbatches, "), std::string::npos);
  std::size_t links = 0;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("Link,", 0) == 0) {
      links++;
      EXPECT_NE(line.find(", step"), std::string::npos) << line;
    }
  }
  EXPECT_EQ(links, window_transfers(log, w).size());
  EXPECT_EQ(links, log.transfers.size());  // the whole run: every message
}

TEST_F(TraceFiles, ChromeJsonIsWellFormedAndItsFlowsPairUp)
{
  const EventLog log = simulated_log("qwen3-32b-h20-3e-afd-3a1f.yaml", {"workload.steps=8", "workload.warmup_steps=2"});
  const TraceWindow w = trace_window(log, default_trace_steps(2, 8));
  const std::size_t events = write_chrome_trace(path("afd.json"), log, w);
  const json trace = json::parse(read_text_file(path("afd.json")));
  ASSERT_TRUE(trace.at("traceEvents").is_array());
  EXPECT_EQ(trace.at("traceEvents").size(), events);
  std::map<long, std::vector<json>> flows;
  std::map<std::pair<int, std::string>, double> state_s;  // (pid, name) on the compute thread
  std::size_t network = 0;
  for (const json& e : trace.at("traceEvents")) {
    const std::string ph = e.at("ph");
    if (ph == "X") {
      for (const char* key : {"ts", "dur", "pid", "tid", "name", "args"})
        EXPECT_TRUE(e.contains(key)) << key << " in " << e.dump();
      EXPECT_GE(e.at("dur").get<double>(), 0);
      EXPECT_GE(e.at("ts").get<double>(), w.t0_s * 1e6 - 1e-3);
      EXPECT_LE(e.at("ts").get<double>() + e.at("dur").get<double>(), w.t1_s * 1e6 + 1e-3);
      if (e.at("tid") == 0)
        state_s[{e.at("pid").get<int>(), e.at("name").get<std::string>()}] += e.at("dur").get<double>() * 1e-6;
      else {
        network++;
        EXPECT_TRUE(e.at("args").contains("bytes"));
      }
    } else if (ph == "s" || ph == "f") {
      flows[e.at("id").get<long>()].push_back(e);
    } else {
      EXPECT_EQ(ph, "M");
    }
  }
  EXPECT_EQ(network, window_transfers(log, w).size());
  EXPECT_EQ(flows.size(), network);
  for (const auto& [id, pair] : flows) {
    ASSERT_EQ(pair.size(), 2u) << id;
    EXPECT_EQ(pair[0].at("ph"), "s");
    EXPECT_EQ(pair[1].at("ph"), "f");
    EXPECT_LE(pair[0].at("ts").get<double>(), pair[1].at("ts").get<double>());
  }
  // The compute-thread events are the Paje states minus idle.
  const auto timelines = gpu_timelines(log, w);
  for (std::size_t i = 0; i < timelines.size(); i++) {
    std::map<std::string, double> expected;
    for (const auto& seg : timelines[i])
      expected[to_string(seg.state)] += seg.end_s - seg.start_s;
    for (const auto& [state, seconds] : expected) {
      const double got = state == "idle" ? 0 : state_s[{static_cast<int>(i) + 1, state}];
      if (state != "idle")
        EXPECT_NEAR(got, seconds, 1e-9 * static_cast<double>(timelines[i].size())) << state;
    }
  }
}

struct TraceSize {
  std::size_t events;
  double bytes;
};

TEST_F(TraceFiles, SizeGrowsLinearlyWithTheWindowAtTheDocumentedBytesPerEvent)
{
  const EventLog log = simulated_log("qwen3-32b-h20-3e-afd-3a1f.yaml", {"workload.steps=12", "workload.warmup_steps=2"});
  std::map<int, TraceSize> paje;
  std::map<int, TraceSize> chrome;
  for (int steps : {1, 2, 4, 8}) {
    const TraceWindow w = trace_window(log, StepRange{false, 2, 2 + steps - 1});
    const std::string p = path("w" + std::to_string(steps));
    paje[steps] = {write_paje_trace(p + ".paje", log, w), static_cast<double>(fs::file_size(p + ".paje"))};
    chrome[steps] = {write_chrome_trace(p + ".json", log, w), static_cast<double>(fs::file_size(p + ".json"))};
  }
  // docs/traces.md: at most 60 bytes per Paje event and 150 per Chrome event, beyond a fixed header.
  for (const auto& [sizes, max_bytes_per_event] : {std::pair{paje, 60.0}, std::pair{chrome, 150.0}}) {
    const double per_step_4 = (sizes.at(8).bytes - sizes.at(4).bytes) / 4;
    const double per_step_1 = sizes.at(2).bytes - sizes.at(1).bytes;
    EXPECT_NEAR(per_step_4 / per_step_1, 1.0, 0.1);
    const double bytes_per_event =
        (sizes.at(8).bytes - sizes.at(1).bytes) / static_cast<double>(sizes.at(8).events - sizes.at(1).events);
    EXPECT_LE(bytes_per_event, max_bytes_per_event);
    EXPECT_GT(bytes_per_event, max_bytes_per_event / 3);  // the bound is meant to be close
  }
}

TEST_F(TraceFiles, ColocatedTensorParallelRunTracesAllReduces)
{
  const EventLog log = simulated_log("qwen3-32b-h20-3e-tp8.yaml", {"workload.steps=6", "workload.warmup_steps=1"});
  const TraceWindow w = trace_window(log, default_trace_steps(1, 6));
  write_paje_trace(path("tp8.paje"), log, w);
  expect_paje_matches_metrics(log, w, path("tp8.paje"));
  const auto totals = pj_dump_states(path("tp8.paje"));
  EXPECT_GT(totals.at("gpu0").at("allreduce").records, 0);
  EXPECT_GT(totals.at("gpu0").at("attention").records, 0);
  EXPECT_GT(totals.at("gpu0").at("ffn").records, 0);
  write_chrome_trace(path("tp8.json"), log, w);
  const json trace = json::parse(read_text_file(path("tp8.json")));
  const auto& events = trace.at("traceEvents");
  EXPECT_TRUE(std::any_of(events.begin(), events.end(), [](const json& e) {
    return e.at("ph") == "X" && e.at("name") == "allreduce" && e.at("cat") == "network";
  }));
}

TEST_F(TraceFiles, RunWritesBothTracesFromFlagsAndFromScenarioKeys)
{
  const std::string base = "run " + kScenarios + "qwen3-32b-h20-3e-afd-1a1f.yaml --set model.layers=4 --set workload.steps=6 "
                           "--set workload.warmup_steps=1 --json";
  ProcessResult r = run_afdsim(base + " --paje " + path("f.paje") + " --chrome " + path("f.json") + " --trace-steps 2:3");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("trace of steps 2..3"), std::string::npos) << r.err;
  EXPECT_NO_THROW(json::parse(r.out));
  EXPECT_NO_THROW(json::parse(read_text_file(path("f.json"))));
  EXPECT_EQ(run_command("pj_dump '" + path("f.paje") + "'").exit_code, 0);

  r = run_afdsim(base + " --set outputs.paje=" + path("k.paje") + " --set outputs.chrome=" + path("k.json") +
                 " --set outputs.trace_steps=all");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("trace of steps 0..5"), std::string::npos) << r.err;
  EXPECT_TRUE(fs::exists(path("k.paje")));
  EXPECT_TRUE(fs::exists(path("k.json")));
}

// The streamed writer's merge order, ties included (containers before states, then links, then
// in-flight values, at one instant), against a golden file written by an earlier writer that
// sorted every line in memory; the simulation is deterministic. If the simulated timings change
// on purpose, regenerate the golden with the command below.
TEST_F(TraceFiles, PajeFileMatchesTheGoldenFileByteForByte)
{
  const ProcessResult r = run_afdsim("run " + kScenarios + "qwen3-32b-h20-3e-afd-3a1f.yaml --set model.layers=2 "
                                     "--set workload.steps=3 --set workload.warmup_steps=1 --trace-steps 1:1 --paje " +
                                     path("g.paje"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(read_text_file(path("g.paje")) ==
              read_text_file(AFDSIM_SOURCE_DIR "/tests/data/golden/afd-3a1f-2layers-step1.paje"))
      << "the Paje file differs from tests/data/golden/afd-3a1f-2layers-step1.paje";
}

TEST_F(TraceFiles, BadTraceStepsExitTwoBeforeSimulatingAndWriteNothing)
{
  const std::string base = "run " + kScenarios + "qwen3-32b-h20-3e-afd-1a1f.yaml --set model.layers=4 --set workload.steps=6 "
                           "--set workload.warmup_steps=1";
  for (const char* bad : {"3-4", "4:3", "5:6", "x"}) {
    const ProcessResult r = run_afdsim(base + " --paje " + path("x.paje") + " --trace-steps " + bad);
    EXPECT_EQ(r.exit_code, 2) << bad;
    EXPECT_NE(r.err.find("--trace-steps"), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
  }
  const ProcessResult r = run_afdsim(base + " --paje " + path("no-such-dir/x.paje"));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("no-such-dir/x.paje"), std::string::npos) << r.err;
  EXPECT_TRUE(fs::is_empty(dir_)) << "no trace and no temporary file left behind";
}

TEST_F(TraceFiles, PlotTimelineDrawsAPngFromTheChromeTrace)
{
  const EventLog log = simulated_log("qwen3-32b-h20-3e-afd-3a1f.yaml", {"workload.steps=4", "workload.warmup_steps=1"});
  write_chrome_trace(path("p.json"), log, trace_window(log, default_trace_steps(1, 4)));
  const ProcessResult r = run_command(AFDSIM_SOURCE_DIR "/scripts/plot_timeline.py '" + path("p.json") + "' -o '" +
                                      path("p.png") + "' --zoom-ms 0:1");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_text_file(path("p.png")).substr(0, 8), "\x89PNG\r\n\x1a\n");
  EXPECT_EQ(run_command(AFDSIM_SOURCE_DIR "/scripts/plot_timeline.py '" + path("p.json") + "' -o '" + path("q.png") +
                        "' --zoom-ms 3:1")
                .exit_code,
            1);
}

// docs/traces.md: SimGrid's own tracer, for link utilisation, runs on every shipped platform.
TEST_F(TraceFiles, SimGridPlatformTracingOptionsRunOnEveryShippedPlatform)
{
  for (const char* platform : {"h20-3e-8gpu.xml", "h20-3e-2x8-rdma.xml", "h20-3e-4x8-rdma.xml"}) {
    const std::string trace = path(std::string(platform) + ".trace");
    const ProcessResult r = run_afdsim(
        "run " + kScenarios + "qwen3-32b-h20-3e-afd-3a1f.yaml --set model.layers=4 --set workload.steps=3 "
        "--set workload.warmup_steps=1 --set platform.file=" AFDSIM_SOURCE_DIR "/platforms/" + platform +
        " --json --cfg=tracing:yes --cfg=tracing/platform:yes --cfg=tracing/platform/topology:no "
        "--cfg=tracing/precision:9 --cfg=tracing/uncategorized:yes --cfg=tracing/filename:" + trace);
    EXPECT_EQ(r.exit_code, 0) << platform << ": " << r.err;
    const ProcessResult dump = run_command("pj_dump -l 9 '" + trace + "'");
    EXPECT_EQ(dump.exit_code, 0) << platform << ": " << dump.err;
    EXPECT_NE(dump.out.find("bandwidth_used"), std::string::npos) << platform;
  }
}

} // namespace
} // namespace afdsim::test
