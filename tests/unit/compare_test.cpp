// `afdsim compare` without SimGrid: the configurations it builds, the TPOT batch search, and the
// runner with a formula in place of the simulation (sim/compare/).
#include "sim/compare/batch_search.hpp"
#include "sim/compare/compare_configurations.hpp"
#include "sim/compare/compare_runner.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/memory/memory_plan.hpp"
#include "sim/util/errors.hpp"
#include "sim/util/interrupt.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <csignal>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace afdsim {
namespace {

const std::string kScenarios = std::string(AFDSIM_SOURCE_DIR) + "/scenarios/";

std::vector<std::string> names(const std::vector<CompareConfiguration>& configs)
{
  std::vector<std::string> n;
  for (const auto& c : configs)
    n.push_back(c.name);
  return n;
}

// Every configuration's overrides load through the strict loader to the deployment it names.
void expect_loads_as_named(const std::string& file, const std::vector<CompareConfiguration>& configs, int gpus)
{
  for (const auto& c : configs) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(c.gpus, gpus);
    const Scenario s = load_scenario(file, c.sets);
    EXPECT_EQ(s.deployment.mode, c.mode);
    if (c.mode == DeploymentMode::colocated) {
      EXPECT_EQ(s.deployment.gpus, gpus);
      EXPECT_EQ(s.deployment.tensor_parallel, c.tensor_parallel);
      EXPECT_EQ(s.deployment.microbatches, 1);
    } else {
      EXPECT_EQ(s.deployment.attention_workers + s.deployment.ffn_workers, gpus);
    }
  }
}

TEST(CompareConfigurations, EightGpusGiveAfdDpTp2Tp4Tp8)
{
  const std::string file = kScenarios + "qwen3-32b-h20-3e-afd-7a1f.yaml";
  const auto configs = compare_configurations(load_scenario(file));
  EXPECT_EQ(names(configs), (std::vector<std::string>{"AFD 7A1F m=2", "colocated DP", "colocated TP2",
                                                      "colocated TP4", "colocated TP8"}));
  EXPECT_TRUE(configs[0].sets.empty());  // the scenario itself
  expect_loads_as_named(file, configs, 8);
}

TEST(CompareConfigurations, FourGpusStopAtTp4)
{
  const std::string file = kScenarios + "qwen3-32b-h20-3e-afd-3a1f.yaml";
  const auto configs = compare_configurations(load_scenario(file));
  EXPECT_EQ(names(configs),
            (std::vector<std::string>{"AFD 3A1F m=2", "colocated DP", "colocated TP2", "colocated TP4"}));
  expect_loads_as_named(file, configs, 4);
}

TEST(CompareConfigurations, TpMustDivideGpusAndHeads)
{
  Scenario s = load_scenario(kScenarios + "qwen3-32b-h20-3e-afd-7a1f.yaml");
  s.deployment.attention_workers = 5;  // 6 GPUs: TP2 only
  EXPECT_EQ(names(compare_configurations(s)),
            (std::vector<std::string>{"AFD 5A1F m=2", "colocated DP", "colocated TP2"}));
  s.deployment.attention_workers = 7;
  s.model.kv_heads = 4;  // 8 GPUs, but TP8 would split a KV head
  EXPECT_EQ(names(compare_configurations(s)),
            (std::vector<std::string>{"AFD 7A1F m=2", "colocated DP", "colocated TP2", "colocated TP4"}));
  s.deployment.mode = DeploymentMode::colocated;
  EXPECT_THROW(compare_configurations(s), std::invalid_argument);
}

// A decode-like TPOT: flat on 64-token tiles plus a per-token slope, in seconds.
double tiled_tpot_s(int batch) { return 0.010 + 0.004 * std::ceil(batch / 64.0) + 1e-5 * batch; }

TEST(BatchSearch, DoublesThenBisects)
{
  // TPOT = 10 ms + 0.5 ms x batch; bound 30 ms: the largest batch within is 40.
  const auto tpot = [](int b) { return 0.010 + 0.0005 * b; };
  const BatchSearchResult r = largest_batch_within(1, 1000, 0.030, tpot);
  EXPECT_EQ(r.best_batch, 40);
  std::vector<int> probed;
  for (const auto& p : r.probes) {
    probed.push_back(p.batch);
    EXPECT_EQ(p.within, p.batch <= 40);
    EXPECT_DOUBLE_EQ(p.tpot_s, tpot(p.batch));
  }
  EXPECT_EQ(probed, (std::vector<int>{1, 2, 4, 8, 16, 32, 64, 48, 40, 44, 42, 41}));
}

TEST(BatchSearch, StopsAtTheMemoryLimitAndReportsNoBatch)
{
  const auto tpot = [](int b) { return 0.001 * b; };
  const BatchSearchResult capped = largest_batch_within(2, 100, 1.0, tpot);  // everything is within
  EXPECT_EQ(capped.best_batch, 100);
  EXPECT_EQ(capped.probes.size(), 7u);  // 2, 4, 8, 16, 32, 64, 100
  EXPECT_EQ(capped.probes.back().batch, 100);

  const BatchSearchResult none = largest_batch_within(2, 100, 0.0015, tpot);  // TPOT(2) = 2 ms
  EXPECT_EQ(none.best_batch, 0);
  ASSERT_EQ(none.probes.size(), 1u);
  EXPECT_FALSE(none.probes[0].within);

  EXPECT_EQ(largest_batch_within(7, 7, 1.0, tpot).best_batch, 7);
  EXPECT_THROW(largest_batch_within(0, 7, 1.0, tpot), std::invalid_argument);
  EXPECT_THROW(largest_batch_within(8, 7, 1.0, tpot), std::invalid_argument);
}

TEST(BatchSearch, MatchesBruteForceOnEveryBoundWithinTheLogBudget)
{
  std::mt19937 rng(7);
  for (int trial = 0; trial < 300; ++trial) {
    const int min_batch = 1 + static_cast<int>(rng() % 4);
    const int max_batch = min_batch + static_cast<int>(rng() % 700);
    const double bound = 0.010 + 1e-5 * static_cast<double>(rng() % 3000);
    int expected = 0;
    for (int b = min_batch; b <= max_batch && tiled_tpot_s(b) <= bound; ++b)
      expected = b;
    int calls = 0;
    const BatchSearchResult r = largest_batch_within(min_batch, max_batch, bound, [&](int b) {
      ++calls;
      return tiled_tpot_s(b);
    });
    ASSERT_EQ(r.best_batch, expected) << "min " << min_batch << " max " << max_batch << " bound " << bound;
    const double budget = 2 * std::ceil(std::log2(static_cast<double>(max_batch))) + 2;
    EXPECT_LE(calls, budget);
    EXPECT_EQ(static_cast<size_t>(calls), r.probes.size());
  }
}

// A stand-in for the simulation: TPOT = 1 ms per request of a GPU's share, tokens/s per GPU as if
// every GPU decoded its share at that TPOT.
Metrics formula_metrics(const Scenario& s)
{
  const bool colocated = s.deployment.mode == DeploymentMode::colocated;
  const double per_gpu = colocated ? static_cast<double>(s.workload.batch_per_worker) / s.deployment.tensor_parallel
                                   : s.workload.batch_per_worker * s.deployment.attention_workers / 2.0;
  Metrics m;
  m.tpot_s = summarize({1e-3 * (1 + per_gpu)});
  m.throughput.tokens_per_s_per_gpu = per_gpu / m.tpot_s.p50;
  m.throughput.tokens_per_s = m.throughput.tokens_per_s_per_gpu * 2;
  m.workers.resize(2);
  m.workers[0].bubble_fraction = 0.25;
  m.workers[1].bubble_fraction = 0.75;
  return m;
}

TEST(CompareRunner, SearchesEachConfigurationAndComputesTheSpeedup)
{
  // The oracle: 1A1F, m = 1, on 2 GPUs: AFD, DP, TP2. Bound 21 ms: per-GPU share 20.
  CompareOptions options{kScenarios + "fixed-cost-oracle.yaml", {}, 21.0};
  std::vector<std::string> lines;
  const CompareTable t = run_compare(options, formula_metrics, [&](const std::string& l) { lines.push_back(l); });
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.gpus, 2);
  EXPECT_EQ(t.search_steps, 50);        // the oracle's 50 steps are below the cap of 60
  EXPECT_EQ(t.search_warmup_steps, 5);
  const int expected_batch[] = {40, 20, 40};  // AFD: share b/2; DP: b; TP2: b/2
  for (size_t i = 0; i < 3; ++i) {
    SCOPED_TRACE(t.rows[i].config.name);
    EXPECT_EQ(t.rows[i].status, RowStatus::ran);
    EXPECT_EQ(t.rows[i].batch_per_worker, expected_batch[i]);
    EXPECT_EQ(t.rows[i].simulations, static_cast<int>(t.rows[i].probes.size()) + 1);
    EXPECT_NEAR(t.rows[i].tpot_p50_ms, 21.0, 1e-9);
    EXPECT_DOUBLE_EQ(t.rows[i].mean_bubble_fraction, 0.5);
  }
  const CompareVerdict v = compare_verdict(t);
  ASSERT_TRUE(v.best_baseline && v.afd_speedup_per_gpu);
  EXPECT_EQ(*v.best_baseline, 1u);  // DP and TP2 tie; the first wins
  EXPECT_DOUBLE_EQ(*v.afd_speedup_per_gpu, 1.0);
  EXPECT_FALSE(lines.empty());
}

TEST(CompareRunner, ListsConfigurationsThatDoNotFitWithTheReason)
{
  // 45 requests of 2560 tokens hold 30.2 GB of KV per replica: with 60 GB per GPU, DP (all weights
  // on every GPU) does not fit, TP2 and AFD do.
  CompareOptions options{kScenarios + "fixed-cost-oracle.yaml", {"hardware.memory_gb=60"}, std::nullopt};
  const CompareTable t = run_compare(options, formula_metrics, [](const std::string&) {});
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0].status, RowStatus::ran);
  EXPECT_EQ(t.rows[1].status, RowStatus::does_not_fit);
  EXPECT_EQ(t.rows[1].simulations, 0);
  EXPECT_NE(t.rows[1].reason.find("workload.batch_per_worker"), std::string::npos) << t.rows[1].reason;
  EXPECT_LT(t.rows[1].max_batch_per_worker, 45);
  EXPECT_EQ(t.rows[2].status, RowStatus::ran);
  EXPECT_EQ(t.rows[2].batch_per_worker, 45);
  const CompareVerdict v = compare_verdict(t);
  ASSERT_TRUE(v.best_baseline);
  EXPECT_EQ(*v.best_baseline, 2u);  // the one baseline that ran
  const auto j = compare_json(t);
  EXPECT_EQ(j["configurations"][1]["status"], "does_not_fit");
  EXPECT_TRUE(j["configurations"][1]["tokens_per_s"].is_null());
}

TEST(CompareRunner, ASignalStopsBeforeTheNextSimulationAndTheTableSaysIncomplete)
{
  // The signal comes during the TPOT search of the second configuration (DP): its next
  // simulation does not start; AFD's row stands, DP and TP2 are interrupted, and no verdict.
  CompareOptions options{kScenarios + "fixed-cost-oracle.yaml", {}, 21.0};
  int simulations = 0;
  int afd_simulations = 0;
  const SimulateMetrics signalled = [&](const Scenario& s) {
    if (s.deployment.mode == DeploymentMode::afd)
      ++afd_simulations;
    else if (++simulations == 2)
      request_interrupt(SIGTERM);
    return formula_metrics(s);
  };
  const CompareTable t = run_compare(options, signalled, [](const std::string&) {});
  clear_interrupt();
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_FALSE(t.complete());
  EXPECT_EQ(t.stop_signal, SIGTERM);
  EXPECT_EQ(t.rows_completed(), 1u);
  EXPECT_EQ(t.rows[0].status, RowStatus::ran);
  EXPECT_EQ(t.rows[0].simulations, afd_simulations);
  EXPECT_EQ(simulations, 2);  // DP's third never started
  EXPECT_EQ(t.rows[1].status, RowStatus::interrupted);
  EXPECT_EQ(t.rows[1].reason, "interrupted by SIGTERM before its simulations finished");
  EXPECT_EQ(t.rows[2].status, RowStatus::interrupted);
  EXPECT_EQ(t.rows[2].reason, "not run: the comparison was interrupted by SIGTERM");
  EXPECT_FALSE(compare_verdict(t).best_baseline);

  const auto j = compare_json(t);
  EXPECT_EQ(j["complete"], false);
  EXPECT_EQ(j["stopped"], (nlohmann::json{{"reason", "interrupted by SIGTERM"}, {"signal", SIGTERM},
                                          {"configurations_completed", 1}}));
  EXPECT_EQ(j["configurations"][1]["status"], "interrupted");
  EXPECT_TRUE(j["configurations"][1]["tokens_per_s"].is_null());
  EXPECT_TRUE(j["best_baseline"].is_null());
  EXPECT_TRUE(j["afd_speedup_per_gpu"].is_null());
  std::ostringstream console;
  print_compare_table(console, t);
  EXPECT_EQ(console.str().rfind("INCOMPLETE: interrupted by SIGTERM after 1 of 3 configurations; the rows that ran "
                                "are whole simulations, no verdict\n",
                                0),
            0u)
      << console.str();
  EXPECT_NE(console.str().find("colocated TP2: not run: the comparison was interrupted by SIGTERM\n"), std::string::npos);
  EXPECT_NE(console.str().find("AFD speedup per GPU: n/a (interrupted before every configuration ran)\n"),
            std::string::npos);
}

TEST(CompareRunner, ACompleteTableSaysSo)
{
  CompareOptions options{kScenarios + "fixed-cost-oracle.yaml", {}, std::nullopt};
  const CompareTable t = run_compare(options, formula_metrics, [](const std::string&) {});
  EXPECT_TRUE(t.complete());
  const auto j = compare_json(t);
  EXPECT_EQ(j["complete"], true);
  EXPECT_FALSE(j.contains("stopped"));
}

TEST(CompareRunner, RefusesAColocatedScenarioAndABadBound)
{
  const auto no_sim = [](const Scenario&) -> Metrics { throw std::logic_error("must not simulate"); };
  const auto quiet = [](const std::string&) {};
  CompareOptions colocated{kScenarios + "fixed-cost-oracle.yaml", {"deployment.mode=colocated"}, std::nullopt};
  try {
    run_compare(colocated, no_sim, quiet);
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("deployment.mode: afdsim compare starts from an AFD scenario"),
              std::string::npos)
        << e.what();
  }
  CompareOptions bad_bound{kScenarios + "fixed-cost-oracle.yaml", {}, -1.0};
  EXPECT_THROW(run_compare(bad_bound, no_sim, quiet), InputError);
}

} // namespace
} // namespace afdsim
